// SPDX-License-Identifier: MPL-2.0
// Shares outside the office (report/shares.hpp): a share is called known only when it is the
// office's and the same for every split of the hidden lines, checked against all the splits.
#include "report/shares.hpp"

#include <gtest/gtest.h>

#include <random>

#include "ombuds/statistics.hpp"

namespace ombuds {
namespace {

using report_detail::known_share;

/// Whether line i's share is the same for every split of the hidden lines' sum (each >= 1).
bool same_for_every_split(std::vector<std::uint64_t> counts, const std::vector<bool>& hidden,
                          std::size_t i) {
    std::vector<std::size_t> at;
    std::uint64_t rest = 0;
    for (std::size_t j = 0; j < counts.size(); ++j) {
        if (hidden[j]) {
            at.push_back(j);
            rest += counts[j];
        }
    }
    const auto first = largest_remainder_tenths(counts)[i];
    bool same = true;
    auto split = [&](auto& self, std::size_t k, std::uint64_t left) -> void {
        if (!same) return;
        if (k + 1 == at.size()) {
            counts[at[k]] = left;
            same = largest_remainder_tenths(counts)[i] == first;
            return;
        }
        for (std::uint64_t v = 1; v + (at.size() - k - 1) <= left && same; ++v) {
            counts[at[k]] = v;
            self(self, k + 1, left - v);
        }
    };
    split(split, 0, rest);
    return same;
}

void check(const std::vector<std::uint64_t>& counts, const std::vector<bool>& hidden, int& known,
           int& unknown) {
    const auto office = largest_remainder_tenths(counts);
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (hidden[i]) continue;
        auto share = known_share(counts, hidden, i);
        if (!share) {
            ++unknown;
            continue;
        }
        ++known;
        EXPECT_EQ(*share, office[i]);
        EXPECT_TRUE(same_for_every_split(counts, hidden, i)) << "line " << i;
    }
}

TEST(Shares, WithoutHiddenLinesTheyAreTheLargestRemainder) {
    std::vector<std::uint64_t> counts{1, 1, 1};
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_EQ(known_share(counts, {false, false, false}, i),
                  largest_remainder_tenths(counts)[i]);
}

TEST(Shares, KnownOnlyWhenNoSplitOfTheHiddenLinesChangesThem) {
    // 42 of 480 is 8.75 %: whether it shows as 8.7 or 8.8 depends on the other remainders.
    std::vector<std::uint64_t> demo{42, 33, 35, 46, 135, 96, 32, 2, 3, 2, 15, 39};
    std::vector<bool> hidden(demo.size(), false);
    hidden[7] = hidden[8] = hidden[9] = true;
    int known = 0, unknown = 0;
    check(demo, hidden, known, unknown);
    EXPECT_GT(known, 0);
    // Small lists, few hidden lines, exactly; larger rests through the bound on remainders.
    std::mt19937 random(13);
    int known_large = 0, unknown_large = 0;
    for (int trial = 0; trial < 300; ++trial) {
        const bool large = trial % 3 == 0;
        std::size_t n = 3 + random() % 5;
        std::vector<std::uint64_t> counts(n);
        std::vector<bool> hide(n, false);
        for (std::size_t j = 0; j < n; ++j) counts[j] = 1 + random() % (large ? 900 : 60);
        std::size_t hidden_lines = 2 + random() % (large ? 1 : 2);
        for (std::size_t k = 0; k < hidden_lines; ++k) hide[random() % n] = true;
        if (large) {
            for (std::size_t j = 0; j < n; ++j)
                if (hide[j]) counts[j] += 700;  // a rest too large for the exact program
        }
        check(counts, hide, large ? known_large : known, large ? unknown_large : unknown);
    }
    EXPECT_GT(known, 300);
    EXPECT_GT(unknown, 10);
    EXPECT_GT(known_large, 50);  // the bound on remainders knows shares too
    EXPECT_GT(unknown_large, 0);
}

}  // namespace
}  // namespace ombuds
