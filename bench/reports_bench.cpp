// SPDX-License-Identifier: MPL-2.0
// The reports of the year against the annual report, over 1,000,000 generated cases in columns
// (two years, one core): the full report, the report scoped to one area (--unit), and a
// two-dimensional `ombuds table` (unit:2 by theme_group, complaints only), each computed and
// disclosed for the advisor (argument 0) and the administration (1). Goal (issue 18): a scoped
// report and a table take no more than the full report.
#include <benchmark/benchmark.h>

#include "case_generator.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/report.hpp"
#include "ombuds/table.hpp"

namespace {

const ombuds::Configuration& config() {
    static const ombuds::Configuration c = ombuds::load_configuration();
    return c;
}

const ombuds::CaseColumns& columns() {
    static const ombuds::CaseColumns c = [] {
        ombuds::bench::GeneratorOptions options;
        options.cases = 1'000'000;
        options.years = 2;
        return ombuds::bench::generate_columns(config(), options);
    }();
    return c;
}

ombuds::Period year_2025() {
    return ombuds::Period{*ombuds::Date::from_ymd(2025, 1, 1),
                          *ombuds::Date::from_ymd(2025, 12, 31)};
}

ombuds::ReportRequest report_request(const benchmark::State& state, const char* unit) {
    ombuds::ReportRequest request;
    request.period = year_2025();
    request.compare = ombuds::previous_year(request.period);
    request.audience = static_cast<ombuds::Audience>(state.range(0));
    request.unit = unit;
    return request;
}

void BM_FullReport(benchmark::State& state) {
    const auto& cases = columns();
    auto request = report_request(state, "");
    for (auto _ : state) {
        auto report = ombuds::compute_report(cases, config(), request);
        benchmark::DoNotOptimize(report.any_hidden);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cases.size()));
}
BENCHMARK(BM_FullReport)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ScopedReport(benchmark::State& state) {
    const auto& cases = columns();
    auto request = report_request(state, "SSF");
    for (auto _ : state) {
        auto report = ombuds::compute_report(cases, config(), request);
        benchmark::DoNotOptimize(report.any_hidden);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cases.size()));
}
BENCHMARK(BM_ScopedReport)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Table(benchmark::State& state) {
    const auto& cases = columns();
    ombuds::TableRequest request;
    request.period = year_2025();
    request.rows = *ombuds::parse_dimension("unit:2");
    request.cols = ombuds::parse_dimension("theme_group");
    request.where = {ombuds::parse_filter("kind=complaint")};
    request.audience = static_cast<ombuds::Audience>(state.range(0));
    for (auto _ : state) {
        auto table = ombuds::compute_table(cases, config(), request);
        benchmark::DoNotOptimize(table.any_hidden);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cases.size()));
}
BENCHMARK(BM_Table)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
