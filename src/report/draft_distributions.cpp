// SPDX-License-Identifier: MPL-2.0
// Sections 6-8 declared to disclosure control. A distribution (main cases by number of
// follow-ups, citizens by number of inquiries or cases) adds up to its count in the volume table
// and, weighted by its values, to what those hold (follow-ups, inquiries, cases). Outside the
// office the bands from open_band_from up are one open band; the bands in it stay counts of the
// advisor's report, protected like the rest. The shares within the reply target and the mean
// number of follow-ups show the counts they are made from; medians and percentiles are shown
// only with the count they are of.
#include <cmath>

#include "report/report_draft.hpp"

namespace ombuds::report_detail {
namespace {

using Pairs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

/// The bands of `pairs` (value, count) with their cells; returns the terms of the weighted sum.
std::vector<Term> draft_bands(Draft& draft, std::vector<Band>& bands, const Pairs& pairs,
                              CellId count_total) {
    auto& cells = draft.cells();
    std::vector<CellId> counted;
    std::vector<Term> weighted;
    std::vector<std::pair<CellId, std::uint32_t>> members;  // of the open band
    std::uint64_t open = 0;
    bands.clear();
    bands.reserve(pairs.size() + 1);
    for (const auto& [value, count] : pairs) {
        if (draft.outside() && value >= open_band_from) {
            auto cell = draft.unpublished(count);
            members.emplace_back(cell, value);
            weighted.push_back({cell, value});
            open += count;
            continue;
        }
        bands.push_back(Band{value, false, {}});
        auto cell = draft.shown(bands.back().count, count);
        counted.push_back(cell);
        weighted.push_back({cell, value});
    }
    if (!members.empty()) {
        bands.push_back(Band{open_band_from, true, {}});
        auto cell = draft.shown(bands.back().count, open);
        std::vector<CellId> parts;
        for (const auto& member : members) parts.push_back(member.first);
        cells.sum(cell, parts);
        counted.push_back(cell);
    }
    cells.sum(count_total, counted);
    return weighted;
}

}  // namespace

void draft_distributions(Draft& draft, Report& report, const Statistics& statistics,
                         const Volumes& volumes) {
    auto& cells = draft.cells();
    const auto& volume = volumes.period;

    // Complexity: the main cases of the period by their follow-ups, and the mean.
    auto weighted = draft_bands(draft, report.main_cases_by_followups,
                                statistics.main_cases_by_followups, volume.main_cases);
    auto followups = draft.implied(statistics.followups_of_mains);
    weighted.push_back({followups, -1});
    cells.equal(std::move(weighted));
    cells.at_most(followups, volume.follow_ups);
    const auto mains = static_cast<std::uint64_t>(cells.value(volume.main_cases));
    draft.derived(report.followups_per_main,
                  mains ? std::optional<double>(static_cast<double>(statistics.followups_of_mains) /
                                                static_cast<double>(mains))
                        : std::nullopt,
                  {followups, volume.main_cases});

    // Repeat contact: the citizens by their inquiries (whose cases name them) and by their
    // cases (every complaint, other inquiry and investigation that is not anonymous).
    auto by_inquiries = draft_bands(draft, report.citizens_by_inquiries,
                                    statistics.citizens_by_inquiries, volume.citizens);
    std::int64_t cited = 0;
    for (const auto& term : by_inquiries) cited += term.coefficient * cells.value(term.cell);
    auto inquiries = cells.add(static_cast<std::uint64_t>(cited), CellRole::remainder);
    by_inquiries.push_back({inquiries, -1});
    cells.equal(std::move(by_inquiries));
    cells.at_most(inquiries, volume.inquiries);

    auto by_cases =
        draft_bands(draft, report.citizens_by_cases, statistics.citizens_by_cases, volume.citizens);
    by_cases.push_back({volume.cases, -1});
    by_cases.push_back({volume.kind_total(Kind::staff), 1});
    by_cases.push_back({volume.anonymous, 1});
    cells.equal_with_rest(std::move(by_cases));  // a rest only past 255 cases of one citizen
}

void draft_time(Draft& draft, Report& report, const Statistics& statistics,
                const Volumes& volumes) {
    auto& cells = draft.cells();
    const auto& time = statistics.time;
    auto& out = report.time;
    out.target_working_days = time.target_working_days;

    auto durations = [&](DurationFigures& figures, const Durations& from) {
        auto measured = draft.shown(figures.measured, from.measured);
        cells.at_most(measured, volumes.period.cases);
        draft.derived(figures.median, from.median, {measured});
        draft.derived(figures.p90, from.p90, {measured});
        return measured;
    };
    auto answered = durations(out.first_response, time.first_response);
    auto within = draft.implied(time.within_target);
    auto late = draft.unpublished(time.first_response.measured - time.within_target);
    cells.sum(answered, {within, late});
    std::optional<double> pct;
    if (time.first_response.measured) {
        pct = std::round(1000.0 * time.within_target / time.first_response.measured) / 10.0;
    }
    draft.derived(out.within_target_pct, pct, {within, answered});
    durations(out.closed, time.closed);
    draft.shown(out.open_at_end, time.open_at_end);
}

}  // namespace ombuds::report_detail
