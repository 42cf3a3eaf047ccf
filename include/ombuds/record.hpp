// SPDX-License-Identifier: MPL-2.0
// The case record (domain.md, "Case") and its parsing from the text fields of a case file, a
// JSON line or a host system's call. Parsing turns text into typed values and reports what it
// cannot read; the rules between fields are the validator's (validation.hpp).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ombuds/config.hpp"
#include "ombuds/date.hpp"
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
    std::optional<CaseId> case_id;
    std::optional<CaseId> inquiry_id;  // empty: the case is its own inquiry
    Citizen citizen;
    std::optional<Kind> kind;
    std::optional<Role> role;
    std::optional<CaseId> main_case_id;
    std::optional<Date> received;
    std::optional<Date> matter_date;
    std::optional<Date> first_response;
    std::optional<Date> closed;
    std::optional<UnitIndex> unit;
    ThemeRef theme;
    std::optional<Action> action;
    std::optional<Resolution> resolution;
    std::optional<AdminResponse> admin_response;
    std::optional<RejectionReason> rejection_reason;
    std::optional<LegalBasis> legal_basis;
    std::string legal_ref;
    std::optional<KleRef> kle;
    std::optional<Origin> origin;
    std::optional<Channel> channel;
    std::optional<Contact> contact;
    std::string note;

    /// The inquiry this case was raised in (its own id when none was given).
    const CaseId* inquiry() const noexcept {
        return inquiry_id ? &*inquiry_id : (case_id ? &*case_id : nullptr);
    }
};

/// The text of every field of one record, indexed by Field. Views into the caller's buffer.
using FieldValues = std::array<std::string_view, field_count>;

namespace detail {

template <class E>
void parse_code_field(std::string_view text, Field field, std::optional<E>& out,
                      std::vector<Violation>& violations) {
    if (text.empty()) return;
    if (auto value = parse_code<E>(text)) {
        out = *value;
    } else {
        violations.emplace_back(Rule::code_known, field, quote_value(text));
    }
}

inline void parse_date_field(std::string_view text, Field field, std::optional<Date>& out,
                             std::vector<Violation>& violations) {
    if (text.empty()) return;
    if (auto value = Date::parse(text)) {
        out = *value;
    } else {
        violations.emplace_back(Rule::field_format, field, quote_value(text));
    }
}

inline void parse_id_field(std::string_view text, Field field, std::optional<CaseId>& out,
                           std::vector<Violation>& violations) {
    if (text.empty()) return;
    if (auto value = CaseId::parse(text)) {
        out = std::move(*value);
    } else {
        violations.emplace_back(Rule::field_format, field, quote_value(text));
    }
}

}  // namespace detail

