// SPDX-License-Identifier: MPL-2.0
// Sections 3 and 12 declared to disclosure control: the themes with their groups, of all cases
// and of the complaints alone. A group holds its themes; the groups of all cases hold the
// complaints, the other inquiries (each names a theme) and the investigations that name one; the
// complaints' groups hold the complaints. A complaints' theme is at most the same theme of all
// cases. Both periods; differences, percent changes and ranks are made from them.
#include <algorithm>
#include <functional>
#include <map>

#include "report/report_draft.hpp"

namespace ombuds::report_detail {
namespace {

/// What one theme table's groups hold in a period: `terms` holds +1 for each group; the function
/// adds what they add up to.
using Holder = std::function<void(std::vector<Term>& terms, const VolumeCells& volume)>;

/// The pool of a theme chart in one period: the pooled themes' sum where what is shown gives
/// it (every pooled theme shown, or every group and every charted theme shown, so the pool is
/// the groups less the charted themes), else hidden.
Count pool_figure(Draft& draft, const std::vector<CellId>& pooled,
                  const std::vector<CellId>& charted, const std::vector<CellId>& groups) {
    auto& cells = draft.cells();
    auto shown = [&](const std::vector<CellId>& list) {
        return std::none_of(list.begin(), list.end(), [&](CellId c) { return draft.hidden(c); });
    };
    auto sum = [&](const std::vector<CellId>& list) {
        std::int64_t total = 0;
        for (auto c : list) total += cells.value(c);
        return total;
    };
    const auto truth = sum(pooled);
    if (shown(pooled)) return Count::of(static_cast<std::uint32_t>(truth));
    if (shown(groups) && shown(charted) && sum(groups) - sum(charted) == truth)
        return Count::of(static_cast<std::uint32_t>(truth));
    return Count::hidden();
}

/// Once the list is in its final order: the largest shown themes ("other" aside) charted, the
/// rest pooled.
void chart_themes(Draft& draft, const std::vector<ThemeLine>& lines,
                  const std::map<std::string, std::pair<CellId, CellId>>& cell_of,
                  const std::vector<CellId>& groups, const std::vector<CellId>& compare_groups,
                  bool comparing, ThemeChart& chart) {
    chart = ThemeChart{};
    std::vector<std::size_t> pooled;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (chart.lines.size() < charted_themes && lines[i].count.shown() &&
            lines[i].code != "other") {
            chart.lines.push_back(i);
        } else {
            pooled.push_back(i);
        }
    }
    if (pooled.empty()) return;
    if (pooled.size() == 1 && lines[pooled[0]].code == "other" && lines[pooled[0]].count.shown()) {
        chart.lines.push_back(pooled[0]);  // "other" alone is a bar of its own
        return;
    }
    chart.pooled_themes = pooled.size();
    std::vector<CellId> in_pool, charted, compare_in_pool, compare_charted;
    for (auto i : pooled) {
        chart.other_pooled |= lines[i].code == "other";
        in_pool.push_back(cell_of.at(lines[i].code).first);
        compare_in_pool.push_back(cell_of.at(lines[i].code).second);
    }
    for (auto i : chart.lines) {
        charted.push_back(cell_of.at(lines[i].code).first);
        compare_charted.push_back(cell_of.at(lines[i].code).second);
    }
    chart.pooled = pool_figure(draft, in_pool, charted, groups);
    if (comparing)
        chart.compare_pooled = pool_figure(draft, compare_in_pool, compare_charted, compare_groups);
}

ThemeCells draft_theme_table(Draft& draft, std::vector<ThemeLine>& lines,
                             std::vector<GroupLine>& group_lines, ThemeChart& chart,
                             const std::vector<ThemeRow>& rows,
                             const std::vector<GroupRow>& group_rows, const Configuration& config,
                             const Volumes& volumes, const Holder& hold,
                             const std::vector<CellId>& all_holders) {
    auto& cells = draft.cells();
    const bool comparing = volumes.compare.has_value();
    const auto& catalogue = config.themes;
    ThemeCells out;
    std::vector<RankedRow> ranked;
    std::optional<std::size_t> other;
    auto other_theme = catalogue.find_theme("other");
    lines.resize(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        const auto& theme = catalogue.theme(row.theme);
        auto& line = lines[i];
        line.code = theme.code;
        line.label = theme.label;
        line.group = catalogue.group(theme.group).code;
        out.theme.push_back(row.theme);
        out.period.push_back(draft.shown(line.count, row.count));
        ranked.push_back(RankedRow{&line.rank, out.period.back(), row.rank});
        if (other_theme && row.theme == *other_theme) other = i;
        if (!comparing) continue;
        out.compare.push_back(draft.shown(line.compare_count, row.compare_count));
        std::vector<CellId> both{out.period.back(), out.compare.back()};
        draft.derived(line.diff,
                      std::optional<std::int64_t>(static_cast<std::int64_t>(row.count) -
                                                  static_cast<std::int64_t>(row.compare_count)),
                      both);
        draft.derived(line.diff_pct, percent_change(row.count, row.compare_count), both);
        line.is_new = row.compare_count == 0;
    }

    for (const auto& row : group_rows) {
        const auto& group = catalogue.group(row.group);
        group_lines.push_back(GroupLine{group.code, group.label, {}, {}});
    }
    auto groups_of = [&](bool compare) {
        std::vector<CellId> group_cells;
        for (std::size_t g = 0; g < group_rows.size(); ++g) {
            const auto& row = group_rows[g];
            auto& line = group_lines[g];
            auto cell = draft.shown(compare ? line.compare_count : line.count,
                                    compare ? row.compare_count : row.count);
            std::vector<Term> terms{{cell, 1}};
            for (std::size_t t = 0; t < rows.size(); ++t) {
                if (catalogue.theme(rows[t].theme).group == row.group)
                    terms.push_back({compare ? out.compare[t] : out.period[t], -1});
            }
            cells.equal_with_rest(std::move(terms));
            group_cells.push_back(cell);
        }
        std::vector<Term> terms;
        for (auto cell : group_cells) terms.push_back({cell, 1});
        hold(terms, compare ? *volumes.compare : volumes.period);
        return group_cells;
    };
    auto group_cells = groups_of(false);
    std::vector<CellId> compare_group_cells;
    if (comparing) compare_group_cells = groups_of(true);

    // What a hidden theme can hold: its group (when shown) less the group's shown themes, and
    // all the themes together hold no more than `all_holders`.
    std::vector<RankBound> bounds;
    for (std::size_t g = 0; g < group_rows.size(); ++g) {
        RankBound group{{group_cells[g]}, {}};
        for (std::size_t t = 0; t < rows.size(); ++t) {
            if (catalogue.theme(rows[t].theme).group == group_rows[g].group)
                group.rows.push_back(t);
        }
        bounds.push_back(std::move(group));
    }
    RankBound all{all_holders, {}};
    for (std::size_t t = 0; t < rows.size(); ++t) all.rows.push_back(t);
    bounds.push_back(std::move(all));
    draft.ranking(std::move(ranked), std::move(bounds), other);

    // Hidden rows follow the shown ones, in catalogue order ("other" last), so their place
    // tells nothing about their counts.
    draft.then([&lines, &catalogue] {
        auto order = [&](const ThemeLine& line) {
            auto index = catalogue.find_theme(line.code);
            bool last = line.code == "other";
            return std::pair<bool, std::size_t>(last, index ? *index : 0);
        };
        std::stable_partition(lines.begin(), lines.end(),
                              [](const ThemeLine& line) { return line.count.shown(); });
        auto hidden = std::find_if(lines.begin(), lines.end(),
                                   [](const ThemeLine& line) { return !line.count.shown(); });
        std::stable_sort(hidden, lines.end(),
                         [&](const auto& a, const auto& b) { return order(a) < order(b); });
    });
    std::map<std::string, std::pair<CellId, CellId>> cell_of;
    for (std::size_t t = 0; t < rows.size(); ++t) {
        cell_of[catalogue.theme(rows[t].theme).code] = {out.period[t],
                                                        comparing ? out.compare[t] : out.period[t]};
    }
    draft.then([&draft, &lines, &chart, cell_of = std::move(cell_of), group_cells,
                compare_group_cells, comparing] {
        chart_themes(draft, lines, cell_of, group_cells, compare_group_cells, comparing, chart);
    });
    return out;
}

}  // namespace

