// SPDX-License-Identifier: MPL-2.0
// The rejects file of `ombuds import --skip-invalid` (interfaces.md, "Case file"): each refused
// row exactly as it was read (the same columns in the same order, the values as typed, the
// input's separator, encoding and line ends) plus the column `ombuds_reason`, so the office can
// correct the rows and import the file as it is. Needs the compiled library.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ombuds/case_file.hpp"

namespace ombuds {

/// One refused record of a file and why, as the rejects file's `ombuds_reason` says it.
struct RejectedRecord {
    std::size_t record = 0;  // index into CaseFile::records
    std::string reason;
};

/// The refused records (refused[i] for record i) with their errors as one text each, in `lang`:
/// "linje 5: Tema: theme.known: ...; mente du 'Manglende svar'? | CPR: citizen.format: ...".
/// Columns are named as the file names them.
std::vector<RejectedRecord> rejected_records(const CaseFile& file,
                                             const std::vector<FileIssue>& issues,
                                             const std::vector<bool>& refused, Lang lang);

/// The rejects file's bytes. `file` must have been read with ReadOptions::keep_cells. CSV and
/// JSON Lines give the same kind of file, written as the input was; `ombuds_reason` is the
/// first column (a CSV's own `ombuds_reason` column, from an earlier rejects file, is replaced in
/// place). A workbook gives a workbook: one sheet named as the one read, the header as read,
/// each cell of the same kind (text, number, date), text cells formatted as text so Excel keeps
/// a CPR number's leading 0. Cells that start like a formula get a leading `'`, which the
/// reader removes. Holds personal data: the caller creates the file readable by its owner only.
std::string rejects_file(const CaseFile& file, const std::vector<RejectedRecord>& rejected);

}  // namespace ombuds
