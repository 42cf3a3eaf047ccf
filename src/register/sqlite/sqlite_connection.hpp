// SPDX-License-Identifier: MPL-2.0
// One SQLite connection to a register with its prepared statements: the row-level work of the
// SQLite backend (binding stored rows, reading them back, scans, the snapshot's parts).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "register/case_store.hpp"

struct sqlite3_stmt;

namespace ombuds::store::sqlite {

class ManyWrites;

struct Connection {
    Connection(SQLite::Database database, std::string location, bool is_temporary,
               int busy_timeout);
    Connection(Connection&&) noexcept;
    ~Connection();

    SQLite::Database db;
    std::string path;
    bool temporary = false;
    bool created = false;
    int busy_timeout_ms = 60000;
    int depth = 0;         // open write transactions and savepoints
    bool reading = false;  // a read transaction of begin_read() is open
    bool snapshot_written = false;
    std::optional<bool> deferred_indexes;  // whether the indexes an import leaves out exist
    std::int64_t indexes_seen_at = -1;     // the schema version they were judged at
    bool indexes_judged_in_write = false;  // judged inside the open write
    std::unique_ptr<ManyWrites> many;

    /// A statement prepared once per connection.
    SQLite::Statement& statement(const char* sql);
    /// A statement whose text is built at run time, prepared once per text: validating a
    /// file against a register asks for each case's follow-ups, and preparing a query of every
    /// column each time took most of it. Reset and cleared, ready to bind.
    SQLite::Statement& built_statement(const std::string& sql);

    /// Binds every value of a stored row without copying and steps an INSERT (or an upsert by
    /// case id). Touches only this connection's insert statements, so a bulk load may run it on
    /// a thread of its own.
    void insert(const StoredRow& row);
    void upsert(const StoredRow& row);
    bool exists(std::string_view case_id);
    /// Reads the case into `out`; the values stay valid until the next find() or find_row().
    bool find(std::string_view case_id, Row& out);
    bool find_row(std::int64_t rowid, const std::vector<std::size_t>& wanted, Row& out);
    /// The number one statement selects for a key (a pseudonym blob or a text).
    std::optional<std::int64_t> number_of(const char* sql, std::string_view key, bool blob);
    void scan(const Selection& selection, const std::vector<std::size_t>& wanted,
              const RowVisitor& visit);
    std::vector<std::string> citizens_closed_before(Date date);
    std::size_t replace_citizens(
        const std::vector<std::pair<std::string, std::string>>& replacements,
        std::string_view key_id);
    /// Checkpoints the WAL into the database file and truncates it; false when a reader kept
    /// some of it.
    bool checkpoint();
    /// Reads the snapshot's parts straight from the file into their destinations.
    bool read_snapshot(const SnapshotDestination& destination);
    void write_snapshot(const std::vector<std::string_view>& parts);
    /// write_snapshot inside a read transaction, without waiting for anyone: on any failure the
    /// read transaction is rolled back and nothing is written.
    void try_write_snapshot(const std::vector<std::string_view>& parts) noexcept;

  private:
    struct Finalize {
        void operator()(sqlite3_stmt* statement) const noexcept;
    };
    using RawStatement = std::unique_ptr<sqlite3_stmt, Finalize>;
    void step_row(RawStatement& slot, bool upsert, const StoredRow& row);
    /// Copies the `wanted` columns of the current result row into `out`, owning their bytes.
    void copy_row(SQLite::Statement& query, const std::vector<std::size_t>& wanted, Row& out);

    RawStatement insert_;
    RawStatement upsert_;
    std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> statements_;
    std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> built_statements_;
    int scanning_ = 0;  // scans under way: a scan inside another's visitor prepares its own
    std::array<std::string, column_count> found_;  // the values of the last find()
};

}  // namespace ombuds::store::sqlite
