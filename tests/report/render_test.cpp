// SPDX-License-Identifier: MPL-2.0
// The renderers: the JSON contract of interfaces.md, suppression, Danish formatting, one
// self-contained HTML page.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "columns_builder.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/report.hpp"

namespace ombuds {
namespace {

using nlohmann::json;
using test::ColumnsBuilder;
using test::Row;

using test::config;

CaseColumns sample() {
    ColumnsBuilder b(config());
    for (int i = 0; i < 40; ++i) {
        auto main = b.add(Row{.received = "2024-03-04",
                              .theme = "slow_processing",
                              .unit = "BSF-JOB-SDP",
                              .citizen = "c" + std::to_string(i),
                              .resolution = Resolution::explained,
                              .first_response = "2024-03-05",
                              .closed = "2024-04-01"});
        if (i % 3 == 0) {
            b.add(Row{.received = "2024-03-04",
                      .role = Role::follow_up,
                      .theme = "no_reply",
                      .unit = "BSF-JOB-SDP",
                      .citizen = "c" + std::to_string(i),
                      .action = Action::meeting,
                      .main = main});
        }
    }
    for (int i = 0; i < 3; ++i) {
        b.add(Row{.received = "2024-05-06",
                  .kind = Kind::inquiry,
                  .theme = "advice_request",
                  .unit = "TMF-BYG",
                  .citizen = "d" + std::to_string(i),
                  .action = Action::guidance});
    }
    b.add(Row{.received = "2024-09-02",
              .theme = "decision_dissatisfaction",
              .unit = "EXT-UDK",
              .citizen = "e",
              .action = Action::rejected,
              .rejection_reason = RejectionReason::other_authority});
    for (int i = 0; i < 30; ++i)
        b.add(Row{.received = "2023-03-04", .theme = "slow_processing", .unit = "BSF-JOB-KH"});
    return b.columns;
}

std::string render(ReportFormat format, Audience audience = Audience::advisor,
                   Lang lang = Lang::da) {
    ReportRequest request;
    request.period = test::period("2024-01-01", "2024-12-31");
    request.compare = previous_year(request.period);
    request.audience = audience;
    request.lang = lang;
    return render_report(compute_report(sample(), config(), request), format);
}

TEST(Json, EveryKeyOfTheContract) {
    auto report = json::parse(render(ReportFormat::json));
    EXPECT_EQ(report["schema"], "ombuds.report/1");
    EXPECT_EQ(report["period"]["from"], "2024-01-01");
    EXPECT_EQ(report["compare"]["to"], "2023-12-31");
    EXPECT_EQ(report["audience"], "advisor");
    for (const char* key :
         {"citizens", "anonymous_cases", "inquiries", "cases", "main_cases", "closed"}) {
        EXPECT_TRUE(report["volume"][key].is_number_integer()) << key;
        EXPECT_TRUE(report["volume"]["compare"][key].is_number_integer()) << key;
    }
    for (const char* kind : {"complaint", "inquiry", "investigation", "staff"}) {
        for (const char* key : {"main", "follow_up", "total"}) {
            EXPECT_TRUE(report["volume"]["by_kind"][kind][key].is_number_integer()) << kind << key;
        }
    }
    EXPECT_FALSE(report["volume"]["compare"].contains("compare"));
    ASSERT_FALSE(report["organisation"].empty());
    for (const auto& row : report["organisation"]) {
        for (const char* key : {"code", "label", "level", "external", "count", "pct",
                                "compare_count", "compare_pct", "children"}) {
            EXPECT_TRUE(row.contains(key)) << key;
        }
    }
    EXPECT_EQ(report["organisation"].back()["external"], true);  // external authorities after
    double sum = 0;
    for (const auto& row : report["organisation"]) sum += row["pct"].get<double>();
    EXPECT_NEAR(sum, 100.0, 1e-9);
    for (const auto& row : report["themes"]) {
        for (const char* key : {"code", "label", "group", "rank", "count", "compare_count", "diff",
                                "diff_pct", "new"}) {
            EXPECT_TRUE(row.contains(key)) << key;
        }
    }
    EXPECT_EQ(report["themes"][0]["code"], "slow_processing");
    EXPECT_EQ(report["themes"][0]["diff"], 10);
    EXPECT_EQ(report["themes"][0]["diff_pct"], 33);
    EXPECT_TRUE(report["themes"][1]["diff_pct"].is_null());  // no_reply: new this year
    EXPECT_EQ(report["themes"][1]["new"], true);
    for (const auto& row : report["theme_groups"]) {
        for (const char* key : {"code", "label", "count", "compare_count"})
            EXPECT_TRUE(row.contains(key)) << key;
    }
    for (const char* kind : {"complaint", "inquiry", "investigation", "staff"}) {
        EXPECT_TRUE(report["actions"][kind].is_array()) << kind;
    }
    for (const auto& item : report["actions"]["complaint"]) {
        for (const char* key : {"code", "label", "count", "pct"})
            EXPECT_TRUE(item.contains(key)) << key;
    }
    EXPECT_TRUE(report["resolutions"].is_array());
    EXPECT_TRUE(report["admin_responses"].is_array());
    EXPECT_EQ(report["rejections"][0]["code"], "other_authority");
    EXPECT_EQ(report["rejections"][0]["pct"], 100.0);
    EXPECT_TRUE(report["complexity"]["followups_per_main"].is_number());
    EXPECT_TRUE(report["complexity"]["main_cases_by_followups"].is_array());
    EXPECT_TRUE(report["repeat_contact"]["citizens_by_inquiries"].is_array());
    EXPECT_TRUE(report["repeat_contact"]["citizens_by_cases"].is_array());
    for (const char* key :
         {"measured", "median", "p90", "target_working_days", "within_target_pct"}) {
        EXPECT_TRUE(report["time"]["first_response_days"].contains(key)) << key;
    }
    for (const char* key : {"measured", "median", "p90"})
        EXPECT_TRUE(report["time"]["closed_days"].contains(key)) << key;
    EXPECT_TRUE(report["time"]["open_at_end"].is_number_integer());
    EXPECT_TRUE(report["investigations"].is_object());
    EXPECT_TRUE(report["staff"].is_object());
}

TEST(Json, SmallCountsAreSuppressedOutsideTheOffice) {
    auto advisor = json::parse(render(ReportFormat::json));
    EXPECT_EQ(advisor["volume"]["by_kind"]["inquiry"]["total"], 3);
    auto report = json::parse(render(ReportFormat::json, Audience::public_));
    EXPECT_EQ(report["audience"], "public");
    const auto& inquiry = report["volume"]["by_kind"]["inquiry"];
    EXPECT_TRUE(inquiry["main"].is_null());
    EXPECT_TRUE(inquiry["total"].is_null());
    EXPECT_EQ(inquiry["suppressed"], true);
    // The one rejection is hidden, and so is the next smallest theme so it cannot be derived.
    EXPECT_TRUE(report["rejections"][0]["count"].is_null());
    int hidden_themes = 0;
    for (const auto& row : report["themes"])
        hidden_themes += row.value("suppressed", false) ? 1 : 0;
    EXPECT_GE(hidden_themes, 2);
    // Nothing from 1 to 4 is shown anywhere.
    std::function<void(const json&)> walk = [&](const json& node) {
        if (node.is_object()) {
            for (auto it = node.begin(); it != node.end(); ++it) {
                if ((it.key() == "count" || it.key() == "compare_count" || it.key() == "citizens" ||
                     it.key() == "main_cases" || it.key() == "total" || it.key() == "main" ||
                     it.key() == "follow_up") &&
                    it->is_number_integer()) {
                    auto value = it->get<int>();
                    EXPECT_FALSE(value >= 1 && value <= 4) << it.key() << " = " << value;
                }
                walk(*it);
            }
        } else if (node.is_array()) {
            for (const auto& item : node) walk(item);
        }
    };
    walk(report["volume"]);
    walk(report["themes"]);
    walk(report["organisation"]);
    walk(report["rejections"]);
}

TEST(Markdown, DanishWithDecimalCommaAndEverySection) {
    auto md = render(ReportFormat::md);
    for (const char* title :
         {"1. Omfang", "2. Fordeling på organisationen", "3. Temaer", "4. Indsats",
          "5. Afvisninger", "6. Kompleksitet", "7. Gentagne henvendelser", "8. Svartider",
          "9. Tilsynssager", "10. Medarbejderhenvendelser"}) {
        EXPECT_NE(md.find(title), std::string::npos) << title;
    }
    EXPECT_NE(md.find("100,0 %"), std::string::npos);
    EXPECT_NE(md.find("1. januar 2024"), std::string::npos);
    EXPECT_EQ(md.find("100.0 %"), std::string::npos);
    auto english = render(ReportFormat::md, Audience::advisor, Lang::en);
    EXPECT_NE(english.find("1. Volume"), std::string::npos);
    EXPECT_NE(english.find("100.0 %"), std::string::npos);
    auto hidden = render(ReportFormat::md, Audience::administration);
    EXPECT_EQ(hidden.find("< 5"), std::string::npos);
    EXPECT_NE(hidden.find("| Anden henvendelse | x | 0 | x |"), std::string::npos) << hidden;
    EXPECT_NE(hidden.find("_Et tal vist som x er skjult"), std::string::npos);
    // Nothing is hidden in the office's own report, and no note says otherwise.
    EXPECT_EQ(md.find("vist som x"), std::string::npos);
}

/// A configuration whose labels carry HTML, Markdown, line breaks and spreadsheet formulas.
Configuration hostile() {
    Configuration c = config();
    std::vector<OrgUnit> units = c.organisation.units();
    for (auto& unit : units) {
        if (unit.code == "BSF-JOB-SDP")
            unit.label = "<img src=x onerror=alert(1)>\n# Sygedagpenge | *x*";
        if (unit.code == "BSF") unit.label = "=HYPERLINK(\"http://example.org\")";
    }
    c.organisation = Organisation(c.organisation.name(), units);
    return c;
}

std::string render_hostile(ReportFormat format) {
    ReportRequest request;
    request.period = test::period("2024-01-01", "2024-12-31");
    return render_report(compute_report(sample(), hostile(), request), format);
}

TEST(Markdown, LabelsAreEscaped) {
    auto md = render_hostile(ReportFormat::md);
    EXPECT_EQ(md.find("<img"), std::string::npos) << md;
    EXPECT_NE(md.find("&lt;img src=x onerror=alert(1)&gt; \\# Sygedagpenge \\| \\*x\\*"),
              std::string::npos)
        << md;
    // Every table row is one line: the label's line break did not split it.
    std::istringstream lines(md);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("|", 0) == 0) {
            EXPECT_EQ(line.back(), '|') << line;
        }
    }
}

