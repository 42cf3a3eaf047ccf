// SPDX-License-Identifier: MPL-2.0
// Reading a register back: one case, a list of cases, the catalogue a form's drop-downs need.
#include "handles.hpp"
#include "ombuds/catalogue.hpp"

using namespace ombuds::capi;

extern "C" {

int ombuds_get_case(ombuds_db* db, const char* case_id, char** out_json) {
    if (out_json) *out_json = nullptr;
    return guarded(db, [&] {
        auto& handle = live_db(db);
        if (out_json == nullptr) throw misuse("out_json is NULL");
        auto id = text_argument(case_id, "the case id");
        auto found = handle.reg->find_case(id);
        if (!found)
            throw ombuds::Error(ombuds::ErrorKind::not_found,
                                "no case " + ombuds::detail::quote_value(id),
                                "ingen sag " + ombuds::detail::quote_value(id));
        *out_json = c_string(case_json(*found, handle.reg->config(), true).dump());
        return OMBUDS_OK;
    });
}

int ombuds_list_cases(ombuds_db* db, const char* query_json, char** out_json) {
    if (out_json) *out_json = nullptr;
    return guarded(db, [&] {
        auto& handle = live_db(db);
        if (out_json == nullptr) throw misuse("out_json is NULL");
        json options = parse_options(
            query_json, {"citizen", "inquiry_id", "main_case_id", "open", "received_from",
                         "received_to", "unit", "limit", "after_case_id"});
        ombuds::CaseQuery query;
        auto text = [&](const char* key) -> std::optional<std::string> {
            auto value = string_option(options, key);
            return value.empty() ? std::nullopt : std::optional<std::string>(value);
        };
        query.citizen = text("citizen");
        query.inquiry_id = text("inquiry_id");
        query.main_case_id = text("main_case_id");
        query.unit = text("unit");
        query.after_case_id = text("after_case_id");
        if (options.contains("open") && !options["open"].is_null())
            query.open = bool_option(options, "open", false);
        query.received_from = date_option(options, "received_from");
        query.received_to = date_option(options, "received_to");
        if (auto limit = integer_option(options, "limit")) {
            if (*limit < 0) throw misuse("\"limit\" must not be negative");
            query.limit = static_cast<std::size_t>(*limit);
        }
        // Each case as ombuds_get_case shows it (its citizen's kind, its follow-ups), without
        // the note. A case removed by another connection since the list was read is left out.
        answer_json list = answer_json::array();
        auto& reg = *handle.reg;
        for (const auto& rec : reg.list_cases(query)) {
            if (!rec.case_id) continue;
            if (auto found = reg.find_case(rec.case_id->view()))
                list.push_back(case_json(*found, reg.config(), false));
        }
        *out_json = c_string(list.dump());
        return OMBUDS_OK;
    });
}

int ombuds_catalogue(ombuds_db* db, const char* request_json, char** out_json) {
    if (out_json) *out_json = nullptr;
    return guarded(db, [&] {
        auto& handle = live_db(db);
        if (out_json == nullptr) throw misuse("out_json is NULL");
        json request = parse_options(request_json, {"lang", "on"});
        auto lang = lang_option(request, "lang").value_or(handle.lang);
        *out_json = c_string(
            ombuds::catalogue_json(handle.reg->config(), lang, date_option(request, "on")));
        return OMBUDS_OK;
    });
}

}  // extern "C"
