// SPDX-License-Identifier: MPL-2.0
#include "ombuds/calendar.hpp"

#include <gtest/gtest.h>

namespace ombuds {
namespace {

Date d(const char* iso) { return *Date::parse(iso); }

// Western Easter Sunday 2000-2035, from the published tables (e.g. the Astronomical Society of
// South Australia's Easter dates, or Danish almanacs).
TEST(Calendar, EasterSunday2000To2035) {
    const char* published[] = {"2000-04-23", "2001-04-15", "2002-03-31", "2003-04-20", "2004-04-11", "2005-03-27",
                               "2006-04-16", "2007-04-08", "2008-03-23", "2009-04-12", "2010-04-04", "2011-04-24",
                               "2012-04-08", "2013-03-31", "2014-04-20", "2015-04-05", "2016-03-27", "2017-04-16",
                               "2018-04-01", "2019-04-21", "2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09",
                               "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01",
                               "2030-04-21", "2031-04-13", "2032-03-28", "2033-04-17", "2034-04-09", "2035-03-25"};
    for (int year = 2000; year <= 2035; ++year) {
        EXPECT_EQ(easter_sunday(year).iso(), published[year - 2000]) << year;
        EXPECT_EQ(easter_sunday(year).weekday(), 7);
    }
}

TEST(Calendar, PublicHolidays2024) {
    for (const char* day : {"2024-01-01", "2024-03-28", "2024-03-29", "2024-03-31", "2024-04-01", "2024-05-09",
                            "2024-05-19", "2024-05-20", "2024-06-05", "2024-12-24", "2024-12-25", "2024-12-26"}) {
        EXPECT_TRUE(is_public_holiday(d(day))) << day;
    }
    for (const char* day : {"2024-01-02", "2024-03-27", "2024-04-02", "2024-04-26", "2024-05-10", "2024-12-31"}) {
        EXPECT_FALSE(is_public_holiday(d(day))) << day;
    }
}

TEST(Calendar, StoreBededagUntil2023) {
    EXPECT_TRUE(is_public_holiday(d("2023-05-05")));
    EXPECT_TRUE(is_public_holiday(d("2019-05-17")));
    EXPECT_FALSE(is_public_holiday(d("2024-04-26")));  // abolished from 2024
    EXPECT_TRUE(is_working_day(d("2024-04-26")));
    EXPECT_FALSE(is_working_day(d("2023-05-05")));
}

TEST(Calendar, WorkingDays) {
    EXPECT_FALSE(is_working_day(d("2024-06-08")));  // Saturday
    EXPECT_EQ(working_days_between(d("2024-06-10"), d("2024-06-14")), 4);   // Mon -> Fri
    EXPECT_EQ(working_days_between(d("2024-06-14"), d("2024-06-17")), 1);   // Fri -> Mon
    EXPECT_EQ(working_days_between(d("2024-03-27"), d("2024-04-02")), 1);   // across Easter
    EXPECT_EQ(working_days_between(d("2024-12-20"), d("2025-01-02")), 5);   // Christmas and New Year
    EXPECT_TRUE(is_public_holiday(d("2028-06-05")));                       // grundlovsdag = 2. pinsedag
    EXPECT_EQ(working_days_between(d("2028-06-02"), d("2028-06-06")), 1);
    EXPECT_EQ(working_days_between(d("2023-05-04"), d("2023-05-08")), 1);   // store bededag 2023
    EXPECT_EQ(working_days_between(d("2024-04-25"), d("2024-04-29")), 2);   // not in 2024
    EXPECT_EQ(working_days_between(d("2024-06-14"), d("2024-06-10")), 0);
    // The fast count agrees with counting day by day over ten years.
    Date from = d("2020-01-01");
    std::int32_t counted = 0;
    for (Date at = from; at < d("2030-01-01");) {
        at = at.plus_days(1);
        if (is_working_day(at)) ++counted;
        ASSERT_EQ(working_days_between(from, at), counted) << at.iso();
    }
    EXPECT_EQ(add_working_days(d("2024-03-27"), 1).iso(), "2024-04-02");
    EXPECT_EQ(add_working_days(d("2024-06-14"), 3).iso(), "2024-06-19");
}

}  // namespace
}  // namespace ombuds
