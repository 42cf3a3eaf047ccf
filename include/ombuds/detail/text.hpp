// SPDX-License-Identifier: MPL-2.0
// Small text helpers shared by the domain headers: case folding for Danish labels, trimming,
// UTF-8 checks, the redaction of anything that looks like a CPR number and the making of
// messages printable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ombuds/detail/cpr_spelling.hpp"

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

/// What replaces a CPR number.
inline constexpr std::string_view cpr_mask = "XXXXXX-XXXX";

/// Whether text holds a digit of any form a CPR number can be spelled in (cpr_spelling.hpp):
/// text without one has nothing to redact.
inline bool has_digit(std::string_view text) noexcept {
    if (cpr_spelling::digit_candidates(text) == 0) return false;
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (cpr_spelling::may_start_digit(bytes[i]) &&
            cpr_spelling::classify(text, i).kind == cpr_spelling::Kind::digit)
            return true;
    }
    return false;
}

/// Replaces every number that could be a CPR number, in any spelling (cpr_spelling.hpp), by
/// "XXXXXX-XXXX", so a value echoed in a message or stored as free text never carries one,
/// whichever column it was typed into. Dates, KLE numbers, amounts and phone numbers are
/// left alone: they have fewer digits or, with ten, another grouping.
inline std::string redact(std::string_view text) {
    // Nine digits at least (a CPR number with one lost): most text has fewer.
    if (cpr_spelling::digit_candidates(text) < 9) return std::string(text);
    std::string out;
    std::size_t copied = 0;
    cpr_spelling::find_all(text, cpr_spelling::Strictness::redact,
                           [&](std::size_t begin, std::size_t end) {
                               if (copied == 0) out.reserve(text.size());
                               out.append(text.substr(copied, begin - copied));
                               out += cpr_mask;
                               copied = end;
                               return true;
                           });
    if (copied == 0) return std::string(text);
    out.append(text.substr(copied));
    return out;
}

/// Text safe to show in a message whatever its origin (a damaged file, a hostile value, a
/// library's error): anything CPR-like redacted, bytes that are not UTF-8 shown as '?', and
/// control and invisible characters (C0, DEL, C1, line separators, zero-width characters,
/// bidirectional overrides) escaped ("\x1b", "\n", "\u202e"), so nothing printed can move
/// the cursor, recolour a terminal, hide text or reorder what is shown.
inline std::string printable(std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    // Most values shown (codes, ids, dates) are short printable ASCII with few digits.
    std::size_t digits = 0;
    bool plain = true;
    for (char c : text) {
        plain &= c >= 0x20 && c < 0x7F;
        digits += is_digit(c);
    }
    if (plain && digits < 9) return std::string(text);
    const std::string redacted = redact(text);
    std::string clean;
    clean.reserve(redacted.size());
    bool escaped = false;
    std::size_t i = 0;
    while (i < redacted.size()) {
        auto byte = static_cast<unsigned char>(redacted[i]);
        if (byte >= 0x20 && byte < 0x7F) {
            clean.push_back(static_cast<char>(byte));
            ++i;
            continue;
        }
        if (byte < 0x80) {
            escaped = true;
            if (byte == '\n') {
                clean += "\\n";
            } else if (byte == '\t') {
                clean += "\\t";
            } else if (byte == '\r') {
                clean += "\\r";
            } else {
                clean += "\\x";
                clean += hex[byte >> 4];
                clean += hex[byte & 15];
            }
            ++i;
            continue;
        }
        std::size_t length = (byte >> 5) == 0x6    ? 2
                             : (byte >> 4) == 0xE  ? 3
                             : (byte >> 3) == 0x1E ? 4
                                                   : 0;
        if (length == 0 || i + length > redacted.size() ||
            !is_valid_utf8(std::string_view(redacted).substr(i, length))) {
            clean.push_back('?');
            ++i;
            continue;
        }
        char32_t cp = byte & (0xFF >> (length + 1));
        for (std::size_t k = 1; k < length; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(redacted[i + k]) & 0x3F);
        if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) ||
            (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF) {
            escaped = true;
            clean += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4) clean += hex[(cp >> shift) & 15];
        } else {
            clean.append(redacted, i, length);
        }
        i += length;
    }
    // An escape's hex digits beside other digits could complete a number: redact again.
    return escaped ? redact(clean) : clean;
}

/// A file name or a register's location as a message shows it: printable(), and when longer
/// than a message can usefully hold (a host may pass megabytes by mistake) its beginning and
/// its end with "..." between them, cut between characters.
inline std::string shown_location(std::string_view location) {
    constexpr std::size_t head = 96, tail = 96;
    std::string shown = printable(location);
    if (shown.size() <= head + tail + 3) return shown;
    auto starts_character = [&](std::size_t at) {
        return (static_cast<unsigned char>(shown[at]) & 0xC0) != 0x80;
    };
    std::size_t head_end = head, tail_begin = shown.size() - tail;
    while (head_end > 0 && !starts_character(head_end)) --head_end;
    while (tail_begin < shown.size() && !starts_character(tail_begin)) ++tail_begin;
    return shown.substr(0, head_end) + "..." + shown.substr(tail_begin);
}

/// A value shown in a message: made printable (so redacted) first, so a CPR number across the
/// cut cannot leak its first digits, then cut at a character boundary to a readable length.
inline std::string quote_value(std::string_view value) {
    constexpr std::size_t shown = 60;
    // A value can be megabytes (a damaged header): only its beginning is looked at, cut where
    // no number can be split (before a character that cannot be part of one).
    constexpr std::size_t looked_at = 4096;
    std::string_view head = value;
    if (value.size() > looked_at) {
        std::size_t cut = looked_at;
        while (cut > 0 && ((static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80 ||
                           cpr_spelling::classify(value, cut).kind != cpr_spelling::Kind::other))
            --cut;
        if (cut > 0) head = value.substr(0, cut);
    }
    std::string text = printable(head);
    bool shortened = head.size() < value.size();
    if (text.size() > shown) {
        std::size_t cut = shown;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;  // not inside a character
        text.resize(cut);
        shortened = true;
        // The cut can leave a CPR-length run of a longer number (say a CPR number with more
        // digits after it, which redaction let be): redact again.
        text = redact(text);
    }
    if (shortened) text += "...";
    return "'" + text + "'";
}

}  // namespace ombuds::detail
