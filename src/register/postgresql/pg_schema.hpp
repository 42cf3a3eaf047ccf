// SPDX-License-Identifier: MPL-2.0
// The PostgreSQL register's schema, in the schema the location names: the cases table (its
// columns derived from the stored columns, the pseudonym bytea), the register's own tables, the
// indexes, the triggers that log every change of the cases, recognising a schema as ours, and
// migrations.
#pragma once

#include <string>

#include "register/postgresql/pg_connection.hpp"

namespace ombuds::store::postgresql {

/// The register schema this build writes: 1 kept dates as text, 2 as dates.
inline constexpr int schema_version = 2;

/// What a schema holds, judged without writing to it.
/// `forbidden`: the schema exists, and the role may not use it.
enum class SchemaIdentity { missing, forbidden, empty, ours, newer, foreign };
SchemaIdentity identify(Connection& c);

/// Creates the register in a missing or empty schema, or brings an older one up to date (in
/// the caller's write transaction). True when it created it.
bool create_or_migrate(Connection& c, SchemaIdentity identity);

/// Judges the schema and creates or migrates the register in it (in the caller's write
/// transaction); true when it created it. Throws Error: corrupt for a schema holding other
/// tables or a newer register (nothing written), not_found for none when `create` is false,
/// io for a schema the role may not use.
bool open_register(Connection& c, bool create);

/// Every index but that of the unnumbered rows, and the trigger that logs insertions, which a
/// load into an empty register drops before its rows; after them it builds the unique ones (by
/// rowid and case id) and creates the trigger again.
void drop_indexes_and_logging(Connection& c);
void create_indexes_and_logging(Connection& c);
/// The other indexes (by main case, orientation, citizen, inquiry): built by the
/// first write or look-up that needs them. Inside a transaction.
void create_deferred_indexes(Connection& c);
bool has_deferred_indexes(Connection& c);

}  // namespace ombuds::store::postgresql
