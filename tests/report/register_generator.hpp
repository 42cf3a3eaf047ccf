// SPDX-License-Identifier: MPL-2.0
// Small random registers for the disclosure audit: two years of valid cases (2023 compared,
// 2024 reported), 5 to 300 in a year, spread over few units and themes so small counts, ties
// and single-member lists are common: a few complaints against one unit beside a large one,
// follow-ups on a few main cases, a theme group of one small theme, a handful answered within
// the reply target, a citizen with many cases, investigations and staff consultations now and
// then. Every shape of issue 13's reproductions turns up in some.
#pragma once

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "columns_builder.hpp"

namespace ombuds::test {

class RegisterGenerator {
  public:
    RegisterGenerator(const Configuration& config, std::uint64_t seed)
        : config_(config), random_(seed) {}

    CaseColumns make() {
        ColumnsBuilder b(config_);
        pick_units();
        pick_themes();
        const double follow_up_rate = uniform(0.0, 0.6);
        const double anonymous_rate = uniform(0.0, 0.2);
        const double investigation_rate = chance(0.5) ? uniform(0.0, 0.08) : 0.0;
        const double staff_rate = chance(0.5) ? uniform(0.0, 0.1) : 0.0;
        const double within_rate = uniform(0.0, 1.0);
        const double rejected_rate = uniform(0.0, 0.2);
        const double kle_rate = chance(0.7) ? uniform(0.2, 1.0) : 0.0;
        static const std::vector<std::string> kle_numbers = {"27.24.04", "32.18.08", "27.24.10",
                                                             "15.00.05", "54.02.12"};
        for (int year : {2023, 2024}) {
            const int cases = sized();
            const int citizens = std::max(1, static_cast<int>(cases * uniform(0.2, 0.9)));
            std::vector<std::pair<std::uint32_t, std::string>> mains;  // row, citizen
            for (int i = 0; i < cases; ++i) {
                Row row;
                row.received = day(year);
                double kind = uniform(0.0, 1.0);
                if (kind < staff_rate) {
                    row.kind = Kind::staff;
                    row.theme =
                        config_.themes.group(config_.themes.theme(pick(themes_)).group).code;
                    row.unit = area_of(pick(units_));
                    row.action = chance(0.5) ? Action::advice : Action::referred;
                    dates(row, within_rate);
                    b.add(row);
                    continue;
                }
                row.citizen = chance(anonymous_rate) ? "" : "c" + std::to_string(citizen(citizens));
                row.unit = chance(0.05) ? "" : pick(units_);
                if (kind < staff_rate + investigation_rate) {
                    row.kind = Kind::investigation;
                    row.origin = chance(0.5) ? Origin::own_initiative : Origin::citizen_case;
                    if (chance(0.5)) row.theme = config_.themes.theme(pick(themes_)).code;
                    row.action = chance(rejected_rate) ? Action::rejected : Action::investigated;
                } else {
                    row.kind = chance(0.6) ? Kind::complaint : Kind::inquiry;
                    row.theme = config_.themes.theme(pick(themes_)).code;
                    row.action = action_for(row.kind, rejected_rate);
                    // A KLE number on some: the deadline table's subjects (section 13).
                    if (chance(kle_rate)) row.kle = pick(kle_numbers);
                    if (!mains.empty() && chance(follow_up_rate)) {
                        auto& [main, person] = mains[index(mains.size())];
                        row.role = Role::follow_up;
                        row.main = main;
                        row.citizen = person;
                        row.received = day(year, b.columns.received[main]);
                        // Mostly raised in the main case's inquiry, else an inquiry of its own.
                        if (chance(0.7)) row.inquiry = "#" + std::to_string(main);
                    }
                }
                dates(row, within_rate);
                if (row.closed.empty() && chance(0.3)) row.action.reset();  // open, none yet
                if (row.action == Action::rejected) row.rejection_reason = reason();
                if (!row.closed.empty() && row.kind != Kind::inquiry && chance(0.7)) {
                    row.resolution = static_cast<Resolution>(index(4) + (chance(0.5) ? 0 : 7));
                    if (chance(0.3)) row.admin_response = static_cast<AdminResponse>(index(3));
                }
                auto at = b.add(row);
                if (row.role == Role::main && row.kind != Kind::investigation)
                    mains.emplace_back(at, row.citizen);
            }
        }
        return b.columns;
    }

