// SPDX-License-Identifier: MPL-2.0
// Opening and closing a register, and the last error of a handle.
#include <memory>

#include "handles.hpp"

using namespace ombuds::capi;

extern "C" {

int ombuds_open(const char* path, const char* options_json, ombuds_db** out_db) {
    if (out_db) *out_db = nullptr;
    auto lang = ombuds::Lang::da;  // a failed open answers in the language its options ask
    return guarded(&open_error(), lang, [&] {
        if (out_db == nullptr) throw misuse("out_db is NULL");
        if (text_argument(path, "the path").empty()) throw misuse("the path is empty");
        json options =
            parse_options(options_json, {"organisation_file", "themes_file", "key_file", "create",
                                         "allow_network_filesystem", "busy_timeout_ms", "lang"});
        lang = lang_option(options, "lang").value_or(ombuds::Lang::da);
        ombuds::RegisterOptions register_options;
        register_options.organisation_file = string_option(options, "organisation_file");
        register_options.themes_file = string_option(options, "themes_file");
        register_options.key_file = string_option(options, "key_file");
        register_options.create = bool_option(options, "create", true);
        register_options.allow_network_filesystem =
            bool_option(options, "allow_network_filesystem", false);
        if (auto timeout = integer_option(options, "busy_timeout_ms")) {
            if (*timeout < 0 || *timeout > 24 * 3600 * 1000)
                throw misuse("\"busy_timeout_ms\" must be between 0 and 86400000");
            register_options.busy_timeout_ms = static_cast<int>(*timeout);
        }
        auto handle = std::make_unique<ombuds_db>();
        handle->lang = lang;
        handle->reg.emplace(ombuds::Register::open(path, register_options));
        register_handle(handle.get(), HandleType::database);
        *out_db = handle.release();
        return OMBUDS_OK;
    });
}

int ombuds_close(ombuds_db* db) {
    if (db == nullptr) return OMBUDS_OK;
    return guarded(nullptr, ombuds::Lang::da, [&] {
        if (!unregister_handle(db, HandleType::database))
            throw misuse("not a live database handle (closed, unknown, or a record)");
        delete db;
        return OMBUDS_OK;
    });
}

const char* ombuds_errmsg(const ombuds_db* db) {
    if (db == nullptr) return open_error().c_str();
    if (!is_live(db, HandleType::database))
        return "not a live database handle (closed, unknown, or a record)";
    return db->errmsg.c_str();
}

}  // extern "C"
