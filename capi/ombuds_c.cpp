// SPDX-License-Identifier: MPL-2.0
// The C ABI over the public C++ API. Every exported body runs inside guarded(), the only place
// in capi/ that catches: it records the message on the handle and returns a status.
#define OMBUDS_C_BUILDING 1
#include "ombuds/ombuds.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "ombuds/register.hpp"
#include "ombuds/report.hpp"
#include "ombuds/version.hpp"

struct ombuds_db {
    std::optional<ombuds::Register> reg;
    std::string errmsg;
};

struct ombuds_record {
    std::array<std::string, ombuds::field_count> values;
};

namespace {

using nlohmann::json;
using ombuds::RegisterError;

constexpr std::size_t max_value_bytes = 65536;

/// A caller's mistake: becomes OMBUDS_MISUSE with this message.
struct Misuse {
    std::string message;
};

/// The live handles, so a closed or foreign pointer is refused instead of dereferenced.
class Registry {
  public:
    void add(const void* p) {
        std::lock_guard lock(mutex_);
        live_.insert(p);
    }
    bool remove(const void* p) {
        std::lock_guard lock(mutex_);
        return live_.erase(p) > 0;
    }
    bool contains(const void* p) {
        std::lock_guard lock(mutex_);
        return live_.count(p) > 0;
    }

  private:
    std::mutex mutex_;
    std::unordered_set<const void*> live_;
};

Registry& registry() {
    static Registry* instance = new Registry();  // never destroyed: handles may outlive statics
    return *instance;
}

thread_local std::string open_error;
std::string* const no_message = nullptr;

int status_of(RegisterError::Code code) {
    switch (code) {
        case RegisterError::Code::invalid:
            return OMBUDS_INVALID;
        case RegisterError::Code::not_found:
            return OMBUDS_NOT_FOUND;
        case RegisterError::Code::conflict:
            return OMBUDS_CONFLICT;
        case RegisterError::Code::io:
            return OMBUDS_IO;
        case RegisterError::Code::corrupt:
            return OMBUDS_CORRUPT;
        case RegisterError::Code::busy:
            return OMBUDS_BUSY;
        case RegisterError::Code::misuse:
            return OMBUDS_MISUSE;
        case RegisterError::Code::config:
            return OMBUDS_INVALID;
    }
    return OMBUDS_INTERNAL;
}

/// Runs `body` (returning a status) and turns every exception into a status and a message
/// kept in `*errmsg` (when not NULL).
template <class Body>
int guarded(std::string* errmsg, Body&& body) noexcept {
    std::string message;
    // Copying a message can itself run out of memory: the status stands without it, since
    // nothing may leave this noexcept function.
    auto note = [&message](const char* prefix, const char* text) noexcept {
        try {
            message.assign(prefix).append(text);
        } catch (...) {
            message.clear();
        }
    };
    int status = OMBUDS_INTERNAL;
    try {
        status = body();
        if (errmsg && status == OMBUDS_OK) errmsg->clear();
        return status;
    } catch (const Misuse& e) {
        status = OMBUDS_MISUSE;
        note("", e.message.c_str());
    } catch (const RegisterError& e) {
        status = status_of(e.code());
        note("", e.what());
    } catch (const ombuds::ConfigError& e) {
        status = OMBUDS_INVALID;
        note("", e.what());
    } catch (const json::exception& e) {
        status = OMBUDS_MISUSE;
        note("bad JSON argument: ", e.what());
    } catch (const std::bad_alloc&) {
        status = OMBUDS_NOMEM;
        note("", "out of memory");
    } catch (const std::exception& e) {
        status = OMBUDS_INTERNAL;
        note("", e.what());
    } catch (...) {
        status = OMBUDS_INTERNAL;
        note("", "unknown error");
    }
    if (errmsg) {
        try {
            *errmsg = ombuds::detail::printable(message);
        } catch (...) {
            // Keep the status even when the message cannot be kept.
        }
    }
    return status;
}

/// The same for a call on a handle: the message goes to the handle when it is live.
template <class Body>
int guarded(ombuds_db* db, Body&& body) noexcept {
    std::string message;
    int status = guarded(&message, std::forward<Body>(body));
    try {
        if (db != nullptr && registry().contains(db)) {
            if (status == OMBUDS_OK) {
                db->errmsg.clear();
            } else if (!message.empty()) {
                db->errmsg = std::move(message);
            }
        }
    } catch (...) {
        // The status stands even when the message cannot be recorded.
    }
    return status;
}

ombuds_db& live_db(ombuds_db* db) {
    if (db == nullptr) throw Misuse{"the database handle is NULL"};
    if (!registry().contains(db)) throw Misuse{"the database handle is closed or unknown"};
    return *db;
}

const ombuds_record& live_record(const ombuds_record* rec) {
    if (rec == nullptr) throw Misuse{"the record is NULL"};
    if (!registry().contains(rec)) throw Misuse{"the record is freed or unknown"};
    return *rec;
}

/// A string for the caller, allocated with malloc so ombuds_free can release it.
char* c_string(const std::string& text) {
    auto* out = static_cast<char*>(std::malloc(text.size() + 1));
    if (out == nullptr) throw std::bad_alloc();
    std::memcpy(out, text.data(), text.size() + 1);
    return out;
}

/// A string argument: NULL and text that is not UTF-8 are the caller's mistakes.
std::string_view text_argument(const char* text, const char* what) {
    if (text == nullptr) throw Misuse{std::string(what) + " is NULL"};
    std::string_view view(text);
    if (!ombuds::detail::is_valid_utf8(view)) {
        throw Misuse{std::string(what) + " is not valid UTF-8"};
    }
    return view;
}

/// A JSON object of options (NULL or "" is an empty one). An unknown key is refused rather than
/// ignored: a misspelt "audience" must not quietly give a report without suppression.
json parse_options(const char* text, std::initializer_list<std::string_view> known) {
    if (text == nullptr || *text == '\0') return json::object();
    json options = json::parse(text);
    if (!options.is_object()) throw Misuse{"the options must be a JSON object"};
    for (const auto& item : options.items()) {
        if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
            throw Misuse{"unknown option \"" + ombuds::detail::printable(item.key()) + "\""};
        }
    }
    return options;
}

