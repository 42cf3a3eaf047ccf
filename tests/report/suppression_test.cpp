// SPDX-License-Identifier: MPL-2.0
// Suppression for audiences outside the office, checked on the rendered JSON as a reader gets it:
// no count from 1 to 4 anywhere, and no hidden cell that follows from the totals shown beside it
// (checked by linear algebra over the table's row and column equations, not by the rule that
// hid the cells).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>
#include <set>
#include <sstream>

#include "columns_builder.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/report.hpp"

namespace ombuds {
namespace {

using nlohmann::json;

const Configuration& config() {
    static const Configuration c = load_configuration();
    return c;
}

/// A system of equations sum(coefficient * unknown) = known over the hidden cells of a table.
class Equations {
  public:
    explicit Equations(std::size_t unknowns) : unknowns_(unknowns) {}
    void add(std::vector<double> row) { rows_.push_back(std::move(row)); }

    /// Whether unknown j has one value whatever the others are: e_j lies in the row space.
    bool determined(std::size_t j) const {
        auto with = rows_;
        std::vector<double> unit(unknowns_, 0.0);
        unit[j] = 1.0;
        with.push_back(unit);
        return rank(with) == rank(rows_);
    }

  private:
    std::size_t rank(std::vector<std::vector<double>> m) const {
        std::size_t r = 0;
        for (std::size_t c = 0; c < unknowns_ && r < m.size(); ++c) {
            std::size_t pivot = r;
            for (std::size_t i = r; i < m.size(); ++i) {
                if (std::fabs(m[i][c]) > std::fabs(m[pivot][c])) pivot = i;
            }
            if (std::fabs(m[pivot][c]) < 1e-9) continue;
            std::swap(m[pivot], m[r]);
            for (std::size_t i = 0; i < m.size(); ++i) {
                if (i == r) continue;
                double f = m[i][c] / m[r][c];
                for (std::size_t k = 0; k < unknowns_; ++k) m[i][k] -= f * m[r][k];
            }
            ++r;
        }
        return r;
    }

    std::size_t unknowns_;
    std::vector<std::vector<double>> rows_;
};

/// Cells of a table as shown: a value or unknown (null). Each line is a list of (cell, sign)
/// that adds up to zero, e.g. main + follow_up - total = 0. Returns the hidden cells that the
/// lines determine.
std::vector<std::string> recoverable(
    const std::vector<std::pair<std::string, json>>& cells,
    const std::vector<std::vector<std::pair<std::string, double>>>& lines) {
    std::map<std::string, std::size_t> unknown;
    for (const auto& [name, value] : cells) {
        if (value.is_null()) unknown.emplace(name, unknown.size());
    }
    Equations equations(unknown.size());
    for (const auto& line : lines) {
        std::vector<double> row(unknown.size(), 0.0);
        bool any = false;
        for (const auto& [name, sign] : line) {
            if (auto it = unknown.find(name); it != unknown.end()) {
                row[it->second] += sign;
                any = true;
            }
        }
        if (any) equations.add(row);
    }
    std::vector<std::string> out;
    for (const auto& [name, j] : unknown) {
        if (equations.determined(j)) out.push_back(name);
    }
    return out;
}

ReportRequest request_for(Audience audience) {
    ReportRequest request;
    request.period = test::period("2024-01-01", "2024-12-31");
    request.audience = audience;
    return request;
}

/// The volume table of a JSON volume object and its equations: each kind's main + follow-up =
/// total, each column over the kinds = its total (main_cases, cases - main_cases, cases).
std::vector<std::string> recoverable_volume(const json& volume) {
    std::vector<std::pair<std::string, json>> cells;
    std::vector<std::vector<std::pair<std::string, double>>> lines;
    std::vector<std::pair<std::string, double>> main_column{{"main_cases", -1}},
        follow_column{{"follow_ups", -1}}, total_column{{"cases", -1}};
    for (const char* kind : {"complaint", "inquiry", "investigation", "staff"}) {
        const auto& row = volume["by_kind"][kind];
        std::string k = kind;
        cells.emplace_back(k + ".main", row["main"]);
        cells.emplace_back(k + ".follow_up", row["follow_up"]);
        cells.emplace_back(k + ".total", row["total"]);
        lines.push_back({{k + ".main", 1}, {k + ".follow_up", 1}, {k + ".total", -1}});
        main_column.emplace_back(k + ".main", 1);
        follow_column.emplace_back(k + ".follow_up", 1);
        total_column.emplace_back(k + ".total", 1);
    }
    cells.emplace_back("main_cases", volume["main_cases"]);
    cells.emplace_back("cases", volume["cases"]);
    cells.emplace_back("follow_ups", json());  // not shown: cases - main_cases
    lines.push_back({{"main_cases", 1}, {"follow_ups", 1}, {"cases", -1}});
    lines.push_back(main_column);
    lines.push_back(follow_column);
    lines.push_back(total_column);
    auto found = recoverable(cells, lines);
    // The follow-up column's total is not a cell of the JSON; it may be worked out.
    std::erase(found, "follow_ups");
    return found;
}

/// Every integer in the document that is a count (not a rank, level, difference or number of
/// days). In the repeat-contact and complexity lists "inquiries", "cases" and "followups" name
/// the row (citizens with 2 inquiries); "citizens" and "main_cases" are the counts.
void expect_no_small_count(const json& node, const std::string& path = "",
                           bool distribution = false) {
    static const std::set<std::string> not_counts = {"rank", "level", "target_working_days", "diff",
                                                     "diff_pct"};
    static const std::set<std::string> row_names = {"inquiries", "cases", "followups"};
    if (node.is_object()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            bool row_name = distribution && row_names.contains(it.key());
            if (it->is_number_integer() && !not_counts.contains(it.key()) && !row_name) {
                auto value = it->get<std::int64_t>();
                EXPECT_FALSE(value >= 1 && value <= 4) << path << "/" << it.key() << " = " << value;
            }
            bool inner = distribution || it.key() == "repeat_contact" || it.key() == "complexity";
            expect_no_small_count(*it, path + "/" + it.key(), inner);
        }
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            expect_no_small_count(node[i], path + "[" + std::to_string(i) + "]", distribution);
        }
    }
}

