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
    EXPECT_EQ(printable("bad \xC7\x01 bytes\x7F"), "bad ?\\x01 bytes\\x7f");
    EXPECT_EQ(printable("cpr 2110625629 in a schema"), "cpr XXXXXX-XXXX in a schema");
    EXPECT_TRUE(is_valid_utf8(printable(std::string("\xF0\x9F\x98", 3))));
}

TEST(Text, ShownLocationsKeepTheirEnds) {
    EXPECT_EQ(shown_location("/srv/ombuds/register.db"), "/srv/ombuds/register.db");
    // Megabytes by mistake: the beginning and the file name, valid UTF-8, redacted first.
    const std::string long_name =
        "/srv/2110625629/" + std::string(1 << 20, 'a') + "\u00e6" + std::string(300, 'b') + ".db";
    auto shown = shown_location(long_name);
    EXPECT_LT(shown.size(), 220u);
    EXPECT_EQ(shown.rfind("/srv/XXXXXX-XXXX/aaa", 0), 0u) << shown;
    EXPECT_TRUE(shown.ends_with("bbb.db")) << shown;
    EXPECT_NE(shown.find("..."), std::string::npos);
    for (std::size_t extra = 0; extra < 4; ++extra) {
        const std::string multibyte(std::string(200 + extra, 'x') + "Ã¦Ã¦Ã¦" +
                                    std::string(200, 'y'));
        EXPECT_TRUE(is_valid_utf8(shown_location(std::string(extra, 'z') + multibyte)));
        EXPECT_TRUE(
            is_valid_utf8(shown_location(std::string(95, 'z') + "Ã¦Ã¦" + std::string(400, 'q'))));
    }
}

// Every spelling of a CPR number an office, a spreadsheet or a hostile user produces: the
// whole spelled number is replaced, and no digit of it is left.
TEST(Text, RedactsEverySpelling) {
    const char* spellings[] = {
        "150345-4447",
        "1503454447",
        "150345.4447",
        "150345\u20134448",  // en dash
        "150345\u00A04450",  // no-break space
        "150345 - 4451",     // spaced hyphen
        "150345/4452",       // slash
        "150345\u20114453",  // non-breaking hyphen
        "150345\u20104453",  // hyphen
        "150345\u20124453",  // figure dash
        "150345\u20144453",  // em dash
        "150345\u22124453",  // minus sign
        "150345\uFE634453",  // small hyphen-minus
        "15-03-45-4449",     // pairs
        "15 03 45 4454",     // pairs with spaces
        "15.03.45-4449",     // a date and a number
        "15.03.45.4449",     // all dots
        "150345 44 47",      // 6+2+2
        "15 03 45 44 47",    // five pairs that begin with a date
        "\uFF11\uFF15\uFF10\uFF13\uFF14\uFF15\uFF0D\uFF14\uFF14\uFF14\uFF17",  // full-width
        "\uFF11\uFF15\uFF10\uFF13\uFF14\uFF15\uFF14\uFF14\uFF14\uFF17",  // full-width, no separator
        "1\uFF150345 \u2013 44\uFF147",                                  // mixed forms
        "150345\u202F4447",                                              // narrow no-break space
        "150345\u2009-\u20094447",                                       // thin spaces
        "150345\u30004447",                                              // ideographic space
        "150345_4447",                                                   // a file name's underscore
        "150345\uFF0F4447",                                              // full-width slash
        "150345\uFF0E4447",                                              // full-width full stop
        "1503\u200B45-4447",        // zero-width space inside a group
        "150345\u00AD4447",         // soft hyphen (invisible)
        "150345\u200D-\u202E4447",  // joiner and bidi override
        "1\u03035\u03320345-4447",  // combining marks
        "150345\x01"
        "4447",             // a control character
        "150345\x1b-4447",  // an escape character
        "150345\t4447",     // tab
        "150345\n4447",     // line break
        "150345\r\n4447",   // CRLF
        "150345\xFF"
        "4447",  // a byte that is not UTF-8
        "\U0001D7CF\U0001D7D3\U0001D7CE\U0001D7D1\U0001D7D2\U0001D7D3-4447",  // mathematical
        "\u0661\u0665\u0660\u0663\u0664\u0665-\u0664\u0664\u0664\u0667",      // Arabic-Indic
        "\u06F1\u06F5\u06F0\u06F3\u06F4\u06F5\u06F4\u06F4\u06F4\u06F7",  // Extended Arabic-Indic
    };
    for (const char* spelling : spellings) {
        std::string text = std::string("cpr ") + spelling + " slut";
        EXPECT_EQ(redact(text), "cpr XXXXXX-XXXX slut") << spelling;
        EXPECT_FALSE(has_digit(redact(text).substr(4 + cpr_mask.size()))) << spelling;
        EXPECT_EQ(printable(text), "cpr XXXXXX-XXXX slut") << spelling;
        EXPECT_EQ(quote_value(spelling), "'XXXXXX-XXXX'") << spelling;
    }
    // Glued to other numbers, several in one text, at either end.
    EXPECT_EQ(redact("2024-150345-4447"), "2024-XXXXXX-XXXX");
    EXPECT_EQ(redact("150345-4447-12"), "XXXXXX-XXXX-12");
    EXPECT_EQ(redact("12 15 03 45 4454"), "12 XXXXXX-XXXX");
    EXPECT_EQ(redact("a 150345-4447 og 15 03 45 4454, b"), "a XXXXXX-XXXX og XXXXXX-XXXX, b");
    EXPECT_EQ(redact("15 03 45 4454."), "XXXXXX-XXXX.");
    // A digit lost, added or glued to the number: any run of 9 to 12 digits.
    EXPECT_EQ(redact("nr 150345444"), "nr XXXXXX-XXXX");
    EXPECT_EQ(redact("nr 150345444712"), "nr XXXXXX-XXXX");
}

