// SPDX-License-Identifier: MPL-2.0
// Windows-1252, the encoding Danish Excel writes CSV in, to and from UTF-8.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "ombuds/detail/invisible.hpp"

namespace ombuds::io {

/// Windows-1252's 0x80..0x9F as Unicode code points; 0 marks the five undefined bytes.
inline constexpr std::array<char32_t, 32> cp1252_high = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/// Converts Windows-1252 to UTF-8; false when a byte is undefined in Windows-1252.
inline bool cp1252_to_utf8(std::string_view in, std::string& out) {
    out.clear();
    out.reserve(in.size() + in.size() / 8);
    for (char c : in) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80) {
            out += c;
        } else if (byte < 0xA0) {
            char32_t cp = cp1252_high[byte - 0x80];
            if (cp == 0) return false;
            detail::append_utf8_char(out, cp);
        } else {
            detail::append_utf8_char(out, byte);
        }
    }
    return true;
}

/// Converts UTF-8 to Windows-1252; a character Windows-1252 lacks becomes '?'.
inline std::string utf8_to_cp1252(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        auto c = detail::decode_utf8(in, i);
        i += c.length;
        if (c.code < 0x80 || (c.code >= 0xA0 && c.code <= 0xFF)) {
            out += static_cast<char>(c.code);
            continue;
        }
        char byte = '?';
        for (std::size_t k = 0; k < cp1252_high.size(); ++k) {
            if (cp1252_high[k] == c.code && c.code != 0) byte = static_cast<char>(0x80 + k);
        }
        out += byte;
    }
    return out;
}

}  // namespace ombuds::io
