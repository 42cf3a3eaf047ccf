// SPDX-License-Identifier: MPL-2.0
// The cases of a register as columns: what the statistics engine counts. One vector per field,
// each the size of the case count, so the report's kernels run over plain arrays (under 40 bytes
// per case). The register fills it; tests and benchmarks may fill it directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "ombuds/config.hpp"
#include "ombuds/date.hpp"
#include "ombuds/identifiers.hpp"
#include "ombuds/record.hpp"
#include "ombuds/taxonomy.hpp"

namespace ombuds {

struct CaseColumns {
    /// Marks an absent value in each kind of column.
    static constexpr std::int32_t no_date = std::numeric_limits<std::int32_t>::min();
    static constexpr std::uint16_t no_days = 0xFFFF;
    static constexpr std::uint8_t no_code = 0xFF;
    static constexpr std::uint16_t no_index = 0xFFFF;
    static constexpr std::uint32_t no_case = 0xFFFFFFFF;
    /// `citizen` is 0 for an anonymous case; other values are dense ids 1..citizen_count.
    static constexpr std::uint32_t anonymous = 0;

    // The date received as a day number (Date::days()); the first response and the closing as
    // days after it (no_days when absent, or not after received), so they take two bytes each.
    std::vector<std::int32_t> received;
    std::vector<std::uint16_t> response_days;
    std::vector<std::uint16_t> closed_days;
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
    // The dimensions of tables and the deadline section: the KLE subject (the first two levels,
    // NN.NN as NN * 100 + NN; no_index when absent) and three codes (no_code when absent).
    std::vector<std::uint16_t> kle;
    std::vector<std::uint8_t> legal_basis;
    std::vector<std::uint8_t> channel;
    std::vector<std::uint8_t> contact;
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
        auto code8 = [](const auto& value) {
            return value ? static_cast<std::uint8_t>(*value) : no_code;
        };
        const std::int32_t day = rec.received ? rec.received->days() : no_date;
        auto after = [day](const std::optional<Date>& d) {
            return d ? days_after(day, d->days()) : no_days;
        };
        received.push_back(day);
        response_days.push_back(after(rec.first_response));
        closed_days.push_back(after(rec.closed));
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
        kle.push_back(rec.kle ? kle_subject(*rec.kle) : no_index);
        legal_basis.push_back(code8(rec.legal_basis));
        channel.push_back(code8(rec.channel));
        contact.push_back(code8(rec.contact));
        citizen.push_back(citizen_id);
        inquiry.push_back(inquiry_id);
        main_row.push_back(main);
    }

    /// A later date as days after `received` (no_days when absent or out of range).
    static constexpr std::uint16_t days_after(std::int32_t received, std::int32_t day) noexcept {
        if (received == no_date || day == no_date || day < received || day - received >= no_days)
            return no_days;
        return static_cast<std::uint16_t>(day - received);
    }
    /// A KLE reference's subject (its first two levels) as one number, NN * 100 + NN.
    static std::uint16_t kle_subject(const KleRef& kle) noexcept {
        const auto& t = kle.text();
        return static_cast<std::uint16_t>((t[0] - '0') * 1000 + (t[1] - '0') * 100 +
                                          (t[3] - '0') * 10 + (t[4] - '0'));
    }

    /// Calls `f` with every column, always in the same order (the register's column snapshot
    /// relies on it).
    template <class F>
    void for_each_column(F&& f) {
        f(received), f(response_days), f(closed_days), f(kind), f(role), f(action), f(resolution);
        f(admin_response), f(rejection_reason), f(origin), f(unit), f(theme), f(group), f(kle);
        f(legal_basis), f(channel), f(contact), f(citizen), f(inquiry), f(main_row);
    }
    template <class F>
    void for_each_column(F&& f) const {
        const_cast<CaseColumns*>(this)->for_each_column([&f](const auto& column) { f(column); });
    }
};

}  // namespace ombuds
