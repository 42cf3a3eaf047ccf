// SPDX-License-Identifier: MPL-2.0
// The storage port: what the register asks of a backend. Rows arrive already pseudonymised and
// redacted (StoredRow), so no backend can store a clear citizen. A backend promises:
// - serialised writes: between begin_write() and commit() no other connection writes, so what
//   the register validated is what it stores (SQLite: BEGIN IMMEDIATE);
// - one state for a read: between begin_read() and end_read() reads see one snapshot;
// - all or nothing: rollback() (or a crash) leaves the register as before begin_write();
// - every change of the cases, by ombuds or by any other tool, is logged (changed_rows) until
//   the next snapshot is written, so a snapshot is brought up to date from the changes alone.
// Every failure is thrown as ombuds::Error (busy, io, corrupt, ...), never as the backend's own
// exception. A backend is a folder beside sqlite/ and an entry in open_store (store_factory.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ombuds/date.hpp"
#include "register/stored_row.hpp"

namespace ombuds::store {

/// Called with each row a scan visits and its rowid (its place in storage order).
using RowVisitor = std::function<void(const Row&, std::int64_t rowid)>;
/// Where a part of the column snapshot of `bytes` bytes is to be read (see read_snapshot).
using SnapshotDestination = std::function<char*(std::size_t bytes)>;

/// Which cases a scan visits. Rows come in storage order (the order they were added).
struct Selection {
    std::optional<Period> received;        // only cases received in the period
    std::optional<std::string> pseudonym;  // only one citizen's cases
    std::optional<std::string> main_case;  // only the follow-ups of a main case
    bool unnumbered = false;               // only the cases without their numbers
};

/// Loads many rows into an empty register in one transaction (the store's fastest path).
class BulkLoad {
  public:
    virtual ~BulkLoad() = default;
    /// Stores one row; called on one thread, which may differ from the one that began it.
    virtual void insert(const StoredRow& row) = 0;
    /// Builds what the fast path left out (indexes), before the caller writes the snapshot and
    /// commits. Destroyed without it, the load is rolled back with the transaction.
    virtual void finish() = 0;
};

struct StoreOptions {
    bool create = true;  // create the store when it does not exist
    int busy_timeout_ms = 60000;
    bool allow_network_filesystem = false;
    std::string vfs;  // SQLite: a VFS by name (the fault-injection tests use a shim)
};

class CaseStore {
  public:
    virtual ~CaseStore() = default;

    /// Where the store is, for messages; ":memory:" for a temporary one.
    virtual const std::string& location() const noexcept = 0;
    virtual bool temporary() const noexcept = 0;
    /// The store was created by this open (it held nothing before).
    virtual bool created() const noexcept = 0;

    // --- transactions ---------------------------------------------------------------------
    virtual void begin_write() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
    virtual void begin_read() = 0;
    virtual void end_read() noexcept = 0;
    /// Changes whenever any connection commits a change (a cheap check for staleness).
    virtual std::uint64_t change_counter() = 0;

    // --- the register's own records --------------------------------------------------------
    virtual std::optional<std::string> meta(std::string_view key) = 0;
    virtual void set_meta(std::string_view key, std::string_view value) = 0;
    /// Records a write operation (inside its transaction); never personal data.
    virtual void audit(std::string_view operation, std::size_t cases) = 0;

    // --- cases ----------------------------------------------------------------------------
    virtual void insert(const StoredRow& row) = 0;
    /// Replaces the stored case with the row's case id; false when there is none.
    virtual bool replace(const StoredRow& row) = 0;
    virtual bool remove(std::string_view case_id) = 0;
    /// The case with this id into `out` (views valid until the next call on the store).
    virtual bool find(std::string_view case_id, Row& out) = 0;
    virtual bool has_followups(std::string_view case_id) = 0;
    /// Stored orientation inquiries of a citizen received in `year`, not counting one case.
    virtual std::size_t orientation_count(std::string_view pseudonym, int year,
                                          std::string_view excluding_case_id) = 0;
    virtual std::size_t count() = 0;
    virtual bool empty() = 0;
    /// Visits the selected cases; `wanted` names the columns the visitor reads (others may be
    /// NULL in the row it gets).
    virtual void scan(const Selection& selection, const std::vector<std::size_t>& wanted,
                      const RowVisitor& visit) = 0;
    /// Every distinct non-NULL value of a text column.
    virtual std::vector<std::string> distinct(std::size_t column) = 0;

