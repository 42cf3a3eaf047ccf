// SPDX-License-Identifier: MPL-2.0
#include "register/sqlite/sqlite_connection.hpp"

#include <limits>
#include <memory>

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include "register/sqlite/sqlite_bulk.hpp"
#include "register/sqlite/sqlite_schema.hpp"

namespace ombuds::store::sqlite {
namespace {

Value value_of(const SQLite::Column& column) {
    if (column.isNull()) return {};
    if (column.isInteger()) return Value::integer(column.getInt64());
    auto bytes = std::string_view(static_cast<const char*>(column.getBlob()),
                                  static_cast<std::size_t>(column.getBytes()));
    return column.isBlob() ? Value::blob(bytes) : Value{Value::Type::text, bytes, 0};
}

}  // namespace

void Connection::Finalize::operator()(sqlite3_stmt* statement) const noexcept {
    sqlite3_finalize(statement);
}

Connection::Connection(SQLite::Database database, std::string location, bool is_temporary,
                       int busy_timeout)
    : db(std::move(database)),
      path(std::move(location)),
      temporary(is_temporary),
      busy_timeout_ms(busy_timeout) {}
Connection::Connection(Connection&&) noexcept = default;
Connection::~Connection() = default;

SQLite::Statement& Connection::statement(const char* sql) {
    auto& slot = statements_[sql];
    if (!slot) slot = std::make_unique<SQLite::Statement>(db, sql);
    slot->reset();
    slot->clearBindings();
    return *slot;
}

SQLite::Statement& Connection::built_statement(const std::string& sql) {
    auto& slot = built_statements_[sql];
    if (!slot) slot = std::make_unique<SQLite::Statement>(db, sql);
    slot->reset();
    slot->clearBindings();
    return *slot;
}

namespace {

/// Resets a statement when its use ends, however it ends: an active statement would lock the
/// table against DROP INDEX and keep its bound values.
struct ResetWhenDone {
    SQLite::Statement& statement;
    ~ResetWhenDone() {
        statement.tryReset();
        try {
            statement.clearBindings();
        } catch (...) {
            // Cleared again before the next use (built_statement()).
        }
    }
};

}  // namespace

void Connection::insert(const StoredRow& row) {
    step_row(insert_, false, row);
}

void Connection::upsert(const StoredRow& row) {
    step_row(upsert_, true, row);
}

void Connection::step_row(RawStatement& slot, bool upsert, const StoredRow& row) {
    if (!slot) {
        std::string sql = "INSERT INTO cases (" + column_list() + ") VALUES (";
        for (std::size_t i = 0; i < column_count; ++i) sql += i ? ",?" : "?";
        sql += ")";
        if (upsert) {
            sql += " ON CONFLICT(case_id) DO UPDATE SET ";
            bool first = true;
            for (const auto& column : columns()) {
                if (column.name == "case_id") continue;
                if (!first) sql += ", ";
                first = false;
                sql += column.name + " = excluded." + column.name;
            }
        }
        sqlite3_stmt* prepared = nullptr;
        int rc = sqlite3_prepare_v3(db.getHandle(), sql.c_str(), static_cast<int>(sql.size() + 1),
                                    SQLITE_PREPARE_PERSISTENT, &prepared, nullptr);
        if (rc != SQLITE_OK) throw SQLite::Exception(db.getHandle(), rc);
        slot.reset(prepared);
    }
    sqlite3_stmt* raw = slot.get();
    sqlite3_reset(raw);
    sqlite3_clear_bindings(raw);
    // Bound straight through the C API: every value lives until the step, so nothing is
    // copied (SQLITE_STATIC). A bind can fail (SQLITE_NOMEM, SQLITE_TOOBIG): the column would
    // silently be stored NULL, so the first failure stops the row.
    int bound = SQLITE_OK;
    for (std::size_t i = 0; i < column_count && bound == SQLITE_OK; ++i) {
        const Value& value = row.value(i);
        const int at = static_cast<int>(i + 1);
        const auto size = static_cast<int>(value.bytes.size());
        if (value.type == Value::Type::text) {
            bound = sqlite3_bind_text(raw, at, value.bytes.data(), size, SQLITE_STATIC);
        } else if (value.type == Value::Type::blob) {
            bound = sqlite3_bind_blob(raw, at, value.bytes.data(), size, SQLITE_STATIC);
        } else if (value.type == Value::Type::integer) {
            bound = sqlite3_bind_int64(raw, at, value.number);
        }
    }
    if (bound != SQLITE_OK) {
        sqlite3_clear_bindings(raw);  // drops the pointers to values about to go out of scope
        throw SQLite::Exception(db.getHandle(), bound);
    }
    int rc = sqlite3_step(raw);
    sqlite3_reset(raw);  // releases the values bound above before they go out of scope
    if (rc != SQLITE_DONE) throw SQLite::Exception(db.getHandle(), rc);
}

bool Connection::exists(std::string_view case_id) {
    auto& query = statement("SELECT 1 FROM cases WHERE case_id = ?");
    query.bind(1, std::string(case_id));
    bool found = query.executeStep();
    query.reset();
    return found;
}

bool Connection::find(std::string_view case_id, Row& out) {
    static const std::string sql = "SELECT " + column_list() + " FROM cases WHERE case_id = ?";
    auto& query = statement(sql.c_str());
    query.bind(1, std::string(case_id));
    if (!query.executeStep()) {
        query.reset();
        return false;
    }
    copy_row(query, all_columns(), out);
    query.reset();  // left active, it would lock the table against DROP INDEX
    return true;
}

void Connection::copy_row(SQLite::Statement& query, const std::vector<std::size_t>& wanted,
                          Row& out) {
    out = Row{};
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        Value value = value_of(query.getColumn(static_cast<int>(i)));
        auto& keep = found_[wanted[i]];
        keep.assign(value.bytes);
        out[wanted[i]] = value.type == Value::Type::text || value.type == Value::Type::blob
                             ? Value{value.type, keep, 0}
                             : value;
    }
}