/// The Markdown line that starts a table row with `label`.
std::string md_row(const std::string& md, const std::string& label) {
    std::istringstream lines(md);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("| " + label + " |", 0) == 0) return line;
    }
    return {};
}

Report volume_report(const std::array<std::array<std::uint32_t, 2>, 4>& by_kind,
                     Audience audience) {
    Report report;
    report.request = request_for(audience);
    report.volume.by_kind = by_kind;
    for (std::size_t k = 0; k < 4; ++k) {
        report.volume.main_cases += by_kind[k][0];
        report.volume.cases += by_kind[k][0] + by_kind[k][1];
    }
    report.volume.citizens = report.volume.cases;
    report.volume.inquiries = report.volume.cases;
    return report;
}

json rendered(const Report& report) {
    return json::parse(render_report(report, config(), ReportFormat::json));
}

TEST(Suppression, OneSmallKindHidesEnoughOfTheVolumeTable) {
    // 2 investigations: their row alone would follow from the column totals (cases, main cases).
    auto report = volume_report({{{50, 20}, {30, 10}, {2, 0}, {0, 0}}}, Audience::administration);
    auto volume = rendered(report)["volume"];
    EXPECT_TRUE(volume["by_kind"]["investigation"]["main"].is_null());
    EXPECT_TRUE(volume["by_kind"]["investigation"]["total"].is_null());
    EXPECT_EQ(volume["by_kind"]["investigation"]["follow_up"], 0);
    EXPECT_EQ(recoverable_volume(volume), std::vector<std::string>{});
    expect_no_small_count(volume);
    // The office sees everything.
    auto advisor = rendered(
        volume_report({{{50, 20}, {30, 10}, {2, 0}, {0, 0}}}, Audience::advisor))["volume"];
    EXPECT_EQ(advisor["by_kind"]["investigation"]["main"], 2);
    EXPECT_FALSE(advisor.contains("suppressed"));
}

