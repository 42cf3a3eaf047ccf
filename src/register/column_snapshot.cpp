// SPDX-License-Identifier: MPL-2.0
// The report's columns and their snapshot: built by a scan of the stored cases (or from the
// records an import into an empty register stored), kept in the store between reports, and read
// back only when it still describes the cases and every value in it is in range (a damaged
// snapshot is rebuilt, never trusted).
#include <cstring>
#include <functional>
#include <limits>
#include <unordered_map>

#include "register/interner.hpp"
#include "register/register_impl.hpp"

namespace ombuds {
namespace {

constexpr char snapshot_magic[8] = {'O', 'M', 'B', 'D', 'C', 'O', 'L', 'S'};
constexpr std::uint32_t snapshot_format = 3;
constexpr std::uint32_t byte_order_mark = 0x01020304;

/// The snapshot's header (part 0): what the columns were made from.
struct SnapshotHeader {
    char magic[8];
    std::uint32_t format;
    std::uint32_t byte_order;
    std::uint64_t cases;
    std::uint64_t last_insertion;  // with `cases`, tells whether cases were inserted since
    std::uint32_t citizen_count;
    std::uint32_t inquiry_count;
    std::uint64_t fingerprint;
};

/// Every value of the columns is one the engine can count: codes and indexes in range or
/// absent, ids below their counts, dates within the calendar. A snapshot damaged on disk (one
/// flipped bit) fails this and is rebuilt instead of crashing a report.
bool in_range(const CaseColumns& c, const Configuration& config) {
    const std::size_t n = c.size();
    auto codes = [](const std::vector<std::uint8_t>& column, std::size_t count) {
        for (auto v : column) {
            if (v >= count && v != CaseColumns::no_code) return false;
        }
        return true;
    };
    auto indexes = [](const std::vector<std::uint16_t>& column, std::size_t count) {
        for (auto v : column) {
            if (v >= count && v != CaseColumns::no_index) return false;
        }
        return true;
    };
    const auto low = Date::first().days(), high = Date::last().days();
    for (auto v : c.received) {
        if (v != CaseColumns::no_date && (v < low || v > high)) return false;
    }
    if (c.received.size() != n || c.response_days.size() != n || c.closed_days.size() != n ||
        c.kle.size() != n || c.legal_basis.size() != n || c.channel.size() != n ||
        c.contact.size() != n)
        return false;
    for (auto v : c.kle) {
        if (v > 9999 && v != CaseColumns::no_index) return false;
    }
    if (c.kind.size() != n || c.role.size() != n || c.action.size() != n ||
        c.resolution.size() != n || c.admin_response.size() != n ||
        c.rejection_reason.size() != n || c.origin.size() != n || c.unit.size() != n ||
        c.theme.size() != n || c.group.size() != n || c.citizen.size() != n ||
        c.inquiry.size() != n || c.main_row.size() != n) {
        return false;
    }
    if (!codes(c.kind, code_count<Kind>) || !codes(c.role, code_count<Role>) ||
        !codes(c.action, code_count<Action>) || !codes(c.resolution, code_count<Resolution>) ||
        !codes(c.admin_response, code_count<AdminResponse>) ||
        !codes(c.rejection_reason, code_count<RejectionReason>) ||
        !codes(c.origin, code_count<Origin>) || !codes(c.legal_basis, code_count<LegalBasis>) ||
        !codes(c.channel, code_count<Channel>) || !codes(c.contact, code_count<Contact>) ||
        !indexes(c.unit, config.organisation.size()) ||
        !indexes(c.theme, config.themes.themes().size()) ||
        !indexes(c.group, config.themes.groups().size())) {
        return false;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (c.citizen[i] > c.citizen_count || c.inquiry[i] >= c.inquiry_count) return false;
        if (c.main_row[i] != CaseColumns::no_case && c.main_row[i] >= n) return false;
    }
    return true;
}

/// The stored snapshot when it matches the store and the configuration, and every value in it
/// is in range.
std::optional<CaseColumns> read_snapshot(Register::Impl& impl) {
    CaseColumns read;
    SnapshotHeader header{};
    std::size_t n = 0;
    // One reader per column, in the order the parts were written.
    std::vector<std::function<bool(std::string_view)>> readers;
    read.for_each_column([&](auto& column) {
        readers.push_back([&column, &n](std::string_view bytes) {
            using Value = typename std::decay_t<decltype(column)>::value_type;
            if (bytes.size() != n * sizeof(Value)) return false;
            column.resize(n);
            if (n > 0) std::memcpy(column.data(), bytes.data(), bytes.size());
            return true;
        });
    });
    // A snapshot of other cases is not read at all.
    const std::uint64_t cases = impl.store->count(), last = impl.store->last_insertion();
    bool usable = true;
    std::size_t part = 0;
    bool found = impl.store->read_snapshot([&](std::string_view bytes) {
        if (!usable) return;
        if (part == 0) {
            usable = bytes.size() == sizeof header;
            if (usable) std::memcpy(&header, bytes.data(), sizeof header);
            usable = usable &&
                     std::memcmp(header.magic, snapshot_magic, sizeof snapshot_magic) == 0 &&
                     header.format == snapshot_format && header.byte_order == byte_order_mark &&
                     header.fingerprint == impl.fingerprint && header.cases == cases &&
                     header.last_insertion == last &&
                     header.cases <= std::numeric_limits<std::uint32_t>::max();
            n = static_cast<std::size_t>(header.cases);
        } else {
            usable = part <= readers.size() && readers[part - 1](bytes);
        }
        ++part;
    });
    if (!found || !usable || part != readers.size() + 1) return std::nullopt;
    read.citizen_count = header.citizen_count;
    read.inquiry_count = header.inquiry_count;
    if (!in_range(read, impl.config)) return std::nullopt;
    return read;
}

/// Every stored case as columns, read row by row.
CaseColumns scan_columns(Register::Impl& impl) {
    const auto& config = impl.config;
    detail::TextMap<UnitIndex> units;
    for (std::size_t i = 0; i < config.organisation.size(); ++i)
        units.emplace(config.organisation.units()[i].code, static_cast<UnitIndex>(i));
    detail::TextMap<ThemeIndex> themes;
    for (std::size_t i = 0; i < config.themes.themes().size(); ++i)
        themes.emplace(config.themes.themes()[i].code, static_cast<ThemeIndex>(i));
    detail::TextMap<GroupIndex> groups;
    for (std::size_t i = 0; i < config.themes.groups().size(); ++i)
        groups.emplace(config.themes.groups()[i].code, static_cast<GroupIndex>(i));
    auto lookup = [](const auto& map, const store::Value& value) -> std::uint16_t {
        if (value.is_null()) return CaseColumns::no_index;
        auto it = map.find(value.bytes);
        return it == map.end() ? CaseColumns::no_index : it->second;
    };
    auto date = [](const store::Value& value) {
        if (value.is_null()) return CaseColumns::no_date;
        auto parsed = Date::parse(value.bytes);
        return parsed ? parsed->days() : CaseColumns::no_date;
    };
    auto code8 = [](const store::Value& value, auto names) -> std::uint8_t {
        if (value.is_null()) return CaseColumns::no_code;
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (names[i] == value.bytes) return static_cast<std::uint8_t>(i);
        }
        return CaseColumns::no_code;
    };

