// SPDX-License-Identifier: MPL-2.0
// The register: the cases of an office kept valid by the validator, with citizens stored only
// as keyed pseudonyms (HMAC-SHA-256, key held outside the register) and free text with anything
// CPR-like redacted, in a store behind a port (a SQLite file today). Needs the compiled library.
// The C++ API may change between minor versions; only the C API is stable.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ombuds/case_columns.hpp"
#include "ombuds/config.hpp"
#include "ombuds/date.hpp"
#include "ombuds/error.hpp"
#include "ombuds/record.hpp"
#include "ombuds/validation.hpp"
#include "ombuds/violation.hpp"

namespace ombuds {

struct RegisterOptions {
    /// Organisation and theme files. Empty: the register's stored configuration (or the
    /// defaults for a new register). Given again: identical files change nothing; files that
    /// add codes or labels update the register; dropping a code still used is refused.
    std::filesystem::path organisation_file;
    std::filesystem::path themes_file;
    /// The pseudonym key file. Empty: $OMBUDS_KEY_FILE, else the register's path + ".key",
    /// created with mode 0600 beside a new register. `:memory:` registers use a temporary key.
    /// A register whose key file is missing still opens: reports, period exports and the
    /// catalogue work; what needs the key (a new citizen, finding one) says so.
    std::filesystem::path key_file;
    /// Create the register when it does not exist.
    bool create = true;
    /// "Today" for validation; nullopt: the system clock, read at each check.
    std::optional<Date> today;
    /// How long to wait for another process's write transaction.
    int busy_timeout_ms = 60000;
    /// Open a register on a network filesystem (NFS, SMB/CIFS, FUSE), where SQLite's locking is
    /// unsafe. Refused unless set.
    bool allow_network_filesystem = false;
    /// The SQLite VFS to use (empty: the default). The fault-injection tests use a shim.
    std::string vfs;
};

/// What erasing a citizen did.
struct EraseResult {
    std::size_t erased = 0;  // cases removed
    bool clean = true;       // the erased content is gone from every file of the register
};

/// What anonymising did.
struct AnonymiseResult {
    std::size_t cases = 0;     // cases whose pseudonym or note was removed
    std::size_t citizens = 0;  // citizens anonymised
};

/// A stored case read back: the record (its citizen as the register's pseudonym, never the
/// clear value), the kind of its citizen's id and its follow-ups.
struct StoredCaseInfo {
    CaseRecord record;
    bool has_citizen = false;
    std::string citizen_kind;  // "cpr", "cvr", "ref"; empty when anonymous or unknown
    std::vector<std::string> followups;
};

/// Which stored cases a list holds (the C API's ombuds_list_cases).
struct CaseQuery {
    std::optional<std::string> citizen;       // the citizen's id as typed (needs the key)
    std::optional<std::string> inquiry_id;    // the inquiry's cases (follow-ups without one too)
    std::optional<std::string> main_case_id;  // a main case's follow-ups
    std::optional<bool> open;                 // open (not closed) or closed cases
    std::optional<Date> received_from, received_to;
    std::optional<std::string> unit;           // a node of the organisation and the nodes below it
    std::size_t limit = 0;                     // at most this many (0: all)
    std::optional<std::string> after_case_id;  // the next page after this case id
};

class Register {
  public:
    /// Opens (or creates) a register. `:memory:` opens a temporary one.
    static Register open(const std::filesystem::path& location,
                         const RegisterOptions& options = {});

    Register(Register&&) noexcept;
    Register& operator=(Register&&) noexcept;
    ~Register();

    /// The configuration in force: the register's own, refreshed when another handle or
    /// process stored a new one.
    const Configuration& config();
    const std::filesystem::path& path() const noexcept;
    /// Whether the pseudonym key is at hand (needed to pseudonymise or find a citizen).
    bool has_key() const noexcept;
    /// The "today" validation uses when fixed by the options; nullopt: the clock's.
    std::optional<Date> fixed_today() const noexcept;

    // --- one case at a time (the C API) -------------------------------------------------
    /// The violations of a record against the register as `mode` would write it; stores
    /// nothing. For WriteMode::update, `given` names the fields the record changes.
    std::vector<Violation> validate(const CaseRecord& rec, WriteMode mode = WriteMode::insert,
                                    const FieldSet& given = FieldSet().set());
    /// Validates and stores one record. Returns its violations; it is stored exactly when none
    /// is an error. Inside begin()/commit() it becomes part of that transaction. Update of a
    /// case that does not exist throws not_found. `before_commit`, when given, is called with
    /// the violations of a record about to be stored; if it throws, nothing is stored (a host's
    /// answer that cannot be built must not leave a stored case it was not told of).
    std::vector<Violation> write(
        const CaseRecord& rec, WriteMode mode = WriteMode::insert,
        const FieldSet& given = FieldSet().set(),
        const std::function<void(const std::vector<Violation>&)>& before_commit = {});
    std::vector<Violation> insert(const CaseRecord& rec) { return write(rec); }
    /// Deletes a case. Throws not_found, or conflict (main.delete_with_followups).
    void delete_case(std::string_view case_id);
    /// Group many writes in one transaction: all stored on commit(), none after rollback().
    void begin();
    void commit();
    void rollback();
    bool in_transaction() const noexcept;

