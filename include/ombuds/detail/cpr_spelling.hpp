// SPDX-License-Identifier: MPL-2.0
// Recognising a CPR number in any spelling people and programs produce: digits ASCII,
// full-width (U+FF10..), Arabic-Indic or mathematical; groups 6+4, 6+2+2, 2+2+2+4, 2+2+2+2+2
// or none, separated by blanks (any Unicode space, no-break spaces, tab, line breaks) around at
// most one mark (hyphen-minus, Unicode hyphens and dashes, minus, dot, slash, underscore, and
// their full-width forms); invisible characters (zero-width and bidi controls, soft hyphens,
// combining marks, control characters, bytes that are not UTF-8) are skipped wherever they stand.
// Used to redact text (redact, in text.hpp), to read the citizen column (Cpr::parse) and to
// refuse identifiers that look like a CPR number (rule id.no_cpr).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ombuds::detail::cpr_spelling {

enum class Kind : std::uint8_t { other, digit, blank, mark, invisible };

struct Char {
    Kind kind;
    std::uint8_t length;  // bytes
    std::uint8_t value;   // a digit's value
};

constexpr bool in(char32_t cp, char32_t first, char32_t last) noexcept {
    return cp >= first && cp <= last;
}

constexpr Char classify_code_point(char32_t cp, std::uint8_t length) noexcept {
    if (in(cp, 0xFF10, 0xFF19)) return {Kind::digit, length, std::uint8_t(cp - 0xFF10)};
    if (in(cp, 0x0660, 0x0669)) return {Kind::digit, length, std::uint8_t(cp - 0x0660)};
    if (in(cp, 0x06F0, 0x06F9)) return {Kind::digit, length, std::uint8_t(cp - 0x06F0)};
    if (in(cp, 0x1D7CE, 0x1D7FF)) return {Kind::digit, length, std::uint8_t((cp - 0x1D7CE) % 10)};
    if (cp == 0x00A0 || cp == 0x0085 || cp == 0x1680 || in(cp, 0x2000, 0x200A) || cp == 0x2028 ||
        cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000)
        return {Kind::blank, length, 0};
    if (in(cp, 0x2010, 0x2015) || cp == 0x2212 || cp == 0x2043 || cp == 0x2044 || cp == 0x2215 ||
        cp == 0x2024 || cp == 0x2027 || cp == 0x00B7 || cp == 0xFE58 || cp == 0xFE63 ||
        in(cp, 0xFF0D, 0xFF0F) || cp == 0xFF3F)
        return {Kind::mark, length, 0};
    if (in(cp, 0x0080, 0x009F) || cp == 0x00AD || in(cp, 0x0300, 0x036F) || cp == 0x061C ||
        cp == 0x180E || in(cp, 0x200B, 0x200F) || in(cp, 0x202A, 0x202E) ||
        in(cp, 0x2060, 0x206F) || in(cp, 0x20D0, 0x20FF) || in(cp, 0xFE00, 0xFE0F) || cp == 0xFEFF)
        return {Kind::invisible, length, 0};
    return {Kind::other, length, 0};
}

/// The character at text[at] (at < text.size()). A byte that does not begin well-formed UTF-8
/// is one invisible character: it shows as nothing or as a replacement, never as a digit.
constexpr Char classify(std::string_view text, std::size_t at) noexcept {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char b0 = byte(at);
    if (b0 < 0x80) {
        if (b0 >= '0' && b0 <= '9') return {Kind::digit, 1, std::uint8_t(b0 - '0')};
        if (b0 == ' ' || (b0 >= '\t' && b0 <= '\r')) return {Kind::blank, 1, 0};
        if (b0 == '-' || b0 == '.' || b0 == '/' || b0 == '_') return {Kind::mark, 1, 0};
        if (b0 < 0x20 || b0 == 0x7F) return {Kind::invisible, 1, 0};
        return {Kind::other, 1, 0};
    }
    std::uint8_t length = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
    if (length == 0 || b0 > 0xF4 || at + length > text.size()) return {Kind::invisible, 1, 0};
    char32_t cp = b0 & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
        unsigned char next = byte(at + k);
        if ((next & 0xC0) != 0x80) return {Kind::invisible, 1, 0};
        cp = (cp << 6) | (next & 0x3F);
    }
    if ((length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        in(cp, 0xD800, 0xDFFF))
        return {Kind::invisible, 1, 0};
    return classify_code_point(cp, length);
}

