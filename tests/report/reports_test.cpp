// SPDX-License-Identifier: MPL-2.0
// The reports of the year (issue 18): a report scoped to a node of the organisation, sections
// 11-13 (over time, the complaints' themes, the deadline table by KLE subject and unit), the
// pooled theme chart, titles, period names as column headings and the office's KLE titles.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "columns_builder.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/report.hpp"

namespace ombuds {
namespace {

using nlohmann::json;
using test::ColumnsBuilder;
using test::Row;

using test::config;

/// Complaints and inquiries in two administrations over two years; the deadline themes with KLE.
CaseColumns sample() {
    ColumnsBuilder b(config());
    for (int i = 0; i < 24; ++i) {
        const std::string month = (i % 12 < 9 ? "0" : "") + std::to_string(i % 12 + 1);
        const std::string year = i < 12 ? "2024" : "2023";
        b.add(Row{.received = year + "-" + month + "-10",
                  .theme = i % 2 ? "deadline_exceeded" : "slow_processing",
                  .unit = "BSF-JOB-SDP",
                  .citizen = "c" + std::to_string(i),
                  .kle = i % 3 ? "27.24.04" : "32.18.08"});
        b.add(Row{.received = year + "-" + month + "-11",
                  .kind = Kind::inquiry,
                  .theme = "advice_request",
                  .unit = "TMF-BYG",
                  .citizen = "d" + std::to_string(i),
                  .action = Action::guidance});
    }
    b.add(Row{.received = "2024-02-02", .theme = "no_reply", .unit = "TMF-BYG", .citizen = "e"});
    return b.columns;
}

ReportRequest year(Audience audience = Audience::advisor) {
    ReportRequest request;
    request.period = test::period("2024-01-01", "2024-12-31");
    request.compare = previous_year(request.period);
    request.audience = audience;
    return request;
}

TEST(Scope, CountsOnlyTheNodeAndTheNodesBelowIt) {
    auto columns = sample();
    auto scope = config().organisation.find("BSF");
    ASSERT_TRUE(scope);
    auto all = compute_statistics(columns, config(), year().period, year().compare);
    auto bsf = compute_statistics(columns, config(), year().period, year().compare, scope);
    EXPECT_EQ(all.volume.cases, 25u);
    EXPECT_EQ(bsf.volume.cases, 12u);
    EXPECT_EQ(bsf.compare_volume->cases, 12u);
    EXPECT_EQ(bsf.volume.by_kind[0][0], 12u);
    EXPECT_EQ(bsf.volume.by_kind[1][0], 0u);
    ASSERT_EQ(bsf.organisation.size(), 1u);
    EXPECT_EQ(bsf.organisation[0].unit, *scope);
    // By code or label; an unknown one is refused naming it.
    auto request = year();
    request.unit = "BSF";
    EXPECT_EQ(report_scope(config(), request), scope);
    request.unit = config().organisation.unit(*scope).label;
    EXPECT_EQ(report_scope(config(), request), scope);
    request.unit = "NOPE";
    try {
        compute_report(columns, config(), request);
        ADD_FAILURE() << "an unknown unit was taken";
    } catch (const ReportRequestError& e) {
        EXPECT_NE(std::string(e.what()).find("NOPE"), std::string::npos);
    }
}

TEST(OverTime, MonthsBesideTheComparisonAndQuartersOverEighteenMonths) {
    auto columns = sample();
    auto stats = compute_statistics(columns, config(), year().period, year().compare);
    EXPECT_EQ(stats.interval, Interval::month);
    ASSERT_EQ(stats.over_time.size(), 12u);
    ASSERT_EQ(stats.compare_over_time.size(), 12u);
    EXPECT_EQ(stats.over_time[1].total, 3u);  // February: a complaint, an inquiry and no_reply
    EXPECT_EQ(stats.over_time[1].by_kind[0], 2u);
    EXPECT_EQ(stats.over_time[1].by_kind[1], 1u);
    EXPECT_EQ(stats.compare_over_time[1].total, 2u);
    EXPECT_EQ(stats.over_time[1].dates.from, *Date::parse("2024-02-01"));
    EXPECT_EQ(stats.over_time[1].dates.to, *Date::parse("2024-02-29"));
    auto two_years =
        compute_statistics(columns, config(), test::period("2023-01-01", "2024-12-31"));
    EXPECT_EQ(two_years.interval, Interval::quarter);
    ASSERT_EQ(two_years.over_time.size(), 8u);
    EXPECT_EQ(two_years.over_time[4].total, 7u);  // 1st quarter 2024
    // A period that begins mid-month: its first bucket is the part in the period.
    auto odd = compute_statistics(columns, config(), test::period("2024-02-05", "2024-07-31"));
    ASSERT_EQ(odd.over_time.size(), 6u);
    EXPECT_EQ(odd.over_time[0].dates.from, *Date::parse("2024-02-05"));
    EXPECT_EQ(odd.over_time[0].total, 2u);  // not no_reply of 2 February
}

TEST(ComplaintThemes, RankedForComplaintsAloneWithTheirGroups) {
    auto stats = compute_statistics(sample(), config(), year().period, year().compare);
    ASSERT_EQ(stats.complaint_themes.size(), 3u);  // advice_request is no complaint's
    std::uint32_t sum = 0;
    for (const auto& row : stats.complaint_themes) sum += row.count;
    EXPECT_EQ(sum, 13u);
    EXPECT_EQ(stats.complaint_themes.back().count, 1u);  // no_reply, the smallest
    std::uint32_t groups = 0;
    for (const auto& row : stats.complaint_theme_groups) groups += row.count;
    EXPECT_EQ(groups, 13u);
}

TEST(Deadlines, ByKleSubjectUnitAndThemeWithTheOfficesTitles) {
    auto request = year();
    request.kle_titles = {{"27.24", "Hjælpemidler"}};
    auto report =
        json::parse(render_report(compute_report(sample(), config(), request), ReportFormat::json));
    std::map<std::string, int> counts;
    for (const auto& line : report["deadlines"]) {
        EXPECT_EQ(line["unit"], "BSF-JOB-SDP");
        counts[line["kle"].get<std::string>() + " " + line["theme"].get<std::string>()] =
            line["count"];
        if (line["kle"] == "27.24") {
            EXPECT_EQ(line["kle_title"], "Hjælpemidler");
        }
        if (line["kle"] == "32.18") {
            EXPECT_FALSE(line.contains("kle_title"));
        }
    }
    // Months 1-12 of 2024: odd ones deadline_exceeded, KLE 32.18 when the month index % 3 == 0.
    EXPECT_EQ(counts["27.24 deadline_exceeded"] + counts["32.18 deadline_exceeded"], 6);
    EXPECT_EQ(counts["32.18 slow_processing"] + counts["32.18 deadline_exceeded"], 4);
    auto md = render_report(compute_report(sample(), config(), request), ReportFormat::md);
    EXPECT_NE(md.find("27.24 Hjælpemidler"), std::string::npos) << md;
}

TEST(Deadlines, ASmallSubjectTotalIsHiddenWhereverItStands) {
    // Three subjects; the small one first. Each total's figure must be hidden in place (the
    // totals once moved in memory while the disclosure stage held their addresses).
    ColumnsBuilder b(config());
    for (const char* kle : {"15.00.05", "27.24.04", "32.18.08"}) {
        const int count = std::string(kle) == "15.00.05" ? 2 : 9;
        for (int i = 0; i < count; ++i) {
            b.add(Row{.received = "2024-05-05",
                      .theme = "deadline_exceeded",
                      .unit = "BSF-JOB-SDP",
                      .citizen = std::string(kle) + std::to_string(i),
                      .kle = kle});
        }
    }
    auto report = compute_report(b.columns, config(), year(Audience::public_));
    ASSERT_EQ(report.deadline_totals.size(), 3u);
    EXPECT_EQ(report.deadline_totals[0].kle, "15.00");
    EXPECT_TRUE(report.deadline_totals[0].count.is_hidden());
    auto published = json::parse(render_report(report, ReportFormat::json));
    EXPECT_TRUE(published["deadline_totals"][0]["count"].is_null());
}

TEST(Titles, TheRequestsTitleAndColumnsNamedByThePeriods) {
    auto request = year();
    request.title = "Midtvejsstatus";
    auto md = render_report(compute_report(sample(), config(), request), ReportFormat::md);
    EXPECT_EQ(md.rfind("# Midtvejsstatus", 0), 0u) << md.substr(0, 80);
    EXPECT_NE(md.find("| 2024 |"), std::string::npos);
    EXPECT_NE(md.find("| 2023 |"), std::string::npos);
    EXPECT_EQ(md.find("Sammenligning"), std::string::npos);
    request.period = test::period("2024-02-01", "2024-07-31");
    request.compare = previous_year(request.period);
    md = render_report(compute_report(sample(), config(), request), ReportFormat::md);
    EXPECT_NE(md.find("1. feb. – 31. jul. 2024"), std::string::npos);
    EXPECT_NE(md.find("1. feb. – 31. jul. 2023"), std::string::npos);
}

TEST(Formats, EveryFormatHasSectionsElevenToThirteen) {
    for (auto audience : {Audience::advisor, Audience::public_}) {
        auto report = compute_report(sample(), config(), year(audience));
        for (auto format : {ReportFormat::md, ReportFormat::html, ReportFormat::csv}) {
            auto text = render_report(report, format);
            for (const char* title : {"Udvikling over tid", "Hvad handler klagerne om?",
                                      "Overskredne frister og lang sagsbehandling"})
                EXPECT_NE(text.find(title), std::string::npos) << title;
        }
        auto html = render_report(report, ReportFormat::html);
        EXPECT_NE(html.find("class=\"time-chart\""), std::string::npos);
        EXPECT_NE(html.find("Klagernes største temaer"), std::string::npos);
        auto xlsx = render_report(report, ReportFormat::xlsx);
        EXPECT_EQ(xlsx.rfind("PK\x03\x04", 0), 0u);
        EXPECT_NE(xlsx.find("xl/charts/chart"), std::string::npos);
    }
}

TEST(ThemeChart, PoolsTheSmallThemesIntoOneBarAndDropsNone) {
    ColumnsBuilder b(config());
    int n = 0;
    for (const auto& theme : config().themes.themes()) {
        if (theme.code == "advice_request") continue;
        for (int i = 0; i <= n % 9; ++i) {
            b.add(Row{.received = "2024-03-01", .theme = theme.code, .unit = "TMF-BYG"});
        }
        ++n;
    }
    auto report = compute_report(b.columns, config(), year());
    const auto& chart = report.theme_chart;
    EXPECT_GT(chart.pooled_themes, 1u);
    EXPECT_EQ(chart.lines.size() + chart.pooled_themes, report.themes.size());
    EXPECT_TRUE(chart.pooled.shown());
    std::uint64_t charted = chart.pooled.value();
    for (auto line : chart.lines) charted += report.themes[line].count.value();
    EXPECT_EQ(charted, report.volume.cases.value());
    auto html = render_report(report, ReportFormat::html);
    EXPECT_NE(html.find("Andre (" + std::to_string(chart.pooled_themes) + " temaer)"),
              std::string::npos);
}

TEST(KleTitles, ReadsTheOfficesFileAndRefusesWhatIsNotOne) {
    auto dir = std::filesystem::temp_directory_path() / "ombuds_kle_test";
    std::filesystem::create_directories(dir);
    auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
        return dir / name;
    };
    auto titles = read_kle_titles(write("good.json", R"({"27.24": "Hjælpemidler"})"));
    EXPECT_EQ(titles.at("27.24"), "Hjælpemidler");
    for (const char* bad : {R"({"27": "x"})", R"({"27.24": 3})", "[1]", "not json"}) {
        try {
            read_kle_titles(write("bad.json", bad));
            ADD_FAILURE() << bad;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::misuse) << bad;
            EXPECT_NE(std::string(e.what()).find("bad.json"), std::string::npos);
        }
    }
    EXPECT_THROW(read_kle_titles(dir / "missing.json"), Error);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ombuds
