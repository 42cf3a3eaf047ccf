// SPDX-License-Identifier: MPL-2.0
// The register through the C++ API: single inserts against stored cases, transactions, case
// deletion, configuration given again, corrupt files, large imports stored while being read.
// One suite for every backend (common/backend.hpp): SQLite files, or PostgreSQL schemas.
#include "ombuds/register.hpp"
#include "ombuds/import.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>

#include "case_generator.hpp"
#include "common/backend.hpp"
#include "common/test_directory.hpp"
#include "ombuds/config_io.hpp"

namespace ombuds {
namespace {

namespace fs = std::filesystem;

class RegisterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        OMBUDS_REQUIRE_BACKEND();
        dir_ = test::make_test_directory("ombuds-register-test");
    }
    void TearDown() override { fs::remove_all(dir_); }

    static RegisterOptions options() {
        RegisterOptions o;
        o.today = Date::from_ymd(2025, 1, 1);
        return o;
    }

    CaseRecord record(Register& reg,
                      std::initializer_list<std::pair<Field, std::string_view>> fields,
                      bool expect_clean = true) {
        FieldValues values{};
        values[static_cast<std::size_t>(Field::kind)] = "complaint";
        values[static_cast<std::size_t>(Field::role)] = "main";
        values[static_cast<std::size_t>(Field::received)] = "2024-03-04";
        values[static_cast<std::size_t>(Field::action)] = "complaint_dialogue";
        values[static_cast<std::size_t>(Field::theme)] = "no_reply";
        values[static_cast<std::size_t>(Field::citizen)] = "211062-5629";
        for (auto [field, value] : fields) values[static_cast<std::size_t>(field)] = value;
        std::vector<Violation> violations;
        auto rec = parse_record(values, reg.config(), violations);
        if (expect_clean) {
            EXPECT_TRUE(violations.empty());
        }
        return rec;
    }

    /// Where the register `name` of this test lives (a file, or a schema of its own).
    fs::path at(const std::string& name = "r.db") const {
        return test::register_location(dir_, name);
    }
    /// Opens (or creates) the register `name` of this test.
    Register open(const std::string& name, const RegisterOptions& o) const {
        return Register::open(at(name), test::options_for(dir_, name, o));
    }
    /// The number one SQL query on the register gives.
    int number(const std::string& sqlite, const std::string& postgresql = "",
               const std::string& name = "r.db") const {
        auto value = test::store_sql(at(name), sqlite, postgresql.empty() ? sqlite : postgresql);
        return value.empty() ? 0 : std::stoi(value);
    }

    static bool has_error(const std::vector<Violation>& violations, Rule rule) {
        for (const auto& v : violations) {
            if (v.rule == rule && v.is_error()) return true;
        }
        return false;
    }

    fs::path dir_;
};

TEST_F(RegisterTest, FollowUpAttachesToStoredMainCaseOfSameCitizen) {
    auto reg = open("r.db", options());
    EXPECT_TRUE(reg.insert(record(reg, {{Field::case_id, "M1"}})).empty());
    auto follow_up = record(
        reg, {{Field::case_id, "F1"}, {Field::role, "follow_up"}, {Field::main_case_id, "M1"}});
    EXPECT_TRUE(reg.insert(follow_up).empty());
    auto other_citizen = record(reg, {{Field::case_id, "F2"},
                                      {Field::role, "follow_up"},
                                      {Field::main_case_id, "M1"},
                                      {Field::citizen, "070761-4285"}});
    EXPECT_TRUE(has_error(reg.insert(other_citizen), Rule::followup_requires_main));
    auto of_follow_up = record(
        reg, {{Field::case_id, "F3"}, {Field::role, "follow_up"}, {Field::main_case_id, "F1"}});
    EXPECT_TRUE(has_error(reg.insert(of_follow_up), Rule::followup_requires_main));
    auto earlier = record(reg, {{Field::case_id, "F4"},
                                {Field::role, "follow_up"},
                                {Field::main_case_id, "M1"},
                                {Field::received, "2024-03-01"}});
    EXPECT_TRUE(has_error(reg.insert(earlier), Rule::followup_requires_main));
    EXPECT_TRUE(has_error(reg.insert(record(reg, {{Field::case_id, "M1"}})), Rule::id_unique));
    EXPECT_EQ(reg.case_count(), 2u);
}

TEST_F(RegisterTest, DeletingAMainCaseWithFollowUpsIsAConflict) {
    auto reg = open("r.db", options());
    reg.insert(record(reg, {{Field::case_id, "M1"}}));
    reg.insert(record(
        reg, {{Field::case_id, "F1"}, {Field::role, "follow_up"}, {Field::main_case_id, "M1"}}));
    try {
        reg.delete_case("M1");
        FAIL() << "deleted a main case with follow-ups";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::conflict);
        EXPECT_NE(std::string(e.what()).find("main.delete_with_followups"), std::string::npos);
    }
    // Nor can it become a follow-up while they exist.
    reg.insert(record(reg, {{Field::case_id, "M2"}, {Field::received, "2024-01-01"}}));
    auto demoted = record(
        reg, {{Field::case_id, "M1"}, {Field::role, "follow_up"}, {Field::main_case_id, "M2"}});
    EXPECT_TRUE(has_error(reg.write(demoted, WriteMode::replace), Rule::main_keeps_followups));
    reg.delete_case("F1");
    reg.delete_case("M1");
    EXPECT_EQ(reg.case_count(), 1u);
    try {
        reg.delete_case("M1");
        FAIL() << "deleted a missing case";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::not_found);
    }
}

