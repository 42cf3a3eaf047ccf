// SPDX-License-Identifier: MPL-2.0
// From rows of cells to the records of a case file: the header names the columns, each row
// after it becomes one record. Shared by the CSV and the workbook reader, so both read the same
// headers, cells and values the same way; JSON Lines adds its records here too.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ombuds/case_file.hpp"

namespace ombuds::io {

/// The column `ombuds import --skip-invalid` adds to its rejects file; read back, it is ignored.
inline constexpr std::string_view reason_column = "ombuds_reason";

class RecordBuilder {
  public:
    RecordBuilder(CaseFile& file, const Configuration& config, const ReadOptions& options)
        : file_(file), config_(config), options_(options) {}

    /// Reports an issue of the file (line 0) or of a line that is no record.
    void file_issue(std::size_t line, Rule rule, Field field, Hint hint, std::string detail = {},
                    std::string suggestion = {}, std::string column = {});

    /// Reads the header row: every column must be a known field, once, and the required ones
    /// must be there. False (with issues, the file unreadable) otherwise.
    bool header(std::span<const std::string_view> cells);

    /// How many columns the header has.
    std::size_t width() const noexcept { return column_field_.size(); }
    /// The field a column holds, if any.
    std::optional<Field> field_of_column(std::size_t column) const noexcept {
        if (column >= column_field_.size() || column_field_[column] >= field_count) return {};
        return static_cast<Field>(column_field_[column]);
    }

    /// One row after the header. A blank row is skipped (unless `unterminated`); any other
    /// becomes a record starting on `line`. `kinds` (a workbook's, parallel to cells) is kept
    /// with the cells when ReadOptions::keep_cells is set.
    void row(std::span<const std::string_view> cells, std::size_t line, bool unterminated = false,
             std::span<const CellKind> kinds = {});

    /// Parses one record's values and keeps it with its line.
    void add_record(const FieldValues& values, std::size_t line);

    /// Hands the records parsed so far to `on_records`.
    void publish();

    std::size_t record_count() const noexcept { return file_.records.size(); }
    CaseFile& file() noexcept { return file_; }
    const ReadOptions& options() const noexcept { return options_; }

  private:
    static constexpr std::size_t ignored = static_cast<std::size_t>(-1);
    static constexpr std::size_t skipped = static_cast<std::size_t>(-2);

    CaseFile& file_;
    const Configuration& config_;
    const ReadOptions& options_;
    std::vector<std::size_t> column_field_;  // per column: a Field, ignored or skipped
    std::vector<Violation> violations_;
    std::size_t published_ = 0;
};

/// The known header nearest to an unknown one, as it is written ("Modtaget" for "Modtagt").
std::optional<std::string> suggest_header(std::string_view name);

}  // namespace ombuds::io
