// SPDX-License-Identifier: MPL-2.0
// The PostgreSQL backend: opening (nothing written before the schema is known to be ours or
// empty), the transactions, the statements on cases, the register's own tables and the column
// snapshot. The COPY path is in pg_bulk.cpp, the schema in pg_schema.cpp.
#include "register/postgresql/pg_store.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "ombuds/error.hpp"
#include "register/postgresql/pg_bulk.hpp"
#include "register/postgresql/pg_connection.hpp"
#include "register/postgresql/pg_meta.hpp"
#include "register/postgresql/pg_rows.hpp"
#include "register/postgresql/pg_schema.hpp"

namespace ombuds::store::postgresql {
namespace {

/// The sequence `changes` as one number that moves with each of its steps.
constexpr const char* counter_sql =
    "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM changes";

class Store final : public CaseStore {
  public:
    Store(Location location, int lock_timeout_ms) : c_(std::move(location), lock_timeout_ms) {
        lock_key_ = c_.query("SELECT pg_catalog.hashtextextended($1, 0)",
                             Params().text("ombuds register " + c_.location().schema))
                        .int64(0, 0);
    }
    ~Store() override {
        while (depth_ > 0) rollback();
        end_read();
    }

    /// Judges the schema, then creates or migrates the register in it (one write transaction).
    void open(bool create) {
        begin_write();
        created_ = open_register(c_, create);
        commit();
    }

    const std::string& location() const noexcept override { return c_.location().shown; }
    bool temporary() const noexcept override { return false; }
    bool created() const noexcept override { return created_; }

    // --- transactions -------------------------------------------------------------------------
    void begin_write() override {
        if (depth_ > 0) {
            meta_.flush();  // a rollback to the savepoint undoes only what follows it
            c_.exec("SAVEPOINT ombuds_" + std::to_string(depth_));
            ++depth_;
            return;
        }
        // READ COMMITTED under the register's lock: every writer waits for it, so each
        // statement sees what the previous writers committed and nobody writes meanwhile.
        c_.exec("BEGIN ISOLATION LEVEL READ COMMITTED");
        depth_ = 1;
        try {
            c_.query("SELECT pg_advisory_xact_lock($1)", Params().int64(lock_key_));
        } catch (...) {
            rollback();
            throw;
        }
    }
    void commit() override {
        if (depth_ == 1 && c_.transaction_failed()) {
            rollback();
            throw Error(ErrorKind::io,
                        c_.location().shown + ": a statement of the write failed; nothing stored",
                        c_.location().shown + ": en del af skrivningen fejlede; intet er gemt");
        }
        if (depth_ == 1) {
            meta_.flush();
            // The transaction's id (none when it wrote nothing), for purge(): one round trip.
            auto id = c_.exec_first("SELECT txid_current_if_assigned(); COMMIT");
            if (id.rows() > 0 && !id.null(0, 0)) last_write_ = std::string(id.bytes(0, 0));
            meta_.forget();  // other writers may change it from now on
        } else {
            c_.exec("RELEASE SAVEPOINT ombuds_" + std::to_string(depth_ - 1));
        }
        --depth_;
    }
    void rollback() noexcept override {
        if (depth_ == 0) return;
        c_.copy_abort();
        try {
            if (depth_ == 1) {
                c_.exec("ROLLBACK");
            } else {
                const std::string name = "ombuds_" + std::to_string(depth_ - 1);
                c_.exec("ROLLBACK TO SAVEPOINT " + name + "; RELEASE SAVEPOINT " + name);
            }
        } catch (...) {
            // A lost connection: the server rolls back what it did not commit.
        }
        --depth_;
        deferred_indexes_.reset();  // an index made in what was rolled back is gone
        meta_.forget();             // and so are the changes of meta sent since
    }
    void begin_read() override {
        if (depth_ > 0 || reading_) return;
        c_.exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
        reading_ = true;
        snapshot_written_ = false;
        try {
            read_counter_ = change_counter();
        } catch (...) {
            end_read();
            throw;
        }
    }
    void end_read() noexcept override {
        if (!reading_) return;
        reading_ = false;
        try {
            c_.exec(snapshot_written_ ? "COMMIT" : "ROLLBACK");
        } catch (...) {
            // Ended by the server already.
        }
        snapshot_written_ = false;
    }
    std::uint64_t change_counter() override {
        const auto counter = static_cast<std::uint64_t>(c_.query(counter_sql).int64(0, 0));
        if (counter != counter_seen_) {
            // Another connection's import may have dropped the deferred indexes meanwhile.
            counter_seen_ = counter;
            if (depth_ == 0) {
                deferred_indexes_.reset();
                indexes_may_have_changed();
            }
        }
        return counter;
    }