TEST_F(RegisterTest, TransactionsStoreAllOrNone) {
    auto reg = open("r.db", options());
    reg.begin();
    reg.insert(record(reg, {{Field::case_id, "A"}}));
    reg.insert(record(reg, {{Field::case_id, "B"}}));
    reg.rollback();
    EXPECT_EQ(reg.case_count(), 0u);
    reg.begin();
    reg.insert(record(reg, {{Field::case_id, "A"}}));
    // A refused insert inside the transaction leaves the others alone.
    EXPECT_FALSE(reg.insert(record(reg, {{Field::case_id, "A"}})).empty());
    reg.insert(record(reg, {{Field::case_id, "B"}}));
    reg.commit();
    EXPECT_EQ(reg.case_count(), 2u);
    EXPECT_THROW(reg.commit(), Error);
    EXPECT_THROW(reg.rollback(), Error);
    reg.begin();
    EXPECT_THROW(reg.begin(), Error);
    reg.rollback();
}

TEST_F(RegisterTest, OrientationOncePerCitizenAgainstStoredCases) {
    auto reg = open("r.db", options());
    auto orientation = [&](std::string_view id, std::string_view received) {
        return record(reg, {{Field::case_id, id},
                            {Field::kind, "inquiry"},
                            {Field::action, "orientation"},
                            {Field::theme, "status_information"},
                            {Field::received, received}});
    };
    EXPECT_TRUE(reg.insert(orientation("O1", "2024-02-01")).empty());
    auto second = reg.insert(orientation("O2", "2024-05-01"));
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(second[0].rule, Rule::orientation_once_per_citizen);
    EXPECT_EQ(reg.case_count(), 2u);                                   // a warning stores
    EXPECT_TRUE(reg.insert(orientation("O3", "2025-01-01")).empty());  // another year
}

TEST_F(RegisterTest, MemoryRegisterAndColumns) {
    auto reg = Register::open(":memory:", options());
    reg.insert(record(reg, {{Field::case_id, "M1"}, {Field::inquiry_id, "H1"}}));
    reg.insert(record(reg, {{Field::case_id, "F1"},
                            {Field::inquiry_id, "H1"},
                            {Field::role, "follow_up"},
                            {Field::main_case_id, "M1"}}));
    reg.insert(record(reg, {{Field::case_id, "A1"}, {Field::citizen, ""}}));
    auto columns = reg.load_columns();
    ASSERT_EQ(columns.size(), 3u);
    EXPECT_EQ(columns.citizen_count, 1u);
    EXPECT_EQ(columns.inquiry_count, 2u);
    EXPECT_EQ(columns.main_row[1], 0u);
    EXPECT_EQ(columns.main_row[0], CaseColumns::no_case);
    EXPECT_EQ(columns.citizen[2], CaseColumns::anonymous);
    EXPECT_EQ(columns.theme[0], *reg.config().themes.find_theme("no_reply"));
}

TEST_F(RegisterTest, ConfigurationGivenAgain) {
    auto org_file = dir_ / "org.json";
    auto write = [&](const std::string& text) { std::ofstream(org_file) << text; };
    write(
        R"({"name": "Test", "units": [{"code": "A", "label": "Område A"}, {"code": "B", "label": "Område B"}]})");
    RegisterOptions o = options();
    o.organisation_file = org_file;
    {
        auto reg = open("r.db", o);
        EXPECT_TRUE(reg.insert(record(reg, {{Field::case_id, "M1"}, {Field::unit, "A"}})).empty());
    }
    // Identical: fine. Adding a unit: the register learns it.
    write(
        R"({"name": "Test", "units": [{"code": "A", "label": "Område A"}, {"code": "B", "label": "Område B"},
              {"code": "C", "label": "Område C"}]})");
    {
        auto reg = open("r.db", o);
        EXPECT_TRUE(reg.config().organisation.find("C").has_value());
    }
    {
        auto reg = open("r.db", options());  // no file: the stored one
        EXPECT_TRUE(reg.config().organisation.find("C").has_value());
    }
    // Dropping a unit still used: refused.
    write(R"({"name": "Test", "units": [{"code": "B", "label": "Område B"}]})");
    try {
        open("r.db", o);
        FAIL() << "dropped a used unit";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::misuse);
        EXPECT_NE(std::string(e.what()).find("'A'"), std::string::npos);
    }
}

TEST_F(RegisterTest, SchemaVersionAuditAndKeyId) {
    {
        auto reg = open("r.db", options());
        reg.insert(record(reg, {{Field::case_id, "M1"}}));
        reg.delete_case("M1");
    }
    EXPECT_EQ(number("PRAGMA user_version", "SELECT value FROM meta WHERE key = 'schema_version'"),
              test::on_postgresql() ? 2 : 4);
    EXPECT_EQ(test::store_sql(at(),
                              "SELECT group_concat(operation, ' ') FROM (SELECT operation FROM "
                              "audit ORDER BY rowid)",
                              "SELECT string_agg(operation, ' ' ORDER BY seq) FROM audit"),
              "init insert delete");
    test::store_sql(at(), "PRAGMA user_version = 99",
                    "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
    try {
        open("r.db", options());
        FAIL() << "opened a newer schema";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::corrupt);
        EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos);
    }
}

TEST_F(RegisterTest, KeyIdBesidePseudonymsAndKeyFromEnvironment) {
    auto key = dir_ / "elsewhere.key";
    ::setenv("OMBUDS_KEY_FILE", key.c_str(), 1);
    // The citizen's pseudonym and key id as another program reads them.
    auto pseudonym = [&](const std::string& name) {
        return test::store_sql(at(name), "SELECT hex(citizen) FROM cases",
                               "SELECT encode(citizen, 'hex') FROM cases");
    };
    {
        auto reg = open("r.db", options());
        reg.insert(record(reg, {{Field::case_id, "M1"}}));
    }
    ::unsetenv("OMBUDS_KEY_FILE");
    EXPECT_TRUE(fs::exists(key));
    EXPECT_FALSE(fs::exists(dir_ / "r.db.key"));
    EXPECT_EQ(test::store_sql(at(), "SELECT citizen_key FROM cases").size(), 16u);
    // Another key gives other pseudonyms for the same person.
    auto other = open("other.db", options());
    other.insert(record(other, {{Field::case_id, "M1"}}));
    EXPECT_EQ(pseudonym("r.db").size(), 64u);
    EXPECT_NE(pseudonym("r.db"), pseudonym("other.db"));
}

