// SPDX-License-Identifier: MPL-2.0
// Sections 1 and 2 declared to disclosure control: the volume table of each period (kind x role
// with its margins) and the organisation tree (a node holds its children and the cases that name
// it directly; the areas, or the node a report is scoped to, hold every case but the staff
// consultations). Both periods.
#include <algorithm>

#include "report/report_draft.hpp"

namespace ombuds::report_detail {
namespace {

VolumeCells draft_period(Draft& draft, VolumeFigures& figures, const Volume& volume) {
    auto& cells = draft.cells();
    VolumeCells out;
    std::vector<CellId> mains, follow_ups, totals;
    for (std::size_t k = 0; k < 4; ++k) {
        auto& row = figures.by_kind[k];
        const std::uint64_t main = volume.by_kind[k][0], follow_up = volume.by_kind[k][1];
        auto main_cell = draft.shown(row.main, main);
        auto follow_cell = draft.shown(row.follow_up, follow_up);
        auto total_cell = draft.shown(row.total, main + follow_up);
        cells.sum(total_cell, {main_cell, follow_cell});
        out.by_kind[k] = {main_cell, follow_cell, total_cell};
        mains.push_back(main_cell);
        follow_ups.push_back(follow_cell);
        totals.push_back(total_cell);
    }
    out.cases = draft.shown(figures.cases, volume.cases);
    out.main_cases = draft.shown(figures.main_cases, volume.main_cases);
    out.follow_ups = draft.shown(figures.follow_ups, volume.cases - volume.main_cases);
    cells.sum(out.cases, {out.main_cases, out.follow_ups});
    // A case of no known kind (never in a valid register) would be counted only in the margins.
    auto with = [](CellId whole, const std::vector<CellId>& parts) {
        std::vector<Term> terms{{whole, 1}};
        for (auto part : parts) terms.push_back({part, -1});
        return terms;
    };
    cells.equal_with_rest(with(out.cases, totals));
    cells.equal_with_rest(with(out.main_cases, mains));
    cells.equal_with_rest(with(out.follow_ups, follow_ups));

    out.citizens = draft.shown(figures.citizens, volume.citizens);
    out.anonymous = draft.shown(figures.anonymous_cases, volume.anonymous_cases);
    out.inquiries = draft.shown(figures.inquiries, volume.inquiries);
    draft.shown(figures.closed, volume.closed);
    // Every citizen has a case, and an anonymous case is a complaint, an other inquiry or an
    // investigation without one; every inquiry of the period has a case in it.
    const auto staff = out.kind_total(Kind::staff);
    cells.at_least({{out.cases, 1}, {staff, -1}, {out.anonymous, -1}, {out.citizens, -1}});
    cells.at_most(out.inquiries, out.cases);
    return out;
}

/// One list of the organisation tree (the areas; the children of one node) in one period:
/// its lines' counts and their shares of the list; `holder` is the cell that holds the list.
void draft_org_list(Draft& draft, std::vector<OrgLine>& lines, const std::vector<OrgRow>& rows,
                    bool compare, CellId holder) {
    auto& cells = draft.cells();
    std::vector<CellId> line_cells;
    std::vector<std::pair<Tenths*, CellId>> shares;
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto& line = lines[i];
        const std::uint64_t value = compare ? rows[i].compare_count : rows[i].count;
        auto cell = draft.shown(compare ? line.compare_count : line.count, value);
        line_cells.push_back(cell);
        shares.emplace_back(compare ? &line.compare_pct : &line.pct, cell);
        sum += value;
        if (!rows[i].children.empty())
            draft_org_list(draft, line.children, rows[i].children, compare, cell);
    }
    // What the list holds in all: shown through its shares. A node holds its children and the
    // cases that name it directly; the areas hold the cases of the volume table but staff.
    auto list_total = draft.implied(sum);
    cells.sum(list_total, line_cells);
    cells.equal_with_rest({{holder, 1}, {list_total, -1}});
    draft.shares(std::move(shares), list_total);
}

OrgLine org_line(const OrgRow& row, const Configuration& config, Lang lang) {
    OrgLine line;
    const bool known = row.unit < config.organisation.size();
    if (known) {
        const auto& unit = config.organisation.unit(row.unit);
        line.code = unit.code;
        line.label = unit.label;
        line.external = unit.external;
    } else {
        line.label = lang == Lang::da ? "Ingen enhed angivet" : "No unit given";
    }
    line.level = row.level;
    for (const auto& child : row.children) line.children.push_back(org_line(child, config, lang));
    return line;
}

}  // namespace

Volumes draft_volume(Draft& draft, Report& report, const Statistics& statistics) {
    Volumes volumes;
    volumes.period = draft_period(draft, report.volume, statistics.volume);
    if (statistics.compare_volume) {
        report.compare_volume.emplace();
        volumes.compare = draft_period(draft, *report.compare_volume, *statistics.compare_volume);
    }
    return volumes;
}

void draft_organisation(Draft& draft, Report& report, const Statistics& statistics,
                        const Configuration& config, const Volumes& volumes) {
    const Lang lang = report.request.lang;
    for (const auto& row : statistics.organisation)
        report.organisation.push_back(org_line(row, config, lang));
    // The areas hold the complaints, other inquiries and investigations of the period: one
    // implied cell of their sum stands for it.
    auto areas_holder = [&](const VolumeCells& volume) {
        std::uint64_t sum = 0;
        std::vector<Term> terms;
        for (auto kind : {Kind::complaint, Kind::inquiry, Kind::investigation}) {
            auto cell = volume.kind_total(kind);
            sum += static_cast<std::uint64_t>(draft.cells().value(cell));
            terms.push_back({cell, -1});
        }
        auto holder = draft.implied(sum);
        terms.push_back({holder, 1});
        draft.cells().equal(std::move(terms));
        return holder;
    };
    draft_org_list(draft, report.organisation, statistics.organisation, false,
                   areas_holder(volumes.period));
    if (volumes.compare) {
        draft_org_list(draft, report.organisation, statistics.organisation, true,
                       areas_holder(*volumes.compare));
    }
}

}  // namespace ombuds::report_detail
