// SPDX-License-Identifier: MPL-2.0
// The report's columns and their snapshot: kept in the store between reports, read back only
// when every value in it is in range (a damaged snapshot is rebuilt, never trusted), and brought
// up to date from the cases changed since it was written (the store logs them), so the first
// report after a change reads that change, not every case.
#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>

#include "register/column_scan.hpp"

#include <sys/mman.h>

namespace ombuds {
namespace {

void advise_huge_pages(void* data, std::size_t bytes) {
    constexpr std::uintptr_t page = 4096;
    auto first = (reinterpret_cast<std::uintptr_t>(data) + page - 1) & ~(page - 1);
    auto last = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(page - 1);
    if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

constexpr char snapshot_magic[8] = {'O', 'M', 'B', 'D', 'C', 'O', 'L', 'S'};
constexpr std::uint32_t snapshot_format = 5;  // 5: rowids as runs
constexpr std::uint32_t byte_order_mark = 0x01020304;

/// Past this many changed cases, the report writes a new snapshot (when it may): each report
/// reads the changes since the last one, a few microseconds each.
constexpr std::size_t rewrite_after_changes = 2000;

/// The snapshot's header (part 0): what the columns were made from.
struct SnapshotHeader {
    char magic[8];
    std::uint32_t format;
    std::uint32_t byte_order;
    std::uint64_t cases;
    std::uint32_t citizen_count;
    std::uint32_t inquiry_count;
    std::uint64_t fingerprint;
};

/// True when every value is below `count` or is its type's largest (absent). Adding one wraps
/// the absent value to 0, so each value takes one comparison without a branch: a loop the
/// compiler vectorises (every report reads the snapshot).
template <class T>
bool below_or_absent(const std::vector<T>& column, std::size_t count) {
    const auto limit = static_cast<T>(std::min<std::size_t>(count, std::numeric_limits<T>::max()));
    T top = 0;
    for (T v : column) top = std::max(top, static_cast<T>(v + 1));
    return top <= limit;
}

template <class T>
T largest(const std::vector<T>& column) {
    T out = 0;
    for (T v : column) out = std::max(out, v);
    return out;
}

/// Every value of the columns is one the engine can count: codes and indexes in range or
/// absent, dates within the calendar (the rowids were checked as read, the citizen and inquiry
/// ids are checked against their counts by read_snapshot).
bool in_range(const CaseColumns& c, const Configuration& config) {
    const std::size_t n = c.size();
    bool sizes_match = true;
    c.for_each_column([&](const auto& column) { sizes_match = sizes_match && column.size() == n; });
    if (!sizes_match) return false;
    const auto low = Date::first().days(), high = Date::last().days();
    // A date within the calendar is at most `span` days after its first; the absent date is
    // taken out by the same test, one step further.
    const auto span = static_cast<std::uint32_t>(high - low);
    std::uint32_t outside = 0;
    for (auto v : c.received) {
        const auto after_first = static_cast<std::uint32_t>(v) - static_cast<std::uint32_t>(low);
        outside |= static_cast<std::uint32_t>(after_first > span) &
                   static_cast<std::uint32_t>(v != CaseColumns::no_date);
    }
    return outside == 0 && below_or_absent(c.kind, code_count<Kind>) &&
           below_or_absent(c.role, code_count<Role>) &&
           below_or_absent(c.action, code_count<Action>) &&
           below_or_absent(c.resolution, code_count<Resolution>) &&
           below_or_absent(c.admin_response, code_count<AdminResponse>) &&
           below_or_absent(c.rejection_reason, code_count<RejectionReason>) &&
           below_or_absent(c.origin, code_count<Origin>) &&
           below_or_absent(c.legal_basis, code_count<LegalBasis>) &&
           below_or_absent(c.channel, code_count<Channel>) &&
           below_or_absent(c.contact, code_count<Contact>) &&
           below_or_absent(c.unit, config.organisation.size()) &&
           below_or_absent(c.theme, config.themes.themes().size()) &&
           below_or_absent(c.group, config.themes.groups().size()) &&
           below_or_absent(c.kle, 10000) && below_or_absent(c.main_row, n);
}

/// The stored snapshot when it was made under this configuration and every value in it is in
/// range.
std::optional<register_detail::Scanned> read_snapshot(Register::Impl& impl) {
    register_detail::Scanned read;
    SnapshotHeader header{};
    std::size_t n = 0;
    // Where each part after the header goes, in the order the parts were written: the store
    // reads them straight into the columns.
    static char nothing = 0;  // the place of a part of no bytes
    auto place = [](auto& vector, std::size_t size) {
        vector.reserve(size);
        advise_huge_pages(vector.data(), size * sizeof(vector[0]));
        vector.resize(size);
        return vector.empty() ? &nothing : reinterpret_cast<char*>(vector.data());
    };
    std::vector<std::function<char*(std::size_t)>> places;
    read.columns.for_each_column([&](auto& column) {
        places.push_back([&column, &n, &place](std::size_t bytes) -> char* {
            using Value = typename std::decay_t<decltype(column)>::value_type;
            return bytes == n * sizeof(Value) ? place(column, n) : nullptr;
        });
    });
    using Run = register_detail::RowidRuns::Run;
    std::vector<Run> runs;
    places.push_back([&](std::size_t bytes) -> char* {
        return bytes % sizeof(Run) == 0 ? place(runs, bytes / sizeof(Run)) : nullptr;
    });
    auto header_usable = [&] {
        return std::memcmp(header.magic, snapshot_magic, sizeof snapshot_magic) == 0 &&
               header.format == snapshot_format && header.byte_order == byte_order_mark &&
               header.fingerprint == impl.fingerprint &&
               header.cases <= std::numeric_limits<std::uint32_t>::max();
    };
    std::size_t part = 0;
    bool found = impl.store->read_snapshot([&](std::size_t bytes) -> char* {
        const std::size_t index = part++;
        if (index == 0) return bytes == sizeof header ? reinterpret_cast<char*>(&header) : nullptr;
        if (index == 1) {
            if (!header_usable()) return nullptr;
            n = static_cast<std::size_t>(header.cases);
        }
        return index <= places.size() ? places[index - 1](bytes) : nullptr;
    });
    if (!found || part != places.size() + 1) return std::nullopt;
    auto rowids = register_detail::RowidRuns::from_runs(runs, n);
    if (!rowids) return std::nullopt;
    read.rowids = std::move(*rowids);
    if (!in_range(read.columns, impl.config)) return std::nullopt;
    // The engine sizes its per-citizen and per-inquiry arrays by the counts: take them from the
    // ids the columns hold, never from the header alone (a damaged header could ask for
    // gigabytes); ids beyond the header's counts are damage too.
    const auto& columns = read.columns;
    const std::uint64_t citizens = largest(columns.citizen);
    const std::uint64_t inquiries =
        columns.inquiry.empty() ? 0 : std::uint64_t{largest(columns.inquiry)} + 1;
    if (citizens > header.citizen_count || inquiries > header.inquiry_count) return std::nullopt;
    read.columns.citizen_count = static_cast<std::uint32_t>(citizens);
    read.columns.inquiry_count = static_cast<std::uint32_t>(inquiries);
    auto next = impl.next_numbers();
    if (!next || read.columns.citizen_count >= next->first ||
        read.columns.inquiry_count > next->second)
        return std::nullopt;
    return read;
}

/// Brings a snapshot up to date with the cases changed since it was written: each changed case
/// is read again, in place or after the others; deleted ones are taken out. False when that
/// cannot be done (a case without its numbers, an insertion among the older cases): the caller
/// scans every case then.
bool apply_changes(Register::Impl& impl, register_detail::Scanned& base,
                   const std::vector<std::int64_t>& changed) {
    if (changed.empty()) return true;
    auto& columns = base.columns;
    auto& rowids = base.rowids;
    const std::size_t base_size = rowids.size();
    const std::int64_t last_base = rowids.empty() ? 0 : rowids.back();
    register_detail::RowToColumns to_columns(impl.config);
    std::vector<bool> removed(base_size, false);
    bool any_removed = false;
    std::vector<std::size_t> changed_positions;
    std::vector<std::string> main_ids;  // parallel to changed_positions: the main case's id
    store::Row row;
    const auto& wanted = register_detail::report_source_columns();
    for (auto rowid : changed) {
        const auto [position, found] = rowids.find(rowid);
        const bool in_base = found && position < base_size;
        if (!impl.store->find_row(rowid, wanted, row)) {
            if (in_base) removed[position] = any_removed = true;
            continue;
        }
        if (in_base) {
            if (!to_columns.assign(row, columns, position)) return false;
            columns.main_row[position] = CaseColumns::no_case;
            changed_positions.push_back(position);
        } else {
            if (rowid < last_base) return false;  // a rowid used again among the older cases
            if (!to_columns.append(row, columns)) return false;
            rowids.push_back(rowid);
            changed_positions.push_back(columns.size() - 1);
        }
        main_ids.emplace_back(row[store::column_of(Field::main_case_id)].bytes);
    }
    // The main rows of the changed cases, by their main case's rowid.
    for (std::size_t k = 0; k < changed_positions.size(); ++k) {
        if (main_ids[k].empty()) continue;
        auto main_rowid = impl.store->rowid_of(main_ids[k]);
        if (!main_rowid) continue;
        const auto [position, found] = rowids.find(*main_rowid);
        if (found) columns.main_row[changed_positions[k]] = static_cast<std::uint32_t>(position);
    }
    if (any_removed) {
        // Take out the deleted cases; every main row moves with the cases it points to.
        std::vector<std::uint32_t> moved(columns.size(), CaseColumns::no_case);
        std::size_t kept = 0;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i < base_size && removed[i]) continue;
            moved[i] = static_cast<std::uint32_t>(kept++);
        }
        register_detail::Scanned compact;
        compact.columns.reserve(kept);
        auto& out = compact.columns;
        rowids.for_each([&](std::size_t i, std::int64_t rowid) {
            if (moved[i] == CaseColumns::no_case) return;
            auto column_pairs = [&](auto& to, const auto& from) { to.push_back(from[i]); };
            column_pairs(out.received, columns.received);
            column_pairs(out.response_days, columns.response_days);
            column_pairs(out.closed_days, columns.closed_days);
            column_pairs(out.kind, columns.kind);
            column_pairs(out.role, columns.role);
            column_pairs(out.action, columns.action);
            column_pairs(out.resolution, columns.resolution);
            column_pairs(out.admin_response, columns.admin_response);
            column_pairs(out.rejection_reason, columns.rejection_reason);
            column_pairs(out.origin, columns.origin);
            column_pairs(out.unit, columns.unit);
            column_pairs(out.theme, columns.theme);
            column_pairs(out.group, columns.group);
            column_pairs(out.kle, columns.kle);
            column_pairs(out.legal_basis, columns.legal_basis);
            column_pairs(out.channel, columns.channel);
            column_pairs(out.contact, columns.contact);
            column_pairs(out.citizen, columns.citizen);
            column_pairs(out.inquiry, columns.inquiry);
            auto main = columns.main_row[i];
            out.main_row.push_back(main == CaseColumns::no_case ? main : moved[main]);
            compact.rowids.push_back(rowid);
        });
        out.citizen_count = columns.citizen_count;
        out.inquiry_count = columns.inquiry_count;
        base = std::move(compact);
    }
    return base.columns.size() == impl.store->count();
}

}  // namespace

