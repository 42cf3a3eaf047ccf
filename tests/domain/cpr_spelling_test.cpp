// SPDX-License-Identifier: MPL-2.0
#include "ombuds/detail/cpr_spelling.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>

namespace ombuds::detail::cpr_spelling {
namespace {

TEST(CprSpelling, Classify) {
    EXPECT_EQ(classify("7", 0).kind, Kind::digit);
    EXPECT_EQ(classify("7", 0).value, 7);
    EXPECT_EQ(classify("\uFF17", 0).value, 7);
    EXPECT_EQ(classify("\uFF17", 0).length, 3);
    EXPECT_EQ(classify("\U0001D7DF", 0).value, 7);  // mathematical double-struck seven
    EXPECT_EQ(classify("\u0667", 0).value, 7);
    EXPECT_EQ(classify("\u2013", 0).kind, Kind::mark);
    EXPECT_EQ(classify("\u00A0", 0).kind, Kind::blank);
    EXPECT_EQ(classify("\u200B", 0).kind, Kind::invisible);
    EXPECT_EQ(classify("\xFF", 0).kind, Kind::invisible);
    EXPECT_EQ(classify("\xE2\x80", 0).kind, Kind::invisible);      // cut short
    EXPECT_EQ(classify("\xE0\x80\xB7", 0).kind, Kind::invisible);  // overlong '7'
    EXPECT_EQ(classify("æ", 0).kind, Kind::other);
    EXPECT_EQ(classify("a", 0).kind, Kind::other);
}

TEST(CprSpelling, ParseReadsOneNumberInAnySpelling) {
    std::array<char, 10> digits{};
    ASSERT_TRUE(parse("\uFF11\uFF15\uFF10\uFF13\uFF14\uFF15 \u2013 4447", digits));
    EXPECT_EQ(std::string(digits.data(), 10), "1503454447");
    ASSERT_TRUE(parse(" 15.03.45.4447\u200B ", digits));
    EXPECT_EQ(std::string(digits.data(), 10), "1503454447");
    for (const char* not_one :
         {"", "  ", "150345-444", "150345-44471", "15034-54447", "150345 4447 1", "a150345-4447",
          "150345-4447a", "150345--4447", "150345    4447", "150345444", "45 12 34 56 78"}) {
        EXPECT_FALSE(parse(not_one, digits)) << not_one;
    }
}

// id.no_cpr: an identifier is refused when it spells ten digits that begin with a date,
// anywhere in it; other numbers, even of ten digits, are ordinary identifiers.
TEST(CprSpelling, ContainsCprForIdentifiers) {
    for (const char* id :
         {"150345-4447", "K-150345-4447", "1503454447", "sag 15 03 45 4447", "2024/15.03.45-4447",
          "\uFF11\uFF15\uFF10\uFF13\uFF14\uFF15\uFF14\uFF14\uFF14\uFF17", "150345\u20134447",
          "x150345\u00A04447y", "15 03 45 44 47"}) {
        EXPECT_TRUE(contains_cpr(id)) << id;
    }
    for (const char* id : {"K-2024-001", "C123456", "2024000123", "1000012345", "H-45 12 34 56 78",
                           "320345-4447", "151345-4447", "003045-4447", "150345444", "15034544471",
                           "2024-01-25", "32.18.08 G01", "æøåæøåæøåæøå"}) {
        EXPECT_FALSE(contains_cpr(id)) << id;
    }
}

TEST(CprSpelling, FindAllStopsWhenAsked) {
    int found = 0;
    find_all("150345-4447 og 150345-4448", Strictness::redact, [&](std::size_t, std::size_t) {
        ++found;
        return false;
    });
    EXPECT_EQ(found, 1);
    found = 0;
    find_all("150345-4447 og 150345-4448", Strictness::redact,
             [&](std::size_t begin, std::size_t end) {
                 EXPECT_EQ(end - begin, 11u);
                 ++found;
                 return true;
             });
    EXPECT_EQ(found, 2);
}

}  // namespace
}  // namespace ombuds::detail::cpr_spelling
