// SPDX-License-Identifier: MPL-2.0
// SQLite's errors as ombuds::Error: the one place the SQLite backend translates them.
#pragma once

#include <string>
#include <utility>

#include <SQLiteCpp/Exception.h>

#include "ombuds/error.hpp"

namespace ombuds::store::sqlite {

/// Throws the ombuds::Error for a SQLite error code (extended codes allowed), or std::bad_alloc
/// for SQLITE_NOMEM. The message is made printable and free of anything CPR-like, since SQLite
/// may quote a damaged schema.
[[noreturn]] void throw_error(int sqlite_code, const std::string& context, const char* what);
[[noreturn]] void throw_error(const SQLite::Exception& e, const std::string& context);

/// Runs `body`, translating what SQLite throws.
template <class Body>
decltype(auto) translated(const std::string& context, Body&& body) {
    try {
        return std::forward<Body>(body)();
    } catch (const SQLite::Exception& e) {
        throw_error(e, context);
    }
}

}  // namespace ombuds::store::sqlite
