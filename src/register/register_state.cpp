// SPDX-License-Identifier: MPL-2.0
// What a register handle keeps between calls: the configuration in force (noticed when another
// handle stores a new one), pseudonyms, and the stored form of a record.
#include <cstdint>
#include <cstring>

#include "ombuds/config_io.hpp"
#include "ombuds/detail/text.hpp"
#include "ombuds/version.hpp"
#include "register/register_impl.hpp"

namespace ombuds {
namespace {

/// FNV-1a: a stable hash (std::hash is not) of what the columns' codes and indexes mean.
void fnv1a(std::uint64_t& hash, std::string_view text) {
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    hash ^= 0xFF;  // separates consecutive texts
    hash *= 1099511628211ull;
}

template <class E>
void fnv1a_codes(std::uint64_t& hash) {
    for (std::size_t i = 0; i < code_count<E>; ++i) fnv1a(hash, code_names<E>[i]);
}

/// The library's version, the order of the codes and the configuration's units and themes:
/// a column snapshot made under anything else is not used.
std::uint64_t columns_fingerprint(const std::string& organisation_json,
                                  const std::string& themes_json) {
    std::uint64_t hash = 14695981039346656037ull;
    fnv1a(hash, version_string);
    fnv1a_codes<Kind>(hash);
    fnv1a_codes<Role>(hash);
    fnv1a_codes<Action>(hash);
    fnv1a_codes<Resolution>(hash);
    fnv1a_codes<AdminResponse>(hash);
    fnv1a_codes<RejectionReason>(hash);
    fnv1a_codes<Origin>(hash);
    fnv1a(hash, organisation_json);
    fnv1a(hash, themes_json);
    return hash;
}

}  // namespace

void Register::Impl::load_config() {
    auto organisation = store->meta("organisation");
    auto themes = store->meta("themes");
    if (!organisation || !themes) {
        const auto where = detail::shown_location(path.string());
        throw Error(ErrorKind::corrupt, where + ": the register has no configuration (damaged?)",
                    where + ": registret har ingen konfiguration (beskadiget?)");
    }
    Configuration loaded;
    try {
        loaded.organisation = parse_organisation_json(*organisation, "register");
        loaded.themes = parse_themes_json(*themes, "register");
    } catch (const ConfigError& e) {
        const auto where = detail::shown_location(path.string());
        throw Error(ErrorKind::corrupt, where + ": " + e.what(),
                    where + ": registrets konfiguration er beskadiget: " + e.what());
    }
    config = std::move(loaded);
    fingerprint = columns_fingerprint(*organisation, *themes);
    config_version = store->meta("config_version").value_or("");
    checked_at = store->change_counter();
}

void Register::Impl::refresh_config() {
    // The change counter moves only when another connection commits: one cheap query per call,
    // and a read of the stored version only then.
    auto counter = store->change_counter();
    if (checked_at == counter) return;
    checked_at = counter;
    if (store->meta("config_version").value_or("") != config_version) load_config();
}

void Register::Impl::require_key(std::string_view purpose_english,
                                 std::string_view purpose_danish) const {
    if (pseudonyms) return;
    if (key_file.empty()) {  // a register on a server, opened without a key file named
        throw Error(ErrorKind::misuse,
                    "no key file was named; it is needed " + std::string(purpose_english) +
                        " (reports and period exports work without it; name the register's key "
                        "file with --key-file or OMBUDS_KEY_FILE)",
                    "ingen nøglefil er angivet; den skal bruges " + std::string(purpose_danish) +
                        " (rapporter og periodeeksporter virker uden den; angiv registerets "
                        "nøglefil med --key-file eller OMBUDS_KEY_FILE)");
    }
    throw Error(ErrorKind::io,
                "the key file " + detail::shown_location(key_file.string()) +
                    " is missing; it is needed " + std::string(purpose_english) +
                    " (reports and period exports work without it; name the key file where it is "
                    "kept, or restore it from its backup)",
                "nøglefilen " + detail::shown_location(key_file.string()) +
                    " mangler; den skal bruges " + std::string(purpose_danish) +
                    " (rapporter og periodeeksporter virker uden den; angiv nøglefilen, hvor den "
                    "opbevares, eller gendan den fra dens sikkerhedskopi)");
}

std::string Register::Impl::pseudonym(const Citizen& citizen) const {
    if (citizen.is_anonymous()) return {};
    if (citizen.type() == Citizen::Type::pseudonym) return citizen.key();
    require_key("to pseudonymise a citizen", "til at pseudonymisere en borger");
    auto it = pseudonym_cache.find(citizen.key());
    if (it != pseudonym_cache.end()) return it->second;
    if (pseudonym_cache.size() > 100000) pseudonym_cache.clear();
    return pseudonym_cache.emplace(citizen.key(), pseudonyms->pseudonym(citizen.key()))
        .first->second;
}

std::string_view Register::Impl::key_id_of(const CaseRecord& rec) const {
    // The token anonymise gave in place of a pseudonym keeps its mark when its case changes.
    if (rec.citizen.kind() == Citizen::Type::pseudonym) return store::anonymised_key;
    return key_id;
}

store::StoredRow Register::Impl::row(const CaseRecord& rec, const std::string& token) const {
    return store::StoredRow(rec, config, token, key_id_of(rec));
}

}  // namespace ombuds
