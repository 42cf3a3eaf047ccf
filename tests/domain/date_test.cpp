// SPDX-License-Identifier: MPL-2.0
#include "ombuds/date.hpp"

#include <gtest/gtest.h>

namespace ombuds {
namespace {

TEST(Date, ThreeForms) {
    EXPECT_EQ(Date::parse("2024-03-04"), Date::from_ymd(2024, 3, 4));
    EXPECT_EQ(Date::parse("04-03-2024"), Date::from_ymd(2024, 3, 4));
    EXPECT_EQ(Date::parse("04.03.2024"), Date::from_ymd(2024, 3, 4));
    // One-digit day and month in the Danish forms, as spreadsheets write them.
    EXPECT_EQ(Date::parse("4.3.2024"), Date::from_ymd(2024, 3, 4));
    EXPECT_EQ(Date::parse("4-3-2024"), Date::from_ymd(2024, 3, 4));
    EXPECT_EQ(Date::parse("04.3.2024"), Date::from_ymd(2024, 3, 4));
    EXPECT_EQ(Date::parse("31-12-2025"), Date::from_ymd(2025, 12, 31));
    EXPECT_EQ(Date::parse(" 2024-02-29 "), Date::from_ymd(2024, 2, 29));
    EXPECT_EQ(Date::parse("29.02.2000"), Date::from_ymd(2000, 2, 29));  // 2000 was a leap year
}

TEST(Date, SlashesAndDateTimesAsSpreadsheetsWriteThem) {
    const auto day = Date::from_ymd(2024, 1, 25);
    for (const char* text :
         {"25/1/2024", "25/01/2024", "2024-01-25 00:00:00", "2024-01-25 0:00:00",
          "2024-01-25 00:00", "2024-01-25T00:00:00", "2024-01-25T13:45:59.123",
          "25-01-2024 00:00:00", "25-01-2024 0:00", "25.01.2024 00.00.00", "25.1.2024 13.05",
          "25/01/2024 23:59:59", "2024-01-25 12:30:00,5", " 2024-01-25  00:00:00 "}) {
        EXPECT_EQ(Date::parse(text), day) << text;
    }
    // Written as a date, but no day of the calendar: told apart from text that is no date.
    for (const char* text : {"31/4/2024", "2023-02-29 00:00:00", "29.02.1900", "1/13/2024"}) {
        auto parsed = Date::parse_text(text);
        EXPECT_FALSE(parsed.date) << text;
        EXPECT_TRUE(parsed.written_as_date) << text;
    }
    for (const char* text :
         {"2024-01-25 24:00", "2024-01-25 00:60", "2024-01-25 0:0", "2024-01-25 00:00:0",
          "2024-01-25 000:00", "2024-01-25 00:00:00.", "2024-01-25 00:00 AM", "25-01-2024T00:00",
          "25/01-2024", "2024/01/25", "2024-01-25 x", "2024-01-25T", "01/25/24"}) {
        auto parsed = Date::parse_text(text);
        EXPECT_FALSE(parsed.date) << text;
        EXPECT_FALSE(parsed.written_as_date) << text;
    }
}

TEST(Date, RefusesWhatIsNoDate) {
    for (const char* text : {"2023-02-29",  "31.04.2024",       "29.02.1900", "31-06-2024",
                             "2024-13-01",  "2024-00-10",       "00.01.2024", "04-03.2024",
                             "2024/03/04",  "20240304",         "",           "abc",
                             "2024-3-4",    "12.12.12",         "1.1.",       "--",
                             "2024-03-04x", "2024-03-04 25:00", "1799-12-31", "3000-01-01",
                             "99999-01-01", "-1-01-2024",       "4..2024"}) {
        EXPECT_FALSE(Date::parse(text).has_value()) << text;
    }
    EXPECT_FALSE(Date::from_ymd(2023, 2, 29));
    EXPECT_FALSE(Date::from_ymd(2024, 4, 31));
    EXPECT_FALSE(Date::from_ymd(2024, 0, 1));
}

TEST(Date, IsoAndDanish) {
    auto d = *Date::from_ymd(2024, 2, 29);
    EXPECT_EQ(d.iso(), "2024-02-29");
    EXPECT_EQ(Date::from_ymd(1800, 1, 1)->iso(), "1800-01-01");
    EXPECT_EQ(Date::from_ymd(2999, 12, 31)->iso(), "2999-12-31");
    EXPECT_EQ(d.danish(), "29. februar 2024");
    EXPECT_EQ(Date::from_ymd(2025, 1, 1)->danish(), "1. januar 2025");
    EXPECT_EQ(Date::from_ymd(2022, 2, 1)->danish(), "1. februar 2022");
    EXPECT_EQ(Date::from_ymd(2023, 12, 24)->danish(), "24. december 2023");
    // iso() reads back as the same date.
    for (Date at = *Date::from_ymd(1999, 12, 1); at < *Date::from_ymd(2001, 3, 1);
         at = at.plus_days(1)) {
        ASSERT_EQ(Date::parse(at.iso()), at);
    }
}

TEST(Date, Weekday) {
    EXPECT_EQ(Date::from_ymd(2024, 2, 29)->weekday(), 4);  // Thursday
    EXPECT_EQ(Date::from_ymd(1970, 1, 1)->weekday(), 4);
    EXPECT_EQ(Date::from_ymd(2024, 1, 1)->weekday(), 1);   // Monday
    EXPECT_EQ(Date::from_ymd(2000, 1, 1)->weekday(), 6);   // Saturday
    EXPECT_EQ(Date::from_ymd(2026, 11, 1)->weekday(), 7);  // Sunday
    EXPECT_EQ(Date::from_ymd(1900, 1, 1)->weekday(), 1);   // Monday, before 1970
    EXPECT_EQ(Date::from_ymd(1849, 6, 5)->weekday(), 2);   // the constitution, a Tuesday
}

TEST(Date, ArithmeticAndWithYear) {
    auto d = *Date::from_ymd(2024, 2, 29);
    EXPECT_EQ(Date::from_ymd(1970, 1, 1)->days(), 0);
    EXPECT_EQ(Date::from_ymd(1969, 12, 31)->days(), -1);
    EXPECT_EQ(d.plus_days(1).iso(), "2024-03-01");
    EXPECT_EQ(d.plus_days(-60).iso(), "2023-12-31");
    EXPECT_EQ(Date::last().plus_days(10), Date::last());  // clamped
    EXPECT_EQ(Date::first().plus_days(-10), Date::first());
    EXPECT_EQ(d.with_year(2023).iso(), "2023-02-28");  // 29 February -> 28 February
    EXPECT_EQ(d.with_year(2028).iso(), "2028-02-29");
    EXPECT_EQ(Date::from_ymd(2025, 3, 15)->with_year(2024).iso(), "2024-03-15");
    EXPECT_EQ(*Date::from_ymd(2025, 1, 1) - *Date::from_ymd(2024, 1, 1), 366);
    EXPECT_EQ(*Date::from_ymd(2024, 1, 1) - *Date::from_ymd(2025, 1, 1), -366);
    EXPECT_LT(*Date::from_ymd(2024, 1, 1), *Date::from_ymd(2024, 1, 2));
    EXPECT_EQ(Date::from_days(d.days()), d);
    EXPECT_FALSE(Date::from_days(Date::last().days() + 1));
    Period p{*Date::from_ymd(2024, 1, 1), *Date::from_ymd(2024, 12, 31)};
    EXPECT_TRUE(p.contains(d));
    EXPECT_TRUE(p.contains(p.from));
    EXPECT_TRUE(p.contains(p.to));
    EXPECT_FALSE(p.contains(*Date::from_ymd(2025, 1, 1)));
}

}  // namespace
}  // namespace ombuds
