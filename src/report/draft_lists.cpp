// SPDX-License-Identifier: MPL-2.0
// Sections 4, 5, 9 and 10 declared to disclosure control: lists of counted codes, each with its
// total and shares, and what ties them to the rest of the report. A kind's actions add up to at
// most its row of the volume table (open cases may have none yet); the rejection reasons to the
// rejected actions; the investigations' and staff consultations' lists to their rows; and an
// investigation's resolution or administration response is one of all the cases'. The actions
// and rejections are beside the comparison period (section 12), which relates the same way to
// its own volume table.
#include <algorithm>
#include <type_traits>

#include "report/report_draft.hpp"

namespace ombuds::report_detail {
namespace {

struct Entry {
    std::string code;
    std::string label;
    std::uint64_t count = 0;
    std::uint64_t compare_count = 0;
};

using CellsByCode = std::vector<std::pair<std::string, CellId>>;

/// A list's lines, total and shares; returns the total's cell. `cell_of` gets each line's cell
/// by its code. With `compare_cell_of`, the list is beside the comparison period too: its
/// lines' comparison counts and their total, whose cell is `*compare_total`.
CellId draft_list(Draft& draft, CountList& list, std::vector<Entry> entries,
                  CellsByCode* cell_of = nullptr, CellsByCode* compare_cell_of = nullptr,
                  CellId* compare_total = nullptr) {
    list.lines.resize(entries.size());
    list.compared = compare_cell_of != nullptr;
    std::vector<CellId> cells, compare_cells;
    std::vector<std::pair<Tenths*, CellId>> shares;
    std::uint64_t total = 0, compared = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        auto& line = list.lines[i];
        line.code = std::move(entries[i].code);
        line.label = std::move(entries[i].label);
        cells.push_back(draft.shown(line.count, entries[i].count));
        shares.emplace_back(&line.pct, cells.back());
        if (cell_of) cell_of->emplace_back(line.code, cells.back());
        total += entries[i].count;
        if (compare_cell_of) {
            compare_cells.push_back(draft.shown(line.compare_count, entries[i].compare_count));
            compare_cell_of->emplace_back(line.code, compare_cells.back());
            compared += entries[i].compare_count;
        }
    }
    auto total_cell = draft.shown(list.total, total);
    draft.cells().sum(total_cell, cells);
    draft.shares(std::move(shares), total_cell);
    if (compare_cell_of) {
        *compare_total = draft.shown(list.compare_total, compared);
        draft.cells().sum(*compare_total, compare_cells);
    }
    return total_cell;
}

/// The counts of a taxonomy list that are not zero in the period (or, with `compare`, in
/// either period), in declaration order ("rejected" closes an action list, as domain.md lists
/// them).
template <class E>
std::vector<Entry> code_entries(const Counts& counts, Lang lang, const Counts* compare = nullptr) {
    std::vector<Entry> entries;
    for (std::size_t i = 0; i < counts.size() && i < code_count<E>; ++i) {
        const std::uint64_t before = compare ? (*compare)[i] : 0;
        if (counts[i] == 0 && before == 0) continue;
        auto value = static_cast<E>(i);
        entries.push_back(
            Entry{std::string(code(value)), std::string(label(value, lang)), counts[i], before});
    }
    if constexpr (std::is_same_v<E, Action>) {
        std::stable_partition(entries.begin(), entries.end(),
                              [](const Entry& e) { return e.code != "rejected"; });
    }
    return entries;
}

/// `whole` holds the list of `total`, perhaps with more (whole = total + a rest >= 0).
void holds(Draft& draft, CellId whole, CellId total) {
    draft.cells().equal_with_rest({{whole, 1}, {total, -1}});
}

/// Each line of `part` is at most the line of the same code in `all`.
void within(Draft& draft, const CellsByCode& part, const CellsByCode& all) {
    for (const auto& [code, cell] : part) {
        for (const auto& [all_code, all_cell] : all) {
            if (all_code == code && draft.cells().value(cell) <= draft.cells().value(all_cell))
                draft.cells().at_most(cell, all_cell);
        }
    }
}

}  // namespace

