// SPDX-License-Identifier: MPL-2.0
// The statistics engine: the true figures of the annual report (domain.md, "The report") computed
// from the cases as columns, as the advisor's office sees them. One pass over the rows fills flat
// counting arrays (indexed by code, unit, theme, dense citizen id); nothing is sorted or hashed
// per case. Header-only. A report for a reader (report.hpp) is made from these by disclosure
// control; these figures themselves are never handed to a renderer.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "ombuds/calendar.hpp"
#include "ombuds/case_columns.hpp"
#include "ombuds/config.hpp"
#include "ombuds/date.hpp"
#include "ombuds/taxonomy.hpp"

#if defined(__GNUC__)
#define OMBUDS_ALWAYS_INLINE __attribute__((always_inline))
#else
#define OMBUDS_ALWAYS_INLINE
#endif

namespace ombuds {

/// The same dates one year earlier: the default comparison period (interfaces.md).
constexpr Period previous_year(Period period) noexcept {
    return Period{period.from.with_year(period.from.year() - 1),
                  period.to.with_year(period.to.year() - 1)};
}

/// Whether two periods share a day.
constexpr bool overlaps(Period a, Period b) noexcept {
    return !(a.to < b.from) && !(b.to < a.from);
}

using Counts = std::vector<std::uint32_t>;

/// Volume (section 1) of one period.
struct Volume {
    std::uint32_t citizens = 0;
    std::uint32_t anonymous_cases = 0;
    std::uint32_t inquiries = 0;
    std::uint32_t cases = 0;
    std::uint32_t main_cases = 0;
    std::uint32_t closed = 0;                               // by closing date
    std::array<std::array<std::uint32_t, 2>, 4> by_kind{};  // [Kind][Role]
};

/// One node of the organisation distribution (section 2); `unit` is CaseColumns::no_index for
/// the cases without a unit.
struct OrgRow {
    std::uint16_t unit = CaseColumns::no_index;
    int level = 1;
    std::uint32_t count = 0;
    std::uint32_t compare_count = 0;
    std::vector<OrgRow> children;
};

struct ThemeRow {
    ThemeIndex theme = 0;
    int rank = 0;
    std::uint32_t count = 0;
    std::uint32_t compare_count = 0;
};

struct GroupRow {
    GroupIndex group = 0;
    std::uint32_t count = 0;
    std::uint32_t compare_count = 0;
};

/// Days between two dates of the cases in a period (section 8).
struct Durations {
    std::uint32_t measured = 0;
    std::optional<double> median;
    std::optional<double> p90;
};

struct TimeStats {
    Durations first_response;
    int target_working_days = 3;
    std::uint32_t within_target = 0;  // of first_response.measured: answered within the target
    Durations closed;
    std::uint32_t open_at_end = 0;
};

/// Every figure of the report of a period, true and complete: the advisor's report.
struct Statistics {
    Period period{Date::first(), Date::first()};
    std::optional<Period> compare;  // none: no comparison
    Volume volume;
    std::optional<Volume> compare_volume;
    std::vector<OrgRow> organisation;
    std::vector<ThemeRow> themes;        // ranked
    std::vector<GroupRow> theme_groups;  // catalogue order
    std::array<Counts, 4> actions;       // per Kind, indexed by Action
    Counts resolutions;                  // indexed by Resolution
    Counts admin_responses;              // indexed by AdminResponse
    Counts rejections;                   // indexed by RejectionReason
    double followups_per_main = 0;
    std::uint32_t followups_of_mains = 0;  // follow-ups attached to the period's main cases
    std::vector<std::pair<std::uint32_t, std::uint32_t>>
        main_cases_by_followups;  // followups, mains
    std::vector<std::pair<std::uint32_t, std::uint32_t>>
        citizens_by_inquiries;                                               // inquiries, citizens
    std::vector<std::pair<std::uint32_t, std::uint32_t>> citizens_by_cases;  // cases, citizens
    TimeStats time;
    std::uint32_t investigations = 0;
    Counts investigation_origins;          // indexed by Origin
    Counts investigation_resolutions;      // indexed by Resolution
    Counts investigation_admin_responses;  // indexed by AdminResponse
    std::uint32_t staff = 0;
    std::vector<std::pair<UnitIndex, std::uint32_t>> staff_by_area;  // area, count (no_index: none)
    Counts staff_by_group;                                           // indexed by GroupIndex
};

// --- the rules of presentation ----------------------------------------------------------

/// Percentages with one decimal (in tenths) that add up to exactly 100.0 (1000 tenths) by the
/// largest remainder method; ties go to the earlier entry. All zero when the total is zero.
inline std::vector<std::int32_t> largest_remainder_tenths(
    const std::vector<std::uint64_t>& counts) {
    std::vector<std::int32_t> tenths(counts.size(), 0);
    std::uint64_t total = 0;
    for (auto c : counts) total += c;
    if (total == 0) return tenths;
    std::vector<std::pair<std::uint64_t, std::size_t>> remainders;
    remainders.reserve(counts.size());
    std::int64_t given = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        std::uint64_t scaled = counts[i] * 1000;
        tenths[i] = static_cast<std::int32_t>(scaled / total);
        given += tenths[i];
        remainders.emplace_back(scaled % total, i);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; given < 1000 && k < remainders.size(); ++k, ++given)
        ++tenths[remainders[k].second];
    return tenths;
}

