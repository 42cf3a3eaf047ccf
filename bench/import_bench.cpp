// SPDX-License-Identifier: MPL-2.0
// Import speed: a generated CSV file into a file register with full validation and pseudonyms,
// beside a raw SQLiteCpp prepared-statement insert of the same rows in the same run.
// Goal (issue 3): at least 300,000 cases per second, and at least half the raw insert's rate.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <SQLiteCpp/SQLiteCpp.h>

#include "case_generator.hpp"
#include "ombuds/case_file.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/import.hpp"
#include "ombuds/register.hpp"

namespace {

namespace fs = std::filesystem;

const ombuds::Configuration& config() {
    static const ombuds::Configuration c = ombuds::load_configuration();
    return c;
}

fs::path work_dir() {
    static const fs::path dir = [] {
        auto d = fs::temp_directory_path() / ("ombuds-import-bench-" + std::to_string(::getpid()));
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

/// The generated case file of n cases, written once per size.
fs::path case_file(std::size_t n) {
    auto path = work_dir() / ("cases-" + std::to_string(n) + ".csv");
    if (!fs::exists(path)) {
        ombuds::bench::GeneratorOptions options;
        options.cases = n;
        options.years = 2;
        std::ofstream(path, std::ios::binary) << ombuds::bench::generate_csv(config(), options);
        // On disk before anything is timed: its writeback would otherwise compete with the
        // first import's commit.
        int fd = ::open(path.c_str(), O_RDONLY);
        if (fd >= 0) {
            ::fsync(fd);
            ::close(fd);
        }
    }
    return path;
}

void remove_register(const fs::path& db) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal", ".key"})
        fs::remove(db.string() + suffix);
}

void BM_ImportFile(benchmark::State& state) {
    auto n = static_cast<std::size_t>(state.range(0));
    auto file = case_file(n);
    auto db = work_dir() / "register.db";
    ombuds::RegisterOptions options;
    options.today = ombuds::Date::from_ymd(2026, 11, 1);
    std::size_t imported = 0;
    for (auto _ : state) {
        state.PauseTiming();
        remove_register(db);
        state.ResumeTiming();
        auto reg = ombuds::Register::open(db, options);
        auto result = import_file(reg, file);
        imported = result.imported;
        if (result.imported != n)
            state.SkipWithError("the generated file was not imported completely");
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * imported));
    remove_register(db);
}
BENCHMARK(BM_ImportFile)->Arg(1'000'000)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

/// The same rows, split into their text cells beforehand, inserted with one prepared statement
/// into a table of the same columns, same pragmas, one transaction: the floor SQLite sets. In the
/// register's WAL mode (journal:0), and in the rollback-journal mode an import into an empty
/// register uses (journal:1), where each page is written once.
void BM_RawInsert(benchmark::State& state) {
    auto n = static_cast<std::size_t>(state.range(0));
    auto parsed = ombuds::read_case_file(case_file(n), config());
    std::vector<std::array<std::string, ombuds::field_count>> rows;
    rows.reserve(parsed.records.size());
    for (const auto& rec : parsed.records) {
        std::array<std::string, ombuds::field_count> row;
        for (std::size_t f = 0; f < ombuds::field_count; ++f) {
            row[f] = ombuds::field_text(rec, static_cast<ombuds::Field>(f), config());
        }
        row[static_cast<std::size_t>(ombuds::Field::citizen)] = rec.citizen.key();
        rows.push_back(std::move(row));
    }
    auto db_path = work_dir() / "raw.db";
    for (auto _ : state) {
        state.PauseTiming();
        remove_register(db_path);
        state.ResumeTiming();
        SQLite::Database db(db_path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec(state.range(1) ? "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL"
                               : "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL");
        std::string columns, marks;
        for (std::size_t f = 0; f < ombuds::field_count; ++f) {
            columns += (f ? ", " : "") +
                       std::string(ombuds::column_name(static_cast<ombuds::Field>(f))) + " TEXT";
            marks += f ? ",?" : "?";
        }
        db.exec("CREATE TABLE cases (" + columns + ")");
        SQLite::Transaction transaction(db);
        SQLite::Statement insert(db, "INSERT INTO cases VALUES (" + marks + ")");
        for (const auto& row : rows) {
            insert.reset();
            for (std::size_t f = 0; f < row.size(); ++f) {
                if (row[f].empty()) {
                    insert.bind(static_cast<int>(f + 1));
                } else {
                    insert.bindNoCopy(static_cast<int>(f + 1), row[f]);
                }
            }
            insert.exec();
        }
        transaction.commit();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows.size()));
    remove_register(db_path);
}
BENCHMARK(BM_RawInsert)
    ->ArgNames({"cases", "journal"})
    ->Args({1'000'000, 0})
    ->Args({1'000'000, 1})
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::filesystem::remove_all(work_dir());
    return 0;
}
