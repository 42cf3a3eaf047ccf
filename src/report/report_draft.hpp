// SPDX-License-Identifier: MPL-2.0
// How a section of the report declares itself to disclosure control. A section fills its
// figures in the Report with their true values and, through a Draft, says which cell each count
// is, the relations a reader knows between cells, and which figures are made from which cells
// (shares, differences, ranks, medians). finish() then hides what protect() chooses, and every
// figure made from a hidden cell; shares and ranks are shown only where what is shown fixes them.
//
// A new section (as sections 11-13 and `ombuds table` did) plugs in without suppression code:
//   1. the engine computes its true counts into Statistics;
//   2. Report gets its figures (Count, Tenths, Whole, Decimal);
//   3. a draft_<section>() fills them through shown() and declares how they relate:
//      cells().sum(total, parts) for each total and its parts (rows, columns, margins, both
//      periods), equal_with_rest() or at_least() for a total its parts need not cover,
//      shares() for percentages of a total, derived() for differences, means and medians,
//      ranking() for ranks; it reuses the volume cells for the counts it shares with them;
//   4. the renderers format the new figures.
// The audit's attacker (tests/report/attacker.cpp) learns the same relations from the JSON.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <vector>

#include "ombuds/disclosure.hpp"
#include "ombuds/report.hpp"

namespace ombuds::report_detail {

using disclosure::CellId;
using disclosure::CellRole;
using disclosure::Term;

/// A row of a ranked list (themes by count).
struct RankedRow {
    Whole* rank = nullptr;
    CellId cell = 0;
    std::int64_t true_rank = 0;  // in the advisor's report
};

/// The rows of a ranked list that `holders` hold together, perhaps with more.
struct RankBound {
    std::vector<CellId> holders;
    std::vector<std::size_t> rows;
};

class Draft {
  public:
    /// `outside`: the report is for an audience outside the office.
    Draft(bool outside, int threshold) : outside_(outside), threshold_(threshold) {}
    Draft(const Draft&) = delete;
    Draft& operator=(const Draft&) = delete;

    disclosure::Cells& cells() noexcept { return cells_; }
    bool outside() const noexcept { return outside_; }
    int threshold() const noexcept { return threshold_; }

    /// A count the report shows at `figure` (set to `value`).
    CellId shown(Count& figure, std::uint64_t value);
    /// Another place that shows the same cell (hidden with it).
    void also(Count& figure, CellId cell);
    /// A count shown only through figures made from it.
    CellId implied(std::uint64_t value) { return cells_.add(value, CellRole::implied); }
    /// A count of the advisor's report this report does not show on its own.
    CellId unpublished(std::uint64_t value) { return cells_.add(value, CellRole::unpublished); }

    /// A figure made from `from`: `value` (none: no such figure), hidden when any of them is.
    template <class T>
    void derived(Figure<T>& figure, std::optional<T> value, std::vector<CellId> from) {
        figure = value ? Figure<T>::of(*value) : Figure<T>();
        if (!value) return;
        made_.push_back(Made{std::move(from), [&figure] { figure.hide(); }});
    }

    /// The shares of a list's lines in its total: largest remainder over the shown lines and
    /// the hidden rest together, so a shown share tells nothing about a hidden line. All hidden
    /// when the total is.
    void shares(std::vector<std::pair<Tenths*, CellId>> lines, CellId total);

    /// Ranks of a list by count. A shown row's rank is shown when no hidden row can rank above
    /// it: its count is larger than the most any hidden row can hold by what is shown, which
    /// each bound gives for its rows (what its holders hold less the shown rows). `last` (the
    /// row always ranked last, "other"), when shown, keeps its rank.
    void ranking(std::vector<RankedRow> rows, std::vector<RankBound> bounds,
                 std::optional<std::size_t> last);

    /// Work to do once every figure is final (sorting hidden rows after shown ones).
    void then(std::function<void()> step) { steps_.push_back(std::move(step)); }
    /// Whether a cell is hidden: known once finish() has decided, for the work of then().
    bool hidden(CellId cell) const { return hidden_.at(cell); }

    /// Decides what to hide (outside the office), hides it, works out shares and ranks. Returns
    /// whether anything is hidden.
    bool finish();

  private:
    struct Made {
        std::vector<CellId> from;
        std::function<void()> hide;
    };
    struct Shares {
        std::vector<std::pair<Tenths*, CellId>> lines;
        CellId total;
    };
    struct Ranking {
        std::vector<RankedRow> rows;
        std::vector<RankBound> bounds;
        std::optional<std::size_t> last;
    };
    void finish_shares(const Shares& shares);
    void finish_ranking(const Ranking& ranking);

    bool outside_;
    int threshold_;
    disclosure::Cells cells_;
    std::vector<std::pair<Count*, CellId>> places_;
    std::vector<Made> made_;
    std::vector<Shares> shares_;
    std::vector<Ranking> rankings_;
    std::vector<std::function<void()>> steps_;
    std::vector<bool> hidden_;
};

/// The cells of one period's volume table, for the sections that relate to it.
struct VolumeCells {
    CellId citizens = 0, anonymous = 0, inquiries = 0, cases = 0, main_cases = 0, follow_ups = 0;
    std::array<std::array<CellId, 3>, 4> by_kind{};  // by Kind: main, follow-up, total
    CellId kind_total(Kind kind) const { return by_kind[static_cast<std::size_t>(kind)][2]; }
};
struct Volumes {
    VolumeCells period;
    std::optional<VolumeCells> compare;
};

/// The cells of a theme table (all cases, or the complaints): per row of the engine's list, the
/// theme and its cell in each period.
struct ThemeCells {
    std::vector<ThemeIndex> theme;
    std::vector<CellId> period, compare;
};

/// How many of the largest themes a chart shows on their own before the rest are pooled.
constexpr std::size_t charted_themes = 10;

/// The bands of an outside report's distributions stop at this value with an open band ("4 or
/// more"), whatever the counts: a bound chosen from the counts would tell about them.
constexpr std::uint32_t open_band_from = 4;

/// The sections, each declared through the draft from the true figures.
Volumes draft_volume(Draft& draft, Report& report, const Statistics& statistics);
void draft_organisation(Draft& draft, Report& report, const Statistics& statistics,
                        const Configuration& config, const Volumes& volumes);
ThemeCells draft_themes(Draft& draft, Report& report, const Statistics& statistics,
                        const Configuration& config, const Volumes& volumes);
void draft_lists(Draft& draft, Report& report, const Statistics& statistics,
                 const Configuration& config, const Volumes& volumes);
void draft_distributions(Draft& draft, Report& report, const Statistics& statistics,
                         const Volumes& volumes);
void draft_time(Draft& draft, Report& report, const Statistics& statistics, const Volumes& volumes);
void draft_over_time(Draft& draft, Report& report, const Statistics& statistics,
                     const Volumes& volumes);
void draft_complaint_themes(Draft& draft, Report& report, const Statistics& statistics,
                            const Configuration& config, const Volumes& volumes,
                            const ThemeCells& all);
void draft_deadlines(Draft& draft, Report& report, const Statistics& statistics,
                     const Configuration& config, const ThemeCells& themes);

/// The name of a month or quarter of section 11 ("jan. 2025", "1. kvt. 2025").
std::string bucket_label(Period dates, Interval interval, Lang lang);
/// A KLE subject as written: "27.24".
std::string kle_text(std::uint16_t subject);

}  // namespace ombuds::report_detail
