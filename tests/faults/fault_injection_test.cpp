// SPDX-License-Identifier: MPL-2.0
// Fault injection: an I/O error at the N-th write-side call, for N = 1, 2, ... until an import,
// an erase and an anonymisation complete. Every step ends in a documented error (Error
// io) or success, and the register is as before or wholly after: integrity_check ok, the
// operation wholly there or wholly absent.
#include <gtest/gtest.h>

#include <filesystem>

#include <SQLiteCpp/SQLiteCpp.h>

#include "case_generator.hpp"
#include "common/test_directory.hpp"
#include "faulty_vfs.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/import.hpp"
#include "ombuds/register.hpp"

namespace ombuds {
namespace {

namespace fs = std::filesystem;

class FaultInjection : public ::testing::Test {
  protected:
    void SetUp() override {
        test::FaultyVfs::install();
        dir_ = test::make_test_directory("ombuds-faults");
        db_ = dir_ / "r.db";
        config_ = load_configuration();
    }
    void TearDown() override {
        test::FaultyVfs::fail_at(0);
        fs::remove_all(dir_);
    }

    RegisterOptions options() const {
        RegisterOptions o;
        o.vfs = test::FaultyVfs::name;
        o.today = Date::from_ymd(2026, 11, 1);
        return o;
    }

    CaseFile cases(std::size_t n, std::uint64_t seed) const {
        bench::GeneratorOptions g;
        g.cases = n;
        g.seed = seed;
        auto text = bench::generate_csv(config_, g);
        // Distinct ids per file: prefix every case id and main case id.
        std::string prefixed;
        std::string tag = "S" + std::to_string(seed) + "-";
        for (std::size_t i = 0; i < text.size(); ++i) {
            bool field_start = i == 0 || text[i - 1] == ';' || text[i - 1] == '\n';
            if (field_start && text[i] == 'C' && i + 1 < text.size() &&
                std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
                prefixed += tag;
            }
            if (field_start && text[i] == 'H' && i + 1 < text.size() &&
                std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
                prefixed += tag;
            }
            prefixed += text[i];
        }
        return read_case_text(prefixed, "generated.csv", config_);
    }

    /// The register's state seen without faults: integrity and number of cases.
    std::size_t check_and_count() {
        test::FaultyVfs::fail_at(0);
        SQLite::Database db(db_.string(), SQLite::OPEN_READONLY);
        EXPECT_EQ(db.execAndGet("PRAGMA integrity_check").getString(), "ok");
        return static_cast<std::size_t>(db.execAndGet("SELECT count(*) FROM cases").getInt64());
    }

    /// Runs `operation` with a fault at call 1, 2, ... until it succeeds; after each failure the
    /// register must hold `before` cases, after success `after`.
    template <class Operation>
    void walk(Operation&& operation, std::size_t before, std::size_t after) {
        long steps = 0;
        for (long n = 1; n < 5000; ++n) {
            bool done = false;
            try {
                auto reg = Register::open(db_, options());
                test::FaultyVfs::fail_at(n);
                operation(reg);
                done = test::FaultyVfs::failures() ==
                       0;  // a fault SQLite absorbed still counts as a step
                test::FaultyVfs::fail_at(0);
            } catch (const Error& e) {
                test::FaultyVfs::fail_at(0);
                EXPECT_TRUE(e.kind() == ErrorKind::io || e.kind() == ErrorKind::corrupt)
                    << "step " << n << ": " << e.what();
            }
            auto count = check_and_count();
            if (done) {
                EXPECT_EQ(count, after) << "step " << n;
                steps = n;
                break;
            }
            ASSERT_TRUE(count == before || count == after)
                << "step " << n << ": " << count << " cases";
            if (count == after) {  // the fault came after the commit (a checkpoint): done too
                steps = n;
                break;
            }
        }
        EXPECT_GT(steps, 1) << "no fault was ever injected";
        RecordProperty("fault_steps", static_cast<int>(steps));
    }

    fs::path dir_, db_;
    Configuration config_;
};

TEST_F(FaultInjection, ImportIsWhollyThereOrWhollyAbsent) {
    {
        auto reg = Register::open(db_, options());
        ASSERT_EQ(import_cases(reg, cases(300, 1)).imported, 300u);
    }
    auto file = cases(2000, 2);
    walk([&](Register& reg) { import_cases(reg, file); }, 300, 2300);
}

TEST_F(FaultInjection, EraseIsWhollyThereOrWhollyAbsent) {
    {
        auto reg = Register::open(db_, options());
        ASSERT_EQ(import_cases(reg, cases(300, 3)).imported, 300u);
        import_cases(reg,
                     read_case_text(
                         "case_id;citizen;kind;role;received;unit;theme;action\n"
                         "E1;211062-5629;complaint;main;2024-03-04;BSF-JOB-SDP;no_reply;meeting\n"
                         "E2;211062-5629;inquiry;main;2024-04-04;TMF-BYG;advice_request;guidance\n",
                         "e.csv", config_));
    }
    walk([&](Register& reg) { reg.erase_citizen("211062-5629"); }, 302, 300);
}

TEST_F(FaultInjection, AnonymiseIsWhollyThereOrWhollyAbsent) {
    {
        auto reg = Register::open(db_, options());
        ASSERT_EQ(import_cases(reg, cases(500, 4)).imported, 500u);
    }
    auto pseudonymised = [&] {
        test::FaultyVfs::fail_at(0);
        SQLite::Database db(db_.string(), SQLite::OPEN_READONLY);
        return db.execAndGet("SELECT count(*) FROM cases WHERE citizen_key = 'anonymised'")
            .getInt64();
    };
    long n = 1;
    for (; n < 5000; ++n) {
        bool failed = false;
        try {
            auto reg = Register::open(db_, options());
            test::FaultyVfs::fail_at(n);
            reg.anonymise_closed_before(*Date::from_ymd(2025, 1, 1));
            failed = test::FaultyVfs::failures() > 0;
            test::FaultyVfs::fail_at(0);
        } catch (const Error&) {
            test::FaultyVfs::fail_at(0);
            failed = true;
        }
        check_and_count();
        auto changed = pseudonymised();
        if (!failed || changed > 0) {
            EXPECT_GT(changed, 0);
            break;
        }
        ASSERT_EQ(changed, 0) << "step " << n;
    }
    EXPECT_GT(n, 1);
}

TEST_F(FaultInjection, ReportReadsStillWork) {
    {
        auto reg = Register::open(db_, options());
        import_cases(reg, cases(500, 5));
    }
    // Reading needs no write-side call: a report is computed with faults armed.
    auto reg = Register::open(db_, options());
    test::FaultyVfs::fail_at(1);
    EXPECT_EQ(reg.load_columns().size(), 500u);
    test::FaultyVfs::fail_at(0);
}

}  // namespace
}  // namespace ombuds
