// SPDX-License-Identifier: MPL-2.0
// The register: a SQLite database of cases kept valid by the validator, with citizens stored
// only as keyed pseudonyms (HMAC-SHA-256, key held outside the database file). Needs the
// compiled library. The C++ API may change between minor versions; only the C API is stable.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ombuds/case_columns.hpp"
#include "ombuds/case_file.hpp"
#include "ombuds/config.hpp"
#include "ombuds/date.hpp"
#include "ombuds/error.hpp"
#include "ombuds/record.hpp"
#include "ombuds/violation.hpp"

namespace ombuds {

struct RegisterOptions {
    /// Organisation and theme files. Empty: the register's stored configuration (or the
    /// defaults for a new register). Given again: identical files change nothing; files that
    /// add codes or labels update the register; dropping a code still used is refused.
    std::filesystem::path organisation_file;
    std::filesystem::path themes_file;
    /// The pseudonym key file. Empty: $OMBUDS_KEY_FILE, else the database path + ".key",
    /// created with mode 0600 beside a new register. `:memory:` registers use a temporary key.
    std::filesystem::path key_file;
    /// Create the register when it does not exist.
    bool create = true;
    /// "Today" for validation; nullopt: the system clock.
    std::optional<Date> today;
    /// How long to wait for another process's write transaction.
    int busy_timeout_ms = 60000;
    /// Open a register on a network filesystem (NFS, SMB/CIFS, FUSE), where SQLite's locking is
    /// unsafe. Refused unless set.
    bool allow_network_filesystem = false;
    /// The SQLite VFS to use (empty: the default). The fault-injection tests use a shim.
    std::string vfs;
};

struct ImportOptions {
    bool replace = false;       // a stored case id is replaced instead of refused
    bool skip_invalid = false;  // store the valid records, report the refused ones
    bool dry_run = false;       // validate against the register, store nothing
    std::optional<FileFormat> format;
    /// Called now and then on the importing thread during a large import, with the records
    /// stored so far and the records to store (0 while the file is still being read).
    std::function<void(std::size_t stored, std::size_t total)> progress;
};

struct ImportResult {
    std::size_t read = 0;               // records read from the file
    std::size_t imported = 0;           // records stored
    std::size_t refused = 0;            // records refused (with skip_invalid, not stored)
    bool unreadable = false;            // the file is not a case file
    std::vector<FileIssue> issues;      // every error and warning, by line
    std::vector<bool> refused_records;  // per record of the file: refused

    std::size_t errors() const noexcept {
        std::size_t n = 0;
        for (const auto& issue : issues) n += issue.violation.is_error();
        return n;
    }
    std::size_t warnings() const noexcept { return issues.size() - errors(); }
};

/// Who a per-citizen operation concerns: the citizen column's text (CPR, cvr:, ref:).
/// Parsed on entry; the clear value is used only to compute the pseudonym.
class Register {
  public:
    /// Opens (or creates) a register. `:memory:` opens a temporary one.
    static Register open(const std::filesystem::path& path, const RegisterOptions& options = {});

    Register(Register&&) noexcept;
    Register& operator=(Register&&) noexcept;
    ~Register();

    const Configuration& config() const noexcept;
    const std::filesystem::path& path() const noexcept;

    // --- one case at a time (the C API) -------------------------------------------------
    /// The violations of one record against the register; stores nothing.
    std::vector<Violation> validate(const CaseRecord& rec, bool replace = false) const;
    /// Validates and stores one record. Returns its violations; it is stored exactly when none
    /// is an error. Inside begin()/commit() it becomes part of that transaction.
    std::vector<Violation> insert(const CaseRecord& rec, bool replace = false);
    /// Deletes a case. Throws not_found, or conflict (main.delete_with_followups).
    void delete_case(std::string_view case_id);
    /// Group many inserts in one transaction: all stored on commit(), none after rollback().
    void begin();
    void commit();
    void rollback();
    bool in_transaction() const noexcept;

    // --- files ---------------------------------------------------------------------------
    /// Reads, validates and stores a case file: all or nothing unless skip_invalid. Throws
    /// io when the file cannot be read; refused data is in the result, not thrown.
    ImportResult import_file(const std::filesystem::path& file, const ImportOptions& options = {});
    /// The same for a file already read.
    ImportResult import_cases(const CaseFile& file, const ImportOptions& options = {});

    /// Writes the cases received in `period` (all when nullopt) without notes or pseudonyms.
    std::size_t export_cases(std::ostream& out, FileFormat format,
                             std::optional<Period> period = std::nullopt) const;
    /// The insight export: every case of one citizen, notes included, the citizen column as
    /// given. Throws misuse when `citizen` is not a valid citizen value.
    std::size_t export_citizen(std::ostream& out, FileFormat format,
                               std::string_view citizen) const;
    /// Removes every case of a citizen (follow-ups share their main case's citizen, so none is
    /// left dangling); returns how many. Throws misuse when `citizen` is not a valid value.
    std::size_t erase_citizen(std::string_view citizen);
    /// Removes pseudonym and note from the cases closed before `date`; the statistical fields
    /// stay. Each citizen's anonymised cases keep one random token so past counts of unique
    /// citizens are unchanged. Returns how many cases were anonymised.
    std::size_t anonymise_closed_before(Date date);

    // --- reading ---------------------------------------------------------------------------
    std::size_t case_count() const;
    /// Every stored case as columns for the statistics engine.
    CaseColumns load_columns() const;
    /// Every stored case as records (citizen anonymous, notes kept); for tests and tools.
    std::vector<CaseRecord> load_records() const;

    struct Impl;

  private:
    explicit Register(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// Turns off SQLite's memory statistics for the whole process: counting takes a lock on every
/// allocation, about 0.1 s of a million-case import. A process-wide setting, so the library
/// never does this by itself; a program that owns its process (the `ombuds` command) may, before
/// anything else uses SQLite. False when it is too late (SQLite already started).
bool turn_off_sqlite_memory_statistics() noexcept;

}  // namespace ombuds
