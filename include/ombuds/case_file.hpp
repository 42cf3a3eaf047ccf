// SPDX-License-Identifier: MPL-2.0
// Reading and writing case files (interfaces.md, "Case file"): CSV as Danish spreadsheets
// write it, Excel workbooks (.xlsx) and JSON Lines. Needs the compiled library.
#pragma once

#include <cstddef>
#include <cstdint>
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

enum class FileFormat { csv, jsonl, xlsx };

/// The file could not be read at all (missing, unreadable, not a regular file, too large): an
/// I/O error (ErrorKind::io), not refused data; Error::message says it in either language.
class InputError : public Error {
  public:
    enum class Reason : std::uint8_t {
        other,
        cannot_open,
        cannot_read,
        directory,
        not_regular_file,  // a FIFO, a device, a socket: reading one could hang or never end
        too_large,
    };

    explicit InputError(const std::string& message) : Error(ErrorKind::io, message) {}
    /// `limit` is the size limit in bytes for too_large.
    InputError(Reason reason, const std::filesystem::path& path, std::uint64_t limit = 0);

    Reason reason() const noexcept { return reason_; }

  private:
    Reason reason_ = Reason::other;
};

/// A violation found at a place in a file. `line` is the 1-based physical line where the
/// record starts (the header is line 1 in CSV; a workbook's row number); 0 for the file as a
/// whole.
struct FileIssue {
    std::size_t line = 0;
    std::size_t record = 0;  // index into CaseFile::records; meaningless when line is 0
    Violation violation;
    std::string column;  // the column as written, when it is not a known field (else empty):
                         // cut, and invisible characters as their codes, so it is safe to print

    /// The column to name in a message: the unknown column as written, or the field's name.
    std::string_view column_name() const noexcept {
        return column.empty() ? ombuds::column_name(violation.field) : std::string_view(column);
    }
};

/// Whether a file issue refuses a record (an error on a record's line).
inline bool refuses_record(const FileIssue& issue) noexcept {
    return issue.violation.is_error() && issue.line > 0;
}

enum class TextEncoding : std::uint8_t { utf8, utf8_bom, windows_1252 };

/// How a file was written, so a file written back for the person who made it (a rejects file)
/// is written the same way.
struct FileLayout {
    char separator = ';';                        // CSV
    TextEncoding encoding = TextEncoding::utf8;  // CSV, JSON Lines
    std::string line_end = "\n";                 // CSV, JSON Lines: "\r\n", "\n" or "\r"
    std::string sheet;                           // a workbook: the sheet read
};

/// What a workbook's cell held, so it can be written back as the same kind of cell.
enum class CellKind : std::uint8_t { text, number, date, boolean };

/// One record's cells exactly as read (ReadOptions::keep_cells): CSV and workbooks the cells of
/// its row, in the order of CaseFile::header (a workbook's dates as `YYYY-MM-DD`); JSON Lines
/// one cell, the line. `kinds` is parallel to `cells` for a workbook, else empty.
struct RawRow {
    std::vector<std::string> cells;
    std::vector<CellKind> kinds;
};

/// What a file held: the records that could be parsed (also those with issues, so the
/// validator sees every row) and the issues found while reading.
struct CaseFile {
    std::string name;  // the file name as given, for messages
    FileFormat format = FileFormat::csv;
    std::vector<CaseRecord> records;
    std::vector<std::size_t> lines;   // the line each record starts on, parallel to records
    std::vector<FileIssue> issues;    // reading issues (format, unknown column, bad values)
    FieldSet columns;                 // the fields the file has columns (JSON Lines: keys) for
    bool unreadable = false;          // the file as a whole is not a case file (no records read)
    FileLayout layout;                // how it was written
    std::vector<std::string> header;  // CSV and workbooks: the header's cells as read
    std::vector<RawRow> rows;         // with ReadOptions::keep_cells: parallel to records
};

/// Limits against hostile or broken input: past one, the file is refused with a message instead
/// of exhausting memory or time.
struct ReadLimits {
    std::uint64_t max_file_bytes = std::uint64_t{1} << 30;
    // A workbook: the parts read, unpacked, together; the unpacked/packed ratio a part above
    // ratio_floor_bytes may have (a zip bomb has a far higher one); shared strings; the sheet.
    std::uint64_t max_unpacked_bytes = std::uint64_t{2} << 30;
    std::uint64_t max_ratio = 250;
    std::uint64_t ratio_floor_bytes = std::uint64_t{1} << 20;
    std::uint64_t max_strings = 16'000'000;
    std::uint64_t max_string_bytes = std::uint64_t{512} << 20;
    std::uint64_t max_rows = 1'048'576;  // Excel's own limits
    std::uint64_t max_columns = 16'384;
    std::uint64_t max_cells = 64'000'000;
};

