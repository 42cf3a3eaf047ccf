// SPDX-License-Identifier: MPL-2.0
// The rules a correct register obeys, each with a stable code, a severity and a Danish and an
// English message, and the Violation that reports one broken rule on one field.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/describe/enum.hpp>

#include "ombuds/detail/invisible.hpp"
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
                              update_needs_case, id_no_cpr, closed_needs_action)

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
    {Rule::closed_needs_action, "closed.needs_action", Severity::error,
     "En afsluttet sag skal have borgerrådgiverens indsats; udfyld indsatsen, eller lad sagen stå "
     "åben",
     "A closed case must name the advisor's effort (action); fill in the action, or leave the "
     "case open"},
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

// What makes a message concrete, in both languages: the hint's words around a language-neutral
// part (a value as shown, an id, a date, a known value), so a message is wholly Danish or wholly
// English. `{v}` stands for Violation::detail and `{s}` for Violation::suggestion.
BOOST_DEFINE_FIXED_ENUM_CLASS(Hint, std::uint8_t,
                              // no words, only the detail (if any)
                              none,
                              // a value that cannot be read
                              expected_date, no_such_date, expected_case_id, cpr_leading_zero,
                              cpr_no_such_date, cvr_digits, ref_empty, did_you_mean, valid_values,
                              invisible_characters, invisible_did_you_mean, invisible_in_citizen,
                              // the file as a whole, its header and its rows
                              encoding, binary, old_workbook, opendocument, zip_not_workbook,
                              workbook_damaged, no_sheets, sheet_missing, sheet_not_workbook,
                              limit_unpacked, limit_ratio, limit_strings, limit_rows, limit_columns,
                              limit_cells, formula_without_value, empty_file, no_cases,
                              unknown_column, unknown_column_did_you_mean, unknown_key,
                              duplicate_column, column_missing, extra_cells, unclosed_quote,
                              not_json_object, not_text_value,
                              // the validator (validation.hpp) and the import
                              main_itself, main_missing, main_not_main, main_other_citizen,
                              main_received_later, main_refused, date_after_today,
                              date_before_earlier)

struct HintInfo {
    Hint hint;
    std::string_view da;
    std::string_view en;
};