/// Parses one record's fields against the configuration. Appends what cannot be read to
/// `violations` (field.required, field.format, code.known, unit.known, theme.known,
/// citizen.format, kle.format); never throws on bad text.
inline CaseRecord parse_record(const FieldValues& raw, const Configuration& config,
                               std::vector<Violation>& violations) {
    auto text = [&](Field f) { return detail::trim(raw[static_cast<std::size_t>(f)]); };
    CaseRecord rec;

    detail::parse_id_field(text(Field::case_id), Field::case_id, rec.case_id, violations);
    detail::parse_id_field(text(Field::inquiry_id), Field::inquiry_id, rec.inquiry_id, violations);
    detail::parse_id_field(text(Field::main_case_id), Field::main_case_id, rec.main_case_id,
                           violations);

    if (auto citizen = text(Field::citizen); !citizen.empty()) {
        auto [value, error] = Citizen::parse(citizen);
        if (error == Citizen::ParseError::none) {
            rec.citizen = std::move(value);
        } else {
            // Never echo the value: it may be a CPR number with a typo.
            violations.emplace_back(Rule::citizen_format, Field::citizen);
        }
    }

    detail::parse_code_field(text(Field::kind), Field::kind, rec.kind, violations);
    detail::parse_code_field(text(Field::role), Field::role, rec.role, violations);
    detail::parse_code_field(text(Field::action), Field::action, rec.action, violations);
    detail::parse_code_field(text(Field::resolution), Field::resolution, rec.resolution,
                             violations);
    detail::parse_code_field(text(Field::admin_response), Field::admin_response, rec.admin_response,
                             violations);
    detail::parse_code_field(text(Field::rejection_reason), Field::rejection_reason,
                             rec.rejection_reason, violations);
    detail::parse_code_field(text(Field::legal_basis), Field::legal_basis, rec.legal_basis,
                             violations);
    detail::parse_code_field(text(Field::origin), Field::origin, rec.origin, violations);
    detail::parse_code_field(text(Field::channel), Field::channel, rec.channel, violations);
    detail::parse_code_field(text(Field::contact), Field::contact, rec.contact, violations);

    detail::parse_date_field(text(Field::received), Field::received, rec.received, violations);
    detail::parse_date_field(text(Field::matter_date), Field::matter_date, rec.matter_date,
                             violations);
    detail::parse_date_field(text(Field::first_response), Field::first_response, rec.first_response,
                             violations);
    detail::parse_date_field(text(Field::closed), Field::closed, rec.closed, violations);

    if (auto unit = text(Field::unit); !unit.empty()) {
        if (auto index = config.organisation.find(unit)) {
            rec.unit = *index;
        } else {
            violations.emplace_back(Rule::unit_known, Field::unit, detail::quote_value(unit));
        }
    }

    if (auto theme = text(Field::theme); !theme.empty()) {
        const auto& catalogue = config.themes;
        // A staff consultation names a theme group; other kinds name a theme. Either is read,
        // the validator judges whether it is the right one for the kind.
        bool group_first = rec.kind == Kind::staff;
        auto as_group = catalogue.find_group(theme);
        auto as_theme = catalogue.find_theme(theme);
        if (group_first && as_group) {
            rec.theme.group = *as_group;
        } else if (as_theme) {
            rec.theme.theme = *as_theme;
            rec.theme.group = catalogue.theme(*as_theme).group;
        } else if (as_group) {
            rec.theme.group = *as_group;
        } else {
            violations.emplace_back(Rule::theme_known, Field::theme, detail::quote_value(theme));
        }
    }

    if (auto kle = text(Field::kle); !kle.empty()) {
        if (auto value = KleRef::parse(kle)) {
            rec.kle = std::move(*value);
        } else {
            violations.emplace_back(Rule::kle_format, Field::kle, detail::quote_value(kle));
        }
    }

    rec.legal_ref = std::string(text(Field::legal_ref));
    rec.note = std::string(text(Field::note));

    for (Field required :
         {Field::case_id, Field::kind, Field::role, Field::received, Field::action}) {
        if (text(required).empty()) violations.emplace_back(Rule::field_required, required);
    }
    return rec;
}

/// The text of a record's field as a case file writes it (codes, ISO dates). The citizen is
/// written as given to this function (`citizen_text`): callers decide between nothing, a
/// pseudonym and (for the insight export only) the clear key.
inline std::string field_text(const CaseRecord& rec, Field field, const Configuration& config) {
    auto code_or_empty = [](const auto& value) -> std::string {
        return value ? std::string(code(*value)) : std::string();
    };
    auto date_or_empty = [](const std::optional<Date>& d) { return d ? d->iso() : std::string(); };
    switch (field) {
        case Field::case_id:
            return rec.case_id ? rec.case_id->str() : std::string();
        case Field::inquiry_id:
            return rec.inquiry_id ? rec.inquiry_id->str() : std::string();
        case Field::citizen:
            return {};
        case Field::kind:
            return code_or_empty(rec.kind);
        case Field::role:
            return code_or_empty(rec.role);
        case Field::main_case_id:
            return rec.main_case_id ? rec.main_case_id->str() : std::string();
        case Field::received:
            return date_or_empty(rec.received);
        case Field::matter_date:
            return date_or_empty(rec.matter_date);
        case Field::first_response:
            return date_or_empty(rec.first_response);
        case Field::closed:
            return date_or_empty(rec.closed);
        case Field::unit:
            return rec.unit ? config.organisation.unit(*rec.unit).code : std::string();
        case Field::theme:
            if (rec.theme.theme) return config.themes.theme(*rec.theme.theme).code;
            if (rec.theme.group) return config.themes.group(*rec.theme.group).code;
            return {};
        case Field::action:
            return code_or_empty(rec.action);
        case Field::resolution:
            return code_or_empty(rec.resolution);
        case Field::admin_response:
            return code_or_empty(rec.admin_response);
        case Field::rejection_reason:
            return code_or_empty(rec.rejection_reason);
        case Field::legal_basis:
            return code_or_empty(rec.legal_basis);
        case Field::legal_ref:
            return rec.legal_ref;
        case Field::kle:
            return rec.kle ? rec.kle->text() : std::string();
        case Field::origin:
            return code_or_empty(rec.origin);
        case Field::channel:
            return code_or_empty(rec.channel);
        case Field::contact:
            return code_or_empty(rec.contact);
        case Field::note:
            return rec.note;
    }
    return {};
}

}  // namespace ombuds
