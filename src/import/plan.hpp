// SPDX-License-Identifier: MPL-2.0
// Planning an import: what every row of a file becomes (the record to store, with --update the
// stored case with the file's columns changed) and whether it may be stored, judged for the
// whole file at once against what is stored.
#pragma once

#include <vector>

#include "ombuds/import.hpp"

namespace ombuds::import_detail {

struct Plan {
    ImportResult result;
    /// What each row stores (the row itself, or for update the merged case); parallel to the
    /// file's records. Empty with mode insert (the file's records are stored as they are).
    std::vector<CaseRecord> merged;
    const CaseRecord& record(const CaseFile& file, std::size_t i) const {
        return merged.empty() ? file.records[i] : merged[i];
    }
};

/// Validates a file against `stored` (every rule, the follow-up cascade, replace.would_clear,
/// update.needs_case) and fills the result's issues, refused records and `storable`.
Plan plan_import(const CaseFile& file, const RegisterView& stored, const Configuration& config,
                 const ImportOptions& options, std::optional<Date> today);

}  // namespace ombuds::import_detail
