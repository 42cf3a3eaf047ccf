// SPDX-License-Identifier: MPL-2.0
// The SQLite backend: opening (nothing written before the file is known to be ours), the
// transactions, the statements on cases, the register's own tables and the column snapshot.
// The bulk paths are in sqlite_bulk.cpp.
#include "register/sqlite/sqlite_store.hpp"

#include "ombuds/detail/text.hpp"
#include "ombuds/register.hpp"

#include <sys/stat.h>
#include <sys/vfs.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include "register/sqlite/sqlite_bulk.hpp"
#include "register/sqlite/sqlite_connection.hpp"
#include "register/sqlite/sqlite_error.hpp"
#include "register/sqlite/sqlite_schema.hpp"

namespace ombuds::store::sqlite {
namespace {

/// The kind of network filesystem a new or existing register would lie on, if any.
const char* network_filesystem(const std::filesystem::path& path) {
    std::filesystem::path probe = path;
    std::error_code ec;
    if (!std::filesystem::exists(probe, ec))
        probe = path.has_parent_path() ? path.parent_path() : ".";
    struct statfs info {};
    if (::statfs(probe.c_str(), &info) != 0) return nullptr;
    switch (static_cast<unsigned long>(info.f_type)) {
        case 0x6969UL:
            return "NFS";
        case 0x517BUL:
            return "SMB";
        case 0xFF534D42UL:
            return "CIFS";
        case 0xFE534D42UL:
            return "SMB2";
        case 0x65735546UL:
            return "FUSE";
        default:
            return nullptr;
    }
}

/// Sets WAL mode, waiting out a connection that holds the file in another mode an instant.
void set_wal(SQLite::Database& db) {
    for (int attempt = 0;; ++attempt) {
        try {
            db.exec("PRAGMA journal_mode = WAL");
            return;
        } catch (const SQLite::Exception& e) {
            if ((e.getErrorCode() & 0xFF) != SQLITE_BUSY || attempt > 100) throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
}

class Store final : public CaseStore {
    template <class Body>
    decltype(auto) run(Body&& body) {
        return translated(c_.path, std::forward<Body>(body));
    }
    /// The savepoint of the innermost open write, or (with `next`) of the one about to open.
    std::string savepoint(const char* verb, bool next = false) const {
        return std::string(verb) + " ombuds_" + std::to_string(next ? c_.depth : c_.depth - 1);
    }

  public:
    explicit Store(Connection connection) : c_(std::move(connection)) {}
    ~Store() override {
        while (c_.depth > 0) rollback();
    }

    const std::string& location() const noexcept override { return c_.path; }
    bool temporary() const noexcept override { return c_.temporary; }
    bool created() const noexcept override { return c_.created; }

    void begin_write() override {
        run([&] {
            c_.db.exec(c_.depth == 0 ? std::string("BEGIN IMMEDIATE")
                                     : savepoint("SAVEPOINT", true));
            ++c_.depth;
        });
    }
    void commit() override {
        run([&] {
            c_.db.exec(c_.depth == 1 ? std::string("COMMIT") : savepoint("RELEASE"));
            --c_.depth;
            if (c_.depth == 0) c_.indexes_judged_in_write = false;
        });
    }
    void rollback() noexcept override {
        if (c_.depth == 0) return;
        try {
            if (c_.depth == 1) {
                c_.db.exec("ROLLBACK");
            } else {
                c_.db.exec(savepoint("ROLLBACK TO"));
                c_.db.exec(savepoint("RELEASE"));
            }
        } catch (...) {
            // SQLite already rolled back what a failed statement left.
        }
        --c_.depth;
        c_.deferred_indexes.reset();  // an index made in what was rolled back is gone
        c_.indexes_judged_in_write = false;
        if (c_.depth == 0) c_.many.reset();  // its index drops were rolled back too
    }
    void begin_read() override {
        run([&] {
            if (c_.depth == 0) c_.db.exec("BEGIN");
            c_.reading = c_.depth == 0;
        });
    }
    void end_read() noexcept override {
        if (!c_.reading) return;
        c_.reading = false;
        try {
            c_.db.exec(c_.snapshot_written ? "COMMIT" : "ROLLBACK");
        } catch (...) {
            try {
                c_.db.exec("ROLLBACK");
            } catch (...) {
                // Ended by SQLite already.
            }
        }
        c_.snapshot_written = false;
    }
    std::uint64_t change_counter() override {
        return run([&] {
            return static_cast<std::uint64_t>(c_.db.execAndGet("PRAGMA data_version").getInt64());
        });
    }

    std::optional<std::string> meta(std::string_view key) override {
        return run([&]() -> std::optional<std::string> {
            auto& statement = c_.statement("SELECT value FROM meta WHERE key = ?");
            statement.bind(1, std::string(key));
            std::optional<std::string> value;
            if (statement.executeStep()) value = statement.getColumn(0).getString();
            statement.reset();
            return value;
        });
    }
    void set_meta(std::string_view key, std::string_view value) override {
        run([&] {
            auto& statement =
                c_.statement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
            statement.bind(1, std::string(key));
            statement.bind(2, std::string(value));
            statement.exec();
        });
    }
    void audit(std::string_view operation, std::size_t cases) override {
        run([&] {
            auto& statement = c_.statement(
                "INSERT INTO audit (at, operation, cases) VALUES "
                "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?)");
            statement.bind(1, std::string(operation));
            statement.bind(2, static_cast<std::int64_t>(cases));
            statement.exec();
        });
    }

    void insert(const StoredRow& row) override {
        run([&] {
            if (c_.many) c_.many->before_write();
            c_.insert(row);
        });
    }
    bool replace(const StoredRow& row) override {
        return run([&] {
            if (c_.many) c_.many->before_write();
            if (!c_.exists(row.case_id())) return false;
            c_.upsert(row);
            return true;
        });
    }
    bool remove(std::string_view case_id) override {
        return run([&] {
            if (c_.many) c_.many->before_write();
            auto& statement = c_.statement("DELETE FROM cases WHERE case_id = ?");
            statement.bind(1, std::string(case_id));
            return statement.exec() > 0;
        });
    }
    bool find(std::string_view case_id, Row& out) override {
        return run([&] { return c_.find(case_id, out); });
    }
    bool has_followups(std::string_view case_id) override {
        return run([&] {
            auto& statement = c_.statement("SELECT 1 FROM cases WHERE main_case_id = ? LIMIT 1");
            statement.bind(1, std::string(case_id));
            bool found = statement.executeStep();
            statement.reset();  // left active, it would lock the table against DROP INDEX
            return found;
        });
    }
    std::size_t orientation_count(std::string_view pseudonym, int year,
                                  std::string_view excluding) override {
        return run([&] {
            auto& statement = c_.statement(
                "SELECT count(*) FROM cases WHERE citizen = ? AND kind = 'inquiry' AND "
                "action = 'orientation' AND received BETWEEN ? AND ? AND case_id <> ?");
            statement.bind(1, pseudonym.data(), static_cast<int>(pseudonym.size()));
            statement.bind(2, std::to_string(year) + "-01-01");
            statement.bind(3, std::to_string(year) + "-12-31");
            statement.bind(4, std::string(excluding));
            statement.executeStep();
            auto count = static_cast<std::size_t>(statement.getColumn(0).getInt64());
            statement.reset();
            return count;
        });
    }
    std::size_t count() override {
        return run([&] {
            return static_cast<std::size_t>(
                c_.db.execAndGet("SELECT count(*) FROM cases").getInt64());
        });
    }
    bool empty() override {
        return run(
            [&] { return c_.db.execAndGet("SELECT EXISTS (SELECT 1 FROM cases)").getInt() == 0; });
    }
    void scan(const Selection& selection, const std::vector<std::size_t>& wanted,
              const RowVisitor& visit) override {
        run([&] { c_.scan(selection, wanted, visit); });
    }
    std::vector<std::string> distinct(std::size_t column) override {
        return run([&] {
            const std::string& name = columns()[column].name;
            SQLite::Statement values(
                c_.db, "SELECT DISTINCT " + name + " FROM cases WHERE " + name + " IS NOT NULL");
            std::vector<std::string> out;
            while (values.executeStep()) out.push_back(values.getColumn(0).getString());
            return out;
        });
    }

    std::optional<std::int64_t> citizen_number(std::string_view pseudonym) override {
        return run([&] {
            return c_.number_of(
                "SELECT citizen_no FROM cases WHERE citizen = ? AND citizen IS NOT NULL AND "
                "citizen_no IS NOT NULL LIMIT 1",
                pseudonym, true);
        });
    }
    std::optional<std::int64_t> inquiry_number(std::string_view inquiry_id) override {
        return run([&] {
            return c_.number_of(
                "SELECT inquiry_no FROM cases WHERE inquiry_id = ? AND inquiry_id IS NOT NULL "
                "AND inquiry_no IS NOT NULL LIMIT 1",
                inquiry_id, false);
        });
    }
    void set_followups_inquiry(std::string_view main_case_id, std::int64_t inquiry) override {
        run([&] {
            // Only those that differ: an update logs a change for the next report to read.
            auto& update = c_.statement(
                "UPDATE cases SET inquiry_no = ? WHERE main_case_id = ? AND inquiry_id IS NULL "
                "AND inquiry_no IS NOT ?");
            update.bind(1, inquiry);
            update.bind(2, std::string(main_case_id));
            update.bind(3, inquiry);
            update.exec();
        });
    }
    void set_numbers(std::int64_t rowid, std::optional<std::int64_t> citizen,
                     std::optional<std::int64_t> inquiry) override {
        run([&] {
            auto& update =
                c_.statement("UPDATE cases SET citizen_no = ?, inquiry_no = ? WHERE rowid = ?");
            if (citizen) update.bind(1, *citizen);
            if (inquiry) update.bind(2, *inquiry);
            update.bind(3, rowid);
            update.exec();
        });
    }
    bool has_unnumbered() override {
        return run([&] {
            return c_.db
                       .execAndGet(
                           "SELECT EXISTS (SELECT 1 FROM cases WHERE inquiry_no IS NULL OR "
                           "(citizen IS NOT NULL AND citizen_no IS NULL))")
                       .getInt() != 0;
        });
    }
    bool has_deferred_indexes() override {
        // Inside a write nobody else changes the schema: judged once per write (ensure_indexes
        // builds them when they are missing).
        if (c_.depth > 0 && c_.indexes_judged_in_write) return true;
        const bool present = run([&] {
            // An import by another connection may have dropped them since they were seen: the
            // schema's version says whether anything changed.
            auto& version = c_.statement("PRAGMA schema_version");
            version.executeStep();
            const auto now = version.getColumn(0).getInt64();
            version.reset();
            if (now != c_.indexes_seen_at) {
                c_.deferred_indexes.reset();
                c_.indexes_seen_at = now;
                indexes_may_have_changed();
            }
            if (!c_.deferred_indexes) c_.deferred_indexes = sqlite::has_deferred_indexes(c_.db);
            return *c_.deferred_indexes;
        });
        c_.indexes_judged_in_write = c_.depth > 0;
        return present;
    }
    void build_deferred_indexes() override {
        run([&] { create_deferred_indexes(c_.db); });
        c_.deferred_indexes = true;
    }
    bool in_write() const noexcept override { return c_.depth > 0; }
    bool in_read() const noexcept override { return c_.reading; }
    std::vector<std::int64_t> changed_rows() override {
        return run([&] {
            std::vector<std::int64_t> rows;
            SQLite::Statement changes(c_.db,
                                      "SELECT DISTINCT row FROM snapshot_changes ORDER BY row");
            while (changes.executeStep()) rows.push_back(changes.getColumn(0).getInt64());
            return rows;
        });
    }
    bool find_row(std::int64_t rowid, const std::vector<std::size_t>& wanted, Row& out) override {
        return run([&] { return c_.find_row(rowid, wanted, out); });
    }
    std::optional<std::int64_t> rowid_of(std::string_view case_id) override {
        return run([&]() -> std::optional<std::int64_t> {
            auto& query = c_.statement("SELECT rowid FROM cases WHERE case_id = ?");
            query.bind(1, std::string(case_id));
            std::optional<std::int64_t> rowid;
            if (query.executeStep()) rowid = query.getColumn(0).getInt64();
            query.reset();
            return rowid;
        });
    }

    std::size_t remove_citizen(std::string_view pseudonym) override {
        return run([&] {
            SQLite::Statement statement(c_.db, "DELETE FROM cases WHERE citizen = ?");
            statement.bind(1, pseudonym.data(), static_cast<int>(pseudonym.size()));
            return static_cast<std::size_t>(statement.exec());
        });
    }
    std::vector<std::string> citizens_closed_before(Date date) override {
        return run([&] { return c_.citizens_closed_before(date); });
    }
    std::size_t replace_citizens(
        const std::vector<std::pair<std::string, std::string>>& replacements,
        std::string_view key_id) override {
        return run([&] { return c_.replace_citizens(replacements, key_id); });
    }
    std::size_t remove_anonymous_notes(Date closed_before) override {
        return run([&] {
            SQLite::Statement notes(c_.db,
                                    "UPDATE cases SET note = NULL WHERE closed < ? AND citizen IS "
                                    "NULL AND note IS NOT NULL");
            notes.bind(1, closed_before.iso());
            return static_cast<std::size_t>(notes.exec());
        });
    }
    bool purge() override {
        return run([&] { return c_.checkpoint(); });
    }

    bool read_snapshot(const SnapshotDestination& destination) override {
        return run([&] { return c_.read_snapshot(destination); });
    }
    void write_snapshot(const std::vector<std::string_view>& parts) override {
        // Inside a read transaction the snapshot is a courtesy to the next report: written when
        // that needs no waiting, else left (this report is right either way).
        if (c_.reading) {
            c_.try_write_snapshot(parts);
            return;
        }
        run([&] { c_.write_snapshot(parts); });
    }

    std::unique_ptr<BulkLoad> bulk_load() override {
        return run([&] { return start_bulk_load(c_); });
    }
    void begin_many(std::size_t rows) override {
        run([&] { c_.many = start_many(c_, rows); });
    }
    void finish_many() override {
        run([&] {
            if (c_.many) c_.many->finish();
            c_.many.reset();
        });
    }

  private:
    Connection c_;
};

}  // namespace

std::unique_ptr<CaseStore> open(const std::string& path, const StoreOptions& options) {
    const bool temporary = path == ":memory:";
    std::error_code ec;
    const bool exists = !temporary && std::filesystem::exists(path, ec);
    const std::string shown = ombuds::detail::shown_location(path);
    if (!temporary && !exists && !options.create) {
        throw Error(ErrorKind::not_found,
                    shown + ": no such register (check the name, or create it with init or import)",
                    shown +
                        ": intet sådant register (tjek navnet, eller opret det med init eller "
                        "import)");
    }
    if (!temporary && exists && std::filesystem::is_directory(path, ec)) {
        throw Error(ErrorKind::io, shown + ": is a directory, not a register",
                    shown + ": er en mappe, ikke et register");
    }
    if (!temporary && !options.allow_network_filesystem) {
        if (auto kind = network_filesystem(path)) {
            throw Error(ErrorKind::io,
                        shown + ": lies on a network filesystem (" + kind +
                            "), where SQLite's file locking is unsafe; move the register to a "
                            "local disk, or allow it explicitly",
                        shown + ": ligger på et netværksfilsystem (" + kind +
                            "), hvor SQLites fillåsning er usikker; flyt registret til en lokal "
                            "disk, eller tillad det udtrykkeligt");
        }
    }
    return translated(path, [&]() -> std::unique_ptr<CaseStore> {
        // A handle is used by one thread at a time (interfaces.md), and the library's own threads
        // take turns with the connection: SQLite's lock around every call (dozens per stored
        // row) would only cost.
        int flags = SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX |
                    (options.create ? SQLite::OPEN_CREATE : 0);
        SQLite::Database db(path, flags, options.busy_timeout_ms, options.vfs);
        // Judged before anything is written: someone else's file is left exactly as it was.
        switch (identify(db)) {
            case FileIdentity::foreign:
                throw Error(ErrorKind::corrupt,
                            shown + ": not an ombuds register (another program's database)",
                            shown + ": ikke et ombuds-register (et andet programs database)");
            case FileIdentity::newer:
                throw Error(ErrorKind::corrupt,
                            shown + ": written by a newer ombuds (register schema above " +
                                std::to_string(schema_version) + ")",
                            shown + ": skrevet af en nyere ombuds (registerskema over " +
                                std::to_string(schema_version) + ")");
            case FileIdentity::empty:
            case FileIdentity::ours:
                break;
        }
        if (!temporary) {
            // 8 KiB pages: fewer pages and tree levels for a register's wide rows, which makes
            // bulk imports and index builds faster. Only a new, empty file takes it.
            db.exec("PRAGMA page_size = 8192");
            // WAL lets readers and one writer proceed together; FULL makes commits durable.
            set_wal(db);
        }
        // A 16 MiB page cache keeps a batch of single inserts from spilling to the WAL mid-way.
        // Temporary files in memory: each write to the cases keeps a statement journal (the
        // change log's trigger), which on disk would be a file written per row.
        db.exec(
            "PRAGMA synchronous = FULL; PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON; "
            "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY");
        bool created = false;
        {
            SQLite::Transaction schema(db, SQLite::TransactionBehavior::IMMEDIATE);
            created = create_or_migrate(db);
            schema.commit();
        }
        if (!temporary) ::chmod(path.c_str(), 0600);  // the register holds confidential notes
        Connection connection(std::move(db), path, temporary, options.busy_timeout_ms);
        connection.created = created;
        return std::make_unique<Store>(std::move(connection));
    });
}

}  // namespace ombuds::store::sqlite

namespace ombuds {
bool turn_off_sqlite_memory_statistics() noexcept {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
}
}  // namespace ombuds
