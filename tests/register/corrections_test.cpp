// SPDX-License-Identifier: MPL-2.0
// Corrections that never lose data and counts that stay true (issue "corrections"): each
// reproduction of a silent loss as a test, and the round-trip properties on generated
// registers.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <time.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "case_generator.hpp"
#include "common/backend.hpp"
#include "common/test_directory.hpp"
#include "ombuds/case_file.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/import.hpp"
#include "ombuds/register.hpp"

namespace ombuds {
namespace {

namespace fs = std::filesystem;

class CorrectionsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        OMBUDS_REQUIRE_BACKEND();
        dir_ = test::make_test_directory("ombuds-corrections-test");
    }
    void TearDown() override { fs::remove_all(dir_); }

    static RegisterOptions options() {
        RegisterOptions o;
        o.today = Date::from_ymd(2026, 12, 1);
        return o;
    }

    /// Opens (or creates) the register `name` of this test: a file, or a schema of its own.
    Register open(const std::string& name, const RegisterOptions& o) const {
        return Register::open(test::register_location(dir_, name),
                              test::options_for(dir_, name, o));
    }

    fs::path write(const std::string& name, const std::string& text) {
        auto path = dir_ / name;
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }

    static std::vector<Violation> errors(const std::vector<Violation>& violations) {
        std::vector<Violation> out;
        for (const auto& v : violations)
            if (v.is_error()) out.push_back(v);
        return out;
    }

    static bool breaks(const std::vector<Violation>& violations, Rule rule, Field field) {
        for (const auto& v : violations)
            if (v.rule == rule && v.field == field && v.is_error()) return true;
        return false;
    }

    static bool file_breaks(const ImportResult& result, Rule rule) {
        for (const auto& issue : result.issues)
            if (issue.violation.rule == rule && issue.violation.is_error()) return true;
        return false;
    }

    static CaseRecord parse(Register& reg,
                            std::initializer_list<std::pair<Field, std::string_view>> fields) {
        FieldValues values{};
        values[static_cast<std::size_t>(Field::kind)] = "complaint";
        values[static_cast<std::size_t>(Field::role)] = "main";
        values[static_cast<std::size_t>(Field::received)] = "2025-03-04";
        values[static_cast<std::size_t>(Field::action)] = "complaint_dialogue";
        values[static_cast<std::size_t>(Field::theme)] = "no_reply";
        values[static_cast<std::size_t>(Field::citizen)] = "211062-5629";
        for (auto [field, value] : fields) values[static_cast<std::size_t>(field)] = value;
        std::vector<Violation> violations;
        auto rec = parse_record(values, reg.config(), violations);
        EXPECT_TRUE(violations.empty());
        return rec;
    }

    static std::string export_text(Register& reg) {
        std::ostringstream out;
        write_case_file(out, FileFormat::csv, reg.cases(), reg.config());
        return out.str();
    }

    /// The generated register every property test starts from.
    /// In a register opened without its key: an anonymous case is stored, and a case with a
    /// citizen is refused; the refusal (none: it was stored).
    std::optional<Error> refusal_without_key(Register& reg) {
        EXPECT_TRUE(
            errors(reg.insert(parse(reg, {{Field::case_id, "ANON-1"}, {Field::citizen, ""}})))
                .empty());
        try {
            reg.insert(parse(reg, {{Field::case_id, "K-NEW"}}));
        } catch (const Error& e) {
            return e;
        }
        ADD_FAILURE() << "pseudonymised a citizen without the key";
        return std::nullopt;
    }

    void fill(Register& reg, std::size_t cases, std::uint64_t seed) {
        bench::GeneratorOptions generated;
        generated.cases = cases;
        generated.first_year = 2023;
        generated.years = 3;
        generated.seed = seed;
        auto file = write("generated.csv", bench::generate_csv(reg.config(), generated));
        auto result = import_file(reg, file);
        ASSERT_EQ(result.imported, cases)
            << (result.issues.empty() ? std::string()
                                      : result.issues.front().violation.message(Lang::en));
    }

    fs::path dir_;
};

bool same_columns(const CaseColumns& a, const CaseColumns& b) {
    bool same = a.citizen_count == b.citizen_count && a.inquiry_count == b.inquiry_count;
    auto left = a;
    auto right = b;
    std::vector<std::string> left_bytes, right_bytes;
    left.for_each_column([&](const auto& column) {
        left_bytes.emplace_back(reinterpret_cast<const char*>(column.data()),
                                column.size() * sizeof(column[0]));
    });
    right.for_each_column([&](const auto& column) {
        right_bytes.emplace_back(reinterpret_cast<const char*>(column.data()),
                                 column.size() * sizeof(column[0]));
    });
    return same && left_bytes == right_bytes;
}