inline constexpr auto hint_table = std::to_array<HintInfo>({
    {Hint::none, "{v}", "{v}"},
    {Hint::expected_date,
     "ventede en dato som 25-01-2024 (DD-MM-ÅÅÅÅ), 25.01.2024, 25/1/2024 eller 2024-01-25, ikke "
     "{v}",
     "expected a date such as 25-01-2024 (DD-MM-YYYY), 25.01.2024, 25/1/2024 or 2024-01-25, not "
     "{v}"},
    {Hint::no_such_date,
     "{v} er ikke en dag i kalenderen mellem år 1800 og 2999 (tjek dag og måned)",
     "{v} is not a day of the calendar between the years 1800 and 2999 (check the day and the "
     "month)"},
    {Hint::expected_case_id, "højst 64 tegn uden tabulatorer og linjeskift, ikke {v}",
     "at most 64 characters without tabs or line breaks, not {v}"},
    {Hint::cpr_leading_zero,
     "CPR-nummeret har kun 9 cifre: Excel har sandsynligvis fjernet et 0 forrest. Formatér "
     "kolonnen som tekst og skriv nummeret igen med 0 forrest",
     "the CPR number has only 9 digits: Excel has probably dropped a leading 0. Format the column "
     "as text and type the number again with its leading 0"},
    {Hint::cpr_no_such_date, "de første seks cifre er ikke en fødselsdato (DDMMÅÅ)",
     "the first six digits are not a birth date (DDMMYY)"},
    {Hint::cvr_digits, "efter 'cvr:' skal der stå 8 cifre", "'cvr:' must be followed by 8 digits"},
    {Hint::ref_empty, "efter 'ref:' skal der stå et id", "'ref:' must be followed by an id"},
    {Hint::did_you_mean, "{v}; mente du '{s}'?", "{v}; did you mean '{s}'?"},
    {Hint::valid_values, "{v}; gyldige værdier: {s}", "{v}; valid values: {s}"},
    {Hint::invisible_characters, "{v} indeholder usynlige tegn; slet dem og skriv værdien igen",
     "{v} contains invisible characters; delete them and type the value again"},
    {Hint::invisible_did_you_mean,
     "{v} indeholder usynlige tegn; uden dem står der '{s}'. Slet dem og skriv værdien igen",
     "{v} contains invisible characters; without them it reads '{s}'. Delete them and type the "
     "value again"},
    {Hint::invisible_in_citizen, "værdien indeholder usynlige tegn ({v}); slet dem",
     "the value contains invisible characters ({v}); delete them"},
    {Hint::encoding,
     "tegnsættet er hverken UTF-8 eller Windows-1252; gem filen som CSV (UTF-8) eller .xlsx",
     "the encoding is neither UTF-8 nor Windows-1252; save the file as CSV (UTF-8) or .xlsx"},
    {Hint::binary, "filen er hverken tekst (CSV, JSON Lines) eller et Excel-regneark (.xlsx)",
     "the file is neither text (CSV, JSON Lines) nor an Excel workbook (.xlsx)"},
    {Hint::old_workbook,
     "filen er et gammelt Excel-regneark (.xls) eller et regneark med adgangskode; gem det som "
     ".xlsx uden adgangskode eller som CSV",
     "the file is an old Excel workbook (.xls) or a workbook with a password; save it as .xlsx "
     "without a password or as CSV"},
    {Hint::opendocument, "filen er et OpenDocument-regneark (.ods); gem det som .xlsx eller CSV",
     "the file is an OpenDocument spreadsheet (.ods); save it as .xlsx or CSV"},
    {Hint::zip_not_workbook, "filen er et zip-arkiv, men ikke et Excel-regneark",
     "the file is a zip archive, but not an Excel workbook"},
    {Hint::workbook_damaged,
     "Excel-regnearket er beskadiget ({v}); åbn det i Excel og gem det igen",
     "the Excel workbook is damaged ({v}); open it in Excel and save it again"},
    {Hint::no_sheets, "Excel-regnearket har ingen ark", "the Excel workbook has no sheets"},
    {Hint::sheet_missing, "regnearket har intet ark ved navn {v}; arkene hedder {s}",
     "the workbook has no sheet named {v}; its sheets are {s}"},
    {Hint::sheet_not_workbook, "et ark ({v}) kan kun vælges i et Excel-regneark (.xlsx)",
     "a sheet ({v}) can only be chosen in an Excel workbook (.xlsx)"},
    {Hint::limit_unpacked, "regnearket fylder mere end {v} MB udpakket; del det i flere filer",
     "the workbook holds more than {v} MB unpacked; split it into several files"},
    {Hint::limit_ratio,
     "en del af regnearket ({v}) er pakket usædvanligt tæt sammen (en zip-bombe?); det læses ikke",
     "a part of the workbook ({v}) is packed unusually tightly (a zip bomb?); it is not read"},
    {Hint::limit_strings, "regnearket har mere end {v} tekster; del det i flere filer",
     "the workbook has more than {v} texts; split it into several files"},
    {Hint::limit_rows, "arket har mere end {v} rækker", "the sheet has more than {v} rows"},
    {Hint::limit_columns, "arket har mere end {v} kolonner", "the sheet has more than {v} columns"},
    {Hint::limit_cells, "arket har mere end {v} celler; del det i flere filer",
     "the sheet has more than {v} cells; split it into several files"},
    {Hint::formula_without_value,
     "cellen {v} har en formel uden beregnet værdi; åbn regnearket i Excel og gem det igen",
     "the cell {v} has a formula without a computed value; open the workbook in Excel and save "
     "it again"},
    {Hint::empty_file, "filen er tom", "the file is empty"},
    {Hint::no_cases, "filen har ingen sager", "the file has no cases"},
    {Hint::unknown_column, "ukendt kolonne {v}", "unknown column {v}"},
    {Hint::unknown_column_did_you_mean, "ukendt kolonne {v}; mente du '{s}'?",
     "unknown column {v}; did you mean '{s}'?"},
    {Hint::unknown_key, "ukendt felt {v}", "unknown field {v}"},
    {Hint::duplicate_column, "kolonnen {v} findes to gange", "the column {v} appears twice"},
    {Hint::column_missing, "kolonnen {v} mangler", "the column {v} is missing"},
    {Hint::extra_cells, "rækken har flere celler, end der er kolonner",
     "the row has more cells than there are columns"},
    {Hint::unclosed_quote,
     "et anførselstegn (\") lukkes aldrig; resten af filen er læst som én celle",
     "a quote (\") is never closed; the rest of the file was read as one cell"},
    {Hint::not_json_object, "linjen er ikke et JSON-objekt", "the line is not a JSON object"},
    {Hint::not_text_value, "værdien er hverken tekst, et tal eller null",
     "the value is neither text, a number nor null"},
    {Hint::main_itself, "{v} er sagen selv", "{v} is the case itself"},
    {Hint::main_missing, "hovedsagen {v} findes ikke", "the main case {v} does not exist"},
    {Hint::main_not_main, "{v} er ikke en hovedsag", "{v} is not a main case"},
    {Hint::main_other_citizen, "{v} gælder en anden borger", "{v} concerns another citizen"},
    {Hint::main_received_later, "{v} er modtaget senere end følgesagen",
     "{v} was received later than the follow-up"},
    {Hint::main_refused, "hovedsagen {v} er afvist", "the main case {v} was refused"},
    {Hint::date_after_today, "{v} ligger efter i dag ({s})", "{v} is after today ({s})"},
    {Hint::date_before_earlier, "{v} ligger før {s}", "{v} is before {s}"},
});

