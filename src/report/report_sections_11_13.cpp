// SPDX-License-Identifier: MPL-2.0
// Sections 11-13 of the report as tables and charts: the cases over time, the complaints' own
// themes (seed 003, "Hvad handler klagerne om?") and the deadline table by KLE subject and unit
// (seed 004). From the disclosed report only.
#include <algorithm>

#include "report/report_tables.hpp"
#include "report/section_writer.hpp"

namespace ombuds::report_detail {
namespace {

Table time_table(const SectionWriter& w, const std::string& name, const std::vector<TimeLine>& rows,
                 Interval interval) {
    Table table{w.t("Sager efter ", "Cases by ") +
                    (interval == Interval::month ? w.t("måned, ", "month, ")
                                                 : w.t("kvartal, ", "quarter, ")) +
                    name,
                {interval == Interval::month ? w.t("Måned", "Month") : w.t("Kvartal", "Quarter")},
                {}};
    for (std::size_t k = 0; k < 4; ++k)
        table.header.emplace_back(label(static_cast<Kind>(k), w.lang));
    table.header.push_back(w.t("I alt", "Total"));
    for (const auto& row : rows) {
        TableRow line{{row.label}};
        for (const auto& figure : row.by_kind) line.cells.push_back(w.cell(figure));
        line.cells.push_back(w.cell(row.total));
        table.rows.push_back(std::move(line));
    }
    return table;
}

}  // namespace

Section over_time_section(const SectionWriter& w) {
    const auto& over_time = w.report.over_time;
    const bool months = over_time.interval == Interval::month;
    Section s{"over_time", w.t("11. Udvikling over tid", "11. Over time"), {}, {}, {}};
    Chart chart{months ? w.t("Sager pr. måned", "Cases per month")
                       : w.t("Sager pr. kvartal", "Cases per quarter"),
                {},
                true,
                w.period,
                w.compare,
                {}};
    const auto* compare = over_time.compare_rows ? &*over_time.compare_rows : nullptr;
    const std::size_t points = std::max(over_time.rows.size(), compare ? compare->size() : 0);
    for (std::size_t i = 0; i < points; ++i) {
        Bar bar;
        if (i < over_time.rows.size()) {
            bar.label = over_time.rows[i].label;
            bar.value = (over_time.rows[i].total);
        }
        if (compare && i < compare->size()) {
            if (bar.label.empty()) bar.label = (*compare)[i].label;
            bar.compare = ((*compare)[i].total);
        }
        chart.bars.push_back(std::move(bar));
    }
    s.charts.push_back(std::move(chart));
    s.tables.push_back(time_table(w, w.period, over_time.rows, over_time.interval));
    if (compare) s.tables.push_back(time_table(w, w.compare, *compare, over_time.interval));
    s.paragraphs.push_back(
        months ? w.t("Sagerne er talt efter den måned, de er modtaget i. Den første og den sidste "
                     "måned tæller kun periodens dage.",
                     "Cases are counted by the month they were received in. The first and the "
                     "last month count the period's days only.")
               : w.t("Perioden er længere end 18 måneder, så sagerne er talt pr. kvartal.",
                     "The period is longer than 18 months, so cases are counted per quarter."));
    return s;
}

Section complaints_section(const SectionWriter& w) {
    const auto& report = w.report;
    Section s{"complaints",
              w.t("12. Hvad handler klagerne om?", "12. What are the complaints about?"),
              {},
              {},
              {}};
    s.charts.push_back(
        w.theme_chart(w.t("Klagernes største temaer", "The complaints' largest themes"),
                      report.complaint_themes, report.complaint_theme_chart));
    s.tables.push_back(
        w.theme_table(w.t("Klagernes temaer efter antal", "Complaints' themes by count"),
                      report.complaint_themes));
    s.tables.push_back(w.group_table(w.t("Klagernes temagrupper", "Complaints' theme groups"),
                                     report.complaint_theme_groups));
    s.paragraphs.push_back(
        w.t("Kun klager (hovedsager og følgesager). Indsats og afvisninger står med "
            "sammenligningsperioden i afsnit 4 og 5.",
            "Complaints only (main and follow-up cases). Actions and rejections are shown beside "
            "the comparison period in sections 4 and 5."));
    return s;
}

Section deadlines_section(const SectionWriter& w) {
    const auto& report = w.report;
    Section s{"deadlines",
              w.t("13. Overskredne frister og lang sagsbehandling",
                  "13. Deadlines exceeded and slow processing"),
              {},
              {},
              {}};
    Table table{
        w.t("Sager efter KLE-emne og enhed, ", "Cases by KLE subject and unit, ") + w.period,
        {w.t("KLE-emne", "KLE subject"), w.t("Enhed", "Unit"), w.t("Tema", "Theme"),
         w.t("Antal", "Count")},
        {}};
    auto subject = [&](const std::string& kle, const std::string& title) {
        if (kle.empty()) return w.t("Uden KLE-nummer", "No KLE number");
        return title.empty() ? kle : kle + " " + title;
    };
    bool untitled = false;
    std::size_t total = 0;
    for (std::size_t i = 0; i < report.deadlines.size(); ++i) {
        const auto& line = report.deadlines[i];
        untitled |= !line.kle.empty() && line.kle_title.empty();
        table.rows.push_back({{subject(line.kle, line.kle_title), line.unit_label, line.theme_label,
                               w.cell(line.count)}});
        bool last = i + 1 == report.deadlines.size() || report.deadlines[i + 1].kle != line.kle;
        if (last && total < report.deadline_totals.size()) {
            const auto& sum = report.deadline_totals[total++];
            table.rows.push_back({{w.t("I alt ", "Total ") + subject(sum.kle, sum.kle_title), "",
                                   "", w.cell(sum.count)},
                                  0,
                                  true});
        }
    }
    s.tables.push_back(std::move(table));
    s.paragraphs.push_back(
        w.t("Sager om overskridelse af sagsbehandlingsfrister og langsommelig sagsbehandling, "
            "efter sagens KLE-emne (de to første niveauer) og enhed.",
            "Cases on deadlines exceeded and slow processing, by the case's KLE subject (the "
            "first two levels) and unit."));
    if (untitled) {
        s.paragraphs.push_back(
            w.t("KL's emneplan følger ikke med ombuds: giv kontorets egne KLE-titler med --kle.",
                "KL's subject plan does not come with ombuds: give the office's own KLE titles "
                "with --kle."));
    }
    return s;
}

}  // namespace ombuds::report_detail