TEST_F(RegisterTest, NotARegister) {
    auto junk = at("junk.db");
    if (test::on_postgresql()) {
        // A schema holding another program's table.
        test::store_sql(junk, "",
                        "CREATE SCHEMA " + test::schema_for(dir_, "junk.db") +
                            "; CREATE TABLE junk (x integer)");
    } else {
        std::ofstream(junk) << std::string(5000, 'x');
    }
    // A key ombuds would accept (random, private), so the register itself is what is refused.
    std::ofstream(dir_ / "junk.db.key")
        << "3f9a1c7e55d20b86e4a7c1f09b3d6e2a8c5f4b1d7e0a9c3b6f2d8e5a1c4b7f90\n";
    fs::permissions(dir_ / "junk.db.key", fs::perms::owner_read | fs::perms::owner_write);
    try {
        Register::open(junk, test::options_for(dir_, "junk.db", options()));
        FAIL() << "opened junk";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::corrupt);
    }
    RegisterOptions no_create = options();
    no_create.create = false;
    try {
        open("missing.db", no_create);
        FAIL() << "opened a missing register";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::not_found);
    }
    EXPECT_FALSE(fs::exists(dir_ / "missing.db"));
}

// --- the column snapshot: reports after the first read columns, not rows --------------------

bool same_columns(const CaseColumns& a, const CaseColumns& b) {
    std::vector<std::string> left, right;
    a.for_each_column([&](const auto& column) {
        left.emplace_back(reinterpret_cast<const char*>(column.data()),
                          column.size() * sizeof(column[0]));
    });
    b.for_each_column([&](const auto& column) {
        right.emplace_back(reinterpret_cast<const char*>(column.data()),
                           column.size() * sizeof(column[0]));
    });
    return left == right && a.citizen_count == b.citizen_count &&
           a.inquiry_count == b.inquiry_count;
}

/// The header, one part per column of the report's columns and the rowids.
const int snapshot_part_count = [] {
    int parts = 2;
    CaseColumns().for_each_column([&](const auto&) { ++parts; });
    return parts;
}();

int snapshot_parts(const fs::path& db) {
    return std::stoi(test::store_sql(db, "SELECT count(*) FROM column_snapshot"));
}

/// The changes logged since the snapshot was written (rowids, a change of rowid twice).
int logged_changes(const fs::path& db) {
    return std::stoi(test::store_sql(db, "SELECT count(*) FROM snapshot_changes"));
}

TEST_F(RegisterTest, ColumnSnapshotIsKeptUntilTheCasesChange) {
    auto path = at();
    auto reg = open("r.db", options());
    reg.insert(record(reg, {{Field::case_id, "S1"}}));
    reg.insert(record(
        reg, {{Field::case_id, "S2"}, {Field::role, "follow_up"}, {Field::main_case_id, "S1"}}));
    reg.insert(record(reg, {{Field::case_id, "S3"}, {Field::citizen, "ref:other"}}));
    EXPECT_EQ(snapshot_parts(path), 0);
    auto scanned = reg.load_columns();
    EXPECT_EQ(snapshot_parts(path), snapshot_part_count);
    auto from_snapshot = reg.load_columns();
    EXPECT_TRUE(same_columns(scanned, from_snapshot));
    EXPECT_EQ(from_snapshot.main_row[1], 0u);
    EXPECT_EQ(from_snapshot.citizen_count, 2u);

    // An insertion through ombuds makes it stale (more cases); the next report sees the new case
    // and keeps new columns.
    reg.insert(record(reg, {{Field::case_id, "S4"}}));
    EXPECT_EQ(reg.load_columns().size(), 4u);
    EXPECT_EQ(snapshot_parts(path), snapshot_part_count);
    auto with_s4 = reg.load_columns();
    EXPECT_EQ(with_s4.size(), 4u);

    // An insertion with any other program that replaces a case keeps the count but not the
    // last rowid.
    const std::string s4 =
        "INTO cases (case_id, kind, role, received, action, theme) VALUES ('S4', 'complaint', "
        "'main', '2024-03-04', 'complaint_dialogue', 'hearing')";
    test::store_sql(path, "INSERT OR REPLACE " + s4,
                    "DELETE FROM cases WHERE case_id = 'S4'; INSERT " + s4);
    auto replaced = reg.load_columns();
    ASSERT_EQ(replaced.size(), 4u);
    EXPECT_EQ(replaced.theme[3], *reg.config().themes.find_theme("hearing"));

    // So does a change made with any other program, and a deletion: the snapshot is kept and
    // the changed cases logged, which the next report reads instead of every case.
    test::store_sql(path, "UPDATE cases SET theme = 'hearing' WHERE case_id = 'S3'");
    EXPECT_EQ(snapshot_parts(path), snapshot_part_count);
    EXPECT_GT(logged_changes(path), 0);
    auto after_update = reg.load_columns();
    auto hearing = *reg.config().themes.find_theme("hearing");
    EXPECT_EQ(after_update.theme[2], hearing);
    reg.delete_case("S4");
    EXPECT_EQ(snapshot_parts(path), snapshot_part_count);
    EXPECT_EQ(reg.load_columns().size(), 3u);

    // Erase and anonymise are writes too.
    const int before_erase = logged_changes(path);
    reg.erase_citizen("ref:other");
    EXPECT_GT(logged_changes(path), before_erase);
    auto after_erase = reg.load_columns();
    EXPECT_EQ(after_erase.size(), 2u);
    reg.anonymise_closed_before(*Date::from_ymd(2030, 1, 1));
    EXPECT_TRUE(same_columns(reg.load_columns(), after_erase));  // no case was closed
}

