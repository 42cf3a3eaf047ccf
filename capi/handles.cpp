// SPDX-License-Identifier: MPL-2.0
#include "handles.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "ombuds/detail/text.hpp"

namespace ombuds::capi {
namespace {

class Registry {
  public:
    void add(const void* p, HandleType type) {
        std::lock_guard lock(mutex_);
        live_[p] = type;
    }
    bool remove(const void* p, HandleType type) {
        std::lock_guard lock(mutex_);
        auto it = live_.find(p);
        if (it == live_.end() || it->second != type) return false;
        live_.erase(it);
        return true;
    }
    bool contains(const void* p, HandleType type) {
        std::lock_guard lock(mutex_);
        auto it = live_.find(p);
        return it != live_.end() && it->second == type;
    }

  private:
    std::mutex mutex_;
    std::unordered_map<const void*, HandleType> live_;
};

Registry& registry() {
    static Registry* instance = new Registry();  // never destroyed: handles may outlive statics
    return *instance;
}

}  // namespace

// The error model's table (error.hpp) and the header agree.
static_assert(error_kind_info(ErrorKind::not_found).c_status_value == OMBUDS_NOT_FOUND);
static_assert(error_kind_info(ErrorKind::conflict).c_status_value == OMBUDS_CONFLICT);
static_assert(error_kind_info(ErrorKind::misuse).c_status_value == OMBUDS_MISUSE);
static_assert(error_kind_info(ErrorKind::io).c_status_value == OMBUDS_IO);
static_assert(error_kind_info(ErrorKind::corrupt).c_status_value == OMBUDS_CORRUPT);
static_assert(error_kind_info(ErrorKind::busy).c_status_value == OMBUDS_BUSY);

void register_handle(const void* p, HandleType type) {
    registry().add(p, type);
}
bool unregister_handle(const void* p, HandleType type) {
    return registry().remove(p, type);
}
bool is_live(const void* p, HandleType type) {
    return registry().contains(p, type);
}

ombuds_db& live_db(ombuds_db* db) {
    if (db == nullptr) throw misuse("the database handle is NULL");
    if (!is_live(db, HandleType::database))
        throw misuse("not a live database handle (closed, unknown, or a record)");
    return *db;
}

ombuds_record& live_record(ombuds_record* rec) {
    if (rec == nullptr) throw misuse("the record is NULL");
    if (!is_live(rec, HandleType::record))
        throw misuse("not a live record (freed, unknown, or a database handle)");
    return *rec;
}

const ombuds_record& live_record(const ombuds_record* rec) {
    return live_record(const_cast<ombuds_record*>(rec));
}

std::string& open_error() {
    thread_local std::string message;
    return message;
}

int status_of(ErrorKind kind) noexcept {
    return error_kind_info(kind).c_status_value;
}

void keep_message(std::string* errmsg, const std::string& message) noexcept {
    if (!errmsg) return;
    try {
        *errmsg = detail::printable(message);
    } catch (...) {
        // The status stands even when the message cannot be kept.
        errmsg->clear();
    }
}

char* c_string(const std::string& text) {
    auto* out = static_cast<char*>(std::malloc(text.size() + 1));
    if (out == nullptr) throw std::bad_alloc();
    std::memcpy(out, text.data(), text.size() + 1);
    return out;
}

std::string_view text_argument(const char* text, const char* what) {
    if (text == nullptr) throw misuse(std::string(what) + " is NULL");
    std::string_view view(text);
    if (!detail::is_valid_utf8(view)) throw misuse(std::string(what) + " is not valid UTF-8");
    return view;
}

json parse_options(const char* text, std::initializer_list<std::string_view> known) {
    if (text == nullptr || *text == '\0') return json::object();
    json options = json::parse(text);
    if (!options.is_object()) throw misuse("the options must be a JSON object");
    for (const auto& item : options.items()) {
        if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
            throw misuse("unknown option " + detail::quote_value(item.key()));
        }
    }
    return options;
}

std::string string_option(const json& options, const char* key) {
    auto it = options.find(key);
    if (it == options.end() || it->is_null()) return {};
    if (!it->is_string()) throw misuse(std::string("option \"") + key + "\" must be a string");
    return it->get<std::string>();
}

bool bool_option(const json& options, const char* key, bool fallback) {
    auto it = options.find(key);
    if (it == options.end() || it->is_null()) return fallback;
    if (!it->is_boolean())
        throw misuse(std::string("option \"") + key + "\" must be true or false");
    return it->get<bool>();
}

std::optional<std::int64_t> integer_option(const json& options, const char* key) {
    auto it = options.find(key);
    if (it == options.end() || it->is_null()) return std::nullopt;
    if (!it->is_number_integer())
        throw misuse(std::string("option \"") + key + "\" must be a whole number");
    return it->get<std::int64_t>();
}

std::optional<Date> date_option(const json& options, const char* key) {
    auto text = string_option(options, key);
    if (text.empty()) return std::nullopt;
    auto date = Date::parse(text);
    if (!date) throw misuse(std::string("\"") + key + "\" is not a date");
    return date;
}

std::optional<Lang> lang_option(const json& options, const char* key) {
    auto text = string_option(options, key);
    if (text.empty()) return std::nullopt;
    if (text != "da" && text != "en") throw misuse(std::string("\"") + key + "\" must be da or en");
    return text == "en" ? Lang::en : Lang::da;
}

answer_json violations_json(const std::vector<Violation>& violations, Lang lang) {
    answer_json list = answer_json::array();
    for (const auto& v : violations) {
        list.push_back({{"rule", rule_code(v.rule)},
                        {"field", column_name(v.field)},
                        {"severity", code(v.severity)},
                        {"message", v.message(lang)}});
    }
    return list;
}

bool has_error(const std::vector<Violation>& violations) {
    return std::any_of(violations.begin(), violations.end(),
                       [](const Violation& v) { return v.is_error(); });
}

answer_json case_json(const StoredCaseInfo& found, const Configuration& config, bool with_note) {
    answer_json object = answer_json::object();
    for (const auto& info : field_table) {
        if (info.field == Field::citizen || (info.field == Field::note && !with_note)) continue;
        object[std::string(info.name)] = field_text(found.record, info.field, config);
    }
    object["has_citizen"] = found.has_citizen;
    object["citizen_kind"] =
        found.citizen_kind.empty() ? answer_json() : answer_json(found.citizen_kind);
    object["followups"] = found.followups;
    return object;
}

}  // namespace ombuds::capi
