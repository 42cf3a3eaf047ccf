// SPDX-License-Identifier: MPL-2.0
// Identifiers that must be valid carry it in their type: a parsed Cpr, Cvr, KleRef or CaseId.
// None of them can be streamed or formatted: a CPR number must never reach a message or a log.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "ombuds/date.hpp"
#include "ombuds/detail/cpr_spelling.hpp"
#include "ombuds/detail/text.hpp"

namespace ombuds {

/// A Danish personal identification number (CPR). Ten digits whose first six are a real date
/// whose century follows from the seventh digit. No modulus-11 check: numbers failing it have
/// been issued since 2007. Read in any spelling an office may paste (a hyphen, en dash, dot,
/// slash or spaces between the groups, no-break spaces, full-width digits: cpr_spelling.hpp),
/// so every spelling is the same citizen.
class Cpr {
  public:
    static std::optional<Cpr> parse(std::string_view text) noexcept {
        std::array<char, 10> digits{};
        if (!detail::cpr_spelling::parse(text, digits)) return std::nullopt;
        auto two = [&](std::size_t at) { return (digits[at] - '0') * 10 + (digits[at + 1] - '0'); };
        int day = two(0), month = two(2), year = two(4);
        char seventh = digits[6];
        if ((seventh >= '5' && seventh <= '8') && year >= 58) {
            year += 1800;
        } else if ((seventh >= '0' && seventh <= '3') ||
                   ((seventh == '4' || seventh == '9') && year >= 37)) {
            year += 1900;
        } else {
            year += 2000;
        }
        auto birth = Date::from_ymd(year, month, day);
        if (!birth) return std::nullopt;
        return Cpr(std::string(digits.data(), digits.size()), *birth);
    }

    Date birth_date() const noexcept { return birth_; }
    /// The ten digits without hyphen: the input of the pseudonym, never to be shown.
    const std::string& digits() const noexcept { return digits_; }

    friend bool operator==(const Cpr&, const Cpr&) = default;

  private:
    Cpr(std::string digits, Date birth) : digits_(std::move(digits)), birth_(birth) {}
    std::string digits_;
    Date birth_;
};

/// A Danish business registration number: eight digits.
class Cvr {
  public:
    static std::optional<Cvr> parse(std::string_view text) noexcept {
        text = detail::trim(text);
        if (text.size() != 8) return std::nullopt;
        for (char c : text) {
            if (!detail::is_digit(c)) return std::nullopt;
        }
        return Cvr(std::string(text));
    }
    const std::string& digits() const noexcept { return digits_; }
    friend bool operator==(const Cvr&, const Cvr&) = default;

  private:
    explicit Cvr(std::string digits) : digits_(std::move(digits)) {}
    std::string digits_;
};

/// Who a case concerns. The key is a normalised text ("cpr:DDMMYYNNNN", "cvr:NNNNNNNN",
/// "ref:...") used only as the input of the pseudonym and for in-memory comparison; it is
/// never written anywhere in clear.
class Citizen {
  public:
    /// `pseudonym`: a stored citizen, known only by the register's pseudonym of it.
    enum class Type : std::uint8_t { anonymous, cpr, cvr, ref, pseudonym };

    enum class ParseError : std::uint8_t {
        none,
        bad_cpr_date,  // ten digits, but no such birth date
        bad_cvr,       // "cvr:" without eight digits
        empty_ref,     // "ref:" with nothing after it
        cpr_in_ref,    // "ref:" with a CPR number in it: the CPR number itself is the citizen
        unrecognised,  // neither CPR, CVR nor ref:
    };

    Citizen() = default;

    static Citizen anonymous() { return Citizen(); }

    /// Parses the `citizen` column: empty, a CPR number (in any spelling), `cvr:` + 8 digits
    /// (8 bare digits are taken as CVR too), or `ref:` + the host system's party id, which must
    /// not spell a CPR number (it would count the person twice and keep the number as typed).
    static std::pair<Citizen, ParseError> parse(std::string_view text) {
        text = detail::trim(text);
        if (text.empty()) return {Citizen(), ParseError::none};
        if (text.size() >= 4 && detail::equals_folded(text.substr(0, 4), "ref:")) {
            auto ref = detail::trim(text.substr(4));
            if (ref.empty()) return {Citizen(), ParseError::empty_ref};
            if (detail::cpr_spelling::contains_cpr(ref)) return {Citizen(), ParseError::cpr_in_ref};
            return {Citizen(Type::ref, "ref:" + std::string(ref), std::nullopt), ParseError::none};
        }
        if (text.size() >= 4 && detail::equals_folded(text.substr(0, 4), "cvr:")) {
            auto cvr = Cvr::parse(text.substr(4));
            if (!cvr) return {Citizen(), ParseError::bad_cvr};
            return {Citizen(Type::cvr, "cvr:" + cvr->digits(), std::nullopt), ParseError::none};
        }
        if (auto cvr = Cvr::parse(text)) {
            return {Citizen(Type::cvr, "cvr:" + cvr->digits(), std::nullopt), ParseError::none};
        }
        if (auto cpr = Cpr::parse(text)) {
            return {Citizen(Type::cpr, "cpr:" + cpr->digits(), cpr->birth_date()),
                    ParseError::none};
        }
        if (looks_like_cpr(text)) return {Citizen(), ParseError::bad_cpr_date};
        return {Citizen(), ParseError::unrecognised};
    }

