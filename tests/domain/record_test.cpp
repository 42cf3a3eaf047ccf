// SPDX-License-Identifier: MPL-2.0
#include "ombuds/record.hpp"

#include <gtest/gtest.h>

namespace ombuds {
namespace {

Configuration config() {
    Configuration c;
    c.organisation = Organisation("T", {OrgUnit{"A", "Område A", "", false, {}, {}, {}, 1}});
    c.themes = ThemeCatalogue({{"process", "Sagsforløb", {{"no_reply", "Manglende svar"}}}});
    return c;
}

FieldValues values(std::initializer_list<std::pair<Field, std::string_view>> fields) {
    FieldValues v{};
    for (auto [f, text] : fields) v[static_cast<std::size_t>(f)] = text;
    return v;
}

TEST(Record, ParsesTypedValues) {
    auto c = config();
    std::vector<Violation> violations;
    auto rec = parse_record(values({{Field::case_id, "K1"}, {Field::kind, "Klage"}, {Field::role, "hovedsag"},
                                    {Field::received, "04-03-2024"}, {Field::action, "Afvist"},
                                    {Field::rejection_reason, "time_barred"}, {Field::unit, "område a"},
                                    {Field::theme, "Manglende svar"}, {Field::citizen, "211062-5629"},
                                    {Field::kle, "32.18.08 G01"}, {Field::note, "  tekst  "}}),
                            c, violations);
    EXPECT_TRUE(violations.empty());
    EXPECT_EQ(rec.kind, Kind::complaint);
    EXPECT_EQ(rec.action, Action::rejected);
    EXPECT_EQ(rec.received, Date::from_ymd(2024, 3, 4));
    EXPECT_EQ(c.organisation.unit(*rec.unit).code, "A");
    EXPECT_EQ(rec.note, "tekst");
    EXPECT_EQ(*rec.inquiry(), *rec.case_id);  // its own inquiry
    EXPECT_EQ(field_text(rec, Field::received, c), "2024-03-04");
    EXPECT_EQ(field_text(rec, Field::kind, c), "complaint");
}

TEST(Record, ReportsWhatItCannotRead) {
    auto c = config();
    std::vector<Violation> violations;
    auto rec = parse_record(values({{Field::kind, "staff"}, {Field::theme, "Sagsforløb"}, {Field::citizen, "511062-5629"},
                                    {Field::received, "2024-02-30"}, {Field::unit, "B"}, {Field::kle, "32.18"}}),
                            c, violations);
    EXPECT_EQ(rec.theme.group, c.themes.find_group("process"));  // staff: the group
    EXPECT_FALSE(rec.theme.theme);
    auto has = [&](Rule rule, Field field) {
        for (const auto& v : violations) {
            if (v.rule == rule && v.field == field) return true;
        }
        return false;
    };
    EXPECT_TRUE(has(Rule::citizen_format, Field::citizen));
    EXPECT_TRUE(has(Rule::field_format, Field::received));
    EXPECT_TRUE(has(Rule::unit_known, Field::unit));
    EXPECT_TRUE(has(Rule::kle_format, Field::kle));
    EXPECT_TRUE(has(Rule::field_required, Field::case_id));
    EXPECT_TRUE(has(Rule::field_required, Field::action));
    for (const auto& v : violations) EXPECT_EQ(v.message(Lang::en).find("5629"), std::string::npos);
}

}  // namespace
}  // namespace ombuds
