// SPDX-License-Identifier: MPL-2.0
// The template workbook. Its columns, lists and instructions are derived from the case record's
// description (fields.hpp) and the configuration, so a new field or code appears by itself.
#include "ombuds/case_template.hpp"

#include <algorithm>
#include <type_traits>
#include <vector>

#include "ombuds/record.hpp"
#include "xlsx_workbook.hpp"

namespace ombuds {
namespace {

/// What a column of the template takes, by the type of its field.
struct Column {
    Field field = Field::case_id;
    bool date = false;
    bool text = false;  // an id or a citizen: kept as text, leading zeros and all
    bool free_text = false;
    std::vector<std::string> choices;  // a coded column's drop-down list
    std::string help;                  // what to write, for the instructions
};

/// The label of a code when it reads back as that code, else the code itself.
template <class E>
std::string safe_label(E value) {
    auto text = std::string(label(value, Lang::da));
    return parse_code<E>(text) == value ? text : std::string(code(value));
}

void add_choice(std::vector<std::string>& choices, std::string text) {
    if (std::find(choices.begin(), choices.end(), text) == choices.end())
        choices.push_back(std::move(text));
}

template <class T>
void describe(Column& column, const T&, const Configuration& config) {
    if constexpr (std::is_same_v<T, std::optional<Date>>) {
        column.date = true;
        column.help = "Dato, fx 25-01-2024 (DD-MM-ÅÅÅÅ).";
    } else if constexpr (std::is_same_v<T, std::optional<CaseId>>) {
        column.text = true;
        column.help = "Et id, højst 64 tegn (sagsnummeret fra journalsystemet eller et eget).";
    } else if constexpr (std::is_same_v<T, Citizen>) {
        column.text = true;
        column.help =
            "Borgerens CPR-nummer (10 cifre, evt. 211062-5629), cvr: og 8 cifre, ref: og et id fra "
            "journalsystemet, eller tom (anonym). Kolonnen er tekst, så et 0 forrest bevares.";
    } else if constexpr (std::is_same_v<T, std::optional<UnitIndex>>) {
        for (std::size_t i = 0; i < config.organisation.size(); ++i) {
            const auto& unit = config.organisation.unit(static_cast<UnitIndex>(i));
            bool readable = config.organisation.find(unit.label) == static_cast<UnitIndex>(i);
            add_choice(column.choices, readable ? unit.label : unit.code);
        }
        column.help = "Den enhed i organisationen, sagen drejer sig om; vælg fra listen.";
    } else if constexpr (std::is_same_v<T, ThemeRef>) {
        const auto& themes = config.themes;
        for (std::size_t i = 0; i < themes.themes().size(); ++i) {
            const auto& theme = themes.themes()[i];
            bool readable = themes.find_theme(theme.label) == static_cast<ThemeIndex>(i);
            add_choice(column.choices, readable ? theme.label : theme.code);
        }
        for (std::size_t i = 0; i < themes.groups().size(); ++i) {
            const auto& group = themes.groups()[i];
            bool readable = themes.find_group(group.label) == static_cast<GroupIndex>(i);
            add_choice(column.choices, readable ? group.label : group.code);
        }
        column.help =
            "Sagens tema; vælg fra listen. En medarbejderhenvendelse har kun en temagruppe.";
    } else if constexpr (std::is_same_v<T, std::optional<KleRef>>) {
        column.help = "KLE-nummer NN.NN.NN, evt. med handlingsfacet (fx 32.18.08 G01).";
    } else if constexpr (std::is_same_v<T, std::string>) {
        column.free_text = true;
        column.help = "Fri tekst.";
    } else {
        using E = typename T::value_type;
        for (const auto& entry : Labels<E>::table)
            add_choice(column.choices, safe_label(entry.code));
        column.help = "Vælg fra listen (" + std::string(Labels<E>::title_da) + ").";
    }
}

std::vector<Column> template_columns(const Configuration& config) {
    std::vector<Column> columns;
    CaseRecord blank;
    for_each_field(blank, [&](Field field, const auto& member) {
        Column column;
        column.field = field;
        describe(column, member, config);
        columns.push_back(std::move(column));
    });
    return columns;
}

/// The instructions, in Danish: how to fill the sheet, then one row per column.
void write_instructions(xlsx::Sheet& sheet, const std::vector<Column>& columns,
                        const Configuration& config) {
    sheet.columns(0, 0, 26);
    sheet.columns(1, 1, 18);
    sheet.columns(2, 2, 14);
    sheet.columns(3, 3, 90, xlsx::Format::wrap);
    std::uint32_t row = 0;
    sheet.text(row++, 0, "Sådan udfyldes arket Sager", xlsx::Format::title);
    const char* lines[] = {
        "Én række pr. sag (problemstilling). Én henvendelse kan give flere sager: giv dem samme "
        "Henvendelse.",
        "Kolonner med en liste: vælg værdien fra listen i cellen (klik på pilen).",
        "Datoer skrives som 25-01-2024. CPR-kolonnen er tekst, så et 0 forrest bevares.",
        "En følgesag skal have Hovedsag udfyldt med hovedsagens Sagsnr; samme borger, modtaget "
        "samme dag som hovedsagen eller senere.",
        "Afvisningsgrund udfyldes, netop når Indsats er 'Afvist'.",
        "Tilsynssager har en Oprindelse; medarbejderhenvendelser har hverken borger eller note og "
        "kun en temagruppe som tema.",
        "Gem arket som .xlsx (eller CSV) og læs det ind med: ombuds import register.db sager.xlsx",
        "Rækker, der afvises ved indlæsning, kan skrives til en fil med --skip-invalid; ret dem "
        "der "
        "og læs filen ind igen, som den er.",
    };
    for (const char* line : lines) sheet.text(row++, 0, line);
    sheet.text(row++, 0, "Organisation: " + config.organisation.name());
    ++row;
    std::vector<std::vector<xlsx::Cell>> table;
    for (const auto& column : columns) {
        const auto& info = field_info(column.field);
        table.push_back({{std::string(info.danish)},
                         {std::string(info.name)},
                         {std::string(info.required ? "ja" : "nej")},
                         {column.help, xlsx::Format::wrap}});
    }
    sheet.table(row, {"Kolonne", "Engelsk navn", "Skal udfyldes", "Hvad der skrives"}, table);
}

}  // namespace

std::string case_template_xlsx(const Configuration& config, const TemplateOptions& options) {
    const auto columns = template_columns(config);
    const auto last_row = static_cast<std::uint32_t>(std::max<std::size_t>(options.rows, 1));
    xlsx::Workbook book;
    xlsx::Sheet& cases = book.add_sheet(template_sheet);
    xlsx::Sheet& instructions = book.add_sheet("Vejledning");
    xlsx::Sheet& lists = book.add_sheet("Lister");
    const std::string pick = "Vælg en værdi fra listen (se arket Vejledning).";
    const std::string date = "Skriv en dato, fx 25-01-2024.";
    std::uint16_t list_column = 0;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const Column& column = columns[c];
        auto at = static_cast<std::uint16_t>(c);
        const auto& info = field_info(column.field);
        cases.text(0, at, std::string(info.danish), xlsx::Format::header);
        if (column.date) {
            cases.columns(at, at, 12, xlsx::Format::date);
            cases.date_validation(1, last_row, at, date);
        } else if (column.text) {
            cases.columns(at, at, 14, xlsx::Format::text);
        } else if (column.free_text) {
            cases.columns(at, at, 40, xlsx::Format::wrap);
        } else {
            cases.columns(at, at, 24);
        }
        if (column.choices.empty()) continue;
        lists.text(0, list_column, std::string(info.danish), xlsx::Format::header);
        for (std::size_t i = 0; i < column.choices.size(); ++i)
            lists.text(static_cast<std::uint32_t>(i + 1), list_column, column.choices[i],
                       xlsx::Format::text);
        cases.list_validation(1, last_row, at, lists, list_column, 1,
                              static_cast<std::uint32_t>(column.choices.size()), pick);
        ++list_column;
    }
    cases.freeze_header_row();
    write_instructions(instructions, columns, config);
    lists.hide();
    return book.close();
}

}  // namespace ombuds
