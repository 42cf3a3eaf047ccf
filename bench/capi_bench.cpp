// SPDX-License-Identifier: MPL-2.0
// Per-call cost through the C API: validating one case, inserting one case alone (its own
// transaction) and inside a batch transaction, on a file register. Goal (issue 5): validating
// one case under 5 µs.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "ombuds/ombuds.h"

namespace {

namespace fs = std::filesystem;

fs::path fresh_register(const char* name) {
    auto dir = fs::temp_directory_path() / ("ombuds-capi-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    auto db = dir / name;
    for (const char* suffix : {"", "-wal", "-shm", ".key"}) fs::remove(db.string() + suffix);
    return db;
}

ombuds_record* make_record() {
    ombuds_record* rec = nullptr;
    ombuds_record_new(&rec);
    ombuds_record_set(rec, "case_id", "K1");
    ombuds_record_set(rec, "inquiry_id", "H1");
    ombuds_record_set(rec, "citizen", "211062-5629");
    ombuds_record_set(rec, "kind", "complaint");
    ombuds_record_set(rec, "role", "main");
    ombuds_record_set(rec, "received", "2024-03-04");
    ombuds_record_set(rec, "first_response", "2024-03-05");
    ombuds_record_set(rec, "closed", "2024-04-01");
    ombuds_record_set(rec, "unit", "BSF-JOB-SDP");
    ombuds_record_set(rec, "theme", "slow_processing");
    ombuds_record_set(rec, "action", "complaint_dialogue");
    ombuds_record_set(rec, "resolution", "explained");
    ombuds_record_set(rec, "channel", "phone");
    return rec;
}

/// range(0): 0 a file register, each call its own read (SQLite takes its file locks), 1 the
/// same inside a transaction, 2 a ":memory:" register.
void BM_CapiValidate(benchmark::State& state) {
    ombuds_db* db = nullptr;
    ombuds_open(state.range(0) == 2 ? ":memory:" : fresh_register("validate.db").c_str(), nullptr,
                &db);
    if (state.range(0) == 1) ombuds_begin(db);
    ombuds_record* rec = make_record();
    for (auto _ : state) {
        char* json = nullptr;
        if (ombuds_validate(db, rec, &json) != OMBUDS_OK) state.SkipWithError(ombuds_errmsg(db));
        ombuds_free(json);
    }
    state.SetItemsProcessed(state.iterations());
    if (state.range(0) == 1) ombuds_rollback(db);
    ombuds_record_free(rec);
    ombuds_close(db);
}
BENCHMARK(BM_CapiValidate)
    ->ArgName("file0_transaction1_memory2")
    ->Arg(0)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMicrosecond);

void insert_cases(benchmark::State& state, bool batch) {
    ombuds_db* db = nullptr;
    ombuds_open(fresh_register(batch ? "batch.db" : "alone.db").c_str(), nullptr, &db);
    ombuds_record* rec = make_record();
    std::size_t n = 0;
    if (batch) ombuds_begin(db);
    for (auto _ : state) {
        char id[32];
        std::snprintf(id, sizeof id, "K%zu", n++);
        ombuds_record_set(rec, "case_id", id);
        if (ombuds_insert(db, rec, nullptr) != OMBUDS_OK) state.SkipWithError(ombuds_errmsg(db));
    }
    if (batch) ombuds_commit(db);
    state.SetItemsProcessed(state.iterations());
    ombuds_record_free(rec);
    ombuds_close(db);
}

void BM_CapiInsertAlone(benchmark::State& state) {
    insert_cases(state, false);
}
BENCHMARK(BM_CapiInsertAlone)->Unit(benchmark::kMicrosecond);

void BM_CapiInsertInBatch(benchmark::State& state) {
    insert_cases(state, true);
}
BENCHMARK(BM_CapiInsertInBatch)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::error_code ec;
    fs::remove_all(fs::temp_directory_path() / ("ombuds-capi-bench-" + std::to_string(::getpid())),
                   ec);
    return 0;
}
