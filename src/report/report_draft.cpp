// SPDX-License-Identifier: MPL-2.0
// The Draft of report_draft.hpp: the places of each cell in the report, what is made from
// them, and the finishing work once protect() has chosen what to hide.
#include "report/report_draft.hpp"

#include "report/shares.hpp"

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

void Draft::finish_shares(const Shares& shares) {
    if (hidden_[shares.total]) {
        for (auto& [pct, cell] : shares.lines) pct->hide();
        return;
    }
    std::vector<std::uint64_t> counts;
    std::vector<bool> hidden;
    for (const auto& [pct, cell] : shares.lines) {
        counts.push_back(static_cast<std::uint64_t>(cells_.value(cell)));
        hidden.push_back(hidden_[cell]);
    }
    for (std::size_t i = 0; i < shares.lines.size(); ++i) {
        auto* pct = shares.lines[i].first;
        auto share = hidden[i] ? std::nullopt : known_share(counts, hidden, i);
        if (share) {
            *pct = Tenths::of(*share);
        } else {
            pct->hide();
        }
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
