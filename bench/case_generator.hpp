// SPDX-License-Identifier: MPL-2.0
// A deterministic generator of valid synthetic cases for the benchmarks: a realistic mix after
// the seeds (complaints, other inquiries, investigations, staff consultations; main cases with
// follow-ups of the same citizen; CPR numbers; actions that fit their kind; dates in order),
// as a case file (CSV text) or directly as columns.
#pragma once

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "ombuds/case_columns.hpp"
#include "ombuds/case_file.hpp"
#include "ombuds/config.hpp"

namespace ombuds::bench {

struct GeneratorOptions {
    std::size_t cases = 1000;
    int first_year = 2024;
    int years = 1;
    std::uint64_t seed = 42;
};

namespace detail {

/// One generated case as codes and indexes; turned into text or columns by the callers.
struct Generated {
    std::int32_t received, first_response, closed;  // CaseColumns::no_date when absent
    Kind kind;
    Role role;
    Action action;
    std::uint8_t resolution;  // CaseColumns::no_code when absent
    std::uint8_t rejection_reason;
    std::uint8_t origin;
    std::uint16_t unit;
    std::uint16_t theme;  // no_index for staff
    std::uint16_t group;
    std::uint32_t citizen;  // 0 anonymous
    std::uint32_t inquiry;
    std::uint32_t main_row;  // no_case for main cases
};

class Generator {
public:
    Generator(const Configuration& config, const GeneratorOptions& options)
        : config_(config), options_(options), random_(options.seed) {
        first_ = Date::from_ymd(options.first_year, 1, 1)->days();
        last_ = Date::from_ymd(options.first_year + options.years - 1, 12, 31)->days();
        for (std::size_t u = 0; u < config.organisation.size(); ++u) {
            const auto& unit = config.organisation.unit(static_cast<UnitIndex>(u));
            // Units valid through the whole span, inside the municipality.
            if (unit.external || !unit.valid_on(*Date::from_days(first_)) || !unit.valid_on(*Date::from_days(last_))) continue;
            units_.push_back(static_cast<std::uint16_t>(u));
        }
        auto other = config.themes.find_theme("other");
        for (std::size_t t = 0; t < config.themes.themes().size(); ++t) {
            if (!other || t != *other) themes_.push_back(static_cast<std::uint16_t>(t));
        }
        if (other) themes_.push_back(*other);
        // Zipf-like weights: a few themes hold most cases, as in seed 004.
        double total = 0;
        for (std::size_t i = 0; i < themes_.size(); ++i) total += 1.0 / (1.0 + static_cast<double>(i));
        double running = 0;
        for (std::size_t i = 0; i < themes_.size(); ++i) {
            running += 1.0 / (1.0 + static_cast<double>(i)) / total;
            theme_cdf_.push_back(running);
        }
    }

