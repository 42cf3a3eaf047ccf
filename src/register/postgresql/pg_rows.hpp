// SPDX-License-Identifier: MPL-2.0
// Stored rows to and from PostgreSQL: a row's values as statement parameters or as a tuple of
// COPY's binary format, and a result row as a Row. Dates are PostgreSQL dates in the table and
// ISO text in a Row, as every backend's rows hold them.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "register/postgresql/pg_connection.hpp"
#include "register/stored_row.hpp"

namespace ombuds::store::postgresql {

/// Every column of a stored row, in column order.
Params row_params(const StoredRow& row);

/// Appends a stored row to `out` as one tuple of COPY's binary format: its rowid, then every
/// column.
void append_copy_tuple(const StoredRow& row, std::int64_t rowid, std::string& out);
/// The header and the trailer of COPY's binary format.
std::string copy_header();
std::string copy_trailer();

/// The ISO text of a result row's dates, by column: what a Row's date values view.
using DateText = std::array<std::array<char, 10>, column_count>;

/// The `wanted` columns of a result row (in that order from column `first`) into `out`; views
/// into the result and into `dates`. A date no ombuds::Date can hold (another program's year 1
/// or 'infinity') reads as a text no date reader takes.
void read_row(const Result& result, int row, const std::vector<std::size_t>& wanted, Row& out,
              DateText& dates, int first = 0);

/// "SELECT a, b, ..." naming the `wanted` columns.
std::string select_list(const std::vector<std::size_t>& wanted);

}  // namespace ombuds::store::postgresql