/// Whether a digit of any recognised form may begin with this byte: an ASCII digit, or the
/// lead byte of a non-ASCII digit form (classify decides).
constexpr bool may_start_digit(unsigned char b0) noexcept {
    return static_cast<unsigned char>(b0 - '0') < 10 || b0 == 0xD9 || b0 == 0xDB || b0 == 0xEF ||
           b0 == 0xF0;
}

/// At least as many as the digits text holds: its ASCII digits and its bytes from 0xD9 up
/// (which the lead bytes of the other digit forms are; Danish letters are not). One pass the
/// compiler vectorises, so text with too few digits for a CPR number costs almost nothing.
constexpr std::size_t digit_candidates(std::string_view text) noexcept {
    std::size_t count = 0;
    for (char c : text) {
        auto b = static_cast<unsigned char>(c);
        count += static_cast<unsigned char>(b - '0') < 10 || b >= 0xD9;
    }
    return count;
}

/// A run of digits, possibly with invisible characters among them.
struct Group {
    std::size_t begin;  // the first digit
    std::size_t end;    // just past the last digit
    std::size_t digits;
};

/// The group that begins with the digit at text[at].
constexpr Group read_group(std::string_view text, std::size_t at) noexcept {
    Group group{at, at, 0};
    while (at < text.size()) {
        Char c = classify(text, at);
        if (c.kind == Kind::digit) {
            ++group.digits;
            group.end = at + c.length;
        } else if (c.kind != Kind::invisible) {
            break;
        }
        at += c.length;
    }
    return group;
}

/// Where the next group of the same number begins after a group ending at `at`: after at most
/// three blanks, at most one mark and at most three blanks more (at least one of them), with
/// invisible characters anywhere. text.size() when no group follows.
constexpr std::size_t next_group(std::string_view text, std::size_t at) noexcept {
    constexpr std::size_t most_blanks = 3;
    std::size_t blanks = 0;
    bool marked = false;
    while (at < text.size()) {
        Char c = classify(text, at);
        switch (c.kind) {
            case Kind::digit:
                return at;
            case Kind::blank:
                if (++blanks > most_blanks) return text.size();
                break;
            case Kind::mark:
                if (marked) return text.size();
                marked = true;
                blanks = 0;
                break;
            case Kind::invisible:
                break;
            case Kind::other:
                return text.size();
        }
        at += c.length;
    }
    return text.size();
}

/// The ASCII digits of text[begin, end) (at most `size`); returns how many there were.
constexpr std::size_t copy_digits(std::string_view text, std::size_t begin, std::size_t end,
                                  char* out, std::size_t size) noexcept {
    std::size_t count = 0;
    while (begin < end) {
        Char c = classify(text, begin);
        if (c.kind == Kind::digit) {
            if (count < size) out[count] = static_cast<char>('0' + c.value);
            ++count;
        }
        begin += c.length;
    }
    return count;
}

