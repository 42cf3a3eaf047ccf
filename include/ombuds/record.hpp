// SPDX-License-Identifier: MPL-2.0
// The case record (domain.md, "Case") and its parsing from the text fields of a case file, a
// JSON line or a host system's call. Parsing turns text into typed values and reports what it
// cannot read; the rules between fields are the validator's (validation.hpp).
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "ombuds/config.hpp"
#include "ombuds/date.hpp"
#include "ombuds/fields.hpp"
#include "ombuds/identifiers.hpp"
#include "ombuds/taxonomy.hpp"
#include "ombuds/violation.hpp"

namespace ombuds {

/// What the `theme` field names: a theme (which implies its group) or, for staff
/// consultations, a theme group alone.
struct ThemeRef {
    std::optional<ThemeIndex> theme;
    std::optional<GroupIndex> group;
    bool empty() const noexcept { return !theme && !group; }
    friend bool operator==(const ThemeRef&, const ThemeRef&) = default;
};

/// One case, typed. Optional members are empty when the field was empty or unreadable (the
/// parser reports the latter).
struct CaseRecord {
#define OMBUDS_RECORD_MEMBER(name, type, required, danish, aliases) type name;
    OMBUDS_CASE_FIELDS(OMBUDS_RECORD_MEMBER)
#undef OMBUDS_RECORD_MEMBER

