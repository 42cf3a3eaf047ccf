// SPDX-License-Identifier: MPL-2.0
// The report for people: the sections of report_tables.hpp written as Markdown, CSV (as Danish
// spreadsheets read it) or one self-contained HTML page with SVG charts (bars with labels that
// wrap and are never cut; lines over time). Every text from the configuration is escaped for its
// format.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "ombuds/version.hpp"
#include "report/formatting.hpp"
#include "report/report_tables.hpp"

namespace ombuds {
namespace report_detail {
namespace {

/// A label in lines of about `width` characters, broken at spaces only: never cut.
std::vector<std::string> wrapped(const std::string& text, std::size_t width) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t start = 0;
    auto characters = [](const std::string& s) {
        std::size_t n = 0;
        for (unsigned char c : s) n += (c & 0xC0) != 0x80;
        return n;
    };
    while (start <= text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        std::string word = text.substr(start, end - start);
        if (!line.empty() && characters(line) + 1 + characters(word) > width) {
            lines.push_back(line);
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        start = end + 1;
    }
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
}

std::size_t longest(const std::vector<std::string>& lines) {
    std::size_t most = 0;
    for (const auto& line : lines) {
        std::size_t n = 0;
        for (unsigned char c : line) n += (c & 0xC0) != 0x80;
        most = std::max(most, n);
    }
    return most;
}

std::string figure_open(const Chart& chart, const Report& report, const std::string& css_class,
                        int width, int height) {
    bool comparing = std::any_of(chart.bars.begin(), chart.bars.end(),
                                 [](const Bar& b) { return !b.compare.none(); });
    std::string legend;
    if (comparing) {
        legend = chart.over_time ? tr(report, " (blå: ", " (blue: ") + chart.value_name +
                                       tr(report, ", grå stiplet: ", ", grey dashed: ") +
                                       chart.compare_name + ")"
                                 : tr(report, " (blå: ", " (blue: ") + chart.value_name +
                                       tr(report, ", grå: ", ", grey: ") + chart.compare_name + ")";
    }
    std::ostringstream svg;
    svg << "<figure class=\"" << css_class << "\"><figcaption>" << html_escape(chart.title)
        << "<span class=\"legend\">" << html_escape(legend) << "</span></figcaption>\n"
        << "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" << width
        << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << ' ' << height << "\"><title>"
        << html_escape(chart.title) << "</title>\n";
    return svg.str();
}

std::string figure_close(const Chart& chart) {
    std::string out = "</svg>";
    if (!chart.note.empty()) out += "<p class=\"note\">" + html_escape(chart.note) + "</p>";
    return out + "</figure>\n";
}

/// A horizontal bar chart; the comparison period as a thin grey bar under each bar. Labels are
/// wrapped, never cut, and the label column is as wide as its longest line.
std::string svg_bars(const Chart& chart, const Report& report) {
    std::uint64_t max = 1;
    std::vector<std::vector<std::string>> labels;
    std::size_t widest = 0;
    for (const auto& bar : chart.bars) {
        max = std::max<std::uint64_t>(max, bar.value.value_or(0));
        max = std::max<std::uint64_t>(max, bar.compare.value_or(0));
        labels.push_back(wrapped(bar.label, 34));
        widest = std::max(widest, longest(labels.back()));
    }
    const int label_width = std::max(120, static_cast<int>(widest) * 7 + 16);
    const int bar_width = 360, line_height = 14, top = 8;
    auto row_height = [&](std::size_t lines) {
        return std::max(26, static_cast<int>(lines) * line_height + 12);
    };
    int height = top + 8;
    for (const auto& label : labels) height += row_height(label.size());
    std::ostringstream svg;
    svg << figure_open(chart, report, "bars", label_width + bar_width + 80, height);
    int y = top;
    auto width = [&](std::uint64_t value) {
        auto w = static_cast<int>(
            std::lround(static_cast<double>(value) / static_cast<double>(max) * bar_width));
        return std::max(w, 1);
    };
    for (std::size_t b = 0; b < chart.bars.size(); ++b) {
        const auto& bar = chart.bars[b];
        const int h = row_height(labels[b].size());
        const int middle = y + h / 2;
        int first_line = middle + 4 - static_cast<int>(labels[b].size() - 1) * line_height / 2;
        svg << "<text class=\"label\" x=\"" << label_width - 6 << "\" y=\"" << first_line
            << "\" text-anchor=\"end\">";
        for (std::size_t l = 0; l < labels[b].size(); ++l) {
            svg << "<tspan x=\"" << label_width - 6 << "\"" << (l ? " dy=\"14\"" : "") << ">"
                << html_escape(labels[b][l]) << "</tspan>";
        }
        svg << "</text>";
        if (bar.value.shown()) {
            const auto value = bar.value.value();
            svg << "<rect class=\"bar\" x=\"" << label_width << "\" y=\"" << middle - 9
                << "\" width=\"" << width(value) << "\" height=\"14\"/><text x=\""
                << label_width + width(value) + 4 << "\" y=\"" << middle + 3 << "\">"
                << format_count(value, report.request.lang) << "</text>";
        } else if (bar.value.is_hidden()) {
            svg << "<text x=\"" << label_width << "\" y=\"" << middle + 3 << "\">" << hidden_symbol
                << "</text>";
        }
        if (bar.compare.shown()) {
            svg << "<rect class=\"compare\" x=\"" << label_width << "\" y=\"" << middle + 7
                << "\" width=\"" << width(bar.compare.value()) << "\" height=\"5\"/>";
        }
        svg << '\n';
        y += h;
    }
    svg << figure_close(chart);
    return svg.str();
}

/// A line chart of points in time: the period as a blue line with its values, the comparison
/// period as a grey dashed one. A hidden point breaks the line and shows the hidden symbol.
std::string svg_lines(const Chart& chart, const Report& report) {
    std::uint64_t max = 1;
    std::size_t widest = 0;
    for (const auto& bar : chart.bars) {
        max = std::max<std::uint64_t>(max, bar.value.value_or(0));
        max = std::max<std::uint64_t>(max, bar.compare.value_or(0));
        widest = std::max(widest, longest({bar.label}));
    }
    const int left = 40, step = 56, plot_height = 200, top = 20;
    const int bottom = static_cast<int>(widest) * 5 + 24;  // labels turned 45 degrees
    const int width = left + step * static_cast<int>(chart.bars.size()) + 40;
    const int height = top + plot_height + bottom;
    auto x_of = [&](std::size_t i) { return left + step / 2 + step * static_cast<int>(i); };
    auto y_of = [&](std::uint64_t value) {
        return top + plot_height -
               static_cast<int>(std::lround(static_cast<double>(value) / static_cast<double>(max) *
                                            plot_height));
    };
    std::ostringstream svg;
    svg << figure_open(chart, report, "time-chart", width, height);
    svg << "<line class=\"axis\" x1=\"" << left << "\" y1=\"" << top + plot_height << "\" x2=\""
        << width - 20 << "\" y2=\"" << top + plot_height << "\"/>\n";
    auto series = [&](bool compare) {
        std::string points;
        auto flush = [&] {
            if (points.empty()) return;
            svg << "<polyline class=\"" << (compare ? "compare-line" : "line") << "\" points=\""
                << points << "\"/>\n";
            points.clear();
        };
        for (std::size_t i = 0; i < chart.bars.size(); ++i) {
            const auto& value = compare ? chart.bars[i].compare : chart.bars[i].value;
            if (!value.shown()) {
                flush();
                continue;
            }
            points += (points.empty() ? "" : " ") + std::to_string(x_of(i)) + "," +
                      std::to_string(y_of(value.value()));
        }
        flush();
    };
    if (std::any_of(chart.bars.begin(), chart.bars.end(),
                    [](const Bar& b) { return !b.compare.none(); }))
        series(true);
    series(false);
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const auto& bar = chart.bars[i];
        if (bar.value.shown()) {
            const auto value = bar.value.value();
            svg << "<circle class=\"point\" cx=\"" << x_of(i) << "\" cy=\"" << y_of(value)
                << "\" r=\"3\"/><text x=\"" << x_of(i) << "\" y=\"" << y_of(value) - 7
                << "\" text-anchor=\"middle\">" << format_count(value, report.request.lang)
                << "</text>";
        } else if (bar.value.is_hidden()) {
            svg << "<text x=\"" << x_of(i) << "\" y=\"" << top + plot_height - 4
                << "\" text-anchor=\"middle\">" << hidden_symbol << "</text>";
        }
        svg << "<text class=\"label\" transform=\"translate(" << x_of(i) << ","
            << top + plot_height + 14 << ") rotate(45)\">" << html_escape(bar.label) << "</text>\n";
    }
    svg << figure_close(chart);
    return svg.str();
}

std::string svg_chart(const Chart& chart, const Report& report) {
    if (chart.bars.empty()) return {};
    return chart.over_time ? svg_lines(chart, report) : svg_bars(chart, report);
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
    "rect.compare{fill:#9aa5b1}polyline.line{fill:none;stroke:#00558c;stroke-width:2}"
    "polyline.compare-line{fill:none;stroke:#9aa5b1;stroke-width:2;stroke-dasharray:5 4}"
    "circle.point{fill:#00558c}line.axis{stroke:#8c959f}\n"
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
                    std::string cell = md_escape(row.cells[c].text);
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
                    std::string text = row.cells[c].text;
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
                             << html_escape(row.cells[c].text) << "</th>";
                    } else {
                        html << "<td class=\"n\">" << html_escape(row.cells[c].text) << "</td>";
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
        case ReportFormat::xlsx:
            return report_detail::render_xlsx(report);
    }
    return report_detail::render_json(report);
}

std::string render_report(const Report& report, const Configuration&, ReportFormat format) {
    return render_report(report, format);
}

}  // namespace ombuds
