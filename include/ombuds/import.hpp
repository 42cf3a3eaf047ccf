// SPDX-License-Identifier: MPL-2.0
// The one import pipeline (read -> plan -> store) behind every entrance: `ombuds validate`,
// `ombuds import` with or without --dry-run, and the C API's ombuds_import_file. Planning
// validates the whole file against the register (or against nothing, for a file checked alone)
// and decides what each row does; storing writes all of it in one transaction, or nothing.
// Needs the compiled library.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "ombuds/case_file.hpp"
#include "ombuds/config.hpp"
#include "ombuds/register.hpp"
#include "ombuds/validation.hpp"

namespace ombuds {

struct ImportOptions {
    /// insert: a stored case id is refused; replace: each row replaces the stored case;
    /// update: each row changes only the columns the file has (an empty cell clears that field).
    /// With replace and update an empty citizen or note cell never clears a stored one
    /// (replace.would_clear).
    WriteMode mode = WriteMode::insert;
    bool skip_invalid = false;  // store the valid records, report the refused ones
    bool dry_run = false;       // validate against the register, store nothing
    /// Reading: the format (by default from the file's name and content) and the rest.
    ReadOptions read;
    /// Called now and then on the importing thread during a large import, with the records
    /// stored so far and the records to store (0 while the file is still being read).
    std::function<void(std::size_t stored, std::size_t total)> progress;
};

struct ImportResult {
    std::size_t read = 0;               // records read from the file
    std::size_t imported = 0;           // records stored (none with dry_run)
    std::size_t refused = 0;            // records refused (with skip_invalid, not stored)
    bool unreadable = false;            // the file is not a case file
    std::vector<FileIssue> issues;      // every error and warning, by line
    std::vector<bool> refused_records;  // per record of the file: refused

    std::size_t errors() const noexcept {
        std::size_t n = 0;
        for (const auto& issue : issues) n += issue.violation.is_error();
        return n;
    }
    std::size_t warnings() const noexcept { return issues.size() - errors(); }
    /// Whether the file would be or was stored: no file-level error, and no refused record
    /// unless skip_invalid.
    bool storable = false;
};

/// Reads, validates and stores a case file: all or nothing unless skip_invalid; with dry_run
/// validates against the register and stores nothing. Throws Error (io) when the file cannot
/// be read; refused data is in the result, not thrown.
ImportResult import_file(Register& reg, const std::filesystem::path& file,
                         const ImportOptions& options = {});
/// The same for a file already read.
ImportResult import_cases(Register& reg, const CaseFile& file, const ImportOptions& options = {});

/// Checks a case file against a configuration alone, as an import into an empty register would
/// (`ombuds validate FILE`, and --dry-run before a register exists). Stores nothing, creates
/// nothing.
ImportResult check_file(const std::filesystem::path& file, const Configuration& config,
                        const ImportOptions& options = {});
ImportResult check_cases(const CaseFile& file, const Configuration& config,
                         const ImportOptions& options = {});

}  // namespace ombuds
