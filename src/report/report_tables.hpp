// SPDX-License-Identifier: MPL-2.0
// The report for people as sections of tables, charts and paragraphs of text, shared by the
// Markdown, CSV, HTML and workbook writers. Built from the disclosed report only: every cell is
// a figure's text (its value, the hidden symbol, or the no-figure dash) and, for a spreadsheet,
// the number it shows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ombuds/report.hpp"

namespace ombuds::report_detail {

/// One cell of a table: its text and, when it shows a number, that number and how to show it.
struct TableCell {
    enum class Kind : std::uint8_t { text, count, percent, decimal, whole };
    std::string text;
    Kind kind = Kind::text;
    double number = 0;  // a percentage as a fraction (0.125 for 12,5 %)

    TableCell() = default;
    TableCell(std::string value) : text(std::move(value)) {}  // NOLINT: a label is a cell
    TableCell(const char* value) : text(value) {}             // NOLINT
    TableCell(std::string value, Kind of, double n) : text(std::move(value)), kind(of), number(n) {}
    bool is_number() const noexcept { return kind != Kind::text; }
};

struct TableRow {
    std::vector<TableCell> cells;
    int depth = 0;       // in a tree (organisation)
    bool total = false;  // a total row ("I alt")
};

struct Table {
    std::string title;
    std::vector<std::string> header;
    std::vector<TableRow> rows;
};

/// A bar, or a point in time: the period's figure and the comparison period's (none when the
/// chart has no comparison, or no such month).
struct Bar {
    std::string label;
    Count value;
    Count compare;
};

struct Chart {
    std::string title;
    std::vector<Bar> bars;
    /// Points in time (months or quarters): drawn as lines, the period and the comparison.
    bool over_time = false;
    std::string value_name, compare_name;  // the periods' names, for the legend
    std::string note;                      // what a pooled bar holds
};

struct Section {
    std::string id;
    std::string title;
    std::vector<std::string> paragraphs;
    std::vector<Table> tables;
    std::vector<Chart> charts;
};

/// The title line of the report.
std::string report_title(const Report& report);
/// The period, the comparison, the scope and the audience in one sentence.
std::string report_subtitle(const Report& report);
/// The thirteen sections of domain.md, "The report".
std::vector<Section> report_sections(const Report& report);

}  // namespace ombuds::report_detail
