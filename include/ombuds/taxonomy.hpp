// SPDX-License-Identifier: MPL-2.0
// The taxonomy of domain.md: every fixed code, declared once with Boost.Describe, with its Danish
// and English label. Code strings, parsing, labels and the catalogue listing are all derived
// from these declarations; a new code is one line in the enum and one line in its label table.
//
// The C++ API may change between minor versions; only the C API (ombuds.h) is stable.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include "ombuds/detail/spelling.hpp"
#include "ombuds/detail/text.hpp"
#include "ombuds/lang.hpp"

namespace ombuds {

BOOST_DEFINE_FIXED_ENUM_CLASS(Channel, std::uint8_t, phone, email, digital_post, letter, in_person,
                              open_hours, web_form)

BOOST_DEFINE_FIXED_ENUM_CLASS(Contact, std::uint8_t, citizen, relative, representative, company)

BOOST_DEFINE_FIXED_ENUM_CLASS(Kind, std::uint8_t, complaint, inquiry, investigation, staff)

BOOST_DEFINE_FIXED_ENUM_CLASS(Role, std::uint8_t, main, follow_up)

BOOST_DEFINE_FIXED_ENUM_CLASS(Action, std::uint8_t,
                              // complaint
                              complaint_dialogue, meeting, appeal_help, decision_explained,
                              mediation, resolved_by_advisor, to_investigation,
                              // every kind but staff
                              rejected,
                              // inquiry
                              guidance, signposting, forwarding, orientation, accompaniment,
                              // investigation
                              investigated,
                              // staff
                              advice, referred)

BOOST_DEFINE_FIXED_ENUM_CLASS(Resolution, std::uint8_t, reopened, new_decision, corrected, apology,
                              explained, dialogue_restored, sent_to_appeal, criticism,
                              recommendation, no_criticism, improvement_proposal, withdrawn,
                              unresolved)

BOOST_DEFINE_FIXED_ENUM_CLASS(AdminResponse, std::uint8_t, agrees, partly_agrees, disagrees,
                              will_not_follow, no_response)

BOOST_DEFINE_FIXED_ENUM_CLASS(RejectionReason, std::uint8_t, decision_merits, appeal_body,
                              pending_elsewhere, council_decision, employment_matter, time_barred,
                              other_authority, outside_mandate, represented, no_mandate, other)

BOOST_DEFINE_FIXED_ENUM_CLASS(LegalBasis, std::uint8_t, FVL, OFFL, RSL, SEL, BL, LAB, LAS, SDL, FSL,
                              DBL, KSL, OTHER)

BOOST_DEFINE_FIXED_ENUM_CLASS(Origin, std::uint8_t, citizen_case, own_initiative)

BOOST_DEFINE_FIXED_ENUM_CLASS(Severity, std::uint8_t, error, warning)

/// One code's labels, in the order of the enum's declaration.
template <class E>
struct CodeLabel {
    E code;
    std::string_view da;
    std::string_view en;
};

/// Label tables, specialised for every taxonomy enum below. `column` is the case-file column
/// the code is written in, and `title_da`/`title_en` name the list in the catalogue.
template <class E>
struct Labels;

#define OMBUDS_LABELS(E, COLUMN, TITLE_DA, TITLE_EN, ...)                         \
    template <>                                                                   \
    struct Labels<E> {                                                            \
        static constexpr std::string_view column = COLUMN;                        \
        static constexpr std::string_view title_da = TITLE_DA;                    \
        static constexpr std::string_view title_en = TITLE_EN;                    \
        static constexpr auto table = std::to_array<CodeLabel<E>>({__VA_ARGS__}); \
    };

OMBUDS_LABELS(Channel, "channel", "Kanal", "Channel", {Channel::phone, "Telefon", "Phone"},
              {Channel::email, "Mail", "E-mail"},
              {Channel::digital_post, "Digital Post", "Digital Post"},
              {Channel::letter, "Brev", "Letter"},
              {Channel::in_person, "Personligt fremmøde", "In person"},
              {Channel::open_hours, "Åben rådgivning", "Open hours"},
              {Channel::web_form, "Kontaktformular", "Web form"})

OMBUDS_LABELS(Contact, "contact", "Henvender sig", "Contact",
              {Contact::citizen, "Borger", "Citizen"}, {Contact::relative, "Pårørende", "Relative"},
              {Contact::representative, "Repræsentant/bisidder", "Representative"},
              {Contact::company, "Virksomhed", "Company"})

OMBUDS_LABELS(Kind, "kind", "Sagstype", "Kind", {Kind::complaint, "Klage", "Complaint"},
              {Kind::inquiry, "Anden henvendelse", "Other inquiry"},
              {Kind::investigation, "Tilsynssag", "Investigation"},
              {Kind::staff, "Medarbejderhenvendelse", "Staff consultation"})

OMBUDS_LABELS(Role, "role", "Sagsrolle", "Role", {Role::main, "Hovedsag", "Main case"},
              {Role::follow_up, "Følgesag", "Follow-up case"})

OMBUDS_LABELS(
    Action, "action", "Indsats", "Action",
    {Action::complaint_dialogue, "Dialogbaseret hjælp til klageproces",
     "Dialogue-based help with the complaint"},
    {Action::meeting, "Møde med borger og forvaltning", "Meeting with citizen and administration"},
    {Action::appeal_help, "Hjælp til at klage til klageinstans",
     "Help to appeal to the appeal body"},
    {Action::decision_explained, "Hjælp til at forstå afgørelse",
     "Help to understand the decision"},
    {Action::mediation, "Mægling / genoprettet dialog", "Mediation / dialogue restored"},
    {Action::resolved_by_advisor, "Løst ved borgerrådgiveren", "Resolved by the advisor"},
    {Action::to_investigation, "Overgået til tilsyn", "Passed to investigation"},
    {Action::rejected, "Afvist", "Rejected"}, {Action::guidance, "Vejledning", "Guidance"},
    {Action::signposting, "Vejvisning", "Signposting"},
    {Action::forwarding, "Videreformidling til forvaltningen", "Forwarded to the administration"},
    {Action::orientation, "Orientering", "Keeping the advisor informed"},
    {Action::accompaniment, "Bisidning / deltagelse i møde", "Accompaniment / attending a meeting"},
    {Action::investigated, "Undersøgt", "Investigated"}, {Action::advice, "Rådgivning", "Advice"},
    {Action::referred, "Henvist", "Referred"})

OMBUDS_LABELS(Resolution, "resolution", "Løsning", "Resolution",
              {Resolution::reopened, "Genoptaget af forvaltningen",
               "Reopened by the administration"},
              {Resolution::new_decision, "Ny afgørelse", "New decision"},
              {Resolution::corrected, "Fejl rettet", "Error corrected"},
              {Resolution::apology, "Beklagelse", "Apology"},
              {Resolution::explained, "Forklaret, ingen ændring", "Explained, no change"},
              {Resolution::dialogue_restored, "Dialog genoprettet", "Dialogue restored"},
              {Resolution::sent_to_appeal, "Sendt til klageinstans", "Sent to the appeal body"},
              {Resolution::criticism, "Kritik", "Criticism"},
              {Resolution::recommendation, "Henstilling/anbefaling", "Recommendation"},
              {Resolution::no_criticism, "Ingen kritik", "No criticism"},
              {Resolution::improvement_proposal, "Forbedringsforslag", "Improvement proposal"},
              {Resolution::withdrawn, "Trukket tilbage", "Withdrawn"},
              {Resolution::unresolved, "Ikke løst", "Unresolved"})

OMBUDS_LABELS(AdminResponse, "admin_response", "Forvaltningens reaktion",
              "Administration's response", {AdminResponse::agrees, "Enig", "Agrees"},
              {AdminResponse::partly_agrees, "Delvist enig", "Partly agrees"},
              {AdminResponse::disagrees, "Uenig", "Disagrees"},
              {AdminResponse::will_not_follow, "Følger ikke henstilling",
               "Will not follow the recommendation"},
              {AdminResponse::no_response, "Intet svar", "No response"})

OMBUDS_LABELS(RejectionReason, "rejection_reason", "Afvisningsgrund", "Rejection reason",
              {RejectionReason::decision_merits,
               "Afgørelsens faglige/juridiske indhold (påklages til klageinstansen)",
               "The merits of the decision (for the appeal body)"},
              {RejectionReason::appeal_body,
               "Kan påklages til anden klageinstans (Ankestyrelsen, Nævnenes Hus, "
               "Familieretshuset)",
               "Can be appealed to another appeal body"},
              {RejectionReason::pending_elsewhere,
               "Indbragt for Ombudsmanden, det kommunale tilsyn eller domstolene",
               "Pending with the Ombudsman, the supervisory authority or the courts"},
              {RejectionReason::council_decision, "Politisk beslutning eller serviceniveau",
               "Political decision or service level"},
              {RejectionReason::employment_matter, "Ansættelses- og personaleforhold",
               "Employment matter"},
              {RejectionReason::time_barred, "Forholdet ligger mere end et år tilbage",
               "The matter lies more than a year back"},
              {RejectionReason::other_authority,
               "Anden myndighed (Udbetaling Danmark, Skat, regionerne …)", "Another authority"},
              {RejectionReason::outside_mandate, "Privatretligt forhold / ikke en kommunal opgave",
               "Private-law matter / not a municipal task"},
              {RejectionReason::represented, "Borgeren har advokat eller anden repræsentant",
               "The citizen has a lawyer or other representative"},
              {RejectionReason::no_mandate, "Manglende fuldmagt eller samtykke",
               "No power of attorney or consent"},
              {RejectionReason::other, "Anden grund", "Other reason"})

OMBUDS_LABELS(LegalBasis, "legal_basis", "Lovgrundlag", "Legal basis",
              {LegalBasis::FVL, "Forvaltningsloven", "Public Administration Act"},
              {LegalBasis::OFFL, "Offentlighedsloven", "Access to Public Administration Files Act"},
              {LegalBasis::RSL, "Retssikkerhedsloven", "Legal Protection Act"},
              {LegalBasis::SEL, "Serviceloven", "Social Services Act"},
              {LegalBasis::BL, "Barnets lov", "Children's Act"},
              {LegalBasis::LAB, "Lov om en aktiv beskæftigelsesindsats", "Active Employment Act"},
              {LegalBasis::LAS, "Lov om aktiv socialpolitik", "Active Social Policy Act"},
              {LegalBasis::SDL, "Sygedagpengeloven", "Sickness Benefit Act"},
              {LegalBasis::FSL, "Folkeskoleloven", "Public School Act"},
              {LegalBasis::DBL, "Databeskyttelsesloven", "Data Protection Act"},
              {LegalBasis::KSL, "Kommunestyrelsesloven", "Local Government Act"},
              {LegalBasis::OTHER, "Anden lov", "Other act"})

OMBUDS_LABELS(Origin, "origin", "Tilsynets oprindelse", "Origin",
              {Origin::citizen_case, "Konkret tilsyn", "On a citizen's case"},
              {Origin::own_initiative, "Egen drift", "Own initiative"})

OMBUDS_LABELS(Severity, "severity", "Alvor", "Severity", {Severity::error, "Fejl", "Error"},
              {Severity::warning, "Advarsel", "Warning"})

#undef OMBUDS_LABELS

/// Every taxonomy enum, in catalogue order.
using TaxonomyEnums = boost::mp11::mp_list<Kind, Role, Action, Resolution, AdminResponse,
                                           RejectionReason, LegalBasis, Origin, Channel, Contact>;

/// How many codes E has.
template <class E>
inline constexpr std::size_t code_count =
    boost::mp11::mp_size<boost::describe::describe_enumerators<E>>::value;

namespace detail {
template <class E>
constexpr auto code_names() {
    std::array<std::string_view, code_count<E>> names{};
    std::size_t i = 0;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>(
        [&](auto descriptor) { names[i++] = descriptor.name; });
    return names;
}

template <class E>
constexpr bool labels_follow_declaration() {
    if (Labels<E>::table.size() != code_count<E>) return false;
    for (std::size_t i = 0; i < code_count<E>; ++i) {
        if (static_cast<std::size_t>(Labels<E>::table[i].code) != i) return false;
    }
    return true;
}
}  // namespace detail

/// The codes of E as strings, indexed by the enum's value.
template <class E>
inline constexpr auto code_names = detail::code_names<E>();

template <class E>
constexpr std::string_view code(E value) noexcept {
    static_assert(detail::labels_follow_declaration<E>(),
                  "Labels<E>::table must list every code once, in declaration order");
    auto index = static_cast<std::size_t>(value);
    return index < code_count<E> ? code_names<E>[index] : std::string_view{};
}

template <class E>
constexpr std::string_view label(E value, Lang lang = Lang::da) noexcept {
    auto index = static_cast<std::size_t>(value);
    if (index >= code_count<E>) return {};
    const auto& entry = Labels<E>::table[index];
    return lang == Lang::da ? entry.da : entry.en;
}

/// Parses a code from its code string or its Danish (or English) label, in any letter case.
template <class E>
std::optional<E> parse_code(std::string_view text) noexcept {
    text = detail::trim(text);
    if (text.empty()) return std::nullopt;
    for (std::size_t i = 0; i < code_count<E>; ++i) {
        if (detail::equals_folded(text, code_names<E>[i])) return static_cast<E>(i);
    }
    for (const auto& entry : Labels<E>::table) {
        if (detail::equals_folded(text, entry.da) || detail::equals_folded(text, entry.en)) {
            return entry.code;
        }
    }
    return std::nullopt;
}

/// The code string or label nearest to a text that parse_code<E> refused, written as it is
/// known (so the suggestion is in the language the person typed), for "did you mean ...";
/// nullopt when none is within two edits or two codes are equally near.
template <class E>
std::optional<std::string> suggest_code(std::string_view text) {
    detail::Suggester suggester(text);
    for (std::size_t i = 0; i < code_count<E>; ++i) suggester.consider(code_names<E>[i], i);
    for (const auto& entry : Labels<E>::table) {
        suggester.consider(entry.da, static_cast<std::size_t>(entry.code));
        suggester.consider(entry.en, static_cast<std::size_t>(entry.code));
    }
    return suggester.best();
}

/// The Danish labels of E as one line ("Hovedsag, Følgesag"), to tell which values a column
/// takes; empty for lists too long to read in a message.
template <class E>
std::string valid_labels() {
    constexpr std::size_t readable = 8;
    if (code_count < E >> readable) return {};
    std::string out;
    for (const auto& entry : Labels<E>::table) {
        if (!out.empty()) out += ", ";
        out += entry.da;
    }
    return out;
}

/// The actions a case of each kind may carry (domain.md, "Actions").
constexpr bool action_fits(Kind kind, Action action) noexcept {
    switch (kind) {
        case Kind::complaint:
            return action <= Action::rejected;
        case Kind::inquiry:
            return action == Action::rejected ||
                   (action >= Action::guidance && action <= Action::accompaniment);
        case Kind::investigation:
            return action == Action::investigated || action == Action::rejected;
        case Kind::staff:
            return action == Action::advice || action == Action::referred;
    }
    return false;
}

/// Calls f(std::type_identity<E>{}) for every taxonomy enum, in catalogue order.
template <class F>
constexpr void for_each_taxonomy(F&& f) {
    boost::mp11::mp_for_each<boost::mp11::mp_transform<std::type_identity, TaxonomyEnums>>(f);
}

}  // namespace ombuds
