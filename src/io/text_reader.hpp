// SPDX-License-Identifier: MPL-2.0
// Case files that are text: CSV as Danish spreadsheets write it (`;`, `,` or tab; UTF-8 with or
// without BOM or Windows-1252; CRLF, LF or CR; quoted fields) and JSON Lines.
#pragma once

#include <string_view>

#include "record_builder.hpp"

namespace ombuds::io {

/// Decodes the bytes, finds how the file is written (CaseFile::layout) and reads its records,
/// CSV or JSON Lines as CaseFile::format says.
void read_text(std::string_view bytes, RecordBuilder& builder);

}  // namespace ombuds::io
