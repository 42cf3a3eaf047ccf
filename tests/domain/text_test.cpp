// SPDX-License-Identifier: MPL-2.0
#include "ombuds/detail/text.hpp"

#include "ombuds/detail/formula.hpp"
#include "ombuds/detail/invisible.hpp"
#include "ombuds/detail/spelling.hpp"

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

TEST(Text, InvisibleCharactersAreFoundAndNamed) {
    EXPECT_FALSE(has_invisible("Manglende svar æøå"));
    for (const char* text : {"a\xC2\xA0"
                             "b",
                             "a\xE2\x80\x8B"
                             "b",
                             "a\xC2\xAD"
                             "b",
                             "a\tb", "a\x1B[2J", "a\xEF\xBB\xBF",
                             "a\xE2\x80\xAE"
                             "b",
                             "bad \xFF byte"}) {
        EXPECT_TRUE(has_invisible(text)) << text;
    }
    EXPECT_EQ(mark_invisible("Manglende\xC2\xA0svar", true),
              "Manglende<hårdt mellemrum U+00A0>svar");
    EXPECT_EQ(mark_invisible("Manglende\xC2\xA0svar", false),
              "Manglende<no-break space U+00A0>svar");
    EXPECT_EQ(mark_invisible("x\x1B[31m", false), "x<escape U+001B>[31m");
    EXPECT_EQ(mark_invisible("x\xE2\x80\xAE", false), "x<U+202E>");
    EXPECT_EQ(mark_invisible("\xFF", true), "<ugyldigt tegn U+FFFD>");
    EXPECT_EQ(without_invisible("Mang\xC2\xADlende\xC2\xA0svar\xE2\x80\x8B"), "Manglende svar");
}

TEST(Text, ShownValuesAreCutRedactedAndSafe) {
    EXPECT_EQ(shown_value("Klage"), "'Klage'");
    EXPECT_EQ(shown_value("211062-5629"), "'XXXXXX-XXXX'");
    // Invisible characters splitting a CPR number do not hide it from redaction.
    EXPECT_EQ(shown_value("211062\xE2\x80\x8B-5629").find("5629"), std::string::npos);
    auto huge = shown_value(std::string(50 << 20, 'x'));
    EXPECT_LT(huge.size(), 80u);
    EXPECT_TRUE(huge.ends_with("...'"));
    EXPECT_EQ(shown_name("\x1B]0;title\x07"), "<U+001B>]0;title<U+0007>");
    EXPECT_TRUE(is_valid_utf8(shown_value(std::string(59, 'x') + "æøå")));
    EXPECT_TRUE(is_valid_utf8(shown_value("\xC3")));
}

TEST(Text, SuggestionsWithinTwoEdits) {
    auto best = [](std::string_view typed, std::initializer_list<std::string_view> known) {
        Suggester suggester(typed);
        std::size_t id = 0;
        for (auto candidate : known) suggester.consider(candidate, id++);
        return suggester.best();
    };
    EXPECT_EQ(best("Manglende svr", {"Manglende svar", "Partshøring"}), "Manglende svar");
    EXPECT_EQ(best("partshoring", {"Manglende svar", "Partshøring"}), "Partshøring");
    EXPECT_EQ(best("Fælgesag", {"Hovedsag", "Følgesag"}), "Følgesag");      // one letter
    EXPECT_EQ(best("Hovedsga", {"Hovedsag", "Følgesag"}), "Hovedsag");      // a swap
    EXPECT_EQ(best("Manglnde svr", {"Manglende svar"}), "Manglende svar");  // two edits
    EXPECT_FALSE(best("Mangl svr", {"Manglende svar"}));                    // three
    EXPECT_FALSE(best("BL", {"SEL", "FVL"}));        // short words: a third of the word at most
    EXPECT_FALSE(best("Klag", {"Klage", "Klagt"}));  // two equally near: no guess
    EXPECT_EQ(best("Manglende\xC2\xA0svar", {"Manglende svar"}), "Manglende svar");
    EXPECT_EQ(edit_distance(folded_chars("æble"), folded_chars("ÆBLE"), 2), 0u);
}

TEST(Text, FormulaCells) {
    for (const char* formula : {"=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=x", "\r=x"}) {
        EXPECT_TRUE(starts_like_formula(formula)) << formula;
        EXPECT_EQ(protect_cell(formula), std::string("'") + formula);
        EXPECT_EQ(unprotect_cell(protect_cell(formula)), formula);
    }
    for (const char* plain : {"", "Klage", "'quoted", "25-01-2024", " =x"}) {
        EXPECT_EQ(protect_cell(plain), plain);
        EXPECT_EQ(unprotect_cell(plain), plain);
    }
    EXPECT_EQ(unprotect_cell("'"), "'");
}

}  // namespace
}  // namespace ombuds::detail
