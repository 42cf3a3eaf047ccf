// SPDX-License-Identifier: MPL-2.0
// The register: opening (the store, the key, the configuration), single-case writes, deletion,
// transactions and reading cases back. Everything is pseudonymised and redacted here, before
// the store sees it.
#include "ombuds/register.hpp"

#include <algorithm>
#include <cstdlib>

#include "ombuds/config_io.hpp"
#include "ombuds/detail/text.hpp"
#include "register/register_impl.hpp"

namespace ombuds {
namespace {

/// Where the key of a register lives: the option, $OMBUDS_KEY_FILE, or beside the register
/// (the default place, where a key found before its register is refused as planted).
std::filesystem::path key_location(const std::filesystem::path& path,
                                   const RegisterOptions& options, bool& default_place) {
    default_place = false;
    if (!options.key_file.empty()) return options.key_file;
    if (const char* from_environment = std::getenv("OMBUDS_KEY_FILE");
        from_environment && *from_environment) {
        return from_environment;
    }
    default_place = true;
    return path.string() + ".key";
}

/// The pseudonym of a fixed text, by which a register recognises its own key.
std::string key_check(const detail::Pseudonymiser& pseudonyms) {
    return detail::to_hex(pseudonyms.pseudonym("ombuds key check"));
}

/// Applies a configuration file given again to an existing register (interfaces.md,
/// "Configuration"): identical changes nothing; new codes or labels update; a dropped code
/// still used by a stored case is refused. True when it changed the stored configuration.
bool reconcile_units(store::CaseStore& store, const Organisation& given) {
    std::string json = to_json(given);
    if (store.meta("organisation") == json) return false;
    for (const auto& code : store.distinct(store::column_of(Field::unit))) {
        if (!given.find(code)) {
            throw ConfigError("the organisation given drops code " + detail::quote_value(code) +
                              ", which stored cases use");
        }
    }
    store.set_meta("organisation", json);
    return true;
}

bool reconcile_themes(store::CaseStore& store, const ThemeCatalogue& given) {
    std::string json = to_json(given);
    if (store.meta("themes") == json) return false;
    for (const auto& code : store.distinct(store::column_of(Field::theme))) {
        if (!given.find_theme(code)) {
            throw ConfigError("the theme catalogue given drops theme " + detail::quote_value(code) +
                              ", which stored cases use");
        }
    }
    for (const auto& code : store.distinct(store::column_of(Field::theme) + 1)) {
        if (!given.find_group(code)) {
            throw ConfigError("the theme catalogue given drops group " + detail::quote_value(code) +
                              ", which stored cases use");
        }
    }
    store.set_meta("themes", json);
    return true;
}

std::string next_version(const std::optional<std::string>& version) {
    long long number = version ? std::atoll(version->c_str()) : 0;
    return std::to_string(number + 1);
}

}  // namespace

Register Register::open(const std::filesystem::path& location, const RegisterOptions& options) {
    const std::string path = location.string();
    const bool temporary = path == ":memory:";
    // A register on a database server: its key is read (or made) once the server has said
    // whether the register exists, and it is never kept beside it.
    const bool on_server = store::names_server(path);
    std::error_code ec;
    const bool existed = temporary || on_server || std::filesystem::exists(location, ec);

    // Configuration files are read before anything is created, so a bad file leaves no trace.
    std::optional<Organisation> organisation;
    std::optional<ThemeCatalogue> themes;
    if (!options.organisation_file.empty())
        organisation = load_organisation(options.organisation_file);
    if (!options.themes_file.empty()) themes = load_themes(options.themes_file);

    auto impl = std::make_unique<Impl>();
    impl->path = temporary ? std::filesystem::path(":memory:") : location;
    impl->options = options;
    bool default_place = false;
    impl->key_file =
        temporary ? std::filesystem::path() : key_location(location, options, default_place);
    // A register on a server has no place beside it for its key: without a key file named it
    // opens without its key, as a register file whose key is elsewhere does (reports and period
    // exports work), and is never created.
    const bool server_without_key = on_server && default_place;
    if (server_without_key) impl->key_file.clear();
    using KeyFile = detail::Pseudonymiser::KeyFile;
    const KeyFile new_key = default_place ? KeyFile::create_new : KeyFile::create_or_read;

    // A new register's key is made before the register, so a key that cannot be made leaves
    // no register without one. An existing register's key is read after the store has judged
    // the file ours: a foreign file is refused as that, not for a missing key.
    std::optional<std::array<unsigned char, detail::Pseudonymiser::key_size>> key;
    bool key_created = false;
    if (temporary) {
        key = detail::Pseudonymiser::random_key();
    } else if (!existed && options.create) {
        key = detail::Pseudonymiser::load_key(impl->key_file, new_key);
        key_created = true;
    }

    store::StoreOptions store_options;
    store_options.create = options.create && !server_without_key;
    store_options.busy_timeout_ms = options.busy_timeout_ms;
    store_options.allow_network_filesystem = options.allow_network_filesystem;
    store_options.vfs = options.vfs;
    try {
        impl->store = store::open_store(path, store_options);
    } catch (const Error& e) {
        if (key_created) std::filesystem::remove(impl->key_file, ec);
        if (server_without_key && options.create && e.kind() == ErrorKind::not_found) {
            // The store's message names the location without its password.
            throw Error(ErrorKind::misuse,
                        e.message(Lang::en) +
                            " (a new register on a database server is created with its "
                            "pseudonym key file, kept on this machine: name it with --key-file "
                            "or OMBUDS_KEY_FILE)",
                        e.message(Lang::da) +
                            " (et nyt register på en databaseserver oprettes med sin "
                            "pseudonymnøglefil, der opbevares på denne maskine: angiv den med "
                            "--key-file eller OMBUDS_KEY_FILE)");
        }
        throw;
    } catch (...) {
        if (key_created) std::filesystem::remove(impl->key_file, ec);
        throw;
    }
    auto& store = *impl->store;
    if (on_server) impl->path = store.location();  // never the password

    if (!key && !temporary) {
        std::error_code exists_error;
        if (!impl->key_file.empty() &&
            (store.created() || std::filesystem::exists(impl->key_file, exists_error))) {
            key = detail::Pseudonymiser::load_key(impl->key_file,
                                                  store.created() ? new_key : KeyFile::existing);
        }
        // Else the register opens without its key: reports and period exports work; what needs
        // the key says so (require_key).
    }
    if (key) {
        impl->pseudonyms.emplace(*key);
        std::fill(key->begin(), key->end(), 0);
        impl->key_id = detail::to_hex(impl->pseudonyms->pseudonym("ombuds key id")).substr(0, 16);
    }

    {
        Impl::Write write(*impl);
        const bool fresh = !store.meta("organisation").has_value();
        if (fresh) {
            // A new register keeps the configuration it was created with.
            store.set_meta("organisation",
                           to_json(organisation ? *organisation : default_organisation()));
            store.set_meta("themes", to_json(themes ? *themes : default_themes()));
            store.set_meta("config_version", "1");
            if (impl->pseudonyms) store.set_meta("key_check", key_check(*impl->pseudonyms));
            store.audit("init", 0);
        } else {
            if (impl->pseudonyms) {
                auto stored_check = store.meta("key_check");
                if (!stored_check) {
                    store.set_meta("key_check", key_check(*impl->pseudonyms));
                } else if (*stored_check != key_check(*impl->pseudonyms)) {
                    const auto where = detail::shown_location(impl->path.string());
                    const auto key_file = detail::shown_location(impl->key_file.string());
                    throw Error(ErrorKind::corrupt,
                                where + ": the key file " + key_file +
                                    " does not belong to this register (name its own key file)",
                                where + ": nøglefilen " + key_file +
                                    " hører ikke til dette register (angiv dets egen nøglefil)");
                }
            }
            bool changed = false;
            if (organisation) changed = reconcile_units(store, *organisation) || changed;
            if (themes) changed = reconcile_themes(store, *themes) || changed;
            if (changed)
                store.set_meta("config_version", next_version(store.meta("config_version")));
        }
        write.commit();
    }
    impl->load_config();
    // Cases without their numbers (an older register, rows another tool inserted) get them.
    if (store.has_unnumbered()) {
        Impl::Write write(*impl);
        impl->number_missing();
        write.commit();
    }
    return Register(std::move(impl));
}

Register::Register(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Register::Register(Register&&) noexcept = default;
Register& Register::operator=(Register&&) noexcept = default;
Register::~Register() {
    if (impl_ && impl_->explicit_transaction) impl_->store->rollback();
}

const Configuration& Register::config() {
    impl_->refresh_config();
    return impl_->config;
}
const std::filesystem::path& Register::path() const noexcept {
    return impl_->path;
}
bool Register::has_key() const noexcept {
    return impl_->pseudonyms.has_value();
}
std::optional<Date> Register::fixed_today() const noexcept {
    return impl_->options.today;
}
bool Register::in_transaction() const noexcept {
    return impl_->explicit_transaction;
}

std::vector<Violation> Register::validate(const CaseRecord& rec, WriteMode mode,
                                          const FieldSet& given) {
    impl_->refresh_config();
    std::vector<Violation> out;
    CaseRecord merged;
    const CaseRecord* checked = &rec;
    if (mode == WriteMode::update) {
        auto stored = rec.case_id ? impl_->view.find_case(rec.case_id->view()) : std::nullopt;
        if (!stored) {
            out.emplace_back(Rule::update_needs_case, Field::case_id,
                             rec.case_id ? detail::quote_value(rec.case_id->view()) : "");
            return out;
        }
        merged = merge_update(stored->record, rec, given);
        checked = &merged;
    }
    if (!checked->citizen.is_anonymous() && checked->citizen.type() != Citizen::Type::pseudonym)
        impl_->require_key("to check a case with a citizen",
                           "til at kontrollere en sag med en borger");
    Validator validator(impl_->config, ValidationOptions{impl_->options.today, mode});
    validator.validate(*checked, impl_->view, out);
    return out;
}

std::vector<Violation> Register::write(
    const CaseRecord& rec, WriteMode mode, const FieldSet& given,
    const std::function<void(const std::vector<Violation>&)>& before_commit) {
    impl_->refresh_config();
    Impl::Write write(*impl_);
    if (mode == WriteMode::update && rec.case_id && !impl_->view.find_case(rec.case_id->view()))
        throw Error(ErrorKind::not_found, "no case " + detail::quote_value(rec.case_id->view()));
    auto violations = validate(rec, mode, given);
    bool refused = std::any_of(violations.begin(), violations.end(),
                               [](const Violation& v) { return v.is_error(); });
    if (refused || !rec.case_id) return violations;
    if (mode == WriteMode::update) {
        auto stored = impl_->view.find_case(rec.case_id->view());
        store_validated(merge_update(stored->record, rec, given), WriteMode::replace);
    } else {
        store_validated(rec, mode);
    }
    impl_->store->audit(mode == WriteMode::insert    ? "insert"
                        : mode == WriteMode::replace ? "replace"
                                                     : "update",
                        1);
    if (before_commit) before_commit(violations);
    write.commit();
    return violations;
}

void Register::store_validated(const CaseRecord& rec, WriteMode mode) {
    const std::string pseudonym = impl_->pseudonym(rec.citizen);  // outlives the row
    auto numbers = impl_->numbers_for(rec, pseudonym);
    auto row = impl_->row(rec, pseudonym);
    row.set_numbers(numbers.citizen, numbers.inquiry);
    if (mode == WriteMode::insert || !impl_->store->replace(row)) impl_->store->insert(row);
    // A main case's follow-ups without an inquiry id of their own are in its inquiry. A new
    // main case has none stored yet but those earlier in the same batch, which are stored
    // without a number and numbered at its commit.
    if (mode == WriteMode::insert || rec.role != Role::main || !rec.case_id || !numbers.inquiry)
        return;
    if (impl_->many)
        impl_->pending_followup_inquiries.emplace_back(rec.case_id->str(), *numbers.inquiry);
    else
        impl_->store->set_followups_inquiry(rec.case_id->view(), *numbers.inquiry);
}

void Register::delete_case(std::string_view case_id) {
    Impl::Write write(*impl_);
    if (!impl_->view.find_case(case_id))
        throw Error(ErrorKind::not_found, "no case " + detail::quote_value(case_id));
    impl_->store->ensure_indexes();
    if (impl_->store->has_followups(case_id)) {
        throw Error(ErrorKind::conflict,
                    std::string(rule_code(Rule::main_delete_with_followups)) + ": " +
                        std::string(rule_info(Rule::main_delete_with_followups).en) + ": " +
                        detail::quote_value(case_id));
    }
    impl_->store->remove(case_id);
    impl_->store->audit("delete", 1);
    write.commit();
}

void Register::begin() {
    if (impl_->explicit_transaction)
        throw Error(ErrorKind::misuse, "a transaction is already open");
    impl_->store->begin_write();
    try {
        impl_->store->ensure_indexes();
    } catch (...) {
        impl_->store->rollback();
        throw;
    }
    impl_->explicit_transaction = true;
}

void Register::commit() {
    if (!impl_->explicit_transaction) throw Error(ErrorKind::misuse, "no transaction is open");
    impl_->store->commit();
    impl_->explicit_transaction = false;
}

void Register::rollback() {
    if (!impl_->explicit_transaction) throw Error(ErrorKind::misuse, "no transaction is open");
    impl_->explicit_transaction = false;
    impl_->store->rollback();
}

std::size_t Register::case_count() {
    return impl_->store->count();
}

const RegisterView& Register::view() {
    impl_->refresh_config();
    return impl_->view;
}

}  // namespace ombuds