TEST_F(RegisterTest, OpeningDropsIndexesEarlierVersionsKept) {
    OMBUDS_SQLITE_ONLY("indexes of earlier SQLite registers");
    auto path = dir_ / "r.db";
    Register::open(path, options());
    {
        // What registers of earlier versions had: an index by every citizen and by date.
        SQLite::Database earlier(path.string(), SQLite::OPEN_READWRITE);
        earlier.exec("CREATE INDEX cases_received ON cases(received)");
    }
    Register::open(path, options());
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master "
                            "WHERE type = 'index' AND name LIKE 'cases_%' ORDER BY name)")
                  .getString(),
              "cases_case_id cases_citizen cases_inquiry cases_main cases_orientation "
              "cases_unnumbered");
}

TEST_F(RegisterTest, Schema1RegisterIsMigrated) {
    OMBUDS_SQLITE_ONLY("SQLite's schema 1");
    auto path = dir_ / "r.db";
    {
        auto reg = Register::open(path, options());
        reg.insert(record(reg, {{Field::case_id, "V1"}, {Field::citizen, "ref:one"}}));
        reg.insert(record(reg, {{Field::case_id, "V2"},
                                {Field::role, "follow_up"},
                                {Field::main_case_id, "V1"},
                                {Field::citizen, "ref:one"}}));
    }
    std::string before;
    {
        // Schema 1 as version 1 wrote it: case_id UNIQUE in the table, no cases_case_id.
        SQLite::Database v1(path.string(), SQLite::OPEN_READWRITE);
        before = v1.execAndGet(
                       "SELECT group_concat(rowid || ':' || case_id || ':' || hex(citizen)"
                       ", ' ') FROM cases")
                     .getString();
        v1.exec(R"sql(CREATE TABLE cases_v1 (
  case_id TEXT NOT NULL UNIQUE, inquiry_id TEXT, citizen BLOB, citizen_key TEXT,
  kind TEXT NOT NULL, role TEXT NOT NULL, main_case_id TEXT, received TEXT NOT NULL,
  matter_date TEXT, first_response TEXT, closed TEXT, unit TEXT, theme TEXT, theme_group TEXT,
  action TEXT NOT NULL, resolution TEXT, admin_response TEXT, rejection_reason TEXT,
  legal_basis TEXT, legal_ref TEXT, kle TEXT, origin TEXT, channel TEXT, contact TEXT,
  note TEXT))sql");
        v1.exec(
            "INSERT INTO cases_v1 (rowid, case_id, inquiry_id, citizen, citizen_key, kind, role, "
            "main_case_id, received, matter_date, first_response, closed, unit, theme, "
            "theme_group, action, resolution, admin_response, rejection_reason, legal_basis, "
            "legal_ref, kle, origin, channel, contact, note) SELECT rowid, case_id, inquiry_id, "
            "citizen, citizen_key, kind, role, main_case_id, received, matter_date, "
            "first_response, closed, unit, theme, theme_group, action, resolution, "
            "admin_response, rejection_reason, legal_basis, legal_ref, kle, origin, channel, "
            "contact, note FROM cases; "
            "DROP TABLE cases; ALTER TABLE cases_v1 RENAME TO cases; "
            "UPDATE meta SET value = '1' WHERE key = 'schema_version'; PRAGMA user_version = 1");
        ASSERT_EQ(v1.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = "
                                "'sqlite_autoindex_cases_1'")
                      .getInt(),
                  1);
    }
    auto reg = Register::open(path, options());
    EXPECT_EQ(reg.case_count(), 2u);
    EXPECT_FALSE(reg.validate(record(reg, {{Field::case_id, "V1"}})).empty());  // taken
    reg.insert(record(reg, {{Field::case_id, "V3"}}));
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), 4);
    EXPECT_EQ(db.execAndGet("SELECT value FROM meta WHERE key = 'schema_version'").getString(),
              "4");
    EXPECT_EQ(db.execAndGet("SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master "
                            "WHERE type = 'index' AND tbl_name = 'cases' ORDER BY name)")
                  .getString(),
              "cases_case_id cases_citizen cases_inquiry cases_main cases_orientation "
              "cases_unnumbered");
    EXPECT_EQ(db.execAndGet("SELECT group_concat(rowid || ':' || case_id || ':' || hex(citizen)"
                            ", ' ') FROM cases WHERE case_id <> 'V3'")
                  .getString(),
              before);
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").getInt(),
              3);
    EXPECT_EQ(db.execAndGet("PRAGMA integrity_check").getString(), "ok");
}

TEST_F(RegisterTest, PostgreSQLSchema1RegisterIsMigrated) {
    OMBUDS_POSTGRESQL_ONLY("PostgreSQL's schema 1 (dates as text)");
    auto location = at();
    {
        auto reg = open("r.db", options());
        reg.insert(record(reg, {{Field::case_id, "V1"}, {Field::closed, "2024-05-06"}}));
        reg.insert(record(reg, {{Field::case_id, "V2"}, {Field::received, "2024-02-29"}}));
        reg.insert(record(reg, {{Field::case_id, "V3"}}));
    }
    // Schema 1 as version 1 wrote it: dates as ISO text. Another program wrote a matter date
    // and a date received that are no dates.
    test::store_sql(location, "",
                    "ALTER TABLE cases ALTER COLUMN received TYPE text, ALTER COLUMN "
                    "matter_date TYPE text, ALTER COLUMN first_response TYPE text, ALTER COLUMN "
                    "closed TYPE text; UPDATE cases SET matter_date = 'soon' WHERE case_id = "
                    "'V2'; UPDATE cases SET received = 'never' WHERE case_id = 'V3'; UPDATE "
                    "meta SET value = '1' WHERE key = 'schema_version'");
    auto reg = open("r.db", options());
    EXPECT_EQ(test::store_sql(location, "", "SELECT value FROM meta WHERE key = 'schema_version'"),
              "2");
    EXPECT_EQ(test::store_sql(location, "",
                              "SELECT string_agg(DISTINCT data_type, ' ') FROM "
                              "information_schema.columns WHERE table_schema = current_schema() "
                              "AND table_name = 'cases' AND column_name IN ('received', "
                              "'matter_date', 'first_response', 'closed')"),
              "date");
    auto records = reg.load_records();
    ASSERT_EQ(records.size(), 3u);
    std::map<std::string, const CaseRecord*> by_id;
    for (const auto& rec : records) by_id[std::string(rec.case_id->view())] = &rec;
    EXPECT_EQ(by_id["V1"]->received, Date::from_ymd(2024, 3, 4));
    EXPECT_EQ(by_id["V1"]->closed, Date::from_ymd(2024, 5, 6));
    EXPECT_EQ(by_id["V2"]->received, Date::from_ymd(2024, 2, 29));
    EXPECT_FALSE(by_id["V2"]->matter_date.has_value());
    EXPECT_FALSE(by_id["V3"]->received.has_value());  // read as the text was: no date
    // Written and read as dates from here on.
    reg.insert(record(reg, {{Field::case_id, "V4"}, {Field::first_response, "2024-03-05"}}));
    EXPECT_EQ(test::store_sql(location, "",
                              "SELECT first_response - received FROM cases WHERE case_id = 'V4'"),
              "1");
}

