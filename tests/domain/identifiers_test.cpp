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
    EXPECT_FALSE(Cpr::parse("211062 5629"));
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
    // A CPR number and a party id that spells the same digits are different people.
    EXPECT_FALSE(Citizen::parse("ref:2110625629").first == cpr);

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
    for (const char* text : {"hr. Jensen", "211062-562", "21106256299", "211062 5629",
                             "cpr:2110625629", "1234567", "x", "-"}) {
        auto [citizen, error] = Citizen::parse(text);
        EXPECT_EQ(error, Citizen::ParseError::unrecognised) << text;
        EXPECT_TRUE(citizen.is_anonymous()) << text;
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
