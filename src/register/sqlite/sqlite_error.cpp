// SPDX-License-Identifier: MPL-2.0
#include "register/sqlite/sqlite_error.hpp"

#include <new>

#include <sqlite3.h>

#include "ombuds/detail/text.hpp"

namespace ombuds::store::sqlite {

void throw_error(int sqlite_code, const std::string& context, const char* what) {
    const std::string where = ombuds::detail::shown_location(context);
    // SQLite's own words, in English, follow in parentheses: what the register says is Danish.
    const std::string sqlite_says =
        " (" + ombuds::detail::printable(what ? what : "SQLite error") + ")";
    auto error = [&](ErrorKind kind, const char* english, const char* danish) {
        return Error(kind, where + ": " + english + sqlite_says,
                     where + ": " + danish + sqlite_says);
    };
    switch (sqlite_code & 0xFF) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            throw error(ErrorKind::busy, "another connection held the register past the wait",
                        "en anden forbindelse holdt registret ud over ventetiden");
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            throw error(ErrorKind::corrupt, "not an ombuds register, or damaged",
                        "ikke et ombuds-register, eller beskadiget");
        case SQLITE_NOMEM:
            throw std::bad_alloc();
        case SQLITE_MISUSE:
            throw error(ErrorKind::misuse, "used in a way SQLite does not allow",
                        "brugt på en måde, SQLite ikke tillader");
        case SQLITE_CANTOPEN:
            throw error(ErrorKind::io, "cannot be opened", "kan ikke åbnes");
        case SQLITE_READONLY:
            throw error(ErrorKind::io, "cannot be written", "kan ikke skrives");
        case SQLITE_FULL:
            throw error(ErrorKind::io, "the disk is full", "disken er fuld");
        case SQLITE_IOERR:
            throw error(ErrorKind::io, "cannot be read or written", "kan ikke læses eller skrives");
        default:
            throw error(ErrorKind::io, "SQLite failed", "SQLite fejlede");
    }
}

void throw_error(const SQLite::Exception& e, const std::string& context) {
    throw_error(e.getErrorCode(), context, e.what());
}

}  // namespace ombuds::store::sqlite