bool Connection::find_row(std::int64_t rowid, const std::vector<std::size_t>& wanted, Row& out) {
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < wanted.size(); ++i)
        sql += (i ? ", " : "") + columns()[wanted[i]].name;
    sql += " FROM cases WHERE rowid = ?";
    auto& query = built_statement(sql);
    ResetWhenDone done{query};
    query.bind(1, rowid);
    if (!query.executeStep()) return false;
    copy_row(query, wanted, out);
    return true;
}

std::optional<std::int64_t> Connection::number_of(const char* sql, std::string_view key,
                                                  bool blob) {
    auto& query = statement(sql);
    if (blob)
        query.bind(1, key.data(), static_cast<int>(key.size()));
    else
        query.bind(1, std::string(key));
    std::optional<std::int64_t> number;
    if (query.executeStep() && !query.getColumn(0).isNull()) number = query.getColumn(0).getInt64();
    query.reset();
    return number;
}

void Connection::scan(const Selection& selection, const std::vector<std::size_t>& wanted,
                      const RowVisitor& visit) {
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < wanted.size(); ++i)
        sql += (i ? ", " : "") + columns()[wanted[i]].name;
    sql += ", rowid FROM cases WHERE 1";
    if (selection.received) sql += " AND received BETWEEN ? AND ?";
    if (selection.pseudonym) sql += " AND citizen = ?";
    if (selection.main_case) sql += " AND main_case_id = ?";
    if (selection.unnumbered)
        sql += " AND (inquiry_no IS NULL OR (citizen IS NOT NULL AND citizen_no IS NULL))";
    sql += " ORDER BY rowid";
    std::optional<SQLite::Statement> own;
    if (scanning_ > 0) own.emplace(db, sql);
    SQLite::Statement& rows = own ? *own : built_statement(sql);
    ++scanning_;
    struct Scanning {
        int& depth;
        ~Scanning() { --depth; }
    } scanning{scanning_};
    ResetWhenDone done{rows};
    int at = 1;
    if (selection.received) {
        rows.bind(at++, selection.received->from.iso());
        rows.bind(at++, selection.received->to.iso());
    }
    if (selection.pseudonym)
        rows.bind(at++, selection.pseudonym->data(), static_cast<int>(selection.pseudonym->size()));
    if (selection.main_case) rows.bind(at++, *selection.main_case);
    Row row{};
    while (rows.executeStep()) {
        for (std::size_t i = 0; i < wanted.size(); ++i)
            row[wanted[i]] = value_of(rows.getColumn(static_cast<int>(i)));
        visit(row, rows.getColumn(static_cast<int>(wanted.size())).getInt64());
    }
}

std::vector<std::string> Connection::citizens_closed_before(Date date) {
    SQLite::Statement citizens(
        db,
        "SELECT citizen FROM cases WHERE citizen IS NOT NULL GROUP BY citizen HAVING "
        "sum(closed IS NULL OR closed >= ?) = 0 AND sum(coalesce(citizen_key, '') = ?) = 0");
    citizens.bind(1, date.iso());
    citizens.bind(2, std::string(anonymised_key));
    std::vector<std::string> out;
    while (citizens.executeStep()) {
        auto column = citizens.getColumn(0);
        out.emplace_back(static_cast<const char*>(column.getBlob()),
                         static_cast<std::size_t>(column.getBytes()));
    }
    return out;
}

