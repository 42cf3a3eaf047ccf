// SPDX-License-Identifier: MPL-2.0
#include "ombuds/taxonomy.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace ombuds {
namespace {

/// Upper case of ASCII and the Latin-1 letters (æøå, é, ü ...), written independently of the
/// header's fold_case.
std::string upper(std::string_view text) {
    std::string out(text);
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto byte = static_cast<unsigned char>(out[i]);
        if (byte >= 'a' && byte <= 'z') {
            out[i] = static_cast<char>(byte - 32);
        } else if (byte == 0xC3 && i + 1 < out.size()) {
            auto next = static_cast<unsigned char>(out[i + 1]);
            if (next >= 0xA0 && next <= 0xBE && next != 0xB7)
                out[i + 1] = static_cast<char>(next - 0x20);
            ++i;
        }
    }
    return out;
}

TEST(Taxonomy, EveryCodeHasLabels) {
    std::size_t codes = 0;
    for_each_taxonomy([&](auto type) {
        using E = typename decltype(type)::type;
        std::set<std::string> seen;
        for (std::size_t i = 0; i < code_count<E>; ++i) {
            auto value = static_cast<E>(i);
            EXPECT_FALSE(code(value).empty());
            EXPECT_FALSE(label(value, Lang::da).empty()) << code(value);
            EXPECT_FALSE(label(value, Lang::en).empty()) << code(value);
            EXPECT_TRUE(seen.insert(std::string(code(value))).second) << code(value);
            ++codes;
        }
    });
    // domain.md: 4 kinds, 2 roles, 16 actions, 13 resolutions, 5 responses, 11 rejection
    // reasons, 12 legal bases, 2 origins, 7 channels, 4 contacts.
    EXPECT_EQ(codes, 4u + 2 + 16 + 13 + 5 + 11 + 12 + 2 + 7 + 4);
    EXPECT_EQ(code_count<Action>, 16u);
    EXPECT_EQ(code_count<RejectionReason>, 11u);
}

TEST(Taxonomy, ParsesCodesAndDanishLabelsInAnyLetterCase) {
    for_each_taxonomy([&](auto type) {
        using E = typename decltype(type)::type;
        for (std::size_t i = 0; i < code_count<E>; ++i) {
            auto value = static_cast<E>(i);
            auto da = label(value, Lang::da);
            EXPECT_EQ(parse_code<E>(code(value)), value);
            EXPECT_EQ(parse_code<E>(upper(code(value))), value) << code(value);
            EXPECT_EQ(parse_code<E>(da), value) << da;
            EXPECT_EQ(parse_code<E>(upper(da)), value) << upper(da);
            EXPECT_EQ(parse_code<E>(" " + std::string(da) + " "), value) << da;
        }
    });
}

TEST(Taxonomy, DanishExamples) {
    EXPECT_EQ(parse_code<Kind>("Klage"), Kind::complaint);
    EXPECT_EQ(parse_code<Kind>("KLAGE"), Kind::complaint);
    EXPECT_EQ(parse_code<Kind>("klage"), Kind::complaint);
    EXPECT_EQ(parse_code<Kind>(" klage "), Kind::complaint);
    EXPECT_EQ(parse_code<Kind>("anden henvendelse"), Kind::inquiry);
    EXPECT_EQ(parse_code<Role>("hovedsag"), Role::main);
    EXPECT_EQ(parse_code<Role>("Hovedsag"), Role::main);
    EXPECT_EQ(parse_code<Role>("følgesag"), Role::follow_up);
    EXPECT_EQ(parse_code<Role>("Følgesag"), Role::follow_up);
    EXPECT_EQ(parse_code<Role>("FØLGESAG"), Role::follow_up);
    EXPECT_EQ(parse_code<Channel>("Telefon"), Channel::phone);
    EXPECT_EQ(parse_code<Channel>("åben rådgivning"), Channel::open_hours);
    EXPECT_EQ(parse_code<Channel>("ÅBEN RÅDGIVNING"), Channel::open_hours);
    EXPECT_EQ(parse_code<Contact>("PÅRØRENDE"), Contact::relative);
    EXPECT_EQ(parse_code<Action>("Afvist"), Action::rejected);
    EXPECT_EQ(parse_code<Action>("mægling / genoprettet dialog"), Action::mediation);
    EXPECT_EQ(parse_code<Resolution>("forklaret, ingen ændring"), Resolution::explained);
    EXPECT_EQ(parse_code<LegalBasis>("fvl"), LegalBasis::FVL);
    EXPECT_EQ(parse_code<LegalBasis>("Forvaltningsloven"), LegalBasis::FVL);
    EXPECT_EQ(parse_code<Origin>("Egen drift"), Origin::own_initiative);
    EXPECT_EQ(parse_code<Kind>("COMPLAINT"), Kind::complaint);
    EXPECT_EQ(parse_code<Role>("follow_up"), Role::follow_up);
}

TEST(Taxonomy, RefusesWhatIsNoCode) {
    EXPECT_FALSE(parse_code<Kind>("klagee"));
    EXPECT_FALSE(parse_code<Kind>("klag"));
    EXPECT_FALSE(parse_code<Kind>(""));
    EXPECT_FALSE(parse_code<Kind>("   "));
    EXPECT_FALSE(parse_code<Kind>("main"));      // a code of another list
    EXPECT_FALSE(parse_code<Role>("folgesag"));  // ø is not o
    EXPECT_FALSE(parse_code<Role>("f\xc3\x98lgesag\xc3"));
    EXPECT_FALSE(parse_code<Channel>("Telefon;"));
}

// domain.md, "Actions": the lists per kind, written out independently of the header.
TEST(Taxonomy, ActionsFitTheirKind) {
    const std::set<Action> complaint{Action::complaint_dialogue, Action::meeting,
                                     Action::appeal_help,        Action::decision_explained,
                                     Action::mediation,          Action::resolved_by_advisor,
                                     Action::to_investigation,   Action::rejected};
    const std::set<Action> inquiry{Action::guidance,    Action::signposting,   Action::forwarding,
                                   Action::orientation, Action::accompaniment, Action::rejected};
    const std::set<Action> investigation{Action::investigated, Action::rejected};
    const std::set<Action> staff{Action::advice, Action::referred};
    for (std::size_t a = 0; a < code_count<Action>; ++a) {
        auto action = static_cast<Action>(a);
        EXPECT_EQ(action_fits(Kind::complaint, action), complaint.count(action) == 1)
            << code(action);
        EXPECT_EQ(action_fits(Kind::inquiry, action), inquiry.count(action) == 1) << code(action);
        EXPECT_EQ(action_fits(Kind::investigation, action), investigation.count(action) == 1)
            << code(action);
        EXPECT_EQ(action_fits(Kind::staff, action), staff.count(action) == 1) << code(action);
        // Every action belongs to some kind.
        EXPECT_TRUE(complaint.count(action) + inquiry.count(action) + investigation.count(action) +
                    staff.count(action))
            << code(action);
    }
}

}  // namespace
}  // namespace ombuds