TEST_F(RegisterTest, DamagedOrForeignSnapshotIsNotUsed) {
    auto path = at();
    auto reg = open("r.db", options());
    reg.insert(record(reg, {{Field::case_id, "S1"}}));
    reg.insert(record(reg, {{Field::case_id, "S2"}, {Field::citizen, "ref:two"}}));
    auto scanned = reg.load_columns();
    ASSERT_EQ(snapshot_parts(path), snapshot_part_count);
    // Each damage in turn: a column of the wrong length, a missing column, a header made under
    // another configuration, a citizen or inquiry id out of range (one flipped bit once crashed
    // every report), a code out of range, a huge citizen count in the header, and with it a
    // citizen id the register never gave (both once sized the engine's arrays: gigabytes), rowid
    // runs cut short or one run for both cases where there are two rowids. The
    // snapshot table has no triggers, so these stay. Parts: the header, the columns in
    // for_each_column's order (citizen, inquiry and main_row last), the rowid runs.
    const std::string citizen_part = std::to_string(snapshot_part_count - 4);
    const std::string inquiry_part = std::to_string(snapshot_part_count - 3);
    const std::string kind_part = "4";
    const std::string rowid_part = std::to_string(snapshot_part_count - 1);
    // The header's citizen count follows its magic, format, byte order and case count; with it,
    // the first case's citizen id (|| makes text in SQLite: cast back to a blob).
    const std::string huge_count_sqlite =
        "CAST(substr(data, 1, 24) || x'ffffff7f' || substr(data, 29) AS BLOB)";
    const std::string huge_count_postgresql =
        "substring(data from 1 for 24) || '\\xffffff7f'::bytea || substring(data from 29)";
    const std::pair<std::string, std::string> damages[] = {
        {"UPDATE column_snapshot SET data = x'0000' WHERE part = 4",
         "UPDATE column_snapshot SET data = '\\x0000' WHERE part = 4"},
        {"DELETE FROM column_snapshot WHERE part = 16",
         "DELETE FROM column_snapshot WHERE part = 16"},
        {"UPDATE column_snapshot SET data = zeroblob(length(data)) WHERE part = 0",
         "UPDATE column_snapshot SET data = decode(repeat('00', length(data)), 'hex') WHERE "
         "part = 0"},
        {"UPDATE column_snapshot SET data = x'ffffff7f' || substr(data, 5) WHERE part = " +
             citizen_part,
         "UPDATE column_snapshot SET data = '\\xffffff7f'::bytea || substring(data from 5) "
         "WHERE part = " +
             citizen_part},
        {"UPDATE column_snapshot SET data = x'ffffff7f' || substr(data, 5) WHERE part = " +
             inquiry_part,
         "UPDATE column_snapshot SET data = '\\xffffff7f'::bytea || substring(data from 5) "
         "WHERE part = " +
             inquiry_part},
        {"UPDATE column_snapshot SET data = x'7f' || substr(data, 2) WHERE part = " + kind_part,
         "UPDATE column_snapshot SET data = '\\x7f'::bytea || substring(data from 2) WHERE "
         "part = " +
             kind_part},
        {"UPDATE column_snapshot SET data = " + huge_count_sqlite + " WHERE part = 0",
         "UPDATE column_snapshot SET data = " + huge_count_postgresql + " WHERE part = 0"},
        {"UPDATE column_snapshot SET data = CASE part WHEN 0 THEN " + huge_count_sqlite +
             " ELSE CAST(x'00000010' || substr(data, 5) AS BLOB) END WHERE part IN (0, " +
             citizen_part + ")",
         "UPDATE column_snapshot SET data = CASE part WHEN 0 THEN " + huge_count_postgresql +
             " ELSE '\\x00000010'::bytea || substring(data from 5) END WHERE part IN (0, " +
             citizen_part + ")"},
        {"UPDATE column_snapshot SET data = x'0000' WHERE part = " + rowid_part,
         "UPDATE column_snapshot SET data = '\\x0000' WHERE part = " + rowid_part},
        {"UPDATE column_snapshot SET data = x'01000000000000000100000000000000' WHERE part = " +
             rowid_part,
         "UPDATE column_snapshot SET data = '\\x01000000000000000100000000000000' WHERE part = " +
             rowid_part}};
    for (const auto& [sqlite_damage, postgresql_damage] : damages) {
        const auto& damage = test::on_postgresql() ? postgresql_damage : sqlite_damage;
        test::store_sql(path, sqlite_damage, postgresql_damage);
        EXPECT_TRUE(same_columns(reg.load_columns(), scanned)) << damage;
        EXPECT_EQ(snapshot_parts(path), snapshot_part_count) << "rewritten after " << damage;
    }
    // Inside the caller's transaction the register is scanned and nothing is written.
    test::store_sql(path, "DELETE FROM column_snapshot");
    reg.begin();
    EXPECT_TRUE(same_columns(reg.load_columns(), scanned));
    reg.rollback();
    EXPECT_EQ(snapshot_parts(path), 0);
}

