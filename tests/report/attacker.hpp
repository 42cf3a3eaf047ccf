// SPDX-License-Identifier: MPL-2.0
// The attacker of the disclosure audit, as tau-ARGUS audits a table: from a published report
// (its JSON, nothing else, and the public catalogue) it builds every relation the report holds
// between its figures, across tables and periods: the kind x role table and its margins, areas
// over their units and over the volume table, groups over their themes, lists over their totals
// and the rows of the volume table they belong to, distributions over their counts and weighted
// by their values, shares, differences, percent changes, ranks, the mean and the share within
// the reply target as the intervals their rounding leaves; the months by kind over the volume
// table, the complaints' themes within the themes, the deadline lines within their themes, and
// the actions and rejections of the comparison period. A hidden count of a shown cell is at least
// 1 (zeros are shown). Then, with COIN-OR CLP, it finds the largest value each unknown can have.
// It reads an `ombuds table` the same way: cells within their row and column totals.
#pragma once

#include <limits>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ombuds/config.hpp"

namespace ombuds::test {

class Attacker {
  public:
    /// `largest_band`: per distribution ("followups", "inquiries", "cases"), the largest value
    /// the attacker allows inside an open band ("4 or more"); told the true largest, the
    /// attacker is stronger than one who is not.
    Attacker(const nlohmann::json& published, const ThemeCatalogue& catalogue,
             const std::map<std::string, std::uint32_t>& largest_band);
    /// The attacker of a published `ombuds table` (schema ombuds.table/1): its cells are
    /// "cell.R.C", its totals "row.R", "col.C" and "total".
    explicit Attacker(const nlohmann::json& table);
    ~Attacker();
    Attacker(const Attacker&) = delete;
    Attacker& operator=(const Attacker&) = delete;

    /// Every count the report has a place for, by key: its value, or none when hidden.
    const std::map<std::string, std::optional<double>>& published() const noexcept {
        return published_;
    }
    /// The unknowns the attacker bounds: hidden counts, the bands inside an open band
    /// ("band.cases.m5"), the counts answered within the target and late ("time.within",
    /// "time.late") and the follow-ups of the period's main cases ("complexity.followups").
    std::vector<std::string> unknowns() const;
    /// Whether the relations have a solution at all (a published figure that breaks one is
    /// false, or the audit's relations are).
    bool consistent();
    /// The largest value of `key` consistent with everything published (infinity when nothing
    /// bounds it).
    double most(const std::string& key);
    /// What the report shows that the attacker cannot put into linear relations (a rank that
    /// tells a hidden row is above a shown one): must be empty.
    const std::vector<std::string>& unmodelled() const noexcept { return unmodelled_; }

  private:
    struct Program;
    using Terms = std::vector<std::pair<std::string, double>>;

    int column(const std::string& key, double lower, double upper);
    /// A count figure `field` of `object` under `key`: fixed when shown, an unknown of at least
    /// 1 when hidden; nothing when the report has no such figure.
    bool count(const std::string& key, const nlohmann::json& object, const char* field);
    /// A count given as a value: a number, or null when `hidden`.
    bool count_value(const std::string& key, const nlohmann::json& value, bool hidden);
    /// An unknown that is not a figure of the report (lower bound 0).
    void unknown(const std::string& key, double lower = 0);
    bool has(const std::string& key) const { return columns_.count(key) > 0; }
    void row(const Terms& terms, double lower, double upper);
    void equal(const Terms& terms) { row(terms, 0, 0); }
    void at_least(const Terms& terms) { row(terms, 0, inf); }
    /// The shares of a list: (pct - 0.1) x total <= 100 x count <= (pct + 0.1) x total.
    void share(const std::string& count, const nlohmann::json& pct, const std::string& total);

    void volume(const nlohmann::json& v, const std::string& p);
    void organisation(const nlohmann::json& rows, const std::string& p, bool compare,
                      const std::string& holder);
    /// A theme table (`name` "theme" or "ctheme", its groups `group_name`) in one period; the
    /// groups hold `holders` and, with `named`, the investigations that name a theme.
    void theme_table(const nlohmann::json& themes, const nlohmann::json& groups,
                     const std::string& p, const std::string& name, const std::string& group_name,
                     bool compare, const Terms& holders, bool named);
    void ranks(const nlohmann::json& themes, const std::string& name);
    void list(const std::string& name, const nlohmann::json& lines, const nlohmann::json& totals);
    void over_time(const nlohmann::json& rows, const std::string& p);
    void deadlines(const nlohmann::json& report);
    void lists(const nlohmann::json& report);
    void bands(const std::string& name, const nlohmann::json& rows, const char* value_key,
               const char* count_key, const std::string& holder, const Terms& weighted_total);
    void time(const nlohmann::json& time);

    static constexpr double inf = std::numeric_limits<double>::infinity();
    const ThemeCatalogue& catalogue_;
    std::map<std::string, std::uint32_t> largest_band_;
    std::unique_ptr<Program> program_;
    std::map<std::string, int> columns_;
    std::map<std::string, std::optional<double>> published_;
    std::vector<std::string> unknowns_;
    std::vector<std::string> unmodelled_;
};

}  // namespace ombuds::test
