// SPDX-License-Identifier: MPL-2.0
// The report: the engine over 1,000,000 and 10,000,000 cases in columns (one core), disclosure
// control for each audience, and `ombuds report` end to end on a 1,000,000-case register (open,
// load the columns, compute, disclose, render HTML). Goal (issue 4): 1,000,000 cases under 20 ms,
// memory under 40 bytes per case. Memory is measured, not estimated: this program counts the bytes
// operator new hands out.
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <new>

#include "case_generator.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/import.hpp"
#include "ombuds/register.hpp"
#include "ombuds/report.hpp"

namespace {

std::atomic<std::size_t> live_bytes{0};
std::atomic<std::size_t> peak_bytes{0};

void note_allocation(void* p) {
    if (!p) return;
    auto now = live_bytes.fetch_add(malloc_usable_size(p)) + malloc_usable_size(p);
    auto peak = peak_bytes.load();
    while (now > peak && !peak_bytes.compare_exchange_weak(peak, now)) {
    }
}

}  // namespace

void* operator new(std::size_t size) {
    void* p = std::malloc(size ? size : 1);
    if (!p) throw std::bad_alloc();
    note_allocation(p);
    return p;
}
void operator delete(void* p) noexcept {
    if (p) live_bytes.fetch_sub(malloc_usable_size(p));
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    operator delete(p);
}