struct ReadOptions {
    /// Force a format; by default a workbook is recognised by its content, `.jsonl`/`.ndjson`
    /// files are JSON Lines, others CSV.
    std::optional<FileFormat> format;
    /// A file of changes to stored cases (import --update): only the case id's column is
    /// required, the others may be left out.
    bool changes_only = false;
    /// Called on the reading thread after each batch of parsed records with the records parsed
    /// so far (`first` points at record 0, `count` of them are complete). Room for them is
    /// reserved before parsing starts, so these records never move while the file is read and
    /// until the returned CaseFile is destroyed: another thread may read them
    /// meanwhile. An import stores them while the rest of the file is still being parsed. (A
    /// workbook's records are handed over once, when the sheet has been read.)
    std::function<void(const CaseRecord* first, std::size_t count)> on_records;
    /// With `on_records`: a large CSV file is parsed while it is still being read, so its first
    /// records are handed over sooner. When the rest of the file turns out not to allow that
    /// (not UTF-8 after all, a control character, far more lines than its start promised, or
    /// grown while read), `on_restart` is called, the records handed over so far are void, and
    /// the file is read again from its start, whole. Without `on_restart`, a file is read whole
    /// before its first record is parsed.
    std::function<void()> on_restart;
    /// Records per call of `on_records`.
    std::size_t batch_size = 4096;
    /// A workbook's sheet to read, by name (any letter case); empty: the first visible sheet.
    std::string sheet;
    /// Keep each record's cells exactly as read in CaseFile::rows (for a rejects file). Off by
    /// default: it doubles the memory a large file takes.
    bool keep_cells = false;
    ReadLimits limits;
};

/// Reads a case file. Bad content (bad encoding, unknown column, binary junk, an unreadable
/// value, a damaged workbook) becomes issues; only a file that cannot be read at all throws
/// InputError: missing, unreadable, a directory, not a regular file (a FIFO, /dev/zero), or
/// larger than ReadLimits::max_file_bytes.
CaseFile read_case_file(const std::filesystem::path& path, const Configuration& config,
                        const ReadOptions& options = {});
/// The same into `file`, replacing what it held. Records handed to `options.on_records` live
/// as long as `file` does, even when reading ends in an exception.
void read_case_file(const std::filesystem::path& path, const Configuration& config,
                    const ReadOptions& options, CaseFile& file);
/// The same from bytes in memory; `name` is used in messages.
CaseFile read_case_text(std::string_view bytes, std::string_view name, const Configuration& config,
                        const ReadOptions& options = {});

/// A file's reading issues and the validator's violations of its records (one vector per
/// record, as Validator::validate_batch gives them) as one list in line order. A violation on a
/// field that could not be read in the same record is left out: a misspelt theme is one error
/// (theme.known, with its suggestion), not two (theme.known and theme.required).
std::vector<FileIssue> file_issues(const CaseFile& file,
                                   std::vector<std::vector<Violation>> validation);

/// How records are written as a case file.
struct WriteOptions {
    FileFormat format = FileFormat::csv;
    /// For Danish Excel: `;`, a byte order mark and CRLF (CSV), Danish headers, Danish labels
    /// (a code where its label would not read back as the same code), dates `DD-MM-YYYY`. A
    /// workbook always has date cells and text cells for ids and citizens.
    bool excel = false;
    /// The columns to write, in order; empty: every field.
    std::vector<Field> columns;
    /// Notes are written only when set (the insight export).
    bool with_notes = false;
};

/// Writes records as a case file that read_case_file reads back to the same records. `citizens`
/// (parallel to records, may be empty) gives the text written in the citizen column. CSV and
/// workbook cells that start like a formula get a leading `'` (detail/formula.hpp).
void write_case_file(std::ostream& out, const std::vector<CaseRecord>& records,
                     const Configuration& config, const WriteOptions& options,
                     const std::vector<std::string>& citizens = {});
/// The columns of an export: every field but the citizen (unless `with_citizen`) and the note
/// (unless `with_notes`). An export of ombuds never carries a citizen, so fed back with --update
/// it changes nothing (an empty citizen or note cell there would mean "clear").
std::vector<Field> export_columns(bool with_citizen, bool with_notes);
/// The same as export_columns(citizens given, with_notes) as `,`-separated CSV with codes and ISO
/// dates, or JSON Lines.
void write_case_file(std::ostream& out, FileFormat format, const std::vector<CaseRecord>& records,
                     const Configuration& config, const std::vector<std::string>& citizens = {},
                     bool with_notes = false);

}  // namespace ombuds