TEST(Suppression, NoVolumeCellFollowsFromRowAndColumnTotals) {
    std::mt19937 random(20240101);
    std::uniform_int_distribution<int> pick(0, 9);
    auto draw = [&]() -> std::uint32_t {
        int p = pick(random);
        if (p < 3) return 0;
        if (p < 6) return static_cast<std::uint32_t>(1 + pick(random) % 4);  // small: hidden
        return static_cast<std::uint32_t>(5 + pick(random) * 7);
    };
    int with_hidden = 0;
    for (int trial = 0; trial < 400; ++trial) {
        std::array<std::array<std::uint32_t, 2>, 4> by_kind{};
        for (auto& kind : by_kind) kind = {draw(), draw()};
        auto volume = rendered(volume_report(by_kind, Audience::public_))["volume"];
        SCOPED_TRACE(volume.dump());
        EXPECT_EQ(recoverable_volume(volume), std::vector<std::string>{});
        expect_no_small_count(volume);
        with_hidden += volume.contains("suppressed") ? 1 : 0;
    }
    EXPECT_GT(with_hidden, 300);  // the draw makes small cells common
}

TEST(Suppression, NoThemeFollowsFromItsGroupOrTheTotals) {
    const auto& themes = config().themes;
    std::mt19937 random(4);
    std::uniform_int_distribution<int> pick(0, 9);
    for (int trial = 0; trial < 200; ++trial) {
        Report report;
        report.request = request_for(Audience::administration);
        std::vector<std::uint32_t> groups(themes.groups().size(), 0);
        for (std::size_t t = 0; t < themes.themes().size(); ++t) {
            int p = pick(random);
            std::uint32_t count = p < 4   ? 0
                                  : p < 7 ? static_cast<std::uint32_t>(1 + pick(random) % 4)
                                          : static_cast<std::uint32_t>(5 + 3 * pick(random));
            if (count == 0) continue;
            report.themes.push_back(ThemeRow{static_cast<ThemeIndex>(t), 0, count, 0});
            groups[themes.theme(static_cast<ThemeIndex>(t)).group] += count;
        }
        for (std::size_t g = 0; g < groups.size(); ++g) {
            if (groups[g])
                report.theme_groups.push_back(GroupRow{static_cast<GroupIndex>(g), groups[g], 0});
        }
        auto out = rendered(report);
        SCOPED_TRACE(out["themes"].dump() + out["theme_groups"].dump());
        std::vector<std::pair<std::string, json>> cells;
        std::vector<std::vector<std::pair<std::string, double>>> lines;
        std::vector<std::pair<std::string, double>> all_themes{{"#total", -1}},
            all_groups{{"#total", -1}};
        cells.emplace_back(
            "#total", std::accumulate(groups.begin(), groups.end(), 0u));  // shown as total cases
        std::map<std::string, std::vector<std::pair<std::string, double>>> by_group;
        for (const auto& row : out["themes"]) {
            std::string name = "theme." + row["code"].get<std::string>();
            cells.emplace_back(name, row["count"]);
            all_themes.emplace_back(name, 1);
            by_group[row["group"].get<std::string>()].emplace_back(name, 1);
        }
        for (const auto& row : out["theme_groups"]) {
            std::string name = "group." + row["code"].get<std::string>();
            cells.emplace_back(name, row["count"]);
            all_groups.emplace_back(name, 1);
            auto line = by_group[row["code"].get<std::string>()];
            line.emplace_back(name, -1);
            lines.push_back(line);
        }
        lines.push_back(all_themes);
        lines.push_back(all_groups);
        EXPECT_EQ(recoverable(cells, lines), std::vector<std::string>{});
        expect_no_small_count(out["themes"]);
        expect_no_small_count(out["theme_groups"]);
    }
}

TEST(Suppression, UnitsUnderAHiddenUnitAreHidden) {
    // Two areas with 3 and 8 cases and a large one: the 3 is hidden, the 8 too (secondary), and
    // so is the only centre under the 8, which would show it.
    const auto& org = config().organisation;
    std::vector<UnitIndex> areas;
    for (std::size_t u = 0; u < org.size(); ++u) {
        if (!org.unit(static_cast<UnitIndex>(u)).parent_index)
            areas.push_back(static_cast<UnitIndex>(u));
    }
    ASSERT_GE(areas.size(), 3u);
    Report report;
    report.request = request_for(Audience::public_);
    OrgRow small{areas[0], 1, 3, 0, {}}, middle{areas[1], 1, 8, 0, {}},
        large{areas[2], 1, 90, 0, {}};
    middle.children.push_back(OrgRow{areas[1], 2, 8, 0, {}});
    report.organisation = {small, middle, large};
    auto out = rendered(report)["organisation"];
    EXPECT_TRUE(out[0]["count"].is_null());
    EXPECT_TRUE(out[1]["count"].is_null());
    EXPECT_TRUE(out[1]["children"][0]["count"].is_null());
    EXPECT_EQ(out[1]["children"][0]["suppressed"], true);
    EXPECT_EQ(out[2]["count"], 90);
}

