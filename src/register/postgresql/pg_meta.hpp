// SPDX-License-Identifier: MPL-2.0
// The register's `meta` table as a write transaction sees it: each key read once and changes
// sent at the transaction's next savepoint or its commit, so numbering a case costs no round
// trip. Under the register's lock no other writer changes `meta` meanwhile.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "register/postgresql/pg_connection.hpp"

namespace ombuds::store::postgresql {

class MetaCache {
  public:
    explicit MetaCache(Connection& c) : c_(c) {}

    /// The value of a key; kept when `writing` (inside a write transaction).
    std::optional<std::string> get(std::string_view key, bool writing);
    /// Sets a key: sent at once outside a write transaction, else at the next flush().
    void set(std::string_view key, std::string_view value, bool writing);
    /// Sends what was set since the last flush (before a savepoint, and before the commit).
    void flush();
    /// Forgets everything (after a rollback, which may undo flushed changes, and a commit).
    void forget() noexcept;

  private:
    void store(std::string_view key, std::string_view value);

    Connection& c_;
    std::map<std::string, std::optional<std::string>, std::less<>> known_;
    std::map<std::string, std::string, std::less<>> pending_;
};

}  // namespace ombuds::store::postgresql