// --- a large file into an empty register is stored while it is read ------------------------

class LargeImportTest : public RegisterTest {
  protected:
    /// A generated case file large enough for the import that stores while reading (over 1 MiB).
    fs::path write_cases(std::size_t cases, const std::function<void(std::string&)>& edit = {}) {
        bench::GeneratorOptions generator;
        generator.cases = cases;
        generator.years = 2;
        auto text = bench::generate_csv(load_configuration(), generator);
        if (edit) edit(text);
        auto path = dir_ / "large.csv";
        std::ofstream(path, std::ios::binary) << text;
        EXPECT_GT(fs::file_size(path), 1u << 20) << "too small to be stored while read";
        return path;
    }
    static RegisterOptions large_options() {
        RegisterOptions o;
        o.today = bench::generator_latest_date;
        return o;
    }
    /// SQLite's integrity check ("ok"); PostgreSQL checks its pages itself.
    static std::string integrity(const fs::path& db) {
        return test::store_sql(db, "PRAGMA integrity_check", "SELECT 'ok'");
    }
    /// The names of the cases table's indexes, in order, space-separated.
    static std::string indexes(const fs::path& db) {
        return test::store_sql(db,
                               "SELECT group_concat(name, ' ') FROM (SELECT name FROM "
                               "sqlite_master WHERE type = 'index' AND name LIKE 'cases_%' ORDER "
                               "BY name)",
                               "SELECT string_agg(indexname, ' ' ORDER BY indexname) FROM "
                               "pg_indexes WHERE schemaname = current_schema() AND indexname "
                               "LIKE 'cases_%'");
    }
    /// The triggers on the cases table that are in force.
    static int triggers(const fs::path& db) {
        return std::stoi(test::store_sql(
            db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'",
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'cases'::regclass AND NOT "
            "tgisinternal AND tgenabled <> 'D'"));
    }
};

TEST_F(LargeImportTest, StoresEveryRecordInFileOrderWithIndexes) {
    auto path = write_cases(12000);
    auto reg = open("r.db", large_options());
    std::vector<std::pair<std::size_t, std::size_t>> progress;
    ImportOptions with_progress;
    with_progress.progress = [&](std::size_t stored, std::size_t total) {
        progress.emplace_back(stored, total);
    };
    auto result = import_file(reg, path, with_progress);
    EXPECT_EQ(result.errors(), 0u);
    EXPECT_EQ(result.imported, 12000u);
    EXPECT_EQ(reg.case_count(), 12000u);
    ASSERT_FALSE(progress.empty());
    EXPECT_EQ(progress.back(), std::make_pair(std::size_t{12000}, std::size_t{12000}));
    // The same records as a plain read of the file, in the same order, pseudonyms set.
    auto expected = read_case_file(path, reg.config());
    auto stored = reg.load_records();
    ASSERT_EQ(stored.size(), expected.records.size());
    for (std::size_t i = 0; i < stored.size(); i += 997) {
        EXPECT_EQ(stored[i].case_id->view(), expected.records[i].case_id->view());
        EXPECT_EQ(stored[i].received, expected.records[i].received);
    }
    // The bulk builds only the unique indexes (by case id; on PostgreSQL by rowid too) and the
    // unnumbered rows' (which every open asks). The look-up indexes wait for the first write or
    // look-up that needs them.
    EXPECT_EQ(indexes(at()), test::on_postgresql() ? "cases_case_id cases_rowid cases_unnumbered"
                                                   : "cases_case_id cases_unnumbered");
    EXPECT_EQ(number("SELECT count(*) FROM cases WHERE citizen IS NOT NULL AND length(citizen) "
                     "<> 32"),
              0);
    EXPECT_EQ(number("SELECT cases FROM audit WHERE operation = 'import'"), 12000);
    EXPECT_EQ(integrity(at()), "ok");
    if (test::on_postgresql()) {
        // Stored frozen: every page all-visible and all-frozen, nothing left for a vacuum.
        test::store_sql(at(), "",
                        "CREATE EXTENSION IF NOT EXISTS pg_visibility WITH SCHEMA public");
        EXPECT_EQ(test::store_sql(at(), "",
                                  "SELECT format('%s of %s', all_frozen, "
                                  "pg_relation_size('cases') / current_setting('block_size')::int) "
                                  "FROM public.pg_visibility_map_summary('cases')"),
                  [&] {
                      auto pages = test::store_sql(
                          at(), "",
                          "SELECT pg_relation_size('cases') / current_setting('block_size')::int");
                      return pages + " of " + pages;
                  }());
    }
    EXPECT_EQ(triggers(at()), test::on_postgresql() ? 4 : 3);
    // The import left the report's columns behind: exactly what a scan of the register gives.
    EXPECT_EQ(snapshot_parts(at()), snapshot_part_count);
    auto from_import = reg.load_columns();
    test::store_sql(at(), "DELETE FROM column_snapshot");
    auto scanned = reg.load_columns();
    EXPECT_EQ(scanned.size(), 12000u);
    EXPECT_TRUE(same_columns(from_import, scanned));
    // A look-up by main case builds them, none by date.
    CaseQuery followups;
    followups.main_case_id = std::string(stored.front().case_id->view());
    reg.list_cases(followups);
    EXPECT_EQ(indexes(at()), test::on_postgresql()
                                 ? "cases_case_id cases_citizen cases_inquiry cases_main "
                                   "cases_orientation cases_rowid cases_unnumbered"
                                 : "cases_case_id cases_citizen cases_inquiry cases_main "
                                   "cases_orientation cases_unnumbered");
}