std::string string_option(const json& options, const char* key) {
    auto it = options.find(key);
    if (it == options.end() || it->is_null()) return {};
    if (!it->is_string()) throw Misuse{std::string("option \"") + key + "\" must be a string"};
    return it->get<std::string>();
}

bool bool_option(const json& options, const char* key, bool fallback) {
    auto it = options.find(key);
    if (it == options.end() || it->is_null()) return fallback;
    if (!it->is_boolean())
        throw Misuse{std::string("option \"") + key + "\" must be true or false"};
    return it->get<bool>();
}

json violations_json(const std::vector<ombuds::Violation>& violations) {
    json list = json::array();
    for (const auto& v : violations) {
        list.push_back({{"rule", ombuds::rule_code(v.rule)},
                        {"field", ombuds::column_name(v.field)},
                        {"severity", ombuds::code(v.severity)},
                        {"message", v.message(ombuds::Lang::da)}});
    }
    return list;
}

bool has_error(const std::vector<ombuds::Violation>& violations) {
    for (const auto& v : violations) {
        if (v.is_error()) return true;
    }
    return false;
}

/// Parses a record's text against the register's configuration; the parse violations come
/// first in `violations`.
ombuds::CaseRecord to_case(const ombuds_record& rec, const ombuds::Configuration& config,
                           std::vector<ombuds::Violation>& violations) {
    ombuds::FieldValues values{};
    for (std::size_t i = 0; i < ombuds::field_count; ++i) values[i] = rec.values[i];
    return ombuds::parse_record(values, config, violations);
}

/// Keeps an insert undone until the answer to the caller is built: ombuds_insert says
/// OMBUDS_OK exactly when the case is stored, also when building the answer runs out of memory
/// after the row went in. On its own the insert runs in a transaction of its own; inside the
/// caller's transaction a stored case is deleted again.
class PendingInsert {
  public:
    explicit PendingInsert(ombuds::Register& reg) : reg_(reg), own_(!reg.in_transaction()) {
        if (own_) reg_.begin();
    }
    void stored(std::string_view case_id) { stored_ = case_id; }
    void keep() {
        if (own_) reg_.commit();
        kept_ = true;
    }
    ~PendingInsert() {
        if (kept_) return;
        try {
            if (own_) {
                if (reg_.in_transaction()) reg_.rollback();
            } else if (stored_) {
                reg_.delete_case(*stored_);
            }
        } catch (...) {
            // The connection rolls a failed transaction back by itself when it closes.
        }
    }
    PendingInsert(const PendingInsert&) = delete;
    PendingInsert& operator=(const PendingInsert&) = delete;

