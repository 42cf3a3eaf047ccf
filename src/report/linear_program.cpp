// SPDX-License-Identifier: MPL-2.0
// The bounded primal simplex of linear_program.hpp. Every row becomes an equality (a slack for
// >= and <=) with a non-negative right-hand side and an artificial variable, which is the first
// basis. Phase 1 minimises the artificials; phase 2 the costs, with the artificials fixed at 0.
// Nonbasic variables sit at their lower bound 0 or at their upper bound.
#include "report/linear_program.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace ombuds::report_detail {
namespace {

constexpr double pivot_tolerance = 1e-9;
constexpr double cost_tolerance = 1e-9;
constexpr double feasibility_tolerance = 1e-7;

class Tableau {
  public:
    Tableau(std::size_t rows, std::size_t columns)
        : rows_(rows), columns_(columns), cells_(rows * columns, 0.0) {}
    double& at(std::size_t row, std::size_t column) { return cells_[row * columns_ + column]; }
    double at(std::size_t row, std::size_t column) const { return cells_[row * columns_ + column]; }
    std::size_t rows() const noexcept { return rows_; }
    std::size_t columns() const noexcept { return columns_; }

  private:
    std::size_t rows_, columns_;
    std::vector<double> cells_;
};

/// The simplex state: tableau B^-1 A, basic variables and their values, the bound each nonbasic
/// variable sits at, and the reduced costs of the phase being solved.
class Simplex {
  public:
    Simplex(Tableau tableau, std::vector<double> upper, std::vector<double> values)
        : t_(std::move(tableau)),
          upper_(std::move(upper)),
          basic_value_(std::move(values)),
          at_upper_(t_.columns(), false),
          reduced_(t_.columns(), 0.0),
          basis_(t_.rows()),
          is_basic_(t_.columns(), false) {}

    void set_basis(std::size_t row, std::size_t column) {
        basis_[row] = column;
        is_basic_[column] = true;
    }

    /// Reduced costs and the objective for `costs` under the current basis.
    void price(const std::vector<double>& costs) {
        costs_ = costs;
        for (std::size_t j = 0; j < t_.columns(); ++j) {
            double d = costs[j];
            for (std::size_t i = 0; i < t_.rows(); ++i) d -= costs[basis_[i]] * t_.at(i, j);
            reduced_[j] = is_basic_[j] ? 0.0 : d;
        }
    }

    double objective() const {
        double total = 0;
        for (std::size_t j = 0; j < t_.columns(); ++j) total += costs_[j] * value(j);
        return total;
    }

    double value(std::size_t column) const {
        if (is_basic_[column]) {
            for (std::size_t i = 0; i < t_.rows(); ++i) {
                if (basis_[i] == column) return basic_value_[i];
            }
        }
        return at_upper_[column] ? upper_[column] : 0.0;
    }

    LinearProgram::Status run(std::size_t iteration_limit) {
        std::size_t degenerate_run = 0;
        for (std::size_t iteration = 0; iteration < iteration_limit; ++iteration) {
            const bool bland = degenerate_run > 50;
            auto entering = choose_entering(bland);
            if (!entering) return LinearProgram::Status::optimal;
            auto step = step_along(*entering, bland);
            if (!step) return LinearProgram::Status::unbounded;
            degenerate_run = *step > pivot_tolerance ? 0 : degenerate_run + 1;
        }
        return LinearProgram::Status::iteration_limit;
    }

    /// Pivots `column` into the basis at `row` without moving any value (both sit at 0).
    void exchange(std::size_t row, std::size_t column) { pivot(row, column); }

    const Tableau& tableau() const noexcept { return t_; }
    std::size_t basic(std::size_t row) const { return basis_[row]; }
    bool is_basic(std::size_t column) const { return is_basic_[column]; }
    void fix_at_zero(std::size_t column) { upper_[column] = 0.0; }

  private:
    std::optional<std::size_t> choose_entering(bool bland) const {
        std::optional<std::size_t> best;
        double best_score = 0;
        for (std::size_t j = 0; j < t_.columns(); ++j) {
            if (is_basic_[j] || upper_[j] <= 0.0) continue;
            double d = reduced_[j];
            double score = at_upper_[j] ? d : -d;  // how much the objective falls per unit
            if (score <= cost_tolerance) continue;
            if (bland) return j;
            if (score > best_score) {
                best_score = score;
                best = j;
            }
        }
        return best;
    }

    /// Moves the entering variable as far as the bounds allow; returns the step, or none when
    /// nothing bounds it.
    std::optional<double> step_along(std::size_t j, bool bland) {
        const double direction = at_upper_[j] ? -1.0 : 1.0;
        double step = upper_[j];  // a bound flip
        std::optional<std::size_t> leaving;
        bool leaves_at_upper = false;
        for (std::size_t i = 0; i < t_.rows(); ++i) {
            double rate = direction * t_.at(i, j);  // the basic value falls by rate x step
            if (std::fabs(rate) <= pivot_tolerance) continue;
            double limit;
            bool to_upper = false;
            if (rate > 0) {
                limit = std::max(basic_value_[i], 0.0) / rate;
            } else {
                double bound = upper_[basis_[i]];
                if (std::isinf(bound)) continue;
                limit = std::max(bound - basic_value_[i], 0.0) / -rate;
                to_upper = true;
            }
            // The nearest bound; on a tie Bland's smallest index, else the largest pivot.
            bool better = limit < step - 1e-12;
            if (!better && leaving && limit <= step + 1e-12) {
                better = bland ? basis_[i] < basis_[*leaving]
                               : std::fabs(rate) > std::fabs(t_.at(*leaving, j));
            }
            if (better) {
                step = limit;
                leaving = i;
                leaves_at_upper = to_upper;
            }
        }
        if (std::isinf(step)) return std::nullopt;
        for (std::size_t i = 0; i < t_.rows(); ++i)
            basic_value_[i] -= direction * step * t_.at(i, j);
        if (!leaving) {
            at_upper_[j] = !at_upper_[j];
            return step;
        }
        const double entering_value = (at_upper_[j] ? upper_[j] : 0.0) + direction * step;
        const std::size_t row = *leaving;
        const std::size_t left = basis_[row];
        pivot(row, j);
        basic_value_[row] = entering_value;
        at_upper_[left] = leaves_at_upper;
        at_upper_[j] = false;
        return step;
    }

