// SPDX-License-Identifier: MPL-2.0
// The report for people as sections of tables, charts and paragraphs of text, shared by the
// Markdown, CSV and HTML writers. Built from the disclosed report only: every cell is a figure's
// text (its value, the hidden symbol, or the no-figure dash).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ombuds/report.hpp"

namespace ombuds::report_detail {

struct TableRow {
    std::vector<std::string> cells;
    int depth = 0;       // in a tree (organisation)
    bool total = false;  // a total row ("I alt")
};

struct Table {
    std::string title;
    std::vector<std::string> header;
    std::vector<TableRow> rows;
};

struct Bar {
    std::string label;
    std::optional<std::uint64_t> value;  // none: hidden
    std::optional<std::uint64_t> compare;
};

struct Chart {
    std::string title;
    std::vector<Bar> bars;
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
/// The period, the comparison and the audience in one sentence.
std::string report_subtitle(const Report& report);
/// The ten sections of domain.md, "The report".
std::vector<Section> report_sections(const Report& report);

}  // namespace ombuds::report_detail
