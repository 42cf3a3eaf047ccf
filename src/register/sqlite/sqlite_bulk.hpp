// SPDX-License-Identifier: MPL-2.0
// The SQLite backend's paths for many rows: a load into an empty register (rollback journal,
// no indexes until the end) and many writes into one that holds cases (a larger cache, indexes
// rebuilt once when the write at least doubles the register).
#pragma once

#include <cstddef>
#include <memory>

#include "register/case_store.hpp"

namespace ombuds::store::sqlite {

struct Connection;

/// Many writes inside the caller's open transaction; finish() before the commit.
class ManyWrites {
  public:
    virtual ~ManyWrites() = default;
    /// Before each write: the first may drop the indexes rebuilt at finish(). Not earlier, so
    /// the validation that precedes the writes looks cases up through them.
    virtual void before_write() = 0;
    virtual void finish() = 0;
};

std::unique_ptr<BulkLoad> start_bulk_load(Connection& connection);
std::unique_ptr<ManyWrites> start_many(Connection& connection, std::size_t rows);

}  // namespace ombuds::store::sqlite