    using store::column_of;
    const std::size_t case_id = column_of(Field::case_id), inquiry = column_of(Field::inquiry_id),
                      citizen = column_of(Field::citizen), kind = column_of(Field::kind),
                      role = column_of(Field::role), main = column_of(Field::main_case_id),
                      received = column_of(Field::received),
                      first_response = column_of(Field::first_response),
                      closed = column_of(Field::closed), unit = column_of(Field::unit),
                      theme = column_of(Field::theme), group = theme + 1,
                      action = column_of(Field::action), resolution = column_of(Field::resolution),
                      admin = column_of(Field::admin_response),
                      rejection = column_of(Field::rejection_reason),
                      origin = column_of(Field::origin), kle = column_of(Field::kle),
                      legal_basis = column_of(Field::legal_basis),
                      channel = column_of(Field::channel), contact = column_of(Field::contact);

    CaseColumns columns;
    const std::size_t count = impl.store->count();
    columns.reserve(count);
    detail::CaseIds ids(count);
    impl.store->scan(
        {}, {case_id,        inquiry,   citizen, kind,  role,        main,    received,
             first_response, closed,    unit,    theme, group,       action,  resolution,
             admin,          rejection, origin,  kle,   legal_basis, channel, contact},
        [&](const store::Row& row) {
            auto assigned = ids.add(row[case_id].bytes, row[inquiry].bytes, row[citizen].bytes,
                                    row[main].bytes);
            const std::int32_t day = date(row[received]);
            columns.received.push_back(day);
            columns.response_days.push_back(
                CaseColumns::days_after(day, date(row[first_response])));
            columns.closed_days.push_back(CaseColumns::days_after(day, date(row[closed])));
            columns.kind.push_back(code8(row[kind], code_names<Kind>));
            columns.role.push_back(code8(row[role], code_names<Role>));
            columns.action.push_back(code8(row[action], code_names<Action>));
            columns.resolution.push_back(code8(row[resolution], code_names<Resolution>));
            columns.admin_response.push_back(code8(row[admin], code_names<AdminResponse>));
            columns.rejection_reason.push_back(code8(row[rejection], code_names<RejectionReason>));
            columns.origin.push_back(code8(row[origin], code_names<Origin>));
            columns.unit.push_back(lookup(units, row[unit]));
            columns.theme.push_back(lookup(themes, row[theme]));
            columns.group.push_back(lookup(groups, row[group]));
            auto kle_ref = row[kle].is_null() ? std::nullopt : KleRef::parse(row[kle].bytes);
            columns.kle.push_back(kle_ref ? CaseColumns::kle_subject(*kle_ref)
                                          : CaseColumns::no_index);
            columns.legal_basis.push_back(code8(row[legal_basis], code_names<LegalBasis>));
            columns.channel.push_back(code8(row[channel], code_names<Channel>));
            columns.contact.push_back(code8(row[contact], code_names<Contact>));
            columns.citizen.push_back(assigned.citizen);
            columns.inquiry.push_back(assigned.inquiry);
        });
    ids.finish(columns);
    return columns;
}

}  // namespace

