// SPDX-License-Identifier: MPL-2.0
// The statistics engine: the true figures of the annual report (domain.md, "The report") computed
// from the cases as columns, as the advisor's office sees them. One pass over the rows fills flat
// counting arrays (indexed by code, unit, theme, dense citizen id, month); nothing is sorted or
// hashed per case. A report scoped to one node of the organisation is the same pass with one more
// test per case. Header-only. A report for a reader (report.hpp) is made from these by
// disclosure control; these figures themselves are never handed to a renderer.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "ombuds/case_columns.hpp"
#include "ombuds/config.hpp"
#include "ombuds/date.hpp"
#include "ombuds/detail/statistics_kernels.hpp"
#include "ombuds/statistics_figures.hpp"
#include "ombuds/taxonomy.hpp"

#if defined(__GNUC__)
#define OMBUDS_ALWAYS_INLINE __attribute__((always_inline))
#else
#define OMBUDS_ALWAYS_INLINE
#endif

namespace ombuds {

/// Computes every figure of the report over the cases in `cases` for `period`, beside
/// `compare` when given, counting only the cases of `scope` and the nodes below it when given.
/// Cases belong to a period by their received date; `closed` counts by closing date. Staff
/// consultations never carry a citizen (domain.md): a citizen on one is not counted, and they are
/// not anonymous cases either.
inline Statistics compute_statistics(const CaseColumns& cases, const Configuration& config,
                                     Period period, std::optional<Period> compare = std::nullopt,
                                     std::optional<UnitIndex> scope = std::nullopt) {
    Statistics report;
    report.period = period;
    report.compare = compare;
    report.scope = scope;
    report.interval = detail::interval_for(period);
    const std::size_t n = cases.size();
    const std::size_t unit_count = config.organisation.size();
    const std::size_t theme_count = config.themes.themes().size();
    const std::size_t group_count = config.themes.groups().size();
    const std::int32_t from = period.from.days();
    const std::int32_t to = period.to.days();
    const bool comparing = compare.has_value();
    const std::int32_t compare_from = comparing ? compare->from.days() : 1;
    const std::int32_t compare_to = comparing ? compare->to.days() : 0;

    detail::PeriodCounts current(config, period, report.interval);
    detail::PeriodCounts previous(config, comparing ? *compare : period, report.interval);

    // The scope is one test per case: the unit's slot in a mask (no unit: the last slot).
    const bool scoped = scope.has_value();
    const auto in_scope = detail::scope_mask(config.organisation, scope);

    // Per citizen: cases and inquiries in the period, one byte each (counts stop at 255, which
    // no office reaches for one citizen in one period; the repeat-contact table shows 255 for
    // "255 or more"); one bit per inquiry seen.
    std::vector<std::uint8_t> citizen_cases(cases.citizen_count + 1, 0);
    std::vector<std::uint8_t> citizen_inquiries(cases.citizen_count + 1, 0);
    std::vector<bool> inquiry_seen(cases.inquiry_count, false);
    std::vector<bool> compare_citizen(comparing ? cases.citizen_count + 1 : 0, false);
    std::vector<bool> compare_inquiry(comparing ? cases.inquiry_count : 0, false);

    report.resolutions.assign(code_count<Resolution>, 0);
    report.admin_responses.assign(code_count<AdminResponse>, 0);
    report.investigation_origins.assign(code_count<Origin>, 0);
    report.investigation_resolutions.assign(code_count<Resolution>, 0);
    report.investigation_admin_responses.assign(code_count<AdminResponse>, 0);
    report.staff_by_group.assign(group_count, 0);
    Counts staff_units(unit_count + 1, 0);

    std::vector<std::uint32_t> response_days(detail::max_histogram_days + 1, 0);
    std::vector<std::uint32_t> closed_days(detail::max_histogram_days + 1, 0);
    std::uint64_t within_target = 0;
    const int target = config.limits.reply_target_working_days;
    detail::WorkingDayTable working_days(period.from, period.to.plus_days(400));

    // Section 13: which themes are the deadline themes (1 + their place), and their counts.
    std::array<std::optional<ThemeIndex>, 2> deadline_theme;
    std::vector<std::uint8_t> deadline_slot(theme_count, 0);
    for (std::size_t k = 0; k < deadline_themes.size(); ++k) {
        deadline_theme[k] = config.themes.find_theme(deadline_themes[k]);
        if (deadline_theme[k]) deadline_slot[*deadline_theme[k]] = static_cast<std::uint8_t>(k + 1);
    }
    detail::DeadlineCounter deadlines(unit_count + 1);

    // Follow-ups per main case, for the main cases received in the period. Rows are kept in
    // a window from the first to the last row in the period (registers store cases in about
    // the order received), one byte per row.
    std::size_t first_row = n, last_row = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (cases.received[i] >= from && cases.received[i] <= to) {
            first_row = std::min(first_row, i);
            last_row = i;
        }
    }
    std::vector<std::uint8_t> followups(first_row < n ? last_row - first_row + 1 : 0, 0);