    /// The inquiry this case was raised in (its own id when none was given).
    const CaseId* inquiry() const noexcept {
        return inquiry_id ? &*inquiry_id : (case_id ? &*case_id : nullptr);
    }
};

/// The text of every field of one record, indexed by Field. Views into the caller's buffer.
using FieldValues = std::array<std::string_view, field_count>;

/// Calls f(field, member) for every field of a record, in the order of OMBUDS_CASE_FIELDS.
template <class Record, class F>
requires std::is_same_v<std::remove_const_t<Record>, CaseRecord>
constexpr void for_each_field(Record& rec, F&& f) {
#define OMBUDS_VISIT_FIELD(name, type, required, danish, aliases) f(Field::name, rec.name);
    OMBUDS_CASE_FIELDS(OMBUDS_VISIT_FIELD)
#undef OMBUDS_VISIT_FIELD
}

/// Copies the fields in `fields` from `source` into `target`.
inline void copy_fields(CaseRecord& target, const CaseRecord& source, const FieldSet& fields) {
#define OMBUDS_COPY_FIELD(name, type, required, danish, aliases) \
    if (fields.test(static_cast<std::size_t>(Field::name))) target.name = source.name;
    OMBUDS_CASE_FIELDS(OMBUDS_COPY_FIELD)
#undef OMBUDS_COPY_FIELD
}

namespace detail {

/// What parsing one field's text needs besides the text: the configuration, the fields parsed
/// before it (the theme reads the kind) and where to report what cannot be read.
struct FieldParse {
    const Configuration& config;
    const CaseRecord& rec;
    Field field;
    std::vector<Violation>& violations;
};

/// Reports a value that names nothing known, saying as much as can be known of why: the
/// invisible characters it holds (and what it reads without them), the known value it is
/// nearest to, or the values a short list allows. `known` looks a text up again; `suggest`
/// gives the nearest known value.
template <class Known, class Suggest>
void refuse_value(const FieldParse& p, Rule rule, std::string_view text, Known&& known,
                  Suggest&& suggest, std::string valid = {}) {
    if (has_invisible(text)) {
        std::string readable(trim(without_invisible(text)));
        if (!readable.empty() && known(readable)) {
            p.violations.emplace_back(rule, p.field, Hint::invisible_did_you_mean,
                                      shown_value(text), shown_text(readable));
        } else {
            p.violations.emplace_back(rule, p.field, Hint::invisible_characters, shown_value(text));
        }
    } else if (std::optional<std::string> nearest = suggest(text)) {
        p.violations.emplace_back(rule, p.field, Hint::did_you_mean, shown_value(text),
                                  std::move(*nearest));
    } else if (!valid.empty()) {
        p.violations.emplace_back(rule, p.field, Hint::valid_values, shown_value(text),
                                  std::move(valid));
    } else {
        p.violations.emplace_back(rule, p.field, shown_value(text));
    }
}

// One codec per member type of CaseRecord: parse_field reads a field's text into the member,
// value_text writes the member as a case file does (codes, ISO dates).

inline void parse_field(std::string_view text, std::optional<CaseId>& out, const FieldParse& p) {
    if (auto value = CaseId::parse(text)) {
        out = std::move(*value);
    } else {
        p.violations.emplace_back(Rule::field_format, p.field, Hint::expected_case_id,
                                  shown_value(text));
    }
}

/// Only the invisible characters of a text, for a message about a value never shown.
inline std::string invisible_only(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        auto c = decode_utf8(text, i);
        if (is_invisible(c.code) && out.find(text.substr(i, c.length)) == std::string::npos)
            append_utf8_char(out, c.code);
        i += c.length;
    }
    return out;
}

inline void parse_field(std::string_view text, Citizen& out, const FieldParse& p) {
    auto [value, error] = Citizen::parse(text);
    if (error == Citizen::ParseError::none) {
        out = std::move(value);
        return;
    }
    // Never echo the value: it may be a CPR number with a typo.
    auto digits = std::count_if(text.begin(), text.end(), is_digit);
    if (has_invisible(text)) {
        p.violations.emplace_back(Rule::citizen_format, p.field, Hint::invisible_in_citizen,
                                  invisible_only(text));
    } else if (digits == 9 && static_cast<std::size_t>(digits) == text.size()) {
        p.violations.emplace_back(Rule::citizen_format, p.field, Hint::cpr_leading_zero);
    } else if (error == Citizen::ParseError::bad_cpr_date) {
        p.violations.emplace_back(Rule::citizen_format, p.field, Hint::cpr_no_such_date);
    } else if (error == Citizen::ParseError::bad_cvr) {
        p.violations.emplace_back(Rule::citizen_format, p.field, Hint::cvr_digits);
    } else if (error == Citizen::ParseError::empty_ref) {
        p.violations.emplace_back(Rule::citizen_format, p.field, Hint::ref_empty);
    } else {
        p.violations.emplace_back(Rule::citizen_format, p.field);
    }
}

template <class E>
requires std::is_enum_v<E>
void parse_field(std::string_view text, std::optional<E>& out, const FieldParse& p) {
    if (auto value = parse_code<E>(text)) {
        out = *value;
        return;
    }
    refuse_value(
        p, Rule::code_known, text, [](std::string_view t) { return parse_code<E>(t).has_value(); },
        [](std::string_view t) { return suggest_code<E>(t); }, valid_labels<E>());
}

inline void parse_field(std::string_view text, std::optional<Date>& out, const FieldParse& p) {
    auto parsed = Date::parse_text(text);
    if (parsed.date) {
        out = *parsed.date;
    } else if (parsed.written_as_date) {
        p.violations.emplace_back(Rule::field_format, p.field, Hint::no_such_date,
                                  shown_value(text));
    } else {
        refuse_value(
            p, Rule::field_format, text,
            [](std::string_view t) { return Date::parse(t).has_value(); },
            [](std::string_view) { return std::optional<std::string>(); });
        if (p.violations.back().hint == Hint::none) {
            p.violations.back().hint = Hint::expected_date;
        }
    }
}

inline void parse_field(std::string_view text, std::optional<UnitIndex>& out, const FieldParse& p) {
    const auto& organisation = p.config.organisation;
    if (auto index = organisation.find(text)) {
        out = *index;
        return;
    }
    refuse_value(
        p, Rule::unit_known, text,
        [&](std::string_view t) { return organisation.find(t).has_value(); },
        [&](std::string_view t) {
            Suggester suggester(t);
            for (std::size_t i = 0; i < organisation.size(); ++i) {
                suggester.consider(organisation.unit(static_cast<UnitIndex>(i)).code, i);
                suggester.consider(organisation.unit(static_cast<UnitIndex>(i)).label, i);
            }
            return suggester.best();
        });
}

inline void parse_field(std::string_view text, ThemeRef& out, const FieldParse& p) {
    const auto& catalogue = p.config.themes;
    // A staff consultation names a theme group; other kinds name a theme. Either is read, the
    // validator judges whether it is the right one for the kind.
    // Looked up in that order, each only when needed: a theme's code is read at once.
    const bool group_first = p.rec.kind == Kind::staff;
    std::optional<GroupIndex> as_group;
    if (group_first) as_group = catalogue.find_group(text);
    std::optional<ThemeIndex> as_theme;
    if (!as_group) as_theme = catalogue.find_theme(text);
    if (!group_first && !as_theme) as_group = catalogue.find_group(text);
    if (as_group) {
        out.group = *as_group;
    } else if (as_theme) {
        out.theme = *as_theme;
        out.group = catalogue.theme(*as_theme).group;
    } else {
        refuse_value(
            p, Rule::theme_known, text,
            [&](std::string_view t) { return catalogue.find_theme(t) || catalogue.find_group(t); },
            [&](std::string_view t) {
                Suggester suggester(t);
                const std::size_t groups = catalogue.themes().size();
                for (std::size_t i = 0; i < catalogue.themes().size(); ++i) {
                    suggester.consider(catalogue.themes()[i].code, i);
                    suggester.consider(catalogue.themes()[i].label, i);
                }
                for (std::size_t i = 0; i < catalogue.groups().size(); ++i) {
                    suggester.consider(catalogue.groups()[i].code, groups + i);
                    suggester.consider(catalogue.groups()[i].label, groups + i);
                }
                return suggester.best();
            });
    }
}

inline void parse_field(std::string_view text, std::optional<KleRef>& out, const FieldParse& p) {
    if (auto value = KleRef::parse(text)) {
        out = std::move(*value);
        return;
    }
    refuse_value(
        p, Rule::kle_format, text, [](std::string_view t) { return KleRef::parse(t).has_value(); },
        [](std::string_view) { return std::optional<std::string>(); });
}

inline void parse_field(std::string_view text, std::string& out, const FieldParse&) {
    out = std::string(text);
}

inline std::string value_text(const std::optional<CaseId>& value, const Configuration&) {
    return value ? value->str() : std::string();
}
/// The citizen is never written from a record: callers decide between nothing, a pseudonym and
/// (for the insight export only) the value the person gave.
inline std::string value_text(const Citizen&, const Configuration&) {
    return {};
}
template <class E>
requires std::is_enum_v<E> std::string value_text(const std::optional<E>& value,
                                                  const Configuration&) {
    return value ? std::string(code(*value)) : std::string();
}
inline std::string value_text(const std::optional<Date>& value, const Configuration&) {
    return value ? value->iso() : std::string();
}
inline std::string value_text(const std::optional<UnitIndex>& value, const Configuration& config) {
    return value ? config.organisation.unit(*value).code : std::string();
}
inline std::string value_text(const ThemeRef& value, const Configuration& config) {
    if (value.theme) return config.themes.theme(*value.theme).code;
    if (value.group) return config.themes.group(*value.group).code;
    return {};
}
inline std::string value_text(const std::optional<KleRef>& value, const Configuration&) {
    return value ? value->text() : std::string();
}
inline std::string value_text(const std::string& value, const Configuration&) {
    return value;
}

}  // namespace detail

