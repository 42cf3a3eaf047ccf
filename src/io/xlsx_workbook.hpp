// SPDX-License-Identifier: MPL-2.0
// Writing Excel workbooks (over libxlsxwriter, which this header hides): sheets of tables with
// headers, number formats Danish Excel shows with its own separators (1.234; 12,5 %), date
// cells, native bar charts and drop-down lists (data validation). Used by the case-file writer,
// the template and the report's workbook. Text cells that start like a formula get a leading
// `'` (detail/formula.hpp), as in every file ombuds writes for people.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ombuds/date.hpp"

struct lxw_worksheet;

namespace ombuds::xlsx {

/// How a cell looks.
enum class Format : std::uint8_t {
    general,   // text or a number as it is
    header,    // bold, shaded: a table's header row
    title,     // bold, larger: a sheet's title
    text,      // the cell is text ("@"), so Excel keeps leading zeros of what is typed
    wrap,      // text wrapped in its cell
    date,      // DD-MM-YYYY
    integer,   // 1.234
    decimal1,  // 1.234,5
    percent1,  // 12,5 % (the value is a fraction: 0.125)
};

/// One cell's value: nothing, text, a number or a date.
using Value = std::variant<std::monostate, std::string, double, Date>;

struct Cell {
    Value value;
    Format format = Format::general;
};

/// A native bar chart over columns of a sheet: one series per value column, named by its
/// header, the categories from another column.
struct BarChart {
    std::string title;
    std::uint32_t header_row = 0;  // the row naming each series
    std::uint32_t first_row = 1;   // the data rows, inclusive
    std::uint32_t last_row = 1;
    std::uint16_t category_column = 0;
    std::vector<std::uint16_t> value_columns;
    std::uint32_t at_row = 0;  // the chart's top left corner
    std::uint16_t at_column = 0;
    bool horizontal = true;  // bars (long labels read well) or columns
};

class Workbook;

class Sheet {
  public:
    const std::string& name() const noexcept { return name_; }

    void write(std::uint32_t row, std::uint16_t column, const Cell& cell);
    void text(std::uint32_t row, std::uint16_t column, std::string_view text,
              Format format = Format::general);
    void number(std::uint32_t row, std::uint16_t column, double value,
                Format format = Format::integer);
    void date(std::uint32_t row, std::uint16_t column, Date value);

    /// Writes a table: the headers in `row`, each row of cells below; returns the next row.
    std::uint32_t table(std::uint32_t row, const std::vector<std::string>& headers,
                        const std::vector<std::vector<Cell>>& rows);

    /// Column widths (in characters), and the format of cells typed into them later.
    void columns(std::uint16_t first, std::uint16_t last, double width,
                 std::optional<Format> format = std::nullopt);
    /// A drop-down list on rows [first_row, last_row] of a column, from the values in
    /// `source_column` rows [source_first, source_last] of sheet `source`; anything else typed
    /// is refused with `error` shown.
    void list_validation(std::uint32_t first_row, std::uint32_t last_row, std::uint16_t column,
                         const Sheet& source, std::uint16_t source_column,
                         std::uint32_t source_first, std::uint32_t source_last,
                         const std::string& error);
    /// Only dates between 1800 and 2999 may be typed into rows [first_row, last_row].
    void date_validation(std::uint32_t first_row, std::uint32_t last_row, std::uint16_t column,
                         const std::string& error);
    void freeze_header_row();
    void autofilter(std::uint32_t last_row, std::uint16_t last_column);
    void hide();
    void bar_chart(const BarChart& chart);

  private:
    friend class Workbook;
    Sheet(Workbook& book, lxw_worksheet* sheet, std::string name)
        : book_(book), sheet_(sheet), name_(std::move(name)) {}
    Workbook& book_;
    lxw_worksheet* sheet_;
    std::string name_;
};

/// A workbook being written. close() gives its bytes; a workbook never closed leaves nothing.
class Workbook {
  public:
    Workbook();
    ~Workbook();
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;

    /// Adds a sheet; the name is made one Excel accepts (at most 31 characters, none of
    /// `[]:*?/\`) and unique.
    Sheet& add_sheet(std::string_view name);
    /// Writes the workbook and returns its bytes.
    std::string close();

  private:
    friend class Sheet;
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::vector<std::unique_ptr<Sheet>> sheets_;
};

/// A reference to cells for a formula: `'Sheet name'!$A$2:$A$10`.
std::string range_reference(std::string_view sheet, std::uint16_t column, std::uint32_t first_row,
                            std::uint32_t last_row);

}  // namespace ombuds::xlsx
