// SPDX-License-Identifier: MPL-2.0
// Characters a person cannot see in a cell (a no-break space inside a label, a zero-width space,
// a soft hyphen, a tab, a terminal escape): found, named in messages, and left out when a value
// is looked up again for a suggestion. Values shown in messages go through shown_value().
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ombuds/detail/text.hpp"

namespace ombuds::detail {

/// One UTF-8 character: its code point and length in bytes. Bytes that are not UTF-8 are one
/// character U+FFFD of length 1.
struct Utf8Char {
    char32_t code;
    std::size_t length;
};

inline Utf8Char decode_utf8(std::string_view text, std::size_t at) noexcept {
    auto byte = static_cast<unsigned char>(text[at]);
    std::size_t length = byte < 0x80           ? 1
                         : (byte >> 5) == 0x6  ? 2
                         : (byte >> 4) == 0xE  ? 3
                         : (byte >> 3) == 0x1E ? 4
                                               : 0;
    if (length == 1) return {byte, 1};
    if (length == 0 || at + length > text.size() || !is_valid_utf8(text.substr(at, length)))
        return {0xFFFD, 1};
    char32_t code = byte & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k)
        code = (code << 6) | (static_cast<unsigned char>(text[at + k]) & 0x3F);
    return {code, length};
}

inline void append_utf8_char(std::string& out, char32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

struct InvisibleName {
    char32_t code;
    std::string_view da;
    std::string_view en;
};

/// The invisible characters a spreadsheet cell picks up, by name.
inline constexpr auto invisible_names = std::to_array<InvisibleName>({
    {0x0009, "tabulator", "tab"},
    {0x000A, "linjeskift", "line feed"},
    {0x000D, "vognretur", "carriage return"},
    {0x001B, "escape-tegn", "escape"},
    {0x00A0, "hårdt mellemrum", "no-break space"},
    {0x00AD, "blød bindestreg", "soft hyphen"},
    {0x034F, "usynligt sammenbindingstegn", "combining grapheme joiner"},
    {0x2007, "tal-mellemrum", "figure space"},
    {0x2009, "smalt mellemrum", "thin space"},
    {0x200A, "hårfint mellemrum", "hair space"},
    {0x200B, "nulbreddemellemrum", "zero-width space"},
    {0x200C, "nulbredde-ikke-sammenbinder", "zero-width non-joiner"},
    {0x200D, "nulbredde-sammenbinder", "zero-width joiner"},
    {0x200E, "venstre-mod-højre-mærke", "left-to-right mark"},
    {0x200F, "højre-mod-venstre-mærke", "right-to-left mark"},
    {0x2028, "linjeseparator", "line separator"},
    {0x2029, "afsnitsseparator", "paragraph separator"},
    {0x202F, "smalt hårdt mellemrum", "narrow no-break space"},
    {0x2060, "ordsammenbinder", "word joiner"},
    {0x3000, "ideografisk mellemrum", "ideographic space"},
    {0xFEFF, "byte-rækkefølgemærke (BOM)", "byte order mark (BOM)"},
    {0xFFFD, "ugyldigt tegn", "invalid character"},
});

/// A character that shows as nothing, or as an ordinary space, where it should not be: control
/// characters, unusual spaces, zero-width and direction marks, and bytes that are not UTF-8.
constexpr bool is_invisible(char32_t code) noexcept {
    if (code < 0x20 || (code >= 0x7F && code <= 0x9F)) return true;
    if (code == 0x00A0 || code == 0x00AD || code == 0x034F || code == 0x061C) return true;
    if (code >= 0x2000 && code <= 0x200F) return true;
    if (code >= 0x2028 && code <= 0x202F) return true;
    if (code >= 0x2060 && code <= 0x206F) return true;
    return code == 0x3000 || code == 0xFEFF || code == 0xFFFD;
}

/// True when the text holds a character is_invisible() names.
inline bool has_invisible(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size();) {
        auto c = decode_utf8(text, i);
        if (is_invisible(c.code)) return true;
        i += c.length;
    }
    return false;
}

/// `U+XXXX`: a character's code point as Unicode writes it.
inline std::string code_point_name(char32_t code) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string number = "U+";
    int digits = code > 0xFFFF ? 6 : 4;
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) number += hex[(code >> shift) & 0xF];
    return number;
}

/// `<name U+XXXX>` for an invisible character, in Danish or English.
inline std::string invisible_mark(char32_t code, bool danish) {
    for (const auto& entry : invisible_names) {
        if (entry.code == code)
            return "<" + std::string(danish ? entry.da : entry.en) + " " + code_point_name(code) +
                   ">";
    }
    return "<" + code_point_name(code) + ">";
}

/// The text with every invisible character written as its mark, so a message shows what a cell
/// really holds ("Manglende<hårdt mellemrum U+00A0>svar").
inline std::string mark_invisible(std::string_view text, bool danish) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        auto c = decode_utf8(text, i);
        if (is_invisible(c.code)) {
            out += invisible_mark(c.code, danish);
        } else {
            out.append(text.substr(i, c.length));
        }
        i += c.length;
    }
    return out;
}

/// The text as a person reads it: unusual spaces become a space, the other invisible characters
/// are left out. Used to look a refused value up again ("did you mean").
inline std::string without_invisible(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        auto c = decode_utf8(text, i);
        if (!is_invisible(c.code)) {
            out.append(text.substr(i, c.length));
        } else if (c.code == 0x00A0 || c.code == 0x202F || c.code == 0x3000 ||
                   (c.code >= 0x2000 && c.code <= 0x200A) || c.code == '\t') {
            out += ' ';
        }
        i += c.length;
    }
    return out;
}

/// A value shown in a message, unquoted: bytes that are not UTF-8 become U+FFFD, anything that
/// could be a CPR number is redacted (also when invisible characters split it), and it is cut
/// to a readable length at a character boundary. Invisible characters stay, for
/// mark_invisible() to name in the reader's language; nothing raw reaches a terminal, since
/// every message goes through it (Violation::message).
inline std::string shown_text(std::string_view value) {
    constexpr std::size_t shown = 60;
    std::string text;
    text.reserve(value.size() < shown * 2 ? value.size() : shown * 2);
    for (std::size_t i = 0; i < value.size() && text.size() < shown * 4;) {
        auto c = decode_utf8(value, i);
        append_utf8_char(text, c.code);
        i += c.length;
    }
    bool cut = text.size() < value.size() && text.size() >= shown * 4;
    std::string readable = without_invisible(text);
    if (redact(readable) != readable) text = redact(readable);  // digits split by invisibles
    text = redact(text);
    if (text.size() > shown) {
        std::size_t at = shown;
        while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
        text.resize(at);
        text = redact(text);  // the cut can leave a CPR-length run of a longer number
        cut = true;
    }
    return cut ? text + "..." : text;
}

/// shown_text() in quotes: how a message shows a value.
inline std::string shown_value(std::string_view value) {
    return "'" + shown_text(value) + "'";
}

/// shown_value() with every invisible character as its code (`<U+001B>`): for text printed
/// outside a message, such as an unknown column's name.
inline std::string shown_name(std::string_view name) {
    std::string text = shown_text(name);
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        auto c = decode_utf8(text, i);
        if (is_invisible(c.code)) {
            out += "<" + code_point_name(c.code) + ">";
        } else {
            out.append(text.substr(i, c.length));
        }
        i += c.length;
    }
    return out;
}

}  // namespace ombuds::detail