ThemeCells draft_themes(Draft& draft, Report& report, const Statistics& statistics,
                        const Configuration& config, const Volumes& volumes) {
    auto& cells = draft.cells();
    // The groups hold the complaints and other inquiries (each names a theme) and the
    // investigations that name one.
    Holder hold = [&cells](std::vector<Term>& terms, const VolumeCells& volume) {
        terms.push_back({volume.kind_total(Kind::complaint), -1});
        terms.push_back({volume.kind_total(Kind::inquiry), -1});
        auto investigations = cells.equal_with_rest(std::move(terms));
        if (cells.value(investigations) <= cells.value(volume.kind_total(Kind::investigation)))
            cells.at_most(investigations, volume.kind_total(Kind::investigation));
    };
    const auto& period = volumes.period;
    return draft_theme_table(draft, report.themes, report.theme_groups, report.theme_chart,
                             statistics.themes, statistics.theme_groups, config, volumes, hold,
                             {period.kind_total(Kind::complaint), period.kind_total(Kind::inquiry),
                              period.kind_total(Kind::investigation)});
}

void draft_complaint_themes(Draft& draft, Report& report, const Statistics& statistics,
                            const Configuration& config, const Volumes& volumes,
                            const ThemeCells& all) {
    auto& cells = draft.cells();
    // The complaints' groups hold the complaints (a complaint names a theme).
    Holder hold = [&cells](std::vector<Term>& terms, const VolumeCells& volume) {
        terms.push_back({volume.kind_total(Kind::complaint), -1});
        cells.equal_with_rest(std::move(terms));
    };
    auto complaints = draft_theme_table(
        draft, report.complaint_themes, report.complaint_theme_groups, report.complaint_theme_chart,
        statistics.complaint_themes, statistics.complaint_theme_groups, config, volumes, hold,
        {volumes.period.kind_total(Kind::complaint)});
    // A theme's complaints are some of its cases.
    for (std::size_t c = 0; c < complaints.theme.size(); ++c) {
        for (std::size_t t = 0; t < all.theme.size(); ++t) {
            if (all.theme[t] != complaints.theme[c]) continue;
            cells.at_most(complaints.period[c], all.period[t]);
            if (volumes.compare) cells.at_most(complaints.compare[c], all.compare[t]);
        }
    }
}

}  // namespace ombuds::report_detail