    auto unit_slot = [&](std::size_t i) OMBUDS_ALWAYS_INLINE {
        auto unit = cases.unit[i];
        return unit < unit_count ? static_cast<std::size_t>(unit) : unit_count;
    };
    // The citizen a case counts for: none for a staff consultation.
    auto cited = [&](std::size_t i) OMBUDS_ALWAYS_INLINE {
        return cases.kind[i] == static_cast<std::uint8_t>(Kind::staff) ? CaseColumns::anonymous
                                                                       : cases.citizen[i];
    };

    // Inlined: it runs for every case of both periods.
    auto count_in = [&](detail::PeriodCounts& counts, std::size_t i, std::int32_t received)
                        OMBUDS_ALWAYS_INLINE {
                            auto kind = cases.kind[i];
                            auto role = cases.role[i];
                            auto& volume = counts.volume;
                            ++volume.cases;
                            if (role == static_cast<std::uint8_t>(Role::main)) ++volume.main_cases;
                            auto& bucket = counts.buckets[counts.calendar.of(received)];
                            ++bucket[4];
                            if (kind < 4) {
                                ++bucket[kind];
                                if (role < 2) ++volume.by_kind[kind][role];
                                if (cases.action[i] < code_count<Action>)
                                    ++counts.actions[kind][cases.action[i]];
                            }
                            if (cases.rejection_reason[i] < code_count<RejectionReason>)
                                ++counts.rejections[cases.rejection_reason[i]];
                            if (kind == static_cast<std::uint8_t>(Kind::staff))
                                return;  // staff: their own section
                            if (cases.citizen[i] == CaseColumns::anonymous)
                                ++volume.anonymous_cases;
                            ++counts.units[unit_slot(i)];
                            const auto theme = cases.theme[i], group = cases.group[i];
                            if (theme < theme_count) ++counts.themes[theme];
                            if (group < group_count) ++counts.groups[group];
                            if (kind == static_cast<std::uint8_t>(Kind::complaint)) {
                                if (theme < theme_count) ++counts.complaint_themes[theme];
                                if (group < group_count) ++counts.complaint_groups[group];
                            }
                        };