// 1. Export, edit, import --replace wiped every citizen and note. Now --replace refuses a row
// whose empty citizen or note cell would clear a stored one, and --update with the export
// changes nothing.
TEST_F(CorrectionsTest, ExportFedBackNeverClearsCitizensOrNotes) {
    auto reg = open("r.db", options());
    ASSERT_TRUE(errors(reg.insert(parse(reg, {{Field::case_id, "K1"}, {Field::note, "ringet op"}})))
                    .empty());
    ASSERT_TRUE(
        errors(reg.insert(parse(reg, {{Field::case_id, "K2"}, {Field::citizen, ""}}))).empty());
    auto before = reg.load_columns();
    auto exported = write("export.csv", export_text(reg));

    ImportOptions replace;
    replace.mode = WriteMode::replace;
    auto replaced = import_file(reg, exported, replace);
    EXPECT_TRUE(file_breaks(replaced, Rule::replace_would_clear));
    EXPECT_EQ(replaced.imported, 0u);
    EXPECT_EQ(reg.find_case("K1")->record.note, "ringet op");
    EXPECT_TRUE(reg.find_case("K1")->has_citizen);

    ImportOptions update;
    update.mode = WriteMode::update;
    auto updated = import_file(reg, exported, update);
    EXPECT_EQ(updated.errors(), 0u);
    EXPECT_EQ(updated.imported, 2u);
    EXPECT_EQ(reg.find_case("K1")->record.note, "ringet op");
    EXPECT_TRUE(reg.find_case("K1")->has_citizen);
    EXPECT_TRUE(same_columns(reg.load_columns(), before));
    EXPECT_EQ(export_text(reg), export_text(reg));
}

// --update changes only the columns a file has: a two-column correction file closes cases.
TEST_F(CorrectionsTest, TwoColumnCorrectionFileClosesCases) {
    auto reg = open("r.db", options());
    ASSERT_TRUE(
        errors(reg.insert(parse(reg, {{Field::case_id, "K1"}, {Field::note, "n"}}))).empty());
    ImportOptions update;
    update.mode = WriteMode::update;
    auto result = import_file(
        reg,
        write("close.csv", "Sagsnr;Afsluttet;Løsning\nK1;01-04-2025;Forklaret, ingen ændring\n"),
        update);
    EXPECT_EQ(result.errors(), 0u);
    auto stored = reg.find_case("K1");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->record.closed, Date::from_ymd(2025, 4, 1));
    EXPECT_EQ(stored->record.note, "n");
    EXPECT_TRUE(stored->has_citizen);
    EXPECT_EQ(stored->record.theme.theme, reg.config().themes.find_theme("no_reply"));
    // A row naming no stored case is refused, not made a case of two fields.
    auto unknown =
        import_file(reg, write("unknown.csv", "Sagsnr;Afsluttet\nK9;01-04-2025\n"), update);
    EXPECT_TRUE(file_breaks(unknown, Rule::update_needs_case));
}

// 3. anonymise changed past counts (a citizen with cases on both sides of the date became two),
// and a second run counted everything again.
TEST_F(CorrectionsTest, AnonymisePerCitizenKeepsEveryCount) {
    auto reg = open("r.db", options());
    fill(reg, 3000, 7);
    auto before = reg.load_columns();
    auto first = reg.anonymise_closed_before(*Date::from_ymd(2025, 1, 1));
    EXPECT_GT(first.citizens, 0u);
    EXPECT_GT(first.cases, 0u);
    EXPECT_TRUE(same_columns(reg.load_columns(), before));
    auto second = reg.anonymise_closed_before(*Date::from_ymd(2025, 1, 1));
    EXPECT_EQ(second.citizens, 0u);
    EXPECT_EQ(second.cases, 0u);
}

// 4. Without an inquiry_id every case was its own inquiry.
TEST_F(CorrectionsTest, FollowUpsWithoutInquiryIdJoinTheirMainCasesInquiry) {
    auto reg = open("r.db", options());
    ASSERT_TRUE(errors(reg.insert(parse(reg, {{Field::case_id, "M1"}}))).empty());
    for (auto id : {"F1", "F2"}) {
        ASSERT_TRUE(errors(reg.insert(parse(reg, {{Field::case_id, id},
                                                  {Field::role, "follow_up"},
                                                  {Field::main_case_id, "M1"}})))
                        .empty());
    }
    ASSERT_TRUE(errors(reg.insert(parse(reg, {{Field::case_id, "M2"}}))).empty());
    auto columns = reg.load_columns();
    ASSERT_EQ(columns.size(), 4u);
    EXPECT_EQ(columns.inquiry[1], columns.inquiry[0]);
    EXPECT_EQ(columns.inquiry[2], columns.inquiry[0]);
    EXPECT_NE(columns.inquiry[3], columns.inquiry[0]);
}