  private:
    ombuds::Register& reg_;
    bool own_;
    bool kept_ = false;
    std::optional<std::string_view> stored_;
};

int check_record(ombuds_db* db, const ombuds_record* rec, char** out_json, bool store) {
    if (out_json) *out_json = nullptr;
    auto& handle = live_db(db);
    const auto& record = live_record(rec);
    std::vector<ombuds::Violation> violations;
    auto parsed = to_case(record, handle.reg->config(), violations);
    bool refused = has_error(violations);
    std::optional<PendingInsert> pending;
    if (!refused) {
        if (store) pending.emplace(*handle.reg);
        auto more = store ? handle.reg->insert(parsed) : handle.reg->validate(parsed);
        refused = has_error(more);
        if (store && !refused && parsed.case_id) pending->stored(parsed.case_id->view());
        violations.insert(violations.end(), more.begin(), more.end());
    }
    std::string refusal;
    if (refused) {
        refusal =
            "the record was refused: " + std::string(ombuds::rule_code(violations.front().rule));
        for (const auto& v : violations) {
            if (v.is_error()) {
                refusal = "the record was refused: " + std::string(ombuds::rule_code(v.rule)) +
                          " (" + std::string(ombuds::column_name(v.field)) + ")";
                break;
            }
        }
    }
    char* answer = out_json ? c_string(violations_json(violations).dump()) : nullptr;
    if (pending && !refused) {
        try {
            pending->keep();
        } catch (...) {
            std::free(answer);
            throw;
        }
    }
    // Nothing below can fail.
    if (out_json) *out_json = answer;
    if (refused) {
        handle.errmsg.swap(refusal);
        return OMBUDS_INVALID;
    }
    return OMBUDS_OK;
}

std::optional<ombuds::Date> date_field(const json& request, const char* key) {
    auto text = string_option(request, key);
    if (text.empty()) return std::nullopt;
    auto date = ombuds::Date::parse(text);
    if (!date) throw Misuse{std::string("\"") + key + "\" is not a date"};
    return date;
}

}  // namespace

