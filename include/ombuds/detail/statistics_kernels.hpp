// SPDX-License-Identifier: MPL-2.0
// The statistics engine's parts (statistics.hpp): the counts of one period, what a case's date
// or theme makes it count towards (working days, the month or quarter, the deadline table), and
// the finishing work that turns the counts of the pass into the figures of each section.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "ombuds/calendar.hpp"
#include "ombuds/statistics_figures.hpp"

namespace ombuds::detail {

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

constexpr std::size_t max_histogram_days = 4000;

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

/// Section 11's interval for a period: months, or quarters when it spans more than 18 months.
constexpr Interval interval_for(Period period) noexcept {
    int months =
        (period.to.year() - period.from.year()) * 12 + period.to.month() - period.from.month() + 1;
    return months > 18 ? Interval::quarter : Interval::month;
}

/// The months or quarters of a period, and which one each of its days falls in (a look-up per
/// case instead of a calendar calculation).
class CalendarBuckets {
  public:
    CalendarBuckets() = default;
    CalendarBuckets(Period period, Interval interval) : first_(period.from.days()) {
        const int step = interval == Interval::month ? 1 : 3;
        Date at = period.from;
        while (!(period.to < at)) {
            int month = (at.month() - 1) / step * step + 1 + step;
            int year = at.year() + (month > 12 ? 1 : 0);
            auto next = Date::from_ymd(year, month > 12 ? month - 12 : month, 1);
            Date end = next && *next <= period.to ? next->plus_days(-1) : period.to;
            dates_.push_back(Period{at, end});
            if (!next || period.to < *next) break;
            at = *next;
        }
        day_bucket_.resize(static_cast<std::size_t>(period.to - period.from) + 1);
        for (std::size_t b = 0; b < dates_.size(); ++b) {
            for (auto d = dates_[b].from.days(); d <= dates_[b].to.days(); ++d)
                day_bucket_[static_cast<std::size_t>(d - first_)] = static_cast<std::uint16_t>(b);
        }
    }
    std::size_t size() const noexcept { return dates_.size(); }
    const std::vector<Period>& dates() const noexcept { return dates_; }
    /// The bucket of a day in the period.
    std::uint16_t of(std::int32_t day) const noexcept {
        return day_bucket_[static_cast<std::size_t>(day - first_)];
    }

  private:
    std::int32_t first_ = 0;
    std::vector<Period> dates_;
    std::vector<std::uint16_t> day_bucket_;
};

/// The counts of one period that both periods have.
struct PeriodCounts {
    Volume volume;
    Counts units;   // per UnitIndex, plus one slot at the end for "no unit"
    Counts themes;  // per ThemeIndex
    Counts groups;  // per GroupIndex
    Counts complaint_themes;
    Counts complaint_groups;
    std::array<Counts, 4> actions;  // per Kind, indexed by Action
    Counts rejections;              // indexed by RejectionReason
    CalendarBuckets calendar;
    std::vector<std::array<std::uint32_t, 5>> buckets;  // per bucket: by Kind, then every case

    PeriodCounts(const Configuration& config, Period period, Interval interval)
        : calendar(period, interval) {
        units.assign(config.organisation.size() + 1, 0);
        themes.assign(config.themes.themes().size(), 0);
        groups.assign(config.themes.groups().size(), 0);
        complaint_themes.assign(themes.size(), 0);
        complaint_groups.assign(groups.size(), 0);
        for (auto& counts : actions) counts.assign(code_count<Action>, 0);
        rejections.assign(code_count<RejectionReason>, 0);
        buckets.assign(calendar.size(), {});
    }

    std::vector<TimeBucket> time_buckets() const {
        std::vector<TimeBucket> out;
        for (std::size_t b = 0; b < buckets.size(); ++b) {
            TimeBucket bucket;
            bucket.dates = calendar.dates()[b];
            for (std::size_t k = 0; k < 4; ++k) bucket.by_kind[k] = buckets[b][k];
            bucket.total = buckets[b][4];
            out.push_back(bucket);
        }
        return out;
    }
};

/// The deadline table's counts: per KLE subject seen (a slot each, in order of first sight),
/// unit slot and deadline theme.
class DeadlineCounter {
  public:
    static constexpr std::uint16_t none = 0xFFFF;
    static constexpr std::size_t no_kle = 10000;  // the slot of the cases without KLE

    explicit DeadlineCounter(std::size_t unit_slots)
        : unit_slots_(unit_slots), kle_slot_(no_kle + 1, none) {}

    void add(std::uint16_t kle, std::size_t unit_slot, std::size_t which) {
        std::size_t subject = kle < no_kle ? kle : no_kle;
        std::uint16_t& slot = kle_slot_[subject];
        if (slot == none) {
            slot = static_cast<std::uint16_t>(subjects_.size());
            subjects_.push_back(static_cast<std::uint16_t>(subject));
            counts_.resize(subjects_.size() * unit_slots_ * 2, 0);
        }
        ++counts_[(slot * unit_slots_ + unit_slot) * 2 + which];
    }

    /// The rows with a count, by KLE subject (none last), unit (none last) and theme.
    std::vector<DeadlineRow> rows(const std::array<std::optional<ThemeIndex>, 2>& themes) const {
        std::vector<std::uint16_t> order = subjects_;
        std::sort(order.begin(), order.end());
        std::vector<DeadlineRow> out;
        for (auto subject : order) {
            std::size_t slot = kle_slot_[subject];
            for (std::size_t u = 0; u < unit_slots_; ++u) {
                for (std::size_t which = 0; which < 2; ++which) {
                    auto count = counts_[(slot * unit_slots_ + u) * 2 + which];
                    if (count == 0 || !themes[which]) continue;
                    out.push_back(DeadlineRow{subject == no_kle ? CaseColumns::no_index : subject,
                                              u + 1 == unit_slots_ ? CaseColumns::no_index
                                                                   : static_cast<std::uint16_t>(u),
                                              *themes[which], count});
                }
            }
        }
        return out;
    }

