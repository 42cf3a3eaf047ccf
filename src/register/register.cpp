// SPDX-License-Identifier: MPL-2.0
// The SQLite register. One table of cases with codes and ISO dates as text, so the file reads
// plainly in any SQLite tool; citizens only as HMAC pseudonyms; WAL, full sync and secure
// delete; every write in a BEGIN IMMEDIATE transaction so validation and storage see one state.
#include "ombuds/register.hpp"

#include <sys/stat.h>
#include <sys/vfs.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <fstream>
#include <functional>
#include <mutex>
#include <ostream>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include "ombuds/config_io.hpp"
#include "ombuds/validation.hpp"
#include "ombuds/version.hpp"
#include "register/interner.hpp"
#include "register/pseudonym.hpp"

namespace ombuds {
namespace {

constexpr int schema_version = 2;
constexpr int application_id = 0x4F4D4244;  // "OMBD"

constexpr const char* schema_sql = R"sql(
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
)sql";

// The cases. case_id is unique through the index cases_case_id (secondary_indexes_sql), not a
// UNIQUE constraint: an import into an empty register drops that index and builds it once after
// its rows (0.35 s of a million-case import), which a constraint's index would not allow.
constexpr const char* cases_columns_sql = R"sql((
  case_id          TEXT NOT NULL,
  inquiry_id       TEXT,
  citizen          BLOB,              -- HMAC-SHA-256 pseudonym; NULL: anonymous
  citizen_key      TEXT,              -- which key made the pseudonym (for key rotation)
  kind             TEXT NOT NULL,
  role             TEXT NOT NULL,
  main_case_id     TEXT,
  received         TEXT NOT NULL,     -- ISO dates
  matter_date      TEXT,
  first_response   TEXT,
  closed           TEXT,
  unit             TEXT,
  theme            TEXT,
  theme_group      TEXT,
  action           TEXT NOT NULL,
  resolution       TEXT,
  admin_response   TEXT,
  rejection_reason TEXT,
  legal_basis      TEXT,
  legal_ref        TEXT,
  kle              TEXT,
  origin           TEXT,
  channel          TEXT,
  contact          TEXT,
  note             TEXT
))sql";

std::string create_cases_table_sql(std::string_view name) {
    return "CREATE TABLE IF NOT EXISTS " + std::string(name) + " " + cases_columns_sql;
}

// The look-ups validation and deletion need: a case by its id (unique: no two cases share one),
// its follow-ups, and a citizen's orientation cases (one per citizen per year). Nothing else is
// indexed, because every import pays for an index: not the date (reports read the column
// snapshot or every row, and so does a period export, about a second per million cases, once a
// year), and not every case's citizen (building that index over random pseudonyms cost an
// import of a million cases 0.7 s; erasure and the insight export of one citizen, a few times
// a year, read every row instead).
constexpr const char* secondary_indexes_sql = R"sql(
CREATE UNIQUE INDEX IF NOT EXISTS cases_case_id ON cases(case_id);
CREATE INDEX IF NOT EXISTS cases_main ON cases(main_case_id) WHERE main_case_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS cases_orientation ON cases(citizen)
  WHERE citizen IS NOT NULL AND kind = 'inquiry' AND action = 'orientation';
DROP INDEX IF EXISTS cases_citizen;
DROP INDEX IF EXISTS cases_received;
)sql";

// Updates and deletions of cases, by ombuds or any SQLite tool, drop the column snapshot.
// Insertions need no trigger (a trigger on every insert would make each one keep a statement
// journal): they change the number of cases or the largest rowid, which the snapshot's header
// holds and a report compares. A bulk import drops the snapshot itself.
constexpr const char* snapshot_triggers_sql = R"sql(
CREATE TRIGGER IF NOT EXISTS cases_update_drops_snapshot AFTER UPDATE ON cases
  BEGIN DELETE FROM column_snapshot; END;
CREATE TRIGGER IF NOT EXISTS cases_delete_drops_snapshot AFTER DELETE ON cases
  BEGIN DELETE FROM column_snapshot; END;
)sql";

// A bulk import drops the triggers with the secondary indexes (a trigger per row costs), drops
// the snapshot once, and puts both back before it commits.
constexpr const char* drop_for_bulk_sql =
    "DROP INDEX IF EXISTS cases_main; DROP INDEX IF EXISTS cases_orientation; "
    "DROP TRIGGER IF EXISTS cases_update_drops_snapshot; "
    "DROP TRIGGER IF EXISTS cases_delete_drops_snapshot; DELETE FROM column_snapshot;";

constexpr const char* case_columns_sql =
    "case_id, inquiry_id, citizen, kind, role, main_case_id, received, matter_date, "
    "first_response, closed, "
    "unit, theme, theme_group, action, resolution, admin_response, rejection_reason, legal_basis, "
    "legal_ref, kle, "
    "origin, channel, contact, note";

/// Schema 1 declared case_id UNIQUE in the table. Schema 2 rebuilds the table without it, with
/// the same rowids and values; the index cases_case_id takes over (created after this).
void migrate_from_schema_1(SQLite::Database& db) {
    const std::string columns = std::string(case_columns_sql) + ", citizen_key";
    db.exec(create_cases_table_sql("cases_schema_2"));
    db.exec("INSERT INTO cases_schema_2 (rowid, " + columns + ") SELECT rowid, " + columns +
            " FROM cases ORDER BY rowid");
    db.exec(
        "DROP TABLE cases; ALTER TABLE cases_schema_2 RENAME TO cases; "
        "DELETE FROM column_snapshot; UPDATE meta SET value = '2' WHERE key = 'schema_version'; "
        "PRAGMA user_version = 2");
}

using Code = RegisterError::Code;

[[noreturn]] void rethrow(const SQLite::Exception& e, const std::string& context) {
    int code = e.getErrorCode() & 0xFF;
    // SQLite's messages may quote a damaged schema: keep them printable and free of CPR numbers.
    std::string message = detail::printable(context + ": " + e.what());
    switch (code) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            throw RegisterError(Code::busy, message);
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            throw RegisterError(Code::corrupt, message);
        case SQLITE_NOMEM:
            throw std::bad_alloc();
        case SQLITE_MISUSE:
            throw RegisterError(Code::misuse, message);
        default:
            throw RegisterError(Code::io, message);
    }
}

template <class E>
std::optional<E> code_from_column(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    const char* text = column.getText();
    std::string_view value(text, static_cast<std::size_t>(column.getBytes()));
    for (std::size_t i = 0; i < code_count<E>; ++i) {
        if (code_names<E>[i] == value) return static_cast<E>(i);
    }
    return std::nullopt;
}

std::optional<Date> date_from_column(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return Date::parse(
        std::string_view(column.getText(), static_cast<std::size_t>(column.getBytes())));
}

std::string_view text_of(const SQLite::Column& column) {
    if (column.isNull()) return {};
    return {column.getText(), static_cast<std::size_t>(column.getBytes())};
}

/// Citizens are parsed from the caller's text and never kept in clear.
Citizen parse_citizen_argument(std::string_view text) {
    auto [citizen, error] = Citizen::parse(text);
    if (error != Citizen::ParseError::none || citizen.is_anonymous()) {
        throw RegisterError(Code::misuse, "not a valid citizen (CPR, cvr:NNNNNNNN or ref:...)");
    }
    return citizen;
}

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

}  // namespace

struct Register::Impl final : RegisterView {
    std::filesystem::path path;
    SQLite::Database db;
    Configuration config;
    detail::Pseudonymiser pseudonyms;
    Validator validator;
    bool explicit_transaction = false;
    mutable std::unique_ptr<SQLite::Statement> find_statement;
    mutable std::unique_ptr<SQLite::Statement> followups_statement;
    mutable std::unique_ptr<SQLite::Statement> orientation_statement;
    mutable std::unique_ptr<SQLite::Statement> audit_statement;
    struct Finalize {
        void operator()(sqlite3_stmt* statement) const noexcept { sqlite3_finalize(statement); }
    };
    using RawStatement = std::unique_ptr<sqlite3_stmt, Finalize>;
    // The insert statements use SQLite's C API directly so values are bound without copies.
    RawStatement insert_statement;
    RawStatement upsert_statement;
    mutable std::unordered_map<std::string, std::string> pseudonym_cache;
    mutable bool register_empty = false;  // skip look-ups while importing into an empty register
    std::string key_id;                   // names the pseudonym key, stored beside each pseudonym