namespace register_detail {

void write_snapshot(Register::Impl& impl, const CaseColumns& columns, const RowidRuns& rowids) {
    SnapshotHeader header{};
    std::memcpy(header.magic, snapshot_magic, sizeof snapshot_magic);
    header.format = snapshot_format;
    header.byte_order = byte_order_mark;
    header.cases = columns.size();
    header.citizen_count = columns.citizen_count;
    header.inquiry_count = columns.inquiry_count;
    header.fingerprint = impl.fingerprint;
    std::vector<std::string_view> parts;
    parts.emplace_back(reinterpret_cast<const char*>(&header), sizeof header);
    auto add = [&](const auto& column) {
        parts.emplace_back(reinterpret_cast<const char*>(column.data()),
                           column.size() * sizeof(column[0]));
    };
    columns.for_each_column(add);
    add(rowids.runs());
    impl.store->write_snapshot(parts);
}

}  // namespace register_detail

CaseColumns Register::load_columns() {
    impl_->refresh_config();
    auto& store = *impl_->store;
    // Inside the caller's transaction its own changes count too, and nothing is written.
    const bool may_write = !impl_->explicit_transaction;
    if (may_write) store.begin_read();
    struct EndRead {
        store::CaseStore& store;
        bool active;
        ~EndRead() {
            if (active) store.end_read();
        }
    } end{store, may_write};
    auto snapshot = read_snapshot(*impl_);
    if (snapshot) {
        auto changed = store.changed_rows();
        if (changed.size() <= std::max<std::size_t>(snapshot->rowids.size() / 4, 1000) &&
            apply_changes(*impl_, *snapshot, changed)) {
            if (may_write && changed.size() > rewrite_after_changes)
                register_detail::write_snapshot(*impl_, snapshot->columns, snapshot->rowids);
            return std::move(snapshot->columns);
        }
    }
    auto scanned = register_detail::scan_columns(*impl_);
    // Kept for the next report when that needs no waiting (the store decides).
    if (may_write && scanned.numbered)
        register_detail::write_snapshot(*impl_, scanned.columns, scanned.rowids);
    return std::move(scanned.columns);
}

}  // namespace ombuds
