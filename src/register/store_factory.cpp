// SPDX-License-Identifier: MPL-2.0
// Which backend a location names. A backend is a folder beside sqlite/ and an entry here.
#include "register/case_store.hpp"
#include "register/postgresql/pg_location.hpp"
#include "register/postgresql/pg_store.hpp"
#include "register/sqlite/sqlite_store.hpp"

namespace ombuds::store {

std::unique_ptr<CaseStore> open_store(const std::string& location, const StoreOptions& options) {
    if (postgresql::is_postgresql(location)) return postgresql::open(location, options);
    return sqlite::open(location, options);
}

bool names_server(std::string_view location) noexcept {
    return postgresql::is_postgresql(location);
}

}  // namespace ombuds::store
