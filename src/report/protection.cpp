// SPDX-License-Identifier: MPL-2.0
// Secondary suppression by linear programming (disclosure.hpp). For each small count `a`, the
// program looks for values x of the cells that satisfy every relation, keep each shown value
// unless that cell is hidden too, keep hidden counts of shown cells at 1 or more, and give `a` the
// threshold: the cheapest such change (the value of each shown cell it moves, times how far)
// names the complementary cells, which are hidden. That change is then a solution a reader
// cannot rule out, so `a` may be as large as the threshold; hiding more later only widens what a
// reader cannot rule out. Cells with value 0 are taken as known, which only makes the reader
// stronger. The program is first built over the cells near `a` (cells further away held at
// their values, which is still a valid change), then further out when that has no solution.
#include <algorithm>
#include <stdexcept>

#include "ombuds/disclosure.hpp"
#include "report/linear_program.hpp"

namespace ombuds::disclosure {

void Cells::relate(std::vector<Term> terms, bool at_least) {
    std::int64_t total = 0;
    for (const auto& term : terms) total += term.coefficient * value(term.cell);
    if (at_least ? total < 0 : total != 0)
        throw std::logic_error("disclosure: a declared relation does not hold for the figures");
    relations_.push_back(Relation{std::move(terms), at_least});
}

CellId Cells::equal_with_rest(std::vector<Term> terms) {
    std::int64_t total = 0;
    for (const auto& term : terms) total += term.coefficient * value(term.cell);
    auto rest = add(static_cast<std::uint64_t>(total < 0 ? -total : total), CellRole::remainder);
    terms.push_back(Term{rest, total > 0 ? -1 : 1});
    equal(std::move(terms));
    return rest;
}

namespace {

using report_detail::LinearProgram;

bool is_count(CellRole role) {
    return role != CellRole::remainder;
}

/// The least value a reader knows a hidden cell has: 1 for a count the report has a place for
/// (its zeros are shown), else 0.
std::int64_t lower_bound(CellRole role) {
    return role == CellRole::shown || role == CellRole::implied ? 1 : 0;
}

class Protector {
  public:
    Protector(const Cells& cells, int threshold)
        : cells_(cells),
          threshold_(threshold),
          hidden_(cells.size(), false),
          relations_of_(cells.size()) {
        const auto& relations = cells.relations();
        for (std::size_t r = 0; r < relations.size(); ++r) {
            for (const auto& term : relations[r].terms) relations_of_[term.cell].push_back(r);
        }
        for (CellId c = 0; c < cells.size(); ++c) {
            auto role = cells.role(c);
            hidden_[c] = role == CellRole::unpublished || role == CellRole::remainder;
            if (is_small(c)) hidden_[c] = true;
        }
    }

    std::vector<bool> run() {
        for (CellId c = 0; c < cells_.size(); ++c) {
            if (!is_small(c)) continue;
            bool done = false;
            for (std::size_t radius : {std::size_t{2}, std::size_t{4}, cells_.size()}) {
                if (protect_within(c, radius)) {
                    done = true;
                    break;
                }
            }
            if (!done) hide_component(c);
        }
        return hidden_;
    }

  private:
    bool is_small(CellId c) const {
        auto v = cells_.value(c);
        return is_count(cells_.role(c)) && v >= 1 && v < threshold_;
    }
    bool fixed(CellId c) const { return cells_.value(c) == 0; }

    /// The movable cells within `radius` relations of `a`.
    std::vector<CellId> neighbourhood(CellId a, std::size_t radius) const {
        std::vector<CellId> found{a};
        std::vector<bool> seen(cells_.size(), false);
        std::vector<bool> used(cells_.relations().size(), false);
        seen[a] = true;
        std::size_t begin = 0;
        for (std::size_t step = 0; step < radius && begin < found.size(); ++step) {
            std::size_t end = found.size();
            for (std::size_t k = begin; k < end; ++k) {
                for (auto r : relations_of_[found[k]]) {
                    if (used[r]) continue;
                    used[r] = true;
                    for (const auto& term : cells_.relations()[r].terms) {
                        if (seen[term.cell] || fixed(term.cell)) continue;
                        seen[term.cell] = true;
                        found.push_back(term.cell);
                    }
                }
            }
            begin = end;
        }
        return found;
    }

    /// Solves the program for `a` over the cells within `radius`; hides the cells the cheapest
    /// change moves. False when no change within that radius lets `a` reach the threshold.
    bool protect_within(CellId a, std::size_t radius) {
        auto near = neighbourhood(a, radius);
        // Per cell: the first variable (a shown cell has two, up and down) and its shift.
        std::vector<std::int64_t> column(cells_.size(), -1);
        std::vector<double> shift(cells_.size(), 0.0);
        LinearProgram program;
        for (auto c : near) {
            const auto v = static_cast<double>(cells_.value(c));
            if (c == a) {
                shift[c] = threshold_;
                column[c] = static_cast<std::int64_t>(program.add_variable(0.0));
            } else if (hidden_[c]) {
                shift[c] = static_cast<double>(lower_bound(cells_.role(c)));
                column[c] = static_cast<std::int64_t>(program.add_variable(0.0));
            } else {
                shift[c] = v;
                column[c] = static_cast<std::int64_t>(program.add_variable(v));
                program.add_variable(v, v - static_cast<double>(lower_bound(cells_.role(c))));
            }
        }
        std::vector<bool> used(cells_.relations().size(), false);
        for (auto c : near) {
            for (auto r : relations_of_[c]) {
                if (used[r]) continue;
                used[r] = true;
                const auto& relation = cells_.relations()[r];
                std::vector<std::pair<std::size_t, double>> terms;
                double rhs = 0;
                for (const auto& term : relation.terms) {
                    const auto k = static_cast<double>(term.coefficient);
                    if (column[term.cell] < 0) {
                        rhs -= k * static_cast<double>(cells_.value(term.cell));
                        continue;
                    }
                    rhs -= k * shift[term.cell];
                    auto first = static_cast<std::size_t>(column[term.cell]);
                    terms.emplace_back(first, k);
                    if (term.cell != a && !hidden_[term.cell]) terms.emplace_back(first + 1, -k);
                }
                program.add_row(std::move(terms),
                                relation.at_least ? LinearProgram::Sense::at_least
                                                  : LinearProgram::Sense::equal,
                                rhs);
            }
        }
        auto solution = program.minimize();
        if (solution.status != LinearProgram::Status::optimal) return false;
        for (auto c : near) {
            if (c == a || hidden_[c]) continue;
            auto first = static_cast<std::size_t>(column[c]);
            if (solution.values[first] + solution.values[first + 1] > 1e-6) hidden_[c] = true;
        }
        return true;
    }

    /// The last resort: every cell that can move and is tied to `a` by relations.
    void hide_component(CellId a) {
        for (auto c : neighbourhood(a, cells_.size())) hidden_[c] = true;
    }

    const Cells& cells_;
    int threshold_;
    std::vector<bool> hidden_;
    std::vector<std::vector<std::size_t>> relations_of_;
};

}  // namespace

std::vector<bool> protect(const Cells& cells, int threshold) {
    return Protector(cells, std::max(threshold, minimum_threshold)).run();
}

}  // namespace ombuds::disclosure
