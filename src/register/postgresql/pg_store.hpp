// SPDX-License-Identifier: MPL-2.0
// The PostgreSQL backend of the storage port: a register in one schema of a database, reached
// through libpq. Every write transaction takes the register's advisory lock first, so writes
// are serialised per register as BEGIN IMMEDIATE serialises them on SQLite.
#pragma once

#include <memory>
#include <string>

#include "register/case_store.hpp"

namespace ombuds::store::postgresql {

/// Opens (or creates) the register at a PostgreSQL URI (pg_location.hpp). Throws Error:
/// not_found when the schema holds no register and `create` is false, corrupt when it holds
/// tables that are not ours (nothing is written to it then), io when the server cannot be
/// reached or refuses.
std::unique_ptr<CaseStore> open(const std::string& uri, const StoreOptions& options);

}  // namespace ombuds::store::postgresql
