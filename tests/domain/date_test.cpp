// SPDX-License-Identifier: MPL-2.0
#include "ombuds/date.hpp"

#include <gtest/gtest.h>

namespace ombuds {
namespace {

TEST(Date, ThreeForms) {
    EXPECT_EQ(Date::parse("2024-03-04"), Date::from_ymd(2024, 3, 4));
    EXPECT_EQ(Date::parse("04-03-2024"), Date::from_ymd(2024, 3, 4));
    EXPECT_EQ(Date::parse("04.03.2024"), Date::from_ymd(2024, 3, 4));
    EXPECT_EQ(Date::parse("4.3.2024"), Date::from_ymd(2024, 3, 4));
    EXPECT_EQ(Date::parse(" 2024-02-29 "), Date::from_ymd(2024, 2, 29));
}

TEST(Date, RefusesWhatIsNoDate) {
    for (const char* text : {"2023-02-29", "31.04.2024", "2024-13-01", "2024-00-10", "04-03.2024", "2024/03/04",
                             "20240304", "", "abc", "2024-3-4", "1799-12-31", "3000-01-01", "99999-01-01"}) {
        EXPECT_FALSE(Date::parse(text).has_value()) << text;
    }
}

TEST(Date, ArithmeticAndFormatting) {
    auto d = *Date::from_ymd(2024, 2, 29);
    EXPECT_EQ(d.iso(), "2024-02-29");
    EXPECT_EQ(d.danish(), "29. februar 2024");
    EXPECT_EQ(d.weekday(), 4);  // Thursday
    EXPECT_EQ(Date::from_ymd(1970, 1, 1)->days(), 0);
    EXPECT_EQ(d.plus_days(1).iso(), "2024-03-01");
    EXPECT_EQ(d.with_year(2023).iso(), "2023-02-28");
    EXPECT_EQ(*Date::from_ymd(2025, 1, 1) - *Date::from_ymd(2024, 1, 1), 366);
    EXPECT_LT(*Date::from_ymd(2024, 1, 1), *Date::from_ymd(2024, 1, 2));
    Period p{*Date::from_ymd(2024, 1, 1), *Date::from_ymd(2024, 12, 31)};
    EXPECT_TRUE(p.contains(d));
    EXPECT_FALSE(p.contains(*Date::from_ymd(2025, 1, 1)));
}

}  // namespace
}  // namespace ombuds
