// SPDX-License-Identifier: MPL-2.0
// The storage port's one policy of its own: when the indexes an import leaves out are built.
#include "register/case_store.hpp"

#include "ombuds/error.hpp"

namespace ombuds::store {

bool CaseStore::ensure_indexes() {
    const bool present = has_deferred_indexes();
    if (in_write()) {  // part of the caller's write
        if (!present) build_deferred_indexes();
        return true;
    }
    if (present) return true;
    if (in_read() || gave_up_indexes_) return false;
    try {
        begin_write();
        build_deferred_indexes();
        commit();
    } catch (const Error&) {
        rollback();
        gave_up_indexes_ = true;  // another writer holds the register: the look-ups scan
        return false;
    }
    return true;
}

}  // namespace ombuds::store
