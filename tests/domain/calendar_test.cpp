// SPDX-License-Identifier: MPL-2.0
#include "ombuds/calendar.hpp"

#include <gtest/gtest.h>

namespace ombuds {
namespace {

Date d(const char* iso) {
    return *Date::parse(iso);
}

// Western Easter Sunday 2000-2035, from the published tables (e.g. the Astronomical Society of
// South Australia's Easter dates, or Danish almanacs).
TEST(Calendar, EasterSunday2000To2035) {
    const char* published[] = {
        "2000-04-23", "2001-04-15", "2002-03-31", "2003-04-20", "2004-04-11", "2005-03-27",
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

// Gauss's Easter algorithm for the Gregorian calendar, with its two exceptions: independent of
// the anonymous Gregorian algorithm the header uses.
Date gauss_easter(int year) {
    int a = year % 19, b = year % 4, c = year % 7;
    int k = year / 100;
    int p = (13 + 8 * k) / 25;
    int q = k / 4;
    int m = (15 - p + k - q) % 30;
    int n = (4 + k - q) % 7;
    int dd = (19 * a + m) % 30;
    int e = (2 * b + 4 * c + 6 * dd + n) % 7;
    int day = 22 + dd + e;  // in March; above 31 it runs into April
    if (dd == 29 && e == 6) return *Date::from_ymd(year, 4, 19);
    if (dd == 28 && e == 6 && (11 * m + 11) % 30 < 19) return *Date::from_ymd(year, 4, 18);
    return day <= 31 ? *Date::from_ymd(year, 3, day) : *Date::from_ymd(year, 4, day - 31);
}

TEST(Calendar, EasterAgreesWithGaussFrom1800To2999) {
    for (int year = Date::min_year; year <= Date::max_year; ++year) {
        Date easter = easter_sunday(year);
        ASSERT_EQ(easter, gauss_easter(year)) << year;
        ASSERT_EQ(easter.weekday(), 7) << year;
        ASSERT_GE(easter, *Date::from_ymd(year, 3, 22)) << year;
        ASSERT_LE(easter, *Date::from_ymd(year, 4, 25)) << year;
    }
    // The exceptions of Gauss's method and the extreme dates.
    EXPECT_EQ(easter_sunday(1981).iso(), "1981-04-19");
    EXPECT_EQ(easter_sunday(1954).iso(), "1954-04-18");
    EXPECT_EQ(easter_sunday(2285).iso(), "2285-03-22");
    EXPECT_EQ(easter_sunday(1943).iso(), "1943-04-25");
    EXPECT_EQ(easter_sunday(2038).iso(), "2038-04-25");
}

TEST(Calendar, EveryPublicHolidayOfDomainMd) {
    // 2025: nytårsdag, skærtorsdag, langfredag, påskedag, 2. påskedag, Kristi himmelfartsdag,
    // pinsedag, 2. pinsedag, grundlovsdag, juleaften, 1. and 2. juledag.
    for (const char* day :
         {"2025-01-01", "2025-04-17", "2025-04-18", "2025-04-20", "2025-04-21", "2025-05-29",
          "2025-06-08", "2025-06-09", "2025-06-05", "2025-12-24", "2025-12-25", "2025-12-26"}) {
        EXPECT_TRUE(is_public_holiday(d(day))) << day;
    }
    for (const char* day :
         {"2024-01-01", "2024-03-28", "2024-03-29", "2024-03-31", "2024-04-01", "2024-05-09",
          "2024-05-19", "2024-05-20", "2024-06-05", "2024-12-24", "2024-12-25", "2024-12-26"}) {
        EXPECT_TRUE(is_public_holiday(d(day))) << day;
    }
    // Days around them that are not holidays (nytårsaftensdag and 1 May are not).
    for (const char* day :
         {"2024-01-02", "2024-03-27", "2024-04-02", "2024-04-26", "2024-05-01", "2024-05-10",
          "2024-05-21", "2024-06-04", "2024-12-23", "2024-12-27", "2024-12-31", "2025-05-16"}) {
        EXPECT_FALSE(is_public_holiday(d(day))) << day;
    }
    // Exactly twelve holidays a year from 2024, thirteen until 2023 (store bededag).
    for (int year : {2019, 2023, 2024, 2025, 2028}) {
        int holidays = 0;
        for (Date at = *Date::from_ymd(year, 1, 1); at.year() == year; at = at.plus_days(1)) {
            holidays += is_public_holiday(at);
        }
        // 2028: grundlovsdag is 2. pinsedag, one day for two holidays.
        int expected = (year <= 2023 ? 13 : 12) - (year == 2028 ? 1 : 0);
        EXPECT_EQ(holidays, expected) << year;
    }
}

TEST(Calendar, StoreBededagUntil2023) {
    EXPECT_TRUE(is_public_holiday(d("2023-05-05")));
    EXPECT_TRUE(is_public_holiday(d("2019-05-17")));
    EXPECT_TRUE(is_public_holiday(d("2000-05-19")));
    EXPECT_FALSE(is_public_holiday(d("2024-04-26")));  // abolished from 2024
    EXPECT_FALSE(is_public_holiday(d("2025-05-16")));
    EXPECT_TRUE(is_working_day(d("2024-04-26")));
    EXPECT_FALSE(is_working_day(d("2023-05-05")));
}

TEST(Calendar, WorkingDays) {
    EXPECT_FALSE(is_working_day(d("2024-06-08")));  // Saturday
    EXPECT_FALSE(is_working_day(d("2024-06-09")));  // Sunday
    EXPECT_TRUE(is_working_day(d("2024-06-10")));
    EXPECT_EQ(working_days_between(d("2024-06-10"), d("2024-06-14")), 4);  // Mon -> Fri
    EXPECT_EQ(working_days_between(d("2024-06-14"), d("2024-06-17")), 1);  // Fri -> Mon
    EXPECT_EQ(working_days_between(d("2024-06-10"), d("2024-06-10")), 0);
    EXPECT_EQ(working_days_between(d("2024-03-27"), d("2024-04-02")), 1);  // across Easter
    EXPECT_EQ(working_days_between(d("2025-04-16"), d("2025-04-22")), 1);
    EXPECT_EQ(working_days_between(d("2024-12-20"), d("2025-01-02")), 5);  // Christmas and New Year
    EXPECT_EQ(working_days_between(d("2025-12-23"), d("2025-12-29")), 1);
    EXPECT_TRUE(is_public_holiday(d("2028-06-05")));  // grundlovsdag = 2. pinsedag
    EXPECT_EQ(working_days_between(d("2028-06-02"), d("2028-06-06")), 1);
    EXPECT_EQ(working_days_between(d("2023-05-04"), d("2023-05-08")), 1);  // store bededag 2023
    EXPECT_EQ(working_days_between(d("2024-04-25"), d("2024-04-29")), 2);  // not in 2024
    EXPECT_EQ(working_days_between(d("2024-06-14"), d("2024-06-10")), 0);
    // The fast count agrees with counting day by day over ten years.
    Date from = d("2020-01-01");
    std::int32_t counted = 0;
    for (Date at = from; at < d("2030-01-01");) {
        at = at.plus_days(1);
        if (is_working_day(at)) ++counted;
        ASSERT_EQ(working_days_between(from, at), counted) << at.iso();
    }
    // ... and from every start day of a year to a date after the next Christmas.
    for (Date start = d("2023-01-01"); start < d("2024-01-01"); start = start.plus_days(1)) {
        std::int32_t days = 0;
        Date to = d("2024-01-10");
        for (Date at = start.plus_days(1); at <= to; at = at.plus_days(1))
            days += is_working_day(at);
        ASSERT_EQ(working_days_between(start, to), days) << start.iso();
    }
}

TEST(Calendar, AddWorkingDays) {
    EXPECT_EQ(add_working_days(d("2024-03-27"), 1).iso(), "2024-04-02");  // over Easter
    EXPECT_EQ(add_working_days(d("2024-06-14"), 3).iso(), "2024-06-19");
    EXPECT_EQ(add_working_days(d("2024-12-23"), 1).iso(), "2024-12-27");  // over Christmas
    EXPECT_EQ(add_working_days(d("2023-05-04"), 1).iso(), "2023-05-08");  // store bededag 2023
    EXPECT_EQ(add_working_days(d("2024-04-25"), 1).iso(), "2024-04-26");
    EXPECT_EQ(add_working_days(d("2024-06-14"), 0).iso(), "2024-06-14");
    // The inverse of working_days_between, landing on a working day.
    for (Date from = d("2024-12-01"); from < d("2025-07-01"); from = from.plus_days(1)) {
        for (int n = 1; n <= 12; ++n) {
            Date to = add_working_days(from, n);
            ASSERT_TRUE(is_working_day(to)) << from.iso() << " + " << n;
            ASSERT_EQ(working_days_between(from, to), n) << from.iso() << " + " << n;
        }
    }
}

}  // namespace
}  // namespace ombuds