extern "C" {

const char* ombuds_version(void) {
    return OMBUDS_VERSION_STRING;
}

const char* ombuds_status_name(int status) {
    switch (status) {
        case OMBUDS_OK:
            return "OMBUDS_OK";
        case OMBUDS_INVALID:
            return "OMBUDS_INVALID";
        case OMBUDS_NOT_FOUND:
            return "OMBUDS_NOT_FOUND";
        case OMBUDS_CONFLICT:
            return "OMBUDS_CONFLICT";
        case OMBUDS_IO:
            return "OMBUDS_IO";
        case OMBUDS_CORRUPT:
            return "OMBUDS_CORRUPT";
        case OMBUDS_BUSY:
            return "OMBUDS_BUSY";
        case OMBUDS_MISUSE:
            return "OMBUDS_MISUSE";
        case OMBUDS_NOMEM:
            return "OMBUDS_NOMEM";
        case OMBUDS_INTERNAL:
            return "OMBUDS_INTERNAL";
        default:
            return "OMBUDS_UNKNOWN";
    }
}

int ombuds_open(const char* path, const char* options_json, ombuds_db** out_db) {
    if (out_db) *out_db = nullptr;
    return guarded(&open_error, [&] {
        if (out_db == nullptr) throw Misuse{"out_db is NULL"};
        if (text_argument(path, "the path").empty()) throw Misuse{"the path is empty"};
        json options = parse_options(options_json, {"organisation_file", "themes_file", "key_file",
                                                    "create", "allow_network_filesystem"});
        ombuds::RegisterOptions register_options;
        register_options.organisation_file = string_option(options, "organisation_file");
        register_options.themes_file = string_option(options, "themes_file");
        register_options.key_file = string_option(options, "key_file");
        register_options.create = bool_option(options, "create", true);
        register_options.allow_network_filesystem =
            bool_option(options, "allow_network_filesystem", false);
        auto handle = std::make_unique<ombuds_db>();
        handle->reg.emplace(ombuds::Register::open(path, register_options));
        registry().add(handle.get());
        *out_db = handle.release();
        return OMBUDS_OK;
    });
}

int ombuds_close(ombuds_db* db) {
    if (db == nullptr) return OMBUDS_OK;
    return guarded(no_message, [&] {
        if (!registry().remove(db)) throw Misuse{"the database handle is closed or unknown"};
        delete db;
        return OMBUDS_OK;
    });
}

const char* ombuds_errmsg(const ombuds_db* db) {
    if (db == nullptr) return open_error.c_str();
    if (!registry().contains(db)) return "the database handle is closed or unknown";
    return db->errmsg.c_str();
}

int ombuds_record_new(ombuds_record** out_rec) {
    if (out_rec) *out_rec = nullptr;
    return guarded(no_message, [&] {
        if (out_rec == nullptr) throw Misuse{"out_rec is NULL"};
        auto rec = std::make_unique<ombuds_record>();
        registry().add(rec.get());
        *out_rec = rec.release();
        return OMBUDS_OK;
    });
}

int ombuds_record_set(ombuds_record* rec, const char* field, const char* value) {
    return guarded(no_message, [&] {
        live_record(rec);
        if (field == nullptr) throw Misuse{"the field name is NULL"};
        std::string_view name(field);
        std::optional<ombuds::Field> which;
        for (std::size_t i = 0; i < ombuds::field_count; ++i) {
            if (ombuds::field_table[i].name == name) which = ombuds::field_table[i].field;
        }
        if (!which) throw Misuse{"unknown field"};
        std::string_view text = value ? std::string_view(value) : std::string_view();
        if (text.size() > max_value_bytes) throw Misuse{"the value is longer than 65536 bytes"};
        if (!ombuds::detail::is_valid_utf8(text)) throw Misuse{"the value is not valid UTF-8"};
        rec->values[static_cast<std::size_t>(*which)].assign(text);
        return OMBUDS_OK;
    });
}

int ombuds_record_clear(ombuds_record* rec) {
    return guarded(no_message, [&] {
        live_record(rec);
        for (auto& value : rec->values) value.clear();
        return OMBUDS_OK;
    });
}

void ombuds_record_free(ombuds_record* rec) {
    if (rec == nullptr) return;
    guarded(no_message, [&] {
        if (registry().remove(rec)) delete rec;
        return OMBUDS_OK;
    });
}

int ombuds_validate(ombuds_db* db, const ombuds_record* rec, char** out_json) {
    return guarded(db, [&] { return check_record(db, rec, out_json, false); });
}

int ombuds_insert(ombuds_db* db, const ombuds_record* rec, char** out_json) {
    return guarded(db, [&] { return check_record(db, rec, out_json, true); });
}

int ombuds_delete_case(ombuds_db* db, const char* case_id) {
    return guarded(db, [&] {
        auto& handle = live_db(db);
        handle.reg->delete_case(text_argument(case_id, "the case id"));
        return OMBUDS_OK;
    });
}

int ombuds_begin(ombuds_db* db) {
    return guarded(db, [&] {
        live_db(db).reg->begin();
        return OMBUDS_OK;
    });
}

int ombuds_commit(ombuds_db* db) {
    return guarded(db, [&] {
        live_db(db).reg->commit();
        return OMBUDS_OK;
    });
}

int ombuds_rollback(ombuds_db* db) {
    return guarded(db, [&] {
        live_db(db).reg->rollback();
        return OMBUDS_OK;
    });
}

int ombuds_import_file(ombuds_db* db, const char* path, const char* options_json, char** out_json) {
    if (out_json) *out_json = nullptr;
    return guarded(db, [&] {
        auto& handle = live_db(db);
        if (text_argument(path, "the path").empty()) throw Misuse{"the path is empty"};
        json options =
            parse_options(options_json, {"replace", "skip_invalid", "dry_run", "format"});
        ombuds::ImportOptions import;
        import.replace = bool_option(options, "replace", false);
        import.skip_invalid = bool_option(options, "skip_invalid", false);
        import.dry_run = bool_option(options, "dry_run", false);
        if (auto format = string_option(options, "format"); !format.empty()) {
            if (format == "csv")
                import.format = ombuds::FileFormat::csv;
            else if (format == "jsonl")
                import.format = ombuds::FileFormat::jsonl;
            else
                throw Misuse{"option \"format\" must be \"csv\" or \"jsonl\""};
        }
        auto result = handle.reg->import_file(path, import);
        json errors = json::array();
        for (const auto& issue : result.issues) {
            errors.push_back({{"line", issue.line},
                              {"column", std::string(issue.column_name())},
                              {"rule", ombuds::rule_code(issue.violation.rule)},
                              {"severity", ombuds::code(issue.violation.severity)},
                              {"message", issue.violation.message(ombuds::Lang::da)}});
        }
        json summary = {{"read", result.read},
                        {"imported", result.imported},
                        {"rejected", result.refused},
                        {"errors", std::move(errors)}};
        // With skip_invalid the file is taken when any record passes (stored, or in a dry run
        // would be); without it, one error refuses the whole file.
        bool some_valid = result.refused < result.read;
        bool refused =
            result.unreadable || (result.errors() > 0 && !(import.skip_invalid && some_valid));
        std::string refusal;
        if (refused)
            refusal = "the file was refused: " + std::to_string(result.errors()) + " errors";
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

int ombuds_report(ombuds_db* db, const char* request_json, char** out_text) {
    if (out_text) *out_text = nullptr;
    return guarded(db, [&] {
        auto& handle = live_db(db);
        if (out_text == nullptr) throw Misuse{"out_text is NULL"};
        if (request_json == nullptr) throw Misuse{"the request is NULL"};
        json request =
            parse_options(request_json, {"from", "to", "compare_from", "compare_to", "compare",
                                         "format", "audience", "lang", "min_count"});
        auto from = date_field(request, "from");
        auto to = date_field(request, "to");
        if (!from || !to) throw Misuse{"the request needs \"from\" and \"to\""};
        if (*to < *from) throw Misuse{"\"to\" is before \"from\""};
        ombuds::ReportRequest report_request;
        report_request.period = ombuds::Period{*from, *to};
        auto compare_from = date_field(request, "compare_from");
        auto compare_to = date_field(request, "compare_to");
        if (!bool_option(request, "compare", true)) {
            report_request.compare.reset();
        } else if (compare_from || compare_to) {
            if (!compare_from || !compare_to)
                throw Misuse{"\"compare_from\" and \"compare_to\" go together"};
            report_request.compare = ombuds::Period{*compare_from, *compare_to};
        } else {
            report_request.compare = ombuds::previous_year(report_request.period);
        }
        auto format = ombuds::parse_report_format(
            string_option(request, "format").empty() ? "json" : string_option(request, "format"));
        if (!format) throw Misuse{"\"format\" must be json, md, html or csv"};
        if (auto audience = string_option(request, "audience"); !audience.empty()) {
            auto parsed = ombuds::parse_audience(audience);
            if (!parsed) throw Misuse{"\"audience\" must be advisor, administration or public"};
            report_request.audience = *parsed;
        }
        if (auto lang = string_option(request, "lang"); !lang.empty()) {
            if (lang != "da" && lang != "en") throw Misuse{"\"lang\" must be da or en"};
            report_request.lang = lang == "en" ? ombuds::Lang::en : ombuds::Lang::da;
        }
        if (auto it = request.find("min_count"); it != request.end() && !it->is_null()) {
            if (!it->is_number_integer()) throw Misuse{"\"min_count\" must be a whole number"};
            auto min_count = it->get<std::int64_t>();
            report_request.min_count = static_cast<int>(std::clamp<std::int64_t>(
                min_count, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
        }
        try {
            ombuds::check_report_request(report_request);
        } catch (const ombuds::ReportRequestError& e) {
            throw Misuse{e.what()};
        }
        auto columns = handle.reg->load_columns();
        auto report = ombuds::compute_report(columns, handle.reg->config(), report_request);
        *out_text = c_string(ombuds::render_report(report, *format));
        return OMBUDS_OK;
    });
}

void ombuds_free(void* p) {
    std::free(p);
}

}  // extern "C"
