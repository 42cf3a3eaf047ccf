// SPDX-License-Identifier: MPL-2.0
// The report's columns of stored cases: read from stored rows, either every case (a scan) or
// one changed case at a time (bringing a snapshot up to date).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "ombuds/case_columns.hpp"
#include "register/register_impl.hpp"

namespace ombuds::register_detail {

/// The stored columns the report's columns are made from.
const std::vector<std::size_t>& report_source_columns();

/// One case's report values, from its stored row (the citizen and inquiry from their stored
/// numbers; the main row is left to the caller).
class RowToColumns {
  public:
    explicit RowToColumns(const Configuration& config);
    /// Appends the row's values (main_row no_case); false when the row lacks its numbers.
    bool append(const store::Row& row, CaseColumns& columns) const;
    /// Overwrites the values at `position`; false when the row lacks its numbers.
    bool assign(const store::Row& row, CaseColumns& columns, std::size_t position) const;

  private:
    struct Values;
    std::optional<Values> values(const store::Row& row) const;
    detail::TextMap<UnitIndex> units_;
    detail::TextMap<ThemeIndex> themes_;
    detail::TextMap<GroupIndex> groups_;
};

/// Every stored case as columns, in storage order, with each case's rowid.
struct Scanned {
    CaseColumns columns;
    RowidRuns rowids;
    /// Counted by the stored numbers (else by interning, when a case lacked them: such columns
    /// are not kept as a snapshot, as the changes read later carry numbers).
    bool numbered = true;
};
Scanned scan_columns(Register::Impl& impl);

}  // namespace ombuds::register_detail