namespace register_detail {

CaseColumns columns_of_new_records(std::span<const CaseRecord> records) {
    CaseColumns columns;
    columns.reserve(records.size());
    detail::CaseIds ids(records.size());
    auto view = [](const auto& id) { return id ? id->view() : std::string_view(); };
    for (const auto& rec : records) {
        // A citizen's key stands one to one for the pseudonym a scan interns.
        auto citizen = rec.citizen.is_anonymous() ? std::string() : rec.citizen.key();
        auto assigned =
            ids.add(view(rec.case_id), view(rec.inquiry_id), citizen, view(rec.main_case_id));
        columns.push(rec, assigned.citizen, assigned.inquiry, CaseColumns::no_case);
    }
    ids.finish(columns);
    return columns;
}

void write_snapshot(Register::Impl& impl, const CaseColumns& columns) {
    SnapshotHeader header{};
    std::memcpy(header.magic, snapshot_magic, sizeof snapshot_magic);
    header.format = snapshot_format;
    header.byte_order = byte_order_mark;
    header.cases = columns.size();
    header.last_insertion = impl.store->last_insertion();
    header.citizen_count = columns.citizen_count;
    header.inquiry_count = columns.inquiry_count;
    header.fingerprint = impl.fingerprint;
    std::vector<std::string_view> parts;
    parts.emplace_back(reinterpret_cast<const char*>(&header), sizeof header);
    columns.for_each_column([&](const auto& column) {
        parts.emplace_back(reinterpret_cast<const char*>(column.data()),
                           column.size() * sizeof(column[0]));
    });
    impl.store->write_snapshot(parts);
}

}  // namespace register_detail

CaseColumns Register::load_columns() {
    impl_->refresh_config();
    auto& store = *impl_->store;
    // A snapshot describes committed cases; inside the caller's transaction, or in memory, scan.
    if (impl_->explicit_transaction || store.temporary()) return scan_columns(*impl_);
    // One read transaction: the snapshot or the scan sees one state of the register.
    store.begin_read();
    struct EndRead {
        store::CaseStore& store;
        ~EndRead() { store.end_read(); }
    } end{store};
    if (auto snapshot = read_snapshot(*impl_)) return std::move(*snapshot);
    CaseColumns columns = scan_columns(*impl_);
    // Kept for the next report when that needs no waiting (the store decides).
    register_detail::write_snapshot(*impl_, columns);
    return columns;
}

}  // namespace ombuds