    for (std::size_t i = 0; i < n; ++i) {
        if (scoped && !in_scope[unit_slot(i)]) continue;
        const std::int32_t received = cases.received[i];
        const std::uint16_t closed_after = cases.closed_days[i];
        const std::int32_t closed = closed_after == CaseColumns::no_days
                                        ? CaseColumns::no_date
                                        : received + static_cast<std::int32_t>(closed_after);
        if (closed != CaseColumns::no_date) {
            if (closed >= from && closed <= to) ++current.volume.closed;
            if (closed >= compare_from && closed <= compare_to) ++previous.volume.closed;
        }
        if (received <= to && (closed == CaseColumns::no_date || closed > to))
            ++report.time.open_at_end;

        if (received >= compare_from && received <= compare_to) {
            count_in(previous, i, received);
            auto citizen = cited(i);
            if (citizen != CaseColumns::anonymous && !compare_citizen[citizen]) {
                compare_citizen[citizen] = true;
                ++previous.volume.citizens;
            }
            if (!compare_inquiry[cases.inquiry[i]]) {
                compare_inquiry[cases.inquiry[i]] = true;
                ++previous.volume.inquiries;
            }
        }
        if (received < from || received > to) continue;

        count_in(current, i, received);
        const auto kind = cases.kind[i];
        const auto citizen = cited(i);
        const auto inquiry = cases.inquiry[i];
        if (!inquiry_seen[inquiry]) {
            inquiry_seen[inquiry] = true;
            ++current.volume.inquiries;
            if (citizen != CaseColumns::anonymous && citizen_inquiries[citizen] < 0xFF)
                ++citizen_inquiries[citizen];
        }
        if (citizen != CaseColumns::anonymous) {
            if (citizen_cases[citizen] == 0) ++current.volume.citizens;
            if (citizen_cases[citizen] < 0xFF) ++citizen_cases[citizen];
        }
        if (cases.resolution[i] < code_count<Resolution>) ++report.resolutions[cases.resolution[i]];
        if (cases.admin_response[i] < code_count<AdminResponse>)
            ++report.admin_responses[cases.admin_response[i]];
        if (cases.theme[i] < theme_count && deadline_slot[cases.theme[i]]) {
            deadlines.add(cases.kle[i], unit_slot(i),
                          static_cast<std::size_t>(deadline_slot[cases.theme[i]] - 1));
        }

        if (cases.role[i] == static_cast<std::uint8_t>(Role::follow_up)) {
            auto main = cases.main_row[i];
            if (main >= first_row && main <= last_row && main != CaseColumns::no_case) {
                auto& slot = followups[main - first_row];
                if (slot < 0xFF) ++slot;
            }
        }

        const std::uint16_t response_after = cases.response_days[i];
        if (response_after != CaseColumns::no_days) {
            auto days = static_cast<std::size_t>(
                std::min<std::int32_t>(response_after, detail::max_histogram_days));
            ++response_days[days];
            ++report.time.first_response.measured;
            if (working_days.between(received, received + response_after) <= target)
                ++within_target;
        }
        if (closed_after != CaseColumns::no_days) {
            auto days = static_cast<std::size_t>(
                std::min<std::int32_t>(closed_after, detail::max_histogram_days));
            ++closed_days[days];
            ++report.time.closed.measured;
        }

        if (kind == static_cast<std::uint8_t>(Kind::investigation)) {
            ++report.investigations;
            if (cases.origin[i] < code_count<Origin>)
                ++report.investigation_origins[cases.origin[i]];
            if (cases.resolution[i] < code_count<Resolution>)
                ++report.investigation_resolutions[cases.resolution[i]];
            if (cases.admin_response[i] < code_count<AdminResponse>) {
                ++report.investigation_admin_responses[cases.admin_response[i]];
            }
        } else if (kind == static_cast<std::uint8_t>(Kind::staff)) {
            ++report.staff;
            ++staff_units[unit_slot(i)];
            if (cases.group[i] < group_count) ++report.staff_by_group[cases.group[i]];
        }
    }

    report.volume = current.volume;
    if (comparing) report.compare_volume = previous.volume;
    report.actions = current.actions;
    report.rejections = current.rejections;
    if (comparing) {
        report.compare_actions = previous.actions;
        report.compare_rejections = previous.rejections;
    } else {
        for (auto& counts : report.compare_actions) counts.assign(code_count<Action>, 0);
        report.compare_rejections.assign(code_count<RejectionReason>, 0);
    }
    const Counts no_units(unit_count + 1, 0), no_themes(theme_count, 0), no_groups(group_count, 0);
    const auto& before = [&](const Counts& counts, const Counts& none) -> const Counts& {
        return comparing ? counts : none;
    };