    void pivot(std::size_t row, std::size_t column) {
        const std::size_t left = basis_[row];
        const double p = t_.at(row, column);
        for (std::size_t k = 0; k < t_.columns(); ++k) t_.at(row, k) /= p;
        for (std::size_t i = 0; i < t_.rows(); ++i) {
            if (i == row) continue;
            double factor = t_.at(i, column);
            if (factor == 0.0) continue;
            for (std::size_t k = 0; k < t_.columns(); ++k) t_.at(i, k) -= factor * t_.at(row, k);
        }
        double factor = reduced_[column];
        if (factor != 0.0) {
            for (std::size_t k = 0; k < t_.columns(); ++k) reduced_[k] -= factor * t_.at(row, k);
        }
        is_basic_[left] = false;
        basis_[row] = column;
        is_basic_[column] = true;
        reduced_[column] = 0.0;
    }

    Tableau t_;
    std::vector<double> upper_;
    std::vector<double> basic_value_;
    std::vector<bool> at_upper_;
    std::vector<double> reduced_;
    std::vector<double> costs_;
    std::vector<std::size_t> basis_;
    std::vector<bool> is_basic_;
};

}  // namespace

LinearProgram::Solution LinearProgram::minimize() const {
    Solution solution;
    const std::size_t n = costs_.size();
    const std::size_t m = rows_.size();
    std::size_t slacks = 0;
    for (const auto& row : rows_) slacks += row.sense == Sense::equal ? 0 : 1;
    const std::size_t columns = n + slacks + m;  // structural, slack, artificial
    Tableau tableau(m, columns);
    std::vector<double> upper(columns, unbounded);
    std::copy(uppers_.begin(), uppers_.end(), upper.begin());
    std::vector<double> rhs(m, 0.0);
    std::size_t slack = n;
    for (std::size_t i = 0; i < m; ++i) {
        const auto& row = rows_[i];
        for (const auto& [variable, coefficient] : row.terms)
            tableau.at(i, variable) += coefficient;
        if (row.sense == Sense::at_least) tableau.at(i, slack++) = -1.0;
        if (row.sense == Sense::at_most) tableau.at(i, slack++) = 1.0;
        rhs[i] = row.rhs;
        if (rhs[i] < 0) {
            for (std::size_t k = 0; k < n + slacks; ++k) tableau.at(i, k) = -tableau.at(i, k);
            rhs[i] = -rhs[i];
        }
        tableau.at(i, n + slacks + i) = 1.0;
    }
    Simplex simplex(std::move(tableau), std::move(upper), rhs);
    for (std::size_t i = 0; i < m; ++i) simplex.set_basis(i, n + slacks + i);
    const std::size_t limit = 50 * (columns + m) + 1000;

    // Phase 1: drive the artificials to 0.
    std::vector<double> phase1(columns, 0.0);
    for (std::size_t i = 0; i < m; ++i) phase1[n + slacks + i] = 1.0;
    simplex.price(phase1);
    auto status = simplex.run(limit);
    if (status == Status::iteration_limit) {
        solution.status = status;
        return solution;
    }
    double scale = 1.0;
    for (double b : rhs) scale = std::max(scale, b);
    if (simplex.objective() > feasibility_tolerance * scale) {
        solution.status = Status::infeasible;
        return solution;
    }
    // Artificials leave the basis where a real column can take their row; a row no real column
    // can take is redundant and keeps its artificial at 0.
    for (std::size_t i = 0; i < m; ++i) {
        if (simplex.basic(i) < n + slacks) continue;
        for (std::size_t k = 0; k < n + slacks; ++k) {
            if (!simplex.is_basic(k) && std::fabs(simplex.tableau().at(i, k)) > 1e-7 &&
                simplex.value(k) == 0.0) {
                simplex.exchange(i, k);
                break;
            }
        }
    }
    for (std::size_t i = 0; i < m; ++i) simplex.fix_at_zero(n + slacks + i);

    // Phase 2.
    std::vector<double> phase2(columns, 0.0);
    std::copy(costs_.begin(), costs_.end(), phase2.begin());
    simplex.price(phase2);
    status = simplex.run(limit);
    solution.status = status;
    if (status != Status::optimal) return solution;
    solution.values.resize(n);
    for (std::size_t j = 0; j < n; ++j) solution.values[j] = simplex.value(j);
    solution.objective = 0;
    for (std::size_t j = 0; j < n; ++j) solution.objective += costs_[j] * solution.values[j];
    return solution;
}

}  // namespace ombuds::report_detail