std::size_t Connection::replace_citizens(
    const std::vector<std::pair<std::string, std::string>>& replacements, std::string_view key_id) {
    // One pass over the cases, whatever the number of citizens: there is no index by citizen.
    db.exec(
        "CREATE TEMP TABLE IF NOT EXISTS ombuds_replacement (old BLOB PRIMARY KEY, new BLOB NOT "
        "NULL) WITHOUT ROWID; DELETE FROM temp.ombuds_replacement");
    {
        SQLite::Statement add(db, "INSERT INTO temp.ombuds_replacement (old, new) VALUES (?, ?)");
        for (const auto& [old_pseudonym, replacement] : replacements) {
            add.reset();
            add.bind(1, old_pseudonym.data(), static_cast<int>(old_pseudonym.size()));
            add.bind(2, replacement.data(), static_cast<int>(replacement.size()));
            add.exec();
        }
    }
    SQLite::Statement update(
        db,
        "UPDATE cases SET citizen = (SELECT new FROM temp.ombuds_replacement WHERE old = "
        "cases.citizen), citizen_key = ?, note = NULL WHERE citizen IN (SELECT old FROM "
        "temp.ombuds_replacement)");
    update.bind(1, std::string(key_id));
    auto changed = static_cast<std::size_t>(update.exec());
    db.exec("DELETE FROM temp.ombuds_replacement");
    return changed;
}

bool Connection::checkpoint() {
    if (temporary) return true;
    int log_frames = 0, checkpointed = 0;
    int rc = sqlite3_wal_checkpoint_v2(db.getHandle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE,
                                       &log_frames, &checkpointed);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return false;
    if (rc != SQLITE_OK) throw SQLite::Exception(db.getHandle(), rc);
    return log_frames <= 0 || log_frames == checkpointed;
}

bool Connection::read_snapshot(const SnapshotDestination& destination) {
    // Each part's size first (length() reads no content), then its bytes by incremental blob
    // I/O into where they are used: no copy of megabytes in between.
    auto& parts = statement("SELECT part, length(data) FROM column_snapshot ORDER BY part");
    struct Reset {
        SQLite::Statement& statement;
        ~Reset() { statement.tryReset(); }
    } reset{parts};
    struct CloseBlob {
        void operator()(sqlite3_blob* blob) const noexcept { sqlite3_blob_close(blob); }
    };
    std::int64_t expected = 0;
    while (parts.executeStep()) {
        const auto bytes = parts.getColumn(1).getInt64();
        if (parts.getColumn(0).getInt64() != expected || bytes < 0 ||
            bytes > std::numeric_limits<int>::max())
            return false;
        char* into = destination(static_cast<std::size_t>(bytes));
        if (!into) return false;
        if (bytes > 0) {
            sqlite3_blob* raw = nullptr;
            int rc = sqlite3_blob_open(db.getHandle(), "main", "column_snapshot", "data", expected,
                                       0, &raw);
            std::unique_ptr<sqlite3_blob, CloseBlob> blob(raw);
            if (rc == SQLITE_OK) rc = sqlite3_blob_read(raw, into, static_cast<int>(bytes), 0);
            if (rc != SQLITE_OK) throw SQLite::Exception(db.getHandle(), rc);
        }
        ++expected;
    }
    return expected > 0;
}

void Connection::write_snapshot(const std::vector<std::string_view>& parts) {
    SQLite::Statement insert(db,
                             "INSERT OR REPLACE INTO column_snapshot (part, data) VALUES (?, ?)");
    // The snapshot holds every change logged so far.
    db.exec("DELETE FROM column_snapshot; DELETE FROM snapshot_changes");
    int part = 0;
    for (auto bytes : parts) {
        // A zero-length blob still needs a valid pointer for SQLite to store it as a blob.
        static const char nothing = 0;
        insert.reset();
        insert.bind(1, part++);
        insert.bindNoCopy(2, bytes.empty() ? static_cast<const void*>(&nothing) : bytes.data(),
                          static_cast<int>(bytes.size()));
        insert.exec();
    }
}

void Connection::try_write_snapshot(const std::vector<std::string_view>& parts) noexcept {
    // Never wait for a writer: when someone wrote meanwhile (the read transaction cannot become
    // a write), the file is read-only or the disk is full, the next report scans again.
    try {
        db.setBusyTimeout(0);
        write_snapshot(parts);
        snapshot_written = true;
    } catch (...) {
        snapshot_written = false;
        try {
            db.exec("ROLLBACK");
        } catch (...) {
            // Ended by SQLite already.
        }
        reading = false;  // nothing left to end: no half-written snapshot remains
    }
    try {
        db.setBusyTimeout(busy_timeout_ms);
    } catch (...) {
        // Only a timeout; the connection keeps working either way.
    }
}

}  // namespace ombuds::store::sqlite
