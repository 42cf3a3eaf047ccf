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
    for (const auto& issue : file.issues) ADD_FAILURE() << "line " << issue.line << ": " << rule_code(issue.violation.rule);
    Validator validator(config, ValidationOptions{Date::from_ymd(2026, 11, 1), false});
    auto result = validator.validate_batch(file.records, EmptyRegisterView());
    std::size_t problems = 0;
    for (std::size_t i = 0; i < result.size(); ++i) {
        for (const auto& v : result[i]) {
            if (++problems < 10) ADD_FAILURE() << "line " << file.lines[i] << ": " << rule_code(v.rule) << " " << v.detail;
        }
    }
    EXPECT_EQ(problems, 0u);

    // The columns the generator makes directly count like the parsed file.
    auto columns = bench::generate_columns(config, options);
    ReportRequest request;
    request.period = Period{*Date::from_ymd(2024, 1, 1), *Date::from_ymd(2025, 12, 31)};
    auto report = compute_report(columns, config, request);
    EXPECT_EQ(report.volume.cases, 20000u);
    EXPECT_GT(report.volume.by_kind[0][1], 1000u);  // complaint follow-ups
    EXPECT_GT(report.investigations, 100u);
    EXPECT_GT(report.staff, 500u);
}

}  // namespace
}  // namespace ombuds
