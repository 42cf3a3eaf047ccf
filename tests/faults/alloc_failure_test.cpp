// SPDX-License-Identifier: MPL-2.0
// Allocation-failure injection: the N-th allocation fails, for N = 1, 2, ... until an import, an
// erase and a report complete, once with SQLite's allocator failing and once with C++'s
// (operator new), each transient (that one call) and persistent (every call from the N-th on).
// Every step ends in success or a documented error (std::bad_alloc, Error; OMBUDS_NOMEM
// through the C API), never a crash or std::terminate, and the register is as before or wholly
// after: integrity_check ok on a fresh connection, the case count before or after. Run under
// AddressSanitizer (scripts/test.sh --sanitize) the walk also proves that no failure path leaks.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <ostream>
#include <set>
#include <string>

#include <SQLiteCpp/SQLiteCpp.h>

#include "case_generator.hpp"
#include "failing_allocator.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/import.hpp"
#include "ombuds/ombuds.h"
#include "ombuds/register.hpp"
#include "ombuds/report.hpp"

namespace ombuds {
namespace {

namespace fs = std::filesystem;
using test::FailingAllocator;
using Kind = FailingAllocator::Kind;

// Far more than any walk here needs (a few thousand steps): a walk that never completes fails.
constexpr long max_steps = 200000;

constexpr const char* erase_citizen = "211062-5629";

const char* name(Kind kind) {
    return kind == Kind::sqlite ? "sqlite" : "c++";
}

struct Mode {
    Kind kind;
    bool persistent;
};

std::string describe(Mode mode) {
    return std::string(name(mode.kind)) + (mode.persistent ? " persistent" : " transient");
}

// gtest prints a parameter's bytes, padding included, into the test names ctest lists: a name
// that changes from build to build.
void PrintTo(const Mode& mode, std::ostream* out) {
    *out << describe(mode);
}

class AllocFailure : public ::testing::TestWithParam<Mode> {
  protected:
    void SetUp() override {
        // In memory when it can be: the walk commits and copies the register at every step,
        // which on a disk shared with other work is mostly waiting for fsync.
        std::error_code ec;
        const fs::path root =
            fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
        dir_ = root /
               ("ombuds-alloc-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        db_ = dir_ / "r.db";
        pristine_ = dir_ / "pristine.db";
        config_ = load_configuration();

        // The register every step starts from: 30 generated cases and two of one citizen.
        auto reg = Register::open(pristine_, options());
        write_file(dir_ / "base.csv", generated(30, 1, "B"));
        auto base = import_file(reg, dir_ / "base.csv");
        ASSERT_EQ(base.imported, 30u) << base.errors() << " errors";
        write_file(dir_ / "erase.csv",
                   "case_id;citizen;kind;role;received;unit;theme;action;note\n"
                   "E1;211062-5629;complaint;main;2024-03-04;BSF-JOB-SDP;no_reply;meeting;Ringede\n"
                   "E2;211062-5629;inquiry;main;2024-04-04;TMF-BYG;advice_request;guidance;\n");
        ASSERT_EQ(import_file(reg, dir_ / "erase.csv").imported, 2u);
        before_ = reg.case_count();
        write_file(dir_ / "new.csv", generated(20, 2, "N"));
    }

    void TearDown() override {
        FailingAllocator::disarm();
        fs::remove_all(dir_);
    }

    static RegisterOptions options() {
        RegisterOptions o;
        o.today = Date::from_ymd(2026, 11, 1);
        return o;
    }

    /// Generated cases with their ids prefixed, so two files never share an id.
    std::string generated(std::size_t n, std::uint64_t seed, const std::string& tag) const {
        bench::GeneratorOptions g;
        g.cases = n;
        g.seed = seed;
        g.first_year = 2024;
        auto text = bench::generate_csv(config_, g);
        std::string out;
        for (std::size_t i = 0; i < text.size(); ++i) {
            bool field_start = i == 0 || text[i - 1] == ';' || text[i - 1] == '\n';
            if (field_start && (text[i] == 'C' || text[i] == 'H') && i + 1 < text.size() &&
                std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
                out += tag;
            }
            out += text[i];
        }
        return out;
    }

    static void write_file(const fs::path& path, const std::string& text) {
        std::ofstream(path, std::ios::binary) << text;
    }

    /// Puts the pristine register (closed, so without WAL) back in place.
    void restore() const {
        for (const char* suffix : {"", "-wal", "-shm", ".key"}) fs::remove(db_.string() + suffix);
        fs::copy_file(pristine_, db_);
        fs::copy_file(pristine_.string() + ".key", db_.string() + ".key");
    }

    /// The register seen by a fresh connection with nothing armed: integrity and case count.
    std::size_t check_and_count() const {
        FailingAllocator::disarm();
        SQLite::Database db(db_.string(), SQLite::OPEN_READONLY);
        EXPECT_EQ(db.execAndGet("PRAGMA integrity_check").getString(), "ok");
        return static_cast<std::size_t>(db.execAndGet("SELECT count(*) FROM cases").getInt64());
    }

    /// Every stored value of every case, so "wholly after" also means "nothing stored wrong"
    /// (a value silently left out would pass a count).
    std::string contents() const {
        FailingAllocator::disarm();
        SQLite::Database db(db_.string(), SQLite::OPEN_READONLY);
        SQLite::Statement rows(db, "SELECT * FROM cases ORDER BY case_id");
        std::string out;
        while (rows.executeStep()) {
            for (int i = 0; i < rows.getColumnCount(); ++i) {
                auto column = rows.getColumn(i);
                out += column.isNull() ? std::string("NULL") : "'" + column.getString() + "'";
                out += i + 1 < rows.getColumnCount() ? ';' : '\n';
            }
        }
        return out;
    }

    /// The contents after the operation completed without any failure.
    std::string contents_after(const std::function<void(Register&)>& operation) {
        restore();
        {
            auto reg = Register::open(db_, options());
            operation(reg);
        }
        return contents();
    }

    /// Opens the register and runs `operation` with the N-th allocation failing, N = 1, 2, ...
    /// until a step succeeds with no allocation failed. A failed step must leave `before` cases
    /// or `after` (a failure after the commit, such as in the checkpoint that follows an erase);
    /// a successful one `after`. Returns the number of steps.
    long walk(const std::function<void(Register&)>& operation, std::size_t before,
              std::size_t after) {
        const Mode mode = GetParam();
        std::set<std::string> errors;
        restore();
        const std::string contents_before = contents();
        const std::string contents_after = this->contents_after(operation);
        long n = 1;
        for (; n < max_steps; ++n) {
            restore();
            bool ok = false;
            try {
                // nlohmann::json's destructor allocates (nlohmann/json#5135, #4653: unfixed in
                // 3.11): a failing operator new inside it calls std::terminate whatever ombuds
                // does. Opening parses the stored configuration with it, so C++'s allocator is
                // armed after the open; SQLite's from before it.
                std::optional<Register> reg;
                if (mode.kind == Kind::cxx) reg.emplace(Register::open(db_, options()));
                FailingAllocator::fail_at(mode.kind, n, mode.persistent);
                if (!reg) reg.emplace(Register::open(db_, options()));
                operation(*reg);
                ok = true;
            } catch (const std::bad_alloc&) {
            } catch (const Error& e) {
                // Running out of memory is std::bad_alloc (the register maps SQLITE_NOMEM to it);
                // a Error here misreports it (a failed bind once surfaced as "NOT NULL
                // constraint failed"): collected and reported after the walk.
                FailingAllocator::disarm();
                errors.insert(std::to_string(static_cast<int>(e.kind())) + ": " + e.what());
            } catch (const std::exception& e) {
                FailingAllocator::disarm();
                ADD_FAILURE() << describe(mode) << " step " << n << ": undocumented exception "
                              << e.what();
            }
            const bool failed = FailingAllocator::failures() > 0;
            FailingAllocator::disarm();
            const auto count = check_and_count();
            const auto now = contents();
            if (ok) {
                EXPECT_EQ(count, after) << describe(mode) << " step " << n << " succeeded";
                EXPECT_TRUE(now == contents_after)
                    << describe(mode) << " step " << n << " stored other values";
            } else {
                EXPECT_TRUE(count == before || count == after)
                    << describe(mode) << " step " << n << ": " << count;
                EXPECT_TRUE(now == contents_before || now == contents_after)
                    << describe(mode) << " step " << n << ": neither before nor wholly after";
            }
            if (HasFailure()) break;
            if (ok && !failed) break;
        }
        EXPECT_LT(n, max_steps) << "the operation never completed";
        EXPECT_GT(n, 1) << "no allocation was ever failed";
        for (const auto& error : errors)
            ADD_FAILURE() << describe(mode) << ": a Error for no memory: " << error;
        std::printf("[ %s ] %ld steps\n", describe(mode).c_str(), n);
        return n;
    }

    static inline int counter_ = 0;
    fs::path dir_, db_, pristine_;
    Configuration config_;
    std::size_t before_ = 0;
};

TEST_P(AllocFailure, Import) {
    walk(
        [&](Register& reg) {
            auto result = import_file(reg, dir_ / "new.csv");
            ASSERT_EQ(result.imported, 20u);
        },
        before_, before_ + 20);
}

TEST_P(AllocFailure, Erase) {
    walk([&](Register& reg) { EXPECT_EQ(reg.erase_citizen(erase_citizen).erased, 2u); }, before_,
         before_ - 2);
}

TEST_P(AllocFailure, Report) {
    walk(
        [&](Register& reg) {
            auto columns = reg.load_columns();
            ReportRequest request;
            request.period = Period{*Date::from_ymd(2025, 1, 1), *Date::from_ymd(2025, 12, 31)};
            request.compare = previous_year(request.period);
            auto report = compute_report(columns, reg.config(), request);
            EXPECT_FALSE(render_report(report, reg.config(), ReportFormat::html).empty());
            EXPECT_FALSE(render_report(report, reg.config(), ReportFormat::md).empty());
            // The JSON report is built with nlohmann::json (see walk()): SQLite's allocator only.
            if (GetParam().kind == Kind::sqlite) {
                EXPECT_FALSE(render_report(report, reg.config(), ReportFormat::json).empty());
            }
        },
        before_, before_);
}

/// The C API through the same walk: open, insert one case, import a file, report, close. Every
/// status is OMBUDS_OK or OMBUDS_NOMEM, and a case is stored exactly when its call said OK.
/// With C++'s allocator failing, the calls that build JSON objects (open parses the stored
/// configuration; import and report answer in JSON) run unarmed: nlohmann::json's destructor
/// allocates (see walk()). Record calls, validate, insert and close are armed in both.
TEST_P(AllocFailure, CApi) {
    const Mode mode = GetParam();
    // Runs a call with C++'s allocator paused (SQLite's stays armed).
    struct Unarmed {
        explicit Unarmed(Kind kind) : active(kind == Kind::cxx) {
            if (active) FailingAllocator::pause();
        }
        ~Unarmed() {
            if (active) FailingAllocator::resume();
        }
        Unarmed(const Unarmed&) = delete;
        Unarmed& operator=(const Unarmed&) = delete;
        bool active;
    };
    const std::string path = db_.string();
    const std::string file = (dir_ / "new.csv").string();
    std::string reference;  // the contents after the sequence ran without a failure
    long n = 0;
    for (; n < max_steps; ++n) {
        restore();
        std::vector<std::pair<const char*, int>> statuses;
        statuses.reserve(32);  // nothing of the test's own allocates while armed
        bool open_ok = false, insert_ok = false, import_ok = false, report_ok = false;
        FailingAllocator::fail_at(mode.kind, n, mode.persistent);
        ombuds_db* db = nullptr;
        int status = [&] {
            Unarmed unarmed(mode.kind);
            return ombuds_open(path.c_str(), nullptr, &db);
        }();
        statuses.emplace_back("open", status);
        if (status == OMBUDS_OK) {
            open_ok = true;
            ombuds_record* rec = nullptr;
            status = ombuds_record_new(&rec);
            statuses.emplace_back("record_new", status);
            bool set_ok = status == OMBUDS_OK;
            for (auto [field, value] : {std::pair<const char*, const char*>{"case_id", "CAPI-1"},
                                        {"citizen", "ref:capi-1"},
                                        {"kind", "complaint"},
                                        {"role", "main"},
                                        {"received", "2024-05-06"},
                                        {"unit", "BSF-JOB-SDP"},
                                        {"theme", "no_reply"},
                                        {"action", "complaint_dialogue"}}) {
                if (!set_ok) break;
                status = ombuds_record_set(rec, field, value);
                statuses.emplace_back("record_set", status);
                set_ok = status == OMBUDS_OK;
            }
            if (set_ok) {
                statuses.emplace_back("validate", ombuds_validate(db, rec, nullptr));
                char* json = nullptr;
                status = ombuds_insert(db, rec, &json);
                statuses.emplace_back("insert", status);
                insert_ok = status == OMBUDS_OK;
                if (insert_ok != (json != nullptr))
                    ADD_FAILURE() << "step " << n << ": insert's JSON";
                ombuds_free(json);
            }
            ombuds_record_free(rec);
            char* summary = nullptr;
            {
                Unarmed unarmed(mode.kind);
                status = ombuds_import_file(db, file.c_str(), nullptr, &summary);
            }
            statuses.emplace_back("import_file", status);
            import_ok = status == OMBUDS_OK;
            ombuds_free(summary);
            char* text = nullptr;
            {
                Unarmed unarmed(mode.kind);
                status = ombuds_report(
                    db, R"({"from": "2025-01-01", "to": "2025-12-31", "format": "md"})", &text);
            }
            statuses.emplace_back("report", status);
            report_ok = status == OMBUDS_OK;
            if (report_ok != (text != nullptr))
                ADD_FAILURE() << "step " << n << ": the report's text";
            if (status != OMBUDS_OK && ombuds_errmsg(db) == nullptr) ADD_FAILURE() << "no message";
            ombuds_free(text);
            statuses.emplace_back("close", ombuds_close(db));
        } else {
            EXPECT_EQ(db, nullptr);
            EXPECT_NE(ombuds_errmsg(nullptr), nullptr);
        }
        const bool failed = FailingAllocator::failures() > 0;
        FailingAllocator::disarm();
        if (n == 0) {  // step 0 fails nothing: it gives the reference
            ASSERT_TRUE(open_ok && insert_ok && import_ok && report_ok);
            reference = contents();
            continue;
        }
        for (auto [call, result] : statuses) {
            EXPECT_TRUE(result == OMBUDS_OK || result == OMBUDS_NOMEM)
                << describe(mode) << " step " << n << ": " << call << " returned "
                << ombuds_status_name(result);
        }
        const auto count = check_and_count();
        EXPECT_EQ(count, before_ + (insert_ok ? 1 : 0) + (import_ok ? 20 : 0))
            << describe(mode) << " step " << n
            << ": a case is stored exactly when its call said OMBUDS_OK";
        if (open_ok && insert_ok && import_ok && report_ok) {
            EXPECT_TRUE(contents() == reference)
                << describe(mode) << " step " << n << " stored other values";
        }
        if (HasFailure()) break;
        if (open_ok && insert_ok && import_ok && report_ok && !failed) break;
    }
    EXPECT_LT(n, max_steps);
    EXPECT_GT(n, 1);
    std::printf("[ %s ] %ld steps\n", describe(mode).c_str(), n);
}

INSTANTIATE_TEST_SUITE_P(Allocators, AllocFailure,
                         ::testing::Values(Mode{Kind::sqlite, false}, Mode{Kind::sqlite, true},
                                           Mode{Kind::cxx, false}, Mode{Kind::cxx, true}),
                         [](const ::testing::TestParamInfo<Mode>& info) {
                             return std::string(info.param.kind == Kind::sqlite ? "Sqlite"
                                                                                : "Cxx") +
                                    (info.param.persistent ? "Persistent" : "Transient");
                         });

}  // namespace
}  // namespace ombuds

int main(int argc, char** argv) {
    // SQLite's allocator can only be replaced before SQLite initialises: before any test runs.
    if (!ombuds::test::FailingAllocator::install_sqlite()) {
        std::fprintf(stderr, "SQLite was initialised before its allocator could be wrapped\n");
        return 1;
    }
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
