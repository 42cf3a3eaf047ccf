// SPDX-License-Identifier: MPL-2.0
#include "ombuds/detail/text.hpp"

#include <gtest/gtest.h>

namespace ombuds::detail {
namespace {

TEST(Text, FoldCaseHandlesDanishLetters) {
    EXPECT_EQ(fold_case("FØLGESAG Æble Åben"), "følgesag æble åben");
    EXPECT_TRUE(equals_folded("Klage", "KLAGE"));
    EXPECT_FALSE(equals_folded("Klage", "Klager"));
}

TEST(Text, TrimAndUtf8) {
    EXPECT_EQ(trim("  a b \t"), "a b");
    EXPECT_EQ(trim("\xC2\xA0x\xC2\xA0"), "x");    // no-break spaces from spreadsheets
    EXPECT_EQ(trim("x \xC2\xA0 \xC2\xA0"), "x");  // mixed with blanks
    EXPECT_EQ(trim(" \xC2\xA0\tx"), "x");
    EXPECT_EQ(trim(" \xC2\xA0 "), "");
    EXPECT_TRUE(is_valid_utf8("æøå"));
    EXPECT_FALSE(is_valid_utf8("\xff"));
    EXPECT_FALSE(is_valid_utf8("\xC3"));
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // a surrogate
}

TEST(Text, RedactsCprNumbers) {
    EXPECT_EQ(redact("ring til 211062-5629 i dag"), "ring til XXXXXX-XXXX i dag");
    EXPECT_EQ(redact("2110625629"), "XXXXXX-XXXX");
    EXPECT_EQ(redact("sag 2024-001"), "sag 2024-001");
    EXPECT_EQ(quote_value("211062-5629"), "'XXXXXX-XXXX'");
    EXPECT_LT(quote_value(std::string(500, 'a')).size(), 80u);
    // Cut after 60 bytes: a CPR number glued to more digits is no longer part of a longer run.
    auto cut = quote_value(std::string(50, 'a') + "2110625629" + "12345678");
    EXPECT_EQ(cut.find("2110625629"), std::string::npos) << cut;
    EXPECT_EQ(redact(cut), cut);
}

TEST(Text, PrintableMessages) {
    EXPECT_EQ(printable("ok æøå"), "ok æøå");
    EXPECT_EQ(printable("bad \xC7\x01 bytes\x7F"), "bad ?? bytes?");
    EXPECT_EQ(printable("cpr 2110625629 in a schema"), "cpr XXXXXX-XXXX in a schema");
    EXPECT_TRUE(is_valid_utf8(printable(std::string("\xF0\x9F\x98", 3))));
}

}  // namespace
}  // namespace ombuds::detail
