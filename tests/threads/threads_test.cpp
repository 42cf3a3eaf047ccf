// SPDX-License-Identifier: MPL-2.0
// Threads, each with its own handle (a Register, or an ombuds_db from the C API), on one register
// file and on files of their own, inserting, validating and reporting at once: exact final counts.
// Built with OMBUDS_TSAN (scripts/test.sh --tsan) ThreadSanitizer checks that the library
// shares nothing between handles without synchronisation; the normal build runs it too.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "case_generator.hpp"
#include "common/test_directory.hpp"
#include "ombuds/case_file.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/import.hpp"
#include "ombuds/ombuds.h"
#include "ombuds/register.hpp"
#include "ombuds/report.hpp"

namespace ombuds {
namespace {

namespace fs = std::filesystem;

constexpr int threads = 4;
constexpr int inserts = 60;  // per thread; every insert is its own durable transaction

class Threads : public ::testing::Test {
  protected:
    void SetUp() override { dir_ = test::make_test_directory("ombuds-threads"); }
    void TearDown() override { fs::remove_all(dir_); }

    static RegisterOptions options() {
        RegisterOptions o;
        o.today = Date::from_ymd(2026, 11, 1);
        return o;
    }

    /// The text of one valid main complaint for thread `t`, case `i` (a citizen of its own).
    static std::array<std::string, field_count> values(int t, int i) {
        std::array<std::string, field_count> v{};
        auto set = [&](Field f, std::string text) {
            v[static_cast<std::size_t>(f)] = std::move(text);
        };
        set(Field::case_id, "T" + std::to_string(t) + "-" + std::to_string(i));
        set(Field::citizen, "ref:t" + std::to_string(t) + "-" + std::to_string(i));
        set(Field::kind, "complaint");
        set(Field::role, "main");
        set(Field::received, "2024-05-06");
        set(Field::unit, "BSF-JOB-SDP");
        set(Field::theme, "no_reply");
        set(Field::action, "complaint_dialogue");
        return v;
    }

    static std::size_t count(const fs::path& db) {
        SQLite::Database connection(db.string(), SQLite::OPEN_READONLY);
        EXPECT_EQ(connection.execAndGet("PRAGMA integrity_check").getString(), "ok");
        return static_cast<std::size_t>(
            connection.execAndGet("SELECT count(*) FROM cases").getInt64());
    }

    /// Runs `body(t)` on `threads` threads started together; each reports its failures as text.
    template <class Body>
    void run(Body&& body) {
        std::atomic<int> ready{0};
        std::vector<std::string> failures(threads);
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t) {
            pool.emplace_back([&, t] {
                ++ready;
                while (ready.load() < threads) std::this_thread::yield();
                try {
                    body(t, failures[static_cast<std::size_t>(t)]);
                } catch (const std::exception& e) {
                    failures[static_cast<std::size_t>(t)] +=
                        std::string("exception: ") + e.what() + "\n";
                }
            });
        }
        for (auto& thread : pool) thread.join();
        for (int t = 0; t < threads; ++t)
            EXPECT_EQ(failures[static_cast<std::size_t>(t)], "") << "thread " << t;
    }

    /// One thread's work through the C++ API on its own handle: validate and insert one case at
    /// a time, report now and then.
    static void cpp_worker(const fs::path& db, int t, std::string& failure) {
        auto reg = Register::open(db, options());
        for (int i = 0; i < inserts; ++i) {
            auto text = values(t, i);
            FieldValues view{};
            for (std::size_t f = 0; f < field_count; ++f) view[f] = text[f];
            std::vector<Violation> parse;
            auto rec = parse_record(view, reg.config(), parse);
            auto checked = reg.validate(rec);
            auto stored = reg.insert(rec);
            for (const auto& list : {parse, checked, stored}) {
                for (const auto& v : list) {
                    if (v.is_error()) failure += "refused " + std::string(rule_code(v.rule)) + "\n";
                }
            }
            if (i % 20 == 19) {
                ReportRequest request;
                request.period = Period{*Date::from_ymd(2024, 1, 1), *Date::from_ymd(2024, 12, 31)};
                auto report = compute_report(reg.load_columns(), reg.config(), request);
                if (render_report(report, reg.config(), ReportFormat::json).empty())
                    failure += "empty report\n";
            }
        }
    }

    /// The same through the C API.
    static void c_worker(const std::string& db, int t, std::string& failure) {
        ombuds_db* handle = nullptr;
        if (ombuds_open(db.c_str(), nullptr, &handle) != OMBUDS_OK) {
            failure += std::string("open: ") + ombuds_errmsg(nullptr) + "\n";
            return;
        }
        ombuds_record* rec = nullptr;
        ombuds_record_new(&rec);
        for (int i = 0; i < inserts; ++i) {
            auto v = values(t + 100, i);
            ombuds_record_clear(rec);
            for (std::size_t f = 0; f < field_count; ++f) {
                if (v[f].empty()) continue;
                if (ombuds_record_set(rec, std::string(column_name(static_cast<Field>(f))).c_str(),
                                      v[f].c_str()) != OMBUDS_OK) {
                    failure += "record_set\n";
                }
            }
            if (ombuds_validate(handle, rec, nullptr) != OMBUDS_OK)
                failure += std::string("validate: ") + ombuds_errmsg(handle) + "\n";
            char* json = nullptr;
            if (ombuds_insert(handle, rec, &json) != OMBUDS_OK)
                failure += std::string("insert: ") + ombuds_errmsg(handle) + "\n";
            ombuds_free(json);
            if (i % 20 == 19) {
                char* text = nullptr;
                if (ombuds_report(handle, R"({"from": "2024-01-01", "to": "2024-12-31"})", &text) !=
                    OMBUDS_OK) {
                    failure += std::string("report: ") + ombuds_errmsg(handle) + "\n";
                }
                ombuds_free(text);
            }
        }
        ombuds_record_free(rec);
        ombuds_close(handle);
    }