void draft_lists(Draft& draft, Report& report, const Statistics& statistics,
                 const Configuration& config, const Volumes& volumes) {
    const Lang lang = report.request.lang;
    const auto& volume = volumes.period;
    auto& cells = draft.cells();

    const auto* compare = volumes.compare ? &*volumes.compare : nullptr;
    std::vector<Term> rejected{}, compare_rejected{};
    for (std::size_t k = 0; k < 4; ++k) {
        auto kind = static_cast<Kind>(k);
        CellsByCode by_code, compare_by_code;
        CellId compare_total = 0;
        auto total =
            draft_list(draft, report.actions[k],
                       code_entries<Action>(statistics.actions[k], lang,
                                            compare ? &statistics.compare_actions[k] : nullptr),
                       &by_code, compare ? &compare_by_code : nullptr, &compare_total);
        holds(draft, volume.kind_total(kind), total);
        for (const auto& [code, cell] : by_code) {
            if (code == "rejected") rejected.push_back({cell, 1});
        }
        if (!compare) continue;
        holds(draft, compare->kind_total(kind), compare_total);
        for (const auto& [code, cell] : compare_by_code) {
            if (code == "rejected") compare_rejected.push_back({cell, 1});
        }
    }
    CellsByCode resolutions, admin_responses;
    auto resolutions_total =
        draft_list(draft, report.resolutions,
                   code_entries<Resolution>(statistics.resolutions, lang), &resolutions);
    auto responses_total =
        draft_list(draft, report.admin_responses,
                   code_entries<AdminResponse>(statistics.admin_responses, lang), &admin_responses);
    cells.at_most(resolutions_total, volume.cases);
    cells.at_most(responses_total, volume.cases);
    // A rejection reason is given exactly when the action is "rejected".
    CellsByCode reasons, compare_reasons;
    CellId compare_rejections_total = 0;
    auto rejections_total = draft_list(
        draft, report.rejections,
        code_entries<RejectionReason>(statistics.rejections, lang,
                                      compare ? &statistics.compare_rejections : nullptr),
        &reasons, compare ? &compare_reasons : nullptr, &compare_rejections_total);
    rejected.push_back({rejections_total, -1});
    cells.equal_with_rest(std::move(rejected));
    if (compare) {
        compare_rejected.push_back({compare_rejections_total, -1});
        cells.equal_with_rest(std::move(compare_rejected));
    }

    // Investigations: the volume table's row of that kind, and lists within it.
    const auto investigations = volume.kind_total(Kind::investigation);
    auto& inv = report.investigations;
    draft.also(inv.count, investigations);
    holds(draft, investigations,
          draft_list(draft, inv.by_origin,
                     code_entries<Origin>(statistics.investigation_origins, lang)));
    CellsByCode inv_resolutions, inv_responses;
    holds(draft, investigations,
          draft_list(draft, inv.resolutions,
                     code_entries<Resolution>(statistics.investigation_resolutions, lang),
                     &inv_resolutions));
    holds(draft, investigations,
          draft_list(draft, inv.admin_responses,
                     code_entries<AdminResponse>(statistics.investigation_admin_responses, lang),
                     &inv_responses));
    within(draft, inv_resolutions, resolutions);
    within(draft, inv_responses, admin_responses);

    // Staff consultations: the volume table's row, by area and by theme group.
    const auto staff = volume.kind_total(Kind::staff);
    draft.also(report.staff.count, staff);
    std::vector<Entry> areas;
    for (const auto& [unit, count] : statistics.staff_by_area) {
        if (unit < config.organisation.size()) {
            const auto& node = config.organisation.unit(unit);
            areas.push_back(Entry{node.code, node.label, count});
        } else {
            areas.push_back(
                Entry{"", lang == Lang::da ? "Ingen enhed angivet" : "No unit given", count});
        }
    }
    holds(draft, staff, draft_list(draft, report.staff.by_area, std::move(areas)));
    std::vector<Entry> groups;
    for (std::size_t g = 0; g < statistics.staff_by_group.size(); ++g) {
        if (statistics.staff_by_group[g] == 0) continue;
        const auto& group = config.themes.group(static_cast<GroupIndex>(g));
        groups.push_back(Entry{group.code, group.label, statistics.staff_by_group[g]});
    }
    holds(draft, staff, draft_list(draft, report.staff.by_theme_group, std::move(groups)));
}

}  // namespace ombuds::report_detail
