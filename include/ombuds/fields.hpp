// SPDX-License-Identifier: MPL-2.0
// The case record described once (domain.md, "Case"; interfaces.md, "Case file"). Each line of
// OMBUDS_CASE_FIELDS declares one field: its column name, the type of its member in CaseRecord,
// whether a case file must have its column, and its Danish header with the other spellings an
// office's spreadsheet may use. Everything else is derived from this list: the Field enum, the
// record's members (record.hpp), parsing and writing a field's text, the header names a case file
// may use, the register's columns, the C API's ombuds_field_name and the Python field list.
// A new field is one line here (and a codec in record.hpp only for a type not used before).
#pragma once

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ombuds/detail/text.hpp"

// X(name, member type, required column, Danish header, other accepted headers separated by '|')
#define OMBUDS_CASE_FIELDS(X)                                                                 \
    X(case_id, std::optional<CaseId>, true, "Sagsnr",                                         \
      "Sagsnummer|Sags-id|Sag|Journalnr|Journalnummer")                                       \
    X(inquiry_id, std::optional<CaseId>, false, "Henvendelse",                                \
      "Henvendelsesnr|Henvendelses-id|Henvendelsesnummer")                                    \
    X(citizen, Citizen, false, "CPR",                                                         \
      "Borger|CPR-nr|CPR-nummer|Personnummer|Borger-id|CVR|CPR/CVR|CPR-/CVR-nr")              \
    X(kind, std::optional<Kind>, true, "Sagstype", "Type|Sagsart|Henvendelsestype")           \
    X(role, std::optional<Role>, true, "Rolle", "Sagsrolle|Hovedsag/følgesag")                \
    X(main_case_id, std::optional<CaseId>, false, "Hovedsag",                                 \
      "Hovedsagsnr|Hovedsagsnummer|Følgesag til")                                             \
    X(received, std::optional<Date>, true, "Modtaget",                                        \
      "Modtagelsesdato|Dato modtaget|Modtaget dato|Henvendelsesdato")                         \
    X(matter_date, std::optional<Date>, false, "Forholdets dato",                             \
      "Forholdsdato|Dato for forholdet|Hændelsesdato")                                        \
    X(first_response, std::optional<Date>, false, "Første svar",                              \
      "Første svar dato|Dato for første svar|Besvaret")                                       \
    X(closed, std::optional<Date>, false, "Afsluttet",                                        \
      "Afslutningsdato|Afsluttet dato|Dato afsluttet|Lukket")                                 \
    X(unit, std::optional<UnitIndex>, false, "Enhed",                                         \
      "Afdeling|Organisation|Forvaltning|Forvaltningsområde|Organisatorisk enhed")            \
    X(theme, ThemeRef, false, "Tema", "Temagruppe|Problemstilling|Emne")                      \
    X(action, std::optional<Action>, false, "Indsats", "Borgerrådgiverens indsats")           \
    X(resolution, std::optional<Resolution>, false, "Løsning", "Resultat|Udfald")             \
    X(admin_response, std::optional<AdminResponse>, false, "Forvaltningens reaktion",         \
      "Reaktion|Forvaltningens svar")                                                         \
    X(rejection_reason, std::optional<RejectionReason>, false, "Afvisningsgrund",             \
      "Afvisningsårsag|Årsag til afvisning|Begrundelse for afvisning")                        \
    X(legal_basis, std::optional<LegalBasis>, false, "Lovgrundlag", "Lov|Hjemmel|Lovområde")  \
    X(legal_ref, std::string, false, "Lovhenvisning", "Paragraf|Bestemmelse")                 \
    X(kle, std::optional<KleRef>, false, "KLE", "KLE-nr|KLE-nummer|KLE-emne")                 \
    X(origin, std::optional<Origin>, false, "Oprindelse", "Tilsynets oprindelse|Tilsynstype") \
    X(channel, std::optional<Channel>, false, "Kanal", "Henvendelsesform|Kontaktform")        \
    X(contact, std::optional<Contact>, false, "Henvender sig",                                \
      "Kontakt|Hvem henvender sig|Henvendt af")                                               \
    X(note, std::string, false, "Note", "Notat|Bemærkning|Bemærkninger|Kommentar")