    int busy_timeout_ms = 60000;

    class BackgroundStore;
    /// Every stored case as columns, read row by row.
    CaseColumns scan_columns() const;
    /// What the columns' codes and indexes mean here (library version, codes, configuration).
    std::uint64_t columns_fingerprint() const;
    /// columns_fingerprint() of this handle's configuration, computed once at open: it builds
    /// JSON with nlohmann::json, whose destructor allocates and calls std::terminate when that
    /// fails (nlohmann/json#5135), so an import or a report must not build it again under
    /// memory pressure.
    std::uint64_t opened_fingerprint = 0;
    /// The stored column snapshot when it matches the register and `fingerprint`.
    std::optional<CaseColumns> read_snapshot(std::uint64_t fingerprint) const;
    /// Replaces the stored column snapshot (inside the caller's write).
    void write_snapshot(const CaseColumns& columns, std::uint64_t fingerprint);
    /// Validates a file against the register and itself; fills `result` with the issues and
    /// the refused records. True when it may be stored (no file-level error, and no refusal
    /// unless skip_invalid).
    bool check_import(const CaseFile& file, const ImportOptions& options,
                      ImportResult& result) const;
    /// Imports a large file into an empty register, storing while reading; nullopt when that
    /// does not apply (the register is not empty, a small file, skip_invalid, dry run).
    std::optional<ImportResult> import_while_reading(const std::filesystem::path& path,
                                                     const ImportOptions& options);

    /// Records a write operation in the audit table (inside the operation's transaction).
    void audit(const char* operation, std::size_t cases) {
        auto& statement = prepared(audit_statement,
                                   "INSERT INTO audit (at, operation, cases) VALUES "
                                   "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?)");
        statement.reset();
        statement.bind(1, operation);
        statement.bind(2, static_cast<std::int64_t>(cases));
        statement.exec();
    }

    Impl(std::filesystem::path p, SQLite::Database database, Configuration c,
         detail::Pseudonymiser ps, const RegisterOptions& options)
        : path(std::move(p)),
          db(std::move(database)),
          config(std::move(c)),
          pseudonyms(std::move(ps)),
          validator(config, ValidationOptions{options.today, false}) {}

    // --- RegisterView ----------------------------------------------------------------------
    std::optional<StoredCase> find_case(std::string_view case_id) const override {
        if (register_empty) return std::nullopt;
        auto& statement = prepared(
            find_statement, "SELECT kind, role, citizen, received FROM cases WHERE case_id = ?");
        statement.reset();
        statement.bind(1, std::string(case_id));
        if (!statement.executeStep()) return std::nullopt;
        StoredCase found{code_from_column<Kind>(statement.getColumn(0)).value_or(Kind::complaint),
                         code_from_column<Role>(statement.getColumn(1)).value_or(Role::main),
                         std::string(text_of(statement.getColumn(2))),
                         date_from_column(statement.getColumn(3)).value_or(Date::first())};
        if (!statement.getColumn(2).isNull()) {
            found.citizen_token.assign(static_cast<const char*>(statement.getColumn(2).getBlob()),
                                       static_cast<std::size_t>(statement.getColumn(2).getBytes()));
        }
        statement.reset();  // a look-up left active would lock the table against DROP INDEX
        return found;
    }

    bool has_followups(std::string_view case_id) const override {
        if (register_empty) return false;
        auto& statement =
            prepared(followups_statement, "SELECT 1 FROM cases WHERE main_case_id = ? LIMIT 1");
        statement.reset();
        statement.bind(1, std::string(case_id));
        bool found = statement.executeStep();
        statement.reset();
        return found;
    }

    std::size_t orientation_count(std::string_view token, int year,
                                  std::string_view excluding) const override {
        if (register_empty || token.empty()) return 0;
        auto& statement =
            prepared(orientation_statement,
                     "SELECT count(*) FROM cases WHERE citizen = ? AND kind = 'inquiry' AND "
                     "action = 'orientation' AND received BETWEEN ? AND ? AND case_id <> ?");
        statement.reset();
        statement.bind(1, token.data(), static_cast<int>(token.size()));
        statement.bind(2, std::to_string(year) + "-01-01");
        statement.bind(3, std::to_string(year) + "-12-31");
        statement.bind(4, std::string(excluding));
        statement.executeStep();
        auto count = static_cast<std::size_t>(statement.getColumn(0).getInt64());
        statement.reset();
        return count;
    }

    std::string citizen_token(const Citizen& citizen) const override {
        if (citizen.is_anonymous()) return {};
        auto it = pseudonym_cache.find(citizen.key());
        if (it != pseudonym_cache.end()) return it->second;
        if (pseudonym_cache.size() > 100000) pseudonym_cache.clear();
        return pseudonym_cache.emplace(citizen.key(), pseudonyms.pseudonym(citizen.key()))
            .first->second;
    }

    SQLite::Statement& prepared(std::unique_ptr<SQLite::Statement>& slot, const char* sql) const {
        if (!slot)
            slot = std::make_unique<SQLite::Statement>(const_cast<SQLite::Database&>(db), sql);
        return *slot;
    }

    // --- writing ---------------------------------------------------------------------------
    /// A write transaction: BEGIN IMMEDIATE on its own, a savepoint inside the caller's.
    class Write {
      public:
        explicit Write(Impl& impl) : impl_(impl) {
            impl_.db.exec(impl_.explicit_transaction ? "SAVEPOINT ombuds_write"
                                                     : "BEGIN IMMEDIATE");
        }
        void commit() {
            impl_.db.exec(impl_.explicit_transaction ? "RELEASE ombuds_write" : "COMMIT");
            done_ = true;
        }
        ~Write() {
            if (done_) return;
            try {
                if (impl_.explicit_transaction) {
                    impl_.db.exec("ROLLBACK TO ombuds_write");
                    impl_.db.exec("RELEASE ombuds_write");
                } else {
                    impl_.db.exec("ROLLBACK");
                }
            } catch (...) {
                // The connection rolls back by itself when the statement failed mid-way.
            }
        }
        Write(const Write&) = delete;
        Write& operator=(const Write&) = delete;

      private:
        Impl& impl_;
        bool done_ = false;
    };

