// SPDX-License-Identifier: MPL-2.0
// Configuration files: the bundled defaults and bad files.
#include "ombuds/config_io.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ombuds {
namespace {

/// A string as a JSON string literal (the spellings hold no quote or backslash).
std::string json_string(const std::string& text) {
    return "\"" + text + "\"";
}

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

// Codes are printed in reports as they are: one that spells a CPR number, in any spelling, is
// refused without being echoed. Labels are text: anything CPR-like in one is replaced.
const char* const cpr_spellings[] = {
    "150345-4447",      "1503454447",
    "150345\u20134447", "15 03 45 4447",
    "150345\u00A04447", "\uFF11\uFF15\uFF10\uFF13\uFF14\uFF15\uFF0D\uFF14\uFF14\uFF14\uFF17",
    "K-150345.4447",
};

void expect_no_cpr(const std::string& text) {
    EXPECT_EQ(text.find("4447"), std::string::npos) << text;
    EXPECT_EQ(text.find("150345"), std::string::npos) << text;
    EXPECT_EQ(text.find("\uFF14"), std::string::npos) << text;
}

TEST(ConfigIo, CodesThatSpellACprNumberAreRefused) {
    for (std::string cpr : cpr_spellings) {
        std::string quoted = json_string(cpr);
        for (const std::string& json :
             {R"({"units": [{"code": )" + quoted + "}]}",
              R"({"units": [{"code": "A"}, {"code": "B", "parent": )" + quoted + "}]}"}) {
            try {
                parse_organisation_json(json, "org.json");
                ADD_FAILURE() << "accepted " << json;
            } catch (const ConfigError& e) {
                std::string message = e.what();
                EXPECT_NE(message.find("org.json"), std::string::npos) << message;
                EXPECT_NE(message.find("CPR"), std::string::npos) << message;
                expect_no_cpr(message);
            }
        }
        for (const std::string& json :
             {R"({"groups": [{"code": )" + quoted + R"(, "themes": [{"code": "t"}]}]})",
              R"({"groups": [{"code": "g", "themes": [{"code": )" + quoted + "}]}]}"}) {
            try {
                parse_themes_json(json, "themes.json");
                ADD_FAILURE() << "accepted " << json;
            } catch (const ConfigError& e) {
                expect_no_cpr(e.what());
            }
        }
    }
    // Codes with digits that cannot be a CPR number are codes.
    auto organisation = parse_organisation_json(
        R"({"units": [{"code": "BSF-2024"}, {"code": "1000012345"}, {"code": "32.18.08"}]})",
        "org.json");
    EXPECT_TRUE(organisation.find("1000012345"));
}

TEST(ConfigIo, LabelsAreRedactedOnLoading) {
    for (std::string cpr : cpr_spellings) {
        std::string label = json_string("Team " + cpr + " (lokale 2.14)");
        auto organisation = parse_organisation_json(
            R"({"name": )" + label + R"(, "units": [{"code": "A", "label": )" + label + "}]}",
            "org.json");
        for (const auto& text :
             {organisation.name(), organisation.unit(*organisation.find("A")).label}) {
            EXPECT_TRUE(text.starts_with("Team ")) << text;
            EXPECT_TRUE(text.ends_with("XXXXXX-XXXX (lokale 2.14)")) << text;
            expect_no_cpr(text);
        }
        expect_no_cpr(to_json(organisation));
        auto themes =
            parse_themes_json(R"({"groups": [{"code": "g", "label": )" + label +
                                  R"(, "themes": [{"code": "t", "label": )" + label + "}]}]}",
                              "themes.json");
        expect_no_cpr(to_json(themes));
    }
    // Ordinary numbers in labels stay.
    auto organisation = parse_organisation_json(
        R"({"units": [{"code": "A", "label": "Team 2, tlf. 12 34 56 78, siden 2024-01-25"}]})",
        "org.json");
    EXPECT_EQ(organisation.unit(*organisation.find("A")).label,
              "Team 2, tlf. 12 34 56 78, siden 2024-01-25");
}

TEST(ConfigIo, BrokenJsonIsNotEchoed) {
    try {
        parse_organisation_json("{\"units\": [150345-4447x", "org.json");
        FAIL() << "accepted broken JSON";
    } catch (const ConfigError& e) {
        expect_no_cpr(e.what());
    }
}

TEST(ConfigIo, MissingFile) {
    EXPECT_THROW(load_organisation("/nonexistent/org.json"), ConfigError);
    EXPECT_THROW(load_configuration({}, "/nonexistent/themes.json"), ConfigError);
}

}  // namespace
}  // namespace ombuds