    /// Generates every case, in order of receipt, calling sink(const Generated&).
    template <class Sink>
    void run(Sink&& sink) {
        const std::size_t n = options_.cases;
        const double span = static_cast<double>(last_ - first_ - 70);
        std::uint32_t rows = 0, citizens = 0, inquiries = 0;
        while (rows < n) {
            // Inquiries arrive evenly over the span; each holds one to three cases.
            auto received = first_ + static_cast<std::int32_t>(span * rows / static_cast<double>(n));
            double roll = uniform();
            Generated g{};
            g.received = received;
            g.first_response = received + static_cast<std::int32_t>(random_() % 6);
            g.closed = CaseColumns::no_date;
            g.resolution = g.rejection_reason = g.origin = CaseColumns::no_code;
            g.unit = units_[random_() % units_.size()];
            g.main_row = CaseColumns::no_case;
            g.inquiry = inquiries++;
            if (roll < 0.05) {  // staff consultation: no citizen, a theme group only
                g.kind = Kind::staff;
                g.role = Role::main;
                g.action = random_() % 2 ? Action::advice : Action::referred;
                g.citizen = CaseColumns::anonymous;
                g.theme = CaseColumns::no_index;
                g.group = config_.themes.theme(pick_theme()).group;
                sink(g);
                ++rows;
                continue;
            }
            if (roll < 0.07) {  // investigation: a main case with its origin
                g.kind = Kind::investigation;
                g.role = Role::main;
                g.action = Action::investigated;
                g.origin = static_cast<std::uint8_t>(random_() % 2);
                g.citizen = g.origin == 0 ? ++citizens : CaseColumns::anonymous;
                g.theme = pick_theme();
                g.group = config_.themes.theme(g.theme).group;
                g.closed = g.first_response + 60;
                g.resolution = static_cast<std::uint8_t>(Resolution::criticism);
                sink(g);
                ++rows;
                continue;
            }
            g.kind = roll < 0.67 ? Kind::complaint : Kind::inquiry;
            g.citizen = uniform() < 0.03 ? CaseColumns::anonymous : ++citizens;
            bool closed = uniform() < 0.9;
            if (closed) g.closed = g.first_response + static_cast<std::int32_t>(random_() % 60);
            std::uint32_t problems = g.citizen == CaseColumns::anonymous ? 1 : 1 + (uniform() < 0.3) + (uniform() < 0.1);
            std::uint32_t main = rows;
            for (std::uint32_t p = 0; p < problems && rows < n; ++p) {
                Generated c = g;
                c.role = p == 0 ? Role::main : Role::follow_up;
                c.main_row = p == 0 ? CaseColumns::no_case : main;
                c.theme = pick_theme();
                c.group = config_.themes.theme(c.theme).group;
                pick_action(c);
                if (c.closed != CaseColumns::no_date && c.kind == Kind::complaint) {
                    c.resolution = static_cast<std::uint8_t>(c.action == Action::rejected ? Resolution::unresolved
                                                                                          : Resolution::explained);
                }
                sink(c);
                ++rows;
            }
        }
    }

private:
    double uniform() { return static_cast<double>(random_() >> 11) * 0x1.0p-53; }

    std::uint16_t pick_theme() {
        double x = uniform();
        auto it = std::lower_bound(theme_cdf_.begin(), theme_cdf_.end(), x);
        auto index = std::min<std::size_t>(static_cast<std::size_t>(it - theme_cdf_.begin()), themes_.size() - 1);
        return themes_[index];
    }

    void pick_action(Generated& c) {
        double x = uniform();
        if (c.kind == Kind::complaint) {
            c.action = x < 0.62   ? Action::complaint_dialogue
                       : x < 0.8  ? Action::meeting
                       : x < 0.87 ? Action::decision_explained
                       : x < 0.95 ? Action::appeal_help
                                  : Action::rejected;
        } else {
            // No orientation: it is registered once per citizen and year (a warning otherwise).
            c.action = x < 0.5 ? Action::guidance : x < 0.75 ? Action::signposting : x < 0.97 ? Action::forwarding
                                                                                               : Action::rejected;
        }
        if (c.action == Action::rejected) {
            c.rejection_reason = static_cast<std::uint8_t>(x < 0.985 ? RejectionReason::decision_merits
                                                                     : RejectionReason::appeal_body);
        }
    }

