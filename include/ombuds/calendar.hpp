// SPDX-License-Identifier: MPL-2.0
// The Danish calendar of working days (domain.md, "Periods and deadlines"): weekends and the
// public holidays are not working days. Store bededag was a holiday until 2023 (abolished from
// 2024).
#pragma once

#include <cstdint>
#include <iterator>

#include "ombuds/date.hpp"

namespace ombuds {

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
constexpr Date easter_sunday(int year) noexcept {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return *Date::from_ymd(year, month, day);
}

/// Whether a date is a Danish public holiday (helligdag), including juleaften, which public
/// offices keep closed.
constexpr bool is_public_holiday(Date date) noexcept {
    int month = date.month();
    int day = date.day();
    if (month == 1 && day == 1) return true;                                // nytårsdag
    if (month == 6 && day == 5) return true;                                // grundlovsdag
    if (month == 12 && (day == 24 || day == 25 || day == 26)) return true;  // jul
    if (month < 3 || month > 6) return false;
    int from_easter = date - easter_sunday(date.year());
    switch (from_easter) {
        case -3:  // skærtorsdag
        case -2:  // langfredag
        case 0:   // påskedag
        case 1:   // 2. påskedag
        case 39:  // Kristi himmelfartsdag
        case 49:  // pinsedag
        case 50:  // 2. pinsedag
            return true;
        case 26:  // store bededag, abolished from 2024
            return date.year() <= 2023;
        default:
            return false;
    }
}

/// Whether a date is a working day: Monday to Friday and not a public holiday.
constexpr bool is_working_day(Date date) noexcept {
    return date.weekday() <= 5 && !is_public_holiday(date);
}

/// Working days from `from` to `to`: the count of working days d with from < d <= to (0 when
/// `to` is not after `from`). A reply the next working day took 1 working day.
constexpr std::int32_t working_days_between(Date from, Date to) noexcept {
    if (to <= from) return 0;
    std::int32_t total = to - from;
    // Whole weeks hold five weekdays; then walk the remainder and subtract holidays.
    std::int32_t weeks = total / 7;
    std::int32_t count = weeks * 5;
    Date at = from.plus_days(weeks * 7);
    while (at < to) {
        at = at.plus_days(1);
        if (at.weekday() <= 5) ++count;
    }
    for (int year = from.year(); year <= to.year(); ++year) {
        // Holidays that fall on a weekday inside (from, to].
        Date easter = easter_sunday(year);
        const Date fixed[] = {*Date::from_ymd(year, 1, 1),   *Date::from_ymd(year, 6, 5),
                              *Date::from_ymd(year, 12, 24), *Date::from_ymd(year, 12, 25),
                              *Date::from_ymd(year, 12, 26), easter.plus_days(-3),
                              easter.plus_days(-2),          easter.plus_days(1),
                              easter.plus_days(39),          easter.plus_days(50)};
        for (std::size_t i = 0; i < std::size(fixed); ++i) {
            Date holiday = fixed[i];
            // Grundlovsdag can be 2. pinsedag too (2028): count each day once.
            bool seen = false;
            for (std::size_t j = 0; j < i; ++j) seen = seen || fixed[j] == holiday;
            if (!seen && from < holiday && holiday <= to && holiday.weekday() <= 5) --count;
        }
        Date bededag = easter.plus_days(26);
        if (year <= 2023 && from < bededag && bededag <= to) --count;  // always a Friday
    }
    return count;
}

/// The date `n` working days after `from` (n >= 0).
constexpr Date add_working_days(Date from, std::int32_t n) noexcept {
    Date at = from;
    while (n > 0) {
        at = at.plus_days(1);
        if (is_working_day(at)) --n;
    }
    return at;
}

}  // namespace ombuds
