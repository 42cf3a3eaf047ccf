// SPDX-License-Identifier: MPL-2.0
// `ombuds table` written out: JSON (schema ombuds.table/1, interfaces.md), Markdown, CSV for
// Danish spreadsheets, or a workbook. A hidden figure is null in JSON (with true in
// "suppressed"), the one hidden symbol elsewhere, explained in a note.
#include <nlohmann/json.hpp>
#include <sstream>

#include "io/xlsx_workbook.hpp"
#include "ombuds/table.hpp"
#include "ombuds/version.hpp"
#include "report/formatting.hpp"
#include "report/table_axes.hpp"

namespace ombuds {
namespace {

using nlohmann::ordered_json;
using report_detail::dimension_label;

std::string tr(const CountTable& table, std::string_view da, std::string_view en) {
    return std::string(table.request.lang == Lang::da ? da : en);
}

ordered_json figure_json(const Count& figure) {
    return figure.shown() ? ordered_json(figure.value()) : ordered_json();
}

std::string render_json(const CountTable& table) {
    const auto& request = table.request;
    ordered_json root;
    root["schema"] = "ombuds.table/1";
    root["period"] = {{"from", request.period.from.iso()},
                      {"to", request.period.to.iso()},
                      {"name", report_detail::period_name(request.period, request.lang)}};
    root["audience"] = audience_code(request.audience);
    if (request.audience != Audience::advisor) root["min_count"] = table.threshold;
    root["organisation_name"] = table.organisation_name;
    root["rows"] = dimension_text(request.rows);
    root["cols"] = request.cols ? ordered_json(dimension_text(*request.cols)) : ordered_json();
    ordered_json where = ordered_json::object();
    for (const auto& filter : request.where) {
        auto& values = where[dimension_text(filter.dimension)];
        if (values.is_null()) values = ordered_json::array();
        for (const auto& value : filter.values) values.push_back(value);
    }
    root["where"] = std::move(where);
    auto codes = [](const std::vector<std::string>& list) {
        ordered_json out = ordered_json::array();
        for (const auto& code : list)
            out.push_back(code.empty() ? ordered_json() : ordered_json(code));
        return out;
    };
    root["row_codes"] = codes(table.row_codes);
    root["row_labels"] = table.row_labels;
    root["col_codes"] = codes(table.col_codes);
    root["col_labels"] = table.col_labels;
    ordered_json cells = ordered_json::array(), suppressed = ordered_json::array();
    for (const auto& row : table.cells) {
        ordered_json values = ordered_json::array(), hidden = ordered_json::array();
        for (const auto& cell : row) {
            values.push_back(figure_json(cell));
            hidden.push_back(cell.is_hidden());
        }
        cells.push_back(std::move(values));
        suppressed.push_back(std::move(hidden));
    }
    root["cells"] = std::move(cells);
    ordered_json row_totals = ordered_json::array(), col_totals = ordered_json::array();
    for (const auto& figure : table.row_totals) row_totals.push_back(figure_json(figure));
    for (const auto& figure : table.col_totals) col_totals.push_back(figure_json(figure));
    root["row_totals"] = std::move(row_totals);
    root["col_totals"] = std::move(col_totals);
    root["total"] = figure_json(table.total);
    root["suppressed"] = std::move(suppressed);
    return root.dump(2) + "\n";
}

/// The table as rows of text: the header, the rows with their totals, the totals row.
struct TextTable {
    std::string title, subtitle, note;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

std::string cell_text(const Count& figure, Lang lang) {
    return report_detail::text(figure, lang);
}

TextTable text_table(const CountTable& table) {
    const auto& request = table.request;
    const auto lang = request.lang;
    TextTable out;
    out.title = tr(table, "Optælling: ", "Count: ") + dimension_label(request.rows, lang);
    if (request.cols) out.title += " × " + dimension_label(*request.cols, lang);
    out.title += " – " + table.organisation_name;
    out.subtitle =
        tr(table, "Periode: ", "Period: ") + report_detail::period_text(request.period, lang);
    for (const auto& filter : request.where) {
        out.subtitle += "; " + dimension_label(filter.dimension, lang) + " = ";
        for (std::size_t v = 0; v < filter.values.size(); ++v)
            out.subtitle += (v ? tr(table, " eller ", " or ") : "") + filter.values[v];
    }
    out.subtitle += ".";
    if (table.any_hidden) {
        out.note =
            tr(table, "Et tal vist som ", "A figure shown as ") +
            std::string(report_detail::hidden_symbol) +
            tr(table,
               " er skjult, så ingen kan regne en optælling fra 1 til " +
                   std::to_string(table.threshold - 1) + " ud af tabellen.",
               " is hidden so that no count from 1 to " + std::to_string(table.threshold - 1) +
                   " can be worked out from the table.");
    }
    out.header.push_back(dimension_label(request.rows, lang));
    if (request.cols) {
        for (const auto& label : table.col_labels) out.header.push_back(label);
        out.header.push_back(tr(table, "I alt", "Total"));
    } else {
        out.header.push_back(tr(table, "Antal", "Count"));
    }
    for (std::size_t r = 0; r < table.cells.size(); ++r) {
        std::vector<std::string> row{table.row_labels[r]};
        for (const auto& cell : table.cells[r]) row.push_back(cell_text(cell, lang));
        if (request.cols) row.push_back(cell_text(table.row_totals[r], lang));
        out.rows.push_back(std::move(row));
    }
    std::vector<std::string> totals{tr(table, "I alt", "Total")};
    for (const auto& figure : table.col_totals) totals.push_back(cell_text(figure, lang));
    totals.push_back(cell_text(table.total, lang));
    out.rows.push_back(std::move(totals));
    return out;
}

std::string render_markdown(const CountTable& table) {
    auto text = text_table(table);
    std::ostringstream md;
    md << "# " << report_detail::md_escape(text.title) << "\n\n"
       << report_detail::md_escape(text.subtitle) << "\n\n";
    if (!text.note.empty()) md << "_" << report_detail::md_escape(text.note) << "_\n\n";
    md << '|';
    for (const auto& h : text.header) md << ' ' << report_detail::md_escape(h) << " |";
    md << "\n|";
    for (std::size_t i = 0; i < text.header.size(); ++i) md << (i == 0 ? "---|" : "---:|");
    md << '\n';
    for (const auto& row : text.rows) {
        md << '|';
        for (const auto& cell : row) md << ' ' << report_detail::md_escape(cell) << " |";
        md << '\n';
    }
    return md.str();
}

std::string render_csv(const CountTable& table) {
    auto text = text_table(table);
    std::ostringstream csv;
    csv << "\xEF\xBB\xBF" << report_detail::csv_cell(text.title) << "\r\n"
        << report_detail::csv_cell(text.subtitle) << "\r\n";
    if (!text.note.empty()) csv << report_detail::csv_cell(text.note) << "\r\n";
    csv << "\r\n";
    auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t c = 0; c < cells.size(); ++c)
            csv << (c ? ";" : "") << report_detail::csv_cell(cells[c]);
        csv << "\r\n";
    };
    line(text.header);
    for (const auto& row : text.rows) line(row);
    return csv.str();
}

std::string render_xlsx(const CountTable& table) {
    auto text = text_table(table);
    xlsx::Workbook book;
    auto& sheet = book.add_sheet(tr(table, "Tabel", "Table"));
    sheet.columns(0, 0, 40);
    sheet.columns(1, static_cast<std::uint16_t>(std::max<std::size_t>(1, text.header.size())), 14);
    std::uint32_t row = 0;
    sheet.text(row++, 0, text.title, xlsx::Format::title);
    sheet.text(row++, 0, text.subtitle);
    if (!text.note.empty()) sheet.text(row++, 0, text.note);
    ++row;
    auto cell = [](const Count& figure) {
        if (figure.shown())
            return xlsx::Cell{static_cast<double>(figure.value()), xlsx::Format::integer};
        return xlsx::Cell{std::string(figure.is_hidden() ? report_detail::hidden_symbol
                                                         : report_detail::no_figure),
                          xlsx::Format::general};
    };
    std::vector<std::vector<xlsx::Cell>> rows;
    for (std::size_t r = 0; r < table.cells.size(); ++r) {
        std::vector<xlsx::Cell> cells{xlsx::Cell{table.row_labels[r], xlsx::Format::general}};
        for (const auto& figure : table.cells[r]) cells.push_back(cell(figure));
        if (table.request.cols) cells.push_back(cell(table.row_totals[r]));
        rows.push_back(std::move(cells));
    }
    std::vector<xlsx::Cell> totals{xlsx::Cell{tr(table, "I alt", "Total"), xlsx::Format::general}};
    for (const auto& figure : table.col_totals) totals.push_back(cell(figure));
    totals.push_back(cell(table.total));
    rows.push_back(std::move(totals));
    sheet.table(row, text.header, rows);
    sheet.text(row + static_cast<std::uint32_t>(rows.size()) + 2, 0,
               tr(table, "Udarbejdet med ombuds ", "Made with ombuds ") + OMBUDS_VERSION_STRING);
    return book.close();
}

}  // namespace

std::string render_table(const CountTable& table, TableFormat format) {
    switch (format) {
        case TableFormat::json:
            return render_json(table);
        case TableFormat::md:
            return render_markdown(table);
        case TableFormat::csv:
            return render_csv(table);
        case TableFormat::xlsx:
            return render_xlsx(table);
    }
    return render_json(table);
}

}  // namespace ombuds