namespace {

namespace fs = std::filesystem;

const ombuds::Configuration& config() {
    static const ombuds::Configuration c = ombuds::load_configuration();
    return c;
}

ombuds::ReportRequest year_2025(ombuds::Audience audience = ombuds::Audience::advisor) {
    ombuds::ReportRequest request;
    request.period =
        ombuds::Period{*ombuds::Date::from_ymd(2025, 1, 1), *ombuds::Date::from_ymd(2025, 12, 31)};
    request.compare = ombuds::previous_year(request.period);
    request.audience = audience;
    return request;
}

void BM_ComputeReport(benchmark::State& state) {
    ombuds::bench::GeneratorOptions options;
    options.cases = static_cast<std::size_t>(state.range(0));
    options.years = 2;
    auto columns = ombuds::bench::generate_columns(config(), options);
    auto request = year_2025();
    std::size_t working = 0;
    for (auto _ : state) {
        auto before = live_bytes.load();
        peak_bytes.store(before);
        auto report =
            ombuds::compute_statistics(columns, config(), request.period, request.compare);
        working = std::max(working, peak_bytes.load() - before);
        benchmark::DoNotOptimize(report.volume.cases);
    }
    auto n = static_cast<double>(columns.size());
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * columns.size()));
    state.counters["column_bytes_per_case"] = static_cast<double>(columns.memory_bytes()) / n;
    state.counters["engine_bytes_per_case"] = static_cast<double>(working) / n;
    state.counters["bytes_per_case"] = static_cast<double>(columns.memory_bytes() + working) / n;
}
BENCHMARK(BM_ComputeReport)
    ->Arg(1'000'000)
    ->Arg(10'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

/// Disclosure control alone: the engine's figures of a generated register made into the report
/// for each audience (argument: 0 advisor, 1 administration, 2 public). Small registers hide
/// more and have the same number of cells, so the size matters little.
void BM_Disclose(benchmark::State& state) {
    ombuds::bench::GeneratorOptions options;
    options.cases = static_cast<std::size_t>(state.range(1));
    options.years = 2;
    auto columns = ombuds::bench::generate_columns(config(), options);
    auto request = year_2025(static_cast<ombuds::Audience>(state.range(0)));
    auto statistics =
        ombuds::compute_statistics(columns, config(), request.period, request.compare);
    for (auto _ : state) {
        auto report = ombuds::disclose(statistics, config(), request);
        benchmark::DoNotOptimize(report.any_hidden);
    }
}
BENCHMARK(BM_Disclose)
    ->ArgsProduct({{0, 1, 2}, {2'000, 1'000'000}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

/// A file register of n generated cases, imported once per run of the program.
fs::path register_of(std::size_t n) {
    static fs::path dir =
        fs::temp_directory_path() / ("ombuds-report-bench-" + std::to_string(::getpid()));
    auto db = dir / ("register-" + std::to_string(n) + ".db");
    if (!fs::exists(db)) {
        fs::create_directories(dir);
        ombuds::bench::GeneratorOptions options;
        options.cases = n;
        options.years = 2;
        auto file = ombuds::read_case_text(ombuds::bench::generate_csv(config(), options),
                                           "generated.csv", config());
        ombuds::RegisterOptions register_options;
        register_options.today = ombuds::Date::from_ymd(2026, 11, 1);
        auto reg = ombuds::Register::open(db, register_options);
        import_cases(reg, file);
    }
    return db;
}

void BM_ReportEndToEnd(benchmark::State& state) {
    auto db = register_of(static_cast<std::size_t>(state.range(0)));
    auto request = year_2025();
    std::size_t bytes = 0;
    for (auto _ : state) {
        ombuds::RegisterOptions options;
        options.create = false;
        auto reg = ombuds::Register::open(db, options);
        auto columns = reg.load_columns();
        auto report = ombuds::compute_report(columns, reg.config(), request);
        auto html = ombuds::render_report(report, ombuds::ReportFormat::html);
        bytes = html.size();
        benchmark::DoNotOptimize(html.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * state.range(0)));
    state.counters["html_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ReportEndToEnd)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);

/// The report a dashboard asks for: open the register, load its columns, compute and disclose.
void report_from(const fs::path& db, const ombuds::ReportRequest& request) {
    ombuds::RegisterOptions options;
    options.create = false;
    auto reg = ombuds::Register::open(db, options);
    auto columns = reg.load_columns();
    auto report = ombuds::compute_report(columns, reg.config(), request);
    benchmark::DoNotOptimize(report.any_hidden);
}

/// The warm report: nothing changed since the last one, the stored column snapshot is current.
void BM_ReportWarm(benchmark::State& state) {
    auto db = register_of(static_cast<std::size_t>(state.range(0)));
    auto request = year_2025();
    report_from(db, request);
    for (auto _ : state) report_from(db, request);
}

/// The first report after one case was inserted by another handle (a journal system keeping
/// its own open): the snapshot follows the register through its logged changes, so this costs
/// about what the warm report costs (issue 17: at most twice).
void BM_ReportAfterOneInsert(benchmark::State& state) {
    auto db = register_of(static_cast<std::size_t>(state.range(0)));
    auto request = year_2025();
    ombuds::RegisterOptions options;
    options.create = false;
    options.today = ombuds::Date::from_ymd(2026, 11, 1);
    auto journal = ombuds::Register::open(db, options);
    ombuds::bench::GeneratorOptions one;
    one.cases = 1;
    auto record = ombuds::bench::generate_records(journal.config(), one).front();
    record.role = ombuds::Role::main;
    record.main_case_id.reset();
    record.inquiry_id.reset();
    report_from(db, request);
    static int inserted = 0;  // the register outlives one run of the benchmark
    for (auto _ : state) {
        state.PauseTiming();
        record.case_id = ombuds::CaseId::parse("BENCH-" + std::to_string(++inserted));
        auto refused = journal.insert(record);
        if (!refused.empty()) {
            state.SkipWithError(
                ("the inserted case was refused: " + refused.front().message(ombuds::Lang::en))
                    .c_str());
            break;
        }
        state.ResumeTiming();
        report_from(db, request);
    }
}

BENCHMARK(BM_ReportWarm)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_ReportAfterOneInsert)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::error_code ec;
    fs::remove_all(
        fs::temp_directory_path() / ("ombuds-report-bench-" + std::to_string(::getpid())), ec);
    return 0;
}
