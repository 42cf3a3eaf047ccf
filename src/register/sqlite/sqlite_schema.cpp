// SPDX-License-Identifier: MPL-2.0
#include "register/sqlite/sqlite_schema.hpp"

#include <algorithm>
#include <vector>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "register/stored_row.hpp"

namespace ombuds::store::sqlite {
namespace {

constexpr const char* own_tables_sql = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS column_snapshot (  -- the report's columns, kept between reports
  part INTEGER PRIMARY KEY,                    -- 0: header; 1, 2, ...: one column each
  data BLOB NOT NULL                           -- dense ids and codes only: no personal data
);
CREATE TABLE IF NOT EXISTS audit (      -- every write operation; never personal data
  at        TEXT NOT NULL,               -- UTC, ISO 8601
  operation TEXT NOT NULL,
  cases     INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshot_changes (  -- cases changed since the column snapshot
  seq INTEGER PRIMARY KEY,
  row INTEGER NOT NULL                         -- the rowid of a case inserted, updated or deleted
);
)sql";

/// The cases table, its columns derived from the stored columns: text, the pseudonym a blob,
/// required fields NOT NULL. case_id is unique through the index cases_case_id, not a UNIQUE
/// constraint: an import into an empty register drops that index and builds it once after its
/// rows, which a constraint's index would not allow.
std::string cases_table_sql(const std::string& name) {
    std::string sql = "CREATE TABLE IF NOT EXISTS " + name + " (";
    bool first = true;
    for (const auto& column : columns()) {
        if (!first) sql += ", ";
        first = false;
        const char* type = column.number ? " INTEGER" : column.blob ? " BLOB" : " TEXT";
        sql += column.name + type + (column.required ? " NOT NULL" : "");
    }
    return sql + ")";
}

// The case ids, unique; the rows still without their numbers (none, but for rows another tool
// inserted or a follow-up stored before its main case: an empty index, which every open asks).
// An import into an empty register builds them once after its rows.
constexpr const char* core_indexes_sql = R"sql(
CREATE UNIQUE INDEX IF NOT EXISTS cases_case_id ON cases(case_id);
CREATE INDEX IF NOT EXISTS cases_unnumbered ON cases(main_case_id)
  WHERE inquiry_no IS NULL OR (citizen IS NOT NULL AND citizen_no IS NULL);
)sql";

// The look-ups validation, deletion and numbering need: a case's follow-ups, a citizen's
// orientation cases (one per citizen per year), a citizen's and an inquiry's cases. Not the
// date (reports read the column snapshot, and a period export reads every row, about a second
// per million cases, once a year).
//
// An import into an empty register leaves them out: each is a pass over every row, on one
// thread, while the import waits, and a report needs none of them. The first write or look-up
// that needs them builds them (ensure_indexes()).
constexpr const char* followup_indexes_sql = R"sql(
CREATE INDEX IF NOT EXISTS cases_main ON cases(main_case_id) WHERE main_case_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS cases_orientation ON cases(citizen)
  WHERE citizen IS NOT NULL AND kind = 'inquiry' AND action = 'orientation';
)sql";
constexpr const char* lookup_indexes_sql = R"sql(
CREATE INDEX IF NOT EXISTS cases_citizen ON cases(citizen) WHERE citizen IS NOT NULL;
CREATE INDEX IF NOT EXISTS cases_inquiry ON cases(inquiry_id) WHERE inquiry_id IS NOT NULL;
)sql";

// Every change of the cases, by ombuds or any SQLite tool, is logged by rowid, so the column
// snapshot is brought up to date by reading only the changed cases. A bulk load drops these and
// writes a new snapshot itself.
constexpr const char* snapshot_triggers_sql = R"sql(
CREATE TRIGGER IF NOT EXISTS cases_insert_logs AFTER INSERT ON cases
  BEGIN INSERT INTO snapshot_changes (row) VALUES (NEW.rowid); END;
CREATE TRIGGER IF NOT EXISTS cases_update_logs AFTER UPDATE ON cases
  BEGIN INSERT INTO snapshot_changes (row) VALUES (OLD.rowid);
        INSERT INTO snapshot_changes (row) SELECT NEW.rowid WHERE NEW.rowid <> OLD.rowid; END;
CREATE TRIGGER IF NOT EXISTS cases_delete_logs AFTER DELETE ON cases
  BEGIN INSERT INTO snapshot_changes (row) VALUES (OLD.rowid); END;
DROP TRIGGER IF EXISTS cases_update_drops_snapshot;
DROP TRIGGER IF EXISTS cases_delete_drops_snapshot;
)sql";

std::string meta_value(SQLite::Database& db, const char* key) {
    SQLite::Statement statement(db, "SELECT value FROM meta WHERE key = ?");
    statement.bind(1, key);
    return statement.executeStep() ? statement.getColumn(0).getString() : std::string();
}

/// The columns an existing table has.
std::vector<std::string> table_columns(SQLite::Database& db, const std::string& table) {
    std::vector<std::string> names;
    SQLite::Statement info(db, "SELECT name FROM pragma_table_info(?)");
    info.bind(1, table);
    while (info.executeStep()) names.push_back(info.getColumn(0).getString());
    return names;
}