// 5. A main case could be changed under its follow-ups (received after theirs, another citizen),
// and erasing the new citizen left a follow-up without its main case.
TEST_F(CorrectionsTest, MainCaseKeepsItsFollowUps) {
    auto reg = open("r.db", options());
    ASSERT_TRUE(errors(reg.insert(parse(reg, {{Field::case_id, "M1"}}))).empty());
    ASSERT_TRUE(errors(reg.insert(parse(reg, {{Field::case_id, "F1"},
                                              {Field::role, "follow_up"},
                                              {Field::main_case_id, "M1"},
                                              {Field::received, "2025-03-10"}})))
                    .empty());
    auto later = reg.write(parse(reg, {{Field::case_id, "M1"}, {Field::received, "2025-03-20"}}),
                           WriteMode::replace);
    EXPECT_TRUE(breaks(later, Rule::main_keeps_followups, Field::received));
    auto other = reg.write(parse(reg, {{Field::case_id, "M1"}, {Field::citizen, "ref:other"}}),
                           WriteMode::replace);
    EXPECT_TRUE(breaks(other, Rule::main_keeps_followups, Field::citizen));
    CaseRecord change;
    change.case_id = CaseId::parse("M1");
    change.citizen = Citizen::parse("ref:other").first;
    FieldSet given;
    given.set(static_cast<std::size_t>(Field::citizen));
    EXPECT_TRUE(breaks(reg.write(change, WriteMode::update, given), Rule::main_keeps_followups,
                       Field::citizen));
    // Through a file too, and with --update.
    ImportOptions update;
    update.mode = WriteMode::update;
    auto file = import_file(reg, write("move.csv", "Sagsnr;Modtaget\nM1;20-03-2025\n"), update);
    EXPECT_TRUE(file_breaks(file, Rule::main_keeps_followups));
    // Nothing changed, and erasing someone else leaves the pair whole.
    EXPECT_EQ(reg.find_case("M1")->record.received, Date::from_ymd(2025, 3, 4));
    EXPECT_EQ(reg.erase_citizen("ref:other").erased, 0u);
    EXPECT_EQ(reg.case_count(), 2u);
    // Moving both together, in one file, is a consistent change.
    auto both = import_file(
        reg, write("both.csv", "Sagsnr;Modtaget\nM1;05-03-2025\nF1;12-03-2025\n"), update);
    EXPECT_EQ(both.errors(), 0u);
    EXPECT_EQ(reg.find_case("M1")->record.received, Date::from_ymd(2025, 3, 5));
}

// 6. "Today" was frozen when the register was opened: a journal system that keeps its handle
// open past midnight had every new case refused by dates.order.
TEST_F(CorrectionsTest, TodayIsReadAtEachCheck) {
    const char* saved = std::getenv("TZ");
    std::string old_tz = saved ? saved : "";
    // A day that is already today east of the date line and still tomorrow west of it.
    std::time_t now = std::time(nullptr);
    std::time_t east = now + 14 * 3600;
    std::tm utc{};
    gmtime_r(&east, &utc);
    auto east_today = *Date::from_ymd(utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday);
    setenv("TZ", "UTC+12", 1);  // POSIX: twelve hours behind UTC
    tzset();
    RegisterOptions clock;  // no fixed today
    auto reg = open("r.db", clock);
    auto rec = parse(reg, {{Field::case_id, "K1"}, {Field::received, east_today.iso()}});
    EXPECT_TRUE(breaks(reg.validate(rec), Rule::dates_order, Field::received));
    setenv("TZ", "UTC-14", 1);  // fourteen hours ahead: the same handle's day has turned
    tzset();
    EXPECT_TRUE(errors(reg.insert(rec)).empty());
    if (saved)
        setenv("TZ", old_tz.c_str(), 1);
    else
        unsetenv("TZ");
    tzset();
}

// 7. A handle kept the organisation it opened with after another handle stored a new one.
TEST_F(CorrectionsTest, AHandleNoticesAConfigurationStoredByAnother) {
    auto first = open("r.db", options());
    auto organisation = default_organisation();
    auto units = organisation.units();
    units.push_back(OrgUnit{"NY-ENHED", "Ny enhed", units.front().code, false, std::nullopt,
                            std::nullopt, std::nullopt, 1});
    auto file =
        write("organisation.json", to_json(Organisation(organisation.name(), std::move(units))));
    RegisterOptions with_new = options();
    with_new.organisation_file = file;
    auto second = open("r.db", with_new);
    EXPECT_TRUE(second.config().organisation.find("NY-ENHED"));
    EXPECT_TRUE(
        errors(first.insert(parse(first, {{Field::case_id, "K1"}, {Field::unit, "NY-ENHED"}})))
            .empty());
}

