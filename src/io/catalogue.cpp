// SPDX-License-Identifier: MPL-2.0
// The catalogue listing, derived from the described enums so a new code appears by itself.
#include "ombuds/catalogue.hpp"

#include <type_traits>

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

/// The field a rule is first about (a form shows its message there).
Field rule_field(Rule rule) {
    switch (rule) {
        case Rule::followup_requires_main:
        case Rule::main_no_parent:
            return Field::main_case_id;
        case Rule::main_delete_with_followups:
        case Rule::main_keeps_followups:
            return Field::role;
        case Rule::rejection_reason_iff_rejected:
            return Field::rejection_reason;
        case Rule::rejection_time_barred_needs_age:
            return Field::matter_date;
        case Rule::rejection_other_authority_unit:
        case Rule::unit_known:
            return Field::unit;
        case Rule::action_fits_kind:
        case Rule::orientation_once_per_citizen:
        case Rule::closed_needs_action:
            return Field::action;
        case Rule::dates_order:
            return Field::received;
        case Rule::closed_needs_resolution:
            return Field::resolution;
        case Rule::theme_known:
        case Rule::theme_required:
            return Field::theme;
        case Rule::staff_no_personal_data:
        case Rule::citizen_format:
        case Rule::replace_would_clear:
            return Field::citizen;
        case Rule::investigation_origin:
            return Field::origin;
        case Rule::kle_format:
            return Field::kle;
        case Rule::rejection_other_needs_note:
            return Field::note;
        default:
            return Field::case_id;
    }
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

std::string catalogue_json(const Configuration& config, Lang lang, std::optional<Date> on) {
    json lists = json::array();
    for_each_taxonomy([&](auto type) {
        using E = typename decltype(type)::type;
        using L = Labels<E>;
        json codes = json::array();
        for (const auto& entry : L::table) {
            json item = {{"code", code(entry.code)},
                         {"da", entry.da},
                         {"en", entry.en},
                         {"label", lang == Lang::da ? entry.da : entry.en}};
            if constexpr (std::is_same_v<E, Action>) {
                // A form offers an action only for the kinds it fits (action.fits_kind).
                json kinds = json::array();
                for (std::size_t k = 0; k < code_count<Kind>; ++k) {
                    if (action_fits(static_cast<Kind>(k), entry.code))
                        kinds.push_back(code(static_cast<Kind>(k)));
                }
                item["kinds"] = std::move(kinds);
            }
            codes.push_back(std::move(item));
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
        if (on && !unit.valid_on(*on)) continue;
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
                         {"field", column_name(rule_field(rule.rule))},
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