    const Configuration& config_;
    GeneratorOptions options_;
    std::mt19937_64 random_;
    std::int32_t first_, last_;
    std::vector<std::uint16_t> units_;
    std::vector<std::uint16_t> themes_;
    std::vector<double> theme_cdf_;
};

/// A valid CPR number for citizen n (born 1940-1999, seventh digit 0-3: 19xx).
inline void append_cpr(std::string& out, std::uint32_t n) {
    unsigned day = 1 + n % 28, month = 1 + (n / 28) % 12, year = 40 + (n / 336) % 60;
    unsigned serial = (n / 20160) % 4000;  // 0000-3999: the century rule gives 19xx
    char buffer[12];
    buffer[0] = static_cast<char>('0' + day / 10);
    buffer[1] = static_cast<char>('0' + day % 10);
    buffer[2] = static_cast<char>('0' + month / 10);
    buffer[3] = static_cast<char>('0' + month % 10);
    buffer[4] = static_cast<char>('0' + year / 10);
    buffer[5] = static_cast<char>('0' + year % 10);
    buffer[6] = '-';
    buffer[7] = static_cast<char>('0' + serial / 1000);
    buffer[8] = static_cast<char>('0' + serial / 100 % 10);
    buffer[9] = static_cast<char>('0' + serial / 10 % 10);
    buffer[10] = static_cast<char>('0' + serial % 10);
    out.append(buffer, 11);
}

}  // namespace detail

/// The cases as a case file (header and rows, `separator` between cells).
inline std::string generate_csv(const Configuration& config, const GeneratorOptions& options, char separator = ';') {
    std::string out;
    out.reserve(options.cases * 150);
    for (std::size_t f = 0; f < field_count; ++f) {
        if (f) out += separator;
        out += column_name(static_cast<Field>(f));
    }
    out += '\n';
    std::uint32_t row = 0;
    detail::Generator(config, options).run([&](const detail::Generated& g) {
        auto date = [&](std::int32_t days) {
            if (days != CaseColumns::no_date) out += Date::from_days(days)->iso();
            out += separator;
        };
        auto text = [&](std::string_view value) {
            out += value;
            out += separator;
        };
        out += 'C';
        out += std::to_string(row);
        out += separator;
        out += 'H';
        out += std::to_string(g.inquiry);
        out += separator;
        if (g.citizen != CaseColumns::anonymous) detail::append_cpr(out, g.citizen);
        out += separator;
        text(code(g.kind));
        text(code(g.role));
        if (g.main_row != CaseColumns::no_case) {
            out += 'C';
            out += std::to_string(g.main_row);
        }
        out += separator;
        date(g.received);
        date(CaseColumns::no_date);  // matter_date
        date(g.first_response);
        date(g.closed);
        text(config.organisation.unit(g.unit).code);
        text(g.theme != CaseColumns::no_index ? config.themes.theme(g.theme).code : config.themes.group(g.group).code);
        text(code(g.action));
        text(g.resolution != CaseColumns::no_code ? code(static_cast<Resolution>(g.resolution)) : "");
        text("");  // admin_response
        text(g.rejection_reason != CaseColumns::no_code ? code(static_cast<RejectionReason>(g.rejection_reason)) : "");
        text("");  // legal_basis
        text("");  // legal_ref
        text("");  // kle
        text(g.origin != CaseColumns::no_code ? code(static_cast<Origin>(g.origin)) : "");
        text(g.kind == Kind::staff ? "phone" : "email");
        text(g.kind == Kind::staff ? "" : "citizen");
        out += '\n';  // note: empty
        ++row;
    });
    return out;
}

/// The same cases parsed as records (through the case-file reader).
inline std::vector<CaseRecord> generate_records(const Configuration& config, const GeneratorOptions& options) {
    auto file = read_case_text(generate_csv(config, options), "generated.csv", config);
    return std::move(file.records);
}

/// The same kind of cases straight into columns, for the statistics engine.
inline CaseColumns generate_columns(const Configuration& config, const GeneratorOptions& options) {
    CaseColumns columns;
    columns.reserve(options.cases);
    std::uint32_t citizens = 0, inquiries = 0;
    detail::Generator(config, options).run([&](const detail::Generated& g) {
        columns.received.push_back(g.received);
        columns.first_response.push_back(g.first_response);
        columns.closed.push_back(g.closed);
        columns.kind.push_back(static_cast<std::uint8_t>(g.kind));
        columns.role.push_back(static_cast<std::uint8_t>(g.role));
        columns.action.push_back(static_cast<std::uint8_t>(g.action));
        columns.resolution.push_back(g.resolution);
        columns.admin_response.push_back(CaseColumns::no_code);
        columns.rejection_reason.push_back(g.rejection_reason);
        columns.origin.push_back(g.origin);
        columns.unit.push_back(g.unit);
        columns.theme.push_back(g.theme);
        columns.group.push_back(g.group);
        columns.citizen.push_back(g.citizen);
        columns.inquiry.push_back(g.inquiry);
        columns.main_row.push_back(g.main_row);
        citizens = std::max(citizens, g.citizen);
        inquiries = std::max(inquiries, g.inquiry + 1);
    });
    columns.citizen_count = citizens;
    columns.inquiry_count = inquiries;
    return columns;
}

}  // namespace ombuds::bench