    // --- the register's own records ---------------------------------------------------------
    std::optional<std::string> meta(std::string_view key) override {
        return meta_.get(key, depth_ > 0);
    }
    void set_meta(std::string_view key, std::string_view value) override {
        meta_.set(key, value, depth_ > 0);
    }
    void audit(std::string_view operation, std::size_t cases) override {
        c_.query(
            "INSERT INTO audit (at, operation, cases) VALUES (to_char(now() AT TIME ZONE "
            "'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), $1, $2)",
            Params().text(operation).int64(static_cast<std::int64_t>(cases)));
    }

    // --- cases --------------------------------------------------------------------------------
    void insert(const StoredRow& row) override { c_.query(insert_sql(false), row_params(row)); }
    bool replace(const StoredRow& row) override {
        if (!rowid_of(row.case_id())) return false;
        c_.query(insert_sql(true), row_params(row));
        return true;
    }
    bool remove(std::string_view case_id) override {
        return c_.query("DELETE FROM cases WHERE case_id = $1", Params().text(case_id)).changed() >
               0;
    }
    bool find(std::string_view case_id, Row& out) override {
        static const std::string sql =
            select_list(all_columns()) + " FROM cases WHERE case_id = $1";
        found_ = c_.query(sql, Params().text(case_id));
        if (found_.rows() == 0) return false;
        out = Row{};
        read_row(found_, 0, all_columns(), out, found_dates_);
        return true;
    }
    bool has_followups(std::string_view case_id) override {
        return c_.query("SELECT 1 FROM cases WHERE main_case_id = $1 LIMIT 1",
                        Params().text(case_id))
                   .rows() > 0;
    }
    std::size_t orientation_count(std::string_view pseudonym, int year,
                                  std::string_view excluding) override {
        const auto from = Date::from_ymd(year, 1, 1), to = Date::from_ymd(year, 12, 31);
        if (!from || !to) return 0;  // a year no case can be received in
        return static_cast<std::size_t>(
            c_.query("SELECT count(*) FROM cases WHERE citizen = $1 AND kind = 'inquiry' AND "
                     "action = 'orientation' AND received BETWEEN $2 AND $3 AND case_id <> $4",
                     Params().blob(pseudonym).date(from->days()).date(to->days()).text(excluding))
                .int64(0, 0));
    }
    std::size_t count() override {
        return static_cast<std::size_t>(c_.query("SELECT count(*) FROM cases").int64(0, 0));
    }
    bool empty() override { return !c_.query("SELECT EXISTS (SELECT 1 FROM cases)").boolean(0, 0); }
    void scan(const Selection& selection, const std::vector<std::size_t>& wanted,
              const RowVisitor& visit) override {
        std::string sql =
            select_list(wanted) + (wanted.empty() ? "" : ", ") + "rowid FROM cases WHERE true";
        Params params;
        int at = 1;
        auto next = [&] { return "$" + std::to_string(at++); };
        if (selection.received) {
            sql += " AND received BETWEEN " + next();
            sql += " AND " + next();
            params.date(selection.received->from.days()).date(selection.received->to.days());
        }
        if (selection.pseudonym) {
            sql += " AND citizen = " + next();
            params.blob(*selection.pseudonym);
        }
        if (selection.main_case) {
            sql += " AND main_case_id = " + next();
            params.text(*selection.main_case);
        }
        if (selection.unnumbered)
            sql += " AND (inquiry_no IS NULL OR (citizen IS NOT NULL AND citizen_no IS NULL))";
        sql += " ORDER BY rowid";
        Row row{};
        DateText dates{};
        const int rowid_at = static_cast<int>(wanted.size());
        c_.stream(sql, params, [&](const Result& result) {
            read_row(result, 0, wanted, row, dates);
            visit(row, result.int64(0, rowid_at));
        });
    }
    std::vector<std::string> distinct(std::size_t column) override {
        const std::string& name = columns()[column].name;
        auto values =
            c_.query("SELECT DISTINCT " + name + " FROM cases WHERE " + name + " IS NOT NULL");
        std::vector<std::string> out;
        for (int i = 0; i < values.rows(); ++i) out.emplace_back(values.bytes(i, 0));
        return out;
    }

