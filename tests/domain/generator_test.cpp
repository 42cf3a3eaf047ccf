// SPDX-License-Identifier: MPL-2.0
// The synthetic cases of bench/case_generator.hpp: valid against every rule, deterministic, and
// the realistic mix the benchmarks and the report tests count on.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "case_generator.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/validation.hpp"

namespace ombuds {
namespace {

const Configuration& config() {
    static const Configuration c = load_configuration();
    return c;
}

bench::GeneratorOptions two_years(std::size_t cases) {
    bench::GeneratorOptions options;
    options.cases = cases;
    options.years = 2;
    return options;
}

/// Every violation of a batch, errors and warnings, as "row: rule field" lines (the first few).
std::size_t count_violations(const std::vector<CaseRecord>& records, bool errors_only) {
    Validator validator(config(),
                        ValidationOptions{Date::from_ymd(2026, 11, 1), WriteMode::insert});
    auto result = validator.validate_batch(records, EmptyRegisterView());
    std::size_t count = 0;
    for (std::size_t i = 0; i < result.size(); ++i) {
        for (const auto& v : result[i]) {
            if (errors_only && !v.is_error()) continue;
            if (++count <= 10) {
                ADD_FAILURE() << "row " << i << ": " << rule_code(v.rule) << " on "
                              << column_name(v.field) << " " << v.detail;
            }
        }
    }
    return count;
}

TEST(Generator, TwentyThousandCasesOverTwoYearsHaveNoErrorNorWarning) {
    auto records = bench::generate_records(config(), two_years(20000));
    ASSERT_EQ(records.size(), 20000u);
    EXPECT_EQ(count_violations(records, true), 0u);
    EXPECT_EQ(count_violations(records, false), 0u);
}

TEST(Generator, ValidWithoutCitizensAndUpToTheLatestDate) {
    auto options = two_years(5000);
    options.with_citizens = false;
    auto records = bench::generate_records(config(), options);
    EXPECT_TRUE(std::all_of(records.begin(), records.end(),
                            [](const CaseRecord& r) { return r.citizen.is_anonymous(); }));
    EXPECT_EQ(count_violations(records, true), 0u);

    // A span reaching past 2026-11-01 stops there.
    options = two_years(5000);
    options.first_year = 2026;
    options.seed = 7;
    records = bench::generate_records(config(), options);
    EXPECT_EQ(count_violations(records, true), 0u);
    for (const auto& r : records) {
        for (auto date : {r.received, r.matter_date, r.first_response, r.closed}) {
            if (date) {
                ASSERT_LE(*date, bench::generator_latest_date);
            }
        }
    }
}

TEST(Generator, Deterministic) {
    auto options = two_years(3000);
    auto first = bench::generate_csv(config(), options);
    EXPECT_EQ(first, bench::generate_csv(config(), options));
    options.seed = 43;
    EXPECT_NE(first, bench::generate_csv(config(), options));
}

TEST(Generator, CsvReadsBackAsTheRecordsWithEitherSeparator) {
    auto options = two_years(4000);
    auto records = bench::generate_records(config(), options);
    for (char separator : {';', ','}) {
        auto file = read_case_text(bench::generate_csv(config(), options, separator),
                                   "generated.csv", config());
        for (const auto& issue : file.issues) {
            ADD_FAILURE() << "line " << issue.line << ": " << rule_code(issue.violation.rule);
        }
        ASSERT_EQ(file.records.size(), records.size());
        for (std::size_t i = 0; i < records.size(); ++i) {
            ASSERT_EQ(file.records[i].citizen, records[i].citizen) << i;
            for (std::size_t f = 0; f < field_count; ++f) {
                auto field = static_cast<Field>(f);
                ASSERT_EQ(field_text(file.records[i], field, config()),
                          field_text(records[i], field, config()))
                    << "row " << i << " " << column_name(field) << " separator " << separator;
            }
        }
    }
}

struct Mix {
    std::map<Kind, std::size_t> kinds;
    std::size_t follow_ups = 0, anonymous = 0, cvr = 0, ref = 0;
    std::size_t rejected = 0, rejected_with_reason = 0, open = 0;
    std::size_t kle = 0, legal = 0, notes = 0, matter_dates = 0;
    std::set<RejectionReason> reasons;
    std::map<ThemeIndex, std::size_t> themes;
    std::unordered_set<std::string> inquiries;
    std::unordered_map<std::string, std::set<std::string>> citizen_inquiries;  // by citizen key
};

Mix count_mix(const std::vector<CaseRecord>& records) {
    Mix mix;
    for (const auto& r : records) {
        ++mix.kinds[*r.kind];
        if (r.role == Role::follow_up) ++mix.follow_ups;
        if (r.action == Action::rejected) {
            ++mix.rejected;
            if (r.rejection_reason) ++mix.rejected_with_reason;
        }
        if (!r.closed) ++mix.open;
        mix.inquiries.insert(r.inquiry()->str());
        if (!r.citizen.is_anonymous()) {
            mix.citizen_inquiries[r.citizen.key()].insert(r.inquiry()->str());
        }
        if (r.kind != Kind::staff && r.citizen.is_anonymous()) ++mix.anonymous;
        if (r.citizen.type() == Citizen::Type::cvr) ++mix.cvr;
        if (r.citizen.type() == Citizen::Type::ref) ++mix.ref;
        if (r.kle) ++mix.kle;
        if (r.legal_basis) ++mix.legal;
        if (!r.note.empty()) ++mix.notes;
        if (r.matter_date) ++mix.matter_dates;
        if (r.rejection_reason) mix.reasons.insert(*r.rejection_reason);
        if (r.theme.theme) ++mix.themes[*r.theme.theme];
    }
    return mix;
}

TEST(Generator, RealisticMix) {
    auto records = bench::generate_records(config(), two_years(50000));
    auto mix = count_mix(records);
    auto share = [&](std::size_t count) { return static_cast<double>(count) / 50000.0; };
    EXPECT_NEAR(share(mix.kinds[Kind::complaint]), 0.60, 0.03);
    EXPECT_NEAR(share(mix.kinds[Kind::inquiry]), 0.33, 0.03);
    EXPECT_NEAR(share(mix.kinds[Kind::investigation]), 0.02, 0.007);
    EXPECT_NEAR(share(mix.kinds[Kind::staff]), 0.05, 0.01);
    // The shape of issue 6: about 1.8 cases per inquiry, 40 % follow-ups, 3 % rejected (each
    // with a reason), 5 % open.
    EXPECT_NEAR(50000.0 / static_cast<double>(mix.inquiries.size()), 1.8, 0.1);
    EXPECT_NEAR(share(mix.follow_ups), 0.40, 0.02);
    EXPECT_NEAR(share(mix.rejected), 0.03, 0.005);
    EXPECT_EQ(mix.rejected_with_reason, mix.rejected);
    EXPECT_NEAR(share(mix.open), 0.05, 0.01);
    EXPECT_NEAR(share(mix.anonymous), 0.03, 0.015);
    // Repeat citizens: about a fifth come back in a later inquiry.
    std::size_t repeat = 0;
    for (const auto& [citizen, inquiries] : mix.citizen_inquiries) repeat += inquiries.size() > 1;
    EXPECT_NEAR(static_cast<double>(repeat) / static_cast<double>(mix.citizen_inquiries.size()),
                0.22, 0.05);
    EXPECT_GT(mix.cvr, 200u);
    EXPECT_GT(mix.ref, 400u);
    EXPECT_GT(mix.kle, 2000u);
    EXPECT_GT(mix.legal, 1000u);
    EXPECT_GT(mix.notes, 1000u);
    EXPECT_GT(mix.matter_dates, 1000u);
    for (auto reason : {RejectionReason::time_barred, RejectionReason::other_authority,
                        RejectionReason::other, RejectionReason::decision_merits}) {
        EXPECT_TRUE(mix.reasons.count(reason)) << code(reason);
    }
    // Skewed themes: the first theme far ahead of the middle one, "other" among the rare ones.
    std::vector<std::size_t> counts;
    for (auto [theme, count] : mix.themes) counts.push_back(count);
    std::sort(counts.rbegin(), counts.rend());
    ASSERT_GT(counts.size(), 20u);
    EXPECT_GT(counts[0], 5 * counts[counts.size() / 2]);
    EXPECT_LT(mix.themes[*config().themes.find_theme("other")], counts[counts.size() / 2]);
}

TEST(Generator, CasesHangTogether) {
    auto records = bench::generate_records(config(), two_years(30000));
    std::unordered_map<std::string, const CaseRecord*> by_id;
    for (const auto& r : records) by_id[r.case_id->str()] = &r;
    struct InquirySeen {
        const CaseRecord* first;
        std::size_t cases;
        std::size_t main_cases;
    };
    std::unordered_map<std::string, InquirySeen> inquiries;
    std::size_t across_inquiries = 0, within_inquiries = 0;
    const auto& organisation = config().organisation;
    for (const auto& r : records) {
        const Date received = *r.received;
        ASSERT_TRUE(r.unit || r.rejection_reason == RejectionReason::other_authority)
            << r.case_id->str();
        if (r.unit) {
            ASSERT_TRUE(organisation.unit(*r.unit).valid_on(received));
        }
        if (r.unit && organisation.unit(*r.unit).external) {
            EXPECT_EQ(r.rejection_reason, RejectionReason::other_authority);
        }
        if (r.citizen.is_anonymous()) {
            EXPECT_EQ(r.role, Role::main) << r.case_id->str();
        }
        if (r.role == Role::follow_up) {
            const CaseRecord& main = *by_id.at(r.main_case_id->str());
            EXPECT_EQ(main.role, Role::main);
            EXPECT_EQ(main.citizen, r.citizen);
            EXPECT_LE(*main.received, received);
            if (*main.inquiry() != *r.inquiry()) {
                ++across_inquiries;
            } else {
                ++within_inquiries;
            }
        }
        if (auto birth = r.citizen.birth_date()) {
            // The seventh digit gave the right century: born 16 to 95 years before 2024.
            EXPECT_GE(birth->year(), 2024 - 95);
            EXPECT_LE(birth->year(), 2024 - 16);
        }
        auto [it, fresh] = inquiries.try_emplace(r.inquiry()->str(), InquirySeen{&r, 0, 0});
        ++it->second.cases;
        if (r.role == Role::main) ++it->second.main_cases;
        if (!fresh) {
            EXPECT_EQ(it->second.first->citizen, r.citizen);
            EXPECT_EQ(it->second.first->received, r.received);
        }
    }
    // Follow-ups raised in a later contact, and (most of them) in the main case's own.
    EXPECT_GT(across_inquiries, 1500u);
    EXPECT_GT(within_inquiries, 2 * across_inquiries);
    std::map<std::size_t, std::size_t> sizes;
    std::size_t several_matters = 0;
    for (const auto& [id, seen] : inquiries) {
        ++sizes[seen.cases];
        if (seen.main_cases > 1) ++several_matters;
    }
    // One to six cases, most often one, some inquiries raising more than one matter.
    EXPECT_EQ(sizes.begin()->first, 1u);
    EXPECT_EQ(sizes.rbegin()->first, 6u);
    EXPECT_GT(sizes[1], sizes[2]);
    EXPECT_GT(sizes[2], sizes[3]);
    EXPECT_GT(sizes[6], 0u);
    EXPECT_GT(several_matters, inquiries.size() / 20);
}

TEST(Generator, ColumnsMatchTheRecords) {
    auto options = two_years(10000);
    auto records = bench::generate_records(config(), options);
    auto columns = bench::generate_columns(config(), options);
    ASSERT_EQ(columns.size(), records.size());
    std::unordered_set<std::string> citizens, inquiries;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto& r = records[i];
        ASSERT_EQ(columns.received[i], r.received->days());
        ASSERT_EQ(columns.kind[i], static_cast<std::uint8_t>(*r.kind));
        ASSERT_EQ(columns.action[i], static_cast<std::uint8_t>(*r.action));
        ASSERT_EQ(columns.citizen[i] == CaseColumns::anonymous, r.citizen.is_anonymous());
        if (r.role == Role::follow_up) {
            ASSERT_EQ("C" + std::to_string(columns.main_row[i]), r.main_case_id->str());
        }
        if (!r.citizen.is_anonymous()) citizens.insert(r.citizen.key());
        inquiries.insert(r.inquiry()->str());
    }
    // Distinct citizen ids are distinct people: the pseudonymised register counts the same.
    EXPECT_EQ(columns.citizen_count, citizens.size());
    EXPECT_EQ(columns.inquiry_count, inquiries.size());
}

}  // namespace
}  // namespace ombuds
