// SPDX-License-Identifier: MPL-2.0
// A small linear program solver for disclosure control: minimise c.x subject to linear rows
// (=, >=, <=) and bounds 0 <= x <= upper. Bounded primal simplex on a dense tableau, two phases,
// Dantzig's rule with Bland's rule after a run of degenerate steps so it cannot cycle. The
// programs of a report have tens to a few hundred columns.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace ombuds::report_detail {

class LinearProgram {
  public:
    static constexpr double unbounded = std::numeric_limits<double>::infinity();
    enum class Sense : std::uint8_t { equal, at_least, at_most };
    enum class Status : std::uint8_t { optimal, infeasible, unbounded, iteration_limit };

    struct Solution {
        Status status = Status::infeasible;
        double objective = 0;
        std::vector<double> values;  // per variable, when optimal
    };

    /// A variable 0 <= x <= upper with cost `cost` per unit; returns its index.
    std::size_t add_variable(double cost, double upper = unbounded) {
        costs_.push_back(cost);
        uppers_.push_back(upper);
        return costs_.size() - 1;
    }
    /// sum(coefficient x variable) sense rhs.
    void add_row(std::vector<std::pair<std::size_t, double>> terms, Sense sense, double rhs) {
        rows_.push_back(Row{std::move(terms), sense, rhs});
    }
    std::size_t variables() const noexcept { return costs_.size(); }
    std::size_t rows() const noexcept { return rows_.size(); }

    Solution minimize() const;

  private:
    struct Row {
        std::vector<std::pair<std::size_t, double>> terms;
        Sense sense;
        double rhs;
    };
    std::vector<double> costs_;
    std::vector<double> uppers_;
    std::vector<Row> rows_;
};

}  // namespace ombuds::report_detail