TEST(Suppression, ListsAddingUpToAHiddenKindAreHidden) {
    // 6 investigations are hidden as the second cell of the total column (beside 2 staff
    // consultations); their actions, origins and count would show the 6, so they go too.
    auto report = volume_report({{{60, 20}, {30, 10}, {6, 0}, {2, 0}}}, Audience::administration);
    report.investigations = 6;
    report.staff = 2;
    for (auto& list : report.actions) list.assign(code_count<Action>, 0);
    report.actions[static_cast<std::size_t>(Kind::investigation)]
                  [static_cast<std::size_t>(Action::investigated)] = 6;
    report.investigation_origins.assign(code_count<Origin>, 0);
    report.investigation_origins[0] = 6;
    auto out = rendered(report);
    EXPECT_TRUE(out["volume"]["by_kind"]["investigation"]["total"].is_null());
    EXPECT_TRUE(out["investigations"]["count"].is_null());
    EXPECT_TRUE(out["investigations"]["by_origin"][0]["count"].is_null());
    EXPECT_TRUE(out["actions"]["investigation"][0]["count"].is_null());
    EXPECT_TRUE(out["staff"]["count"].is_null());
    auto md = render_report(report, config(), ReportFormat::md);
    EXPECT_EQ(md.find("| 6 |"), std::string::npos) << md;
    EXPECT_EQ(md.find(": 6."), std::string::npos) << md;
    EXPECT_EQ(md_row(md, "Tilsynssag"), "| Tilsynssag | < 5 | 0 | < 5 |");
}

TEST(Suppression, TimesOfFewCasesAreNotShown) {
    test::ColumnsBuilder b(config());
    for (int i = 0; i < 3; ++i) {
        b.add(test::Row{.received = "2024-03-04",
                        .theme = "no_reply",
                        .citizen = "a" + std::to_string(i),
                        .first_response = "2024-03-05",
                        .closed = "2024-03-20"});
    }
    b.add(test::Row{.received = "2024-03-04", .theme = "no_reply", .citizen = "b"});
    auto request = request_for(Audience::administration);
    auto report = compute_report(b.columns, config(), request);
    auto out = rendered(report);
    const auto& time = out["time"];
    EXPECT_TRUE(time["first_response_days"]["measured"].is_null());
    EXPECT_TRUE(time["first_response_days"]["median"].is_null());
    EXPECT_TRUE(time["first_response_days"]["p90"].is_null());
    EXPECT_TRUE(time["first_response_days"]["within_target_pct"].is_null());
    EXPECT_EQ(time["first_response_days"]["suppressed"], true);
    EXPECT_TRUE(time["closed_days"]["median"].is_null());
    EXPECT_TRUE(time["open_at_end"].is_null());
    EXPECT_TRUE(out["complexity"]["followups_per_main"].is_null());
    expect_no_small_count(out);
    auto md = render_report(report, config(), ReportFormat::md);
    EXPECT_EQ(md_row(md, "Til første svar"), "| Til første svar | < 5 | – | – |") << md;
    // The office sees the figures.
    request.audience = Audience::advisor;
    auto advisor = rendered(compute_report(b.columns, config(), request));
    EXPECT_EQ(advisor["time"]["first_response_days"]["measured"], 3);
    EXPECT_EQ(advisor["time"]["first_response_days"]["median"], 1.0);
    EXPECT_EQ(advisor["time"]["open_at_end"], 1);
}

