// SPDX-License-Identifier: MPL-2.0
#include "register/column_scan.hpp"

#include <algorithm>

#include "register/interner.hpp"

namespace ombuds::register_detail {
namespace {

using store::column_of;

std::int32_t date_of(const store::Value& value) {
    if (value.is_null()) return CaseColumns::no_date;
    auto parsed = Date::parse(value.bytes);
    return parsed ? parsed->days() : CaseColumns::no_date;
}

template <class E>
std::uint8_t code_of(const store::Value& value) {
    if (value.is_null()) return CaseColumns::no_code;
    for (std::size_t i = 0; i < code_count<E>; ++i) {
        if (code_names<E>[i] == value.bytes) return static_cast<std::uint8_t>(i);
    }
    return CaseColumns::no_code;
}

template <class Map>
std::uint16_t index_of(const Map& map, const store::Value& value) {
    if (value.is_null()) return CaseColumns::no_index;
    auto it = map.find(value.bytes);
    return it == map.end() ? CaseColumns::no_index : it->second;
}

}  // namespace

const std::vector<std::size_t>& report_source_columns() {
    static const std::vector<std::size_t> wanted = {
        column_of(Field::case_id),        column_of(Field::inquiry_id),
        column_of(Field::citizen),        column_of(Field::kind),
        column_of(Field::role),           column_of(Field::main_case_id),
        column_of(Field::received),       column_of(Field::first_response),
        column_of(Field::closed),         column_of(Field::unit),
        column_of(Field::theme),          column_of(Field::theme) + 1,
        column_of(Field::action),         column_of(Field::resolution),
        column_of(Field::admin_response), column_of(Field::rejection_reason),
        column_of(Field::origin),         column_of(Field::kle),
        column_of(Field::legal_basis),    column_of(Field::channel),
        column_of(Field::contact),        store::citizen_number_column,
        store::inquiry_number_column};
    return wanted;
}

struct RowToColumns::Values {
    std::int32_t received;
    std::uint16_t response_days, closed_days;
    std::uint8_t kind, role, action, resolution, admin_response, rejection_reason, origin;
    std::uint16_t unit, theme, group, kle;
    std::uint8_t legal_basis, channel, contact;
    std::uint32_t citizen, inquiry;
};

RowToColumns::RowToColumns(const Configuration& config) {
    for (std::size_t i = 0; i < config.organisation.size(); ++i)
        units_.emplace(config.organisation.units()[i].code, static_cast<UnitIndex>(i));
    for (std::size_t i = 0; i < config.themes.themes().size(); ++i)
        themes_.emplace(config.themes.themes()[i].code, static_cast<ThemeIndex>(i));
    for (std::size_t i = 0; i < config.themes.groups().size(); ++i)
        groups_.emplace(config.themes.groups()[i].code, static_cast<GroupIndex>(i));
}

std::optional<RowToColumns::Values> RowToColumns::values(const store::Row& row) const {
    const auto& citizen_no = row[store::citizen_number_column];
    const auto& inquiry_no = row[store::inquiry_number_column];
    const bool has_citizen = !row[column_of(Field::citizen)].is_null();
    if (inquiry_no.type != store::Value::Type::integer ||
        (has_citizen && citizen_no.type != store::Value::Type::integer) || inquiry_no.number < 0 ||
        inquiry_no.number >= CaseColumns::no_case || (has_citizen && citizen_no.number < 1) ||
        citizen_no.number >= CaseColumns::no_case)
        return std::nullopt;
    Values v{};
    v.received = date_of(row[column_of(Field::received)]);
    v.response_days =
        CaseColumns::days_after(v.received, date_of(row[column_of(Field::first_response)]));
    v.closed_days = CaseColumns::days_after(v.received, date_of(row[column_of(Field::closed)]));
    v.kind = code_of<Kind>(row[column_of(Field::kind)]);
    v.role = code_of<Role>(row[column_of(Field::role)]);
    v.action = code_of<Action>(row[column_of(Field::action)]);
    v.resolution = code_of<Resolution>(row[column_of(Field::resolution)]);
    v.admin_response = code_of<AdminResponse>(row[column_of(Field::admin_response)]);
    v.rejection_reason = code_of<RejectionReason>(row[column_of(Field::rejection_reason)]);
    v.origin = code_of<Origin>(row[column_of(Field::origin)]);
    v.unit = index_of(units_, row[column_of(Field::unit)]);
    v.theme = index_of(themes_, row[column_of(Field::theme)]);
    v.group = index_of(groups_, row[column_of(Field::theme) + 1]);
    const auto& kle = row[column_of(Field::kle)];
    auto kle_ref = kle.is_null() ? std::nullopt : KleRef::parse(kle.bytes);
    v.kle = kle_ref ? CaseColumns::kle_subject(*kle_ref) : CaseColumns::no_index;
    v.legal_basis = code_of<LegalBasis>(row[column_of(Field::legal_basis)]);
    v.channel = code_of<Channel>(row[column_of(Field::channel)]);
    v.contact = code_of<Contact>(row[column_of(Field::contact)]);
    v.citizen =
        has_citizen ? static_cast<std::uint32_t>(citizen_no.number) : CaseColumns::anonymous;
    v.inquiry = static_cast<std::uint32_t>(inquiry_no.number);
    return v;
}

bool RowToColumns::append(const store::Row& row, CaseColumns& c) const {
    auto v = values(row);
    if (!v) return false;
    c.received.push_back(v->received);
    c.response_days.push_back(v->response_days);
    c.closed_days.push_back(v->closed_days);
    c.kind.push_back(v->kind);
    c.role.push_back(v->role);
    c.action.push_back(v->action);
    c.resolution.push_back(v->resolution);
    c.admin_response.push_back(v->admin_response);
    c.rejection_reason.push_back(v->rejection_reason);
    c.origin.push_back(v->origin);
    c.unit.push_back(v->unit);
    c.theme.push_back(v->theme);
    c.group.push_back(v->group);
    c.kle.push_back(v->kle);
    c.legal_basis.push_back(v->legal_basis);
    c.channel.push_back(v->channel);
    c.contact.push_back(v->contact);
    c.citizen.push_back(v->citizen);
    c.inquiry.push_back(v->inquiry);
    c.main_row.push_back(CaseColumns::no_case);
    c.citizen_count = std::max(c.citizen_count, v->citizen);
    c.inquiry_count = std::max(c.inquiry_count, v->inquiry + 1);
    return true;
}

bool RowToColumns::assign(const store::Row& row, CaseColumns& c, std::size_t at) const {
    auto v = values(row);
    if (!v) return false;
    c.received[at] = v->received;
    c.response_days[at] = v->response_days;
    c.closed_days[at] = v->closed_days;
    c.kind[at] = v->kind;
    c.role[at] = v->role;
    c.action[at] = v->action;
    c.resolution[at] = v->resolution;
    c.admin_response[at] = v->admin_response;
    c.rejection_reason[at] = v->rejection_reason;
    c.origin[at] = v->origin;
    c.unit[at] = v->unit;
    c.theme[at] = v->theme;
    c.group[at] = v->group;
    c.kle[at] = v->kle;
    c.legal_basis[at] = v->legal_basis;
    c.channel[at] = v->channel;
    c.contact[at] = v->contact;
    c.citizen[at] = v->citizen;
    c.inquiry[at] = v->inquiry;
    c.citizen_count = std::max(c.citizen_count, v->citizen);
    c.inquiry_count = std::max(c.inquiry_count, v->inquiry + 1);
    return true;
}

Scanned scan_columns(Register::Impl& impl) {
    Scanned out;
    const std::size_t count = impl.store->count();
    out.columns.reserve(count);
    RowToColumns to_columns(impl.config);
    detail::MainRows mains(count);
    // Rows without their numbers (inserted meanwhile by another tool, or inside the caller's
    // transaction before a main case) are counted by interning instead, for the whole scan.
    bool numbered = true;
    impl.store->scan({}, report_source_columns(), [&](const store::Row& row, std::int64_t rowid) {
        out.rowids.push_back(rowid);
        mains.add(row[column_of(Field::case_id)].bytes, row[column_of(Field::main_case_id)].bytes);
        if (numbered && !to_columns.append(row, out.columns)) numbered = false;
    });
    if (numbered) {
        mains.finish(out.columns.main_row);
        return out;
    }
    // The slow way: every case again, with citizens and inquiries interned.
    out = Scanned{};
    out.numbered = false;
    out.columns.reserve(count);
    detail::CaseIds interned(count);
    detail::MainRows main_rows(count);
    impl.store->scan({}, report_source_columns(), [&](const store::Row& row, std::int64_t rowid) {
        out.rowids.push_back(rowid);
        const auto case_id = row[column_of(Field::case_id)].bytes;
        const auto main_case_id = row[column_of(Field::main_case_id)].bytes;
        main_rows.add(case_id, main_case_id);
        auto assigned = interned.add(case_id, row[column_of(Field::inquiry_id)].bytes,
                                     row[column_of(Field::citizen)].bytes, !main_case_id.empty());
        store::Row numbered_row = row;
        if (assigned.citizen != CaseColumns::anonymous)
            numbered_row[store::citizen_number_column] = store::Value::integer(assigned.citizen);
        numbered_row[store::inquiry_number_column] = store::Value::integer(
            assigned.inquiry == detail::Interner::absent ? 0 : assigned.inquiry);
        to_columns.append(numbered_row, out.columns);
    });
    main_rows.finish(out.columns.main_row);
    interned.finish(out.columns);
    return out;
}

}  // namespace ombuds::register_detail