    // Section 2, 3 and 12.
    report.organisation = detail::organisation_rows(current.units, before(previous.units, no_units),
                                                    config.organisation, scope);
    report.themes =
        detail::ranked_themes(current.themes, before(previous.themes, no_themes), config.themes);
    report.theme_groups = detail::group_rows(current.groups, before(previous.groups, no_groups));
    report.complaint_themes = detail::ranked_themes(
        current.complaint_themes, before(previous.complaint_themes, no_themes), config.themes);
    report.complaint_theme_groups =
        detail::group_rows(current.complaint_groups, before(previous.complaint_groups, no_groups));

    // Section 6: complexity, over the main cases received in the period.
    {
        std::vector<std::uint32_t> distribution;
        std::uint64_t mains = 0, total_followups = 0;
        for (std::size_t row = first_row; row <= last_row && row < n; ++row) {
            if (cases.received[row] < from || cases.received[row] > to) continue;
            if (cases.role[row] != static_cast<std::uint8_t>(Role::main)) continue;
            if (scoped && !in_scope[unit_slot(row)]) continue;
            std::uint32_t count = followups[row - first_row];
            if (distribution.size() <= count) distribution.resize(count + 1, 0);
            ++distribution[count];
            ++mains;
            total_followups += count;
        }
        report.followups_of_mains = static_cast<std::uint32_t>(total_followups);
        report.followups_per_main =
            mains ? static_cast<double>(total_followups) / static_cast<double>(mains) : 0.0;
        report.main_cases_by_followups = detail::present(distribution);
    }

    // Section 7: repeat contact.
    {
        Counts by_inquiries, by_cases;
        for (std::size_t c = 1; c < citizen_cases.size(); ++c) {
            if (citizen_cases[c] == 0) continue;
            if (by_cases.size() <= citizen_cases[c]) by_cases.resize(citizen_cases[c] + 1u, 0);
            ++by_cases[citizen_cases[c]];
            if (by_inquiries.size() <= citizen_inquiries[c])
                by_inquiries.resize(citizen_inquiries[c] + 1u, 0);
            ++by_inquiries[citizen_inquiries[c]];
        }
        report.citizens_by_inquiries = detail::present(by_inquiries);
        report.citizens_by_cases = detail::present(by_cases);
    }

    // Section 8: time.
    report.time.target_working_days = target;
    report.time.within_target = static_cast<std::uint32_t>(within_target);
    report.time.first_response.median =
        detail::histogram_median(response_days, report.time.first_response.measured);
    report.time.first_response.p90 =
        detail::histogram_percentile(response_days, report.time.first_response.measured, 0.9);
    report.time.closed.median = detail::histogram_median(closed_days, report.time.closed.measured);
    report.time.closed.p90 =
        detail::histogram_percentile(closed_days, report.time.closed.measured, 0.9);

    // Section 10: staff by area.
    {
        Counts areas(unit_count + 1, 0);
        for (std::size_t u = 0; u < unit_count; ++u) {
            if (staff_units[u])
                areas[config.organisation.area_of(static_cast<UnitIndex>(u))] += staff_units[u];
        }
        areas[unit_count] = staff_units[unit_count];
        for (std::size_t u = 0; u <= unit_count; ++u) {
            if (areas[u]) {
                report.staff_by_area.emplace_back(
                    u < unit_count ? static_cast<UnitIndex>(u) : CaseColumns::no_index, areas[u]);
            }
        }
    }

    // Sections 11 and 13.
    report.over_time = current.time_buckets();
    if (comparing) report.compare_over_time = previous.time_buckets();
    report.deadlines = deadlines.rows(deadline_theme);
    return report;
}

}  // namespace ombuds