    /// A stored citizen, known only by the register's pseudonym of it (read back from a
    /// register; kept when a case is changed without naming its citizen again).
    /// `kind` is the kind of id it was made from (cpr, cvr, ref), anonymous when unknown, and
    /// pseudonym for the token `anonymise` gave in place of a citizen's pseudonym.
    static Citizen from_pseudonym(std::string pseudonym, Type kind = Type::anonymous) {
        Citizen citizen(Type::pseudonym, std::move(pseudonym), std::nullopt);
        citizen.pseudonym_kind_ = kind;
        return citizen;
    }

    Type type() const noexcept { return type_; }
    bool is_anonymous() const noexcept { return type_ == Type::anonymous; }
    const std::string& key() const noexcept { return key_; }
    /// The birth date of a CPR citizen.
    std::optional<Date> birth_date() const noexcept { return birth_; }
    /// The kind of id a citizen is (for a pseudonym: the kind it was made from, when known).
    Type kind() const noexcept { return type_ == Type::pseudonym ? pseudonym_kind_ : type_; }

    friend bool operator==(const Citizen& a, const Citizen& b) {
        return a.type_ == b.type_ && a.key_ == b.key_;
    }

  private:
    Citizen(Type type, std::string key, std::optional<Date> birth)
        : type_(type), key_(std::move(key)), birth_(birth) {}

    /// Ten digits in a CPR number's spelling, whatever their date.
    static bool looks_like_cpr(std::string_view text) noexcept {
        std::array<char, 10> digits{};
        return detail::cpr_spelling::parse(text, digits);
    }

    Type type_ = Type::anonymous;
    Type pseudonym_kind_ = Type::anonymous;
    std::string key_;
    std::optional<Date> birth_;
};

/// A KLE journal reference: `NN.NN.NN`, optionally followed by a space or hyphen and a handling
/// facet (a capital letter and two digits): `32.18.08`, `32.18.08 G01`, `00.01.10-A53`.
class KleRef {
  public:
    static std::optional<KleRef> parse(std::string_view text) noexcept {
        text = detail::trim(text);
        if (text.size() != 8 && text.size() != 12) return std::nullopt;
        for (std::size_t i = 0; i < 8; ++i) {
            bool dot = i == 2 || i == 5;
            if (dot ? text[i] != '.' : !detail::is_digit(text[i])) return std::nullopt;
        }
        if (text.size() == 12) {
            if (text[8] != ' ' && text[8] != '-') return std::nullopt;
            if (text[9] < 'A' || text[9] > 'Z') return std::nullopt;
            if (!detail::is_digit(text[10]) || !detail::is_digit(text[11])) return std::nullopt;
        }
        return KleRef(std::string(text));
    }
    const std::string& text() const noexcept { return text_; }
    friend bool operator==(const KleRef&, const KleRef&) = default;

  private:
    explicit KleRef(std::string text) : text_(std::move(text)) {}
    std::string text_;
};

/// A case id (also used for inquiry ids): 1 to 64 printable characters without surrounding
/// blanks, the host system's own id or an assigned one.
class CaseId {
  public:
    static constexpr std::size_t max_length = 64;

    static std::optional<CaseId> parse(std::string_view text) {
        text = detail::trim(text);
        if (text.empty() || text.size() > max_length) return std::nullopt;
        for (char c : text) {
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return std::nullopt;
        }
        if (!detail::is_valid_utf8(text)) return std::nullopt;
        return CaseId(std::string(text));
    }
    const std::string& str() const noexcept { return text_; }
    std::string_view view() const noexcept { return text_; }

    friend bool operator==(const CaseId&, const CaseId&) = default;
    friend auto operator<=>(const CaseId&, const CaseId&) = default;

  private:
    explicit CaseId(std::string text) : text_(std::move(text)) {}
    std::string text_;
};

}  // namespace ombuds

template <>
struct std::hash<ombuds::CaseId> {
    std::size_t operator()(const ombuds::CaseId& id) const noexcept {
        return std::hash<std::string_view>{}(id.view());
    }
};
