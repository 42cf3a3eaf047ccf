// SPDX-License-Identifier: MPL-2.0
// The cases of a register as columns: what the statistics engine counts. One vector per field,
// each the size of the case count, so the report's kernels run over plain arrays (about 37
// bytes per case). The register fills it; tests and benchmarks may fill it directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "ombuds/config.hpp"
#include "ombuds/date.hpp"
#include "ombuds/record.hpp"
#include "ombuds/taxonomy.hpp"

namespace ombuds {

struct CaseColumns {
    /// Marks an absent value in each kind of column.
    static constexpr std::int32_t no_date = std::numeric_limits<std::int32_t>::min();
    static constexpr std::uint8_t no_code = 0xFF;
    static constexpr std::uint16_t no_index = 0xFFFF;
    static constexpr std::uint32_t no_case = 0xFFFFFFFF;
    /// `citizen` is 0 for an anonymous case; other values are dense ids 1..citizen_count.
    static constexpr std::uint32_t anonymous = 0;

    // Dates as day numbers (Date::days()), no_date when absent.
    std::vector<std::int32_t> received;
    std::vector<std::int32_t> first_response;
    std::vector<std::int32_t> closed;
    // Taxonomy codes as the enum's value, no_code when absent.
    std::vector<std::uint8_t> kind;
    std::vector<std::uint8_t> role;
    std::vector<std::uint8_t> action;
    std::vector<std::uint8_t> resolution;
    std::vector<std::uint8_t> admin_response;
    std::vector<std::uint8_t> rejection_reason;
    std::vector<std::uint8_t> origin;
    // Indexes into the configuration, no_index when absent. `group` is set whenever `theme` is
    // (the theme's group) and alone for staff consultations.
    std::vector<std::uint16_t> unit;
    std::vector<std::uint16_t> theme;
    std::vector<std::uint16_t> group;
    // Dense ids: citizens 1..citizen_count (0 anonymous), inquiries 0..inquiry_count-1.
    std::vector<std::uint32_t> citizen;
    std::vector<std::uint32_t> inquiry;
    // For a follow-up, the row of its main case; no_case otherwise.
    std::vector<std::uint32_t> main_row;

    std::uint32_t citizen_count = 0;
    std::uint32_t inquiry_count = 0;

    std::size_t size() const noexcept { return received.size(); }

    void reserve(std::size_t n) {
        for_each_column([n](auto& column) { column.reserve(n); });
    }
    void clear() {
        for_each_column([](auto& column) { column.clear(); });
        citizen_count = inquiry_count = 0;
    }
    /// Bytes held by the columns (capacity, not size).
    std::size_t memory_bytes() const {
        std::size_t bytes = 0;
        const_cast<CaseColumns*>(this)->for_each_column(
            [&bytes](auto& column) { bytes += column.capacity() * sizeof(column[0]); });
        return bytes;
    }

    /// Appends one case. `citizen_id`, `inquiry_id` and `main` are the dense ids and row the
    /// caller assigned (see ColumnBuilder for assigning them from keys).
    void push(const CaseRecord& rec, std::uint32_t citizen_id, std::uint32_t inquiry_id,
              std::uint32_t main) {
        auto date = [](const std::optional<Date>& d) { return d ? d->days() : no_date; };
        auto code8 = [](const auto& value) {
            return value ? static_cast<std::uint8_t>(*value) : no_code;
        };
        received.push_back(date(rec.received));
        first_response.push_back(date(rec.first_response));
        closed.push_back(date(rec.closed));
        kind.push_back(code8(rec.kind));
        role.push_back(code8(rec.role));
        action.push_back(code8(rec.action));
        resolution.push_back(code8(rec.resolution));
        admin_response.push_back(code8(rec.admin_response));
        rejection_reason.push_back(code8(rec.rejection_reason));
        origin.push_back(code8(rec.origin));
        unit.push_back(rec.unit ? *rec.unit : no_index);
        theme.push_back(rec.theme.theme ? *rec.theme.theme : no_index);
        group.push_back(rec.theme.group ? *rec.theme.group : no_index);
        citizen.push_back(citizen_id);
        inquiry.push_back(inquiry_id);
        main_row.push_back(main);
    }

    /// Calls `f` with every column, always in the same order (the register's column snapshot
    /// relies on it).
    template <class F>
    void for_each_column(F&& f) {
        f(received), f(first_response), f(closed), f(kind), f(role), f(action), f(resolution);
        f(admin_response), f(rejection_reason), f(origin), f(unit), f(theme), f(group);
        f(citizen), f(inquiry), f(main_row);
    }
    template <class F>
    void for_each_column(F&& f) const {
        const_cast<CaseColumns*>(this)->for_each_column([&f](const auto& column) { f(column); });
    }
};

}  // namespace ombuds
