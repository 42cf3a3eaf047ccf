// SPDX-License-Identifier: MPL-2.0
// The Draft of report_draft.hpp: the places of each cell in the report, what is made from
// them, and the finishing work once protect() has chosen what to hide.
#include "report/report_draft.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <optional>

namespace ombuds::report_detail {

CellId Draft::shown(Count& figure, std::uint64_t value) {
    figure = Count::of(static_cast<std::uint32_t>(value));
    auto cell = cells_.add(value, CellRole::shown);
    places_.emplace_back(&figure, cell);
    return cell;
}

void Draft::also(Count& figure, CellId cell) {
    figure = Count::of(static_cast<std::uint32_t>(cells_.value(cell)));
    places_.emplace_back(&figure, cell);
}

void Draft::shares(std::vector<std::pair<Tenths*, CellId>> lines, CellId total) {
    for (auto& [pct, cell] : lines) *pct = Tenths::of(0);
    shares_.push_back(Shares{std::move(lines), total});
}

void Draft::ranking(std::vector<RankedRow> rows, std::vector<RankBound> bounds,
                    std::optional<std::size_t> last) {
    for (auto& row : rows) *row.rank = Whole::of(row.true_rank);
    rankings_.push_back(Ranking{std::move(rows), std::move(bounds), last});
}

bool Draft::finish() {
    hidden_ = outside_ ? disclosure::protect(cells_, threshold_)
                       : std::vector<bool>(cells_.size(), false);
    bool any = false;
    for (CellId c = 0; c < cells_.size(); ++c) {
        auto role = cells_.role(c);
        any |= hidden_[c] && (role == CellRole::shown || role == CellRole::implied);
    }
    for (auto& [figure, cell] : places_) {
        if (hidden_[cell]) figure->hide();
    }
    for (auto& made : made_) {
        if (std::any_of(made.from.begin(), made.from.end(), [&](CellId c) { return hidden_[c]; }))
            made.hide();
    }
    for (const auto& shares : shares_) finish_shares(shares);
    for (const auto& ranking : rankings_) finish_ranking(ranking);
    for (auto& step : steps_) step();
    return any;
}

namespace {

/// The least and the most of sum_j g_j(x_j) over whole x_j >= 1 adding up to `mass`, by
/// dynamic programming over the mass; none when that is too much work.
std::optional<std::pair<std::int64_t, std::int64_t>> extremes(
    const std::vector<std::function<std::int64_t(std::uint64_t)>>& g, std::uint64_t mass) {
    const std::uint64_t parts = g.size();
    if (parts == 0 || mass < parts || parts * mass * mass > 20'000'000) return std::nullopt;
    constexpr auto none = std::numeric_limits<std::int64_t>::max();
    // low[m] / high[m]: over the lines so far, using mass m.
    std::vector<std::int64_t> low(mass + 1, none), high(mass + 1, -none);
    low[0] = high[0] = 0;
    for (const auto& term : g) {
        std::vector<std::int64_t> next_low(mass + 1, none), next_high(mass + 1, -none);
        for (std::uint64_t used = 0; used < mass; ++used) {
            if (low[used] == none) continue;
            for (std::uint64_t v = 1; used + v <= mass; ++v) {
                auto value = term(v);
                next_low[used + v] = std::min(next_low[used + v], low[used] + value);
                next_high[used + v] = std::max(next_high[used + v], high[used] + value);
            }
        }
        low.swap(next_low);
        high.swap(next_high);
    }
    if (low[mass] == none) return std::nullopt;
    return std::pair{low[mass], high[mass]};
}

}  // namespace

void Draft::finish_shares(const Shares& shares) {
    if (hidden_[shares.total]) {
        for (auto& [pct, cell] : shares.lines) pct->hide();
        return;
    }
    // The office's shares: largest remainder over every line. Where lines are hidden, a shown
    // line's share is shown only when it is the same whatever the hidden lines hold (adding up
    // to the rest of the total), so it is the office's figure and tells nothing of them.
    const auto& lines = shares.lines;
    std::vector<std::uint64_t> counts;
    std::vector<std::size_t> hidden_lines;
    std::uint64_t rest = static_cast<std::uint64_t>(cells_.value(shares.total));
    for (std::size_t i = 0; i < lines.size(); ++i) {
        counts.push_back(static_cast<std::uint64_t>(cells_.value(lines[i].second)));
        if (hidden_[lines[i].second]) {
            hidden_lines.push_back(i);
        } else {
            rest -= counts.back();
        }
    }
    const auto tenths = largest_remainder_tenths(counts);
    const std::uint64_t total = static_cast<std::uint64_t>(cells_.value(shares.total));
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto* pct = lines[i].first;
        if (hidden_[lines[i].second]) {
            pct->hide();
            continue;
        }
        *pct = Tenths::of(tenths[i]);
        if (hidden_lines.empty() || total == 0) continue;
        // Line i gets the extra tenth when fewer lines rank above it by remainder (earlier
        // lines first on a tie) than there are tenths left after every line's whole tenths.
        auto remainder = [&](std::uint64_t count) { return count * 1000 % total; };
        auto whole = [&](std::uint64_t count) {
            return static_cast<std::int64_t>(count * 1000 / total);
        };
        auto above = [&](std::size_t j, std::uint64_t count) {
            auto r = remainder(count), mine = remainder(counts[i]);
            return r > mine || (r == mine && j < i) ? 1 : 0;
        };
        std::int64_t room = 1000;  // tenths left, less the shown lines ranked above
        for (std::size_t j = 0; j < lines.size(); ++j) {
            if (hidden_[lines[j].second]) continue;
            room -= whole(counts[j]);
            if (j != i) room -= above(j, counts[j]);
        }
        std::vector<std::function<std::int64_t(std::uint64_t)>> g;
        for (auto j : hidden_lines)
            g.emplace_back([&, j](std::uint64_t v) { return whole(v) + above(j, v); });
        auto range = extremes(g, rest);
        // Given the extra tenth in every case, or in none.
        bool known = range && (room - range->second > 0 || room - range->first <= 0);
        if (!known) pct->hide();
    }
}

void Draft::finish_ranking(const Ranking& ranking) {
    const auto& rows = ranking.rows;
    constexpr auto unknown = std::numeric_limits<std::int64_t>::max();
    // Per hidden row, the most it can hold by what is shown: per bound whose holders are all
    // shown, what they hold less the shown rows and 1 for each other hidden row in it.
    std::vector<std::int64_t> most(rows.size(), unknown);
    for (const auto& bound : ranking.bounds) {
        if (std::any_of(bound.holders.begin(), bound.holders.end(),
                        [&](CellId c) { return hidden_[c]; }))
            continue;
        std::int64_t room = 0, hidden_rows = 0;
        for (auto holder : bound.holders) room += cells_.value(holder);
        for (auto r : bound.rows) {
            if (hidden_[rows[r].cell]) {
                ++hidden_rows;
            } else {
                room -= cells_.value(rows[r].cell);
            }
        }
        for (auto r : bound.rows) {
            if (hidden_[rows[r].cell]) most[r] = std::min(most[r], room - (hidden_rows - 1));
        }
    }
    std::int64_t largest_hidden = std::numeric_limits<std::int64_t>::min();
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (hidden_[rows[r].cell]) largest_hidden = std::max(largest_hidden, most[r]);
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        bool known =
            !hidden_[row.cell] && (ranking.last == i || cells_.value(row.cell) > largest_hidden);
        if (!known) row.rank->hide();
    }
}

}  // namespace ombuds::report_detail
