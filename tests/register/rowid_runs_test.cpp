// SPDX-License-Identifier: MPL-2.0
// The rowids of the column snapshot as runs: positions found as a sorted vector would give them,
// and stored runs refused unless they are rowids in rising order, as many as the columns hold.
#include "register/rowid_runs.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace {

using ombuds::register_detail::RowidRuns;
using StoredRun = RowidRuns::Run;

TEST(RowidRuns, FindsWhatASortedVectorFinds) {
    std::mt19937 random(7);
    std::vector<std::int64_t> rowids;
    RowidRuns runs;
    std::int64_t rowid = 3;
    for (int i = 0; i < 5000; ++i) {
        rowid += random() % 4 == 0 ? 1 + random() % 50 : 1;  // runs broken by deletions
        rowids.push_back(rowid);
        runs.push_back(rowid);
    }
    ASSERT_EQ(runs.size(), rowids.size());
    EXPECT_LT(runs.runs().size(), rowids.size() / 2);
    EXPECT_EQ(runs.back(), rowids.back());
    for (std::int64_t wanted = 0; wanted <= rowids.back() + 2; ++wanted) {
        auto at = std::lower_bound(rowids.begin(), rowids.end(), wanted);
        auto [position, found] = runs.find(wanted);
        ASSERT_EQ(position, static_cast<std::size_t>(at - rowids.begin())) << wanted;
        ASSERT_EQ(found, at != rowids.end() && *at == wanted) << wanted;
    }
    std::vector<std::int64_t> walked;
    runs.for_each([&](std::size_t position, std::int64_t r) {
        EXPECT_EQ(position, walked.size());
        walked.push_back(r);
    });
    EXPECT_EQ(walked, rowids);
    auto again = RowidRuns::from_runs(runs.runs(), runs.size());
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->size(), runs.size());
}

TEST(RowidRuns, ALoadIntoAnEmptyRegisterIsOneRun) {
    auto runs = RowidRuns::consecutive(1, 1000000);
    EXPECT_EQ(runs.runs().size(), 1u);
    EXPECT_EQ(runs.size(), 1000000u);
    EXPECT_EQ(runs.find(500000), std::make_pair(std::size_t{499999}, true));
    EXPECT_EQ(runs.find(1000001), std::make_pair(std::size_t{1000000}, false));
    EXPECT_TRUE(RowidRuns::consecutive(1, 0).empty());
}

TEST(RowidRuns, DamagedRunsAreRefused) {
    const auto most = std::numeric_limits<std::int64_t>::max();
    const std::vector<std::pair<std::vector<StoredRun>, std::size_t>> damaged = {
        {{{1, 10}}, 9},                  // more rowids than cases
        {{{1, 10}}, 11},                 // fewer
        {{{1, 0}, {5, 10}}, 10},         // an empty run
        {{{1, -3}, {5, 13}}, 10},        // a negative one
        {{{1, 5}, {3, 5}}, 10},          // overlapping: not rising
        {{{10, 5}, {1, 5}}, 10},         // falling
        {{{most - 2, 5}}, 5},            // past the largest rowid
        {{{1, most}, {most, 1}}, 10},    // a count beyond any register
        {{{1, 5}, {6, most - 10}}, 10},  // the same in a later run
    };
    for (const auto& [stored, size] : damaged)
        EXPECT_FALSE(RowidRuns::from_runs(stored, size).has_value()) << stored.front().first;
    auto fine = RowidRuns::from_runs({{1, 5}, {6, 5}, {20, 1}}, 11);
    ASSERT_TRUE(fine.has_value());
    EXPECT_EQ(fine->runs().size(), 3u);  // kept as stored (two of them could have been one)
}

}  // namespace
