// SPDX-License-Identifier: MPL-2.0
// What every translation unit of the C API shares: the two handle types and the registry that
// tells a live handle of the right type from anything else, guarded() (the one place that turns
// exceptions into statuses), and the helpers for arguments and answers.
#pragma once

#define OMBUDS_C_BUILDING 1
#include "ombuds/ombuds.h"

#include <array>
#include <cstdint>
#include <initializer_list>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ombuds/error.hpp"
#include "ombuds/register.hpp"

struct ombuds_db {
    std::optional<ombuds::Register> reg;
    std::string errmsg;
    ombuds::Lang lang = ombuds::Lang::da;
};

struct ombuds_record {
    std::array<std::string, ombuds::field_count> values;
    ombuds::FieldSet set;  // the fields given (ombuds_update changes only these)
};

namespace ombuds::capi {

using nlohmann::json;
/// Answers keep their keys in the order the header documents them ("rule", "field", ...;
/// "case_id" first and the columns in case-file order), not sorted.
using answer_json = nlohmann::ordered_json;

/// A caller's mistake (NULL, bad JSON, an unknown option, a handle of the wrong type).
inline Error misuse(const std::string& message) {
    return Error(ErrorKind::misuse, message);
}

enum class HandleType : std::uint8_t { database, record };

/// The live handles and their types, so a closed, foreign or wrongly typed pointer is refused
/// instead of dereferenced.
void register_handle(const void* p, HandleType type);
bool unregister_handle(const void* p, HandleType type);
bool is_live(const void* p, HandleType type);

ombuds_db& live_db(ombuds_db* db);
const ombuds_record& live_record(const ombuds_record* rec);
ombuds_record& live_record(ombuds_record* rec);

/// The calling thread's last failed ombuds_open, for ombuds_errmsg(NULL).
std::string& open_error();

/// Runs `body` (returning a status) and turns every exception into a status and a message
/// kept in `*errmsg` (when not NULL). The one place in the C API that catches to answer.
/// `lang` is read only when the body has failed (ombuds_open learns it from its options).
template <class Body>
int guarded(std::string* errmsg, const ombuds::Lang& lang, Body&& body) noexcept;

/// The same for a call on a handle: the message goes to the handle when it is live.
template <class Body>
int guarded(ombuds_db* db, Body&& body) noexcept {
    bool live = db != nullptr && is_live(db, HandleType::database);
    return guarded(live ? &db->errmsg : nullptr, live ? db->lang : ombuds::Lang::da,
                   std::forward<Body>(body));
}

/// The status of an error kind (the table of error.hpp).
int status_of(ErrorKind kind) noexcept;
/// Records `message` (made printable) in `*errmsg`; never throws.
void keep_message(std::string* errmsg, const std::string& message) noexcept;

template <class Body>
int guarded(std::string* errmsg, const ombuds::Lang& lang, Body&& body) noexcept {
    try {
        int status = body();
        if (errmsg && status == OMBUDS_OK) errmsg->clear();
        return status;
    } catch (const Error& e) {
        keep_message(errmsg, e.message(lang));
        return status_of(e.kind());
    } catch (const json::exception& e) {
        keep_message(errmsg, std::string("bad JSON argument: ") + e.what());
        return OMBUDS_MISUSE;
    } catch (const std::bad_alloc&) {
        keep_message(errmsg, "out of memory");
        return OMBUDS_NOMEM;
    } catch (const std::exception& e) {
        keep_message(errmsg, e.what());
        return OMBUDS_INTERNAL;
    } catch (...) {
        keep_message(errmsg, "unknown error");
        return OMBUDS_INTERNAL;
    }
}

/// A string for the caller, allocated with malloc so ombuds_free can release it.
char* c_string(const std::string& text);
/// A string argument: NULL and text that is not UTF-8 are the caller's mistakes.
std::string_view text_argument(const char* text, const char* what);

/// A JSON object of options (NULL or "" is an empty one). An unknown key is refused rather than
/// ignored: a misspelt "audience" must not quietly give a report without suppression.
json parse_options(const char* text, std::initializer_list<std::string_view> known);
std::string string_option(const json& options, const char* key);
bool bool_option(const json& options, const char* key, bool fallback);
std::optional<std::int64_t> integer_option(const json& options, const char* key);
std::optional<Date> date_option(const json& options, const char* key);
std::optional<Lang> lang_option(const json& options, const char* key);

answer_json violations_json(const std::vector<Violation>& violations, Lang lang);
bool has_error(const std::vector<Violation>& violations);
/// A stored case as ombuds_get_case and ombuds_list_cases answer it: every case-file column but
/// the citizen (codes and ISO dates), the note when `with_note`, whether it has a citizen and of
/// which kind, and its follow-ups.
answer_json case_json(const StoredCaseInfo& found, const Configuration& config, bool with_note);

}  // namespace ombuds::capi