  private:
    double uniform(double a, double b) {
        return std::uniform_real_distribution<double>(a, b)(random_);
    }
    bool chance(double p) { return uniform(0.0, 1.0) < p; }
    std::size_t index(std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
    }
    /// 5 to 300 cases, most of them few.
    int sized() { return static_cast<int>(std::exp(uniform(std::log(5.0), std::log(301.0)))); }
    /// A skewed pick: the first entries far more often than the last.
    template <class T>
    const T& pick(const std::vector<T>& from) {
        double u = uniform(0.0, 1.0);
        return from[std::min(from.size() - 1, static_cast<std::size_t>(u * u * from.size()))];
    }
    int citizen(int citizens) {
        double u = uniform(0.0, 1.0);
        return static_cast<int>(u * u * u * citizens);
    }

    void pick_units() {
        std::vector<std::string> all;
        for (const auto& unit : config_.organisation.units()) all.push_back(unit.code);
        std::shuffle(all.begin(), all.end(), random_);
        all.resize(1 + index(8));
        units_ = all;
    }
    void pick_themes() {
        std::vector<ThemeIndex> all;
        for (std::size_t t = 0; t < config_.themes.themes().size(); ++t)
            all.push_back(static_cast<ThemeIndex>(t));
        std::shuffle(all.begin(), all.end(), random_);
        all.resize(1 + index(12));
        // Often the deadline themes among the most frequent (section 13 has lines to hide).
        if (chance(0.6)) {
            for (const char* code : {"slow_processing", "deadline_exceeded"}) {
                auto theme = *config_.themes.find_theme(code);
                all.erase(std::remove(all.begin(), all.end(), theme), all.end());
                all.insert(all.begin() + static_cast<std::ptrdiff_t>(index(all.size() + 1)), theme);
            }
        }
        themes_ = all;
    }
    std::string area_of(const std::string& unit) const {
        auto index = *config_.organisation.find(unit);
        return config_.organisation.unit(config_.organisation.area_of(index)).code;
    }

    std::string day(int year, std::int32_t not_before = 0) {
        auto first = Date::from_ymd(year, 1, 1)->days();
        auto last = Date::from_ymd(year, 12, 20)->days();
        first = std::max(first, not_before);
        if (first > last) first = last;
        auto d = std::uniform_int_distribution<std::int32_t>(first, last)(random_);
        return Date::from_days(d)->iso();
    }
    void dates(Row& row, double within_rate) {
        auto received = *Date::parse(row.received);
        if (chance(0.85)) {
            row.first_response = received.plus_days(chance(within_rate) ? 1 : 8).iso();
            if (chance(0.8))
                row.closed = received.plus_days(10 + static_cast<int>(index(60))).iso();
        }
    }
    Action action_for(Kind kind, double rejected_rate) {
        if (chance(rejected_rate)) return Action::rejected;
        static const std::vector<Action> complaint{Action::complaint_dialogue, Action::meeting,
                                                   Action::appeal_help, Action::decision_explained,
                                                   Action::mediation};
        static const std::vector<Action> inquiry{Action::guidance, Action::signposting,
                                                 Action::forwarding, Action::accompaniment};
        return kind == Kind::complaint ? pick(complaint) : pick(inquiry);
    }
    RejectionReason reason() {
        static const std::vector<RejectionReason> reasons{
            RejectionReason::decision_merits, RejectionReason::appeal_body,
            RejectionReason::outside_mandate, RejectionReason::represented};
        return pick(reasons);
    }

    const Configuration& config_;
    std::mt19937_64 random_;
    std::vector<std::string> units_;
    std::vector<ThemeIndex> themes_;
};

}  // namespace ombuds::test
