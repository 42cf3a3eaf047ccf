// SPDX-License-Identifier: MPL-2.0
// Any count by one or two dimensions (domain.md, "The report": unit at a level, area, theme,
// theme group, kind, role, action, resolution, administration response, rejection reason, legal
// basis, KLE subject, channel, contact, origin, month, quarter, year) with filters, row and column
// totals: `ombuds table`, ombuds_table and Database.table. One pass over the columns, the filters
// tests in it; for an audience outside the office the table goes through disclosure control as
// the report does. Needs the compiled library.
//
//   TableRequest request;
//   request.rows = *parse_dimension("unit:2");
//   request.cols = parse_dimension("theme_group");
//   request.where = {parse_filter("kind=complaint")};
//   std::string csv = render_table(compute_table(columns, config, request), TableFormat::csv);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ombuds/report.hpp"

namespace ombuds {

enum class Dimension : std::uint8_t {
    kind,
    role,
    area,
    unit,
    theme,
    theme_group,
    action,
    resolution,
    admin_response,
    rejection_reason,
    legal_basis,
    kle,
    channel,
    contact,
    origin,
    month,
    quarter,
    year,
};

/// A dimension with its level: `unit:2` (0, plain `unit`: the unit a case names), `kle:1` or
/// `kle:2` (plain `kle`: two levels).
struct DimensionSpec {
    Dimension dimension = Dimension::kind;
    int level = 0;
    friend bool operator==(const DimensionSpec&, const DimensionSpec&) = default;
};

/// Reads "kind", "unit:2", "kle:1", ...; none for anything else.
std::optional<DimensionSpec> parse_dimension(std::string_view text);
/// The dimension as written ("unit:2").
std::string dimension_text(DimensionSpec spec);
/// Every dimension's name, for messages ("kind, role, area, unit, unit:N, ...").
std::string dimension_names();

/// Only the cases whose value of `dimension` is one of `values` (codes, or labels). For the
/// organisation a value names a node and takes the nodes below it too; for KLE a subject of one
/// or two levels (`27`, `27.24`); for time `2025-03`, `2025-Q1` or `2025`.
struct TableFilter {
    DimensionSpec dimension;
    std::vector<std::string> values;
};

/// Reads "kind=complaint" or "theme=no_reply,hearing"; throws ReportRequestError (Danish and
/// English) naming what is wrong.
TableFilter parse_filter(std::string_view text);

enum class TableFormat : std::uint8_t { json, md, csv, xlsx };
std::optional<TableFormat> parse_table_format(std::string_view text);

struct TableRequest {
    DimensionSpec rows;
    std::optional<DimensionSpec> cols;
    std::vector<TableFilter> where;
    Period period{Date::first(), Date::first()};
    Audience audience = Audience::advisor;
    Lang lang = Lang::da;
    std::optional<int> min_count;  // as ReportRequest's
    KleTitles kle_titles;          // labels of KLE subjects
};

/// A table as its reader gets it: every cell and total shown or hidden. Rows and columns with
/// no case are left out; the cases that name no value are a row (column) of their own, with an
/// empty code. Without `cols` each row has one cell.
struct CountTable {
    TableRequest request;
    int threshold = 5;
    bool any_hidden = false;
    std::string organisation_name;
    std::vector<std::string> row_codes, row_labels, col_codes, col_labels;
    std::vector<std::vector<Count>> cells;  // [row][column]
    std::vector<Count> row_totals, col_totals;
    Count total;
};

/// Counts, and discloses for the request's audience. Throws ReportRequestError for a threshold
/// below 3, a filter value that names nothing, or a dimension used twice.
CountTable compute_table(const CaseColumns& cases, const Configuration& config,
                         const TableRequest& request);

/// Formats a table (interfaces.md: schema ombuds.table/1 for json); for xlsx the string holds the
/// workbook's bytes.
std::string render_table(const CountTable& table, TableFormat format);

}  // namespace ombuds
