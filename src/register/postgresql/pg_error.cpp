// SPDX-License-Identifier: MPL-2.0
#include "register/postgresql/pg_error.hpp"

#include <string>

#include "ombuds/detail/text.hpp"
#include "ombuds/error.hpp"
#include "register/postgresql/libpq.hpp"

namespace ombuds::store::postgresql {
namespace {

/// A server's message made safe to show: one line, no password, nothing CPR-like.
std::string shown(const Location& location, const char* message) {
    std::string text = message ? message : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    std::string line;
    for (char c : text) {
        if (c == '\n' || c == '\t') c = ' ';
        if (c != ' ' || line.empty() || line.back() != ' ') line += c;
    }
    text = std::move(line);
    return detail::printable(without_password(std::move(text), location));
}

ErrorKind kind_of(std::string_view state) noexcept {
    if (state == "40001" || state == "40P01" || state == "55P03" || state == "57014")
        return ErrorKind::busy;  // serialisation, deadlock, lock or statement timeout
    if (state.starts_with("XX0") || state == "42P01" || state == "42703" || state == "42883")
        return ErrorKind::corrupt;  // damaged data; a table, column or function of ours gone
    return ErrorKind::io;
}

}  // namespace

void throw_error(const Location& location, const pg_conn* connection, const pg_result* result) {
    const auto* conn = const_cast<PGconn*>(connection);
    const char* state = result ? libpq().resultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    if (!state || (conn && libpq().status(conn) == CONNECTION_BAD)) {
        std::string reason = shown(location, conn ? libpq().errorMessage(conn) : nullptr);
        throw Error(ErrorKind::io,
                    location.shown +
                        ": the connection to the PostgreSQL server was lost (the server stopped "
                        "or the network failed); the server rolls back a write it did not "
                        "commit: " +
                        reason,
                    location.shown +
                        ": forbindelsen til PostgreSQL-serveren blev afbrudt (serveren stoppede "
                        "eller netværket svigtede); serveren ruller en skrivning tilbage, som "
                        "ikke blev gennemført: " +
                        reason);
    }
    std::string message =
        shown(location, libpq().resultErrorField(result, PG_DIAG_MESSAGE_PRIMARY));
    const ErrorKind kind = kind_of(state);
    if (kind == ErrorKind::busy) {
        throw Error(kind,
                    location.shown + ": another connection held the register past the wait (" +
                        message + "); try again",
                    location.shown + ": en anden forbindelse holdt registret ud over ventetiden (" +
                        message + "); prøv igen");
    }
    if (kind == ErrorKind::corrupt) {
        throw Error(
            kind, location.shown + ": not an ombuds register, or damaged (" + message + ")",
            location.shown + ": ikke et ombuds-register, eller beskadiget (" + message + ")");
    }
    if (std::string_view(state) == "42501") {
        throw Error(kind,
                    location.shown + ": the role has no privilege for this (" + message +
                        "); see docs/postgresql.md for the privileges a register's role needs",
                    location.shown + ": rollen har ikke rettighed til dette (" + message +
                        "); se docs/postgresql.md om de rettigheder, et registers rolle skal have");
    }
    throw Error(kind, location.shown + ": the PostgreSQL server failed: " + message,
                location.shown + ": PostgreSQL-serveren fejlede: " + message);
}

void throw_connect_error(const Location& location, const pg_conn* connection) {
    std::string reason =
        shown(location,
              connection ? libpq().errorMessage(const_cast<PGconn*>(connection)) : "out of memory");
    throw Error(ErrorKind::io,
                location.shown + ": cannot connect to the PostgreSQL server: " + reason,
                location.shown + ": kan ikke forbinde til PostgreSQL-serveren: " + reason);
}

}  // namespace ombuds::store::postgresql