namespace ombuds {

/// The fields of a case and the columns of a case file, in the order of OMBUDS_CASE_FIELDS.
enum class Field : std::uint8_t {
#define OMBUDS_FIELD_ENUMERATOR(name, type, required, danish, aliases) name,
    OMBUDS_CASE_FIELDS(OMBUDS_FIELD_ENUMERATOR)
#undef OMBUDS_FIELD_ENUMERATOR
};

/// What the list says of one field.
struct FieldInfo {
    Field field;
    std::string_view name;     // the column name (English, as interfaces.md spells it)
    bool required;             // a case file must have this column
    std::string_view danish;   // the Danish header the template and --excel exports write
    std::string_view aliases;  // other Danish headers read, separated by '|'
};

inline constexpr auto field_table = std::to_array<FieldInfo>({
#define OMBUDS_FIELD_INFO(name, type, required, danish, aliases) \
    {Field::name, #name, required, danish, aliases},
    OMBUDS_CASE_FIELDS(OMBUDS_FIELD_INFO)
#undef OMBUDS_FIELD_INFO
});

inline constexpr std::size_t field_count = field_table.size();

/// A set of fields: the columns a file has, the fields a change names.
using FieldSet = std::bitset<field_count>;

constexpr const FieldInfo& field_info(Field f) noexcept {
    return field_table[static_cast<std::size_t>(f)];
}

/// The column name of a field.
constexpr std::string_view column_name(Field f) noexcept {
    return field_info(f).name;
}

/// The Danish header of a field.
constexpr std::string_view danish_name(Field f) noexcept {
    return field_info(f).danish;
}

namespace detail {

/// A header as compared: letters folded to lower case, blanks (no-break spaces too), hyphens,
/// underscores and dots left out, so "Første svar", "første_svar" and "FØRSTE-SVAR" are one.
inline std::string header_key(std::string_view name) {
    std::string folded = fold_case(trim(name));
    std::string key;
    key.reserve(folded.size());
    for (std::size_t i = 0; i < folded.size(); ++i) {
        char c = folded[i];
        if (c == ' ' || c == '-' || c == '_' || c == '.' || is_blank(c)) continue;
        if (c == '\xC2' && i + 1 < folded.size() && folded[i + 1] == '\xA0') {
            ++i;  // no-break space
            continue;
        }
        key += c;
    }
    return key;
}

}  // namespace detail

/// Every header a case file may use for a field, as detail::header_key() writes it.
inline const std::vector<std::pair<std::string, Field>>& header_keys() {
    static const auto keys = [] {
        std::vector<std::pair<std::string, Field>> out;
        for (const auto& info : field_table) {
            out.emplace_back(detail::header_key(info.name), info.field);
            out.emplace_back(detail::header_key(info.danish), info.field);
            std::string_view aliases = info.aliases;
            while (!aliases.empty()) {
                auto bar = aliases.find('|');
                out.emplace_back(detail::header_key(aliases.substr(0, bar)), info.field);
                aliases =
                    bar == std::string_view::npos ? std::string_view() : aliases.substr(bar + 1);
            }
        }
        return out;
    }();
    return keys;
}

/// Finds a field by a header as a case file writes it: the column name or one of its Danish
/// names, regardless of letter case, blanks, hyphens and underscores.
inline std::optional<Field> field_from_name(std::string_view name) {
    for (const auto& info : field_table) {
        if (info.name == name) return info.field;  // the common case, without allocating
    }
    const std::string key = detail::header_key(name);
    if (key.empty()) return std::nullopt;
    for (const auto& [known, field] : header_keys()) {
        if (known == key) return field;
    }
    return std::nullopt;
}

}  // namespace ombuds
