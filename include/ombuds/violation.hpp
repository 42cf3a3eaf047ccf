// SPDX-License-Identifier: MPL-2.0
// The rules a correct register obeys, each with a stable code, a severity and a Danish and an
// English message, and the Violation that reports one broken rule on one field.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/describe/enum.hpp>

#include "ombuds/fields.hpp"
#include "ombuds/taxonomy.hpp"

namespace ombuds {

BOOST_DEFINE_FIXED_ENUM_CLASS(Rule, std::uint8_t,
                              // reading a value
                              field_required, field_format, code_known, file_format,
                              // domain.md, "Validation rules"
                              followup_requires_main, main_no_parent, main_delete_with_followups,
                              rejection_reason_iff_rejected, rejection_time_barred_needs_age,
                              rejection_other_authority_unit, action_fits_kind, dates_order,
                              closed_needs_resolution, unit_known, theme_known, theme_required,
                              staff_no_personal_data, investigation_origin, citizen_format,
                              kle_format, orientation_once_per_citizen, id_unique,
                              rejection_other_needs_note, main_keeps_followups, replace_would_clear,
                              update_needs_case, id_no_cpr)

struct RuleInfo {
    Rule rule;
    std::string_view code;
    Severity severity;
    std::string_view da;
    std::string_view en;
};

inline constexpr auto rule_table = std::to_array<RuleInfo>({
    {Rule::field_required, "field.required", Severity::error, "Feltet skal udfyldes",
     "The field is required"},
    {Rule::field_format, "field.format", Severity::error, "Værdien har ikke det rigtige format",
     "The value is not in the expected format"},
    {Rule::code_known, "code.known", Severity::error, "Ukendt kode", "Unknown code"},
    {Rule::file_format, "file.format", Severity::error, "Filen kan ikke læses som en sagsfil",
     "The file cannot be read as a case file"},
    {Rule::followup_requires_main, "followup.requires_main", Severity::error,
     "En følgesag skal knyttes til en eksisterende hovedsag for samme borger, modtaget senest "
     "samme dag som følgesagen",
     "A follow-up case must be attached to an existing main case of the same citizen, received "
     "no later than the follow-up"},
    {Rule::main_no_parent, "main.no_parent", Severity::error,
     "En hovedsag må ikke have en hovedsag (main_case_id)",
     "A main case must not name a main case (main_case_id)"},
    {Rule::main_delete_with_followups, "main.delete_with_followups", Severity::error,
     "En hovedsag med følgesager kan ikke slettes eller gøres til følgesag, så længe de findes",
     "A main case with follow-up cases cannot be deleted or turned into a follow-up while they "
     "exist"},
    {Rule::rejection_reason_iff_rejected, "rejection.reason_iff_rejected", Severity::error,
     "Afvisningsgrund skal angives, netop når indsatsen er 'Afvist'",
     "A rejection reason is required exactly when the action is 'rejected'"},
    {Rule::rejection_time_barred_needs_age, "rejection.time_barred_needs_age", Severity::error,
     "Afvisning fordi forholdet ligger for langt tilbage kræver en dato for forholdet, der ligger "
     "mere end fristen før modtagelsen",
     "Rejection as time-barred needs a matter date lying more than the limit before receipt"},
    {Rule::rejection_other_authority_unit, "rejection.other_authority_unit", Severity::error,
     "Ved afvisning på grund af anden myndighed skal enheden være tom eller en ekstern myndighed",
     "With rejection for another authority the unit must be empty or an external authority"},
    {Rule::action_fits_kind, "action.fits_kind", Severity::error,
     "Indsatsen hører ikke til sagstypen", "The action does not belong to the case's kind"},
    {Rule::dates_order, "dates.order", Severity::error,
     "Datoerne skal følge hinanden: forholdets dato <= modtaget <= første svar <= afsluttet, og "
     "ingen må ligge i fremtiden",
     "Dates must be in order: matter date <= received <= first response <= closed, none in the "
     "future"},
    {Rule::closed_needs_resolution, "closed.needs_resolution", Severity::warning,
     "En afsluttet klage eller tilsynssag bør have en løsning",
     "A closed complaint or investigation should have a resolution"},
    {Rule::unit_known, "unit.known", Severity::error,
     "Enheden findes ikke i organisationen eller var ikke gyldig på modtagelsesdatoen",
     "The unit is not in the organisation or was not valid on the date received"},
    {Rule::theme_known, "theme.known", Severity::error, "Temaet findes ikke i temakataloget",
     "The theme is not in the theme catalogue"},
    {Rule::theme_required, "theme.required", Severity::error,
     "Klager og andre henvendelser skal have et tema; medarbejderhenvendelser kun en temagruppe",
     "Complaints and other inquiries need a theme; staff consultations a theme group only"},
    {Rule::staff_no_personal_data, "staff.no_personal_data", Severity::error,
     "En medarbejderhenvendelse må ikke have borger eller notat",
     "A staff consultation must carry no citizen and no note"},
    {Rule::investigation_origin, "investigation.origin", Severity::error,
     "En tilsynssag skal have en oprindelse og være en hovedsag; kun tilsynssager har oprindelse",
     "An investigation needs an origin and must be a main case; only investigations have an "
     "origin"},
    {Rule::citizen_format, "citizen.format", Severity::error,
     "Borgeren skal være et gyldigt CPR-nummer (fødselsdato ikke efter modtagelsen), et "
     "CVR-nummer eller en værdi med præfikset 'ref:'",
     "The citizen must be a valid CPR number (born no later than received), a CVR number or a "
     "value prefixed 'ref:'"},
    {Rule::kle_format, "kle.format", Severity::error,
     "KLE-nummeret skal have formen NN.NN.NN, evt. efterfulgt af en handlingsfacet (fx 32.18.08 "
     "G01)",
     "The KLE reference must read NN.NN.NN, optionally followed by a facet (e.g. 32.18.08 G01)"},
    {Rule::orientation_once_per_citizen, "orientation.once_per_citizen", Severity::warning,
     "Borgeren har allerede en orienteringssag i samme år; orientering registreres én gang pr. "
     "borger",
     "The citizen already has an orientation case in the same year; orientation is registered "
     "once per citizen"},
    {Rule::id_unique, "id.unique", Severity::error, "Sags-id'et findes allerede",
     "The case id already exists"},
    {Rule::rejection_other_needs_note, "rejection.other_needs_note", Severity::warning,
     "Afvisning med 'Anden grund' bør forklares i et notat",
     "A rejection for 'other reason' should be explained in a note"},
    {Rule::main_keeps_followups, "main.keeps_followups", Severity::error,
     "Ændringen af hovedsagen ville efterlade en følgesag uden gyldig hovedsag (samme borger, "
     "modtaget senest samme dag som følgesagen)",
     "The change of the main case would leave a follow-up case without a valid main case (same "
     "citizen, received no later than the follow-up)"},
    {Rule::replace_would_clear, "replace.would_clear", Severity::error,
     "En tom celle må ikke slette en gemt borger eller et gemt notat; udfyld cellen, eller fjern "
     "kolonnen fra filen for at beholde det gemte",
     "An empty cell must not clear a stored citizen or note; fill in the cell, or leave the "
     "column out of the file to keep what is stored"},
    {Rule::update_needs_case, "update.needs_case", Severity::error,
     "Sagen findes ikke i registret og kan derfor ikke rettes",
     "The case is not in the register, so it cannot be corrected"},
    {Rule::id_no_cpr, "id.no_cpr", Severity::error,
     "Et id må ikke ligne et CPR-nummer; brug sagssystemets eget nummer",
     "An id must not look like a CPR number; use the case system's own number"},
});

constexpr const RuleInfo& rule_info(Rule rule) noexcept {
    static_assert(rule_table.size() == code_count<Rule>);
    return rule_table[static_cast<std::size_t>(rule)];
}
constexpr std::string_view rule_code(Rule rule) noexcept {
    return rule_info(rule).code;
}

/// Finds a rule by its dotted code ("followup.requires_main").
constexpr std::optional<Rule> rule_from_code(std::string_view code) noexcept {
    for (const auto& info : rule_table) {
        if (info.code == code) return info.rule;
    }
    return std::nullopt;
}

/// One broken rule on one field of one record. `detail` adds what makes the message concrete
/// (the offending value, redacted; the id referred to); it never holds a CPR number or a note.
struct Violation {
    Rule rule;
    Field field;
    Severity severity;
    std::string detail;

    Violation(Rule r, Field f, std::string d = {})
        : rule(r), field(f), severity(rule_info(r).severity), detail(std::move(d)) {}

    bool is_error() const noexcept { return severity == Severity::error; }

    std::string message(Lang lang = Lang::da) const {
        const auto& info = rule_info(rule);
        std::string text(lang == Lang::da ? info.da : info.en);
        if (!detail.empty()) text += ": " + detail;
        return text;
    }
};

}  // namespace ombuds
