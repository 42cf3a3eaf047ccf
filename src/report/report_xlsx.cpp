// SPDX-License-Identifier: MPL-2.0
// The report as an Excel workbook (the case-file room's writer, io/xlsx_workbook.hpp): a front
// sheet with the title, the periods and the note on hidden figures, then a sheet per section
// with its tables as numbers in Danish number formats (1.234; 12,5 %) and its charts as native
// Excel charts over a block of chart data on the same sheet. A hidden figure is the one hidden
// symbol as text; a chart leaves a hidden value out (a gap, never a bar of zero) and marks its
// label with the symbol.
#include <algorithm>

#include "io/xlsx_workbook.hpp"
#include "report/formatting.hpp"
#include "report/report_tables.hpp"

namespace ombuds::report_detail {
namespace {

using xlsx::Cell;
using xlsx::Format;

/// A sheet's name: the section's number and a word or two, within Excel's 31 characters.
std::string sheet_name(const Section& section, Lang lang) {
    static const std::vector<std::tuple<std::string_view, std::string_view, std::string_view>>
        names = {{"volume", "1 Omfang", "1 Volume"},
                 {"organisation", "2 Organisation", "2 Organisation"},
                 {"themes", "3 Temaer", "3 Themes"},
                 {"actions", "4 Indsats", "4 Actions"},
                 {"rejections", "5 Afvisninger", "5 Rejections"},
                 {"complexity", "6 Kompleksitet", "6 Complexity"},
                 {"repeat_contact", "7 Gentagne henvendelser", "7 Repeat contact"},
                 {"time", "8 Svartider", "8 Response times"},
                 {"investigations", "9 Tilsynssager", "9 Investigations"},
                 {"staff", "10 Medarbejderhenvendelser", "10 Staff consultations"},
                 {"over_time", "11 Over tid", "11 Over time"},
                 {"complaints", "12 Klagerne", "12 Complaints"},
                 {"deadlines", "13 Frister", "13 Deadlines"}};
    for (const auto& [id, da, en] : names) {
        if (id == section.id) return std::string(lang == Lang::da ? da : en);
    }
    return section.title;
}

Cell cell_of(const TableCell& cell, int depth) {
    switch (cell.kind) {
        case TableCell::Kind::count:
        case TableCell::Kind::whole:
            return Cell{cell.number, Format::integer};
        case TableCell::Kind::percent:
            return Cell{cell.number, Format::percent1};
        case TableCell::Kind::decimal:
            return Cell{cell.number, Format::decimal1};
        case TableCell::Kind::text:
            break;
    }
    return Cell{std::string(static_cast<std::size_t>(depth) * 2, ' ') + cell.text, Format::general};
}

/// Writes a section's tables and paragraphs from `row`; returns the next free row and the
/// widest table's columns.
std::pair<std::uint32_t, std::uint16_t> write_tables(xlsx::Sheet& sheet, const Section& section,
                                                     std::uint32_t row, const Report& report) {
    std::uint16_t widest = 1;
    for (const auto& table : section.tables) {
        sheet.text(row++, 0, table.title, Format::title);
        if (table.rows.empty()) {
            sheet.text(row++, 0, tr(report, "Ingen sager.", "No cases."));
            ++row;
            continue;
        }
        std::vector<std::vector<Cell>> rows;
        for (const auto& table_row : table.rows) {
            std::vector<Cell> cells;
            for (std::size_t c = 0; c < table_row.cells.size(); ++c)
                cells.push_back(cell_of(table_row.cells[c], c == 0 ? table_row.depth : 0));
            rows.push_back(std::move(cells));
        }
        row = sheet.table(row, table.header, rows) + 1;
        widest = std::max<std::uint16_t>(widest, static_cast<std::uint16_t>(table.header.size()));
    }
    for (const auto& paragraph : section.paragraphs) sheet.text(row++, 0, paragraph);
    return {row + 1, widest};
}

/// A chart's data as a block of the sheet from `row`, and the native chart over it at `at`.
std::uint32_t write_chart(xlsx::Sheet& sheet, const Chart& chart, std::uint32_t row,
                          std::uint32_t at_row, std::uint16_t at_column, const Report& report) {
    const bool comparing = std::any_of(chart.bars.begin(), chart.bars.end(),
                                       [](const Bar& b) { return !b.compare.none(); });
    sheet.text(row++, 0, tr(report, "Data til diagrammet: ", "Data of the chart: ") + chart.title,
               Format::title);
    std::vector<std::string> header{
        "", chart.value_name.empty() ? tr(report, "Antal", "Count") : chart.value_name};
    if (comparing) header.push_back(chart.compare_name);
    const std::uint32_t header_row = row;
    std::vector<std::vector<Cell>> rows;
    auto value = [](const Count& v) {
        return v.shown() ? Cell{static_cast<double>(v.value()), Format::integer} : Cell{};
    };
    for (const auto& bar : chart.bars) {
        std::string label = bar.label;
        if (bar.value.is_hidden() || bar.compare.is_hidden())
            label += " (" + std::string(hidden_symbol) + ")";
        std::vector<Cell> cells{Cell{label, Format::general}, value(bar.value)};
        if (comparing) cells.push_back(value(bar.compare));
        rows.push_back(std::move(cells));
    }
    std::uint32_t next = sheet.table(row, header, rows);
    if (!chart.note.empty()) sheet.text(next++, 0, chart.note);
    xlsx::BarChart spec;
    spec.title = chart.title;
    spec.header_row = header_row;
    spec.first_row = header_row + 1;
    spec.last_row = header_row + static_cast<std::uint32_t>(chart.bars.size());
    spec.category_column = 0;
    spec.value_columns =
        comparing ? std::vector<std::uint16_t>{1, 2} : std::vector<std::uint16_t>{1};
    spec.at_row = at_row;
    spec.at_column = at_column;
    spec.horizontal = !chart.over_time;
    sheet.bar_chart(spec);
    return next + 1;
}

}  // namespace

std::string render_xlsx(const Report& report) {
    xlsx::Workbook book;
    auto sections = report_sections(report);
    auto& front = book.add_sheet(tr(report, "Rapport", "Report"));
    front.columns(0, 0, 100);
    std::uint32_t row = 0;
    front.text(row++, 0, report_title(report), Format::title);
    front.text(row++, 0, report_subtitle(report));
    if (auto note = hidden_note(report); !note.empty()) front.text(row++, 0, note, Format::wrap);
    ++row;
    front.text(row++, 0, tr(report, "Afsnit (et ark hver)", "Sections (a sheet each)"),
               Format::header);
    for (const auto& section : sections) front.text(row++, 0, section.title);

    for (const auto& section : sections) {
        auto& sheet = book.add_sheet(sheet_name(section, report.request.lang));
        sheet.columns(0, 0, 44);
        sheet.columns(1, 7, 14);
        sheet.text(0, 0, section.title, Format::title);
        auto [next, widest] = write_tables(sheet, section, 2, report);
        // The charts stand to the right of the tables, their data below them.
        const auto chart_column = static_cast<std::uint16_t>(widest + 1);
        std::uint32_t chart_row = 2;
        for (const auto& chart : section.charts) {
            if (chart.bars.empty()) continue;
            next = write_chart(sheet, chart, next, chart_row, chart_column, report);
            chart_row += 20;
        }
    }
    return book.close();
}

}  // namespace ombuds::report_detail