TEST(Html, LabelsAreEscaped) {
    auto html = render_hostile(ReportFormat::html);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_NE(html.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
}

TEST(Csv, NoCellStartsAFormula) {
    auto csv = render_hostile(ReportFormat::csv);
    EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://example.org\"\")\""), std::string::npos) << csv;
    EXPECT_EQ(csv.find(";="), std::string::npos);
    EXPECT_EQ(csv.find("\n="), std::string::npos);
    // Numbers stay numbers: a difference of -5 is not text.
    auto plain = render(ReportFormat::csv);
    EXPECT_EQ(plain.find("'"), std::string::npos) << plain;
}

TEST(Html, SelfContainedDanishPageWithCharts) {
    auto html = render(ReportFormat::html);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html.find("<html lang=\"da\">"), std::string::npos);
    EXPECT_NE(html.find("<svg"), std::string::npos);
    EXPECT_NE(html.find("10. Medarbejderhenvendelser"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("src=\"http"), std::string::npos);
    EXPECT_EQ(html.find("href=\"http"), std::string::npos);
    EXPECT_EQ(html.find("@import"), std::string::npos);
}

TEST(Csv, SemicolonsAndBom) {
    auto csv = render(ReportFormat::csv);
    EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
    EXPECT_NE(csv.find("Enhed;2024;Andel;2023;Andel"), std::string::npos);
    EXPECT_NE(csv.find("\r\n"), std::string::npos);
}

}  // namespace
}  // namespace ombuds
