// SPDX-License-Identifier: MPL-2.0
// Configuration files (interfaces.md, "Configuration") to and from the domain's types.
#include "ombuds/config_io.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ombuds/detail/text.hpp"

namespace ombuds {
namespace detail {
extern const std::string_view embedded_themes_json;
extern const std::string_view embedded_organisation_json;
}  // namespace detail

namespace {

using nlohmann::json;

[[noreturn]] void fail(std::string_view source, const std::string& what) {
    throw ConfigError(detail::printable(source) + ": " + what);
}

json parse_json(std::string_view text, std::string_view source) {
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::exception& e) {  // parse errors and numbers out of range
        // The parser quotes what it read last, which may be any text of the file.
        fail(source, "not valid JSON (" + detail::printable(e.what()) + ")");
    }
}

/// A string member; empty when absent, an error when present with another type.
std::string string_member(const json& object, const char* key, std::string_view source,
                          std::string_view where) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return {};
    if (!it->is_string()) fail(source, std::string(where) + ": \"" + key + "\" must be a string");
    auto value = it->get<std::string>();
    if (!detail::is_valid_utf8(value))
        fail(source, std::string(where) + ": \"" + key + "\" is not UTF-8");
    return value;
}

/// A code (of a unit, its parent, a group or a theme): codes are printed in reports and exports
/// as they are and cannot be changed without losing what refers to them, so one that spells a
/// CPR number is refused (by the rule for identifiers, id.no_cpr), without echoing it.
std::string code_member(const json& object, const char* key, std::string_view source,
                        std::string_view where) {
    auto code = string_member(object, key, source, where);
    if (detail::cpr_spelling::contains_cpr(code)) {
        fail(source, std::string(where) + ": \"" + key +
                         "\" looks like a CPR number; codes are printed in reports as they are: "
                         "use another code");
    }
    return code;
}

/// A label (or the organisation's name): text for people, so anything CPR-like in it is
/// replaced on loading, as in a note, rather than refused: a register whose stored configuration
/// holds such a label still opens, and no report, export or message shows the number.
std::string label_member(const json& object, const char* key, std::string_view source,
                         std::string_view where) {
    auto label = string_member(object, key, source, where);
    return detail::has_digit(label) ? detail::redact(label) : label;
}

std::optional<Date> date_member(const json& object, const char* key, std::string_view source,
                                std::string_view where) {
    auto text = string_member(object, key, source, where);
    if (text.empty()) return std::nullopt;
    auto date = Date::parse(text);
    if (!date) fail(source, std::string(where) + ": \"" + key + "\" is not a date (YYYY-MM-DD)");
    return date;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(detail::printable(path.string()) + ": cannot be opened");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw ConfigError(detail::printable(path.string()) + ": cannot be read");
    return std::move(text).str();
}

}  // namespace

Organisation parse_organisation_json(std::string_view text, std::string_view source) {
    json root = parse_json(text, source);
    if (!root.is_object()) fail(source, "the organisation must be a JSON object");
    std::string name = label_member(root, "name", source, "organisation");
    auto units = root.find("units");
    if (units == root.end() || !units->is_array()) fail(source, "\"units\" must be an array");
    std::vector<OrgUnit> parsed;
    parsed.reserve(units->size());
    for (std::size_t i = 0; i < units->size(); ++i) {
        const json& entry = (*units)[i];
        std::string where = "unit #" + std::to_string(i + 1);
        if (!entry.is_object()) fail(source, where + " must be an object");
        OrgUnit unit;
        unit.code = code_member(entry, "code", source, where);
        if (unit.code.empty()) fail(source, where + " has no \"code\"");
        where = "unit " + detail::quote_value(unit.code);
        unit.label = label_member(entry, "label", source, where);
        unit.parent = code_member(entry, "parent", source, where);
        if (auto external = entry.find("external");
            external != entry.end() && !external->is_null()) {
            if (!external->is_boolean())
                fail(source, where + ": \"external\" must be true or false");
            unit.external = external->get<bool>();
        }
        unit.valid_from = date_member(entry, "valid_from", source, where);
        unit.valid_to = date_member(entry, "valid_to", source, where);
        parsed.push_back(std::move(unit));
    }
    try {
        return Organisation(std::move(name), std::move(parsed));
    } catch (const ConfigError& e) {
        fail(source, e.what());
    }
}

