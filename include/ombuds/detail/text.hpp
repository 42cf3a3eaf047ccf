// SPDX-License-Identifier: MPL-2.0
// Small text helpers shared by the domain headers: case folding for Danish labels, trimming,
// UTF-8 checks and the redaction of anything that looks like a CPR number.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ombuds::detail {

/// Lower-cases ASCII and the Latin-1 capitals (Æ, Ø, Å, É, ...) in UTF-8, so "KLAGE", "Klage"
/// and "klage", or "FØLGESAG" and "følgesag", compare equal.
/// Hashes std::string and std::string_view alike, so a map keyed by std::string is searched
/// with a view and no copy (a code is looked up for every cell of a file).
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};

/// A map keyed by text that is searched with string views.
template <class Value>
using TextMap = std::unordered_map<std::string, Value, TextHash, std::equal_to<>>;

inline std::string fold_case(std::string_view text) {
    std::string out(text);
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto byte = static_cast<unsigned char>(out[i]);
        if (byte >= 'A' && byte <= 'Z') {
            out[i] = static_cast<char>(byte + 32);
        } else if (byte == 0xC3 && i + 1 < out.size()) {
            auto next = static_cast<unsigned char>(out[i + 1]);
            // U+00C0..U+00DE are capitals whose small letter is 0x20 above, except U+00D7 (×).
            if (next >= 0x80 && next <= 0x9E && next != 0x97)
                out[i + 1] = static_cast<char>(next + 0x20);
            ++i;
        }
    }
    return out;
}

/// Case-insensitive equality in the sense of fold_case, without allocating.
inline bool equals_folded(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto x = static_cast<unsigned char>(a[i]);
        auto y = static_cast<unsigned char>(b[i]);
        if (x == y) continue;
        if (x >= 'A' && x <= 'Z') x = static_cast<unsigned char>(x + 32);
        if (y >= 'A' && y <= 'Z') y = static_cast<unsigned char>(y + 32);
        if (i > 0 && static_cast<unsigned char>(a[i - 1]) == 0xC3 &&
            static_cast<unsigned char>(b[i - 1]) == 0xC3) {
            if (x >= 0x80 && x <= 0x9E && x != 0x97) x = static_cast<unsigned char>(x + 0x20);
            if (y >= 0x80 && y <= 0x9E && y != 0x97) y = static_cast<unsigned char>(y + 0x20);
        }
        if (x != y) return false;
    }
    return true;
}

/// Space, tab, LF, VT, FF or CR.
inline constexpr bool is_blank(char c) noexcept {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

inline constexpr std::string_view trim(std::string_view text) noexcept {
    // Blanks and no-break spaces (U+00A0, as spreadsheets leave them) in any mix at either end.
    // Loops rather than find_first_not_of, which searches the set per character: this runs on
    // every cell of a file.
    constexpr std::string_view no_break_space = "\xC2\xA0";
    for (;;) {
        std::size_t before = text.size();
        while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
        while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
        if (text.starts_with(no_break_space)) text.remove_prefix(2);
        if (text.ends_with(no_break_space)) text.remove_suffix(2);
        if (text.size() == before) return text.empty() ? std::string_view() : text;
    }
}

inline constexpr bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

/// True when text is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
inline bool is_valid_utf8(std::string_view text) noexcept {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        // Eight ASCII bytes at a time: most of a case file is ASCII.
        if (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, s + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n) return false;
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
        }
        i += len;
    }
    return true;
}

/// Replaces every run of characters that could be a CPR number (six digits, an optional
/// hyphen or space, four digits) by "XXXXXX-XXXX", so a value echoed in a message never
/// carries a CPR number, whichever column it was typed into.
inline std::string redact(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (is_digit(text[i]) && (i == 0 || !is_digit(text[i - 1]))) {
            std::size_t run = i;
            while (run < text.size() && is_digit(text[run])) ++run;
            std::size_t digits = run - i;
            std::size_t end = run;
            if (digits == 6 && run + 5 <= text.size() && (text[run] == '-' || text[run] == ' ')) {
                std::size_t tail = run + 1;
                while (tail < text.size() && is_digit(text[tail])) ++tail;
                if (tail - (run + 1) == 4) {
                    end = tail;
                    digits = 10;
                }
            }
            if (digits == 10 || (digits >= 9 && digits <= 12)) {
                out += "XXXXXX-XXXX";
            } else {
                out.append(text.substr(i, end - i));
            }
            i = end;
            continue;
        }
        out.push_back(text[i]);
        ++i;
    }
    return out;
}

/// Text safe to show in a message whatever its origin (a damaged file, a library's error):
/// valid UTF-8 (other bytes become '?'), no control characters, anything CPR-like redacted.
inline std::string printable(std::string_view text) {
    std::string clean;
    clean.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        std::size_t length = byte < 0x80           ? 1
                             : (byte >> 5) == 0x6  ? 2
                             : (byte >> 4) == 0xE  ? 3
                             : (byte >> 3) == 0x1E ? 4
                                                   : 0;
        if (length > 1 && i + length <= text.size() && is_valid_utf8(text.substr(i, length))) {
            clean.append(text.substr(i, length));
            i += length;
            continue;
        }
        clean += (length == 1 && byte >= 0x20 && byte != 0x7F) || byte == '\n' || byte == '\t'
                     ? static_cast<char>(byte)
                     : '?';
        ++i;
    }
    return redact(clean);
}

/// A value shown in a message: redacted first (so a CPR number across the cut cannot leak its
/// first digits), then cut at a character boundary to a readable length.
inline std::string quote_value(std::string_view value) {
    constexpr std::size_t shown = 60;
    std::string text = printable(value);
    if (text.size() > shown) {
        std::size_t cut = shown;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;  // not inside a character
        text.resize(cut);
        // The cut can leave a CPR-length run of a longer number (say a CPR number with more
        // digits after it, which redaction let be): redact again.
        text = redact(text) + "...";
    }
    return "'" + text + "'";
}

}  // namespace ombuds::detail
