// SPDX-License-Identifier: MPL-2.0
// The SQLite register's schema: the cases table (its columns derived from the stored columns),
// the register's own tables, indexes and triggers, recognising a file as ours, and migrations.
#pragma once

#include <string>

#include <SQLiteCpp/Database.h>

namespace ombuds::store::sqlite {

inline constexpr int schema_version = 4;
inline constexpr int application_id = 0x4F4D4244;  // "OMBD"

/// What a file holds, judged without writing to it.
enum class FileIdentity { empty, ours, newer, foreign };
FileIdentity identify(SQLite::Database& db);

/// Creates the schema in an empty database, or brings an older register's schema up to date
/// (one write transaction, which the caller holds). True when the database was empty.
bool create_or_migrate(SQLite::Database& db);

/// The secondary indexes (by main case, orientation inquiries by citizen) and the triggers that
/// drop the column snapshot when cases change; an import drops them for its bulk and makes them
/// again after it.
void create_secondary_indexes(SQLite::Database& db);
void drop_secondary_indexes(SQLite::Database& db);
/// The indexes by citizen and inquiry (lookup_indexes_sql): left out by a load into an empty
/// register, built by the first write or look-up that needs them.
void create_lookup_indexes(SQLite::Database& db);
void drop_lookup_indexes(SQLite::Database& db);
bool has_lookup_indexes(SQLite::Database& db);
/// The unique index of case ids; an import into an empty register builds it once, after its
/// rows.
void create_case_id_index(SQLite::Database& db);
void drop_case_id_index(SQLite::Database& db);

}  // namespace ombuds::store::sqlite