    // --- the register's numbers -------------------------------------------------------------
    /// The citizen number of any stored case of this pseudonym.
    virtual std::optional<std::int64_t> citizen_number(std::string_view pseudonym) = 0;
    /// The inquiry number of any stored case naming this inquiry id.
    virtual std::optional<std::int64_t> inquiry_number(std::string_view inquiry_id) = 0;
    /// Gives a main case's follow-ups that name no inquiry of their own its inquiry number.
    virtual void set_followups_inquiry(std::string_view main_case_id, std::int64_t inquiry) = 0;
    virtual void set_numbers(std::int64_t rowid, std::optional<std::int64_t> citizen,
                             std::optional<std::int64_t> inquiry) = 0;
    /// Whether any case lacks a number (rows another tool inserted, a follow-up stored before
    /// its main case).
    virtual bool has_unnumbered() = 0;
    /// Builds the indexes a load into an empty register leaves out (by citizen, inquiry and
    /// main case, a citizen's orientation inquiries) when they are missing. Inside a write they are
    /// part of it; outside one they are a write of their own. False when they are missing and
    /// cannot be built now (inside a read, another writer holds the register): the look-ups then
    /// read every case, and are still right.
    /// The same policy on every backend (case_store.cpp); a backend says how it judges and
    /// builds them.
    bool ensure_indexes();

    // --- what changed since the column snapshot -------------------------------------------------
    /// The rowids of the cases inserted, updated or deleted since the snapshot was written, in
    /// order, each once.
    virtual std::vector<std::int64_t> changed_rows() = 0;
    /// The case at a rowid, if it (still) exists; views valid until the next call.
    virtual bool find_row(std::int64_t rowid, const std::vector<std::size_t>& wanted, Row& out) = 0;
    /// The rowid of the case with this id.
    virtual std::optional<std::int64_t> rowid_of(std::string_view case_id) = 0;

    // --- citizens -------------------------------------------------------------------------
    virtual std::size_t remove_citizen(std::string_view pseudonym) = 0;
    /// The pseudonyms of the citizens all of whose cases are closed before `date` and not yet
    /// anonymised.
    virtual std::vector<std::string> citizens_closed_before(Date date) = 0;
    /// Gives every case of each citizen listed (pseudonym, replacement) the replacement and
    /// `key_id`, and removes their notes; returns the cases changed.
    virtual std::size_t replace_citizens(
        const std::vector<std::pair<std::string, std::string>>& replacements,
        std::string_view key_id) = 0;
    /// Removes the notes of anonymous cases closed before `date`; returns the cases changed.
    virtual std::size_t remove_anonymous_notes(Date closed_before) = 0;
    /// Moves removed content out of every file of the store (SQLite: checkpoints the WAL).
    /// False when another connection keeps some of it there.
    virtual bool purge() = 0;

    // --- the column snapshot (opaque parts, written by the register) ----------------------
    /// Reads each stored part, in order, straight into the buffer `destination` gives for its
    /// size (never nullptr for a usable part, even of no bytes; nullptr stops the reading).
    /// False when there is no snapshot or reading stopped.
    virtual bool read_snapshot(const SnapshotDestination& destination) = 0;
    /// Replaces the snapshot and forgets the changes logged before it (they are in it).
    virtual void write_snapshot(const std::vector<std::string_view>& parts) = 0;

    // --- bulk -----------------------------------------------------------------------------
    /// Inside begin_write() on an empty register: the fast path for a large load, or nullptr.
    virtual std::unique_ptr<BulkLoad> bulk_load() = 0;
    /// Prepares for many writes in the open transaction (caches, indexes rebuilt once when
    /// `rows` at least doubles the store); `finish_many` ends that before the commit.
    virtual void begin_many(std::size_t rows) = 0;
    virtual void finish_many() = 0;

  protected:
    /// Whether the indexes ensure_indexes() makes sure of exist. A backend may remember the
    /// answer; it forgets it when another connection may have dropped them (an import), and
    /// then calls indexes_may_have_changed().
    virtual bool has_deferred_indexes() = 0;
    /// Builds them inside the open write, and remembers that they exist.
    virtual void build_deferred_indexes() = 0;
    /// Inside a write transaction; inside a read transaction.
    virtual bool in_write() const noexcept = 0;
    virtual bool in_read() const noexcept = 0;
    /// Another connection may have changed the indexes: a look-up that gave up building them
    /// tries again.
    void indexes_may_have_changed() noexcept { gave_up_indexes_ = false; }

  private:
    bool gave_up_indexes_ = false;  // could not build them outside a write: look-ups scan
};

/// Opens the store at `location`: a PostgreSQL URI (postgresql://... or postgres://...), else a
/// SQLite file (or ":memory:"). Nothing is written before the location is known to be a register of
/// ours or empty.
std::unique_ptr<CaseStore> open_store(const std::string& location, const StoreOptions& options);

/// Whether a location names a register on a database server rather than a file.
bool names_server(std::string_view location) noexcept;

}  // namespace ombuds::store