/// Parses one record's fields against the configuration. Appends what cannot be read to
/// `violations` (field.required, field.format, code.known, unit.known, theme.known,
/// citizen.format, kle.format); never throws on bad text.
inline CaseRecord parse_record(const FieldValues& raw, const Configuration& config,
                               std::vector<Violation>& violations) {
    CaseRecord rec;
    for_each_field(rec, [&](Field field, auto& member) {
        auto text = detail::trim(raw[static_cast<std::size_t>(field)]);
        if (text.empty()) {
            if (field_info(field).required) violations.emplace_back(Rule::field_required, field);
            return;
        }
        detail::parse_field(text, member, detail::FieldParse{config, rec, field, violations});
    });
    return rec;
}

/// The text of a record's field as a case file writes it (codes, ISO dates). The citizen is
/// written empty: callers decide between nothing, a pseudonym and (for the insight export only)
/// the value the person gave.
inline std::string field_text(const CaseRecord& rec, Field field, const Configuration& config) {
    switch (field) {
#define OMBUDS_FIELD_TEXT(name, type, required, danish, aliases) \
    case Field::name:                                            \
        return detail::value_text(rec.name, config);
        OMBUDS_CASE_FIELDS(OMBUDS_FIELD_TEXT)
#undef OMBUDS_FIELD_TEXT
    }
    return {};
}

}  // namespace ombuds