// Ordinary text keeps its numbers: they have fewer than ten digits, or another grouping.
TEST(Text, LeavesOrdinaryNumbersAlone) {
    for (const char* text : {
             "2024-01-25",            // a date
             "25-01-2024",            //
             "25.01.2024 kl. 10.30",  //
             "2024-01-25 10:30",      //
             "32.18.08",              // KLE numbers
             "32.18.08 G01",          //
             "00.01.10-A53",          //
             "1.250.000 kr.",         // amounts
             "1.250,50 kr",           //
             "1 250 000 kr",          //
             "kr. 150.000-250.000",   //
             "12 34 56 78",           // phone numbers
             "+45 12 34 56 78",       //
             "45 12 34 56 78",        // five pairs that do not begin with a date
             "+45 1234 5678",         //
             "sag 2024-001",          // case numbers
             "K-2024-000123",         //
             "§ 19, stk. 1",          // legal references
             "CVR 12345678",          // eight digits
             "1234 5678 9012",        // three groups of four
             "150345    4447",        // too far apart to be one number
             "150345--4447",          // two marks
             "1503454447123",         // thirteen digits: not one number
         }) {
        EXPECT_EQ(redact(text), text) << text;
    }
    // Shapes that are redacted although they may be something else (documented in
    // docs/security.md): ten digits in a row, and six and four digits around a separator.
    EXPECT_EQ(redact("1234567890"), "XXXXXX-XXXX");
    EXPECT_EQ(redact("123456-7890"), "XXXXXX-XXXX");
}

TEST(Text, HasDigit) {
    EXPECT_TRUE(has_digit("§ 7"));
    EXPECT_TRUE(has_digit("\uFF17"));
    EXPECT_TRUE(has_digit("\U0001D7D5"));
    EXPECT_FALSE(has_digit("Borgeren ønsker et møde"));
    EXPECT_FALSE(has_digit(""));
    EXPECT_FALSE(has_digit("\xEF\xBC"));  // cut short
}

TEST(Text, PrintableEscapesControlCharacters) {
    EXPECT_EQ(printable("\x1b[31mrød\x1b[0m"), "\\x1b[31mrød\\x1b[0m");
    EXPECT_EQ(printable("a\nb\tc\rd"), "a\\nb\\tc\\rd");
    EXPECT_EQ(printable("\x7f\x01"), "\\x7f\\x01");
    EXPECT_EQ(printable("\xC2\x9B"
                        "2J"),
              "\\u009b2J");  // the 8-bit CSI
    EXPECT_EQ(printable("abc\u202Edef\u2066"), "abc\\u202edef\\u2066");
    EXPECT_EQ(printable("x\u2028y"), "x\\u2028y");
    // An escape's digits never complete a CPR number.
    auto shown = printable(
        "\x15"
        "0345-4447");
    EXPECT_EQ(shown.find("150345"), std::string::npos) << shown;
    for (char c = 0; c < 0x20; ++c) {
        auto text = printable(std::string("a") + c + "b");
        for (char k : text) EXPECT_GE(static_cast<unsigned char>(k), 0x20) << int(c);
    }
}

TEST(Text, QuoteValueOfAHugeValue) {
    std::string huge = "kolonne " + std::string(5'000'000, 'a');
    auto quoted = quote_value(huge);
    EXPECT_LT(quoted.size(), 80u);
    EXPECT_TRUE(quoted.ends_with("...'")) << quoted;
    // A CPR number across the point where a long value stops being read is never shown.
    for (std::size_t at = 4080; at < 4100; ++at) {
        std::string value(at, 'a');
        value += "150345 - 4447";
        value += std::string(5000, 'b');
        auto quoted_value = quote_value(value);
        EXPECT_EQ(quoted_value.find("1503"), std::string::npos) << at;
    }
    // Numbers made of little but invisible characters reach far; they are still masked.
    std::string spread = "1";
    for (int i = 0; i < 3000; ++i) spread += "\u200B";
    spread += "50345-4447 og mere tekst" + std::string(6000, 'c');
    auto quoted_spread = quote_value(spread);
    EXPECT_EQ(quoted_spread.find("4447"), std::string::npos) << quoted_spread;
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
