// SPDX-License-Identifier: MPL-2.0
// The benchmarks' generated cases are valid: every benchmark measures the path of good data.
#include <gtest/gtest.h>

#include "case_generator.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/statistics.hpp"
#include "ombuds/validation.hpp"

namespace ombuds {
namespace {

TEST(Generator, TwentyThousandCasesOverTwoYearsAreValid) {
    auto config = load_configuration();
    bench::GeneratorOptions options;
    options.cases = 20000;
    options.years = 2;
    auto file = read_case_text(bench::generate_csv(config, options), "generated.csv", config);
    ASSERT_EQ(file.records.size(), 20000u);
    for (const auto& issue : file.issues)
        ADD_FAILURE() << "line " << issue.line << ": " << rule_code(issue.violation.rule);
    Validator validator(config, ValidationOptions{Date::from_ymd(2026, 11, 1), WriteMode::insert});
    auto result = validator.validate_batch(file.records, EmptyRegisterView());
    std::size_t problems = 0;
    for (std::size_t i = 0; i < result.size(); ++i) {
        for (const auto& v : result[i]) {
            if (++problems < 10)
                ADD_FAILURE() << "line " << file.lines[i] << ": " << rule_code(v.rule) << " "
                              << v.detail;
        }
    }
    EXPECT_EQ(problems, 0u);

    // The columns the generator makes directly count like the parsed file.
    auto columns = bench::generate_columns(config, options);
    // Up to the latest date, so the cases open at the period's end are those never closed.
    auto report = compute_statistics(
        columns, config, Period{*Date::from_ymd(2024, 1, 1), bench::generator_latest_date});
    EXPECT_EQ(report.volume.cases, 20000u);
    EXPECT_GT(report.volume.by_kind[0][1], 4000u);  // complaint follow-ups
    EXPECT_GT(report.volume.by_kind[1][1], 2000u);  // other inquiries' follow-ups
    EXPECT_GT(report.investigations, 250u);
    EXPECT_GT(report.staff, 800u);
    // The shape of issue 6 as the report counts it: about 1.8 cases per inquiry, 40 %
    // follow-ups, 3 % rejected, 5 % open.
    EXPECT_NEAR(20000.0 / report.volume.inquiries, 1.8, 0.1);
    EXPECT_NEAR((20000.0 - report.volume.main_cases) / 20000.0, 0.40, 0.02);
    std::uint32_t rejected = 0;
    for (auto count : report.rejections) rejected += count;
    EXPECT_NEAR(rejected / 20000.0, 0.03, 0.005);
    EXPECT_NEAR(report.time.open_at_end / 20000.0, 0.05, 0.01);
    EXPECT_GT(report.followups_per_main, 0.6);  // 40 to 60
    EXPECT_LT(report.followups_per_main, 0.74);
}

}  // namespace
}  // namespace ombuds
