// SPDX-License-Identifier: MPL-2.0
#include "ombuds/record.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "ombuds/detail/text.hpp"

namespace ombuds {
namespace {

Configuration config() {
    Configuration c;
    OrgUnit area{"A", "Område A", "", false, {}, {}, {}, 1};
    OrgUnit udk{"EXT-UDK", "Udbetaling Danmark", "", true, {}, {}, {}, 1};
    c.organisation = Organisation("T", {area, udk});
    c.themes = ThemeCatalogue({{"process", "Sagsforløb", {{"no_reply", "Manglende svar"}}},
                               {"other", "Andet", {{"other", "Andet"}}}});
    return c;
}

FieldValues values(std::initializer_list<std::pair<Field, std::string_view>> fields) {
    FieldValues v{};
    for (auto [f, text] : fields) v[static_cast<std::size_t>(f)] = text;
    return v;
}

/// A complete, readable complaint; tests change one field.
FieldValues complaint() {
    return values({{Field::case_id, "K1"},
                   {Field::kind, "complaint"},
                   {Field::role, "main"},
                   {Field::received, "2024-03-04"},
                   {Field::action, "complaint_dialogue"},
                   {Field::unit, "A"},
                   {Field::theme, "no_reply"}});
}

std::vector<Violation> violations_of(FieldValues fields, const Configuration& c) {
    std::vector<Violation> violations;
    parse_record(fields, c, violations);
    return violations;
}

bool has(const std::vector<Violation>& violations, Rule rule, Field field) {
    for (const auto& v : violations) {
        if (v.rule == rule && v.field == field) return true;
    }
    return false;
}

FieldValues with(FieldValues fields, Field field, std::string_view text) {
    fields[static_cast<std::size_t>(field)] = text;
    return fields;
}

TEST(Record, ParsesTypedValues) {
    auto c = config();
    std::vector<Violation> violations;
    auto rec = parse_record(values({{Field::case_id, "K1"},
                                    {Field::inquiry_id, "H1"},
                                    {Field::kind, "Klage"},
                                    {Field::role, "hovedsag"},
                                    {Field::received, "04-03-2024"},
                                    {Field::matter_date, "1.2.2023"},
                                    {Field::first_response, "05.03.2024"},
                                    {Field::closed, "2024-03-20"},
                                    {Field::action, "Afvist"},
                                    {Field::rejection_reason, "time_barred"},
                                    {Field::unit, "område a"},
                                    {Field::theme, "Manglende svar"},
                                    {Field::citizen, "211062-5629"},
                                    {Field::kle, "32.18.08 G01"},
                                    {Field::legal_basis, "Forvaltningsloven"},
                                    {Field::legal_ref, " § 19, stk. 1 "},
                                    {Field::resolution, "Ikke løst"},
                                    {Field::admin_response, "Delvist enig"},
                                    {Field::channel, "Åben rådgivning"},
                                    {Field::contact, "Pårørende"},
                                    {Field::note, "  tekst  "}}),
                            c, violations);
    EXPECT_TRUE(violations.empty());
    EXPECT_EQ(rec.case_id->str(), "K1");
    EXPECT_EQ(rec.inquiry()->str(), "H1");
    EXPECT_EQ(rec.kind, Kind::complaint);
    EXPECT_EQ(rec.role, Role::main);
    EXPECT_EQ(rec.action, Action::rejected);
    EXPECT_EQ(rec.rejection_reason, RejectionReason::time_barred);
    EXPECT_EQ(rec.received, Date::from_ymd(2024, 3, 4));
    EXPECT_EQ(rec.matter_date, Date::from_ymd(2023, 2, 1));
    EXPECT_EQ(rec.first_response, Date::from_ymd(2024, 3, 5));
    EXPECT_EQ(rec.closed, Date::from_ymd(2024, 3, 20));
    EXPECT_EQ(c.organisation.unit(*rec.unit).code, "A");
    EXPECT_EQ(c.themes.theme(*rec.theme.theme).code, "no_reply");
    EXPECT_EQ(rec.theme.group, c.themes.find_group("process"));
    EXPECT_EQ(rec.citizen.type(), Citizen::Type::cpr);
    EXPECT_EQ(rec.kle->text(), "32.18.08 G01");
    EXPECT_EQ(rec.legal_basis, LegalBasis::FVL);
    EXPECT_EQ(rec.legal_ref, "§ 19, stk. 1");
    EXPECT_EQ(rec.resolution, Resolution::unresolved);
    EXPECT_EQ(rec.admin_response, AdminResponse::partly_agrees);
    EXPECT_EQ(rec.channel, Channel::open_hours);
    EXPECT_EQ(rec.contact, Contact::relative);
    EXPECT_EQ(rec.note, "tekst");
    EXPECT_EQ(field_text(rec, Field::received, c), "2024-03-04");
    EXPECT_EQ(field_text(rec, Field::kind, c), "complaint");
    EXPECT_EQ(field_text(rec, Field::unit, c), "A");
    EXPECT_EQ(field_text(rec, Field::theme, c), "no_reply");
    EXPECT_EQ(field_text(rec, Field::citizen, c), "");  // never written from the record

    rec = parse_record(complaint(), c, violations);
    EXPECT_TRUE(violations.empty());
    EXPECT_FALSE(rec.inquiry_id);
    EXPECT_EQ(*rec.inquiry(), *rec.case_id);  // its own inquiry
    EXPECT_TRUE(rec.citizen.is_anonymous());
}

TEST(Record, RequiredFields) {
    auto c = config();
    // Not the action: an open case may wait for it (closed.needs_action asks at closing).
    for (Field required : {Field::case_id, Field::kind, Field::role, Field::received}) {
        auto violations = violations_of(with(complaint(), required, "  "), c);
        EXPECT_TRUE(has(violations, Rule::field_required, required)) << column_name(required);
        EXPECT_EQ(violations.size(), 1u) << column_name(required);
    }
    // Everything else may be empty.
    EXPECT_TRUE(violations_of(values({{Field::case_id, "K1"},
                                      {Field::kind, "inquiry"},
                                      {Field::role, "main"},
                                      {Field::received, "2024-03-04"},
                                      {Field::action, "guidance"}}),
                              c)
                    .empty());
}

TEST(Record, UnknownCodesAndBadValues) {
    auto c = config();
    const std::pair<Field, const char*> unknown_codes[] = {
        {Field::kind, "klagee"},          {Field::role, "sidesag"},
        {Field::action, "hjælp"},         {Field::resolution, "løst"},
        {Field::admin_response, "måske"}, {Field::rejection_reason, "x"},
        {Field::legal_basis, "FVL2"},     {Field::origin, "egen"},
        {Field::channel, "fax"},          {Field::contact, "nabo"}};
    for (auto [field, text] : unknown_codes) {
        EXPECT_TRUE(has(violations_of(with(complaint(), field, text), c), Rule::code_known, field))
            << text;
    }
    for (auto field : {Field::received, Field::matter_date, Field::first_response, Field::closed}) {
        for (const char* bad : {"2023-02-29", "31.04.2024", "i går", "2024/03/04"}) {
            auto violations = violations_of(with(complaint(), field, bad), c);
            EXPECT_TRUE(has(violations, Rule::field_format, field))
                << column_name(field) << " " << bad;
        }
    }
    for (auto field : {Field::case_id, Field::inquiry_id, Field::main_case_id}) {
        EXPECT_TRUE(
            has(violations_of(with(complaint(), field, "a\tb"), c), Rule::field_format, field));
        EXPECT_TRUE(has(violations_of(with(complaint(), field, std::string(65, 'x')), c),
                        Rule::field_format, field));
    }
    EXPECT_TRUE(
        has(violations_of(with(complaint(), Field::unit, "B"), c), Rule::unit_known, Field::unit));
    EXPECT_TRUE(has(violations_of(with(complaint(), Field::theme, "nope"), c), Rule::theme_known,
                    Field::theme));
    for (const char* bad : {"32.18", "32.18.08g01", "32.18.08 g01"}) {
        EXPECT_TRUE(
            has(violations_of(with(complaint(), Field::kle, bad), c), Rule::kle_format, Field::kle))
            << bad;
    }
    // The unit by its label in any letter case; an external authority.
    EXPECT_TRUE(violations_of(with(complaint(), Field::unit, "OMRÅDE A"), c).empty());
    EXPECT_TRUE(violations_of(with(complaint(), Field::unit, "udbetaling danmark"), c).empty());
}

TEST(Record, CitizenFormatNeverEchoesTheValue) {
    auto c = config();
    for (const char* bad : {"511062-5629", "3102901234", "211062-562", "cvr:123",
                            "ref:", "hr. Jensen 211062-5629", "2110625629 x"}) {
        auto violations = violations_of(with(complaint(), Field::citizen, bad), c);
        ASSERT_EQ(violations.size(), 1u) << bad;
        const auto& v = violations.front();
        EXPECT_EQ(v.rule, Rule::citizen_format);
        EXPECT_EQ(v.field, Field::citizen);
        EXPECT_EQ(v.severity, Severity::error);
        EXPECT_TRUE(v.detail.empty()) << bad;
        for (auto lang : {Lang::da, Lang::en}) {
            auto message = v.message(lang);
            EXPECT_EQ(message.find("5629"), std::string::npos) << message;
            EXPECT_EQ(message.find("1062"), std::string::npos) << message;
            EXPECT_EQ(message.find("Jensen"), std::string::npos) << message;
        }
    }
    for (const char* good : {"211062-5629", "cvr:12345678", "ref:SBSYS 1", ""}) {
        EXPECT_TRUE(violations_of(with(complaint(), Field::citizen, good), c).empty()) << good;
    }
}

TEST(Record, EchoedValuesAreRedactedAndStayValidUtf8) {
    auto c = config();
    // A CPR number typed into the wrong column is not shown either.
    for (auto field :
         {Field::unit, Field::theme, Field::kind, Field::received, Field::kle, Field::case_id}) {
        auto violations = violations_of(with(complaint(), field, "211062-5629\t"), c);
        for (const auto& v : violations) {
            EXPECT_EQ(v.message(Lang::en).find("5629"), std::string::npos) << column_name(field);
        }
    }
    // A long value is cut; the cut must neither split a letter nor leave part of a CPR number.
    std::string long_unit = std::string(59, 'x') + "æøå";
    auto violations = violations_of(with(complaint(), Field::unit, long_unit), c);
    ASSERT_TRUE(has(violations, Rule::unit_known, Field::unit));
    bool valid_utf8 = detail::is_valid_utf8(violations.front().message(Lang::da));
    std::string cpr_at_cut = std::string(55, 'x') + " 211062-5629";
    violations = violations_of(with(complaint(), Field::theme, cpr_at_cut), c);
    ASSERT_TRUE(has(violations, Rule::theme_known, Field::theme));
    bool cpr_hidden = violations.front().detail.find("2110") == std::string::npos;
    EXPECT_TRUE(valid_utf8);
    EXPECT_TRUE(cpr_hidden);
}

TEST(Record, ThemeOrThemeGroup) {
    auto c = config();
    std::vector<Violation> violations;
    // A staff consultation names a theme group, by code or by label.
    auto staff = values({{Field::case_id, "S1"},
                         {Field::kind, "Medarbejderhenvendelse"},
                         {Field::role, "main"},
                         {Field::received, "2024-03-04"},
                         {Field::action, "advice"},
                         {Field::theme, "sagsforløb"}});
    auto rec = parse_record(staff, c, violations);
    EXPECT_TRUE(violations.empty());
    EXPECT_EQ(rec.theme.group, c.themes.find_group("process"));
    EXPECT_FALSE(rec.theme.theme);
    // `other` is both a group and a theme: the group for staff, the theme for other kinds.
    rec = parse_record(with(staff, Field::theme, "other"), c, violations);
    EXPECT_EQ(rec.theme.group, c.themes.find_group("other"));
    EXPECT_FALSE(rec.theme.theme);
    rec = parse_record(with(complaint(), Field::theme, "other"), c, violations);
    EXPECT_EQ(rec.theme.theme, c.themes.find_theme("other"));
    EXPECT_EQ(rec.theme.group, c.themes.find_group("other"));
    // A theme for staff is read as the theme (the validator refuses it, theme.required).
    rec = parse_record(with(staff, Field::theme, "no_reply"), c, violations);
    EXPECT_EQ(rec.theme.theme, c.themes.find_theme("no_reply"));
    // A group for a complaint is read as the group alone (refused later, theme.required).
    rec = parse_record(with(complaint(), Field::theme, "process"), c, violations);
    EXPECT_FALSE(rec.theme.theme);
    EXPECT_EQ(rec.theme.group, c.themes.find_group("process"));
    EXPECT_TRUE(violations.empty());
}

TEST(Record, MessagesSayHowToFixTheValue) {
    auto c = config();
    auto one = [&](Field field, std::string_view text) {
        auto violations = violations_of(with(complaint(), field, text), c);
        EXPECT_EQ(violations.size(), 1u) << text;
        return violations.empty() ? Violation(Rule::field_format, field) : violations.front();
    };
    EXPECT_EQ(one(Field::citizen, "101585000").hint, Hint::cpr_leading_zero);
    EXPECT_EQ(one(Field::citizen, "311362-5629").hint, Hint::cpr_no_such_date);
    EXPECT_EQ(one(Field::citizen, "cvr:1234").hint, Hint::cvr_digits);
    EXPECT_EQ(one(Field::citizen, "ref: ").hint, Hint::ref_empty);
    EXPECT_EQ(one(Field::received, "31.04.2024").hint, Hint::no_such_date);
    EXPECT_EQ(one(Field::received, "april").hint, Hint::expected_date);
    EXPECT_EQ(one(Field::received, "25-01-2024\xC2\xA0x").hint, Hint::invisible_characters);
    EXPECT_EQ(one(Field::received, "25-01\xE2\x80\x8B-2024").hint, Hint::invisible_did_you_mean);
    EXPECT_EQ(one(Field::case_id, std::string(65, 'x')).hint, Hint::expected_case_id);
    auto unit = one(Field::unit, "Udbetalng Danmark");
    EXPECT_EQ(unit.hint, Hint::did_you_mean);
    EXPECT_EQ(unit.suggestion, "Udbetaling Danmark");
    EXPECT_EQ(unit.message(Lang::en),
              "The unit is not in the organisation or was not valid on the date received: "
              "'Udbetalng Danmark'; did you mean 'Udbetaling Danmark'?");
    auto origin = one(Field::origin, "egen");
    EXPECT_EQ(origin.hint, Hint::valid_values);
    EXPECT_EQ(origin.suggestion, "Konkret tilsyn, Egen drift");
    auto kle = one(Field::kle, "32.18.08\xC2\xA0G01");
    EXPECT_EQ(kle.hint, Hint::invisible_did_you_mean);
    EXPECT_EQ(kle.message(Lang::da).find('\xA0'), std::string::npos);  // named, never raw
}

TEST(Record, DanishHeadersAreUniqueAndMatchedLoosely) {
    std::map<std::string, Field> fields;
    for (const auto& [key, field] : header_keys()) {
        auto [at, added] = fields.emplace(key, field);
        EXPECT_EQ(at->second, field) << "the header '" << key << "' names two fields";
    }
    EXPECT_EQ(field_from_name("Sagsnr."), Field::case_id);
    EXPECT_EQ(field_from_name("CPR-nr."), Field::citizen);
    EXPECT_EQ(field_from_name("cpr/cvr"), Field::citizen);
    EXPECT_EQ(field_from_name("MODTAGET"), Field::received);
    EXPECT_EQ(field_from_name("Henvendelsesdato"), Field::received);
    EXPECT_EQ(field_from_name("Første  svar"), Field::first_response);
    EXPECT_EQ(field_from_name("Forvaltningens\xC2\xA0reaktion"), Field::admin_response);
    EXPECT_EQ(field_from_name("Hovedsag"), Field::main_case_id);
    EXPECT_EQ(field_from_name("Journalnr"), Field::case_id);
    EXPECT_EQ(field_from_name("Farve"), std::nullopt);
}

TEST(Record, ReportsEverythingItCannotReadAtOnce) {
    auto c = config();
    std::vector<Violation> violations;
    auto rec = parse_record(values({{Field::kind, "staff"},
                                    {Field::theme, "Sagsforløb"},
                                    {Field::citizen, "511062-5629"},
                                    {Field::received, "2024-02-30"},
                                    {Field::unit, "B"},
                                    {Field::kle, "32.18"}}),
                            c, violations);
    EXPECT_EQ(rec.theme.group, c.themes.find_group("process"));
    EXPECT_TRUE(has(violations, Rule::citizen_format, Field::citizen));
    EXPECT_TRUE(has(violations, Rule::field_format, Field::received));
    EXPECT_TRUE(has(violations, Rule::unit_known, Field::unit));
    EXPECT_TRUE(has(violations, Rule::kle_format, Field::kle));
    EXPECT_TRUE(has(violations, Rule::field_required, Field::case_id));
    EXPECT_FALSE(has(violations, Rule::field_required, Field::action));  // may wait
    EXPECT_TRUE(has(violations, Rule::field_required, Field::role));
    EXPECT_FALSE(rec.received);
    EXPECT_FALSE(rec.unit);
    for (const auto& v : violations) EXPECT_EQ(v.message(Lang::en).find("5629"), std::string::npos);
}

}  // namespace
}  // namespace ombuds