    // --- reading ---------------------------------------------------------------------------
    std::size_t case_count();
    /// One stored case, with its note; nullopt when there is none.
    std::optional<StoredCaseInfo> find_case(std::string_view case_id);
    /// The cases received in `period` (all when nullopt), ordered by date received, notes
    /// removed, citizens as pseudonyms.
    std::vector<CaseRecord> cases(std::optional<Period> period = std::nullopt);
    /// The stored cases a query selects, ordered by case id, notes removed.
    std::vector<CaseRecord> list_cases(const CaseQuery& query);
    /// Every stored case in storage order (citizens as pseudonyms, notes kept); for tests.
    std::vector<CaseRecord> load_records();
    /// Every stored case as columns for the statistics engine.
    CaseColumns load_columns();

    // --- citizens (need the key) --------------------------------------------------------------
    /// Every case of one citizen, notes included (the insight export). Throws misuse when
    /// `citizen` is not a valid citizen value.
    std::vector<CaseRecord> citizen_cases(std::string_view citizen);
    /// Removes every case of a citizen (follow-ups share their main case's citizen, so none is
    /// left dangling). Throws misuse when `citizen` is not a valid value.
    EraseResult erase_citizen(std::string_view citizen);
    /// Anonymises every citizen all of whose cases are closed before `date`: one random token
    /// replaces the pseudonym on all of that citizen's cases, and their notes are removed, so
    /// every count of unique citizens in any period stays the same. Notes of anonymous cases
    /// closed before `date` are removed too. A citizen anonymised once is not counted again.
    AnonymiseResult anonymise_closed_before(Date date);

    // --- for the import pipeline ----------------------------------------------------------
    /// The stored cases as the validator sees them.
    const RegisterView& view();
    /// Opens a write transaction for many writes (a savepoint inside begin()/commit()):
    /// `rows` sizes caches. End it with commit_many() or rollback_many().
    void begin_many(std::size_t rows);
    /// Stores a record already validated (`mode` as validated).
    void store_validated(const CaseRecord& rec, WriteMode mode);
    void commit_many(std::string_view operation, std::size_t cases);
    void rollback_many() noexcept;

    class BulkLoad;
    /// The fast path of a large import into an empty register, or nullptr when it does not
    /// apply (the register holds cases, a transaction is open).
    std::unique_ptr<BulkLoad> bulk_load(std::size_t expected_bytes);

    struct Impl;

  private:
    explicit Register(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// Many records into an empty register on two threads: the caller's thread prepares batches of
/// records (pseudonyms computed there), another stores them, in one transaction. Destroyed
/// before commit(), nothing is stored.
class Register::BulkLoad {
  public:
    /// Records prepared for storing: their pseudonyms and the register's numbers, computed on
    /// the preparing thread.
    struct Batch {
        const CaseRecord* first = nullptr;
        std::size_t count = 0;
        std::string pseudonyms;             // 32 bytes per record (unused for anonymous ones)
        std::vector<std::int64_t> numbers;  // citizen and inquiry per record (-1: none yet)
    };
    virtual ~BulkLoad() = default;
    /// On one preparing thread, in the order the records are stored: records [first, first +
    /// count), the next ones after those prepared before.
    virtual Batch prepare(const CaseRecord* first, std::size_t count) = 0;
    /// On the storing thread: stores a prepared batch.
    virtual void store(const Batch& batch) = 0;
    /// After every batch is stored: builds the indexes (while the caller may still be checking
    /// `records` on another thread). Throws when the stored rows break a unique index.
    virtual void finish_storing(std::span<const CaseRecord> records) = 0;
    /// After finish_storing() (called here when it was not): writes the report's columns of
    /// `records` (every record stored, in the order stored) and commits.
    virtual void commit(std::span<const CaseRecord> records, std::string_view operation) = 0;
};

/// Turns off SQLite's memory statistics for the whole process: counting takes a lock on every
/// allocation, about 0.1 s of a million-case import. A process-wide setting, so the library
/// never does this by itself; a program that owns its process (the `ombuds` command) may, before
/// anything else uses SQLite. False when it is too late (SQLite already started).
bool turn_off_sqlite_memory_statistics() noexcept;

}  // namespace ombuds