TEST_F(LargeImportTest, AnotherProgramsTriggersFireForTheLoadAndKeepTheirState) {
    OMBUDS_POSTGRESQL_ONLY("a trigger another program turned off (SQLite's are always on)");
    auto path = write_cases(12000);
    auto reg = open("r.db", large_options());
    // Another program logs each statement that inserts cases, and has turned a second trigger
    // off. The load used to turn every trigger off and on again.
    test::store_sql(at(), "", "CREATE TABLE other_log (n integer)");
    test::store_sql(at(), "",
                    "CREATE FUNCTION other_logs() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    "INSERT INTO other_log VALUES (1); RETURN NULL; END $$");
    for (const char* name : {"other_on", "other_off"}) {
        test::store_sql(at(), "",
                        std::string("CREATE TRIGGER ") + name +
                            " AFTER INSERT ON cases FOR EACH STATEMENT EXECUTE FUNCTION "
                            "other_logs()");
    }
    test::store_sql(at(), "", "ALTER TABLE cases DISABLE TRIGGER other_off");
    EXPECT_EQ(import_file(reg, path).imported, 12000u);
    EXPECT_EQ(test::store_sql(at(), "",
                              "SELECT string_agg(tgname || ' ' || tgenabled::text, ', ' ORDER BY "
                              "tgname) FROM pg_trigger WHERE tgrelid = 'cases'::regclass AND "
                              "tgname LIKE 'other%'"),
              "other_off D, other_on O");
    EXPECT_EQ(test::store_sql(at(), "", "SELECT count(*) FROM other_log"), "1");
    EXPECT_EQ(triggers(at()), 5);  // ombuds's four and other_on
}

TEST_F(LargeImportTest, AnotherProgramsCaseCommittedAsTheLoadBeginsIsNotLeftOut) {
    OMBUDS_POSTGRESQL_ONLY("another program's open transaction (SQLite's writer takes the file)");
    auto path = write_cases(12000);
    auto reg = open("r.db", large_options());
    // Another program inserts a case in a transaction it holds open as the import begins: the
    // register looks empty, and the load waits for the table until that program commits.
    auto other = test::connect_postgresql(at());
    auto run = [&](const std::string& sql) {
        std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(other.get(), sql.c_str()),
                                                              PQclear);
        ASSERT_EQ(PQresultStatus(result.get()), PGRES_COMMAND_OK) << PQerrorMessage(other.get());
    };
    run("BEGIN");
    run("INSERT INTO cases (case_id, kind, role, received) VALUES ('OTHER-1', 'inquiry', "
        "'main', DATE '2024-03-01')");
    ImportResult result;
    std::string failure;
    std::thread importing([&] {
        try {
            result = import_file(reg, path);
        } catch (const std::exception& e) {
            failure = e.what();
        }
    });
    bool waiting = false;
    for (int i = 0; i < 600 && !waiting; ++i) {
        waiting = test::store_sql(at(), "",
                                  "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = "
                                  "l.relation WHERE NOT l.granted AND c.relnamespace = "
                                  "current_schema()::regnamespace") != "0";
        if (!waiting) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    run("COMMIT");
    importing.join();
    ASSERT_TRUE(failure.empty()) << failure;
    ASSERT_TRUE(waiting) << "the import never waited for the other program's transaction";
    EXPECT_EQ(result.errors(), 0u);
    EXPECT_EQ(result.imported, 12000u);
    EXPECT_EQ(reg.case_count(), 12001u);
    // The report's columns hold the other program's case too, as a scan of the register does.
    auto columns = reg.load_columns();
    EXPECT_EQ(columns.size(), 12001u);
    test::store_sql(at(), "DELETE FROM column_snapshot");
    EXPECT_TRUE(same_columns(columns, reg.load_columns()));
}

TEST_F(LargeImportTest, AFileReadAgainWholeIsStoredOnce) {
    // Large enough to be read in pieces while stored; its last byte is Windows-1252's ø, so it
    // is read again whole (as Windows-1252) after most of it was stored.
    auto path = write_cases(
        60000, [](std::string& text) { text.insert(text.find_last_not_of("\r\n") + 1, "\xF8"); });
    ASSERT_GT(fs::file_size(path), 8u << 20) << "too small to be read in pieces";
    auto reg = open("r.db", large_options());
    auto result = import_file(reg, path);
    EXPECT_EQ(result.errors(), 0u);
    EXPECT_EQ(result.imported, 60000u);
    EXPECT_EQ(reg.case_count(), 60000u);
    EXPECT_EQ(number("SELECT count(*) FROM audit WHERE operation = 'import'"), 1);
    auto stored = reg.load_records();
    ASSERT_EQ(stored.size(), 60000u);
    EXPECT_TRUE(stored.back().note.ends_with("ø"));
    EXPECT_EQ(snapshot_parts(at()), snapshot_part_count);
    EXPECT_EQ(integrity(at()), "ok");
}

TEST_F(LargeImportTest, ABadLastRowStoresNothing) {
    // A last row with an unknown unit: by then every other row has been stored.
    auto path = write_cases(12000, [](std::string& text) {
        std::string header = text.substr(0, text.find('\n'));
        if (!header.empty() && header.back() == '\r') header.pop_back();
        std::string row;
        std::size_t start = 0;
        for (bool first = true; start <= header.size(); first = false) {
            auto end = std::min(header.find(';', start), header.size());
            auto column = header.substr(start, end - start);
            if (!first) row += ';';
            if (column == "case_id") row += "BAD-LAST";
            if (column == "kind") row += "complaint";
            if (column == "role") row += "main";
            if (column == "received") row += "2025-05-06";
            if (column == "action") row += "complaint_dialogue";
            if (column == "theme") row += "no_reply";
            if (column == "unit") row += "NO-SUCH-UNIT";
            start = end + 1;
        }
        text += row + "\n";
    });
    auto reg = open("r.db", large_options());
    auto result = import_file(reg, path);
    EXPECT_EQ(result.imported, 0u);
    EXPECT_EQ(result.refused, 1u);
    ASSERT_FALSE(result.issues.empty());
    EXPECT_EQ(result.issues.back().violation.rule, Rule::unit_known);
    EXPECT_EQ(reg.case_count(), 0u);
    EXPECT_EQ(integrity(at()), "ok");
    // Nothing half done: the same register takes a good file afterwards.
    auto good = write_cases(12000);
    EXPECT_EQ(import_file(reg, good).imported, 12000u);
}

TEST_F(LargeImportTest, ADuplicateIdIsRefusedNotThrown) {
    // The first data row again at the end: SQLite's unique index stops the storing thread;
    // validation names the duplicate and nothing is stored.
    auto path = write_cases(12000, [](std::string& text) {
        auto first = text.find('\n') + 1;
        auto end = text.find('\n', first) + 1;
        text += text.substr(first, end - first);
    });
    auto reg = open("r.db", large_options());
    auto result = import_file(reg, path);
    EXPECT_EQ(result.imported, 0u);
    EXPECT_GE(result.refused, 1u);
    EXPECT_TRUE(std::any_of(result.issues.begin(), result.issues.end(), [](const FileIssue& i) {
        return i.violation.rule == Rule::id_unique;
    }));
    EXPECT_EQ(reg.case_count(), 0u);
    EXPECT_EQ(integrity(at()), "ok");
    // The load dropped the logging of insertions for its rows; rolled back, it logs again.
    EXPECT_EQ(triggers(at()), test::on_postgresql() ? 4 : 3);
}

TEST_F(LargeImportTest, ReplaceAndANonEmptyRegisterTakeTheUsualWay) {
    auto path = write_cases(12000);
    auto reg = open("r.db", large_options());
    ImportOptions replace;
    replace.mode = WriteMode::replace;
    EXPECT_EQ(import_file(reg, path, replace).imported, 12000u);
    // Into the now full register: every id is taken; with replace every case is replaced.
    auto again = import_file(reg, path);
    EXPECT_EQ(again.imported, 0u);
    EXPECT_EQ(again.refused, 12000u);
    // A snapshot taken now is dropped by the bulk replace, whose triggers are off meanwhile.
    reg.load_columns();
    EXPECT_EQ(snapshot_parts(at()), snapshot_part_count);
    EXPECT_EQ(import_file(reg, path, replace).imported, 12000u);
    EXPECT_EQ(reg.case_count(), 12000u);
    // PostgreSQL keeps its indexes and logging through a large write (dropping an index would
    // lock readers out until the commit): the snapshot stays, and the changes are logged.
    EXPECT_EQ(snapshot_parts(at()), test::on_postgresql() ? snapshot_part_count : 0);
    EXPECT_EQ(triggers(at()), test::on_postgresql() ? 4 : 3);
    EXPECT_EQ(integrity(at()), "ok");
}

TEST_F(LargeImportTest, LookUpsWhileAnotherWriterHoldsTheRegisterReadEveryCase) {
    auto path = write_cases(12000);
    auto reg = open("r.db", large_options());
    ASSERT_EQ(import_file(reg, path).imported, 12000u);
    auto records = reg.load_records();
    const auto& follow_up = *std::find_if(records.begin(), records.end(), [](const auto& rec) {
        return rec.main_case_id.has_value();
    });
    CaseQuery followups;
    followups.main_case_id = std::string(follow_up.main_case_id->view());
    // Another handle's write holds the register (and builds the indexes inside it): this
    // handle's look-up cannot build them, and reads every case instead, with the same answer.
    auto options = large_options();
    options.busy_timeout_ms = 50;
    auto waiting = open("r.db", options);
    auto writer = open("r.db", large_options());
    writer.begin();
    auto found = waiting.list_cases(followups);
    EXPECT_TRUE(std::any_of(found.begin(), found.end(), [&](const CaseRecord& rec) {
        return rec.case_id == follow_up.case_id;
    }));
    writer.rollback();
    EXPECT_EQ(indexes(at()), test::on_postgresql() ? "cases_case_id cases_rowid cases_unnumbered"
                                                   : "cases_case_id cases_unnumbered");
    // Its next write builds them after all.
    waiting.delete_case(follow_up.case_id->view());
    EXPECT_EQ(waiting.case_count(), 11999u);
    EXPECT_EQ(indexes(at()), test::on_postgresql()
                                 ? "cases_case_id cases_citizen cases_inquiry cases_main "
                                   "cases_orientation cases_rowid cases_unnumbered"
                                 : "cases_case_id cases_citizen cases_inquiry cases_main "
                                   "cases_orientation cases_unnumbered");
    EXPECT_EQ(waiting.list_cases(followups).size(), found.size() - 1);
}

TEST_F(LargeImportTest, AHandleOpenAcrossAnotherHandlesImportBuildsTheIndexesAgain) {
    // A journal system's handle is open on the empty register while the office imports its
    // file through another: the import drops the look-up indexes the journal's handle has seen.
    auto path = write_cases(12000);
    auto journal = open("r.db", large_options());
    CaseQuery followups;
    followups.main_case_id = "NONE";
    EXPECT_TRUE(journal.list_cases(followups).empty());
    {
        auto office = open("r.db", large_options());
        ASSERT_EQ(import_file(office, path).imported, 12000u);
    }
    EXPECT_EQ(indexes(at()), test::on_postgresql() ? "cases_case_id cases_rowid cases_unnumbered"
                                                   : "cases_case_id cases_unnumbered");
    // The journal's next look-up by main case builds them again rather than reading every case.
    journal.list_cases(followups);
    EXPECT_EQ(indexes(at()), test::on_postgresql()
                                 ? "cases_case_id cases_citizen cases_inquiry cases_main "
                                   "cases_orientation cases_rowid cases_unnumbered"
                                 : "cases_case_id cases_citizen cases_inquiry cases_main "
                                   "cases_orientation cases_unnumbered");
}

}  // namespace
}  // namespace ombuds
