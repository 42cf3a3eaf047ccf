// SPDX-License-Identifier: MPL-2.0
// Reading and writing case files (interfaces.md, "Case file"): CSV as Danish spreadsheets
// write it and JSON Lines. Needs the compiled library.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ombuds/config.hpp"
#include "ombuds/error.hpp"
#include "ombuds/record.hpp"
#include "ombuds/violation.hpp"

namespace ombuds {

enum class FileFormat { csv, jsonl };

/// The file could not be read at all (missing, unreadable): an I/O error, not refused data.
class InputError : public Error {
  public:
    explicit InputError(const std::string& message) : Error(ErrorKind::io, message) {}
};

/// A violation found at a place in a file. `line` is the 1-based physical line where the
/// record starts (the header is line 1 in CSV); 0 for the file as a whole.
struct FileIssue {
    std::size_t line = 0;
    std::size_t record = 0;  // index into CaseFile::records; meaningless when line is 0
    Violation violation;
    std::string column;  // the column as written, when it is not a known field (else empty)

    /// The column to name in a message: the unknown column as written, or the field's name.
    std::string_view column_name() const noexcept {
        return column.empty() ? ombuds::column_name(violation.field) : std::string_view(column);
    }
};

/// Whether a file issue refuses a record (an error on a record's line).
inline bool refuses_record(const FileIssue& issue) noexcept {
    return issue.violation.is_error() && issue.line > 0;
}

/// What a file held: the records that could be parsed (also those with issues, so the
/// validator sees every row) and the issues found while reading.
struct CaseFile {
    std::string name;  // the file name as given, for messages
    FileFormat format = FileFormat::csv;
    std::vector<CaseRecord> records;
    std::vector<std::size_t> lines;  // the line each record starts on, parallel to records
    std::vector<FileIssue> issues;   // reading issues (format, unknown column, bad values)
    FieldSet columns;                // the fields the file has columns (JSON Lines: keys) for
    bool unreadable = false;         // the file as a whole is not a case file (no records read)
};

struct ReadOptions {
    /// Force a format; by default `.jsonl`/`.ndjson` files are JSON Lines, others CSV.
    std::optional<FileFormat> format;
    /// A file of changes to stored cases (import --update): only the case id's column is
    /// required, the others may be left out.
    bool changes_only = false;
    /// Called on the reading thread after each batch of parsed records with the records parsed
    /// so far (`first` points at record 0, `count` of them are complete). Room for every line
    /// of the file is reserved before parsing starts, so these records never move while the
    /// file is read and until the returned CaseFile is destroyed: another thread may read them
    /// meanwhile. An import stores them while the rest of the file is still being parsed.
    std::function<void(const CaseRecord* first, std::size_t count)> on_records;
    /// Records per call of `on_records`.
    std::size_t batch_size = 4096;
};

/// Reads a case file. Bad content (bad encoding, unknown column, binary junk, an unreadable
/// value) becomes issues; only a file that cannot be opened throws InputError.
CaseFile read_case_file(const std::filesystem::path& path, const Configuration& config,
                        const ReadOptions& options = {});
/// The same into `file`, replacing what it held. Records handed to `options.on_records` live
/// as long as `file` does, even when reading ends in an exception.
void read_case_file(const std::filesystem::path& path, const Configuration& config,
                    const ReadOptions& options, CaseFile& file);
/// The same from text in memory; `name` is used in messages.
CaseFile read_case_text(std::string_view bytes, std::string_view name, const Configuration& config,
                        const ReadOptions& options = {});

/// Writes records as a case file. `citizens` (parallel to records, may be empty) gives the
/// text written in the citizen column; notes are written only when `with_notes` is set.
void write_case_file(std::ostream& out, FileFormat format, const std::vector<CaseRecord>& records,
                     const Configuration& config, const std::vector<std::string>& citizens = {},
                     bool with_notes = false);

}  // namespace ombuds