    /// Stores one record. `token` is its citizen's pseudonym when already computed (32 bytes),
    /// else null. Touches nothing but the connection and the insert statements, so it may run
    /// on a thread of its own while the caller's thread works on something else.
    void store(const CaseRecord& rec, bool replace, const char* token = nullptr) {
        sqlite3_stmt* raw = replace ? prepared_insert(upsert_statement, true)
                                    : prepared_insert(insert_statement, false);
        sqlite3_reset(raw);
        sqlite3_clear_bindings(raw);
        // Bound straight through the C API: every value lives until the step, so nothing is
        // copied (SQLITE_STATIC).
        int at = 1;
        // A bind can fail (SQLITE_NOMEM, SQLITE_TOOBIG): the column would silently be stored
        // NULL, so the first failure stops the row.
        int bound = SQLITE_OK;
        auto check = [&bound](int rc) {
            if (bound == SQLITE_OK) bound = rc;
        };
        auto bind_text = [&](std::string_view text) {
            if (!text.empty())
                check(sqlite3_bind_text(raw, at, text.data(), static_cast<int>(text.size()),
                                        SQLITE_STATIC));
            ++at;
        };
        auto bind_code = [&](const auto& value) {
            if (value)
                bind_text(code(*value));
            else
                ++at;
        };
        // The four dates are formatted into one buffer that lives until the step, so SQLite
        // need not copy them (a copy is an allocation per date).
        char dates[4][16];
        std::size_t date_count = 0;
        auto bind_date = [&](const std::optional<Date>& date) {
            if (date) {
                char* buffer = dates[date_count++];
                date->write_iso(buffer);
                check(sqlite3_bind_text(raw, at, buffer, 10, SQLITE_STATIC));
            }
            ++at;
        };
        // Free text never keeps anything that looks like a CPR number.
        auto bind_free_text = [&](const std::string& text, std::string& scratch) {
            if (detail::has_digit(text)) {
                scratch = detail::redact(text);
                bind_text(scratch);
            } else {
                bind_text(text);
            }
        };
        std::string legal_ref, note;
        char computed[detail::Pseudonymiser::pseudonym_size];
        bind_text(rec.case_id->view());
        bind_text(rec.inquiry_id ? rec.inquiry_id->view() : std::string_view());
        if (!rec.citizen.is_anonymous()) {
            if (!token) {
                pseudonyms.pseudonym(rec.citizen.key(), computed);
                token = computed;
            }
            check(sqlite3_bind_blob(raw, at, token, static_cast<int>(sizeof computed),
                                    SQLITE_STATIC));
        }
        ++at;
        bind_code(rec.kind);
        bind_code(rec.role);
        bind_text(rec.main_case_id ? rec.main_case_id->view() : std::string_view());
        bind_date(rec.received);
        bind_date(rec.matter_date);
        bind_date(rec.first_response);
        bind_date(rec.closed);
        bind_text(rec.unit ? std::string_view(config.organisation.unit(*rec.unit).code)
                           : std::string_view());
        bind_text(rec.theme.theme ? std::string_view(config.themes.theme(*rec.theme.theme).code)
                                  : std::string_view());
        bind_text(rec.theme.group ? std::string_view(config.themes.group(*rec.theme.group).code)
                                  : std::string_view());
        bind_code(rec.action);
        bind_code(rec.resolution);
        bind_code(rec.admin_response);
        bind_code(rec.rejection_reason);
        bind_code(rec.legal_basis);
        bind_free_text(rec.legal_ref, legal_ref);
        bind_text(rec.kle ? std::string_view(rec.kle->text()) : std::string_view());
        bind_code(rec.origin);
        bind_code(rec.channel);
        bind_code(rec.contact);
        bind_free_text(rec.note, note);
        if (!rec.citizen.is_anonymous()) bind_text(key_id);
        if (bound != SQLITE_OK) {
            sqlite3_clear_bindings(raw);  // drops the pointers to values about to go out of scope
            throw SQLite::Exception(db.getHandle(), bound);
        }
        int rc = sqlite3_step(raw);
        sqlite3_reset(raw);  // releases the values bound above before they go out of scope
        if (rc != SQLITE_DONE) throw SQLite::Exception(db.getHandle(), rc);
    }

