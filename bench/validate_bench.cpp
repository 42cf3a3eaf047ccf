// SPDX-License-Identifier: MPL-2.0
// Validation speed: every rule of domain.md over generated valid cases, one core.
// Goal (issue 2): at least 2 million cases per second.
#include <benchmark/benchmark.h>

#include "case_generator.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/validation.hpp"

namespace {

const ombuds::Configuration& config() {
    static const ombuds::Configuration c = ombuds::load_configuration();
    return c;
}

const std::vector<ombuds::CaseRecord>& records(std::size_t n) {
    static std::vector<ombuds::CaseRecord> cached;
    if (cached.size() != n) {
        ombuds::bench::GeneratorOptions options;
        options.cases = n;
        options.years = 2;
        cached = ombuds::bench::generate_records(config(), options);
    }
    return cached;
}

ombuds::ValidationOptions options() {
    return {ombuds::Date::from_ymd(2026, 11, 1), ombuds::WriteMode::insert};
}

// A whole file: ids unique within the batch, follow-ups found in the batch.
void BM_ValidateBatch(benchmark::State& state) {
    const auto& cases = records(static_cast<std::size_t>(state.range(0)));
    ombuds::Validator validator(config(), options());
    ombuds::EmptyRegisterView nothing;
    std::size_t errors = 0;
    for (auto _ : state) {
        auto result = validator.validate_batch(cases, nothing);
        for (const auto& v : result) errors += v.size();
        benchmark::DoNotOptimize(result.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cases.size()));
    state.counters["violations"] =
        static_cast<double>(errors) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ValidateBatch)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime();

// One record at a time against an empty register: the per-record rules alone.
void BM_ValidateEach(benchmark::State& state) {
    const auto& cases = records(static_cast<std::size_t>(state.range(0)));
    ombuds::Validator validator(config(), options());
    ombuds::EmptyRegisterView nothing;
    std::vector<ombuds::Violation> out;
    for (auto _ : state) {
        for (const auto& rec : cases) {
            out.clear();
            validator.validate(rec, nothing, out);
        }
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cases.size()));
}
BENCHMARK(BM_ValidateEach)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
