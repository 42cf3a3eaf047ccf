// SPDX-License-Identifier: MPL-2.0
// Disclosure control's own parts (disclosure.hpp): the cells and relations, protect() on small
// tables whose answer is known by hand, and the linear program solver it uses.
#include "ombuds/disclosure.hpp"

#include <gtest/gtest.h>

#include "report/linear_program.hpp"

namespace ombuds {
namespace {

using disclosure::CellId;
using disclosure::CellRole;
using disclosure::Cells;
using report_detail::LinearProgram;

TEST(LinearProgram, SolvesASmallProgram) {
    // minimise -x - 2y subject to x + y <= 4, x + 3y <= 6, x <= 3: optimum x = 3, y = 1.
    LinearProgram program;
    auto x = program.add_variable(-1.0, 3.0);
    auto y = program.add_variable(-2.0);
    program.add_row({{x, 1.0}, {y, 1.0}}, LinearProgram::Sense::at_most, 4.0);
    program.add_row({{x, 1.0}, {y, 3.0}}, LinearProgram::Sense::at_most, 6.0);
    auto solution = program.minimize();
    ASSERT_EQ(solution.status, LinearProgram::Status::optimal);
    EXPECT_NEAR(solution.values[x], 3.0, 1e-9);
    EXPECT_NEAR(solution.values[y], 1.0, 1e-9);
    EXPECT_NEAR(solution.objective, -5.0, 1e-9);
}

TEST(LinearProgram, EqualitiesLowerRowsAndInfeasibility) {
    // x + y = 10, x - y >= 4, minimise y: x = 7, y = 3.
    LinearProgram program;
    auto x = program.add_variable(0.0);
    auto y = program.add_variable(1.0);
    program.add_row({{x, 1.0}, {y, 1.0}}, LinearProgram::Sense::equal, 10.0);
    program.add_row({{x, 1.0}, {y, -1.0}}, LinearProgram::Sense::at_least, 4.0);
    auto solution = program.minimize();
    ASSERT_EQ(solution.status, LinearProgram::Status::optimal);
    EXPECT_NEAR(solution.values[y], 0.0, 1e-9);  // x = 10, y = 0 is cheaper still
    // With x at most 5 there is no solution.
    LinearProgram bounded;
    auto bx = bounded.add_variable(0.0, 5.0);
    auto by = bounded.add_variable(1.0, 2.0);
    bounded.add_row({{bx, 1.0}, {by, 1.0}}, LinearProgram::Sense::equal, 10.0);
    EXPECT_EQ(bounded.minimize().status, LinearProgram::Status::infeasible);
    // A negative right-hand side and an unbounded objective.
    LinearProgram open;
    auto ox = open.add_variable(-1.0);
    open.add_row({{ox, -1.0}}, LinearProgram::Sense::at_most, -2.0);
    EXPECT_EQ(open.minimize().status, LinearProgram::Status::unbounded);
}

TEST(LinearProgram, DegenerateProgramsEnd) {
    // Many equal rows through one point (the classic cycling shape): solved, not looped.
    LinearProgram program;
    std::vector<std::size_t> x;
    for (int i = 0; i < 8; ++i) x.push_back(program.add_variable(i % 2 ? -1.0 : 1.0, 1.0));
    for (int r = 0; r < 12; ++r) {
        std::vector<std::pair<std::size_t, double>> terms;
        for (int i = 0; i < 8; ++i) terms.emplace_back(x[i], ((r + i) % 3) - 1.0);
        program.add_row(terms, LinearProgram::Sense::at_most, 0.0);
    }
    EXPECT_EQ(program.minimize().status, LinearProgram::Status::optimal);
}

TEST(Cells, RelationsMustHoldForTheTrueValues) {
    Cells cells;
    auto a = cells.add(3), b = cells.add(4), total = cells.add(7);
    EXPECT_NO_THROW(cells.sum(total, {a, b}));
    EXPECT_THROW(cells.sum(a, {b}), std::logic_error);
    EXPECT_THROW(cells.at_least({{a, 1}, {b, -1}}), std::logic_error);
    // A total its parts need not cover gets a remainder cell, never shown or protected.
    auto whole = cells.add(10);
    auto rest = cells.equal_with_rest({{whole, 1}, {a, -1}, {b, -1}});
    EXPECT_EQ(cells.value(rest), 3);
    EXPECT_EQ(cells.role(rest), CellRole::remainder);
}

/// A table with row and column totals: cells[r][c], rows[r], columns[c], total.
struct Grid {
    Cells cells;
    std::vector<std::vector<CellId>> at;
    std::vector<CellId> rows, columns;
    CellId total = 0;

