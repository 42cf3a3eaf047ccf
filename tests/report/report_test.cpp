// SPDX-License-Identifier: MPL-2.0
// The entry points of report.hpp: a report for an audience, the threshold it uses, and the
// requests it refuses.
#include "ombuds/report.hpp"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "columns_builder.hpp"
#include "ombuds/config_io.hpp"

namespace ombuds {
namespace {

using nlohmann::json;
using test::ColumnsBuilder;
using test::Row;

using test::config;

/// 40 complaints, and `small` other inquiries in a unit of their own.
CaseColumns register_with(int small) {
    ColumnsBuilder b(config());
    for (int i = 0; i < 40; ++i) {
        b.add(Row{.received = "2024-03-04",
                  .theme = "no_reply",
                  .unit = "BUF-FAM-MYN",
                  .citizen = "c" + std::to_string(i)});
    }
    for (int i = 0; i < small; ++i) {
        b.add(Row{.received = "2024-03-05",
                  .kind = Kind::inquiry,
                  .theme = "advice_request",
                  .unit = "TMF-BYG",
                  .citizen = "d" + std::to_string(i),
                  .action = Action::guidance});
    }
    return b.columns;
}

ReportRequest request_for(Audience audience, std::optional<int> min_count = std::nullopt) {
    ReportRequest request;
    request.period = test::period("2024-01-01", "2024-12-31");
    request.compare = previous_year(request.period);
    request.audience = audience;
    request.min_count = min_count;
    return request;
}

const Count& inquiries(const Report& report) {
    return report.volume.by_kind[static_cast<std::size_t>(Kind::inquiry)].total;
}

TEST(Report, TheAdvisorSeesEveryFigure) {
    auto report = compute_report(register_with(3), config(), request_for(Audience::advisor));
    EXPECT_EQ(inquiries(report).value(), 3u);
    EXPECT_FALSE(report.any_hidden);
    // The same as disclosing the engine's figures.
    auto statistics =
        compute_statistics(register_with(3), config(), test::period("2024-01-01", "2024-12-31"),
                           previous_year(test::period("2024-01-01", "2024-12-31")));
    auto disclosed = disclose(statistics, config(), request_for(Audience::advisor));
    EXPECT_EQ(render_report(disclosed, ReportFormat::json),
              render_report(report, ReportFormat::json));
}

TEST(Report, TheThresholdComesFromTheRequestOrTheConfiguration) {
    EXPECT_EQ(disclosure_threshold(config(), request_for(Audience::public_)), 5);
    EXPECT_EQ(disclosure_threshold(config(), request_for(Audience::public_, 7)), 7);
    Configuration lowered = config();
    lowered.limits.suppression_threshold = 1;
    EXPECT_EQ(disclosure_threshold(lowered, request_for(Audience::public_)), 3);
    // 4 inquiries are hidden with the default threshold, shown with 3; 6 hidden with 7.
    EXPECT_TRUE(
        inquiries(compute_report(register_with(4), config(), request_for(Audience::public_)))
            .is_hidden());
    EXPECT_EQ(
        inquiries(compute_report(register_with(4), config(), request_for(Audience::public_, 3)))
            .value(),
        4u);
    EXPECT_TRUE(
        inquiries(compute_report(register_with(6), config(), request_for(Audience::public_, 7)))
            .is_hidden());
    auto report = compute_report(register_with(4), config(), request_for(Audience::public_, 3));
    auto out = json::parse(render_report(report, ReportFormat::json));
    EXPECT_EQ(out["min_count"], 3);
}

TEST(Report, AThresholdBelowThreeIsRefused) {
    EXPECT_THROW(check_report_request(request_for(Audience::public_, 2)), ReportRequestError);
    EXPECT_THROW(compute_report(register_with(4), config(), request_for(Audience::public_, 2)),
                 ReportRequestError);
    EXPECT_NO_THROW(check_report_request(request_for(Audience::public_, 3)));
}

TEST(Report, AnOverlappingComparisonIsRefusedOutsideTheOffice) {
    auto request = request_for(Audience::administration);
    request.compare = test::period("2024-12-31", "2025-03-31");
    try {
        check_report_request(request);
        ADD_FAILURE() << "not refused";
    } catch (const ReportRequestError& e) {
        EXPECT_NE(e.message(Lang::da).find("overlapper"), std::string::npos) << e.what();
    }
    request.compare = test::period("2023-01-01", "2023-12-31");
    EXPECT_NO_THROW(check_report_request(request));
    request.compare.reset();
    EXPECT_NO_THROW(check_report_request(request));
}

TEST(Report, JsonMarksHiddenFiguresAndGivesListTotals) {
    auto report = compute_report(register_with(3), config(), request_for(Audience::public_));
    auto out = json::parse(render_report(report, ReportFormat::json));
    const auto& row = out["volume"]["by_kind"]["inquiry"];
    EXPECT_TRUE(row["total"].is_null());
    EXPECT_EQ(row["suppressed"], true);
    EXPECT_EQ(out["volume"]["suppressed"], true);
    std::map<std::string, json> totals;
    for (const auto& item : out["list_totals"]) totals[item["list"].get<std::string>()] = item;
    EXPECT_TRUE(totals["actions.inquiry"]["count"].is_null()) << out["list_totals"].dump();
    EXPECT_EQ(totals["actions.inquiry"]["suppressed"], true);
    EXPECT_EQ(totals["actions.staff"]["count"], 0);
    auto advisor = compute_report(register_with(3), config(), request_for(Audience::advisor));
    auto all = json::parse(render_report(advisor, ReportFormat::json));
    EXPECT_EQ(all["list_totals"][0]["list"], "actions.complaint");
    EXPECT_EQ(all["list_totals"][0]["count"], 40);
}

}  // namespace
}  // namespace ombuds
