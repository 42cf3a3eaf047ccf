// SPDX-License-Identifier: MPL-2.0
// The report for people: the sections of report_tables.hpp written as Markdown, CSV (as Danish
// spreadsheets read it) or one self-contained HTML page with SVG bar charts. Every text from
// the configuration is escaped for its format.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "ombuds/version.hpp"
#include "report/formatting.hpp"
#include "report/report_tables.hpp"

namespace ombuds {
namespace report_detail {
namespace {

/// At most `limit` bytes of `text`, cut at a character boundary, with an ellipsis when cut.
std::string shortened(const std::string& text, std::size_t limit) {
    if (text.size() <= limit) return text;
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end) + "…";
}

/// A horizontal bar chart; the comparison period as a thin grey bar under each bar.
std::string svg_chart(const Chart& chart, const Report& report) {
    if (chart.bars.empty()) return {};
    std::uint64_t max = 1;
    for (const auto& bar : chart.bars) {
        if (bar.value) max = std::max(max, *bar.value);
        if (bar.compare) max = std::max(max, *bar.compare);
    }
    const int label_width = 260, bar_width = 360, row_height = 26, top = 8;
    const int height = top + static_cast<int>(chart.bars.size()) * row_height + 8;
    std::ostringstream svg;
    bool comparing = std::any_of(chart.bars.begin(), chart.bars.end(),
                                 [](const Bar& b) { return b.compare.has_value(); });
    std::string legend = comparing ? tr(report, " (blå: perioden, grå: sammenligningsperioden)",
                                        " (blue: the period, grey: the comparison period)")
                                   : std::string();
    svg << "<figure><figcaption>" << html_escape(chart.title) << "<span class=\"legend\">"
        << html_escape(legend) << "</span></figcaption>\n"
        << "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\""
        << label_width + bar_width + 80 << "\" height=\"" << height << "\" viewBox=\"0 0 "
        << label_width + bar_width + 80 << ' ' << height << "\"><title>" << html_escape(chart.title)
        << "</title>\n";
    int y = top;
    auto width = [&](std::uint64_t value) {
        auto w = static_cast<int>(
            std::lround(static_cast<double>(value) / static_cast<double>(max) * bar_width));
        return std::max(w, 1);
    };
    for (const auto& bar : chart.bars) {
        svg << "<text x=\"" << label_width - 6 << "\" y=\"" << y + 15 << "\" text-anchor=\"end\">"
            << html_escape(shortened(bar.label, 38)) << "</text>";
        if (bar.value) {
            svg << "<rect class=\"bar\" x=\"" << label_width << "\" y=\"" << y + 2 << "\" width=\""
                << width(*bar.value) << "\" height=\"14\"/><text x=\""
                << label_width + width(*bar.value) + 4 << "\" y=\"" << y + 14 << "\">"
                << format_count(*bar.value, report.request.lang) << "</text>";
        } else {
            svg << "<text x=\"" << label_width << "\" y=\"" << y + 14 << "\">" << hidden_symbol
                << "</text>";
        }
        if (bar.compare) {
            svg << "<rect class=\"compare\" x=\"" << label_width << "\" y=\"" << y + 18
                << "\" width=\"" << width(*bar.compare) << "\" height=\"5\"/>";
        }
        svg << '\n';
        y += row_height;
    }
    svg << "</svg></figure>\n";
    return svg.str();
}

constexpr const char* page_style =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;max-width:60rem;"
    "margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}\n"
    "h1{font-size:1.7rem;border-bottom:3px solid #00558c;padding-bottom:.3rem}"
    "h2{color:#00558c;margin-top:2.2rem}h3{font-size:1.05rem}\n"
    "table{border-collapse:collapse;margin:.5rem 0 1.2rem;min-width:24rem}th,td{padding:.25rem "
    ".6rem;border-bottom:1px solid #d0d7de}th{background:#eef3f8;text-align:left}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "tr.total td{font-weight:600;border-top:2px solid #8c959f}figure{margin:1rem 0}"
    "figcaption{font-weight:600}svg text{font-size:12px;fill:#1b1b1b}rect.bar{fill:#00558c}"
    "rect.compare{fill:#9aa5b1}\n"
    "p.note{color:#57606a;font-size:.9rem}nav ul{columns:2;list-style:none;padding-left:0}"
    "figcaption .legend{font-weight:400;color:#57606a;font-size:.85rem}\n"
    "@media print{body{margin:0;max-width:none}h2{break-before:auto}table,figure{break-inside:"
    "avoid}nav{display:none}}\n";

}  // namespace

std::string render_markdown(const Report& report) {
    std::ostringstream md;
    md << "# " << md_escape(report_title(report)) << "\n\n"
       << md_escape(report_subtitle(report)) << "\n\n";
    if (auto note = hidden_note(report); !note.empty()) md << "_" << md_escape(note) << "_\n\n";
    for (const auto& section : report_sections(report)) {
        md << "## " << md_escape(section.title) << "\n\n";
        for (const auto& table : section.tables) {
            md << "### " << md_escape(table.title) << "\n\n";
            if (table.rows.empty()) {
                md << tr(report, "_Ingen sager._", "_No cases._") << "\n\n";
                continue;
            }
            md << '|';
            for (const auto& h : table.header) md << ' ' << md_escape(h) << " |";
            md << "\n|";
            for (std::size_t i = 0; i < table.header.size(); ++i) md << (i == 0 ? "---|" : "---:|");
            md << '\n';
            for (const auto& row : table.rows) {
                md << '|';
                for (std::size_t c = 0; c < row.cells.size(); ++c) {
                    std::string cell = md_escape(row.cells[c]);
                    if (c == 0 && row.depth > 0) {
                        // Non-breaking spaces keep the indentation in rendered Markdown.
                        std::string prefix;
                        for (int d = 0; d < row.depth; ++d) prefix += "\u00A0\u00A0\u00A0";
                        cell = prefix + "↳ " + cell;
                    }
                    md << ' ' << cell << " |";
                }
                md << '\n';
            }
            md << '\n';
        }
        for (const auto& paragraph : section.paragraphs) md << md_escape(paragraph) << "\n\n";
    }
    md << "---\n"
       << tr(report, "Udarbejdet med ombuds ", "Made with ombuds ") << OMBUDS_VERSION_STRING
       << ".\n";
    return md.str();
}

std::string render_csv(const Report& report) {
    // Danish spreadsheets: `;` between cells, decimal comma (already in the cells), a BOM so
    // Excel reads UTF-8, CRLF.
    std::ostringstream csv;
    csv << "\xEF\xBB\xBF" << csv_cell(report_title(report)) << "\r\n"
        << csv_cell(report_subtitle(report)) << "\r\n";
    if (auto note = hidden_note(report); !note.empty()) csv << csv_cell(note) << "\r\n";
    csv << "\r\n";
    for (const auto& section : report_sections(report)) {
        for (const auto& table : section.tables) {
            csv << csv_cell(section.title + " – " + table.title) << "\r\n";
            for (std::size_t i = 0; i < table.header.size(); ++i)
                csv << (i ? ";" : "") << csv_cell(table.header[i]);
            csv << "\r\n";
            for (const auto& row : table.rows) {
                for (std::size_t c = 0; c < row.cells.size(); ++c) {
                    std::string text = row.cells[c];
                    if (c == 0 && row.depth > 0)
                        text = std::string(static_cast<std::size_t>(row.depth) * 2, ' ') + text;
                    csv << (c ? ";" : "") << csv_cell(text);
                }
                csv << "\r\n";
            }
            csv << "\r\n";
        }
    }
    return csv.str();
}

std::string render_html(const Report& report) {
    std::ostringstream html;
    const bool da = report.request.lang == Lang::da;
    html << "<!DOCTYPE html>\n<html lang=\"" << (da ? "da" : "en")
         << "\">\n<head>\n<meta charset=\"utf-8\">\n"
         << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         << "<meta name=\"generator\" content=\"ombuds " << OMBUDS_VERSION_STRING << "\">\n"
         << "<title>" << html_escape(report_title(report)) << "</title>\n<style>\n"
         << page_style << "</style>\n</head>\n<body>\n<header><h1>"
         << html_escape(report_title(report)) << "</h1>\n<p>"
         << html_escape(report_subtitle(report)) << "</p>\n";
    if (auto note = hidden_note(report); !note.empty())
        html << "<p class=\"note\">" << html_escape(note) << "</p>\n";
    html << "</header>\n";
    auto sections = report_sections(report);
    html << "<nav><ul>";
    for (const auto& section : sections)
        html << "<li><a href=\"#" << section.id << "\">" << html_escape(section.title)
             << "</a></li>";
    html << "</ul></nav>\n<main>\n";
    for (const auto& section : sections) {
        html << "<section id=\"" << section.id << "\">\n<h2>" << html_escape(section.title)
             << "</h2>\n";
        for (const auto& chart : section.charts) html << svg_chart(chart, report);
        for (const auto& table : section.tables) {
            html << "<h3>" << html_escape(table.title) << "</h3>\n";
            if (table.rows.empty()) {
                html << "<p class=\"note\">" << (da ? "Ingen sager." : "No cases.") << "</p>\n";
                continue;
            }
            html << "<table>\n<thead><tr>";
            for (std::size_t i = 0; i < table.header.size(); ++i) {
                html << "<th" << (i ? " class=\"n\"" : "") << " scope=\"col\">"
                     << html_escape(table.header[i]) << "</th>";
            }
            html << "</tr></thead>\n<tbody>\n";
            for (const auto& row : table.rows) {
                html << (row.total ? "<tr class=\"total\">" : "<tr>");
                for (std::size_t c = 0; c < row.cells.size(); ++c) {
                    if (c == 0) {
                        html << "<th scope=\"row\" style=\"font-weight:"
                             << (row.depth == 0 ? 600 : 400)
                             << ";padding-left:" << 0.6 + 1.2 * row.depth << "rem\">"
                             << html_escape(row.cells[c]) << "</th>";
                    } else {
                        html << "<td class=\"n\">" << html_escape(row.cells[c]) << "</td>";
                    }
                }
                html << "</tr>\n";
            }
            html << "</tbody>\n</table>\n";
        }
        for (const auto& paragraph : section.paragraphs)
            html << "<p class=\"note\">" << html_escape(paragraph) << "</p>\n";
        html << "</section>\n";
    }
    html << "</main>\n<footer><p class=\"note\">"
         << (da ? "Udarbejdet med ombuds " : "Made with ombuds ") << OMBUDS_VERSION_STRING
         << ".</p></footer>\n</body>\n</html>\n";
    return html.str();
}

}  // namespace report_detail

std::string render_report(const Report& report, ReportFormat format) {
    switch (format) {
        case ReportFormat::json:
            return report_detail::render_json(report);
        case ReportFormat::md:
            return report_detail::render_markdown(report);
        case ReportFormat::csv:
            return report_detail::render_csv(report);
        case ReportFormat::html:
            return report_detail::render_html(report);
    }
    return report_detail::render_json(report);
}

std::string render_report(const Report& report, const Configuration&, ReportFormat format) {
    return render_report(report, format);
}

}  // namespace ombuds
