// SPDX-License-Identifier: MPL-2.0
// Importing a case file through the one import pipeline.
#include "handles.hpp"
#include "ombuds/import.hpp"

using namespace ombuds::capi;

extern "C" {

int ombuds_import_file(ombuds_db* db, const char* path, const char* options_json, char** out_json) {
    if (out_json) *out_json = nullptr;
    return guarded(db, [&] {
        auto& handle = live_db(db);
        if (text_argument(path, "the path").empty()) throw misuse("the path is empty");
        json options =
            parse_options(options_json, {"replace", "update", "skip_invalid", "dry_run", "format"});
        ombuds::ImportOptions import;
        bool replace = bool_option(options, "replace", false);
        bool update = bool_option(options, "update", false);
        if (replace && update) throw misuse("\"replace\" and \"update\" exclude each other");
        import.mode = replace  ? ombuds::WriteMode::replace
                      : update ? ombuds::WriteMode::update
                               : ombuds::WriteMode::insert;
        import.skip_invalid = bool_option(options, "skip_invalid", false);
        import.dry_run = bool_option(options, "dry_run", false);
        if (auto format = string_option(options, "format"); !format.empty()) {
            if (format == "csv")
                import.read.format = ombuds::FileFormat::csv;
            else if (format == "jsonl")
                import.read.format = ombuds::FileFormat::jsonl;
            else
                throw misuse("option \"format\" must be \"csv\" or \"jsonl\"");
        }
        auto result = ombuds::import_file(*handle.reg, path, import);
        answer_json errors = answer_json::array();
        for (const auto& issue : result.issues) {
            errors.push_back({{"line", issue.line},
                              {"column", std::string(issue.column_name())},
                              {"rule", ombuds::rule_code(issue.violation.rule)},
                              {"field", std::string(issue.column_name())},
                              {"severity", ombuds::code(issue.violation.severity)},
                              {"message", issue.violation.message(handle.lang)}});
        }
        answer_json summary = {{"read", result.read},
                               {"imported", result.imported},
                               {"rejected", result.refused},
                               {"errors", std::move(errors)}};
        // With skip_invalid the file is taken when any record passes (stored, or in a dry run
        // would be); without it, one error refuses the whole file.
        bool some_valid = result.refused < result.read;
        bool refused =
            result.unreadable || (result.errors() > 0 && !(import.skip_invalid && some_valid));
        std::string refusal;
        if (refused) {
            const bool da = handle.lang == ombuds::Lang::da;
            refusal = std::string(da ? "sagsfilen blev afvist: " : "the file was refused: ") +
                      std::to_string(result.errors()) + (da ? " fejl" : " errors");
        }
        // Not undone when building the answer fails after the import: an import in a
        // transaction of the C API's own would lose the register's bulk-import paths.
        char* answer = out_json ? c_string(summary.dump()) : nullptr;
        // Nothing below can fail.
        if (out_json) *out_json = answer;
        if (refused) {
            handle.errmsg.swap(refusal);
            return OMBUDS_INVALID;
        }
        return OMBUDS_OK;
    });
}

}  // extern "C"
