// SPDX-License-Identifier: MPL-2.0
// The catalogue listing, derived from the described enums so a new code appears by itself.
#include "ombuds/catalogue.hpp"

#include <nlohmann/json.hpp>

#include "ombuds/violation.hpp"

namespace ombuds {
namespace {

using nlohmann::json;

std::string_view title(auto labels, Lang lang) {
    return lang == Lang::da ? labels.title_da : labels.title_en;
}

/// Escapes the characters that would break a Markdown table cell.
std::string cell(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n' || c == '\r')
            out += ' ';
        else
            out += c;
    }
    return out;
}

}  // namespace

std::string catalogue_markdown(const Configuration& config, Lang lang) {
    const bool da = lang == Lang::da;
    std::string out;
    out += da ? "# Kodekatalog for ombuds\n\n" : "# The ombuds catalogue of codes\n\n";
    for_each_taxonomy([&](auto type) {
        using E = typename decltype(type)::type;
        using L = Labels<E>;
        out += "## " + std::string(title(L{}, lang)) + " (`" + std::string(L::column) + "`)\n\n";
        out += da ? "| Kode | Dansk | Engelsk |\n|---|---|---|\n"
                  : "| Code | Danish | English |\n|---|---|---|\n";
        for (const auto& entry : L::table) {
            out += "| `" + std::string(code(entry.code)) + "` | " + cell(entry.da) + " | " +
                   cell(entry.en) + " |\n";
        }
        out += '\n';
    });

    out += da ? "## Temaer (`theme`)\n\n| Gruppe | Kode | Betegnelse |\n|---|---|---|\n"
              : "## Themes (`theme`)\n\n| Group | Code | Label |\n|---|---|---|\n";
    for (const auto& group : config.themes.groups()) {
        out += "| `" + group.code + "` " + cell(group.label) + " | | |\n";
        for (auto index : group.themes) {
            const auto& theme = config.themes.theme(index);
            out += "| | `" + theme.code + "` | " + cell(theme.label) + " |\n";
        }
    }
    out += '\n';

    out += da ? "## Organisation (`unit`): " : "## Organisation (`unit`): ";
    out += cell(config.organisation.name()) + "\n\n";
    out += da ? "| Kode | Betegnelse | Niveau | Overordnet | Ekstern | Gyldig "
                "|\n|---|---|---|---|---|---|\n"
              : "| Code | Label | Level | Parent | External | Valid |\n|---|---|---|---|---|---|\n";
    for (const auto& unit : config.organisation.units()) {
        std::string valid;
        if (unit.valid_from) valid += (da ? "fra " : "from ") + unit.valid_from->iso();
        if (unit.valid_to)
            valid += (valid.empty() ? "" : " ") + std::string(da ? "til " : "to ") +
                     unit.valid_to->iso();
        out += "| `" + unit.code + "` | " + cell(unit.label) + " | " + std::to_string(unit.level) +
               " | " + (unit.parent.empty() ? std::string() : "`" + unit.parent + "`") + " | " +
               (unit.external ? (da ? "ja" : "yes") : "") + " | " + valid + " |\n";
    }
    out += '\n';

    out += da ? "## Valideringsregler\n\n| Regel | Alvor | Besked |\n|---|---|---|\n"
              : "## Validation rules\n\n| Rule | Severity | Message |\n|---|---|---|\n";
    for (const auto& rule : rule_table) {
        out += "| `" + std::string(rule.code) + "` | " + std::string(label(rule.severity, lang)) +
               " | " + cell(da ? rule.da : rule.en) + " |\n";
    }
    return out;
}

std::string catalogue_json(const Configuration& config, Lang lang) {
    json lists = json::array();
    for_each_taxonomy([&](auto type) {
        using E = typename decltype(type)::type;
        using L = Labels<E>;
        json codes = json::array();
        for (const auto& entry : L::table) {
            codes.push_back({{"code", code(entry.code)}, {"da", entry.da}, {"en", entry.en}});
        }
        lists.push_back(
            {{"column", L::column}, {"title", title(L{}, lang)}, {"codes", std::move(codes)}});
    });
    json groups = json::array();
    for (const auto& group : config.themes.groups()) {
        json themes = json::array();
        for (auto index : group.themes) {
            const auto& theme = config.themes.theme(index);
            themes.push_back({{"code", theme.code}, {"label", theme.label}});
        }
        groups.push_back(
            {{"code", group.code}, {"label", group.label}, {"themes", std::move(themes)}});
    }
    json units = json::array();
    for (const auto& unit : config.organisation.units()) {
        json entry = {{"code", unit.code},
                      {"label", unit.label},
                      {"level", unit.level},
                      {"parent", unit.parent.empty() ? json() : json(unit.parent)},
                      {"external", unit.external},
                      {"valid_from", unit.valid_from ? json(unit.valid_from->iso()) : json()},
                      {"valid_to", unit.valid_to ? json(unit.valid_to->iso()) : json()}};
        units.push_back(std::move(entry));
    }
    json rules = json::array();
    for (const auto& rule : rule_table) {
        rules.push_back({{"code", rule.code},
                         {"severity", code(rule.severity)},
                         {"da", rule.da},
                         {"en", rule.en}});
    }
    json root = {
        {"lists", std::move(lists)},
        {"theme_groups", std::move(groups)},
        {"organisation", {{"name", config.organisation.name()}, {"units", std::move(units)}}},
        {"rules", std::move(rules)}};
    return root.dump(2);
}

}  // namespace ombuds
