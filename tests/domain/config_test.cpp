// SPDX-License-Identifier: MPL-2.0
#include "ombuds/config.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ombuds {
namespace {

OrgUnit unit(std::string code, std::string parent = {}, bool external = false) {
    OrgUnit u;
    u.code = code;
    u.label = "Enhed " + code;
    u.parent = std::move(parent);
    u.external = external;
    return u;
}

OrgUnit labelled(std::string code, std::string label, std::string parent = {}) {
    OrgUnit u = unit(std::move(code), std::move(parent));
    u.label = std::move(label);
    return u;
}

TEST(Organisation, TreeLevelsAndLookups) {
    // Parents may come after their children.
    Organisation org("Test",
                     {unit("A-1-x", "A-1"), unit("A-1", "A"), unit("A"), unit("EXT", "", true),
                      unit("EXT-UDK", "EXT", true), unit("A-1-x-y", "A-1-x")});
    EXPECT_EQ(org.name(), "Test");
    EXPECT_EQ(org.size(), 6u);
    auto leaf = *org.find("A-1-x");
    EXPECT_EQ(org.unit(*org.find("A")).level, 1);
    EXPECT_EQ(org.unit(*org.find("A-1")).level, 2);
    EXPECT_EQ(org.unit(leaf).level, 3);
    EXPECT_EQ(org.unit(*org.find("A-1-x-y")).level, 4);  // deeper levels are allowed
    EXPECT_EQ(org.unit(*org.find("EXT-UDK")).level, 2);
    EXPECT_EQ(org.unit(leaf).parent_index, org.find("A-1"));
    EXPECT_FALSE(org.unit(*org.find("A")).parent_index);

    EXPECT_EQ(org.unit(org.area_of(leaf)).code, "A");
    EXPECT_EQ(org.area_of(*org.find("A")), *org.find("A"));
    EXPECT_EQ(org.unit(org.area_of(*org.find("EXT-UDK"))).code, "EXT");
    EXPECT_EQ(org.unit(org.ancestor_at(leaf, 1)).code, "A");
    EXPECT_EQ(org.unit(org.ancestor_at(leaf, 2)).code, "A-1");
    EXPECT_EQ(org.unit(org.ancestor_at(leaf, 3)).code, "A-1-x");
    EXPECT_EQ(org.unit(org.ancestor_at(*org.find("A-1"), 3)).code, "A-1");  // shallower: itself

    EXPECT_TRUE(org.unit(*org.find("EXT")).external);
    EXPECT_FALSE(org.unit(leaf).external);
    EXPECT_FALSE(org.find("nope"));
    EXPECT_FALSE(org.find(""));
}

TEST(Organisation, FindsByCodeAndByLabelInAnyLetterCase) {
    Organisation org("T", {labelled("SSF", "Social- og Sundhedsforvaltningen"),
                           labelled("SSF-AELDRE", "Center for Sundhed og Ældre", "SSF"),
                           labelled("SSF-AELDRE-HJEM", "Hjemmepleje", "SSF-AELDRE"),
                           labelled("BSF-YDELSE-BOLIG", "Boliganvisning")});
    auto aeldre = org.find("SSF-AELDRE");
    ASSERT_TRUE(aeldre);
    EXPECT_EQ(org.find(" SSF-AELDRE "), aeldre);
    EXPECT_EQ(org.find("Center for Sundhed og Ældre"), aeldre);
    EXPECT_EQ(org.find("center for sundhed og ældre"), aeldre);
    EXPECT_EQ(org.find("CENTER FOR SUNDHED OG ÆLDRE"), aeldre);
    EXPECT_EQ(org.find("hjemmepleje"), org.find("SSF-AELDRE-HJEM"));
    EXPECT_EQ(org.find("BOLIGANVISNING"), org.find("BSF-YDELSE-BOLIG"));
    EXPECT_FALSE(org.find("Center for Sundhed"));
}

TEST(Organisation, RefusesBrokenTrees) {
    EXPECT_THROW(Organisation("T", {unit("A"), unit("A")}), ConfigError);  // duplicate code
    EXPECT_THROW(Organisation("T", {unit("A"), unit("B", "A"), unit("B", "A")}), ConfigError);
    EXPECT_THROW(Organisation("T", {unit("A", "Z")}), ConfigError);  // unknown parent
    EXPECT_THROW(Organisation("T", {unit("A", "B"), unit("B", "A")}), ConfigError);  // cycle
    EXPECT_THROW(Organisation("T", {unit("A", "A")}), ConfigError);  // its own parent
    EXPECT_THROW(Organisation("T", {unit("R"), unit("A", "C"), unit("B", "A"), unit("C", "B")}),
                 ConfigError);
    EXPECT_THROW(Organisation("T", {unit("")}), ConfigError);
    auto bad = unit("A");
    bad.valid_from = Date::from_ymd(2024, 1, 1);
    bad.valid_to = Date::from_ymd(2023, 1, 1);
    EXPECT_THROW(Organisation("T", {bad}), ConfigError);
    try {
        Organisation("T", {unit("X-1", "X-0")});
        ADD_FAILURE() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("X-0"), std::string::npos)
            << e.what();  // names the parent
    }
    // One day of validity is fine; so is an empty organisation.
    auto day = unit("A");
    day.valid_from = day.valid_to = Date::from_ymd(2024, 1, 1);
    EXPECT_NO_THROW(Organisation("T", {day}));
    EXPECT_NO_THROW(Organisation("T", {}));
}