    // --- the register's numbers ---------------------------------------------------------------
    std::optional<std::int64_t> citizen_number(std::string_view pseudonym) override {
        return number_of(
            c_.query("SELECT citizen_no FROM cases WHERE citizen = $1 AND "
                     "citizen_no IS NOT NULL LIMIT 1",
                     Params().blob(pseudonym)));
    }
    std::optional<std::int64_t> inquiry_number(std::string_view inquiry_id) override {
        return number_of(
            c_.query("SELECT inquiry_no FROM cases WHERE inquiry_id = $1 AND "
                     "inquiry_no IS NOT NULL LIMIT 1",
                     Params().text(inquiry_id)));
    }
    void set_followups_inquiry(std::string_view main_case_id, std::int64_t inquiry) override {
        // Only those that differ: an update logs a change for the next report to read.
        c_.query(
            "UPDATE cases SET inquiry_no = $1 WHERE main_case_id = $2 AND inquiry_id IS "
            "NULL AND inquiry_no IS DISTINCT FROM $1",
            Params().int64(inquiry).text(main_case_id));
    }
    void set_numbers(std::int64_t rowid, std::optional<std::int64_t> citizen,
                     std::optional<std::int64_t> inquiry) override {
        Params params;
        citizen ? params.int64(*citizen) : params.null(int8_oid);
        inquiry ? params.int64(*inquiry) : params.null(int8_oid);
        c_.query("UPDATE cases SET citizen_no = $1, inquiry_no = $2 WHERE rowid = $3",
                 params.int64(rowid));
    }
    bool has_unnumbered() override {
        return c_
            .query(
                "SELECT EXISTS (SELECT 1 FROM cases WHERE inquiry_no IS NULL OR (citizen IS "
                "NOT NULL AND citizen_no IS NULL))")
            .boolean(0, 0);
    }
    bool has_deferred_indexes() override {
        if (!deferred_indexes_) deferred_indexes_ = postgresql::has_deferred_indexes(c_);
        return *deferred_indexes_;
    }
    void build_deferred_indexes() override {
        create_deferred_indexes(c_);
        deferred_indexes_ = true;
    }
    bool in_write() const noexcept override { return depth_ > 0; }
    bool in_read() const noexcept override { return reading_; }

    // --- what changed since the column snapshot -----------------------------------------------
    std::vector<std::int64_t> changed_rows() override {
        auto rows = c_.query("SELECT DISTINCT case_row FROM snapshot_changes ORDER BY case_row");
        std::vector<std::int64_t> out;
        out.reserve(static_cast<std::size_t>(rows.rows()));
        for (int i = 0; i < rows.rows(); ++i) out.push_back(rows.int64(i, 0));
        return out;
    }
    bool find_row(std::int64_t rowid, const std::vector<std::size_t>& wanted, Row& out) override {
        found_ =
            c_.query(select_list(wanted) + " FROM cases WHERE rowid = $1", Params().int64(rowid));
        if (found_.rows() == 0) return false;
        out = Row{};
        read_row(found_, 0, wanted, out, found_dates_);
        return true;
    }
    std::optional<std::int64_t> rowid_of(std::string_view case_id) override {
        return number_of(
            c_.query("SELECT rowid FROM cases WHERE case_id = $1", Params().text(case_id)));
    }

