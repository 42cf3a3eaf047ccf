// SPDX-License-Identifier: MPL-2.0
// What a workbook's cell holds, as text: Office's escapes decoded, date cells (by their number
// format) as `YYYY-MM-DD`, whole numbers without exponent.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "ombuds/date.hpp"
#include "ombuds/detail/invisible.hpp"

namespace ombuds::io::xlsx {

/// The most a single cell's text may hold (Excel's own limit is 32,767 characters).
inline constexpr std::size_t max_cell_bytes = 32'767 * 4;

/// Decodes the `_xHHHH_` escapes Office writes for characters XML cannot hold (`_x000D_` for a
/// carriage return; `_x005F_` for a literal underscore before such a sequence).
inline std::string decode_escapes(std::string text) {
    if (text.find("_x") == std::string::npos) return text;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
            unsigned code = 0;
            auto [end, error] = std::from_chars(text.data() + i + 2, text.data() + i + 6, code, 16);
            if (error == std::errc() && end == text.data() + i + 6) {
                detail::append_utf8_char(out, code);
                i += 6;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

/// Whether a built-in number format (by id) shows a date or a time.
inline bool builtin_date_format(unsigned id) {
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

/// Whether a custom number format code shows a date or a time: its first section names a day,
/// month, year, hour or second outside quoted text, escapes and [colour] brackets.
inline bool custom_date_format(std::string_view code) {
    bool seen = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        char c = static_cast<char>(code[i] | 0x20);
        if (code[i] == ';') break;
        if (code[i] == '"') {
            auto close = code.find('"', i + 1);
            if (close == std::string_view::npos) return false;
            i = close;
        } else if (code[i] == '\\' || code[i] == '_' || code[i] == '*') {
            ++i;  // the next character is shown as it is (or is a width)
        } else if (code[i] == '[') {
            auto close = code.find(']', i + 1);
            if (close == std::string_view::npos) return false;
            i = close;
        } else if (code.substr(i).size() >= 7 &&
                   detail::equals_folded(code.substr(i, 7), "general")) {
            i += 6;
        } else if (c == 'd' || c == 'm' || c == 'y' || c == 'h' || c == 's') {
            seen = true;
        }
    }
    return seen;
}

/// A date cell's serial number as text: `YYYY-MM-DD`, with ` HH:MM:SS` when it has a time of day.
inline std::optional<std::string> serial_date_text(double serial, bool date1904) {
    if (!std::isfinite(serial) || serial < 0 || serial > 2'000'000) return std::nullopt;
    auto whole = static_cast<std::int64_t>(std::floor(serial));
    auto seconds =
        static_cast<std::int64_t>(std::llround((serial - static_cast<double>(whole)) * 86400));
    if (seconds >= 86400) {
        ++whole;
        seconds -= 86400;
    }
    std::optional<Date> day;
    if (date1904) {
        day =
            Date::from_days(Date::from_ymd(1904, 1, 1)->days() + static_cast<std::int32_t>(whole));
    } else if (whole == 60) {
        return "1900-02-29";  // Excel's day that never was: refused as no day of the calendar
    } else {
        // Excel counts 1900 as a leap year: serials from 61 on are a day too high.
        std::int64_t shift = whole < 60 ? 1 : 0;
        day = Date::from_days(Date::from_ymd(1899, 12, 30)->days() +
                              static_cast<std::int32_t>(whole + shift));
    }
    if (!day) return std::nullopt;
    std::string text = day->iso();
    if (seconds > 0) {
        char clock[16];
        std::snprintf(clock, sizeof clock, " %02d:%02d:%02d", static_cast<int>(seconds / 3600),
                      static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
        text += clock;
    }
    return text;
}

/// A number cell as text: whole numbers without exponent or decimals ("2110625629", not
/// "2.110625629E9"), others as the workbook wrote them.
inline std::string number_text(std::string_view value) {
    double number = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error == std::errc() && end == value.data() + value.size() && std::isfinite(number) &&
        number == std::floor(number) && std::fabs(number) < 1e15) {
        return std::to_string(static_cast<long long>(number));
    }
    return std::string(value);
}

}  // namespace ombuds::io::xlsx
