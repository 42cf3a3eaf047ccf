// SPDX-License-Identifier: MPL-2.0
// The PostgreSQL register's bulk path: rows into an empty register through one COPY in COPY's
// binary format, inside the write transaction the store opened, the indexes and the change
// logging built once after the rows.
#pragma once

#include <memory>

#include "register/case_store.hpp"
#include "register/postgresql/pg_connection.hpp"

namespace ombuds::store::postgresql {

/// Starts the COPY into the cases table, whose indexes and logging the caller dropped in its
/// open write transaction. Destroyed before finish(), the COPY is abandoned (and with it the
/// transaction, which the store rolls back). The rows take rowids from the table's sequence,
/// drawn once for them all rather than row by row.
std::unique_ptr<BulkLoad> start_copy(Connection& c);

}  // namespace ombuds::store::postgresql