    explicit Grid(const std::vector<std::vector<std::uint64_t>>& values) {
        std::vector<std::uint64_t> column_sums(values[0].size(), 0);
        std::uint64_t all = 0;
        for (const auto& row : values) {
            at.emplace_back();
            std::uint64_t sum = 0;
            for (std::size_t c = 0; c < row.size(); ++c) {
                at.back().push_back(cells.add(row[c]));
                sum += row[c];
                column_sums[c] += row[c];
            }
            rows.push_back(cells.add(sum));
            cells.sum(rows.back(), at.back());
            all += sum;
        }
        for (std::size_t c = 0; c < column_sums.size(); ++c) {
            columns.push_back(cells.add(column_sums[c]));
            std::vector<CellId> parts;
            for (const auto& row : at) parts.push_back(row[c]);
            cells.sum(columns.back(), parts);
        }
        total = cells.add(all);
        cells.sum(total, rows);
        cells.sum(total, columns);
    }
};

TEST(Protect, ASmallCellAndItsCheapestPartners) {
    // 2 in a table with margins: hiding it alone would show it through its row and column;
    // the cheapest cells that let it reach 5 are the other corners of a rectangle, smallest
    // first (the 6 and 7 rather than the 40s).
    Grid grid({{2, 6, 40}, {7, 9, 41}, {40, 50, 60}});
    auto hidden = disclosure::protect(grid.cells, 5);
    EXPECT_TRUE(hidden[grid.at[0][0]]);
    EXPECT_TRUE(hidden[grid.at[0][1]]);
    EXPECT_TRUE(hidden[grid.at[1][0]]);
    EXPECT_TRUE(hidden[grid.at[1][1]]);
    for (auto margin : grid.rows) EXPECT_FALSE(hidden[margin]);
    for (auto margin : grid.columns) EXPECT_FALSE(hidden[margin]);
    EXPECT_FALSE(hidden[grid.at[2][2]]);
}

TEST(Protect, ZerosAreShownAndOnlyCountsAreProtected) {
    Cells cells;
    auto zero = cells.add(0), big = cells.add(30), total = cells.add(30);
    cells.sum(total, {zero, big});
    auto hidden = disclosure::protect(cells, 5);
    EXPECT_FALSE(hidden[zero]);
    EXPECT_FALSE(hidden[big]);
    // A remainder is never shown; an unpublished count is protected even so.
    Cells more;
    auto late = more.add(2, CellRole::unpublished);
    auto within = more.add(8, CellRole::implied);
    auto measured = more.add(10);
    more.sum(measured, {within, late});
    auto flags = disclosure::protect(more, 5);
    EXPECT_TRUE(flags[late]);
    EXPECT_TRUE(flags[within] || flags[measured]);  // else 10 - 8 shows the 2
}

TEST(Protect, TheThresholdIsNeverBelowThree) {
    Cells cells;
    auto small = cells.add(2);
    EXPECT_TRUE(disclosure::protect(cells, 1)[small]);
    EXPECT_TRUE(disclosure::protect(cells, 3)[small]);
    Cells four;
    auto count = four.add(4);
    EXPECT_FALSE(disclosure::protect(four, 3)[count]);
    EXPECT_TRUE(disclosure::protect(four, 5)[count]);
}

TEST(Protect, AWeightedSumIsARelationToo) {
    // Citizens with 1, 2 and 3 cases: 10, 2, 10, adding to 22 citizens and 44 cases. Hiding the
    // 2 and one more band would still give both from the two sums; a third band must go.
    Cells cells;
    auto one = cells.add(10), two = cells.add(2), three = cells.add(10);
    auto citizens = cells.add(22), cases = cells.add(44);
    cells.sum(citizens, {one, two, three});
    cells.equal({{one, 1}, {two, 2}, {three, 3}, {cases, -1}});
    auto hidden = disclosure::protect(cells, 5);
    EXPECT_TRUE(hidden[two]);
    int bands = hidden[one] + hidden[two] + hidden[three];
    EXPECT_TRUE(bands == 3 || hidden[citizens] || hidden[cases]);
}

}  // namespace
}  // namespace ombuds
