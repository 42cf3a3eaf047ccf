// SPDX-License-Identifier: MPL-2.0
// The SQLite backend of the storage port: one file (WAL, full sync, secure delete), every write
// in a BEGIN IMMEDIATE transaction so validation and storage see one state.
#pragma once

#include <memory>
#include <string>

#include "register/case_store.hpp"

namespace ombuds::store::sqlite {

/// Opens (or creates) a SQLite register. Throws Error: not_found when it does not exist and
/// `create` is false, corrupt when the file is not ours (nothing is written to it then), io
/// for a file on a network filesystem unless allowed.
std::unique_ptr<CaseStore> open(const std::string& path, const StoreOptions& options);

}  // namespace ombuds::store::sqlite