/// The percent change of a count against its comparison, rounded half away from zero (seed
/// 004: 30 of 98 is "+31 %"); none when the comparison is zero (the theme is new).
constexpr std::optional<std::int64_t> percent_change(std::int64_t count,
                                                     std::int64_t compare_count) noexcept {
    if (compare_count == 0) return std::nullopt;
    std::int64_t diff = count - compare_count;
    std::int64_t scaled = 100 * diff;
    std::int64_t magnitude =
        ((scaled < 0 ? -scaled : scaled) * 2 + compare_count) / (2 * compare_count);
    return scaled < 0 ? -magnitude : magnitude;
}

namespace detail {

/// Nearest-rank percentile over a histogram of whole days.
inline std::optional<double> histogram_percentile(const std::vector<std::uint32_t>& histogram,
                                                  std::uint64_t total, double fraction) {
    if (total == 0) return std::nullopt;
    auto rank = static_cast<std::uint64_t>(std::ceil(fraction * static_cast<double>(total)));
    if (rank == 0) rank = 1;
    std::uint64_t seen = 0;
    for (std::size_t days = 0; days < histogram.size(); ++days) {
        seen += histogram[days];
        if (seen >= rank) return static_cast<double>(days);
    }
    return static_cast<double>(histogram.size() - 1);
}

/// The median of a histogram of whole days: the mean of the two middle values for an even count.
inline std::optional<double> histogram_median(const std::vector<std::uint32_t>& histogram,
                                              std::uint64_t total) {
    if (total == 0) return std::nullopt;
    auto value_at = [&](std::uint64_t rank) {  // 1-based
        std::uint64_t seen = 0;
        for (std::size_t days = 0; days < histogram.size(); ++days) {
            seen += histogram[days];
            if (seen >= rank) return static_cast<double>(days);
        }
        return static_cast<double>(histogram.size() - 1);
    };
    if (total % 2 == 1) return value_at(total / 2 + 1);
    return (value_at(total / 2) + value_at(total / 2 + 1)) / 2.0;
}

/// Working days after a base date, as a prefix sum, so the reply target costs two look-ups.
class WorkingDayTable {
  public:
    WorkingDayTable(Date first, Date last) : first_(first) {
        std::int32_t span = std::max<std::int32_t>(last - first, 0) + 1;
        prefix_.resize(static_cast<std::size_t>(span));
        std::int32_t count = 0;
        for (std::int32_t i = 0; i < span; ++i) {
            if (i > 0 && is_working_day(first.plus_days(i))) ++count;
            prefix_[static_cast<std::size_t>(i)] = count;
        }
    }
    /// Working days d with from < d <= to.
    std::int32_t between(std::int32_t from, std::int32_t to) const noexcept {
        auto base = first_.days();
        auto size = static_cast<std::int32_t>(prefix_.size());
        if (from - base >= 0 && to - base < size && from - base < size && to >= from) {
            return prefix_[static_cast<std::size_t>(to - base)] -
                   prefix_[static_cast<std::size_t>(from - base)];
        }
        auto a = Date::from_days(from), b = Date::from_days(to);
        return a && b ? working_days_between(*a, *b) : 0;
    }

  private:
    Date first_;
    std::vector<std::int32_t> prefix_;
};

/// The counts of one period.
struct PeriodCounts {
    Volume volume;
    Counts units;   // per UnitIndex, plus one slot at the end for "no unit"
    Counts themes;  // per ThemeIndex
    Counts groups;  // per GroupIndex
};

constexpr std::size_t max_histogram_days = 4000;

}  // namespace detail

