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

/// The triggers that log every change of the cases for the column snapshot. Dropping them
/// drops the snapshot and its log too: a bulk write writes a new snapshot, or leaves the next
/// report to scan.
void create_snapshot_logging(SQLite::Database& db);
void drop_snapshot_logging(SQLite::Database& db);
/// The indexes by main case and of a citizen's orientation inquiries, which a write of many
/// rows into a small register rebuilds after its rows.
void create_followup_indexes(SQLite::Database& db);
void drop_followup_indexes(SQLite::Database& db);
/// The other indexes: left out by a load into an empty
/// register, built by the first write or look-up that needs them.
void create_deferred_indexes(SQLite::Database& db);
void drop_deferred_indexes(SQLite::Database& db);
bool has_deferred_indexes(SQLite::Database& db);
/// The unique index of case ids and the index of the rows without their numbers; an import
/// into an empty register builds them once, after its rows.
void create_core_indexes(SQLite::Database& db);
void drop_core_indexes(SQLite::Database& db);

}  // namespace ombuds::store::sqlite