    // --- citizens -----------------------------------------------------------------------------
    std::size_t remove_citizen(std::string_view pseudonym) override {
        return c_.query("DELETE FROM cases WHERE citizen = $1", Params().blob(pseudonym)).changed();
    }
    std::vector<std::string> citizens_closed_before(Date date) override {
        auto citizens = c_.query(
            "SELECT citizen FROM cases WHERE citizen IS NOT NULL GROUP BY citizen HAVING "
            "count(*) FILTER (WHERE closed IS NULL OR closed >= $1) = 0 AND count(*) FILTER "
            "(WHERE coalesce(citizen_key, '') = $2) = 0",
            Params().date(date.days()).text(anonymised_key));
        std::vector<std::string> out;
        for (int i = 0; i < citizens.rows(); ++i) out.emplace_back(citizens.bytes(i, 0));
        return out;
    }
    std::size_t replace_citizens(
        const std::vector<std::pair<std::string, std::string>>& replacements,
        std::string_view key_id) override {
        // One pass over the cases, whatever the number of citizens.
        c_.exec(
            "CREATE TEMP TABLE IF NOT EXISTS ombuds_replacement (old bytea PRIMARY KEY, new "
            "bytea NOT NULL) ON COMMIT DELETE ROWS; DELETE FROM pg_temp.ombuds_replacement");
        for (const auto& [old_pseudonym, replacement] : replacements)
            c_.query("INSERT INTO pg_temp.ombuds_replacement (old, new) VALUES ($1, $2)",
                     Params().blob(old_pseudonym).blob(replacement));
        auto changed = c_.query(
                             "UPDATE cases SET citizen = r.new, citizen_key = $1, note = NULL "
                             "FROM pg_temp.ombuds_replacement r WHERE cases.citizen = r.old",
                             Params().text(key_id))
                           .changed();
        c_.exec("DELETE FROM pg_temp.ombuds_replacement");
        return changed;
    }
    std::size_t remove_anonymous_notes(Date closed_before) override {
        return c_
            .query(
                "UPDATE cases SET note = NULL WHERE closed < $1 AND citizen IS NULL AND "
                "note IS NOT NULL",
                Params().date(closed_before.days()))
            .changed();
    }
    bool purge() override {
        // Removed rows stay in the table's pages as dead tuples, and VACUUM only marks their
        // space free: VACUUM FULL writes the table anew without them, but keeps them while a
        // transaction of this database older than the last write still runs (whether or not
        // it reads the register). The WAL and backups keep them until they are recycled
        // (docs/postgresql.md).
        if (depth_ > 0 || reading_) return false;
        bool clean = last_write_.empty();
        for (int attempt = 0; attempt < 100 && !clean; ++attempt) {  // wait out short ones
            if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
            clean = !c_.query(
                           "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_activity, (SELECT "
                           "((($1::bigint) % 4294967296)::text)::xid AS written) w WHERE datname = "
                           "current_database() AND pid <> pg_backend_pid() AND ((backend_xmin "
                           "IS NOT NULL AND age(backend_xmin) >= age(written)) OR (backend_xid "
                           "IS NOT NULL AND age(backend_xid) >= age(written))))",
                           Params().int64(std::stoll(last_write_)))
                         .boolean(0, 0);
        }
        try {
            c_.exec("VACUUM (FULL) cases");
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::busy) return false;  // readers kept the table past the wait
            throw;
        }
        return clean;
    }

    // --- the column snapshot ------------------------------------------------------------------
    bool read_snapshot(const SnapshotDestination& destination) override {
        int expected = 0;
        bool in_order = true;
        c_.stream("SELECT part, data FROM column_snapshot ORDER BY part", {},
                  [&](const Result& row) {
                      if (!in_order) return;
                      auto number = row.bytes(0, 0);  // an integer: 4 bytes
                      int got = 0;
                      for (char byte : number) got = (got << 8) | static_cast<unsigned char>(byte);
                      auto bytes = row.bytes(0, 1);
                      char* into = got == expected++ ? destination(bytes.size()) : nullptr;
                      if (!into) {
                          in_order = false;
                          return;
                      }
                      std::copy(bytes.begin(), bytes.end(), into);
                  });
        return in_order && expected > 0;
    }
    void write_snapshot(const std::vector<std::string_view>& parts) override {
        // Inside a read transaction the snapshot is a courtesy to the next report: written when
        // that needs no waiting and nobody wrote since the read began, else left.
        if (reading_) {
            try_write_snapshot(parts);
            return;
        }
        begin_write();
        try {
            write_parts(parts);
        } catch (...) {
            rollback();
            throw;
        }
        commit();
    }