// 8. A register without its key file did nothing, reports included.
TEST_F(CorrectionsTest, ARegisterWithoutItsKeyStillReports) {
    auto path = dir_ / "r.db";  // its key file is r.db.key beside it on either backend
    {
        auto reg = open("r.db", options());
        fill(reg, 200, 3);
    }
    fs::rename(path.string() + ".key", dir_ / "key.backup");
    auto reg = open("r.db", options());
    EXPECT_FALSE(reg.has_key());
    EXPECT_EQ(reg.load_columns().size(), 200u);
    EXPECT_EQ(reg.cases().size(), 200u);
    auto refusal = refusal_without_key(reg);
    ASSERT_TRUE(refusal);
    EXPECT_EQ(refusal->kind(), ErrorKind::io);
    EXPECT_NE(std::string(refusal->what()).find("key"), std::string::npos);
    EXPECT_FALSE(fs::exists(path.string() + ".key"));  // no second key was made
}

// 8b. A register on a server opened without any key file named was refused, reports included
// (SQLite opened without its key); a new one must still be made with its key.
TEST_F(CorrectionsTest, ARegisterOnAServerWithoutAKeyFileNamedStillReports) {
    OMBUDS_POSTGRESQL_ONLY("a register file always has a place for its key: beside it");
    ASSERT_EQ(std::getenv("OMBUDS_KEY_FILE"), nullptr);
    const auto location = test::register_location(dir_, "r.db");
    try {
        Register::open(location, options());
        FAIL() << "created a register on a server without its key";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::misuse);
        EXPECT_NE(e.message(Lang::en).find("--key-file or OMBUDS_KEY_FILE"), std::string::npos)
            << e.message(Lang::en);
        EXPECT_NE(e.message(Lang::da).find("oprettes med sin pseudonymnøglefil"), std::string::npos)
            << e.message(Lang::da);
    }
    {
        auto reg = open("r.db", options());  // with its key file named
        fill(reg, 50, 2);
    }
    auto reg = Register::open(location, options());
    EXPECT_FALSE(reg.has_key());
    EXPECT_EQ(reg.load_columns().size(), 50u);
    auto refusal = refusal_without_key(reg);
    ASSERT_TRUE(refusal);
    EXPECT_EQ(refusal->kind(), ErrorKind::misuse);
    EXPECT_NE(refusal->message(Lang::en).find("no key file was named"), std::string::npos)
        << refusal->message(Lang::en);
    EXPECT_NE(refusal->message(Lang::da).find("ingen nøglefil er angivet"), std::string::npos);
}

// 9. A foreign SQLite file was changed before it was refused, and the error was about the key.
TEST_F(CorrectionsTest, AForeignSqliteFileIsRefusedUntouched) {
    OMBUDS_SQLITE_ONLY("a foreign SQLite file (register.NotARegister has a foreign schema)");
    auto path = dir_ / "foreign.db";
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('x')");
    }
    std::ifstream in(path, std::ios::binary);
    std::string before((std::istreambuf_iterator<char>(in)), {});
    try {
        Register::open(path, options());
        FAIL() << "opened a foreign file";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::corrupt);
        EXPECT_NE(std::string(e.what()).find("not an ombuds register"), std::string::npos);
    }
    std::ifstream again(path, std::ios::binary);
    std::string after((std::istreambuf_iterator<char>(again)), {});
    EXPECT_EQ(before, after);
    EXPECT_FALSE(fs::exists(path.string() + ".key"));
    EXPECT_FALSE(fs::exists(path.string() + "-wal"));
}

// The round-trip properties on generated registers of 1,000 to 100,000 cases: anonymise leaves
// every report the same (the report's columns are identical), and an export fed back with
// --update changes nothing.
TEST_F(CorrectionsTest, RoundTripsOnGeneratedRegisters) {
    const std::vector<std::pair<std::size_t, std::uint64_t>> registers = {
        {1'000, 11}, {10'000, 12}, {100'000, 13}};
    for (auto [cases, seed] : registers) {
        SCOPED_TRACE(cases);
        auto reg = open("g" + std::to_string(seed) + ".db", options());
        fill(reg, cases, seed);
        auto columns = reg.load_columns();
        auto exported = write("export.csv", export_text(reg));
        ImportOptions update;
        update.mode = WriteMode::update;
        auto result = import_file(reg, exported, update);
        EXPECT_EQ(result.errors(), 0u);
        EXPECT_TRUE(same_columns(reg.load_columns(), columns));
        EXPECT_EQ(
            export_text(reg), exported.empty() ? std::string() : [&] {
                std::ifstream in(exported, std::ios::binary);
                return std::string((std::istreambuf_iterator<char>(in)), {});
            }());
        reg.anonymise_closed_before(*Date::from_ymd(2025, 7, 1));
        EXPECT_TRUE(same_columns(reg.load_columns(), columns));
    }
}

}  // namespace
}  // namespace ombuds
