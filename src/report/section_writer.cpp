// SPDX-License-Identifier: MPL-2.0
// The shared parts of the sections: cells of figures, lists, theme tables and charts.
#include "report/section_writer.hpp"

namespace ombuds::report_detail {

TableCell SectionWriter::cell(const Count& figure) const {
    if (!figure.shown()) return TableCell(text(figure, lang));
    return {format_count(figure.value(), lang), TableCell::Kind::count,
            static_cast<double>(figure.value())};
}

TableCell SectionWriter::cell(const Tenths& figure) const {
    if (!figure.shown()) return TableCell(text(figure, lang));
    return {text(figure, lang), TableCell::Kind::percent, figure.value() / 1000.0};
}

TableCell SectionWriter::cell(const Decimal& figure) const {
    if (!figure.shown()) return TableCell(text(figure, lang));
    return {text(figure, lang), TableCell::Kind::decimal, figure.value()};
}

TableCell SectionWriter::signed_cell(const Whole& figure, std::string_view unit) const {
    if (figure.is_hidden()) return TableCell(std::string(hidden_symbol));
    if (figure.none()) return TableCell(std::string(no_figure));
    return {format_signed(figure.value(), lang) + std::string(unit), TableCell::Kind::whole,
            static_cast<double>(figure.value())};
}

Table SectionWriter::list_table(const std::string& title, const std::string& first_column,
                                const CountList& list) const {
    const bool beside = comparing && list.compared;
    Table table{
        title, {first_column, beside ? period : t("Antal", "Count"), t("Andel", "Share")}, {}};
    if (beside) table.header.push_back(compare);
    for (const auto& line : list.lines) {
        TableRow row{{line.label, cell(line.count), cell(line.pct)}};
        if (beside) row.cells.push_back(cell(line.compare_count));
        table.rows.push_back(std::move(row));
    }
    if (!list.lines.empty()) {
        // The shares of a list add up to 100 whenever its total is shown.
        Tenths all = list.total.shown() ? Tenths::of(1000) : Tenths::hidden();
        TableRow row{{t("I alt", "Total"), cell(list.total), cell(all)}, 0, true};
        if (beside) row.cells.push_back(cell(list.compare_total));
        table.rows.push_back(std::move(row));
    }
    return table;
}

Table SectionWriter::theme_table(const std::string& title,
                                 const std::vector<ThemeLine>& lines) const {
    Table table{title, {"#", t("Tema", "Theme"), comparing ? period : t("Antal", "Count")}, {}};
    if (comparing) {
        table.header.push_back(compare);
        table.header.push_back(t("Forskel", "Difference"));
        table.header.push_back(t("Forskel i %", "Change %"));
    }
    for (const auto& line : lines) {
        TableCell rank = line.rank.shown()
                             ? TableCell(std::to_string(line.rank.value()), TableCell::Kind::whole,
                                         static_cast<double>(line.rank.value()))
                             : TableCell(std::string(hidden_symbol));
        TableRow row{{rank, line.label, cell(line.count)}};
        if (comparing) {
            row.cells.push_back(cell(line.compare_count));
            row.cells.push_back(signed_cell(line.diff, ""));
            row.cells.push_back(line.is_new ? TableCell(t("ny", "new"))
                                            : signed_cell(line.diff_pct, " %"));
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

Table SectionWriter::group_table(const std::string& title,
                                 const std::vector<GroupLine>& lines) const {
    Table table{
        title, {t("Temagruppe", "Theme group"), comparing ? period : t("Antal", "Count")}, {}};
    if (comparing) table.header.push_back(compare);
    for (const auto& line : lines) {
        TableRow row{{line.label, cell(line.count)}};
        if (comparing) row.cells.push_back(cell(line.compare_count));
        table.rows.push_back(std::move(row));
    }
    return table;
}

Chart SectionWriter::theme_chart(const std::string& title, const std::vector<ThemeLine>& lines,
                                 const ThemeChart& chart) const {
    Chart out{title, {}, false, period, compare, {}};
    for (auto i : chart.lines) {
        const auto& line = lines.at(i);
        out.bars.push_back(Bar{line.label, line.count, comparing ? line.compare_count : Count()});
    }
    if (chart.pooled_themes == 0) return out;
    const auto n = std::to_string(chart.pooled_themes);
    out.bars.push_back(Bar{t("Andre (", "Others (") + n + t(" temaer)", " themes)"), chart.pooled,
                           comparing ? chart.compare_pooled : Count()});
    out.note = t("\"Andre\" samler de ", "\"Others\" pools the ") + n +
               t(" temaer, der ikke vises hver for sig", " themes not shown on their own");
    if (chart.other_pooled) out.note += t(", herunder \"Andet\"", ", \"Other\" among them");
    out.note += ".";
    return out;
}

}  // namespace ombuds::report_detail