ThemeCatalogue parse_themes_json(std::string_view text, std::string_view source) {
    json root = parse_json(text, source);
    if (!root.is_object()) fail(source, "the theme catalogue must be a JSON object");
    auto groups = root.find("groups");
    if (groups == root.end() || !groups->is_array()) fail(source, "\"groups\" must be an array");
    std::vector<ThemeCatalogue::GroupSpec> specs;
    for (std::size_t i = 0; i < groups->size(); ++i) {
        const json& entry = (*groups)[i];
        std::string where = "group #" + std::to_string(i + 1);
        if (!entry.is_object()) fail(source, where + " must be an object");
        ThemeCatalogue::GroupSpec spec;
        spec.code = code_member(entry, "code", source, where);
        if (spec.code.empty()) fail(source, where + " has no \"code\"");
        where = "group " + detail::quote_value(spec.code);
        spec.label = label_member(entry, "label", source, where);
        auto themes = entry.find("themes");
        if (themes != entry.end() && !themes->is_null()) {
            if (!themes->is_array()) fail(source, where + ": \"themes\" must be an array");
            for (std::size_t t = 0; t < themes->size(); ++t) {
                const json& theme = (*themes)[t];
                std::string theme_where = where + ", theme #" + std::to_string(t + 1);
                if (!theme.is_object()) fail(source, theme_where + " must be an object");
                auto code = code_member(theme, "code", source, theme_where);
                if (code.empty()) fail(source, theme_where + " has no \"code\"");
                spec.themes.emplace_back(code, label_member(theme, "label", source, theme_where));
            }
        }
        specs.push_back(std::move(spec));
    }
    try {
        return ThemeCatalogue(specs);
    } catch (const ConfigError& e) {
        fail(source, e.what());
    }
}

Organisation load_organisation(const std::filesystem::path& path) {
    return parse_organisation_json(read_file(path), path.string());
}

ThemeCatalogue load_themes(const std::filesystem::path& path) {
    return parse_themes_json(read_file(path), path.string());
}

const Organisation& default_organisation() {
    static const Organisation organisation =
        parse_organisation_json(detail::embedded_organisation_json, "data/organisation.json");
    return organisation;
}

const ThemeCatalogue& default_themes() {
    static const ThemeCatalogue themes =
        parse_themes_json(detail::embedded_themes_json, "data/themes.json");
    return themes;
}

Configuration load_configuration(const std::filesystem::path& organisation_file,
                                 const std::filesystem::path& themes_file) {
    Configuration config;
    config.organisation =
        organisation_file.empty() ? default_organisation() : load_organisation(organisation_file);
    config.themes = themes_file.empty() ? default_themes() : load_themes(themes_file);
    return config;
}

std::string to_json(const Organisation& organisation) {
    json units = json::array();
    for (const auto& unit : organisation.units()) {
        json entry = {{"code", unit.code}, {"label", unit.label}};
        if (!unit.parent.empty()) entry["parent"] = unit.parent;
        if (unit.external) entry["external"] = true;
        if (unit.valid_from) entry["valid_from"] = unit.valid_from->iso();
        if (unit.valid_to) entry["valid_to"] = unit.valid_to->iso();
        units.push_back(std::move(entry));
    }
    return json{{"name", organisation.name()}, {"units", std::move(units)}}.dump(1);
}

std::string to_json(const ThemeCatalogue& catalogue) {
    json groups = json::array();
    for (const auto& group : catalogue.groups()) {
        json themes = json::array();
        for (auto index : group.themes) {
            const auto& theme = catalogue.theme(index);
            themes.push_back({{"code", theme.code}, {"label", theme.label}});
        }
        groups.push_back(
            {{"code", group.code}, {"label", group.label}, {"themes", std::move(themes)}});
    }
    return json{{"groups", std::move(groups)}}.dump(1);
}

}  // namespace ombuds
