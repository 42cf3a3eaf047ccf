// SPDX-License-Identifier: MPL-2.0
// The register's files for people and the GDPR operations: the period export, a citizen's
// insight export, erasure and anonymisation.
#include <sstream>

#include "handles.hpp"
#include "ombuds/case_file.hpp"
#include "ombuds/detail/text.hpp"

using namespace ombuds::capi;

namespace {

ombuds::FileFormat export_format(const json& options) {
    auto format = string_option(options, "format");
    if (format.empty() || format == "csv") return ombuds::FileFormat::csv;
    if (format == "jsonl") return ombuds::FileFormat::jsonl;
    throw misuse("option \"format\" must be \"csv\" or \"jsonl\"");
}

}  // namespace

extern "C" {

int ombuds_export(ombuds_db* db, const char* options_json, char** out_text) {
    if (out_text) *out_text = nullptr;
    return guarded(db, [&] {
        auto& handle = live_db(db);
        if (out_text == nullptr) throw misuse("out_text is NULL");
        json options = parse_options(options_json, {"from", "to", "format", "excel"});
        auto from = date_option(options, "from");
        auto to = date_option(options, "to");
        if (from.has_value() != to.has_value()) throw misuse("\"from\" and \"to\" go together");
        std::optional<ombuds::Period> period;
        if (from) {
            if (*to < *from) throw misuse("\"to\" is before \"from\"");
            period = ombuds::Period{*from, *to};
        }
        ombuds::WriteOptions write;
        write.format = export_format(options);
        write.excel = bool_option(options, "excel", false);
        write.columns = ombuds::export_columns(false, false);
        std::ostringstream out;
        ombuds::write_case_file(out, handle.reg->cases(period), handle.reg->config(), write);
        *out_text = c_string(out.str());
        return OMBUDS_OK;
    });
}

int ombuds_export_citizen(ombuds_db* db, const char* citizen, const char* options_json,
                          char** out_text) {
    if (out_text) *out_text = nullptr;
    return guarded(db, [&] {
        auto& handle = live_db(db);
        if (out_text == nullptr) throw misuse("out_text is NULL");
        auto who = text_argument(citizen, "the citizen");
        json options = parse_options(options_json, {"format", "excel"});
        ombuds::WriteOptions write;
        write.format = export_format(options);
        write.excel = bool_option(options, "excel", false);
        // The person's cases with their notes, and no citizen column (interfaces.md): the id
        // is never written out, and the file fed back with --update changes nothing.
        write.columns = ombuds::export_columns(false, true);
        write.with_notes = true;
        std::ostringstream out;
        ombuds::write_case_file(out, handle.reg->citizen_cases(who), handle.reg->config(), write);
        *out_text = c_string(out.str());
        return OMBUDS_OK;
    });
}

int ombuds_erase_citizen(ombuds_db* db, const char* citizen, char** out_json) {
    if (out_json) *out_json = nullptr;
    return guarded(db, [&] {
        auto& handle = live_db(db);
        auto result = handle.reg->erase_citizen(text_argument(citizen, "the citizen"));
        // Erased whatever the answer: it is built after, and failing to build it loses only it.
        if (out_json)
            *out_json =
                c_string(json{{"erased", result.erased}, {"wal_clean", result.clean}}.dump());
        return OMBUDS_OK;
    });
}

int ombuds_anonymise(ombuds_db* db, const char* options_json, char** out_json) {
    if (out_json) *out_json = nullptr;
    return guarded(db, [&] {
        auto& handle = live_db(db);
        json options = parse_options(options_json, {"closed_before"});
        auto date = date_option(options, "closed_before");
        if (!date) throw misuse("the options need \"closed_before\"");
        auto result = handle.reg->anonymise_closed_before(*date);
        if (out_json)
            *out_json =
                c_string(json{{"cases", result.cases}, {"citizens", result.citizens}}.dump());
        return OMBUDS_OK;
    });
}

}  // extern "C"