    sqlite3_stmt* prepared_insert(RawStatement& slot, bool replace) {
        if (!slot) {
            std::string sql =
                std::string("INSERT INTO cases (") + case_columns_sql +
                ", citizen_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
            if (replace) {
                sql += " ON CONFLICT(case_id) DO UPDATE SET ";
                std::string_view columns = case_columns_sql;
                bool first = true;
                while (!columns.empty()) {
                    auto comma = columns.find(',');
                    auto name = detail::trim(columns.substr(0, comma));
                    columns = comma == std::string_view::npos ? std::string_view()
                                                              : columns.substr(comma + 1);
                    if (name == "case_id") continue;
                    if (!first) sql += ", ";
                    first = false;
                    sql += std::string(name) + " = excluded." + std::string(name);
                }
                sql += ", citizen_key = excluded.citizen_key";
            }
            sqlite3_stmt* statement = nullptr;
            int rc =
                sqlite3_prepare_v3(db.getHandle(), sql.c_str(), static_cast<int>(sql.size() + 1),
                                   SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
            if (rc != SQLITE_OK) throw SQLite::Exception(db.getHandle(), rc);
            slot.reset(statement);
        }
        return slot.get();
    }

    /// The largest rowid of the cases (0 when none): any insertion raises it or the count.
    std::uint64_t last_rowid() const {
        return static_cast<std::uint64_t>(
            const_cast<SQLite::Database&>(db)
                .execAndGet("SELECT coalesce(max(rowid), 0) FROM cases")
                .getInt64());
    }

    /// Whether any case is stored (without counting them all).
    bool has_cases() const {
        return const_cast<SQLite::Database&>(db)
                   .execAndGet("SELECT EXISTS (SELECT 1 FROM cases)")
                   .getInt() != 0;
    }

    std::size_t count_cases() const {
        return static_cast<std::size_t>(
            const_cast<SQLite::Database&>(db).execAndGet("SELECT count(*) FROM cases").getInt64());
    }

    /// Reads one row of `SELECT case_columns_sql` back into a record (the citizen stays
    /// anonymous: only the pseudonym is stored).
    CaseRecord record_from_row(SQLite::Statement& row) const {
        CaseRecord rec;
        auto id = [&](int i) -> std::optional<CaseId> {
            auto text = text_of(row.getColumn(i));
            return text.empty() ? std::nullopt : CaseId::parse(text);
        };
        rec.case_id = id(0);
        rec.inquiry_id = id(1);
        rec.kind = code_from_column<Kind>(row.getColumn(3));
        rec.role = code_from_column<Role>(row.getColumn(4));
        rec.main_case_id = id(5);
        rec.received = date_from_column(row.getColumn(6));
        rec.matter_date = date_from_column(row.getColumn(7));
        rec.first_response = date_from_column(row.getColumn(8));
        rec.closed = date_from_column(row.getColumn(9));
        if (auto unit = text_of(row.getColumn(10)); !unit.empty())
            rec.unit = config.organisation.find(unit);
        if (auto theme = text_of(row.getColumn(11)); !theme.empty())
            rec.theme.theme = config.themes.find_theme(theme);
        if (auto group = text_of(row.getColumn(12)); !group.empty())
            rec.theme.group = config.themes.find_group(group);
        rec.action = code_from_column<Action>(row.getColumn(13));
        rec.resolution = code_from_column<Resolution>(row.getColumn(14));
        rec.admin_response = code_from_column<AdminResponse>(row.getColumn(15));
        rec.rejection_reason = code_from_column<RejectionReason>(row.getColumn(16));
        rec.legal_basis = code_from_column<LegalBasis>(row.getColumn(17));
        rec.legal_ref = std::string(text_of(row.getColumn(18)));
        if (auto kle = text_of(row.getColumn(19)); !kle.empty()) rec.kle = KleRef::parse(kle);
        rec.origin = code_from_column<Origin>(row.getColumn(20));
        rec.channel = code_from_column<Channel>(row.getColumn(21));
        rec.contact = code_from_column<Contact>(row.getColumn(22));
        rec.note = std::string(text_of(row.getColumn(23)));
        return rec;
    }
};

namespace {

/// Applies a configuration file given again to an existing register (interfaces.md,
/// "Configuration"): identical changes nothing; new codes or labels update; a dropped code
/// still used by a stored case is refused.
template <class Parsed>
void reconcile(SQLite::Database& db, const char* key, const Parsed& given, const char* used_sql,
               const std::function<bool(const Parsed&, std::string_view)>& knows,
               const char* what) {
    std::string json = to_json(given);
    SQLite::Statement stored(db, "SELECT value FROM meta WHERE key = ?");
    stored.bind(1, key);
    if (stored.executeStep() && stored.getColumn(0).getString() == json) return;
    SQLite::Statement used(db, used_sql);
    while (used.executeStep()) {
        auto value = text_of(used.getColumn(0));
        if (!knows(given, value)) {
            throw RegisterError(Code::config, std::string("the ") + what + " given drops code " +
                                                  detail::quote_value(value) +
                                                  ", which stored cases use");
        }
    }
    SQLite::Statement update(db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
    update.bind(1, key);
    update.bind(2, json);
    update.exec();
}

std::string meta_value(SQLite::Database& db, const char* key) {
    SQLite::Statement statement(db, "SELECT value FROM meta WHERE key = ?");
    statement.bind(1, key);
    return statement.executeStep() ? statement.getColumn(0).getString() : std::string();
}

}  // namespace

Register Register::open(const std::filesystem::path& path, const RegisterOptions& options) {
    const bool in_memory = path == ":memory:";
    std::error_code ec;
    const bool exists = !in_memory && std::filesystem::exists(path, ec);
    if (!in_memory && !exists && !options.create) {
        throw RegisterError(Code::not_found, path.string() + ": no such register");
    }
    if (!in_memory && exists && std::filesystem::is_directory(path, ec)) {
        throw RegisterError(Code::io, path.string() + ": is a directory");
    }

    // Configuration files are read before anything is created, so a bad file leaves no trace.
    std::optional<Organisation> organisation;
    std::optional<ThemeCatalogue> themes;
    try {
        if (!options.organisation_file.empty())
            organisation = load_organisation(options.organisation_file);
        if (!options.themes_file.empty()) themes = load_themes(options.themes_file);
    } catch (const ConfigError& e) {
        throw RegisterError(Code::config, e.what());
    }

    if (!in_memory && !options.allow_network_filesystem) {
        if (auto kind = network_filesystem(path)) {
            throw RegisterError(
                Code::io, path.string() + ": lies on a network filesystem (" + kind +
                              "), where SQLite's file locking is unsafe; move the register to a "
                              "local disk, or allow it explicitly");
        }
    }

    std::array<unsigned char, detail::Pseudonymiser::key_size> key{};
    std::filesystem::path key_file = options.key_file;
    if (key_file.empty()) {
        if (const char* from_environment = std::getenv("OMBUDS_KEY_FILE");
            from_environment && *from_environment) {
            key_file = from_environment;
        }
    }
    if (in_memory) {
        key = detail::Pseudonymiser::random_key();
    } else {
        const bool default_place = key_file.empty();
        if (default_place) key_file = path.string() + ".key";
        try {
            // A key is created only with a new register: a lost key must not silently start a
            // second set of pseudonyms for the same citizens.
            using KeyFile = detail::Pseudonymiser::KeyFile;
            auto use = exists ? KeyFile::existing : KeyFile::create_new;
            if (!exists && !default_place) use = KeyFile::create_or_read;
            key = detail::Pseudonymiser::load_key(key_file, use);
        } catch (const std::runtime_error& e) {
            throw RegisterError(Code::io, e.what());
        }
    }
    detail::Pseudonymiser pseudonyms(key);
    std::fill(key.begin(), key.end(), 0);

    try {
        int flags = SQLite::OPEN_READWRITE | (options.create ? SQLite::OPEN_CREATE : 0);
        SQLite::Database db(in_memory ? std::string(":memory:") : path.string(), flags,
                            options.busy_timeout_ms, options.vfs);
        if (!in_memory) {
            // 8 KiB pages: fewer pages and tree levels for a register's wide rows, which makes bulk
            // imports and index builds faster. Only a new, empty file takes it; once in WAL mode
            // the page size of an existing register never changes.
            db.exec("PRAGMA page_size = 8192");
            // WAL lets readers and one writer proceed together; FULL makes every commit durable.
            for (int attempt = 0;; ++attempt) {
                try {
                    db.exec("PRAGMA journal_mode = WAL");
                    break;
                } catch (const SQLite::Exception& e) {
                    if ((e.getErrorCode() & 0xFF) != SQLITE_BUSY || attempt > 100) throw;
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                }
            }
        }
        // A 16 MiB page cache keeps a batch of single inserts from spilling to the WAL mid-way.
        db.exec(
            "PRAGMA synchronous = FULL; PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON; "
            "PRAGMA cache_size = -16384");

        // Only an empty database becomes a register: someone else's SQLite file is left alone.
        int stored_schema = db.execAndGet("PRAGMA user_version").getInt();
        if (stored_schema > schema_version) {
            throw RegisterError(Code::corrupt, path.string() +
                                                   ": written by a newer ombuds (schema " +
                                                   std::to_string(stored_schema) +
                                                   "); this version reads up to schema " +
                                                   std::to_string(schema_version));
        }
        int app_id = db.execAndGet("PRAGMA application_id").getInt();
        bool has_tables = db.execAndGet("SELECT count(*) FROM sqlite_master").getInt() > 0;
        if (app_id != application_id && (app_id != 0 || has_tables)) {
            throw RegisterError(Code::corrupt, path.string() + ": not an ombuds register");
        }

        Configuration config;
        bool created = false;
        std::string check = detail::to_hex(pseudonyms.pseudonym("ombuds key check"));
        {
            SQLite::Transaction create(db, SQLite::TransactionBehavior::IMMEDIATE);
            db.exec(schema_sql);
            // Schema migrations run here, oldest first, in the same transaction.
            if (meta_value(db, "schema_version") == "1") migrate_from_schema_1(db);
            db.exec(create_cases_table_sql("cases"));
            db.exec(secondary_indexes_sql);
            db.exec(snapshot_triggers_sql);
            // Registers made by a development version had an insert trigger too.
            db.exec("DROP TRIGGER IF EXISTS cases_insert_drops_snapshot");
            std::string stored_version = meta_value(db, "schema_version");
            if (stored_version.empty()) {
                // A new register: it keeps the configuration it was created with.
                config.organisation = organisation ? *organisation : default_organisation();
                config.themes = themes ? *themes : default_themes();
                SQLite::Statement insert(db, "INSERT INTO meta (key, value) VALUES (?, ?)");
                for (auto [k, v] : {std::pair<const char*, std::string>{
                                        "schema_version", std::to_string(schema_version)},
                                    {"organisation", to_json(config.organisation)},
                                    {"themes", to_json(config.themes)},
                                    {"key_check", check}}) {
                    insert.reset();
                    insert.bind(1, k);
                    insert.bind(2, v);
                    insert.exec();
                }
                db.exec("PRAGMA application_id = " + std::to_string(application_id));
                db.exec("PRAGMA user_version = " + std::to_string(schema_version));
                created = true;
            } else {
                if (stored_version != std::to_string(schema_version)) {
                    throw RegisterError(Code::corrupt, path.string() +
                                                           ": register schema version " +
                                                           stored_version + " is not supported");
                }
                if (meta_value(db, "key_check") != check) {
                    throw RegisterError(Code::corrupt, path.string() + ": the key file " +
                                                           key_file.string() +
                                                           " does not belong to this register");
                }
                try {
                    config.organisation =
                        parse_organisation_json(meta_value(db, "organisation"), "register");
                    config.themes = parse_themes_json(meta_value(db, "themes"), "register");
                } catch (const ConfigError& e) {
                    throw RegisterError(Code::corrupt, path.string() + ": " + e.what());
                }
                if (organisation) {
                    reconcile<Organisation>(
                        db, "organisation", *organisation,
                        "SELECT DISTINCT unit FROM cases WHERE unit IS NOT NULL",
                        [](const Organisation& o, std::string_view c) {
                            return std::any_of(o.units().begin(), o.units().end(),
                                               [&](const OrgUnit& u) { return u.code == c; });
                        },
                        "organisation");
                    config.organisation = *organisation;
                }
                if (themes) {
                    reconcile<ThemeCatalogue>(
                        db, "themes", *themes,
                        "SELECT DISTINCT theme FROM cases WHERE theme IS NOT NULL UNION "
                        "SELECT DISTINCT '#' || theme_group FROM cases WHERE theme_group IS NOT "
                        "NULL",
                        [](const ThemeCatalogue& t, std::string_view c) {
                            if (c.starts_with('#')) {
                                c.remove_prefix(1);
                                return std::any_of(
                                    t.groups().begin(), t.groups().end(),
                                    [&](const ThemeGroup& g) { return g.code == c; });
                            }
                            return std::any_of(t.themes().begin(), t.themes().end(),
                                               [&](const Theme& th) { return th.code == c; });
                        },
                        "theme catalogue");
                    config.themes = *themes;
                }
            }
            create.commit();
        }
        std::string key_id = detail::to_hex(pseudonyms.pseudonym("ombuds key id")).substr(0, 16);
        auto impl = std::make_unique<Impl>(in_memory ? std::filesystem::path(":memory:") : path,
                                           std::move(db), std::move(config), std::move(pseudonyms),
                                           options);
        impl->key_id = std::move(key_id);
        impl->opened_fingerprint = impl->columns_fingerprint();
        impl->busy_timeout_ms = options.busy_timeout_ms;
        if (created) {
            SQLite::Transaction audit(impl->db, SQLite::TransactionBehavior::IMMEDIATE);
            impl->audit("init", 0);
            audit.commit();
        }
        if (!in_memory) ::chmod(path.c_str(), 0600);  // the register holds confidential notes
        return Register(std::move(impl));
    } catch (const SQLite::Exception& e) {
        rethrow(e, path.string());
    }
}

Register::Register(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Register::Register(Register&&) noexcept = default;
Register& Register::operator=(Register&&) noexcept = default;
Register::~Register() {
    if (impl_ && impl_->explicit_transaction) {
        try {
            impl_->db.exec("ROLLBACK");
        } catch (...) {
            // Closing the connection rolls back anyway.
        }
    }
}

const Configuration& Register::config() const noexcept {
    return impl_->config;
}
const std::filesystem::path& Register::path() const noexcept {
    return impl_->path;
}
bool Register::in_transaction() const noexcept {
    return impl_->explicit_transaction;
}

std::vector<Violation> Register::validate(const CaseRecord& rec, bool replace) const {
    try {
        std::vector<Violation> out;
        Validator validator(impl_->config, ValidationOptions{impl_->validator.today(), replace});
        impl_->register_empty = false;
        validator.validate(rec, *impl_, out);
        return out;
    } catch (const SQLite::Exception& e) {
        rethrow(e, impl_->path.string());
    }
}

std::vector<Violation> Register::insert(const CaseRecord& rec, bool replace) {
    try {
        Impl::Write write(*impl_);
        auto violations = validate(rec, replace);
        bool refused = std::any_of(violations.begin(), violations.end(),
                                   [](const Violation& v) { return v.is_error(); });
        if (refused || !rec.case_id) return violations;
        impl_->store(rec, replace);
        impl_->audit(replace ? "replace" : "insert", 1);
        write.commit();
        return violations;
    } catch (const SQLite::Exception& e) {
        rethrow(e, impl_->path.string());
    }
}

void Register::delete_case(std::string_view case_id) {
    try {
        Impl::Write write(*impl_);
        impl_->register_empty = false;
        if (!impl_->find_case(case_id)) {
            throw RegisterError(Code::not_found, "no case " + detail::quote_value(case_id));
        }
        if (impl_->has_followups(case_id)) {
            throw RegisterError(Code::conflict,
                                std::string(rule_code(Rule::main_delete_with_followups)) + ": " +
                                    std::string(rule_info(Rule::main_delete_with_followups).en) +
                                    ": " + detail::quote_value(case_id));
        }
        SQLite::Statement statement(impl_->db, "DELETE FROM cases WHERE case_id = ?");
        statement.bind(1, std::string(case_id));
        statement.exec();
        impl_->audit("delete", 1);
        write.commit();
    } catch (const SQLite::Exception& e) {
        rethrow(e, impl_->path.string());
    }
}

void Register::begin() {
    if (impl_->explicit_transaction)
        throw RegisterError(Code::misuse, "a transaction is already open");
    try {
        impl_->db.exec("BEGIN IMMEDIATE");
        impl_->explicit_transaction = true;
    } catch (const SQLite::Exception& e) {
        rethrow(e, impl_->path.string());
    }
}

void Register::commit() {
    if (!impl_->explicit_transaction) throw RegisterError(Code::misuse, "no transaction is open");
    try {
        impl_->db.exec("COMMIT");
        impl_->explicit_transaction = false;
    } catch (const SQLite::Exception& e) {
        rethrow(e, impl_->path.string());
    }
}

void Register::rollback() {
    if (!impl_->explicit_transaction) throw RegisterError(Code::misuse, "no transaction is open");
    impl_->explicit_transaction = false;
    try {
        impl_->db.exec("ROLLBACK");
    } catch (const SQLite::Exception& e) {
        rethrow(e, impl_->path.string());
    }
}

namespace {

/// A larger page cache for the duration of a large import: it touches index pages all over,
/// and a cache that holds them keeps SQLite from spilling and re-reading them.
class ImportCache {
  public:
    ImportCache(SQLite::Database& db, std::size_t bytes) : db_(db) {
        auto kib = std::min<std::size_t>(bytes / 1024, 1 << 20);  // at most 1 GiB
        if (kib > 16384) {
            db_.exec("PRAGMA cache_size = -" + std::to_string(kib));
            raised_ = true;
        }
    }
    ~ImportCache() {
        if (!raised_) return;
        try {
            db_.exec("PRAGMA cache_size = -16384");
        } catch (...) {
            // Only a hint; the connection keeps working either way.
        }
    }
    ImportCache(const ImportCache&) = delete;
    ImportCache& operator=(const ImportCache&) = delete;

  private:
    SQLite::Database& db_;
    bool raised_ = false;
};

constexpr std::size_t cache_bytes_per_case = 400;
constexpr std::size_t progress_every = 16384;

/// Below this many records the secondary indexes are updated row by row; above it, when the
/// import at least doubles the register, dropping and rebuilding them once is several times
/// faster (inside the transaction, so readers never miss them).
constexpr std::size_t rebuild_indexes_from = 10000;

/// For the import into an empty register: rollback-journal mode instead of WAL, when no other
/// connection has the register open. Pages beyond the file's old end need no journal, so each
/// page is written once (WAL writes it to the log, then again to the file at the checkpoint).
/// A killed import still leaves the register as it was: the journal restores the old end.
/// WAL comes back after the import; should that fail, the next open sets it again.
class RollbackJournalScope {
  public:
    RollbackJournalScope(SQLite::Database& db, int busy_timeout_ms, bool enabled)
        : db_(db), busy_timeout_ms_(busy_timeout_ms) {
        if (!enabled) return;
        // Not waiting: another connection keeps the register in WAL mode, and that is fine.
        sqlite3_busy_timeout(db_.getHandle(), 0);
        try {
            switched_ = db_.execAndGet("PRAGMA journal_mode = DELETE").getString() == "delete";
        } catch (const SQLite::Exception&) {
            switched_ = false;
        }
        sqlite3_busy_timeout(db_.getHandle(), busy_timeout_ms_);
    }
    ~RollbackJournalScope() {
        if (!switched_) return;
        sqlite3_busy_timeout(db_.getHandle(), 0);
        try {
            db_.exec("PRAGMA journal_mode = WAL");
        } catch (...) {
            // A connection opened meanwhile: the next open of the register sets WAL again.
        }
        sqlite3_busy_timeout(db_.getHandle(), busy_timeout_ms_);
    }
    RollbackJournalScope(const RollbackJournalScope&) = delete;
    RollbackJournalScope& operator=(const RollbackJournalScope&) = delete;

  private:
    SQLite::Database& db_;
    int busy_timeout_ms_;
    bool switched_ = false;
};

/// Restores the look-ups an import into an empty register skips, however the import ends.
struct EmptyRegisterScope {
    bool& flag;
    EmptyRegisterScope(bool& f, bool empty) : flag(f) { flag = empty; }
    ~EmptyRegisterScope() { flag = false; }
    EmptyRegisterScope(const EmptyRegisterScope&) = delete;
    EmptyRegisterScope& operator=(const EmptyRegisterScope&) = delete;
};

}  // namespace

/// Stores the records of a file on a second thread while the importing thread still parses
/// the rest of it: parsing and SQLite's inserts each take about half of an import. Used only
/// for an import into an empty register, where validation looks nothing up in the register,
/// so the importing thread never uses the connection while this thread does. Whatever the
/// validation then refuses rolls the whole transaction back, as without the pipeline.
class Register::Impl::BackgroundStore {
  public:
    explicit BackgroundStore(Impl& impl) : impl_(impl), worker_([this] { run(); }) {}
    ~BackgroundStore() {
        cancelled_ = true;
        finish();
    }
    BackgroundStore(const BackgroundStore&) = delete;
    BackgroundStore& operator=(const BackgroundStore&) = delete;

    /// On the reading thread: records [0, count) are parsed. Their pseudonyms are computed
    /// here, so the storing thread (the slower one) only binds and inserts.
    void publish(const CaseRecord* first, std::size_t count) {
        if (count <= handed_over_) return;
        Batch batch{first + handed_over_, count - handed_over_, {}};
        batch.tokens.resize(batch.count * detail::Pseudonymiser::pseudonym_size);
        for (std::size_t i = 0; i < batch.count; ++i) {
            const auto& citizen = batch.first[i].citizen;
            if (!citizen.is_anonymous()) {
                impl_.pseudonyms.pseudonym(
                    citizen.key(), batch.tokens.data() + i * detail::Pseudonymiser::pseudonym_size);
            }
        }
        handed_over_ = count;
        {
            std::lock_guard lock(mutex_);
            queue_.push_back(std::move(batch));
        }
        ready_.notify_one();
    }

    /// Waits until every published record is stored (or storing failed).
    void finish() {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
        }
        ready_.notify_one();
        if (worker_.joinable()) worker_.join();
    }

    std::size_t stored() const noexcept { return stored_; }
    /// The error that stopped storing, if any (after finish()).
    std::exception_ptr failure() const { return failure_; }

  private:
    struct Batch {
        const CaseRecord* first;
        std::size_t count;
        std::string tokens;  // pseudonym_size bytes per record (unused for anonymous ones)
    };

    void run() noexcept {
        for (;;) {
            Batch batch;
            {
                std::unique_lock lock(mutex_);
                ready_.wait(lock, [&] { return !queue_.empty() || closed_; });
                if (queue_.empty()) return;
                batch = std::move(queue_.front());
                queue_.pop_front();
            }
            if (failure_ || cancelled_) continue;  // drain without storing
            try {
                for (std::size_t i = 0; i < batch.count; ++i) {
                    // Into an empty register, replacing is inserting.
                    impl_.store(batch.first[i], false,
                                batch.tokens.data() + i * detail::Pseudonymiser::pseudonym_size);
                    stored_.fetch_add(1, std::memory_order_relaxed);
                }
            } catch (...) {
                failure_ = std::current_exception();
            }
        }
    }

    Impl& impl_;
    std::size_t handed_over_ = 0;  // reading thread only
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Batch> queue_;
    bool closed_ = false;
    std::atomic<bool> cancelled_ = false;
    std::atomic<std::size_t> stored_ = 0;
    std::exception_ptr failure_;  // storing thread until joined
    std::thread worker_;          // last: starts after everything it uses
};

bool Register::Impl::check_import(const CaseFile& file, const ImportOptions& options,
                                  ImportResult& result) const {
    result.read = file.records.size();
    result.unreadable = file.unreadable;
    result.issues = file.issues;
    result.refused_records.assign(file.records.size(), false);
    Validator batch_validator(config, ValidationOptions{validator.today(), options.replace});
    auto violations = batch_validator.validate_batch(file.records, *this);
    for (std::size_t i = 0; i < violations.size(); ++i) {
        for (auto& violation : violations[i]) {
            result.issues.push_back(FileIssue{file.lines[i], i, std::move(violation), {}});
        }
    }
    for (const auto& issue : result.issues) {
        if (refuses_record(issue) && issue.record < result.refused_records.size()) {
            result.refused_records[issue.record] = true;
        }
    }
    // A follow-up whose main case in the same file is refused is refused with it.
    if (std::find(result.refused_records.begin(), result.refused_records.end(), true) !=
        result.refused_records.end()) {
        std::unordered_map<std::string_view, std::size_t> index;
        for (std::size_t i = 0; i < file.records.size(); ++i) {
            if (file.records[i].case_id) index.emplace(file.records[i].case_id->view(), i);
        }
        for (bool changed = true; changed;) {
            changed = false;
            for (std::size_t i = 0; i < file.records.size(); ++i) {
                const auto& rec = file.records[i];
                if (result.refused_records[i] || !rec.main_case_id) continue;
                auto main = index.find(rec.main_case_id->view());
                if (main != index.end() && result.refused_records[main->second]) {
                    result.refused_records[i] = changed = true;
                    result.issues.push_back(FileIssue{
                        file.lines[i],
                        i,
                        Violation(Rule::followup_requires_main, Field::main_case_id,
                                  detail::quote_value(rec.main_case_id->view()) + " (refused)"),
                        {}});
                }
            }
        }
    }
    std::stable_sort(result.issues.begin(), result.issues.end(),
                     [](const FileIssue& a, const FileIssue& b) { return a.line < b.line; });
    result.refused = static_cast<std::size_t>(
        std::count(result.refused_records.begin(), result.refused_records.end(), true));
    bool file_level_error =
        file.unreadable ||
        std::any_of(result.issues.begin(), result.issues.end(),
                    [](const FileIssue& i) { return i.line == 0 && i.violation.is_error(); });
    return !file_level_error && (result.refused == 0 || options.skip_invalid);
}

namespace {

/// The columns a scan of the register would give after storing `records` into an empty register
/// in this order: the same dense ids in the same order of first appearance (citizens by their
/// key, which stands one to one for the pseudonym a scan interns).
CaseColumns columns_of_new_records(const std::vector<CaseRecord>& records) {
    CaseColumns columns;
    columns.reserve(records.size());
    detail::CaseIds ids(records.size());
    auto view = [](const auto& id) { return id ? id->view() : std::string_view(); };
    for (const auto& rec : records) {
        auto citizen = rec.citizen.is_anonymous() ? std::string() : rec.citizen.key();
        auto assigned =
            ids.add(view(rec.case_id), view(rec.inquiry_id), citizen, view(rec.main_case_id));
        columns.push(rec, assigned.citizen, assigned.inquiry, CaseColumns::no_case);
    }
    ids.finish(columns);
    return columns;
}

}  // namespace

std::optional<ImportResult> Register::Impl::import_while_reading(const std::filesystem::path& path,
                                                                 const ImportOptions& options) {
    std::error_code ec;
    auto bytes = std::filesystem::file_size(path, ec);
    // Worth a thread only for a large file; refusals are simpler to handle after validation.
    if (ec || bytes < (1u << 20) || options.skip_invalid || options.dry_run || explicit_transaction)
        return std::nullopt;
    // Checked again inside the transaction; here it spares a register with cases the journal
    // mode switches and a transaction that would only be rolled back.
    if (has_cases()) return std::nullopt;
    ImportCache cache(db, bytes * 2);  // about twice the file's bytes in pages
    RollbackJournalScope journal(db, busy_timeout_ms, this->path != ":memory:");
    Write write(*this);
    if (has_cases()) return std::nullopt;  // rolled back: the usual way instead
    EmptyRegisterScope empty(register_empty, true);
    // The case id index too: rows go in without it, and it is built once after them (a file
    // with one id twice is refused by validation, or would fail that build).
    db.exec(drop_for_bulk_sql);
    db.exec("DROP INDEX IF EXISTS cases_case_id");
    CaseFile file;  // outlives the storing thread, however reading ends
    BackgroundStore background(*this);
    ReadOptions read_options;
    read_options.format = options.format;
    read_options.on_records = [&](const CaseRecord* first, std::size_t count) {
        background.publish(first, count);
        if (options.progress) options.progress(background.stored(), 0);
    };
    try {
        read_case_file(path, config, read_options, file);
    } catch (const InputError& e) {
        throw RegisterError(Code::io, e.what());
    }
    ImportResult result;
    // Meanwhile the records are stored. Validate them; then, on a thread of its own beside the
    // rest of the storing and the index builds, build the report's columns for the column
    // snapshot, so the first report after the import need not scan. (Built beside validation,
    // three threads shared the two cores the storing thread needs one of.)
    bool storable = check_import(file, options, result);
    if (options.progress) options.progress(background.stored(), file.records.size());
    if (!storable) return result;  // nothing stored: the transaction rolls back
    std::optional<CaseColumns> columns;
    std::exception_ptr columns_failure;
    std::jthread build_columns([&] {
        try {
            columns = columns_of_new_records(file.records);
        } catch (...) {
            columns_failure = std::current_exception();
        }
    });
    background.finish();
    if (auto failure = background.failure()) std::rethrow_exception(failure);
    result.imported = background.stored();
    if (result.imported != file.records.size()) {
        throw RegisterError(Code::io, "import stored " + std::to_string(result.imported) + " of " +
                                          std::to_string(file.records.size()) + " records");
    }
    if (options.progress) options.progress(result.imported, file.records.size());
    db.exec(secondary_indexes_sql);
    build_columns.join();
    if (columns_failure) std::rethrow_exception(columns_failure);
    write_snapshot(*columns, opened_fingerprint);
    db.exec(snapshot_triggers_sql);
    audit(options.replace ? "import_replace" : "import", result.imported);
    write.commit();
    return result;
}

ImportResult Register::import_file(const std::filesystem::path& file,
                                   const ImportOptions& options) {
    try {
        if (auto result = impl_->import_while_reading(file, options)) return std::move(*result);
    } catch (const SQLite::Exception& e) {
        rethrow(e, impl_->path.string());
    }
    CaseFile cases;
    ReadOptions read_options;
    read_options.format = options.format;
    try {
        cases = read_case_file(file, impl_->config, read_options);
    } catch (const InputError& e) {
        throw RegisterError(Code::io, e.what());
    }
    return import_cases(cases, options);
}

ImportResult Register::import_cases(const CaseFile& file, const ImportOptions& options) {
    ImportResult result;
    try {
        ImportCache cache(impl_->db, file.records.size() * cache_bytes_per_case);
        Impl::Write write(*impl_);
        const std::size_t stored_before = impl_->count_cases();
        bool storable;
        {
            EmptyRegisterScope empty(impl_->register_empty, stored_before == 0);
            storable = impl_->check_import(file, options, result);
        }
        if (!storable || options.dry_run) return result;
        const std::size_t to_store = file.records.size() - result.refused;
        const bool rebuild_indexes = to_store >= rebuild_indexes_from && to_store >= stored_before;
        if (rebuild_indexes) impl_->db.exec(drop_for_bulk_sql);
        for (std::size_t i = 0; i < file.records.size(); ++i) {
            if (result.refused_records[i]) continue;
            impl_->store(file.records[i], options.replace);
            ++result.imported;
            if (options.progress && result.imported % progress_every == 0)
                options.progress(result.imported, to_store);
        }
        if (rebuild_indexes) {
            impl_->db.exec(secondary_indexes_sql);
            impl_->db.exec(snapshot_triggers_sql);
        }
        impl_->audit(options.replace ? "import_replace" : "import", result.imported);
        write.commit();
        if (options.progress) options.progress(result.imported, to_store);
        return result;
    } catch (const SQLite::Exception& e) {
        rethrow(e, impl_->path.string());
    }
}

std::size_t Register::case_count() const {
    try {
        return impl_->count_cases();
    } catch (const SQLite::Exception& e) {
        rethrow(e, impl_->path.string());
    }
}

std::vector<CaseRecord> Register::load_records() const {
    try {
        std::vector<CaseRecord> records;
        SQLite::Statement rows(
            impl_->db, std::string("SELECT ") + case_columns_sql + " FROM cases ORDER BY rowid");
        while (rows.executeStep()) records.push_back(impl_->record_from_row(rows));
        return records;
    } catch (const SQLite::Exception& e) {
        rethrow(e, impl_->path.string());
    }
}

std::size_t Register::export_cases(std::ostream& out, FileFormat format,
                                   std::optional<Period> period) const {
    try {
        std::string sql = std::string("SELECT ") + case_columns_sql + " FROM cases";
        if (period) sql += " WHERE received BETWEEN ? AND ?";
        sql += " ORDER BY received, rowid";
        SQLite::Statement rows(impl_->db, sql);
        if (period) {
            rows.bind(1, period->from.iso());
            rows.bind(2, period->to.iso());
        }
        std::vector<CaseRecord> records;
        while (rows.executeStep()) records.push_back(impl_->record_from_row(rows));
        write_case_file(out, format, records, impl_->config, {}, false);
        return records.size();
    } catch (const SQLite::Exception& e) {
        rethrow(e, impl_->path.string());
    }
}

std::size_t Register::export_citizen(std::ostream& out, FileFormat format,
                                     std::string_view citizen_text) const {
    Citizen citizen = parse_citizen_argument(citizen_text);
    try {
        auto token = impl_->citizen_token(citizen);
        SQLite::Statement rows(impl_->db,
                               std::string("SELECT ") + case_columns_sql +
                                   " FROM cases WHERE citizen = ? ORDER BY received, rowid");
        rows.bind(1, token.data(), static_cast<int>(token.size()));
        std::vector<CaseRecord> records;
        while (rows.executeStep()) records.push_back(impl_->record_from_row(rows));
        // The person asked for their own data: the citizen column shows the id they gave.
        std::vector<std::string> citizens(records.size(), std::string(detail::trim(citizen_text)));
        write_case_file(out, format, records, impl_->config, citizens, true);
        return records.size();
    } catch (const SQLite::Exception& e) {
        rethrow(e, impl_->path.string());
    }
}

std::size_t Register::erase_citizen(std::string_view citizen_text) {
    Citizen citizen = parse_citizen_argument(citizen_text);
    try {
        auto token = impl_->citizen_token(citizen);
        Impl::Write write(*impl_);
        SQLite::Statement statement(impl_->db, "DELETE FROM cases WHERE citizen = ?");
        statement.bind(1, token.data(), static_cast<int>(token.size()));
        auto erased = static_cast<std::size_t>(statement.exec());
        impl_->audit("erase", erased);
        write.commit();
        if (!impl_->explicit_transaction && impl_->path != ":memory:") {
            // Move the erased pages out of the WAL too (secure_delete zeroes them).
            impl_->db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        return erased;
    } catch (const SQLite::Exception& e) {
        rethrow(e, impl_->path.string());
    }
}

std::size_t Register::anonymise_closed_before(Date date) {
    try {
        Impl::Write write(*impl_);
        // Each citizen's anonymised cases share one random token: unlinkable to the person,
        // but past counts of unique citizens stay the same.
        // One pass over the table (no index by citizen), then each case by its rowid.
        std::unordered_map<std::string, std::string> replacement;
        std::vector<std::pair<std::int64_t, const std::string*>> cases;
        SQLite::Statement select(
            impl_->db, "SELECT rowid, citizen FROM cases WHERE closed < ? AND citizen IS NOT NULL");
        select.bind(1, date.iso());
        while (select.executeStep()) {
            auto column = select.getColumn(1);
            std::string token(static_cast<const char*>(column.getBlob()),
                              static_cast<std::size_t>(column.getBytes()));
            auto [entry, added] = replacement.try_emplace(std::move(token));
            if (added) {
                auto random = detail::Pseudonymiser::random_key();
                entry->second.assign(reinterpret_cast<const char*>(random.data()), random.size());
            }
            cases.emplace_back(select.getColumn(0).getInt64(), &entry->second);
        }
        SQLite::Statement update(impl_->db,
                                 "UPDATE cases SET citizen = ?, citizen_key = 'anonymised', "
                                 "note = NULL WHERE rowid = ?");
        std::size_t changed = 0;
        for (const auto& [rowid, new_token] : cases) {
            update.reset();
            update.bind(1, new_token->data(), static_cast<int>(new_token->size()));
            update.bind(2, rowid);
            changed += static_cast<std::size_t>(update.exec());
        }
        SQLite::Statement notes(impl_->db,
                                "UPDATE cases SET note = NULL WHERE closed < ? AND citizen IS NULL "
                                "AND note IS NOT NULL");
        notes.bind(1, date.iso());
        changed += static_cast<std::size_t>(notes.exec());
        impl_->audit("anonymise", changed);
        write.commit();
        if (!impl_->explicit_transaction && impl_->path != ":memory:")
            impl_->db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        return changed;
    } catch (const SQLite::Exception& e) {
        rethrow(e, impl_->path.string());
    }
}

bool turn_off_sqlite_memory_statistics() noexcept {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
}

CaseColumns Register::Impl::scan_columns() const {
    std::unordered_map<std::string_view, UnitIndex> units;
    for (std::size_t i = 0; i < config.organisation.size(); ++i) {
        units.emplace(config.organisation.units()[i].code, static_cast<UnitIndex>(i));
    }
    std::unordered_map<std::string_view, ThemeIndex> themes;
    for (std::size_t i = 0; i < config.themes.themes().size(); ++i) {
        themes.emplace(config.themes.themes()[i].code, static_cast<ThemeIndex>(i));
    }
    std::unordered_map<std::string_view, GroupIndex> groups;
    for (std::size_t i = 0; i < config.themes.groups().size(); ++i) {
        groups.emplace(config.themes.groups()[i].code, static_cast<GroupIndex>(i));
    }
    auto lookup = [](const auto& map, std::string_view key, std::uint16_t none) -> std::uint16_t {
        if (key.empty()) return none;
        auto it = map.find(key);
        return it == map.end() ? none : it->second;
    };

    CaseColumns columns;
    std::size_t count = count_cases();
    columns.reserve(count);
    detail::CaseIds ids(count);

    SQLite::Statement select(
        const_cast<SQLite::Database&>(db),
        "SELECT case_id, inquiry_id, citizen, kind, role, main_case_id, received, "
        "first_response, closed, unit, theme, theme_group, action, resolution, "
        "admin_response, rejection_reason, origin FROM cases ORDER BY rowid");
    auto date = [](const SQLite::Column& column) {
        auto parsed = date_from_column(column);
        return parsed ? parsed->days() : CaseColumns::no_date;
    };
    auto code8 = [](auto value) {
        return value ? static_cast<std::uint8_t>(*value) : CaseColumns::no_code;
    };
    while (select.executeStep()) {
        auto citizen_column = select.getColumn(2);
        std::string_view citizen;  // the pseudonym; empty (NULL) for an anonymous case
        if (!citizen_column.isNull()) {
            citizen = std::string_view(static_cast<const char*>(citizen_column.getBlob()),
                                       static_cast<std::size_t>(citizen_column.getBytes()));
        }
        auto assigned = ids.add(text_of(select.getColumn(0)), text_of(select.getColumn(1)), citizen,
                                text_of(select.getColumn(5)));
        columns.received.push_back(date(select.getColumn(6)));
        columns.first_response.push_back(date(select.getColumn(7)));
        columns.closed.push_back(date(select.getColumn(8)));
        columns.kind.push_back(code8(code_from_column<Kind>(select.getColumn(3))));
        columns.role.push_back(code8(code_from_column<Role>(select.getColumn(4))));
        columns.action.push_back(code8(code_from_column<Action>(select.getColumn(12))));
        columns.resolution.push_back(code8(code_from_column<Resolution>(select.getColumn(13))));
        columns.admin_response.push_back(
            code8(code_from_column<AdminResponse>(select.getColumn(14))));
        columns.rejection_reason.push_back(
            code8(code_from_column<RejectionReason>(select.getColumn(15))));
        columns.origin.push_back(code8(code_from_column<Origin>(select.getColumn(16))));
        columns.unit.push_back(lookup(units, text_of(select.getColumn(9)), CaseColumns::no_index));
        columns.theme.push_back(
            lookup(themes, text_of(select.getColumn(10)), CaseColumns::no_index));
        columns.group.push_back(
            lookup(groups, text_of(select.getColumn(11)), CaseColumns::no_index));
        columns.citizen.push_back(assigned.citizen);
        columns.inquiry.push_back(assigned.inquiry);
    }
    ids.finish(columns);
    return columns;
}

namespace {

constexpr char snapshot_magic[8] = {'O', 'M', 'B', 'D', 'C', 'O', 'L', 'S'};
constexpr std::uint32_t snapshot_format = 2;
constexpr std::uint32_t byte_order_mark = 0x01020304;

/// The snapshot's header (part 0): what the columns were made from.
struct SnapshotHeader {
    char magic[8];
    std::uint32_t format;
    std::uint32_t byte_order;
    std::uint64_t cases;
    std::uint64_t last_rowid;  // with `cases`, tells whether cases were inserted since
    std::uint32_t citizen_count;
    std::uint32_t inquiry_count;
    std::uint64_t fingerprint;
};

/// FNV-1a: a stable hash (std::hash is not) of what the columns' codes and indexes mean.
void fnv1a(std::uint64_t& hash, std::string_view text) {
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    hash ^= 0xFF;  // separates consecutive texts
    hash *= 1099511628211ull;
}

template <class E>
void fnv1a_codes(std::uint64_t& hash) {
    for (std::size_t i = 0; i < code_count<E>; ++i) fnv1a(hash, code_names<E>[i]);
}

}  // namespace

std::uint64_t Register::Impl::columns_fingerprint() const {
    // The library's version, the order of the codes and the configuration's units and themes:
    // a snapshot made under anything else is not used.
    std::uint64_t hash = 14695981039346656037ull;
    fnv1a(hash, version_string);
    fnv1a_codes<Kind>(hash);
    fnv1a_codes<Role>(hash);
    fnv1a_codes<Action>(hash);
    fnv1a_codes<Resolution>(hash);
    fnv1a_codes<AdminResponse>(hash);
    fnv1a_codes<RejectionReason>(hash);
    fnv1a_codes<Origin>(hash);
    fnv1a(hash, to_json(config.organisation));
    fnv1a(hash, to_json(config.themes));
    return hash;
}

std::optional<CaseColumns> Register::Impl::read_snapshot(std::uint64_t fingerprint) const {
    auto& connection = const_cast<SQLite::Database&>(db);
    SQLite::Statement parts(connection, "SELECT part, data FROM column_snapshot ORDER BY part");
    if (!parts.executeStep() || parts.getColumn(0).getInt() != 0) return std::nullopt;
    SnapshotHeader header{};
    if (parts.getColumn(1).getBytes() != static_cast<int>(sizeof header)) return std::nullopt;
    std::memcpy(&header, parts.getColumn(1).getBlob(), sizeof header);
    if (std::memcmp(header.magic, snapshot_magic, sizeof snapshot_magic) != 0 ||
        header.format != snapshot_format || header.byte_order != byte_order_mark ||
        header.fingerprint != fingerprint || header.cases != count_cases() ||
        header.last_rowid != last_rowid()) {
        return std::nullopt;
    }
    CaseColumns columns;
    auto n = static_cast<std::size_t>(header.cases);
    int expected_part = 1;
    bool complete = true;
    columns.for_each_column([&](auto& column) {
        if (!complete) return;
        using Value = typename std::decay_t<decltype(column)>::value_type;
        if (!parts.executeStep() || parts.getColumn(0).getInt() != expected_part++ ||
            static_cast<std::size_t>(parts.getColumn(1).getBytes()) != n * sizeof(Value)) {
            complete = false;
            return;
        }
        column.resize(n);
        if (n > 0) std::memcpy(column.data(), parts.getColumn(1).getBlob(), n * sizeof(Value));
    });
    if (!complete || parts.executeStep()) return std::nullopt;
    columns.citizen_count = header.citizen_count;
    columns.inquiry_count = header.inquiry_count;
    return columns;
}

void Register::Impl::write_snapshot(const CaseColumns& columns, std::uint64_t fingerprint) {
    SnapshotHeader header{};
    std::memcpy(header.magic, snapshot_magic, sizeof snapshot_magic);
    header.format = snapshot_format;
    header.byte_order = byte_order_mark;
    header.cases = columns.size();
    header.last_rowid = last_rowid();
    header.citizen_count = columns.citizen_count;
    header.inquiry_count = columns.inquiry_count;
    header.fingerprint = fingerprint;
    SQLite::Statement insert(db,
                             "INSERT OR REPLACE INTO column_snapshot (part, data) VALUES (?, ?)");
    auto put = [&](int part, const void* data, std::size_t bytes) {
        insert.reset();
        insert.bind(1, part);
        insert.bindNoCopy(2, data, static_cast<int>(bytes));
        insert.exec();
    };
    db.exec("DELETE FROM column_snapshot");
    put(0, &header, sizeof header);
    int part = 1;
    columns.for_each_column([&](const auto& column) {
        // A zero-length blob still needs a valid pointer for SQLite to store it as a blob.
        static const char empty = 0;
        const void* data = column.empty() ? static_cast<const void*>(&empty) : column.data();
        put(part++, data, column.size() * sizeof(column[0]));
    });
}

CaseColumns Register::load_columns() const {
    try {
        // A snapshot needs a transaction of its own; inside the caller's, or in memory, scan.
        if (impl_->explicit_transaction || impl_->path == ":memory:") return impl_->scan_columns();
        auto& db = impl_->db;
        const std::uint64_t fingerprint = impl_->opened_fingerprint;
        // One read transaction: the snapshot or the scan sees one state of the register.
        db.exec("BEGIN");
        struct EndTransaction {
            SQLite::Database& db;
            bool open = true;
            ~EndTransaction() {
                if (!open) return;
                try {
                    db.exec("ROLLBACK");
                } catch (...) {
                    // SQLite already ended it.
                }
            }
        } end{db};
        if (auto snapshot = impl_->read_snapshot(fingerprint)) return std::move(*snapshot);
        CaseColumns columns = impl_->scan_columns();
        // Keep the columns for the next report. Best effort: when someone wrote meanwhile (the
        // read transaction cannot become a write), the file is read-only or the disk is full,
        // this report is still right and the next one scans again. Never wait for a writer.
        try {
            impl_->db.setBusyTimeout(0);
            impl_->write_snapshot(columns, fingerprint);
            db.exec("COMMIT");
            end.open = false;
        } catch (const SQLite::Exception&) {
            // Rolled back by `end`: no half-written snapshot is left.
        }
        impl_->db.setBusyTimeout(impl_->busy_timeout_ms);
        return columns;
    } catch (const SQLite::Exception& e) {
        rethrow(e, impl_->path.string());
    }
}

}  // namespace ombuds
