// SPDX-License-Identifier: MPL-2.0
// Every rule of domain.md: a record that breaks it is refused (or warned), and the same record
// put right is accepted.
#include "ombuds/validation.hpp"

#include <gtest/gtest.h>

#include <map>

#include "ombuds/config_io.hpp"

namespace ombuds {
namespace {

using Fields = std::map<Field, std::string>;

const Configuration& config() {
    static const Configuration c = load_configuration();
    return c;
}

Fields complaint() {
    return {{Field::case_id, "K1"},
            {Field::citizen, "211062-5629"},
            {Field::kind, "complaint"},
            {Field::role, "main"},
            {Field::received, "2024-03-04"},
            {Field::first_response, "2024-03-05"},
            {Field::closed, "2024-04-01"},
            {Field::unit, "BSF-JOB-SDP"},
            {Field::theme, "slow_processing"},
            {Field::action, "complaint_dialogue"},
            {Field::resolution, "explained"}};
}

CaseRecord parse(const Fields& fields) {
    FieldValues values{};
    for (const auto& [field, text] : fields) values[static_cast<std::size_t>(field)] = text;
    std::vector<Violation> violations;
    auto rec = parse_record(values, config(), violations);
    for (const auto& v : violations) ADD_FAILURE() << "parse: " << rule_code(v.rule);
    return rec;
}

std::vector<Violation> check(const std::vector<Fields>& rows,
                             const RegisterView& stored = EmptyRegisterView()) {
    std::vector<CaseRecord> records;
    for (const auto& row : rows) records.push_back(parse(row));
    Validator validator(config(), ValidationOptions{Date::from_ymd(2025, 1, 1), WriteMode::insert});
    std::vector<Violation> all;
    for (auto& violations : validator.validate_batch(records, stored)) {
        all.insert(all.end(), violations.begin(), violations.end());
    }
    return all;
}

bool breaks(const std::vector<Violation>& violations, Rule rule) {
    for (const auto& v : violations) {
        if (v.rule == rule) return true;
    }
    return false;
}

Fields with(Fields base, const Fields& changes) {
    for (const auto& [field, value] : changes) {
        if (value.empty()) {
            base.erase(field);
        } else {
            base[field] = value;
        }
    }
    return base;
}

struct Case {
    const char* name;
    Rule rule;
    std::vector<Fields> refused;
    std::vector<Fields> accepted;
};

Fields follow_up(const Fields& changes = {}) {
    return with(
        complaint(),
        with({{Field::case_id, "K2"}, {Field::role, "follow_up"}, {Field::main_case_id, "K1"}},
             changes));
}

Fields rejected(const Fields& changes) {
    return with(complaint(),
                with({{Field::action, "rejected"}, {Field::resolution, "unresolved"}}, changes));
}

Fields investigation(const Fields& changes = {}) {
    return with(complaint(), with({{Field::kind, "investigation"},
                                   {Field::action, "investigated"},
                                   {Field::theme, ""},
                                   {Field::origin, "own_initiative"},
                                   {Field::resolution, "criticism"}},
                                  changes));
}

Fields staff(const Fields& changes = {}) {
    return with(complaint(), with({{Field::kind, "staff"},
                                   {Field::action, "advice"},
                                   {Field::theme, "process"},
                                   {Field::citizen, ""},
                                   {Field::resolution, ""}},
                                  changes));
}

Fields orientation(const std::string& id, const std::string& received) {
    return with(complaint(), {{Field::case_id, id},
                              {Field::kind, "inquiry"},
                              {Field::action, "orientation"},
                              {Field::received, received},
                              {Field::first_response, ""},
                              {Field::closed, ""},
                              {Field::resolution, ""},
                              {Field::theme, "status_information"}});
}

void PrintTo(const Case& c, std::ostream* os) {
    *os << c.name;
}

class EveryRule : public ::testing::TestWithParam<Case> {};

TEST_P(EveryRule, RefusesAndAccepts) {
    const auto& c = GetParam();
    EXPECT_TRUE(breaks(check(c.refused), c.rule)) << "not refused: " << rule_code(c.rule);
    auto accepted = check(c.accepted);
    EXPECT_FALSE(breaks(accepted, c.rule)) << "refused: " << rule_code(c.rule);
    for (const auto& v : accepted)
        ADD_FAILURE() << "accepted case breaks " << rule_code(v.rule) << ": " << v.message();
}

INSTANTIATE_TEST_SUITE_P(
    DomainRules, EveryRule,
    ::testing::Values(
        Case{"followup_missing_main",
             Rule::followup_requires_main,
             {complaint(), follow_up({{Field::main_case_id, "K9"}})},
             {complaint(), follow_up()}},
        Case{"followup_no_main_id",
             Rule::followup_requires_main,
             {follow_up({{Field::main_case_id, ""}})},
             {complaint()}},
        Case{"followup_of_followup",
             Rule::followup_requires_main,
             {complaint(), follow_up(),
              follow_up({{Field::case_id, "K3"}, {Field::main_case_id, "K2"}})},
             {complaint(), follow_up(), follow_up({{Field::case_id, "K3"}})}},
        Case{"followup_other_citizen",
             Rule::followup_requires_main,
             {complaint(), follow_up({{Field::citizen, "070761-4285"}})},
             {complaint(), follow_up()}},
        Case{"followup_before_main",
             Rule::followup_requires_main,
             {complaint(),
              follow_up({{Field::received, "2024-03-01"}, {Field::first_response, ""}})},
             {follow_up(), complaint()}},  // a follow-up may come before its main case in a file
        Case{"main_no_parent",
             Rule::main_no_parent,
             {with(complaint(), {{Field::main_case_id, "K0"}})},
             {complaint()}},
        Case{"reason_without_rejection",
             Rule::rejection_reason_iff_rejected,
             {with(complaint(), {{Field::rejection_reason, "appeal_body"}})},
             {complaint()}},
        Case{"rejection_without_reason",
             Rule::rejection_reason_iff_rejected,
             {rejected({})},
             {rejected({{Field::rejection_reason, "appeal_body"}})}},
        Case{"time_barred_too_young",
             Rule::rejection_time_barred_needs_age,
             {rejected({{Field::rejection_reason, "time_barred"},
                        {Field::matter_date, "2023-06-01"}})},
             {rejected({{Field::rejection_reason, "time_barred"},
                        {Field::matter_date, "2023-03-04"}})}},
        Case{"time_barred_no_date",
             Rule::rejection_time_barred_needs_age,
             {rejected({{Field::rejection_reason, "time_barred"}})},
             {rejected({{Field::rejection_reason, "time_barred"},
                        {Field::matter_date, "2020-01-01"}})}},
        Case{"other_authority_unit",
             Rule::rejection_other_authority_unit,
             {rejected({{Field::rejection_reason, "other_authority"}})},
             {rejected({{Field::rejection_reason, "other_authority"}, {Field::unit, "EXT-UDK"}})}},
        Case{"action_fits_kind",
             Rule::action_fits_kind,
             {with(complaint(), {{Field::action, "guidance"}})},
             {complaint()}},
        Case{"dates_order",
             Rule::dates_order,
             {with(complaint(), {{Field::closed, "2024-03-01"}})},
             {complaint()}},
        Case{"dates_future",
             Rule::dates_order,
             {with(complaint(), {{Field::closed, "2025-06-01"}})},
             {complaint()}},
        Case{"matter_after_received",
             Rule::dates_order,
             {with(complaint(), {{Field::matter_date, "2024-03-05"}})},
             {with(complaint(), {{Field::matter_date, "2024-03-04"}})}},
        Case{"closed_needs_action",
             Rule::closed_needs_action,
             {with(complaint(), {{Field::action, ""}})},
             // Registered the day it arrives: open, the advisor's effort not known yet.
             {with(complaint(), {{Field::action, ""}, {Field::closed, ""}})}},
        Case{"reason_without_action",
             Rule::rejection_reason_iff_rejected,
             {with(complaint(), {{Field::action, ""},
                                 {Field::closed, ""},
                                 {Field::rejection_reason, "appeal_body"}})},
             {with(complaint(), {{Field::action, ""}, {Field::closed, ""}})}},
        Case{"closed_needs_resolution",
             Rule::closed_needs_resolution,
             {with(complaint(), {{Field::resolution, ""}})},
             {with(complaint(), {{Field::resolution, ""}, {Field::closed, ""}})}},
        Case{"unit_not_yet_valid",
             Rule::unit_known,
             {with(complaint(), {{Field::unit, "SSF-VOKSEN-BRYDE"},
                                 {Field::received, "2022-12-31"},
                                 {Field::first_response, ""},
                                 {Field::closed, ""}})},
             {with(complaint(), {{Field::unit, "SSF-VOKSEN-BRYDE"}})}},
        Case{"theme_required",
             Rule::theme_required,
             {with(complaint(), {{Field::theme, ""}})},
             {complaint()}},
        Case{"theme_group_only_for_complaint",
             Rule::theme_required,
             {with(complaint(), {{Field::theme, "process"}})},
             {complaint()}},
        Case{"staff_theme_is_group",
             Rule::theme_required,
             {staff({{Field::theme, "no_reply"}})},
             {staff()}},
        Case{"staff_citizen",
             Rule::staff_no_personal_data,
             {staff({{Field::citizen, "211062-5629"}})},
             {staff()}},
        Case{"staff_note",
             Rule::staff_no_personal_data,
             {staff({{Field::note, "fortroligt"}})},
             {staff()}},
        Case{"investigation_origin",
             Rule::investigation_origin,
             {investigation({{Field::origin, ""}})},
             {investigation()}},
        Case{"investigation_follow_up",
             Rule::investigation_origin,
             {investigation(), investigation({{Field::case_id, "K2"},
                                              {Field::role, "follow_up"},
                                              {Field::main_case_id, "K1"}})},
             {investigation()}},
        Case{"origin_on_complaint",
             Rule::investigation_origin,
             {with(complaint(), {{Field::origin, "own_initiative"}})},
             {complaint()}},
        Case{"born_after_received",
             Rule::citizen_format,
             {with(complaint(), {{Field::citizen, "010125-4001"}})},
             {with(complaint(), {{Field::citizen, "010124-4001"}})}},
        Case{"orientation_twice",
             Rule::orientation_once_per_citizen,
             {orientation("O1", "2024-02-01"), orientation("O2", "2024-06-01")},
             {orientation("O1", "2024-02-01"), orientation("O2", "2025-01-01")}},
        Case{"id_unique", Rule::id_unique, {complaint(), complaint()}, {complaint()}},
        Case{"other_needs_note",
             Rule::rejection_other_needs_note,
             {rejected({{Field::rejection_reason, "other"}})},
             {rejected({{Field::rejection_reason, "other"},
                        {Field::note, "Borgeren trak klagen"}})}},
        Case{"id_no_cpr_case_id",
             Rule::id_no_cpr,
             {with(complaint(), {{Field::case_id, "150345-4447"}})},
             {with(complaint(), {{Field::case_id, "K-2024-000123"}})}},
        Case{"id_no_cpr_inquiry_id",
             Rule::id_no_cpr,
             {with(complaint(), {{Field::inquiry_id, "H 15 03 45 4447"}})},
             {with(complaint(), {{Field::inquiry_id, "H-1000012345"}})}},
        Case{"id_no_cpr_main_case_id",
             Rule::id_no_cpr,
             {with(complaint(),
                   {{Field::case_id, "\uFF11\uFF15\uFF10\uFF13\uFF14\uFF15\u20134447"}}),
              follow_up({{Field::main_case_id, "\uFF11\uFF15\uFF10\uFF13\uFF14\uFF15\u20134447"}})},
             {complaint(), follow_up()}}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(Validator, ParseRulesNameTheField) {
    FieldValues values{};
    values[static_cast<std::size_t>(Field::kle)] = "27.24";
    values[static_cast<std::size_t>(Field::citizen)] = "511062-5629";
    values[static_cast<std::size_t>(Field::unit)] = "NOPE";
    values[static_cast<std::size_t>(Field::theme)] = "nope";
    values[static_cast<std::size_t>(Field::kind)] = "klagee";
    std::vector<Violation> violations;
    parse_record(values, config(), violations);
    std::map<Rule, Field> found;
    for (const auto& v : violations) found.emplace(v.rule, v.field);
    EXPECT_EQ(found.at(Rule::kle_format), Field::kle);
    EXPECT_EQ(found.at(Rule::citizen_format), Field::citizen);
    EXPECT_EQ(found.at(Rule::unit_known), Field::unit);
    EXPECT_EQ(found.at(Rule::theme_known), Field::theme);
    EXPECT_EQ(found.at(Rule::code_known), Field::kind);
    EXPECT_EQ(found.at(Rule::field_required), Field::case_id);
    for (const auto& v : violations) EXPECT_EQ(v.message().find("5629"), std::string::npos);
}

// id.no_cpr names the field that spells a CPR number and never echoes it, in any spelling.
TEST(Validator, IdNoCprNamesTheFieldAndNeverEchoes) {
    for (const char* id : {"150345-4447", "K-150345.4447", "150345\u00A04447", "15-03-45-4447",
                           "\uFF11\uFF15\uFF10\uFF13\uFF14\uFF15\uFF14\uFF14\uFF14\uFF17"}) {
        auto violations = check({with(complaint(), {{Field::case_id, id}, {Field::inquiry_id, id}}),
                                 with(complaint(), {{Field::case_id, id}})});
        std::map<Field, int> fields;
        for (const auto& v : violations) {
            if (v.rule == Rule::id_no_cpr) ++fields[v.field];
            for (auto lang : {Lang::da, Lang::en}) {
                auto message = v.message(lang);
                EXPECT_EQ(message.find("4447"), std::string::npos) << message;
                EXPECT_EQ(message.find("\uFF14"), std::string::npos) << message;
            }
        }
        EXPECT_EQ(fields[Field::case_id], 2) << id;
        EXPECT_EQ(fields[Field::inquiry_id], 1) << id;
    }
    EXPECT_EQ(rule_code(Rule::id_no_cpr), "id.no_cpr");
    EXPECT_EQ(rule_info(Rule::id_no_cpr).severity, Severity::error);
}

/// A register holding one main case with a follow-up, as the validator sees it.
class OneStoredMain final : public RegisterView {
  public:
    std::optional<StoredCase> find_case(std::string_view id) const override {
        if (id == "K1") return StoredCase{parse(complaint())};
        return std::nullopt;
    }
    std::vector<StoredCase> followups(std::string_view id) const override {
        if (id == "K1") return {StoredCase{parse(follow_up())}};
        return {};
    }
    std::size_t orientation_count(std::string_view, int, std::string_view) const override {
        return 0;
    }
};

TEST(Validator, AgainstTheRegister) {
    OneStoredMain stored;
    EXPECT_TRUE(check({follow_up()}, stored).empty());
    EXPECT_TRUE(breaks(check({complaint()}, stored), Rule::id_unique));
    std::vector<CaseRecord> demote{
        parse(follow_up({{Field::case_id, "K1"}, {Field::main_case_id, "K0"}})),
        parse(with(complaint(), {{Field::case_id, "K0"}, {Field::received, "2024-01-01"}}))};
    Validator replacing(config(),
                        ValidationOptions{Date::from_ymd(2025, 1, 1), WriteMode::replace});
    auto result = replacing.validate_batch(demote, stored);
    EXPECT_TRUE(breaks(result[0], Rule::main_keeps_followups));
}

}  // namespace
}  // namespace ombuds
