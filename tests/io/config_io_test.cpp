// SPDX-License-Identifier: MPL-2.0
// Configuration files: the bundled defaults and bad files.
#include "ombuds/config_io.hpp"

#include <gtest/gtest.h>

namespace ombuds {
namespace {

void expect_refused(std::string_view json, std::string_view expected_in_message) {
    try {
        parse_organisation_json(json, "org.json");
        FAIL() << "accepted " << json;
    } catch (const ConfigError& e) {
        std::string message = e.what();
        EXPECT_NE(message.find("org.json"), std::string::npos) << message;
        EXPECT_NE(message.find(expected_in_message), std::string::npos) << message;
    }
}

TEST(ConfigIo, Defaults) {
    const auto& organisation = default_organisation();
    EXPECT_EQ(organisation.name(), "Eksempel Kommune");
    auto unit = organisation.find("BSF-JOB-SDP");
    ASSERT_TRUE(unit);
    EXPECT_EQ(organisation.unit(*unit).level, 3);
    EXPECT_EQ(organisation.unit(organisation.area_of(*unit)).code, "BSF");
    const auto& themes = default_themes();
    EXPECT_TRUE(themes.find_theme("equal_treatment"));
    EXPECT_TRUE(themes.find_group("administrative_law"));
    EXPECT_EQ(themes.groups().back().code, "other");
}

TEST(ConfigIo, RoundTrip) {
    auto organisation = parse_organisation_json(to_json(default_organisation()), "copy");
    EXPECT_EQ(to_json(organisation), to_json(default_organisation()));
    auto themes = parse_themes_json(to_json(default_themes()), "copy");
    EXPECT_EQ(to_json(themes), to_json(default_themes()));
}

TEST(ConfigIo, BadOrganisations) {
    expect_refused("{", "JSON");
    expect_refused("[]", "object");
    expect_refused(R"({"name": "x"})", "units");
    expect_refused(R"({"units": [{"label": "no code"}]})", "code");
    expect_refused(R"({"units": [{"code": "A"}, {"code": "A"}]})", "duplicate");
    expect_refused(R"({"units": [{"code": "A", "parent": "Z"}]})", "'Z'");
    expect_refused(R"({"units": [{"code": "A", "parent": "B"}, {"code": "B", "parent": "A"}]})",
                   "cycle");
    expect_refused(R"({"units": [{"code": "A", "valid_from": "2024-31-01"}]})", "valid_from");
    expect_refused(R"({"units": [{"code": "A", "external": "yes"}]})", "external");
    expect_refused(R"({"units": [{"code": 5}]})", "code");
}

TEST(ConfigIo, BadThemes) {
    EXPECT_THROW(
        parse_themes_json(
            R"({"groups": [{"code": "g", "themes": [{"code": "t"}, {"code": "t"}]}]})", "t"),
        ConfigError);
    EXPECT_THROW(parse_themes_json(R"({"groups": {}})", "t"), ConfigError);
    EXPECT_THROW(parse_themes_json(R"({"groups": [{"themes": []}]})", "t"), ConfigError);
}

TEST(ConfigIo, MissingFile) {
    EXPECT_THROW(load_organisation("/nonexistent/org.json"), ConfigError);
    EXPECT_THROW(load_configuration({}, "/nonexistent/themes.json"), ConfigError);
}

}  // namespace
}  // namespace ombuds