    // --- bulk ---------------------------------------------------------------------------------
    std::unique_ptr<BulkLoad> bulk_load() override {
        if (depth_ > 0 || reading_ || !empty()) return nullptr;
        begin_write();
        try {
            if (!empty()) {
                rollback();
                return nullptr;
            }
            // The rows go in without indexes (and without logging, the snapshot being written
            // with them); they are built once after the rows.
            drop_indexes_and_logging(c_);
            // The drop waited for the table: another program's rows committed meanwhile make it
            // a register with cases after all (the load's snapshot would leave them out).
            if (!empty()) {
                rollback();
                return nullptr;
            }
            // Empty and held, it is truncated in this transaction so that it takes its rows
            // frozen (COPY FREEZE): no later reader sets their hint bits, and no vacuum rewrites
            // every page to freeze them.
            c_.exec("TRUNCATE cases");
            deferred_indexes_ = false;
            return start_copy(c_);
        } catch (...) {
            rollback();
            throw;
        }
    }
    void begin_many(std::size_t) override {}
    void finish_many() override {}

  private:
    static std::optional<std::int64_t> number_of(const Result& result) {
        if (result.rows() == 0 || result.null(0, 0)) return std::nullopt;
        return result.int64(0, 0);
    }
    static const std::string& insert_sql(bool upsert) {
        static const std::string insert = [] {
            std::string sql = "INSERT INTO cases (" + column_list() + ") VALUES (";
            for (std::size_t i = 0; i < column_count; ++i)
                sql += (i ? ", $" : "$") + std::to_string(i + 1);
            return sql + ")";
        }();
        static const std::string replace = [] {
            std::string sql = insert + " ON CONFLICT (case_id) DO UPDATE SET ";
            bool first = true;
            for (const auto& column : columns()) {
                if (column.name == "case_id") continue;
                sql += (first ? "" : ", ") + column.name + " = excluded." + column.name;
                first = false;
            }
            return sql;
        }();
        return upsert ? replace : insert;
    }
    void write_parts(const std::vector<std::string_view>& parts) {
        // The snapshot holds every change logged so far.
        c_.exec("DELETE FROM column_snapshot; DELETE FROM snapshot_changes");
        std::int64_t part = 0;
        for (auto bytes : parts)
            c_.query("INSERT INTO column_snapshot (part, data) VALUES ($1::integer, $2)",
                     Params().int64(part++).blob(bytes));
    }
    void try_write_snapshot(const std::vector<std::string_view>& parts) noexcept {
        try {
            bool locked =
                c_.query("SELECT pg_try_advisory_xact_lock($1)", Params().int64(lock_key_))
                    .boolean(0, 0);
            if (locked && change_counter() == read_counter_) {
                write_parts(parts);
                snapshot_written_ = true;
                return;
            }
        } catch (...) {
            // The next report scans again.
        }
        snapshot_written_ = false;
        end_read();  // nothing left to end: no half-written snapshot remains
    }

    Connection c_;
    MetaCache meta_{c_};
    std::int64_t lock_key_ = 0;
    int depth_ = 0;  // open write transactions and savepoints
    bool reading_ = false;
    bool snapshot_written_ = false;
    std::uint64_t read_counter_ = 0;
    bool created_ = false;
    std::string last_write_;  // the id of the last transaction that wrote (txid), if any
    std::optional<bool> deferred_indexes_;  // whether the indexes an import leaves out exist
    std::uint64_t counter_seen_ = 0;        // the change counter when the indexes were last judged
    Result found_;                          // the values of the last find() or find_row()
    DateText found_dates_{};                // and its dates' text
};

}  // namespace

std::unique_ptr<CaseStore> open(const std::string& uri, const StoreOptions& options) {
    auto store = std::make_unique<Store>(parse_location(uri), options.busy_timeout_ms);
    store->open(options.create);
    return store;
}

}  // namespace ombuds::store::postgresql
