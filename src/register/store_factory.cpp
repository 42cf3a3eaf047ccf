// SPDX-License-Identifier: MPL-2.0
// Which backend a location names. A backend is a folder beside sqlite/ and an entry here.
#include "register/case_store.hpp"
#include "register/sqlite/sqlite_store.hpp"

namespace ombuds::store {

std::unique_ptr<CaseStore> open_store(const std::string& location, const StoreOptions& options) {
    if (location.starts_with("postgresql://") || location.starts_with("postgres://")) {
        throw Error(ErrorKind::misuse,
                    "this build of ombuds has no PostgreSQL backend; give a register file");
    }
    return sqlite::open(location, options);
}

}  // namespace ombuds::store