TEST(Suppression, NoRepeatContactRowFollowsFromCitizensAndCases) {
    // 58 citizens with 101 cases: 40 with one case, 3 with two, 8 with three, 6 with four, 1
    // with seven. Hiding the 3 and the 1 alone would not do: the citizens and the cases shown in
    // the volume give two equations for the two (3 and 1 are the only solution).
    Report report = volume_report({{{70, 31}, {0, 0}, {0, 0}, {0, 0}}}, Audience::public_);
    report.volume.citizens = 58;
    report.citizens_by_cases = {{1, 40}, {2, 3}, {3, 8}, {4, 6}, {7, 1}};
    auto out = rendered(report);
    const auto& rows = out["repeat_contact"]["citizens_by_cases"];
    SCOPED_TRACE(rows.dump());
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[3]["cases"], 4);
    EXPECT_EQ(rows[3]["or_more"], true);
    std::vector<std::pair<std::string, json>> cells{{"citizens", out["volume"]["citizens"]},
                                                    {"cases", out["volume"]["cases"]}};
    std::vector<std::pair<std::string, double>> by_citizens{{"citizens", -1}},
        by_cases{{"cases", -1}};
    for (const auto& row : rows) {
        std::string name = "with " + std::to_string(row["cases"].get<int>());
        cells.emplace_back(name, row["citizens"]);
        by_citizens.emplace_back(name, 1);
        if (row.value("or_more", false)) {
            cells.emplace_back("cases of the last row", json());  // at least 4 x its citizens
            by_cases.emplace_back("cases of the last row", 1);
        } else {
            by_cases.emplace_back(name, row["cases"].get<double>());
        }
    }
    auto found = recoverable(cells, {by_citizens, by_cases});
    EXPECT_EQ(found, std::vector<std::string>{});
    expect_no_small_count(out);
    auto md = render_report(report, config(), ReportFormat::md);
    EXPECT_NE(md.find("| 4 eller flere | < 5 |"), std::string::npos) << md;
    // The office sees every row.
    report.request.audience = Audience::advisor;
    EXPECT_EQ(rendered(report)["repeat_contact"]["citizens_by_cases"].size(), 5u);
}

TEST(Suppression, ThresholdNeverBelowThree) {
    Configuration lowered = config();
    lowered.limits.suppression_threshold = 1;
    auto report = volume_report({{{50, 2}, {30, 10}, {0, 0}, {0, 0}}}, Audience::public_);
    auto out = json::parse(render_report(report, lowered, ReportFormat::json));
    EXPECT_TRUE(out["volume"]["by_kind"]["complaint"]["follow_up"].is_null());
    auto md = render_report(report, lowered, ReportFormat::md);
    EXPECT_NE(md.find("< 3"), std::string::npos);
}

TEST(Suppression, AWholeRegisterForTheAdministrationShowsNoSmallCount) {
    // A year of cases shaped like an office's: many units and themes, some rare.
    test::ColumnsBuilder b(config());
    const auto& themes = config().themes.themes();
    std::vector<std::string> units;
    for (std::size_t u = 0; u < config().organisation.size(); ++u) {
        units.push_back(config().organisation.unit(static_cast<UnitIndex>(u)).code);
    }
    std::mt19937 random(7);
    for (int i = 0; i < 600; ++i) {
        auto skew = [&](std::size_t n) {
            return std::min<std::size_t>(n - 1, random() % n * (random() % n) / n);
        };
        std::string day =
            "2024-0" + std::to_string(1 + random() % 9) + "-1" + std::to_string(random() % 9);
        Kind kind = i % 50 == 0  ? Kind::investigation
                    : i % 3 == 0 ? Kind::inquiry
                                 : Kind::complaint;
        b.add(test::Row{.received = day,
                        .kind = kind,
                        .theme = themes[skew(themes.size() - 1)].code,
                        .unit = units[skew(units.size())],
                        .citizen = "c" + std::to_string(random() % 300),
                        .action = kind == Kind::investigation ? Action::investigated
                                  : kind == Kind::inquiry     ? Action::guidance
                                                              : Action::complaint_dialogue,
                        .origin = kind == Kind::investigation
                                      ? std::optional<Origin>(Origin::own_initiative)
                                      : std::nullopt,
                        .first_response = day,
                        .closed = i % 7 ? day : ""});
    }
    auto request = request_for(Audience::administration);
    request.compare = previous_year(request.period);
    auto out = rendered(compute_report(b.columns, config(), request));
    expect_no_small_count(out);
    EXPECT_EQ(recoverable_volume(out["volume"]), std::vector<std::string>{});
    EXPECT_NE(out.dump().find("\"suppressed\":true"), std::string::npos);  // rare themes and units
}

}  // namespace
}  // namespace ombuds