  private:
    std::size_t unit_slots_;
    std::vector<std::uint16_t> kle_slot_;
    std::vector<std::uint16_t> subjects_;
    std::vector<std::uint32_t> counts_;
};

/// Themes ranked by count, ties in catalogue order, "other" last; a theme with no case in
/// either period is left out.
inline std::vector<ThemeRow> ranked_themes(const Counts& now, const Counts& before,
                                           const ThemeCatalogue& catalogue) {
    std::vector<ThemeRow> rows;
    std::optional<ThemeIndex> other = catalogue.find_theme("other");
    for (std::size_t t = 0; t < now.size(); ++t) {
        if (now[t] == 0 && before[t] == 0) continue;
        rows.push_back(ThemeRow{static_cast<ThemeIndex>(t), 0, now[t], before[t]});
    }
    std::stable_sort(rows.begin(), rows.end(), [&](const ThemeRow& a, const ThemeRow& b) {
        bool a_other = other && a.theme == *other, b_other = other && b.theme == *other;
        if (a_other != b_other) return b_other;
        return a.count > b.count;
    });
    for (std::size_t r = 0; r < rows.size(); ++r) rows[r].rank = static_cast<int>(r + 1);
    return rows;
}

/// The theme groups in catalogue order; a group with no case in either period is left out.
inline std::vector<GroupRow> group_rows(const Counts& now, const Counts& before) {
    std::vector<GroupRow> rows;
    for (std::size_t g = 0; g < now.size(); ++g) {
        if (now[g] == 0 && before[g] == 0) continue;
        rows.push_back(GroupRow{static_cast<GroupIndex>(g), now[g], before[g]});
    }
    return rows;
}

/// Section 2: the unit counts rolled up the tree; areas (internal, then external), then their
/// children, in the configuration's order, then the cases without a unit. Nodes with no case in
/// either period are left out. A scoped report lists its node and what is below it.
inline std::vector<OrgRow> organisation_rows(const Counts& now, const Counts& before,
                                             const Organisation& organisation,
                                             std::optional<UnitIndex> scope) {
    const std::size_t unit_count = organisation.size();
    Counts rolled(unit_count, 0), rolled_compare(unit_count, 0);
    for (std::size_t u = 0; u < unit_count; ++u) {
        for (std::optional<UnitIndex> at = static_cast<UnitIndex>(u); at;
             at = organisation.unit(*at).parent_index) {
            rolled[*at] += now[u];
            rolled_compare[*at] += before[u];
        }
    }
    std::vector<std::vector<UnitIndex>> children(unit_count);
    std::vector<UnitIndex> areas;
    for (std::size_t u = 0; u < unit_count; ++u) {
        const auto& unit = organisation.unit(static_cast<UnitIndex>(u));
        if (unit.parent_index) {
            children[*unit.parent_index].push_back(static_cast<UnitIndex>(u));
        } else {
            areas.push_back(static_cast<UnitIndex>(u));
        }
    }
    auto build = [&](auto& self, UnitIndex u) -> OrgRow {
        OrgRow row;
        row.unit = u;
        row.level = organisation.unit(u).level;
        row.count = rolled[u];
        row.compare_count = rolled_compare[u];
        for (auto child : children[u]) {
            if (rolled[child] == 0 && rolled_compare[child] == 0) continue;
            row.children.push_back(self(self, child));
        }
        return row;
    };
    std::vector<OrgRow> rows;
    if (scope) {
        if (rolled[*scope] > 0 || rolled_compare[*scope] > 0) rows.push_back(build(build, *scope));
        return rows;
    }
    for (bool external : {false, true}) {
        for (auto area : areas) {
            if (organisation.unit(area).external != external) continue;
            if (rolled[area] == 0 && rolled_compare[area] == 0) continue;
            rows.push_back(build(build, area));
        }
    }
    if (now[unit_count] > 0 || before[unit_count] > 0) {
        OrgRow none;
        none.count = now[unit_count];
        none.compare_count = before[unit_count];
        rows.push_back(none);
    }
    return rows;
}

/// Which unit slots (per UnitIndex, then "no unit") a report scoped to `scope` counts: the node
/// and every node below it.
inline std::vector<std::uint8_t> scope_mask(const Organisation& organisation,
                                            std::optional<UnitIndex> scope) {
    std::vector<std::uint8_t> mask(organisation.size() + 1, scope ? 0 : 1);
    if (!scope) return mask;
    for (std::size_t u = 0; u < organisation.size(); ++u) {
        for (std::optional<UnitIndex> at = static_cast<UnitIndex>(u); at;
             at = organisation.unit(*at).parent_index) {
            if (*at == *scope) mask[u] = 1;
        }
    }
    return mask;
}

/// Pairs (value, how many) of the values present in a histogram.
inline std::vector<std::pair<std::uint32_t, std::uint32_t>> present(const Counts& histogram) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    for (std::uint32_t k = 0; k < histogram.size(); ++k) {
        if (histogram[k]) out.emplace_back(k, histogram[k]);
    }
    return out;
}

}  // namespace ombuds::detail