constexpr const HintInfo& hint_info(Hint hint) noexcept {
    static_assert(hint_table.size() == code_count<Hint>);
    return hint_table[static_cast<std::size_t>(hint)];
}

namespace detail {
constexpr bool hints_follow_declaration() {
    for (std::size_t i = 0; i < hint_table.size(); ++i) {
        if (static_cast<std::size_t>(hint_table[i].hint) != i) return false;
    }
    return true;
}
static_assert(hints_follow_declaration(), "hint_table must list every hint in declaration order");
}  // namespace detail

/// One broken rule on one field of one record. `detail` is the language-neutral part that makes
/// the message concrete (a value as shown, redacted and cut; an id; a date), `hint` the words
/// around it in both languages, `suggestion` a second neutral part (a known value, a list, a
/// date). Neither ever holds a CPR number or a note.
struct Violation {
    Rule rule;
    Field field;
    Severity severity;
    std::string detail;
    Hint hint = Hint::none;
    std::string suggestion;

    Violation(Rule r, Field f, std::string d = {})
        : rule(r), field(f), severity(rule_info(r).severity), detail(std::move(d)) {}
    Violation(Rule r, Field f, Hint h, std::string d = {}, std::string s = {})
        : rule(r),
          field(f),
          severity(rule_info(r).severity),
          detail(std::move(d)),
          hint(h),
          suggestion(std::move(s)) {}

    bool is_error() const noexcept { return severity == Severity::error; }

    /// The rule's message and the hint, wholly in one language; invisible characters in the
    /// values are shown by name.
    std::string message(Lang lang = Lang::da) const {
        const auto& info = rule_info(rule);
        const bool da = lang == Lang::da;
        std::string text(da ? info.da : info.en);
        if (hint == Hint::none && detail.empty()) return text;
        std::string_view words = da ? hint_info(hint).da : hint_info(hint).en;
        text += ": ";
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (words.substr(i, 3) == "{v}") {
                text += ombuds::detail::mark_invisible(detail, da);
                i += 2;
            } else if (words.substr(i, 3) == "{s}") {
                text += ombuds::detail::mark_invisible(suggestion, da);
                i += 2;
            } else {
                text += words[i];
            }
        }
        return text;
    }
};

}  // namespace ombuds
