// SPDX-License-Identifier: MPL-2.0
// The engine's rules: percentages, rounding, anonymous cases, durations, periods.
#include "ombuds/statistics.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "columns_builder.hpp"
#include "ombuds/config_io.hpp"

namespace ombuds {
namespace {

using test::ColumnsBuilder;
using test::Row;

using test::config;

Statistics compute(const CaseColumns& columns, Period period,
                   std::optional<Period> compare = std::nullopt) {
    return compute_statistics(columns, config(), period, compare);
}

TEST(Percentages, LargestRemainderAddsUpToExactlyOneHundred) {
    for (const auto& counts : std::vector<std::vector<std::uint64_t>>{
             {1, 1, 1}, {2, 1}, {24, 10, 10, 10}, {7}, {1, 2, 3, 4, 5, 6, 7}, {999, 1, 1}}) {
        auto tenths = largest_remainder_tenths(counts);
        EXPECT_EQ(std::accumulate(tenths.begin(), tenths.end(), 0), 1000);
    }
    EXPECT_EQ(largest_remainder_tenths({1, 1, 1}),
              (std::vector<std::int32_t>{334, 333, 333}));  // ties: earlier first
    EXPECT_EQ(largest_remainder_tenths({0, 0}), (std::vector<std::int32_t>{0, 0}));
    EXPECT_EQ(largest_remainder_tenths({}), std::vector<std::int32_t>{});
}

TEST(Percentages, ChangeRoundsHalfAwayFromZero) {
    EXPECT_EQ(percent_change(128, 98), 31);  // seed 004
    EXPECT_EQ(percent_change(29, 32), -9);
    EXPECT_EQ(percent_change(22, 22), 0);
    EXPECT_EQ(percent_change(9, 8), 13);   // 12.5
    EXPECT_EQ(percent_change(7, 8), -13);  // -12.5
    EXPECT_EQ(percent_change(38, 12), 217);
    EXPECT_FALSE(percent_change(5, 0).has_value());
}

TEST(Engine, EmptyRegisterAndEmptyPeriod) {
    CaseColumns none;
    auto report = compute(none, test::period("2024-01-01", "2024-12-31"),
                          test::period("2023-01-01", "2023-12-31"));
    EXPECT_EQ(report.volume.cases, 0u);
    EXPECT_TRUE(report.themes.empty());
    EXPECT_FALSE(report.time.first_response.median.has_value());
    EXPECT_EQ(report.time.within_target, 0u);
    ColumnsBuilder b(config());
    b.add(Row{.received = "2020-01-01", .theme = "no_reply", .citizen = "a"});
    auto later = compute(b.columns, test::period("2024-01-01", "2024-12-31"));
    EXPECT_EQ(later.volume.cases, 0u);
    EXPECT_EQ(later.time.open_at_end, 1u);  // received before the end, never closed
}

TEST(Engine, ClosedCountsByClosingDateAndOpenAtEnd) {
    ColumnsBuilder b(config());
    b.add(
        Row{.received = "2023-12-01", .theme = "no_reply", .citizen = "a", .closed = "2024-01-10"});
    b.add(
        Row{.received = "2024-06-01", .theme = "no_reply", .citizen = "b", .closed = "2025-01-10"});
    b.add(Row{.received = "2024-07-01", .theme = "no_reply", .citizen = "c"});
    b.add(
        Row{.received = "2024-07-02", .theme = "no_reply", .citizen = "c", .closed = "2024-08-01"});
    auto report = compute(b.columns, test::period("2024-01-01", "2024-12-31"));
    EXPECT_EQ(report.volume.cases, 3u);
    EXPECT_EQ(report.volume.closed, 2u);  // 2024-01-10 and 2024-08-01
    EXPECT_EQ(report.volume.citizens, 2u);
    EXPECT_EQ(report.time.open_at_end, 2u);  // b (closed 2025) and the first of c
}

TEST(Engine, ReplyTargetInWorkingDaysAcrossEaster) {
    ColumnsBuilder b(config());
    // Wednesday before Easter 2024 -> Tuesday after: skærtorsdag, langfredag and 2. påskedag are
    // holidays, so the answer came 1 working day later.
    b.add(Row{.received = "2024-03-27", .theme = "no_reply", .first_response = "2024-04-02"});
    // Monday -> Friday the same week: 4 working days, over the target of 3.
    b.add(Row{.received = "2024-06-10", .theme = "no_reply", .first_response = "2024-06-14"});
    auto report = compute(b.columns, test::period("2024-01-01", "2024-12-31"));
    EXPECT_EQ(report.time.first_response.measured, 2u);
    EXPECT_EQ(report.time.within_target, 1u);
    EXPECT_EQ(report.time.first_response.median, 5.0);  // 6 and 4 calendar days
    EXPECT_EQ(report.time.first_response.p90, 6.0);
}

TEST(Engine, MedianAndPercentileOfClosingTimes) {
    ColumnsBuilder b(config());
    for (int days : {1, 2, 3, 4, 5, 6, 7, 8, 9, 100}) {
        auto closed = Date::parse("2024-02-01")->plus_days(days).iso();
        b.add(Row{.received = "2024-02-01",
                  .theme = "no_reply",
                  .resolution = Resolution::explained,
                  .closed = closed});
    }
    auto report = compute(b.columns, test::period("2024-01-01", "2024-12-31"));
    EXPECT_EQ(report.time.closed.measured, 10u);
    EXPECT_EQ(report.time.closed.median, 5.5);
    EXPECT_EQ(report.time.closed.p90, 9.0);  // nearest rank: the 9th of 10
}

TEST(Engine, ThemesNewOtherLastAndGroups) {
    ColumnsBuilder b(config());
    for (int i = 0; i < 3; ++i) b.add(Row{.received = "2024-02-01", .theme = "other"});
    b.add(Row{.received = "2024-02-01", .theme = "hearing"});
    b.add(Row{.received = "2023-02-01", .theme = "no_reply"});  // only last year
    auto report = compute(b.columns, test::period("2024-01-01", "2024-12-31"),
                          test::period("2023-01-01", "2023-12-31"));
    ASSERT_EQ(report.themes.size(), 3u);
    EXPECT_EQ(config().themes.theme(report.themes[0].theme).code, "hearing");
    EXPECT_EQ(config().themes.theme(report.themes[1].theme).code, "no_reply");
    EXPECT_EQ(report.themes[1].count, 0u);
    EXPECT_EQ(config().themes.theme(report.themes[2].theme).code, "other");  // last despite 3
    EXPECT_EQ(report.themes[2].rank, 3);
    ASSERT_EQ(report.theme_groups.size(), 3u);
}

TEST(Engine, InvestigationsAndStaff) {
    ColumnsBuilder b(config());
    b.add(Row{.received = "2024-02-01",
              .kind = Kind::investigation,
              .unit = "SSF-AELDRE-VISI",
              .action = Action::investigated,
              .resolution = Resolution::criticism,
              .admin_response = AdminResponse::agrees,
              .origin = Origin::own_initiative,
              .closed = "2024-03-01"});
    b.add(Row{.received = "2024-02-01",
              .kind = Kind::staff,
              .theme = "process",
              .unit = "SSF-VOKSEN-PSYK",
              .action = Action::advice});
    b.add(Row{.received = "2024-02-02",
              .kind = Kind::staff,
              .theme = "process",
              .unit = "SSF",
              .action = Action::referred});
    auto report = compute(b.columns, test::period("2024-01-01", "2024-12-31"));
    EXPECT_EQ(report.investigations, 1u);
    EXPECT_EQ(report.investigation_origins[static_cast<std::size_t>(Origin::own_initiative)], 1u);
    EXPECT_EQ(report.investigation_resolutions[static_cast<std::size_t>(Resolution::criticism)],
              1u);
    EXPECT_EQ(report.staff, 2u);
    ASSERT_EQ(report.staff_by_area.size(), 1u);
    EXPECT_EQ(config().organisation.unit(report.staff_by_area[0].first).code, "SSF");
    EXPECT_EQ(report.staff_by_area[0].second, 2u);
    EXPECT_EQ(report.staff_by_group[*config().themes.find_group("process")], 2u);
    // Staff consultations stay out of the organisation and theme tables.
    ASSERT_EQ(report.organisation.size(), 1u);
    EXPECT_EQ(report.organisation[0].count, 1u);
}

TEST(Engine, AnonymousCasesAreComplaintsInquiriesAndInvestigationsWithoutACitizen) {
    ColumnsBuilder b(config());
    b.add(Row{.received = "2024-02-01", .theme = "no_reply"});
    b.add(Row{.received = "2024-02-01",
              .kind = Kind::inquiry,
              .theme = "advice_request",
              .action = Action::guidance});
    b.add(Row{.received = "2024-02-01",
              .kind = Kind::investigation,
              .action = Action::investigated,
              .origin = Origin::own_initiative});
    b.add(Row{.received = "2024-02-01", .theme = "no_reply", .citizen = "a"});
    // Staff consultations never carry a citizen: not anonymous cases, and a citizen given on
    // one anyway is not counted.
    b.add(Row{.received = "2024-02-01",
              .kind = Kind::staff,
              .theme = "process",
              .action = Action::advice});
    b.add(Row{.received = "2024-02-01",
              .kind = Kind::staff,
              .theme = "process",
              .citizen = "b",
              .action = Action::advice});
    auto report = compute(b.columns, test::period("2024-01-01", "2024-12-31"),
                          test::period("2023-01-01", "2023-12-31"));
    EXPECT_EQ(report.volume.anonymous_cases, 3u);
    EXPECT_EQ(report.volume.citizens, 1u);
    ASSERT_EQ(report.citizens_by_cases.size(), 1u);
    EXPECT_EQ(report.citizens_by_cases[0].second, 1u);
    EXPECT_EQ(report.compare_volume->anonymous_cases, 0u);
}

TEST(Engine, FollowUpsOfTheMainCases) {
    ColumnsBuilder b(config());
    auto main = b.add(Row{.received = "2024-02-01", .theme = "no_reply", .citizen = "a"});
    b.add(Row{.received = "2024-02-03",
              .role = Role::follow_up,
              .theme = "hearing",
              .citizen = "a",
              .main = main});
    b.add(Row{.received = "2024-02-04",
              .role = Role::follow_up,
              .theme = "hearing",
              .citizen = "a",
              .main = main});
    b.add(Row{.received = "2024-02-05", .theme = "no_reply", .citizen = "b"});
    auto report = compute(b.columns, test::period("2024-01-01", "2024-12-31"));
    EXPECT_EQ(report.followups_of_mains, 2u);
    EXPECT_DOUBLE_EQ(report.followups_per_main, 1.0);
}

TEST(Engine, PreviousYear) {
    auto p = previous_year(test::period("2024-02-29", "2024-12-31"));
    EXPECT_EQ(p.from.iso(), "2023-02-28");
    EXPECT_EQ(p.to.iso(), "2023-12-31");
    EXPECT_FALSE(overlaps(test::period("2024-01-01", "2024-12-31"), p));
    EXPECT_TRUE(overlaps(test::period("2024-01-01", "2024-12-31"),
                         test::period("2023-07-01", "2024-01-01")));
    EXPECT_TRUE(overlaps(test::period("2024-03-01", "2024-03-31"),
                         test::period("2024-01-01", "2024-12-31")));
}

}  // namespace
}  // namespace ombuds
