// SPDX-License-Identifier: MPL-2.0
// The true figures of a report as the statistics engine (statistics.hpp) gives them, and the
// rules of presenting them (percentages that add up to 100, percent changes, the comparison
// period). Header-only.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "ombuds/case_columns.hpp"
#include "ombuds/config.hpp"
#include "ombuds/date.hpp"

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

/// How section 11 divides a period: months, or quarters for a period of more than 18 months.
enum class Interval : std::uint8_t { month, quarter };

/// The cases received in one month or quarter (section 11); `dates` is the part of it that lies
/// in the period.
struct TimeBucket {
    Period dates{Date::first(), Date::first()};
    std::array<std::uint32_t, 4> by_kind{};  // by Kind
    std::uint32_t total = 0;
};

/// One line of the deadline table (section 13): the cases of one theme, KLE subject and unit.
struct DeadlineRow {
    std::uint16_t kle = CaseColumns::no_index;  // NN * 100 + NN; no_index: no KLE number
    std::uint16_t unit = CaseColumns::no_index;
    ThemeIndex theme = 0;
    std::uint32_t count = 0;
};

/// The themes of section 13: statutory deadlines exceeded and slow processing.
inline constexpr std::array<std::string_view, 2> deadline_themes{"deadline_exceeded",
                                                                 "slow_processing"};

/// Every figure of the report of a period, true and complete: the advisor's report.
struct Statistics {
    Period period{Date::first(), Date::first()};
    std::optional<Period> compare;   // none: no comparison
    std::optional<UnitIndex> scope;  // the node the report is scoped to; none: all cases
    Volume volume;
    std::optional<Volume> compare_volume;
    std::vector<OrgRow> organisation;
    std::vector<ThemeRow> themes;        // ranked
    std::vector<GroupRow> theme_groups;  // catalogue order
    std::array<Counts, 4> actions;       // per Kind, indexed by Action
    std::array<Counts, 4> compare_actions;
    Counts resolutions;      // indexed by Resolution
    Counts admin_responses;  // indexed by AdminResponse
    Counts rejections;       // indexed by RejectionReason
    Counts compare_rejections;
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
    // Section 11: per month or quarter, in order; the comparison period's own buckets.
    Interval interval = Interval::month;
    std::vector<TimeBucket> over_time;
    std::vector<TimeBucket> compare_over_time;
    // Section 12: the complaints' own themes (ranked) and theme groups, both periods.
    std::vector<ThemeRow> complaint_themes;
    std::vector<GroupRow> complaint_theme_groups;
    // Section 13: by KLE subject (no KLE last), unit and theme.
    std::vector<DeadlineRow> deadlines;
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

}  // namespace ombuds
