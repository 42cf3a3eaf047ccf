// SPDX-License-Identifier: MPL-2.0
#include "register/sqlite/sqlite_error.hpp"

#include <new>

#include <sqlite3.h>

#include "ombuds/detail/text.hpp"

namespace ombuds::store::sqlite {

void throw_error(int sqlite_code, const std::string& context, const char* what) {
    std::string message = detail::printable(context + ": " + (what ? what : "SQLite error"));
    switch (sqlite_code & 0xFF) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            throw Error(ErrorKind::busy, message);
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            throw Error(ErrorKind::corrupt, message);
        case SQLITE_NOMEM:
            throw std::bad_alloc();
        case SQLITE_MISUSE:
            throw Error(ErrorKind::misuse, message);
        default:
            throw Error(ErrorKind::io, message);
    }
}

void throw_error(const SQLite::Exception& e, const std::string& context) {
    throw_error(e.getErrorCode(), context, e.what());
}

}  // namespace ombuds::store::sqlite
