// SPDX-License-Identifier: MPL-2.0
// Excel workbooks (.xlsx, Office Open XML) read natively: the first visible sheet or the one
// named, its text, numbers, booleans and dates (by the cell's number format) as the same rows
// of cells the CSV reader gives, so both build records the same way.
#pragma once

#include <string_view>

#include "record_builder.hpp"

namespace ombuds::io {

/// Reads the workbook in `bytes` into the builder's file. A damaged workbook, a limit passed or
/// a missing sheet is an issue of the file, never an exception (but std::bad_alloc).
void read_workbook(std::string_view bytes, RecordBuilder& builder);

}  // namespace ombuds::io
