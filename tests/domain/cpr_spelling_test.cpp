// SPDX-License-Identifier: MPL-2.0
#include "ombuds/detail/cpr_spelling.hpp"

#include "ombuds/detail/text.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <iterator>
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

// Random text of digits in every form, separators, invisible characters, letters and stray
// bytes: redaction leaves nothing the identifier rule would take for a CPR number, redacting
// again changes nothing, and printable text holds no control character.
TEST(CprSpelling, RedactedTextHoldsNoCprNumber) {
    const std::string_view pieces[] = {
        "0",      "1",      "2",          "3",      "4",  "5",      "7",        "9",     "\uFF11",
        "\uFF15", "\u0663", "\U0001D7D0", "-",      ".",  "/",      "_",        " ",     "  ",
        "\u00A0", "\u2013", "\u2011",     "\t",     "\n", "\u200B", "\u00AD",   "\x01",  "\x1b",
        "\xFF",   "a",      "X",          "\u00E6", ",",  "+",      "\xC2\x9B", "\u202E"};
    std::uint64_t state = 42;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::size_t>(state >> 33);
    };
    // Mostly digits, so that many texts spell numbers.
    auto piece = [&]() -> std::string_view {
        std::size_t roll = next() % 100;
        if (roll < 55) return pieces[next() % 8];
        return pieces[next() % std::size(pieces)];
    };
    int masked = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        std::size_t length = next() % 40;
        for (std::size_t i = 0; i < length; ++i) text += piece();
        std::string redacted = detail::redact(text);
        masked += redacted != text;
        EXPECT_FALSE(contains_cpr(redacted)) << text << " -> " << redacted;
        EXPECT_EQ(detail::redact(redacted), redacted) << text;
        std::string shown = detail::printable(text);
        EXPECT_FALSE(contains_cpr(shown)) << text << " -> " << shown;
        for (char c : shown) {
            auto byte = static_cast<unsigned char>(c);
            ASSERT_TRUE(byte >= 0x20 && byte != 0x7F) << text;
        }
        std::array<char, 10> digits{};
        if (parse(text, digits)) {
            EXPECT_NE(detail::redact(text), text) << text;
        }
    }
    EXPECT_GT(masked, 1000);  // the texts do spell numbers
}

}  // namespace
}  // namespace ombuds::detail::cpr_spelling