/// Rebuilds the cases table with today's columns and constraints, keeping every row with its
/// rowid and every column the old and new tables share (one statement; the caller's
/// transaction). Any schema change of the cases table migrates this way.
void rebuild_cases_table(SQLite::Database& db) {
    auto old_columns = table_columns(db, "cases");
    std::string shared;
    for (const auto& column : columns()) {
        if (std::find(old_columns.begin(), old_columns.end(), column.name) == old_columns.end())
            continue;
        if (!shared.empty()) shared += ", ";
        shared += column.name;
    }
    db.exec("DROP TABLE IF EXISTS cases_migrated");
    db.exec(cases_table_sql("cases_migrated"));
    db.exec("INSERT INTO cases_migrated (rowid, " + shared + ") SELECT rowid, " + shared +
            " FROM cases ORDER BY rowid");
    db.exec(
        "DROP TABLE cases; ALTER TABLE cases_migrated RENAME TO cases; "
        "DELETE FROM column_snapshot");
}

}  // namespace

FileIdentity identify(SQLite::Database& db) {
    // One read transaction: another process creating the register at this moment is seen
    // before or after its schema's commit. Read one by one, its tables could be seen without
    // its application id, and the register taken for another program's database.
    SQLite::Transaction reading(db, SQLite::TransactionBehavior::DEFERRED);
    int app_id = db.execAndGet("PRAGMA application_id").getInt();
    int version = db.execAndGet("PRAGMA user_version").getInt();
    bool has_tables = db.execAndGet("SELECT EXISTS (SELECT 1 FROM sqlite_master)").getInt() != 0;
    reading.commit();
    if (app_id == application_id)
        return version > schema_version ? FileIdentity::newer : FileIdentity::ours;
    if (app_id == 0 && !has_tables && version == 0) return FileIdentity::empty;
    return FileIdentity::foreign;
}

bool create_or_migrate(SQLite::Database& db) {
    db.exec(own_tables_sql);
    const std::string stored = meta_value(db, "schema_version");
    const bool created = stored.empty();
    if (!created && stored != std::to_string(schema_version)) {
        // Earlier schemas: other columns and constraints. The numbers are assigned after (the
        // register numbers its unnumbered cases when it opens).
        rebuild_cases_table(db);
        SQLite::Statement update(db, "UPDATE meta SET value = ? WHERE key = 'schema_version'");
        update.bind(1, std::to_string(schema_version));
        update.exec();
    }
    db.exec(cases_table_sql("cases"));
    create_core_indexes(db);
    create_snapshot_logging(db);
    if (created) create_deferred_indexes(db);
    db.exec("DROP INDEX IF EXISTS cases_received");  // kept by registers of schema 1
    // Registers made by a development version had an insert trigger too.
    db.exec("DROP TRIGGER IF EXISTS cases_insert_drops_snapshot");
    if (created) {
        SQLite::Statement insert(db, "INSERT INTO meta (key, value) VALUES ('schema_version', ?)");
        insert.bind(1, std::to_string(schema_version));
        insert.exec();
        db.exec("PRAGMA application_id = " + std::to_string(application_id));
    }
    db.exec("PRAGMA user_version = " + std::to_string(schema_version));
    return created;
}

void create_snapshot_logging(SQLite::Database& db) {
    db.exec(snapshot_triggers_sql);
}

void drop_snapshot_logging(SQLite::Database& db) {
    db.exec(
        "DROP TRIGGER IF EXISTS cases_insert_logs; DROP TRIGGER IF EXISTS cases_update_logs; "
        "DROP TRIGGER IF EXISTS cases_delete_logs; DELETE FROM column_snapshot; "
        "DELETE FROM snapshot_changes");
}

void create_followup_indexes(SQLite::Database& db) {
    db.exec(followup_indexes_sql);
}

void drop_followup_indexes(SQLite::Database& db) {
    db.exec("DROP INDEX IF EXISTS cases_main; DROP INDEX IF EXISTS cases_orientation");
}

void create_deferred_indexes(SQLite::Database& db) {
    db.exec(followup_indexes_sql);
    db.exec(lookup_indexes_sql);
}

void drop_deferred_indexes(SQLite::Database& db) {
    drop_followup_indexes(db);
    db.exec("DROP INDEX IF EXISTS cases_citizen; DROP INDEX IF EXISTS cases_inquiry");
}

bool has_deferred_indexes(SQLite::Database& db) {
    return db.execAndGet(
                 "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                 "('cases_main', 'cases_orientation', 'cases_citizen', 'cases_inquiry')")
               .getInt() == 4;
}

void create_core_indexes(SQLite::Database& db) {
    db.exec(core_indexes_sql);
}

void drop_core_indexes(SQLite::Database& db) {
    db.exec("DROP INDEX IF EXISTS cases_case_id; DROP INDEX IF EXISTS cases_unnumbered");
}

}  // namespace ombuds::store::sqlite
