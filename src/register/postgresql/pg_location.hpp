// SPDX-License-Identifier: MPL-2.0
// A PostgreSQL register's location: a libpq connection URI (postgresql://... or postgres://...)
// with one option of ours, `schema`, which libpq does not know and never sees. The password a
// URI may carry is kept for libpq alone: the location shown in messages is the URI without it.
#pragma once

#include <string>
#include <string_view>

namespace ombuds::store::postgresql {

/// The schema a register lives in when the location names none.
inline constexpr std::string_view default_schema = "ombuds";

struct Location {
    std::string conninfo;           // for libpq: the URI without our options
    std::string shown;              // for messages and location(): the URI without any password
    std::string schema;             // the register's schema
    std::string password;           // the URI's password (empty: none), never shown
    std::string password_as_given;  // as the URI spells it (percent-encoded)
};

/// Whether a location names a PostgreSQL register.
bool is_postgresql(std::string_view location) noexcept;

/// Splits a PostgreSQL URI. Throws Error (misuse) for a schema name that is not lower-case
/// letters, digits and '_' (at most 63, not starting with a digit or "pg_").
Location parse_location(std::string_view uri);

/// `text` with every spelling of the location's password (as given and percent-decoded)
/// replaced by "***": for messages that might quote the connection string.
std::string without_password(std::string text, const Location& location);

}  // namespace ombuds::store::postgresql
