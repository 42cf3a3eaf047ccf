// SPDX-License-Identifier: MPL-2.0
#include "ombuds/identifiers.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ombuds {
namespace {

// python-stdnum, stdnum/dk/cpr.py doctests: 211062-5629 is valid (its seventh digit 5 with year
// 62 puts the birth in 1862), 511062-5629 has no such date, 2110620629 is born 1962-10-21 and
// 2110525629 2052-10-21 (not yet born: the validator refuses it against the date received).
TEST(Cpr, StdnumVectors) {
    auto valid = Cpr::parse("211062-5629");
    ASSERT_TRUE(valid);
    EXPECT_EQ(valid->digits(), "2110625629");
    EXPECT_EQ(valid->birth_date(), Date::from_ymd(1862, 10, 21));
    EXPECT_EQ(Cpr::parse("2110625629"), valid);  // the hyphen is optional
    EXPECT_FALSE(Cpr::parse("511062-5629"));     // invalid date
    EXPECT_EQ(Cpr::parse("2110620629")->birth_date(), Date::from_ymd(1962, 10, 21));
    EXPECT_EQ(Cpr::parse("2110525629")->birth_date(), Date::from_ymd(2052, 10, 21));
    EXPECT_EQ(Cpr::parse("0101585000")->birth_date(), Date::from_ymd(1858, 1, 1));  // domain.md
}

// The century rule, digit by digit against the table of the CPR office:
// seventh digit 0-3: 19xx; 4 and 9: 00-36 20xx, 37-99 19xx; 5-8: 00-57 20xx, 58-99 18xx.
TEST(Cpr, CenturyRuleTable) {
    auto expected_year = [](int seventh, int yy) {
        if (seventh <= 3) return 1900 + yy;
        if (seventh == 4 || seventh == 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
        return yy <= 57 ? 2000 + yy : 1800 + yy;
    };
    for (int seventh = 0; seventh <= 9; ++seventh) {
        for (int yy = 0; yy <= 99; ++yy) {
            std::string number = "0101" + std::to_string(yy / 10) + std::to_string(yy % 10) +
                                 std::to_string(seventh) + "123";
            auto cpr = Cpr::parse(number);
            ASSERT_TRUE(cpr) << number;
            EXPECT_EQ(cpr->birth_date().year(), expected_year(seventh, yy)) << number;
        }
    }
    auto year = [](const char* number) { return Cpr::parse(number)->birth_date().year(); };
    EXPECT_EQ(year("0101585000"), 1858);
    EXPECT_EQ(year("0101575000"), 2057);
    EXPECT_EQ(year("0101364000"), 2036);
    EXPECT_EQ(year("0101374000"), 1937);
}

TEST(Cpr, RealDatesNoModulus11AndStrictForm) {
    EXPECT_TRUE(Cpr::parse("2110625628"));    // fails modulus 11: still valid (since 2007)
    EXPECT_TRUE(Cpr::parse("010190-0000"));   // fails modulus 11 too
    EXPECT_TRUE(Cpr::parse("290200-4234"));   // 29 February 2000
    EXPECT_FALSE(Cpr::parse("290200-1234"));  // 1900 was no leap year
    EXPECT_FALSE(Cpr::parse("290201-4234"));
    EXPECT_FALSE(Cpr::parse("310490-1234"));  // 31 April
    EXPECT_FALSE(Cpr::parse("001090-1234"));  // day 0
    EXPECT_FALSE(Cpr::parse("011390-1234"));  // month 13
    EXPECT_FALSE(Cpr::parse("21106-25629"));  // hyphen only after the sixth digit
    EXPECT_FALSE(Cpr::parse("211062--5629"));
    EXPECT_FALSE(Cpr::parse("211062562"));
    EXPECT_FALSE(Cpr::parse("21106256290"));
    EXPECT_FALSE(Cpr::parse("2110 625629"));  // not a grouping of a CPR number
    EXPECT_FALSE(Cpr::parse("211062-5629 x"));
    EXPECT_FALSE(Cpr::parse("x 211062-5629"));
    EXPECT_FALSE(Cpr::parse("21106x5629"));
    EXPECT_FALSE(Cpr::parse(""));
    EXPECT_EQ(Cpr::parse(" 211062-5629 "), Cpr::parse("2110625629"));  // blanks around are trimmed
}

TEST(Cvr, EightDigits) {
    EXPECT_EQ(Cvr::parse("12345678")->digits(), "12345678");
    EXPECT_FALSE(Cvr::parse("1234567"));
    EXPECT_FALSE(Cvr::parse("123456789"));
    EXPECT_FALSE(Cvr::parse("1234567a"));
    EXPECT_FALSE(Cvr::parse("1234 5678"));
}

TEST(Citizen, Forms) {
    auto [cpr, e1] = Citizen::parse("211062-5629");
    EXPECT_EQ(e1, Citizen::ParseError::none);
    EXPECT_EQ(cpr.type(), Citizen::Type::cpr);
    EXPECT_EQ(cpr.birth_date(), Date::from_ymd(1862, 10, 21));
    EXPECT_EQ(cpr, Citizen::parse("2110625629").first);  // same person with or without hyphen
    EXPECT_FALSE(cpr == Citizen::parse("2110620629").first);

    auto [cvr, e2] = Citizen::parse("cvr:12345678");
    EXPECT_EQ(e2, Citizen::ParseError::none);
    EXPECT_EQ(cvr.type(), Citizen::Type::cvr);
    EXPECT_FALSE(cvr.birth_date());
    EXPECT_EQ(cvr, Citizen::parse("12345678").first);  // eight bare digits are a CVR number
    EXPECT_EQ(cvr, Citizen::parse("CVR:12345678").first);

    auto [ref, e3] = Citizen::parse("ref:SBSYS-1");
    EXPECT_EQ(e3, Citizen::ParseError::none);
    EXPECT_EQ(ref.type(), Citizen::Type::ref);
    EXPECT_EQ(ref, Citizen::parse("REF: SBSYS-1 ").first);
    EXPECT_FALSE(ref == Citizen::parse("ref:SBSYS-2").first);
    // A party id that spells a CPR number is refused: the CPR number is the citizen.
    EXPECT_EQ(Citizen::parse("ref:2110625629").second, Citizen::ParseError::cpr_in_ref);

    auto [nobody, e4] = Citizen::parse("  ");
    EXPECT_EQ(e4, Citizen::ParseError::none);
    EXPECT_TRUE(nobody.is_anonymous());
    EXPECT_TRUE(Citizen::parse("").first.is_anonymous());
    EXPECT_EQ(Citizen::parse("").first, Citizen::anonymous());
}

TEST(Citizen, Garbage) {
    EXPECT_EQ(Citizen::parse("511062-5629").second, Citizen::ParseError::bad_cpr_date);
    EXPECT_EQ(Citizen::parse("3102901234").second, Citizen::ParseError::bad_cpr_date);
    EXPECT_EQ(Citizen::parse("cvr:123").second, Citizen::ParseError::bad_cvr);
    EXPECT_EQ(Citizen::parse("cvr:").second, Citizen::ParseError::bad_cvr);
    EXPECT_EQ(Citizen::parse("ref:").second, Citizen::ParseError::empty_ref);
    EXPECT_EQ(Citizen::parse("ref:   ").second, Citizen::ParseError::empty_ref);
    for (const char* text :
         {"hr. Jensen", "211062-562", "21106256299", "cpr:2110625629", "1234567", "x", "-"}) {
        auto [citizen, error] = Citizen::parse(text);
        EXPECT_EQ(error, Citizen::ParseError::unrecognised) << text;
        EXPECT_TRUE(citizen.is_anonymous()) << text;
    }
}

// The spellings an office may paste are the same citizen: one pseudonym, never kept as text.
TEST(Citizen, EverySpellingIsTheSameCitizen) {
    auto expected = Citizen::parse("150345-4447").first;
    ASSERT_EQ(expected.type(), Citizen::Type::cpr);
    EXPECT_EQ(expected.key(), "cpr:1503454447");
    for (const char* spelling : {
             "1503454447",
             "150345.4447",
             "150345\u20134447",         // en dash
             "150345\u20114447",         // non-breaking hyphen
             "150345\u22124447",         // minus sign
             "150345\u00A04447",         // no-break space
             "150345 4447",              //
             "150345 - 4447",            //
             "150345/4447",              //
             "15-03-45-4447",            //
             "15 03 45 4447",            //
             "15.03.45-4447",            //
             "150345 44 47",             //
             "15 03 45 44 47",           //
             "\u00A0150345-4447\u00A0",  // no-break spaces around
             "\u2009150345-4447\u200B",  // a thin space before, a zero-width space after
             "1503\u200B45-4447",        // a zero-width space inside
             "\uFF11\uFF15\uFF10\uFF13\uFF14\uFF15\uFF0D\uFF14\uFF14\uFF14\uFF17",  // full-width
             "\uFF11\uFF15\uFF10\uFF13\uFF14\uFF15-4447",                           // mixed
         }) {
        auto [citizen, error] = Citizen::parse(spelling);
        EXPECT_EQ(error, Citizen::ParseError::none) << spelling;
        EXPECT_EQ(citizen, expected) << spelling;
        EXPECT_EQ(citizen.birth_date(), Date::from_ymd(1945, 3, 15)) << spelling;
        EXPECT_EQ(Cpr::parse(spelling), Cpr::parse("1503454447")) << spelling;
    }
    // No such birth date, in any spelling: a CPR number with a typo, never a party id.
    for (const char* bad : {"511062-5629", "511062\u20135629", "51 10 62 5629",
                            "\uFF15\uFF11\uFF11\uFF10\uFF16\uFF12\uFF15\uFF16\uFF12\uFF19"}) {
        EXPECT_EQ(Citizen::parse(bad).second, Citizen::ParseError::bad_cpr_date) << bad;
    }
}

TEST(Citizen, PartyIdsMustNotSpellACprNumber) {
    for (const char* ref :
         {"ref:150345-4447", "ref:1503454447", "ref: 15 03 45 4447", "ref:SBSYS-150345\u20134447",
          "ref:\uFF11\uFF15\uFF10\uFF13\uFF14\uFF15\uFF14\uFF14\uFF14\uFF17"}) {
        auto [citizen, error] = Citizen::parse(ref);
        EXPECT_EQ(error, Citizen::ParseError::cpr_in_ref) << ref;
        EXPECT_TRUE(citizen.is_anonymous()) << ref;
    }
    // Numbers that cannot be a CPR number (no date in front, other lengths) are party ids.
    for (const char* ref : {"ref:SBSYS-1", "ref:1000012345", "ref:2024-000123", "ref:12345678"}) {
        auto [citizen, error] = Citizen::parse(ref);
        EXPECT_EQ(error, Citizen::ParseError::none) << ref;
        EXPECT_EQ(citizen.type(), Citizen::Type::ref) << ref;
    }
}

TEST(KleRef, Forms) {
    for (const char* ok :
         {"32.18.08", "32.18.08 G01", "00.01.10-A53", "32.18.08-G01", "99.99.99 Z99"}) {
        EXPECT_TRUE(KleRef::parse(ok)) << ok;
    }
    EXPECT_EQ(KleRef::parse(" 32.18.08 G01 ")->text(), "32.18.08 G01");
    for (const char* bad : {"32.18.8", "32.18.08 g01", "32.18.08G01", "32.18", "32-18-08",
                            "32.18.08 G1", "32.18.08 G011", "32.18.08  G01", "32.18.08_G01",
                            "3218.08.0", "32.18.08 01G", "ab.cd.ef", ""}) {
        EXPECT_FALSE(KleRef::parse(bad)) << bad;
    }
}

TEST(CaseId, Forms) {
    EXPECT_EQ(CaseId::parse(" K-2024-001 ")->str(), "K-2024-001");
    EXPECT_EQ(CaseId::parse("sag æøå")->str(), "sag æøå");
    EXPECT_EQ(CaseId::parse("x")->view(), "x");
    EXPECT_FALSE(CaseId::parse(""));
    EXPECT_FALSE(CaseId::parse("   "));
    EXPECT_FALSE(CaseId::parse(std::string(65, 'x')));
    EXPECT_TRUE(CaseId::parse(std::string(64, 'x')));
    std::string danish;
    for (int i = 0; i < 32; ++i) danish += "æ";
    EXPECT_TRUE(CaseId::parse(danish));         // 64 bytes
    EXPECT_FALSE(CaseId::parse(danish + "æ"));  // 66 bytes
    for (const char* bad : {"a\tb", "a\nb", "a\rb",
                            "a\x01"
                            "b",
                            "a\x7f"
                            "b",
                            "a\x1b[31m"}) {
        EXPECT_FALSE(CaseId::parse(bad)) << static_cast<int>(bad[1]);
    }
    EXPECT_FALSE(CaseId::parse(std::string("a\0b", 3)));
    EXPECT_FALSE(CaseId::parse("bad \xff"));
    EXPECT_FALSE(CaseId::parse("bad \xc3"));          // truncated sequence
    EXPECT_FALSE(CaseId::parse("bad \xc0\xaf"));      // overlong '/'
    EXPECT_FALSE(CaseId::parse("bad \xed\xa0\x80"));  // surrogate
    EXPECT_TRUE(CaseId::parse("a") < CaseId::parse("b"));
}

}  // namespace
}  // namespace ombuds
