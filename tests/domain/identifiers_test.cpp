// SPDX-License-Identifier: MPL-2.0
#include "ombuds/identifiers.hpp"

#include <gtest/gtest.h>

namespace ombuds {
namespace {

// python-stdnum, stdnum/dk/cpr.py doctests.
TEST(Cpr, StdnumVectors) {
    auto valid = Cpr::parse("211062-5629");
    ASSERT_TRUE(valid);
    EXPECT_EQ(valid->digits(), "2110625629");
    EXPECT_EQ(valid->birth_date(), Date::from_ymd(1862, 10, 21));  // seventh digit 5, year 62
    EXPECT_FALSE(Cpr::parse("511062-5629"));  // invalid date
    EXPECT_EQ(Cpr::parse("2110620629")->birth_date(), Date::from_ymd(1962, 10, 21));
    EXPECT_EQ(Cpr::parse("2110525629")->birth_date(), Date::from_ymd(2052, 10, 21));
}

TEST(Cpr, CenturyRule) {
    auto year = [](const char* number) { return Cpr::parse(number)->birth_date().year(); };
    EXPECT_EQ(year("0101585000"), 1858);  // 5-8 with 58-99: 1800s
    EXPECT_EQ(year("0101575000"), 2057);  // 5-8 with 00-57: 2000s
    EXPECT_EQ(year("0101000000"), 1900);  // 0-3: 1900s
    EXPECT_EQ(year("0101993999"), 1999);
    EXPECT_EQ(year("0101364000"), 2036);  // 4 and 9 with 00-36: 2000s
    EXPECT_EQ(year("0101374000"), 1937);  // 4 and 9 with 37-99: 1900s
    EXPECT_EQ(year("0101369000"), 2036);
    EXPECT_EQ(year("0101379000"), 1937);
}

TEST(Cpr, NoModulus11AndStrictForm) {
    EXPECT_TRUE(Cpr::parse("2110625628"));  // fails modulus 11: still valid (since 2007)
    EXPECT_TRUE(Cpr::parse("290200-4234"));   // 29 February 2000
    EXPECT_FALSE(Cpr::parse("290200-1234"));  // 1900 was no leap year
    EXPECT_FALSE(Cpr::parse("290201-4234"));
    EXPECT_FALSE(Cpr::parse("21106-25629"));
    EXPECT_FALSE(Cpr::parse("211062562"));
    EXPECT_FALSE(Cpr::parse("21106256290"));
    EXPECT_FALSE(Cpr::parse("211062 5629"));
    EXPECT_FALSE(Cpr::parse("21106x5629"));
}

TEST(Citizen, Forms) {
    auto [cpr, e1] = Citizen::parse("211062-5629");
    EXPECT_EQ(e1, Citizen::ParseError::none);
    EXPECT_EQ(cpr.type(), Citizen::Type::cpr);
    EXPECT_EQ(cpr, Citizen::parse("2110625629").first);  // same person with or without hyphen
    auto [cvr, e2] = Citizen::parse("cvr:12345678");
    EXPECT_EQ(cvr.type(), Citizen::Type::cvr);
    EXPECT_EQ(cvr, Citizen::parse("12345678").first);
    EXPECT_EQ(Citizen::parse("ref:SBSYS-1").first.type(), Citizen::Type::ref);
    EXPECT_TRUE(Citizen::parse("").first.is_anonymous());
    EXPECT_EQ(Citizen::parse("511062-5629").second, Citizen::ParseError::bad_cpr_date);
    EXPECT_EQ(Citizen::parse("cvr:123").second, Citizen::ParseError::bad_cvr);
    EXPECT_EQ(Citizen::parse("ref:").second, Citizen::ParseError::empty_ref);
    EXPECT_EQ(Citizen::parse("hr. Jensen").second, Citizen::ParseError::unrecognised);
}

TEST(KleRef, Forms) {
    for (const char* ok : {"32.18.08", "32.18.08 G01", "00.01.10-A53"}) EXPECT_TRUE(KleRef::parse(ok)) << ok;
    for (const char* bad : {"32.18.8", "32.18.08 g01", "32.18.08G01", "32.18", "32-18-08", "32.18.08 G1", ""}) {
        EXPECT_FALSE(KleRef::parse(bad)) << bad;
    }
}

TEST(CaseId, Forms) {
    EXPECT_EQ(CaseId::parse(" K-2024-001 ")->str(), "K-2024-001");
    EXPECT_EQ(CaseId::parse("sag æøå")->str(), "sag æøå");
    EXPECT_FALSE(CaseId::parse(""));
    EXPECT_FALSE(CaseId::parse("   "));
    EXPECT_FALSE(CaseId::parse(std::string(65, 'x')));
    EXPECT_TRUE(CaseId::parse(std::string(64, 'x')));
    EXPECT_FALSE(CaseId::parse("a\tb"));
    EXPECT_FALSE(CaseId::parse("bad \xff"));
}

}  // namespace
}  // namespace ombuds
