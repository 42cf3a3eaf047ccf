// SPDX-License-Identifier: MPL-2.0
// PostgreSQL's failures as ombuds::Error, in English and Danish: the one place the PostgreSQL
// backend translates them. No message ever holds the connection's password, and none quotes
// stored values (only the server's primary message is shown, never its detail).
#pragma once

#include <string_view>

#include "register/postgresql/pg_location.hpp"

struct pg_conn;
struct pg_result;

namespace ombuds::store::postgresql {

/// Throws the Error for a failed statement's result, or for the connection's state when there
/// is no result: busy for lock and serialisation waits, corrupt for damaged data or a missing
/// table of ours, io for everything else (a lost connection, a server shutting down, no
/// privilege).
[[noreturn]] void throw_error(const Location& location, const pg_conn* connection,
                              const pg_result* result);

/// Throws the Error for a connection that could not be made.
[[noreturn]] void throw_connect_error(const Location& location, const pg_conn* connection);

}  // namespace ombuds::store::postgresql
