// SPDX-License-Identifier: MPL-2.0
#include "register/postgresql/pg_meta.hpp"

namespace ombuds::store::postgresql {

std::optional<std::string> MetaCache::get(std::string_view key, bool writing) {
    if (writing) {
        if (auto found = known_.find(key); found != known_.end()) return found->second;
    }
    auto value = c_.query("SELECT value FROM meta WHERE key = $1", Params().text(key));
    std::optional<std::string> out;
    if (value.rows() > 0) out = std::string(value.bytes(0, 0));
    if (writing) known_.emplace(std::string(key), out);
    return out;
}

void MetaCache::set(std::string_view key, std::string_view value, bool writing) {
    if (!writing) {
        store(key, value);
        return;
    }
    known_.insert_or_assign(std::string(key), std::optional<std::string>(value));
    pending_.insert_or_assign(std::string(key), std::string(value));
}

void MetaCache::flush() {
    for (const auto& [key, value] : pending_) store(key, value);
    pending_.clear();
}

void MetaCache::forget() noexcept {
    known_.clear();
    pending_.clear();
}

void MetaCache::store(std::string_view key, std::string_view value) {
    c_.query(
        "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = "
        "excluded.value",
        Params().text(key).text(value));
}

}  // namespace ombuds::store::postgresql