/// Whether ten digits begin with a day (01-31) and a month (01-12), as a CPR number does.
constexpr bool reads_as_birth_date(const char* digits) noexcept {
    int day = (digits[0] - '0') * 10 + (digits[1] - '0');
    int month = (digits[2] - '0') * 10 + (digits[3] - '0');
    return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

/// How a number's groups must be laid out to be taken for a CPR number.
enum class Strictness : std::uint8_t {
    /// Redaction of free text and messages: ten digits in any grouping above; 9 to 12 digits
    /// with no separator (a CPR number with a digit lost or added, or glued to another number);
    /// the five-pair grouping only when it begins with a date (else it is a phone number with
    /// country code, "45 12 34 56 78").
    redact,
    /// Identifiers and party ids: exactly ten digits in any grouping that begin with a date.
    identifier,
};

/// The last groups of a number read so far; tells whether its last groups spell a CPR number.
class GroupWindow {
  public:
    void push(const Group& group) noexcept {
        if (count_ == groups_.size()) {
            for (std::size_t i = 1; i < count_; ++i) groups_[i - 1] = groups_[i];
            --count_;
        }
        groups_[count_++] = group;
    }
    void clear() noexcept { count_ = 0; }

    /// The number of last groups that spell a CPR number (0: none), longest first. Decided
    /// by the last group's length first: most numbers in text are short and end nothing.
    std::size_t match(std::string_view text, Strictness strictness) const noexcept {
        const bool strict = strictness == Strictness::identifier;
        auto digits = [&](std::size_t from_end) { return groups_[count_ - from_end].digits; };
        auto dated = [&](std::size_t size) { return begins_with_date(text, count_ - size); };
        switch (digits(1)) {
            case 2:
                if (count_ >= 5 && digits(2) == 2 && digits(3) == 2 && digits(4) == 2 &&
                    digits(5) == 2 && dated(5))
                    return 5;
                if (count_ >= 3 && digits(2) == 2 && digits(3) == 6 && (!strict || dated(3)))
                    return 3;
                return 0;
            case 4:
                if (count_ >= 4 && digits(2) == 2 && digits(3) == 2 && digits(4) == 2 &&
                    (!strict || dated(4)))
                    return 4;
                if (count_ >= 2 && digits(2) == 6 && (!strict || dated(2))) return 2;
                return 0;
            case 10:
                return !strict || dated(1) ? 1 : 0;
            case 9:
            case 11:
            case 12:
                return strict ? 0 : 1;
            default:
                return 0;
        }
    }

    const Group& from_end(std::size_t n) const noexcept { return groups_[count_ - n]; }

  private:
    bool begins_with_date(std::string_view text, std::size_t first) const noexcept {
        char digits[4] = {};
        if (copy_digits(text, groups_[first].begin, groups_[count_ - 1].end, digits, 4) < 4)
            return false;
        return reads_as_birth_date(digits);
    }

    std::array<Group, 5> groups_{};
    std::size_t count_ = 0;
};

/// Calls found(begin, end) for every CPR number spelled in text, left to right, without
/// overlap; stops early when found returns false.
template <class Found>
constexpr void find_all(std::string_view text, Strictness strictness, Found&& found) {
    std::size_t at = 0;
    const auto size = text.size();
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    while (at < size) {
        if (!may_start_digit(bytes[at]) || classify(text, at).kind != Kind::digit) {
            ++at;
            continue;
        }
        GroupWindow window;
        std::size_t next = at;
        for (;;) {
            Group group = read_group(text, next);
            window.push(group);
            if (std::size_t n = window.match(text, strictness)) {
                if (!found(window.from_end(n).begin, group.end)) return;
                window.clear();
            }
            at = group.end;
            next = next_group(text, group.end);
            if (next == size) break;
        }
    }
}

/// Whether text spells a CPR number somewhere, by the identifier rule: the full search.
constexpr bool find_identifier_cpr(std::string_view text) noexcept {
    if (digit_candidates(text) < 10) return false;
    bool any = false;
    find_all(text, Strictness::identifier, [&](std::size_t, std::size_t) {
        any = true;
        return false;
    });
    return any;
}

/// Whether text spells a CPR number somewhere, by the identifier rule. Cheap when text holds
/// fewer than ten digits, as most identifiers and codes do.
constexpr bool contains_cpr(std::string_view text) noexcept {
    return text.size() >= 10 && find_identifier_cpr(text);
}

/// Reads text as one CPR number in any spelling, with nothing but blanks and invisible
/// characters before or after it: its ten ASCII digits. No date check.
constexpr bool parse(std::string_view text, std::array<char, 10>& digits) noexcept {
    // The usual spellings, "DDMMYY-SSSS" and "DDMMYYSSSS", without the general reading.
    if (text.size() == 10 || (text.size() == 11 && text[6] == '-')) {
        std::size_t count = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                digits[count++] = c;  // ten at most: eleven characters hold a hyphen
            } else if (i != 6 || text.size() != 11) {
                count = 0;
                break;
            }
        }
        if (count == 10) return true;
    }
    auto skippable = [&](std::size_t at) {
        Kind kind = classify(text, at).kind;
        return kind == Kind::blank || kind == Kind::invisible;
    };
    std::size_t begin = 0;
    while (begin < text.size() && skippable(begin)) begin += classify(text, begin).length;
    if (begin == text.size() || classify(text, begin).kind != Kind::digit) return false;
    GroupWindow window;
    std::size_t groups = 0, at = begin, end = begin;
    for (;;) {
        Group group = read_group(text, at);
        if (++groups > 5) return false;
        window.push(group);
        end = group.end;
        at = next_group(text, group.end);
        if (at == text.size()) break;
    }
    for (std::size_t i = end; i < text.size(); i += classify(text, i).length) {
        if (!skippable(i)) return false;
    }
    if (window.match(text, Strictness::redact) != groups) return false;
    return copy_digits(text, begin, end, digits.data(), digits.size()) == 10;
}

}  // namespace ombuds::detail::cpr_spelling