/// Computes every figure of the report over the cases in `cases` for `period`, beside
/// `compare` when given. Cases belong to a period by their received date; `closed` counts by
/// closing date. Staff consultations never carry a citizen (domain.md): a citizen on one is not
/// counted, and they are not anonymous cases either.
inline Statistics compute_statistics(const CaseColumns& cases, const Configuration& config,
                                     Period period, std::optional<Period> compare = std::nullopt) {
    Statistics report;
    report.period = period;
    report.compare = compare;
    const std::size_t n = cases.size();
    const std::size_t unit_count = config.organisation.size();
    const std::size_t theme_count = config.themes.themes().size();
    const std::size_t group_count = config.themes.groups().size();
    const std::int32_t from = period.from.days();
    const std::int32_t to = period.to.days();
    const bool comparing = compare.has_value();
    const std::int32_t compare_from = comparing ? compare->from.days() : 1;
    const std::int32_t compare_to = comparing ? compare->to.days() : 0;

    auto fresh = [&] {
        detail::PeriodCounts counts;
        counts.units.assign(unit_count + 1, 0);
        counts.themes.assign(theme_count, 0);
        counts.groups.assign(group_count, 0);
        return counts;
    };
    detail::PeriodCounts current = fresh();
    detail::PeriodCounts previous = fresh();

    // Per citizen: cases and inquiries in the period, one byte each (counts stop at 255, which
    // no office reaches for one citizen in one period; the repeat-contact table shows 255 for
    // "255 or more"); one bit per inquiry seen.
    std::vector<std::uint8_t> citizen_cases(cases.citizen_count + 1, 0);
    std::vector<std::uint8_t> citizen_inquiries(cases.citizen_count + 1, 0);
    std::vector<bool> inquiry_seen(cases.inquiry_count, false);
    std::vector<bool> compare_citizen(comparing ? cases.citizen_count + 1 : 0, false);
    std::vector<bool> compare_inquiry(comparing ? cases.inquiry_count : 0, false);

    for (auto& counts : report.actions) counts.assign(code_count<Action>, 0);
    report.resolutions.assign(code_count<Resolution>, 0);
    report.admin_responses.assign(code_count<AdminResponse>, 0);
    report.rejections.assign(code_count<RejectionReason>, 0);
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

    // The citizen a case counts for: none for a staff consultation.
    auto cited = [&](std::size_t i) OMBUDS_ALWAYS_INLINE {
        return cases.kind[i] == static_cast<std::uint8_t>(Kind::staff) ? CaseColumns::anonymous
                                                                       : cases.citizen[i];
    };

    // Inlined: it runs for every case of both periods.
    auto count_in = [&](detail::PeriodCounts& counts, std::size_t i) OMBUDS_ALWAYS_INLINE {
        auto kind = cases.kind[i];
        auto role = cases.role[i];
        auto& volume = counts.volume;
        ++volume.cases;
        if (role == static_cast<std::uint8_t>(Role::main)) ++volume.main_cases;
        if (kind < 4 && role < 2) ++volume.by_kind[kind][role];
        if (kind == static_cast<std::uint8_t>(Kind::staff)) return;  // staff: their own section
        if (cases.citizen[i] == CaseColumns::anonymous) ++volume.anonymous_cases;
        auto unit = cases.unit[i];
        ++counts.units[unit < unit_count ? unit : unit_count];
        if (cases.theme[i] < theme_count) ++counts.themes[cases.theme[i]];
        if (cases.group[i] < group_count) ++counts.groups[cases.group[i]];
    };

    for (std::size_t i = 0; i < n; ++i) {
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
            count_in(previous, i);
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

        count_in(current, i);
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
        if (kind < 4 && cases.action[i] < code_count<Action>)
            ++report.actions[kind][cases.action[i]];
        if (cases.resolution[i] < code_count<Resolution>) ++report.resolutions[cases.resolution[i]];
        if (cases.admin_response[i] < code_count<AdminResponse>)
            ++report.admin_responses[cases.admin_response[i]];
        if (cases.rejection_reason[i] < code_count<RejectionReason>)
            ++report.rejections[cases.rejection_reason[i]];

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
            auto unit = cases.unit[i];
            ++staff_units[unit < unit_count ? unit : unit_count];
            if (cases.group[i] < group_count) ++report.staff_by_group[cases.group[i]];
        }
    }

    report.volume = current.volume;
    if (comparing) report.compare_volume = previous.volume;

    // Section 2: roll unit counts up the tree; list areas, then their children, by code order
    // of the configuration. Nodes with no case in either period are left out.
    {
        Counts rolled(unit_count, 0), rolled_compare(unit_count, 0);
        for (std::size_t u = 0; u < unit_count; ++u) {
            for (std::optional<UnitIndex> at = static_cast<UnitIndex>(u); at;
                 at = config.organisation.unit(*at).parent_index) {
                rolled[*at] += current.units[u];
                rolled_compare[*at] += previous.units[u];
            }
        }
        std::vector<std::vector<UnitIndex>> children(unit_count);
        std::vector<UnitIndex> areas;
        for (std::size_t u = 0; u < unit_count; ++u) {
            const auto& unit = config.organisation.unit(static_cast<UnitIndex>(u));
            if (unit.parent_index) {
                children[*unit.parent_index].push_back(static_cast<UnitIndex>(u));
            } else {
                areas.push_back(static_cast<UnitIndex>(u));
            }
        }
        auto build = [&](auto& self, UnitIndex u) -> OrgRow {
            OrgRow row;
            row.unit = u;
            row.level = config.organisation.unit(u).level;
            row.count = rolled[u];
            row.compare_count = rolled_compare[u];
            for (auto child : children[u]) {
                if (rolled[child] == 0 && rolled_compare[child] == 0) continue;
                row.children.push_back(self(self, child));
            }
            return row;
        };
        // Internal areas first, external authorities after, as their own rows.
        for (bool external : {false, true}) {
            for (auto area : areas) {
                if (config.organisation.unit(area).external != external) continue;
                if (rolled[area] == 0 && rolled_compare[area] == 0) continue;
                report.organisation.push_back(build(build, area));
            }
        }
        if (current.units[unit_count] > 0 || previous.units[unit_count] > 0) {
            OrgRow none;
            none.count = current.units[unit_count];
            none.compare_count = previous.units[unit_count];
            report.organisation.push_back(none);
        }
    }

    // Section 3: themes ranked by count, ties in catalogue order, "other" last.
    {
        std::optional<ThemeIndex> other = config.themes.find_theme("other");
        for (std::size_t t = 0; t < theme_count; ++t) {
            if (current.themes[t] == 0 && previous.themes[t] == 0) continue;
            report.themes.push_back(
                ThemeRow{static_cast<ThemeIndex>(t), 0, current.themes[t], previous.themes[t]});
        }
        std::stable_sort(
            report.themes.begin(), report.themes.end(), [&](const ThemeRow& a, const ThemeRow& b) {
                bool a_other = other && a.theme == *other, b_other = other && b.theme == *other;
                if (a_other != b_other) return b_other;
                return a.count > b.count;
            });
        for (std::size_t r = 0; r < report.themes.size(); ++r)
            report.themes[r].rank = static_cast<int>(r + 1);
        for (std::size_t g = 0; g < group_count; ++g) {
            if (current.groups[g] == 0 && previous.groups[g] == 0) continue;
            report.theme_groups.push_back(
                GroupRow{static_cast<GroupIndex>(g), current.groups[g], previous.groups[g]});
        }
    }

    // Section 6: complexity, over the main cases received in the period.
    {
        std::vector<std::uint32_t> distribution;
        std::uint64_t mains = 0, total_followups = 0;
        for (std::size_t row = first_row; row <= last_row && row < n; ++row) {
            if (cases.received[row] < from || cases.received[row] > to) continue;
            if (cases.role[row] != static_cast<std::uint8_t>(Role::main)) continue;
            std::uint32_t count = followups[row - first_row];
            if (distribution.size() <= count) distribution.resize(count + 1, 0);
            ++distribution[count];
            ++mains;
            total_followups += count;
        }
        report.followups_of_mains = static_cast<std::uint32_t>(total_followups);
        report.followups_per_main =
            mains ? static_cast<double>(total_followups) / static_cast<double>(mains) : 0.0;
        for (std::uint32_t f = 0; f < distribution.size(); ++f) {
            if (distribution[f]) report.main_cases_by_followups.emplace_back(f, distribution[f]);
        }
    }

    // Section 7: repeat contact.
    {
        std::vector<std::uint32_t> by_inquiries, by_cases;
        for (std::size_t c = 1; c < citizen_cases.size(); ++c) {
            if (citizen_cases[c] == 0) continue;
            if (by_cases.size() <= citizen_cases[c]) by_cases.resize(citizen_cases[c] + 1u, 0);
            ++by_cases[citizen_cases[c]];
            if (by_inquiries.size() <= citizen_inquiries[c])
                by_inquiries.resize(citizen_inquiries[c] + 1u, 0);
            ++by_inquiries[citizen_inquiries[c]];
        }
        for (std::uint32_t k = 0; k < by_inquiries.size(); ++k) {
            if (by_inquiries[k]) report.citizens_by_inquiries.emplace_back(k, by_inquiries[k]);
        }
        for (std::uint32_t k = 0; k < by_cases.size(); ++k) {
            if (by_cases[k]) report.citizens_by_cases.emplace_back(k, by_cases[k]);
        }
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
    return report;
}

}  // namespace ombuds
