// SPDX-License-Identifier: MPL-2.0
// What the sections of report_tables.hpp share: the report's language, cells made from figures,
// columns headed by the periods' names, lists with their total row, and theme tables and charts.
// Nothing here decides what is shown.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/formatting.hpp"
#include "report/report_tables.hpp"

namespace ombuds::report_detail {

class SectionWriter {
  public:
    explicit SectionWriter(const Report& report)
        : report(report),
          lang(report.request.lang),
          comparing(report.request.compare.has_value()),
          period(period_name(report.request.period, lang)),
          compare(comparing ? period_name(*report.request.compare, lang) : std::string()) {}

    std::string t(std::string_view da, std::string_view en) const { return tr(report, da, en); }

    TableCell cell(const Count& figure) const;
    TableCell cell(const Tenths& figure) const;
    TableCell cell(const Decimal& figure) const;
    /// A difference ("+ 3") or, with unit " %", a percent change.
    TableCell signed_cell(const Whole& figure, std::string_view unit) const;

    /// A list with its total row; beside the comparison period when the list has it.
    Table list_table(const std::string& title, const std::string& first_column,
                     const CountList& list) const;
    /// Themes ranked by count, beside the comparison period with the difference.
    Table theme_table(const std::string& title, const std::vector<ThemeLine>& lines) const;
    Table group_table(const std::string& title, const std::vector<GroupLine>& lines) const;
    /// The largest themes and the pool of the rest (report.hpp, ThemeChart).
    Chart theme_chart(const std::string& title, const std::vector<ThemeLine>& lines,
                      const ThemeChart& chart) const;

    const Report& report;
    const Lang lang;
    const bool comparing;
    const std::string period;   // the period's name as a column heading ("2025")
    const std::string compare;  // the comparison period's, when comparing
};

// The sections, each in its own function.
Section volume_section(const SectionWriter& w);
Section organisation_section(const SectionWriter& w);
Section themes_section(const SectionWriter& w);
Section actions_section(const SectionWriter& w);
Section rejections_section(const SectionWriter& w);
Section complexity_section(const SectionWriter& w);
Section repeat_contact_section(const SectionWriter& w);
Section time_section(const SectionWriter& w);
Section investigations_section(const SectionWriter& w);
Section staff_section(const SectionWriter& w);
Section over_time_section(const SectionWriter& w);
Section complaints_section(const SectionWriter& w);
Section deadlines_section(const SectionWriter& w);

}  // namespace ombuds::report_detail
