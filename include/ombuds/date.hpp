// SPDX-License-Identifier: MPL-2.0
// A calendar date, valid by construction, stored as a day number (days since 1970-01-01) so
// that the statistics engine can keep dates in compact integer columns.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ombuds/detail/text.hpp"

namespace ombuds {

struct ParsedDate;

class Date {
  public:
    /// The earliest and latest dates ombuds accepts (a register spans decades, not millennia).
    static constexpr int min_year = 1800;
    static constexpr int max_year = 2999;

    /// A date from year, month and day; nullopt when no such day exists in the range above.
    static constexpr std::optional<Date> from_ymd(int year, int month, int day) noexcept {
        if (year < min_year || year > max_year || month < 1 || month > 12 || day < 1 ||
            day > days_in_month(year, month)) {
            return std::nullopt;
        }
        return Date(
            days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
    }

    /// A date from a day number (days since 1970-01-01); nullopt outside the range above.
    static constexpr std::optional<Date> from_days(std::int32_t days) noexcept {
        if (days < first().days_ || days > last().days_) return std::nullopt;
        return Date(days);
    }

    /// Parses the date forms of a case file (interfaces.md, "Case file"): `YYYY-MM-DD`,
    /// `DD-MM-YYYY`, `DD.MM.YYYY` and `DD/MM/YYYY` (one-digit day and month allowed in the
    /// Danish forms, as spreadsheets write them), each optionally followed by a time of day as
    /// spreadsheet programs write date-time cells (`2024-01-25 00:00:00`, LibreOffice's
    /// `2024-01-25 0:00:00`, `25-01-2024 00.00`, `2024-01-25T00:00:00`); the time is dropped.
    static constexpr ParsedDate parse_text(std::string_view text) noexcept;

    /// parse_text()'s date: nullopt for a text that is no date.
    static constexpr std::optional<Date> parse(std::string_view text) noexcept;

    static constexpr Date first() noexcept { return Date(days_from_civil(min_year, 1, 1)); }
    static constexpr Date last() noexcept { return Date(days_from_civil(max_year, 12, 31)); }

    constexpr std::int32_t days() const noexcept { return days_; }
    constexpr int year() const noexcept { return civil().year; }
    constexpr int month() const noexcept { return static_cast<int>(civil().month); }
    constexpr int day() const noexcept { return static_cast<int>(civil().day); }
    /// ISO weekday: 1 Monday ... 7 Sunday.
    constexpr int weekday() const noexcept {
        int w = static_cast<int>((days_ % 7 + 7 + 3) % 7);  // 1970-01-01 was a Thursday
        return w + 1;
    }

    /// The date n days later (earlier for negative n), clamped to the accepted range.
    constexpr Date plus_days(std::int32_t n) const noexcept {
        std::int64_t target = static_cast<std::int64_t>(days_) + n;
        if (target < first().days_) return first();
        if (target > last().days_) return last();
        return Date(static_cast<std::int32_t>(target));
    }

    /// The same day and month in another year; 29 February becomes 28 February.
    constexpr Date with_year(int year) const noexcept {
        auto c = civil();
        int day = static_cast<int>(c.day);
        if (c.month == 2 && day == 29 && !is_leap(year)) day = 28;
        auto shifted = from_ymd(year, static_cast<int>(c.month), day);
        return shifted ? *shifted : *this;
    }

    /// `YYYY-MM-DD`.
    /// Writes `YYYY-MM-DD` (10 characters, no terminator) into `out`.
    constexpr void write_iso(char* out) const noexcept {
        auto c = civil();
        int y = c.year;
        out[0] = static_cast<char>('0' + y / 1000);
        out[1] = static_cast<char>('0' + y / 100 % 10);
        out[2] = static_cast<char>('0' + y / 10 % 10);
        out[3] = static_cast<char>('0' + y % 10);
        out[4] = '-';
        out[5] = static_cast<char>('0' + c.month / 10);
        out[6] = static_cast<char>('0' + c.month % 10);
        out[7] = '-';
        out[8] = static_cast<char>('0' + c.day / 10);
        out[9] = static_cast<char>('0' + c.day % 10);
    }

    std::string iso() const {
        char buffer[10];
        write_iso(buffer);
        return std::string(buffer, 10);
    }

    /// `D. month YYYY` in Danish, as reports write dates ("1. februar 2022").
    std::string danish() const {
        static constexpr std::string_view months[] = {
            "januar", "februar", "marts",     "april",   "maj",      "juni",
            "juli",   "august",  "september", "oktober", "november", "december"};
        auto c = civil();
        return std::to_string(c.day) + ". " + std::string(months[c.month - 1]) + " " +
               std::to_string(c.year);
    }

    static constexpr bool is_leap(int year) noexcept {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }
    static constexpr int days_in_month(int year, int month) noexcept {
        constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        return month == 2 && is_leap(year) ? 29 : days[month - 1];
    }

    friend constexpr auto operator<=>(Date, Date) noexcept = default;
    friend constexpr bool operator==(Date, Date) noexcept = default;
    friend constexpr std::int32_t operator-(Date a, Date b) noexcept { return a.days_ - b.days_; }

  private:
    constexpr explicit Date(std::int32_t days) noexcept : days_(days) {}

    /// `H:MM`, `HH:MM`, `H:MM:SS` or `HH:MM:SS` (`.` instead of `:` as Danish spells it),
    /// seconds optionally with a fraction: a real time of day.
    static constexpr bool is_time_of_day(std::string_view text) noexcept {
        int values[3] = {0, 0, 0};
        int widths[3] = {0, 0, 0};
        int part = 0;
        std::size_t i = 0;
        for (; i < text.size(); ++i) {
            char c = text[i];
            if (detail::is_digit(c)) {
                if (++widths[part] > 2) return false;
                values[part] = values[part] * 10 + (c - '0');
            } else if ((c == ':' || c == '.') && part < 2 && widths[part] > 0) {
                ++part;
            } else if ((c == '.' || c == ',') && part == 2 && widths[2] == 2) {
                break;  // a fraction of a second
            } else {
                return false;
            }
        }
        if (i < text.size()) {
            if (i + 1 == text.size()) return false;
            for (++i; i < text.size(); ++i) {
                if (!detail::is_digit(text[i])) return false;
            }
        }
        if (part == 0 || widths[part] != 2 || (part == 2 && widths[1] != 2)) return false;
        return values[0] < 24 && values[1] < 60 && values[2] < 60;
    }

    struct Civil {
        int year;
        unsigned month;
        unsigned day;
    };

    // Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
    static constexpr std::int32_t days_from_civil(int y, unsigned m, unsigned d) noexcept {
        y -= m <= 2;
        const int era = (y >= 0 ? y : y - 399) / 400;
        const unsigned yoe = static_cast<unsigned>(y - era * 400);
        const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + static_cast<int>(doe) - 719468;
    }
    constexpr Civil civil() const noexcept {
        int z = days_ + 719468;
        const int era = (z >= 0 ? z : z - 146096) / 146097;
        const unsigned doe = static_cast<unsigned>(z - era * 146097);
        const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        const int y = static_cast<int>(yoe) + era * 400;
        const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        const unsigned mp = (5 * doy + 2) / 153;
        const unsigned d = doy - (153 * mp + 2) / 5 + 1;
        const unsigned m = mp < 10 ? mp + 3 : mp - 9;
        return {y + (m <= 2), m, d};
    }

    std::int32_t days_ = 0;
};

/// What reading a text as a date gave: the date, or whether the text was written as a date at
/// all (a text such as "31-04-2024" is written as one, but names no day).
struct ParsedDate {
    std::optional<Date> date;
    bool written_as_date = false;
};

constexpr ParsedDate Date::parse_text(std::string_view text) noexcept {
    text = detail::trim(text);
    std::size_t end = 0;
    while (end < text.size() && text[end] != ' ' && text[end] != 'T') ++end;
    int numbers[3] = {0, 0, 0};
    int widths[3] = {0, 0, 0};
    char separators[2] = {0, 0};
    int part = 0;
    for (char c : text.substr(0, end)) {
        if (detail::is_digit(c)) {
            if (widths[part] >= 4) return {};
            numbers[part] = numbers[part] * 10 + (c - '0');
            ++widths[part];
        } else if ((c == '-' || c == '.' || c == '/') && part < 2 && widths[part] > 0) {
            separators[part] = c;
            ++part;
        } else {
            return {};
        }
    }
    if (part != 2 || widths[2] == 0 || separators[0] != separators[1]) return {};
    bool iso = widths[0] == 4 && separators[0] == '-' && widths[1] == 2 && widths[2] == 2;
    bool danish = widths[2] == 4 && widths[0] <= 2 && widths[1] <= 2;
    if (!iso && !danish) return {};
    if (end < text.size()) {
        if (text[end] == 'T' && !iso) return {};
        if (!is_time_of_day(detail::trim(text.substr(end + 1)))) return {};
    }
    return {iso ? from_ymd(numbers[0], numbers[1], numbers[2])
                : from_ymd(numbers[2], numbers[1], numbers[0]),
            true};
}

constexpr std::optional<Date> Date::parse(std::string_view text) noexcept {
    return parse_text(text).date;
}

/// A closed range of dates [from, to], as a report period.
struct Period {
    Date from;
    Date to;
    constexpr bool contains(Date d) const noexcept { return from <= d && d <= to; }
    friend constexpr bool operator==(const Period&, const Period&) noexcept = default;
};

}  // namespace ombuds
