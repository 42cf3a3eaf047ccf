// SPDX-License-Identifier: MPL-2.0
// The backend a register suite runs against: SQLite files by default, or the PostgreSQL server
// named by $OMBUDS_TEST_LOCATION (a libpq URI; ctest registers the suite a second time with it,
// beside the throwaway server of tests/postgresql). One suite, two backends: a test asks for a
// register by name and gets a file in its directory or a schema of its own on the server, and
// runs SQL on the store as another program would.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include <SQLiteCpp/SQLiteCpp.h>

#include "ombuds/register.hpp"

namespace ombuds::test {

/// The PostgreSQL location of the run, or empty: SQLite files.
inline std::string postgresql_base() {
    const char* base = std::getenv("OMBUDS_TEST_LOCATION");
    return base ? base : "";
}

inline bool on_postgresql() {
    return !postgresql_base().empty();
}

/// Whether PostgreSQL's server programs are installed (scripts/setup.sh installs them; without
/// them tests/postgresql starts no server and the PostgreSQL run is skipped).
inline bool postgresql_server_installed() {
    std::error_code ec;
    for (const auto& version : std::filesystem::directory_iterator("/usr/lib/postgresql", ec))
        if (std::filesystem::exists(version.path() / "bin" / "postgres", ec)) return true;
    return false;
}

/// The schema of a test's register: one per directory (process and test) and name.
inline std::string schema_for(const std::filesystem::path& dir, const std::string& name) {
    auto hash = std::hash<std::string>{}(dir.string() + "/" + name);
    // Letters only: a run of digits in a name can read as a CPR number, which every message
    // masks, and a test looking for the name in a message would not find it.
    std::string text = "t";
    for (int shift = 60; shift >= 0; shift -= 4)
        text += static_cast<char>('a' + ((hash >> shift) & 15));
    return text;
}

/// Where a test keeps the register `name`: the file dir/name, or a schema of its own.
inline std::filesystem::path register_location(const std::filesystem::path& dir,
                                               const std::string& name) {
    if (!on_postgresql()) return dir / name;
    return postgresql_base() + "&schema=" + schema_for(dir, name);
}

/// Options for the register `name`: on PostgreSQL its key file is dir/name.key, where SQLite
/// keeps it by default, unless the test gave one or set $OMBUDS_KEY_FILE.
inline RegisterOptions options_for(const std::filesystem::path& dir, const std::string& name,
                                   RegisterOptions options) {
    const char* from_environment = std::getenv("OMBUDS_KEY_FILE");
    if (on_postgresql() && options.key_file.empty() && !(from_environment && *from_environment))
        options.key_file = dir / (name + ".key");
    return options;
}

/// A connection of its own to a PostgreSQL register's server, as another program would open
/// one, its search path the register's schema.
inline std::unique_ptr<PGconn, void (*)(PGconn*)> connect_postgresql(
    const std::filesystem::path& location) {
    const std::string text = location.string();
    const auto at = text.rfind("&schema=");
    std::unique_ptr<PGconn, void (*)(PGconn*)> db(PQconnectdb(text.substr(0, at).c_str()),
                                                  PQfinish);
    if (PQstatus(db.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(db.get()));
    const std::string search_path = "SET search_path = " + text.substr(at + 8);
    std::unique_ptr<PGresult, void (*)(PGresult*)> set(PQexec(db.get(), search_path.c_str()),
                                                       PQclear);
    if (PQresultStatus(set.get()) != PGRES_COMMAND_OK)
        throw std::runtime_error(PQresultErrorMessage(set.get()));
    return db;
}

/// Runs SQL on a test's register as another program would, returning the first column of the
/// first row ("" for none or NULL). `sqlite` and `postgresql` are the statement in each dialect.
inline std::string store_sql(const std::filesystem::path& location, const std::string& sqlite,
                             const std::string& postgresql) {
    if (!on_postgresql()) {
        SQLite::Database db(location.string(), SQLite::OPEN_READWRITE);
        SQLite::Statement statement(db, sqlite);
        std::string first;
        bool row = statement.executeStep();
        if (row && statement.getColumnCount() > 0 && !statement.getColumn(0).isNull())
            first = statement.getColumn(0).getString();
        while (row) row = statement.executeStep();
        return first;
    }
    auto db = connect_postgresql(location);
    std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(db.get(), postgresql.c_str()),
                                                          PQclear);
    auto status = PQresultStatus(result.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        throw std::runtime_error(PQresultErrorMessage(result.get()));
    if (status != PGRES_TUPLES_OK || PQntuples(result.get()) == 0 ||
        PQgetisnull(result.get(), 0, 0))
        return "";
    return PQgetvalue(result.get(), 0, 0);
}

/// The same statement in both dialects.
inline std::string store_sql(const std::filesystem::path& location, const std::string& sql) {
    return store_sql(location, sql, sql);
}

}  // namespace ombuds::test

/// In a fixture's SetUp: skips the PostgreSQL run when there is no server to run against.
#define OMBUDS_REQUIRE_BACKEND()                                                             \
    if (::ombuds::test::on_postgresql() && !::ombuds::test::postgresql_server_installed()) { \
        GTEST_SKIP() << "PostgreSQL's server programs are not installed (postgresql-15)";    \
    }

/// Skips a test of what only a register on a server does.
#define OMBUDS_POSTGRESQL_ONLY(why)                 \
    if (!::ombuds::test::on_postgresql()) {         \
        GTEST_SKIP() << "PostgreSQL only: " << why; \
    }

/// Skips a test that inspects or edits the SQLite file itself.
#define OMBUDS_SQLITE_ONLY(why)                 \
    if (::ombuds::test::on_postgresql()) {      \
        GTEST_SKIP() << "SQLite only: " << why; \
    }
