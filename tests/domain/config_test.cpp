// SPDX-License-Identifier: MPL-2.0
#include "ombuds/config.hpp"

#include <gtest/gtest.h>

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

TEST(Organisation, TreeLevelsAndLookups) {
    // Parents may come after their children.
    Organisation org("Test", {unit("A-1-x", "A-1"), unit("A-1", "A"), unit("A"), unit("EXT", "", true)});
    auto leaf = *org.find("A-1-x");
    EXPECT_EQ(org.unit(leaf).level, 3);
    EXPECT_EQ(org.unit(org.area_of(leaf)).code, "A");
    EXPECT_EQ(org.unit(org.ancestor_at(leaf, 2)).code, "A-1");
    EXPECT_EQ(org.find("enhed a-1"), org.find("A-1"));  // by label, any case
    EXPECT_FALSE(org.find("nope"));
    EXPECT_TRUE(org.unit(*org.find("EXT")).external);
}

TEST(Organisation, RefusesBrokenTrees) {
    EXPECT_THROW(Organisation("T", {unit("A"), unit("A")}), ConfigError);
    EXPECT_THROW(Organisation("T", {unit("A", "Z")}), ConfigError);
    EXPECT_THROW(Organisation("T", {unit("A", "B"), unit("B", "A")}), ConfigError);
    EXPECT_THROW(Organisation("T", {unit("")}), ConfigError);
    auto bad = unit("A");
    bad.valid_from = Date::from_ymd(2024, 1, 1);
    bad.valid_to = Date::from_ymd(2023, 1, 1);
    EXPECT_THROW(Organisation("T", {bad}), ConfigError);
}

TEST(Organisation, Validity) {
    auto u = unit("A");
    u.valid_from = Date::from_ymd(2023, 1, 1);
    u.valid_to = Date::from_ymd(2023, 12, 31);
    EXPECT_FALSE(u.valid_on(*Date::from_ymd(2022, 12, 31)));
    EXPECT_TRUE(u.valid_on(*Date::from_ymd(2023, 6, 1)));
    EXPECT_FALSE(u.valid_on(*Date::from_ymd(2024, 1, 1)));
}

TEST(ThemeCatalogue, GroupsAndThemes) {
    ThemeCatalogue catalogue({{"process", "Sagsforløb", {{"no_reply", "Manglende svar"}}},
                              {"other", "Andet", {{"other", "Andet"}}}});
    EXPECT_EQ(catalogue.theme(*catalogue.find_theme("MANGLENDE SVAR")).code, "no_reply");
    EXPECT_EQ(catalogue.group(*catalogue.find_group("other")).code, "other");  // group code = theme code
    EXPECT_EQ(catalogue.theme(*catalogue.find_theme("other")).group, *catalogue.find_group("other"));
    EXPECT_THROW(ThemeCatalogue({{"g", "G", {{"t", "T"}, {"t", "U"}}}}), ConfigError);
    EXPECT_THROW(ThemeCatalogue({{"g", "G", {}}, {"g", "H", {}}}), ConfigError);
}

}  // namespace
}  // namespace ombuds