    fs::path dir_;
};

TEST_F(Threads, CppHandlesOnOneRegister) {
    auto db = dir_ / "shared.db";
    Register::open(db, options());  // created once; the threads open it together
    run([&](int t, std::string& failure) { cpp_worker(db, t, failure); });
    EXPECT_EQ(count(db), static_cast<std::size_t>(threads * inserts));
}

TEST_F(Threads, CppHandlesOnRegistersOfTheirOwn) {
    run([&](int t, std::string& failure) {
        cpp_worker(dir_ / ("own" + std::to_string(t) + ".db"), t, failure);
    });
    for (int t = 0; t < threads; ++t) {
        EXPECT_EQ(count(dir_ / ("own" + std::to_string(t) + ".db")),
                  static_cast<std::size_t>(inserts));
    }
}

TEST_F(Threads, CHandlesOnOneRegister) {
    auto db = (dir_ / "shared.db").string();
    ombuds_db* first = nullptr;
    ASSERT_EQ(ombuds_open(db.c_str(), nullptr, &first), OMBUDS_OK);
    ASSERT_EQ(ombuds_close(first), OMBUDS_OK);
    run([&](int t, std::string& failure) { c_worker(db, t, failure); });
    EXPECT_EQ(count(db), static_cast<std::size_t>(threads * inserts));
}

TEST_F(Threads, CAndCppHandlesMixed) {
    // Half the threads on one shared register, half on files of their own, both APIs at once.
    auto shared = dir_ / "shared.db";
    Register::open(shared, options());
    run([&](int t, std::string& failure) {
        if (t % 2 == 0) {
            cpp_worker(shared, t, failure);
            c_worker((dir_ / ("own" + std::to_string(t) + ".db")).string(), t, failure);
        } else {
            c_worker(shared.string(), t, failure);
            cpp_worker(dir_ / ("own" + std::to_string(t) + ".db"), t, failure);
        }
    });
    EXPECT_EQ(count(shared), static_cast<std::size_t>(threads * inserts));
    for (int t = 0; t < threads; ++t) {
        EXPECT_EQ(count(dir_ / ("own" + std::to_string(t) + ".db")),
                  static_cast<std::size_t>(inserts));
    }
}

TEST_F(Threads, LargeImportsAtOnce) {
    // A file over 1 MiB into an empty register is stored by a thread of the import's own while
    // the file is still read: two such imports side by side, and one into a shared register.
    bench::GeneratorOptions g;
    g.cases = 8000;
    auto text = bench::generate_csv(load_configuration(), g);
    ASSERT_GT(text.size(), std::size_t{1} << 20);
    std::ofstream(dir_ / "big.csv", std::ios::binary) << text;
    auto shared = dir_ / "shared.db";
    Register::open(shared, options());
    run([&](int t, std::string& failure) {
        if (t >= 3) {
            cpp_worker(shared, t, failure);
            return;
        }
        auto reg = Register::open(dir_ / ("own" + std::to_string(t) + ".db"), options());
        auto result = import_file(reg, dir_ / "big.csv");
        if (result.imported != g.cases) failure += std::to_string(result.errors()) + " errors\n";
    });
    for (int t = 0; t < 3; ++t)
        EXPECT_EQ(count(dir_ / ("own" + std::to_string(t) + ".db")), g.cases);
    EXPECT_EQ(count(shared), static_cast<std::size_t>(inserts));
}

TEST_F(Threads, FailedOpensKeepTheirMessagePerThread) {
    // ombuds_errmsg(NULL) is per thread: each thread sees the reason of its own failed open.
    run([&](int t, std::string& failure) {
        for (int i = 0; i < 50; ++i) {
            ombuds_db* handle = nullptr;
            std::string path = (dir_ / ("missing" + std::to_string(t)) / "r.db").string();
            int status =
                t % 2 == 0
                    ? ombuds_open(path.c_str(), R"({"create": false, "lang": "en"})", &handle)
                    : ombuds_open(path.c_str(), R"({"no_such_option": 1})", &handle);
            std::string message = ombuds_errmsg(nullptr);
            if (t % 2 == 0 && (status != OMBUDS_NOT_FOUND ||
                               message.find("no such register") == std::string::npos)) {
                failure += "not found: " + message + "\n";
            }
            if (t % 2 == 1 &&
                (status != OMBUDS_MISUSE || message.find("unknown option") == std::string::npos)) {
                failure += "misuse: " + message + "\n";
            }
        }
    });
}

}  // namespace
}  // namespace ombuds
