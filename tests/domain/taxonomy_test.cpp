// SPDX-License-Identifier: MPL-2.0
#include "ombuds/taxonomy.hpp"

#include <gtest/gtest.h>

namespace ombuds {
namespace {

TEST(Taxonomy, EveryCodeHasLabels) {
    std::size_t codes = 0;
    for_each_taxonomy([&](auto type) {
        using E = typename decltype(type)::type;
        for (std::size_t i = 0; i < code_count<E>; ++i) {
            auto value = static_cast<E>(i);
            EXPECT_FALSE(code(value).empty());
            EXPECT_FALSE(label(value, Lang::da).empty()) << code(value);
            EXPECT_FALSE(label(value, Lang::en).empty()) << code(value);
            EXPECT_EQ(parse_code<E>(code(value)), value);
            EXPECT_EQ(parse_code<E>(label(value, Lang::da)), value) << label(value);
            ++codes;
        }
    });
    EXPECT_GT(codes, 70u);
}

TEST(Taxonomy, DanishLabelsInAnyLetterCase) {
    EXPECT_EQ(parse_code<Kind>("Klage"), Kind::complaint);
    EXPECT_EQ(parse_code<Kind>("KLAGE"), Kind::complaint);
    EXPECT_EQ(parse_code<Kind>(" klage "), Kind::complaint);
    EXPECT_EQ(parse_code<Role>("hovedsag"), Role::main);
    EXPECT_EQ(parse_code<Role>("FØLGESAG"), Role::follow_up);
    EXPECT_EQ(parse_code<Role>("følgesag"), Role::follow_up);
    EXPECT_EQ(parse_code<Channel>("åben rådgivning"), Channel::open_hours);
    EXPECT_EQ(parse_code<Kind>("COMPLAINT"), Kind::complaint);
    EXPECT_FALSE(parse_code<Kind>("klagee").has_value());
    EXPECT_FALSE(parse_code<Kind>("").has_value());
}

TEST(Taxonomy, ActionsFitTheirKind) {
    for (auto action : {Action::complaint_dialogue, Action::meeting, Action::appeal_help, Action::decision_explained,
                        Action::mediation, Action::resolved_by_advisor, Action::to_investigation, Action::rejected}) {
        EXPECT_TRUE(action_fits(Kind::complaint, action)) << code(action);
    }
    for (auto action : {Action::guidance, Action::signposting, Action::forwarding, Action::orientation,
                        Action::accompaniment, Action::rejected}) {
        EXPECT_TRUE(action_fits(Kind::inquiry, action)) << code(action);
    }
    EXPECT_TRUE(action_fits(Kind::investigation, Action::investigated));
    EXPECT_TRUE(action_fits(Kind::investigation, Action::rejected));
    EXPECT_TRUE(action_fits(Kind::staff, Action::advice));
    EXPECT_TRUE(action_fits(Kind::staff, Action::referred));
    EXPECT_FALSE(action_fits(Kind::complaint, Action::guidance));
    EXPECT_FALSE(action_fits(Kind::inquiry, Action::meeting));
    EXPECT_FALSE(action_fits(Kind::staff, Action::rejected));
    EXPECT_FALSE(action_fits(Kind::investigation, Action::advice));
}

}  // namespace
}  // namespace ombuds