TEST(Organisation, Validity) {
    auto u = unit("A");
    EXPECT_TRUE(u.valid_on(*Date::from_ymd(1900, 1, 1)));  // no dates: always
    u.valid_from = Date::from_ymd(2023, 1, 1);
    u.valid_to = Date::from_ymd(2023, 12, 31);
    EXPECT_FALSE(u.valid_on(*Date::from_ymd(2022, 12, 31)));
    EXPECT_TRUE(u.valid_on(*Date::from_ymd(2023, 1, 1)));
    EXPECT_TRUE(u.valid_on(*Date::from_ymd(2023, 6, 1)));
    EXPECT_TRUE(u.valid_on(*Date::from_ymd(2023, 12, 31)));
    EXPECT_FALSE(u.valid_on(*Date::from_ymd(2024, 1, 1)));
    u.valid_to.reset();
    EXPECT_TRUE(u.valid_on(*Date::from_ymd(2999, 1, 1)));
}

TEST(ThemeCatalogue, GroupsAndThemes) {
    ThemeCatalogue catalogue(
        {{"decision", "Afgørelsen", {{"decision_dissatisfaction", "Utilfreds med afgørelsen"}}},
         {"process", "Sagsforløb", {{"no_reply", "Manglende svar"}, {"slow", "Langsom"}}},
         {"other", "Andet", {{"other", "Andet"}}}});
    EXPECT_EQ(catalogue.groups().size(), 3u);
    EXPECT_EQ(catalogue.themes().size(), 4u);
    auto no_reply = *catalogue.find_theme("no_reply");
    EXPECT_EQ(catalogue.theme(no_reply).label, "Manglende svar");
    EXPECT_EQ(catalogue.find_theme("MANGLENDE SVAR"), no_reply);
    EXPECT_EQ(catalogue.find_theme(" manglende svar "), no_reply);
    EXPECT_EQ(catalogue.find_theme("UTILFREDS MED AFGØRELSEN"),
              catalogue.find_theme("decision_dissatisfaction"));
    EXPECT_EQ(catalogue.group(catalogue.theme(no_reply).group).code, "process");
    EXPECT_EQ(catalogue.group(*catalogue.find_group("process")).themes.size(), 2u);
    EXPECT_EQ(catalogue.find_group("AFGØRELSEN"), catalogue.find_group("decision"));
    EXPECT_EQ(catalogue.find_group("sagsforløb"), catalogue.find_group("process"));
    EXPECT_FALSE(catalogue.find_theme("process"));  // a group is not a theme
    EXPECT_FALSE(catalogue.find_group("no_reply"));
    EXPECT_FALSE(catalogue.find_theme("nope"));
    // A group code may equal a theme code: `other` > `other`.
    EXPECT_EQ(catalogue.group(*catalogue.find_group("other")).code, "other");
    EXPECT_EQ(catalogue.theme(*catalogue.find_theme("other")).group,
              *catalogue.find_group("other"));
    EXPECT_EQ(catalogue.find_theme("andet"), catalogue.find_theme("other"));
}

TEST(ThemeCatalogue, RefusesDuplicates) {
    using Groups = std::vector<ThemeCatalogue::GroupSpec>;
    EXPECT_THROW(ThemeCatalogue(Groups{{"g", "G", {{"t", "T"}, {"t", "U"}}}}), ConfigError);
    // Theme codes are unique across groups too.
    EXPECT_THROW(ThemeCatalogue(Groups{{"g", "G", {{"t", "T"}}}, {"h", "H", {{"t", "U"}}}}),
                 ConfigError);
    EXPECT_THROW(ThemeCatalogue(Groups{{"g", "G", {}}, {"g", "H", {}}}), ConfigError);
    EXPECT_THROW(ThemeCatalogue(Groups{{"", "G", {}}}), ConfigError);
    EXPECT_THROW(ThemeCatalogue(Groups{{"g", "G", {{"", "T"}}}}), ConfigError);
    EXPECT_NO_THROW(ThemeCatalogue(Groups{{"g", "G", {{"g", "G"}}}}));
}

}  // namespace
}  // namespace ombuds
