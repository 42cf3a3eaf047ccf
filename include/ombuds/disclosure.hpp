// SPDX-License-Identifier: MPL-2.0
// Disclosure control as tau-ARGUS and sdcTable do it (domain.md, "Disclosure control"): the
// figures of a report are cells with the linear relations every reader knows between them (a
// total and its parts, a theme group and its themes, an area and its units, a weighted sum of
// bands); counts from 1 to threshold-1 are hidden (primary suppression), and further cells are
// hidden (secondary suppression) until, for every such count, the largest value consistent with
// everything shown is at least the threshold. Secondary cells are chosen by a linear program per
// small count: the cheapest change of the shown cells (small ones first) that lets that count
// reach the threshold while every relation still holds; the cells it changes are hidden.
//
// A section of the report declares its cells and relations here (report_draft.hpp in src/report
// does it for the report); nothing else decides what is hidden.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace ombuds {

/// Who a report is for. Outside the advisor's office small counts are hidden.
enum class Audience : std::uint8_t { advisor, administration, public_ };

constexpr std::string_view audience_code(Audience audience) noexcept {
    switch (audience) {
        case Audience::advisor:
            return "advisor";
        case Audience::administration:
            return "administration";
        case Audience::public_:
            return "public";
    }
    return "advisor";
}

constexpr std::optional<Audience> parse_audience(std::string_view text) noexcept {
    for (auto a : {Audience::advisor, Audience::administration, Audience::public_}) {
        if (audience_code(a) == text) return a;
    }
    return std::nullopt;
}

/// The smallest threshold an outside report may use: Danmarks Statistik's minimum.
constexpr int minimum_threshold = 3;

namespace disclosure {

using CellId = std::uint32_t;

/// What a cell is to the reader.
enum class CellRole : std::uint8_t {
    /// A count the report shows: hidden when small, or to protect another.
    shown,
    /// A count the report shows only through a figure made from it (the share answered within
    /// the reply target shows how many were); hidden when that figure is.
    implied,
    /// A count of the advisor's report that this report never shows on its own: the cases
    /// answered late, one band of an open band ("4 or more"). Protected like any count.
    unpublished,
    /// What a relation leaves over and no report shows or protects, such as the cases that name
    /// an area itself rather than one of its units. Never negative.
    remainder,
};

/// coefficient x cell, a term of a relation.
struct Term {
    CellId cell = 0;
    std::int64_t coefficient = 1;
};

/// A linear relation every reader knows: the sum of the terms is 0 (or, with `at_least`, 0 or
/// more). It holds for the true values.
struct Relation {
    std::vector<Term> terms;
    bool at_least = false;
};

/// The cells of a report and the relations between them.
class Cells {
  public:
    CellId add(std::uint64_t value, CellRole role = CellRole::shown) {
        values_.push_back(static_cast<std::int64_t>(value));
        roles_.push_back(role);
        return static_cast<CellId>(values_.size() - 1);
    }

    /// total = the sum of parts.
    void sum(CellId total, const std::vector<CellId>& parts) {
        std::vector<Term> terms{{total, -1}};
        for (auto part : parts) terms.push_back({part, 1});
        equal(std::move(terms));
    }
    /// The sum of the terms is 0; throws std::logic_error when the true values say otherwise.
    void equal(std::vector<Term> terms) { relate(std::move(terms), false); }
    /// The sum of the terms is 0 or more.
    void at_least(std::vector<Term> terms) { relate(std::move(terms), true); }
    void at_most(CellId small, CellId large) { at_least({{large, 1}, {small, -1}}); }
    /// The sum of the terms and a remainder cell (added with the sign the true values need) is
    /// 0: for a total whose parts need not cover it (cases with no action yet).
    CellId equal_with_rest(std::vector<Term> terms);

    std::size_t size() const noexcept { return values_.size(); }
    std::int64_t value(CellId cell) const { return values_.at(cell); }
    CellRole role(CellId cell) const { return roles_.at(cell); }
    const std::vector<Relation>& relations() const noexcept { return relations_; }

  private:
    void relate(std::vector<Term> terms, bool at_least);

    std::vector<std::int64_t> values_;
    std::vector<CellRole> roles_;
    std::vector<Relation> relations_;
};

/// The cells to hide from a reader outside the office (true: hidden). Every count (a shown,
/// implied or unpublished cell) from 1 to threshold-1 is hidden, and enough further cells that a
/// reader who knows every relation, every shown value, and that a hidden count of a shown cell
/// is at least 1 (zeros are shown), can still find a value of at least `threshold` for each of
/// them. Unpublished and remainder cells are always hidden. Zeros are never hidden.
std::vector<bool> protect(const Cells& cells, int threshold);

}  // namespace disclosure
}  // namespace ombuds
