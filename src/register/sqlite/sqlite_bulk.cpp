// SPDX-License-Identifier: MPL-2.0
#include "register/sqlite/sqlite_bulk.hpp"

#include <algorithm>
#include <string>

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include "register/sqlite/sqlite_connection.hpp"
#include "register/sqlite/sqlite_error.hpp"
#include "register/sqlite/sqlite_schema.hpp"

namespace ombuds::store::sqlite {
namespace {

constexpr std::size_t cache_bytes_per_row = 400;

/// Below this many rows the follow-up indexes are updated row by row; above it, when the write
/// at least doubles the register, dropping and rebuilding them once is several times faster
/// (inside the transaction, so readers never miss them).
constexpr std::size_t rebuild_indexes_from = 10000;

/// A larger page cache while many rows are written: they touch index pages all over, and a
/// cache that holds them keeps SQLite from spilling and re-reading them.
class LargerCache {
  public:
    LargerCache(SQLite::Database& db, std::size_t bytes) : db_(db) {
        auto kib = std::min<std::size_t>(bytes / 1024, 1 << 20);  // at most 1 GiB
        if (kib > 16384) {
            db_.exec("PRAGMA cache_size = -" + std::to_string(kib));
            raised_ = true;
        }
    }
    ~LargerCache() {
        if (!raised_) return;
        try {
            db_.exec("PRAGMA cache_size = -16384");
        } catch (...) {
            // Only a hint; the connection keeps working either way.
        }
    }
    LargerCache(const LargerCache&) = delete;
    LargerCache& operator=(const LargerCache&) = delete;

  private:
    SQLite::Database& db_;
    bool raised_ = false;
};

/// For the load into an empty register: rollback-journal mode instead of WAL, when no other
/// connection has the register open. Pages beyond the file's old end need no journal, so each
/// page is written once (WAL writes it to the log, then again to the file at the checkpoint).
/// A killed load still leaves the register as it was: the journal restores the old end. WAL
/// comes back after the load; should that fail, the next open sets it again.
class RollbackJournal {
  public:
    RollbackJournal(Connection& c, bool enabled) : c_(c) {
        if (!enabled) return;
        // Not waiting: another connection keeps the register in WAL mode, and that is fine.
        sqlite3_busy_timeout(c_.db.getHandle(), 0);
        try {
            switched_ = c_.db.execAndGet("PRAGMA journal_mode = DELETE").getString() == "delete";
        } catch (const SQLite::Exception&) {
            switched_ = false;
        }
        sqlite3_busy_timeout(c_.db.getHandle(), c_.busy_timeout_ms);
    }
    ~RollbackJournal() {
        if (!switched_) return;
        sqlite3_busy_timeout(c_.db.getHandle(), 0);
        try {
            c_.db.exec("PRAGMA journal_mode = WAL");
        } catch (...) {
            // A connection opened meanwhile: the next open of the register sets WAL again.
        }
        sqlite3_busy_timeout(c_.db.getHandle(), c_.busy_timeout_ms);
    }
    RollbackJournal(const RollbackJournal&) = delete;
    RollbackJournal& operator=(const RollbackJournal&) = delete;

  private:
    Connection& c_;
    bool switched_ = false;
};

/// The rows go in at the end of the table, in rowid order, and the indexes are built after
/// them: the connection's ordinary page cache is enough. A cache that held the whole load was
/// no faster (its pages were written at the commit instead of while the file was read) and
/// held memory the size of the register.
class EmptyRegisterLoad final : public BulkLoad {
  public:
    explicit EmptyRegisterLoad(Connection& c) : c_(c), journal_(c, !c.temporary) {}
    ~EmptyRegisterLoad() override {
        // Not committed by the register: the load is undone (the journal scope ends after).
        if (c_.depth > 0 && open_) {
            try {
                c_.db.exec("ROLLBACK");
            } catch (...) {
                // Rolled back by SQLite already.
            }
            c_.depth = 0;
        }
    }

    /// Opens the transaction; false (none open) when the register holds cases.
    bool begin() {
        c_.db.exec("BEGIN IMMEDIATE");
        c_.depth = 1;
        open_ = true;
        if (c_.db.execAndGet("SELECT EXISTS (SELECT 1 FROM cases)").getInt() != 0) {
            c_.db.exec("ROLLBACK");
            c_.depth = 0;
            open_ = false;
            return false;
        }
        // Rows go in without any index. The case ids' and the unnumbered rows' are built once
        // after them (a file with one id twice is refused by validation, or would fail that
        // build); the others wait for the first write or look-up that needs them.
        drop_snapshot_logging(c_.db);
        drop_core_indexes(c_.db);
        drop_deferred_indexes(c_.db);
        c_.deferred_indexes = false;
        return true;
    }

    void insert(const StoredRow& row) override {
        translated(c_.path, [&] { c_.insert(row); });
    }
    void finish() override {
        translated(c_.path, [&] {
            create_core_indexes(c_.db);
            create_snapshot_logging(c_.db);
        });
        open_ = false;  // the register commits (or rolls back) from here
    }

  private:
    Connection& c_;
    RollbackJournal journal_;
    bool open_ = false;
};

class ManyInto final : public ManyWrites {
  public:
    ManyInto(Connection& c, std::size_t rows, bool rebuild)
        : c_(c), cache_(c.db, rows * cache_bytes_per_row), rebuild_(rebuild) {}
    void before_write() override {
        if (rebuild_ && !dropped_) {
            drop_followup_indexes(c_.db);
            drop_snapshot_logging(c_.db);
        }
        dropped_ = true;
    }
    void finish() override {
        if (rebuild_ && dropped_) {
            create_followup_indexes(c_.db);
            create_snapshot_logging(c_.db);
        }
        rebuild_ = false;
    }

  private:
    Connection& c_;
    LargerCache cache_;
    bool rebuild_;
    bool dropped_ = false;
};

}  // namespace

std::unique_ptr<BulkLoad> start_bulk_load(Connection& connection) {
    if (connection.depth > 0) return nullptr;  // inside the caller's transaction: row by row
    // Checked again inside the transaction; here it spares a register with cases the journal
    // mode switch and a transaction that would only be rolled back.
    if (connection.db.execAndGet("SELECT EXISTS (SELECT 1 FROM cases)").getInt() != 0)
        return nullptr;
    auto load = std::make_unique<EmptyRegisterLoad>(connection);
    if (!load->begin()) return nullptr;
    return load;
}

std::unique_ptr<ManyWrites> start_many(Connection& connection, std::size_t rows) {
    std::size_t stored =
        static_cast<std::size_t>(connection.db.execAndGet("SELECT count(*) FROM cases").getInt64());
    bool rebuild = rows >= rebuild_indexes_from && rows >= stored;
    return std::make_unique<ManyInto>(connection, rows, rebuild);
}

}  // namespace ombuds::store::sqlite
