// SPDX-License-Identifier: MPL-2.0
// Dense ids while loading a register: the interner across its growth, the citizens' and
// inquiries' ids in register order, and each follow-up's main row when its main case comes
// later.
#include "register/interner.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using ombuds::CaseColumns;
using ombuds::detail::CaseIds;
using ombuds::detail::Interner;
using ombuds::detail::MainRows;

TEST(Interner, KeepsEveryIdAcrossItsGrowth) {
    Interner interner(4);
    for (int i = 0; i < 100000; ++i)
        ASSERT_EQ(interner.intern("key-" + std::to_string(i)), static_cast<std::uint32_t>(i));
    for (int i = 0; i < 100000; i += 7) {
        ASSERT_EQ(interner.intern("key-" + std::to_string(i)), static_cast<std::uint32_t>(i));
        ASSERT_EQ(interner.find("key-" + std::to_string(i)), static_cast<std::uint32_t>(i));
        ASSERT_EQ(interner.key(static_cast<std::uint32_t>(i)), "key-" + std::to_string(i));
    }
    EXPECT_EQ(interner.find("key-100000"), Interner::absent);
    EXPECT_EQ(interner.find(""), Interner::absent);
    EXPECT_EQ(interner.intern(""), 100000u);
    EXPECT_EQ(interner.count(), 100001u);
}

TEST(Interner, KeysInRunsKeepTheirIds) {
    // The last key is compared first: runs, a key that extends or shortens the last, the empty
    // key, and keys seen before a run.
    Interner interner(2);
    const std::vector<std::pair<std::string, std::uint32_t>> sequence = {
        {"a", 0}, {"a", 0}, {"ab", 1}, {"ab", 1}, {"a", 0},  {"", 2},    {"", 2},
        {"b", 3}, {"a", 0}, {"a", 0},  {"b", 3},  {"ab", 1}, {"abc", 4}, {"ab", 1}};
    for (const auto& [key, id] : sequence) ASSERT_EQ(interner.intern(key), id) << key;
    EXPECT_EQ(interner.count(), 5u);
    for (int i = 0; i < 1000; ++i) {  // across growth, a run's key stays its own
        const std::string key = "run-" + std::to_string(i / 3);
        ASSERT_EQ(interner.intern(key), 5u + static_cast<std::uint32_t>(i / 3)) << key;
    }
    EXPECT_EQ(interner.intern("a"), 0u);
    EXPECT_EQ(interner.find("run-0"), 5u);
}

TEST(CaseIds, FollowUpsTakeTheirMainCasesInquiryWhereverItComes) {
    struct Case {
        const char* id;
        const char* inquiry;
        const char* citizen;
        const char* main;
    };
    // F1 comes before its main case M1; F2's main case is not among them; M2 has an inquiry id
    // that F3 (without one) inherits; D is the first of two cases with one id.
    const std::vector<Case> cases = {
        {"F1", "", "a", "M1"}, {"M1", "", "b", ""}, {"M2", "H-7", "a", ""}, {"F2", "", "", "GONE"},
        {"F3", "", "c", "M2"}, {"D", "", "", ""},   {"D", "", "", ""},      {"F4", "", "", "D"}};
    CaseIds ids(4);
    MainRows mains(4);
    CaseColumns columns;
    for (const auto& c : cases) {
        auto assigned = ids.add(c.id, c.inquiry, c.citizen, *c.main != '\0');
        mains.add(c.id, c.main);
        columns.citizen.push_back(assigned.citizen);
        columns.inquiry.push_back(assigned.inquiry);
    }
    ids.release_citizens();
    mains.finish(columns.main_row);
    ids.finish(columns);
    const auto none = CaseColumns::no_case;
    EXPECT_EQ(columns.main_row,
              (std::vector<std::uint32_t>{1, none, none, none, 2, none, none, 5}));
    // Citizens in order of first sight (a, b, c); anonymous 0.
    EXPECT_EQ(columns.citizen, (std::vector<std::uint32_t>{1, 2, 1, 0, 3, 0, 0, 0}));
    EXPECT_EQ(columns.citizen_count, 3u);
    // Inquiries: M1's own (0), H-7 (1), D's and the second D's own... one key: "#D" (2); F1
    // takes M1's, F3 takes H-7, F4 takes D's, and F2 (main case absent) one of its own (3).
    EXPECT_EQ(columns.inquiry, (std::vector<std::uint32_t>{0, 0, 1, 3, 1, 2, 2, 2}));
    EXPECT_EQ(columns.inquiry_count, 4u);
}

}  // namespace
