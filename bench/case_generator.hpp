// SPDX-License-Identifier: MPL-2.0
// A deterministic generator of valid synthetic cases for benchmarks and tests: a realistic mix
// after the seeds and the shape of issue 6 (about 60 % complaints, 33 % other inquiries, 2 %
// investigations, 5 % staff consultations; about 1.8 cases per inquiry; about 40 % of all cases
// are follow-ups of a main case of the same citizen, in the same inquiry or an earlier one, and
// an inquiry may raise several matters; repeat citizens; CPR numbers with real birth dates, some
// CVR and host party ids, a few anonymous cases; actions that fit their kind; about 3 % rejected
// with a reason that holds; about 5 % open; dates in order; units valid on the date received;
// themes skewed as in seed 004).
//
// The same cases come as a case file (generate_csv), as parsed records (generate_records) or
// straight as the statistics engine's columns (generate_columns). Every variant is header-only
// and fast enough for ten million cases.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ombuds/calendar.hpp"
#include "ombuds/case_columns.hpp"
#include "ombuds/case_file.hpp"  // read_case_text, for the users that read generate_csv back
#include "ombuds/config.hpp"
#include "ombuds/record.hpp"

namespace ombuds::bench {

struct GeneratorOptions {
    std::size_t cases = 1000;
    int first_year = 2024;  // cases are received from 1 January of this year ...
    int years = 1;          // ... through 31 December `years` later (never after latest_date)
    std::uint64_t seed = 42;
    /// Without citizens every case has an empty citizen column (the case structure is kept).
    bool with_citizens = true;
};

/// No generated date lies after this day: the cases are valid with "today" on it or later.
inline constexpr Date generator_latest_date = *Date::from_ymd(2026, 11, 1);

namespace detail {

/// One generated case as codes and indexes; the callers turn it into text or columns.
struct Generated {
    std::int32_t received, matter_date, first_response, closed;  // CaseColumns::no_date: absent
    std::uint32_t row;                                           // the case id is "C" + row
    std::uint32_t inquiry;                                       // the inquiry id is "H" + inquiry
    std::uint32_t citizen;   // CaseColumns::anonymous or a dense id from 1
    std::uint32_t main_row;  // CaseColumns::no_case for a main case
    std::uint16_t unit;      // CaseColumns::no_index: empty
    std::uint16_t theme;     // no_index for a staff consultation (a group only)
    std::uint16_t group;
    Kind kind;
    Role role;
    Action action;
    // Codes as the enum's value, or indexes into the tables below; CaseColumns::no_code: empty.
    std::uint8_t resolution, admin_response, rejection_reason, origin, channel, contact;
    std::uint8_t legal, kle, note;
};

inline constexpr std::uint8_t no_code = CaseColumns::no_code;

struct LegalText {
    LegalBasis basis;
    std::string_view ref;
};
inline constexpr std::array<LegalText, 10> legal_texts{{{LegalBasis::SEL, "§ 83"},
                                                        {LegalBasis::BL, "§ 32"},
                                                        {LegalBasis::LAS, "§ 11"},
                                                        {LegalBasis::SDL, "§ 7"},
                                                        {LegalBasis::FVL, "§ 19, stk. 1"},
                                                        {LegalBasis::FVL, "§ 22"},
                                                        {LegalBasis::RSL, "§ 3, stk. 1"},
                                                        {LegalBasis::OFFL, "§ 7"},
                                                        {LegalBasis::LAB, "§ 68"},
                                                        {LegalBasis::FSL, "§ 3"}}};
inline constexpr std::array<std::string_view, 10> kle_refs{
    "32.18.08", "32.18.08 G01", "27.24.00", "27.12.08",     "15.00.00",
    "16.04.00", "17.01.10",     "28.09.00", "32.24.04-K07", "29.09.00"};
inline constexpr std::array<std::string_view, 8> notes{
    "Borgeren ringede og var utilfreds med svartiden.",
    "Aftalt opfølgning i næste uge.",
    "Forvaltningen har lovet svar inden 14 dage.",
    "Borgeren ønsker et møde med afdelingslederen.",
    "Sendt videre til teamleder med borgerens samtykke.",
    "Borgeren har fået forklaret afgørelsen; ingen yderligere handling.",
    "Pårørende deltog i samtalen, \"meget frustreret\".",
    "Drøftet med forvaltningen, som genoptager sagen."};
/// The note of a rejection for `other`: that reason needs an explanation.
inline constexpr std::uint8_t other_reason_note = notes.size();
inline constexpr std::string_view other_reason_text =
    "Afvist: borgeren ønskede ikke at gå videre med sagen.";

/// SplitMix64: small, fast and the same sequence on every platform.
class Random {
  public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() noexcept {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, 1).
    double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform in [0, n) for n < 2^32.
    std::uint32_t below(std::uint32_t n) noexcept {
        return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
    }

  private:
    std::uint64_t state_;
};

/// Picks index i with probability weights[i] / sum.
template <std::size_t N>
std::uint8_t pick(Random& random, const std::array<std::uint16_t, N>& weights) {
    std::uint32_t total = 0;
    for (auto w : weights) total += w;
    std::uint32_t x = random.below(total);
    for (std::size_t i = 0; i < N; ++i) {
        if (x < weights[i]) return static_cast<std::uint8_t>(i);
        x -= weights[i];
    }
    return static_cast<std::uint8_t>(N - 1);
}

/// Who a citizen id is: most are CPR numbers; some companies (CVR) and host party ids.
enum class CitizenForm : std::uint8_t { cpr, cvr, ref };

inline std::uint64_t mix(std::uint64_t x) noexcept {
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDULL;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ULL;
    return x ^ (x >> 33);
}

/// Turns citizen ids into identities, distinct for distinct ids (up to about 29 million).
class CitizenNames {
  public:
    CitizenNames(std::uint64_t seed, int first_year) : salt_(mix(seed ^ 0x5EEDC17123ULL)) {
        // Born 16 to 95 years before the first year, so never after a case; the century rule
        // covers 1858-2057.
        int from = std::clamp(first_year - 95, 1900, 2040);
        int to = std::clamp(first_year - 16, from, 2057);
        birth_first_ = Date::from_ymd(from, 1, 1)->days();
        birth_days_ =
            static_cast<std::uint32_t>(Date::from_ymd(to, 12, 31)->days() - birth_first_ + 1);
    }

    CitizenForm form(std::uint32_t id) const noexcept {
        auto h = mix(id ^ salt_) % 100;
        return h < 2 ? CitizenForm::cvr : h < 5 ? CitizenForm::ref : CitizenForm::cpr;
    }

    /// The longest identity written: "ref:P-" and seven digits.
    static constexpr std::size_t max_length = 13;

    /// Writes the identity of citizen `id` at `out`; returns the end.
    char* write(char* out, std::uint32_t id) const noexcept {
        switch (form(id)) {
            case CitizenForm::cvr:
                out = copy(out, "cvr:");
                return write_digits(out, 10000000 + (std::uint64_t{id} * 7919) % 90000000, 8);
            case CitizenForm::ref:
                out = copy(out, "ref:P-");
                return write_digits(out, id % 10000000, 7);
            case CitizenForm::cpr:
                return write_cpr(out, id);
        }
        return out;
    }

  private:
    static char* copy(char* out, std::string_view text) noexcept {
        for (char c : text) *out++ = c;
        return out;
    }

    static char* write_digits(char* out, std::uint64_t value, int width) noexcept {
        for (int i = width - 1; i >= 0; --i) {
            out[i] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
        return out + width;
    }

    /// A bijection of (birth day, last three digits) onto the ids, then a seventh digit that
    /// gives the birth year's century: 0-3 for 1900-1999 (4 and 9 too from 1937), 4 and 9 or
    /// 5-8 for 2000-2036, 5-8 for 2037-2057.
    char* write_cpr(char* out, std::uint32_t id) const noexcept {
        const std::uint64_t space = std::uint64_t{birth_days_} * 1000;
        const std::uint64_t m = (std::uint64_t{id} * 2654435761ULL + salt_ % space) % space;
        const Date birth =
            *Date::from_days(birth_first_ + static_cast<std::int32_t>(m % birth_days_));
        const auto serial = static_cast<std::uint32_t>(m / birth_days_);
        char iso[10];  // YYYY-MM-DD
        birth.write_iso(iso);
        const int year =
            (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
        static constexpr char old[] = "0123";
        static constexpr char later[] = "012349";
        static constexpr char modern[] = "495678";
        static constexpr char future[] = "5678";
        const auto h = mix(id + salt_);
        const char seventh = year < 1937   ? old[h % 4]
                             : year < 2000 ? later[h % 6]
                             : year < 2037 ? modern[h % 6]
                                           : future[h % 4];
        const char digits[11] = {iso[8],
                                 iso[9],
                                 iso[5],
                                 iso[6],
                                 iso[2],
                                 iso[3],
                                 '-',
                                 seventh,
                                 static_cast<char>('0' + serial / 100),
                                 static_cast<char>('0' + serial / 10 % 10),
                                 static_cast<char>('0' + serial % 10)};
        for (char c : digits) *out++ = c;
        return out;
    }

    std::uint64_t salt_;
    std::int32_t birth_first_;
    std::uint32_t birth_days_;
};

class Generator {
  public:
    Generator(const Configuration& config, const GeneratorOptions& options)
        : config_(config),
          options_(options),
          random_(mix(options.seed)),
          names_(options.seed, options.first_year) {
        auto first = Date::from_ymd(options.first_year, 1, 1);
        auto last = Date::from_ymd(options.first_year + std::max(options.years, 1) - 1, 12, 31);
        if (!first || !last || *first > generator_latest_date) {
            throw std::invalid_argument("case generator: first_year out of range");
        }
        first_ = first->days();
        last_ = std::min(*last, generator_latest_date).days();
        for (std::size_t u = 0; u < config.organisation.size(); ++u) {
            const auto& unit = config.organisation.unit(static_cast<UnitIndex>(u));
            if (unit.external) {
                external_units_.push_back(static_cast<std::uint16_t>(u));
            } else if (unit.level >= 2 || config.organisation.size() < 4) {
                units_.push_back(static_cast<std::uint16_t>(u));
            }
        }
        if (units_.empty()) {
            throw std::invalid_argument("case generator: the organisation has no unit");
        }
        unit_cdf_ = zipf(units_.size(), 0.6);
        const auto& themes = config.themes.themes();
        if (themes.empty()) {
            throw std::invalid_argument("case generator: the theme catalogue is empty");
        }
        auto other = config.themes.find_theme("other");
        for (std::size_t t = 0; t < themes.size(); ++t) {
            if (!other || t != *other) themes_.push_back(static_cast<std::uint16_t>(t));
        }
        if (other) themes_.push_back(*other);
        theme_cdf_ = zipf(themes_.size(), 1.0);
        recent_.resize(std::clamp<std::size_t>(options.cases / 12, 64, 1 << 20));
    }

    const CitizenNames& names() const noexcept { return names_; }

    /// Generates every case in order of receipt, calling sink(const Generated&).
    template <class Sink>
    void run(Sink&& sink) {
        const std::size_t n = options_.cases;
        const std::int64_t span = last_ - first_ + 1;
        std::uint32_t row = 0;
        while (row < n) {
            // Inquiries arrive evenly over the span, mostly on working days.
            auto base =
                first_ + static_cast<std::int32_t>(span * row / static_cast<std::int64_t>(n));
            Generated g = blank(base, row);
            // Staff consultations and investigations are one case per inquiry, so their share
            // of inquiries is 1.8 times their share of cases (5 % and 2 %).
            double roll = random_.uniform();
            if (roll < 0.09) {
                staff(g);
            } else if (roll < 0.126) {
                investigation(g);
            } else {
                row = complaints_and_inquiries(g, row, n, sink);
                continue;
            }
            if (!options_.with_citizens) g.citizen = CaseColumns::anonymous;
            sink(std::as_const(g));
            ++row;
        }
    }

  private:
    struct Recent {
        std::uint32_t citizen = 0;  // 0: empty slot
        std::uint32_t main_row = 0;
        std::int32_t received = 0;
    };

    static std::vector<double> zipf(std::size_t count, double exponent) {
        std::vector<double> cdf(count);
        double total = 0;
        for (std::size_t i = 0; i < count; ++i)
            total += 1.0 / std::pow(1.0 + static_cast<double>(i), exponent);
        double running = 0;
        for (std::size_t i = 0; i < count; ++i) {
            running += 1.0 / std::pow(1.0 + static_cast<double>(i), exponent) / total;
            cdf[i] = running;
        }
        return cdf;
    }

    std::size_t from_cdf(const std::vector<double>& cdf) {
        auto it = std::lower_bound(cdf.begin(), cdf.end(), random_.uniform());
        return std::min<std::size_t>(static_cast<std::size_t>(it - cdf.begin()), cdf.size() - 1);
    }

    Generated blank(std::int32_t base, std::uint32_t row) {
        Generated g{};
        Date day = *Date::from_days(base);
        if (!is_working_day(day) && random_.uniform() < 0.85) day = add_working_days(day, 1);
        g.received = std::min(day, generator_latest_date).days();
        g.matter_date = g.first_response = g.closed = CaseColumns::no_date;
        g.row = row;
        g.inquiry = inquiries_++;
        g.citizen = CaseColumns::anonymous;
        g.main_row = CaseColumns::no_case;
        g.unit = g.theme = g.group = CaseColumns::no_index;
        g.role = Role::main;
        g.resolution = g.admin_response = g.rejection_reason = g.origin = no_code;
        g.channel = g.contact = g.legal = g.kle = g.note = no_code;
        return g;
    }

    /// A date `days` after `from`, or no date when that is after the latest date.
    static std::int32_t later(std::int32_t from, std::int32_t days) {
        std::int32_t at = from + days;
        return at > generator_latest_date.days() ? CaseColumns::no_date : at;
    }

    std::uint16_t unit_on(std::int32_t received) {
        Date day = *Date::from_days(received);
        for (int attempt = 0; attempt < 16; ++attempt) {
            auto unit = units_[from_cdf(unit_cdf_)];
            if (config_.organisation.unit(unit).valid_on(day)) return unit;
        }
        for (auto unit : units_) {
            if (config_.organisation.unit(unit).valid_on(day)) return unit;
        }
        return CaseColumns::no_index;
    }

    std::uint16_t pick_theme() { return themes_[from_cdf(theme_cdf_)]; }

    std::uint32_t new_citizen() {
        orientation_year_.push_back(0);
        return static_cast<std::uint32_t>(orientation_year_.size());  // dense ids from 1
    }

    void respond_and_close(Generated& g, double closed_share, std::uint32_t max_days) {
        static constexpr std::array<std::uint16_t, 6> reply_weights{30, 25, 15, 10, 12, 8};
        auto reply = pick(random_, reply_weights);  // 0-3 days, then 4-6, then 7-13
        std::int32_t delay = reply < 4    ? reply
                             : reply == 4 ? 4 + static_cast<std::int32_t>(random_.below(3))
                                          : 7 + static_cast<std::int32_t>(random_.below(7));
        if (random_.uniform() < 0.97) g.first_response = later(g.received, delay);
        if (random_.uniform() < closed_share) {
            std::int32_t from =
                g.first_response != CaseColumns::no_date ? g.first_response : g.received;
            // Most cases close within weeks, some take months.
            g.closed =
                later(from, static_cast<std::int32_t>(random_.below(random_.below(max_days) + 1)));
        }
    }

    void staff(Generated& g) {
        g.kind = Kind::staff;
        g.action = random_.uniform() < 0.8 ? Action::advice : Action::referred;
        g.group = config_.themes.theme(pick_theme()).group;
        g.unit = unit_on(g.received);
        g.channel =
            static_cast<std::uint8_t>(random_.uniform() < 0.75 ? Channel::phone : Channel::email);
        respond_and_close(g, 0.98, 10);
    }

    void investigation(Generated& g) {
        g.kind = Kind::investigation;
        bool on_a_case = random_.uniform() < 0.6;
        g.origin =
            static_cast<std::uint8_t>(on_a_case ? Origin::citizen_case : Origin::own_initiative);
        if (on_a_case) {
            g.citizen = new_citizen();
            g.channel = static_cast<std::uint8_t>(Channel::letter);
            g.contact = static_cast<std::uint8_t>(Contact::citizen);
        }
        g.theme = pick_theme();
        g.group = config_.themes.theme(g.theme).group;
        g.unit = unit_on(g.received);
        if (random_.uniform() < 0.06) {
            g.action = Action::rejected;
            g.rejection_reason = static_cast<std::uint8_t>(random_.uniform() < 0.6
                                                               ? RejectionReason::pending_elsewhere
                                                               : RejectionReason::outside_mandate);
        } else {
            g.action = Action::investigated;
        }
        respond_and_close(g, 0.9, 200);
        if (g.closed != CaseColumns::no_date) {
            static constexpr std::array<Resolution, 4> results{
                Resolution::criticism, Resolution::recommendation, Resolution::no_criticism,
                Resolution::improvement_proposal};
            static constexpr std::array<std::uint16_t, 4> weights{35, 25, 30, 10};
            auto result = g.action == Action::rejected ? Resolution::withdrawn
                                                       : results[pick(random_, weights)];
            g.resolution = static_cast<std::uint8_t>(result);
            if (result == Resolution::criticism || result == Resolution::recommendation) {
                static constexpr std::array<std::uint16_t, 5> responses{50, 25, 10, 5, 10};
                g.admin_response = pick(random_, responses);
            }
        }
        if (random_.uniform() < 0.5) pick_legal_basis(g);
    }

    void pick_legal_basis(Generated& g) {
        g.legal = static_cast<std::uint8_t>(random_.below(legal_texts.size()));
    }

    /// One inquiry of complaints and other inquiries: one citizen, one date, one to six cases
    /// (about 1.9 on average). Each case is a main case or a follow-up of a main case of the same
    /// citizen received no later: one raised earlier in this inquiry, or, for a returning
    /// citizen, one raised in an earlier inquiry.
    template <class Sink>
    std::uint32_t complaints_and_inquiries(Generated& g, std::uint32_t row, std::size_t n,
                                           Sink& sink) {
        static constexpr std::array<std::uint16_t, 7> channel_weights{48, 22, 10, 2, 6, 4, 8};
        g.channel = pick(random_, channel_weights);
        const Recent* returning = nullptr;
        if (random_.uniform() < 0.03) {
            g.citizen = CaseColumns::anonymous;  // anonymous cases are always main cases
        } else if (random_.uniform() < 0.25 && recent_[0].citizen != 0) {
            returning = &recent_[random_.below(
                static_cast<std::uint32_t>(std::min(recent_count_, recent_.size())))];
            g.citizen = returning->citizen;
        } else {
            g.citizen = new_citizen();
        }
        if (g.citizen != CaseColumns::anonymous && names_.form(g.citizen) == CitizenForm::cvr) {
            g.contact = static_cast<std::uint8_t>(Contact::company);
        } else {
            static constexpr std::array<std::uint16_t, 3> contact_weights{80, 12, 8};
            g.contact = pick(random_, contact_weights);
        }
        // Problems raised in this contact: one for an anonymous person, else one to six.
        std::uint32_t problems = 1;
        if (g.citizen != CaseColumns::anonymous) {
            static constexpr std::array<std::uint16_t, 6> problem_weights{46, 29, 14, 6, 3, 2};
            problems += pick(random_, problem_weights);
        }
        const std::uint16_t inquiry_unit = unit_on(g.received);
        // The main case the next follow-up attaches to: a returning citizen's first problem
        // often continues an earlier matter; later problems mostly continue the latest matter
        // of this contact, the rest open a new one. Together about 40 % of all cases.
        std::uint32_t main = CaseColumns::no_case;
        if (returning && returning->received <= g.received && random_.uniform() < 0.5) {
            main = returning->main_row;
        }
        for (std::uint32_t p = 0; p < problems && row < n; ++p) {
            if (p > 0 && random_.uniform() >= 0.76) main = CaseColumns::no_case;  // a new matter
            Generated c = g;
            c.row = row;
            c.role = main == CaseColumns::no_case ? Role::main : Role::follow_up;
            c.main_row = main;
            c.kind = random_.uniform() < 0.645 ? Kind::complaint : Kind::inquiry;
            c.unit = random_.uniform() < 0.7 ? inquiry_unit : unit_on(c.received);
            c.theme = pick_theme();
            c.group = config_.themes.theme(c.theme).group;
            if (c.kind == Kind::complaint) {
                complaint(c);
            } else {
                inquiry(c);
            }
            if (c.note == no_code && random_.uniform() < 0.1) {
                c.note = static_cast<std::uint8_t>(random_.below(notes.size()));
            }
            if (random_.uniform() < 0.15)
                c.kle = static_cast<std::uint8_t>(random_.below(kle_refs.size()));
            if (!options_.with_citizens) c.citizen = CaseColumns::anonymous;
            sink(std::as_const(c));
            if (main == CaseColumns::no_case) {
                main = row;
                if (g.citizen != CaseColumns::anonymous) {
                    recent_[recent_count_++ % recent_.size()] = Recent{g.citizen, row, g.received};
                }
            }
            ++row;
        }
        return row;
    }

    void reject(Generated& c) {
        c.action = Action::rejected;
        static constexpr std::array<RejectionReason, 11> reasons{RejectionReason::decision_merits,
                                                                 RejectionReason::appeal_body,
                                                                 RejectionReason::other_authority,
                                                                 RejectionReason::outside_mandate,
                                                                 RejectionReason::time_barred,
                                                                 RejectionReason::employment_matter,
                                                                 RejectionReason::represented,
                                                                 RejectionReason::pending_elsewhere,
                                                                 RejectionReason::council_decision,
                                                                 RejectionReason::no_mandate,
                                                                 RejectionReason::other};
        static constexpr std::array<std::uint16_t, 11> weights{30, 20, 15, 10, 8, 4, 4, 4, 3, 1, 1};
        auto reason = reasons[pick(random_, weights)];
        c.rejection_reason = static_cast<std::uint8_t>(reason);
        if (reason == RejectionReason::time_barred) {
            // The matter lies more than the default limit (365 days) back.
            c.matter_date = c.received - 366 - static_cast<std::int32_t>(random_.below(900));
        } else if (reason == RejectionReason::other_authority) {
            c.unit = external_units_.empty() || random_.uniform() < 0.5
                         ? CaseColumns::no_index
                         : external_units_[random_.below(
                               static_cast<std::uint32_t>(external_units_.size()))];
        } else if (reason == RejectionReason::other) {
            c.note = other_reason_note;
        }
    }

    void complaint(Generated& c) {
        static constexpr std::array<Action, 7> actions{
            Action::complaint_dialogue, Action::meeting,   Action::appeal_help,
            Action::decision_explained, Action::mediation, Action::resolved_by_advisor,
            Action::to_investigation};
        static constexpr std::array<std::uint16_t, 7> weights{58, 14, 6, 8, 4, 4, 1};
        if (random_.uniform() < 0.035) {  // with the inquiries' and investigations': about 3 %
            reject(c);
        } else {
            c.action = actions[pick(random_, weights)];
            if (random_.uniform() < 0.25)
                c.matter_date = c.received - static_cast<std::int32_t>(random_.below(180));
        }
        respond_and_close(c, 0.945, 120);  // open: about 5 % of all cases
        if (c.closed != CaseColumns::no_date) {
            if (c.action == Action::rejected) {
                bool appealable =
                    c.rejection_reason ==
                        static_cast<std::uint8_t>(RejectionReason::decision_merits) ||
                    c.rejection_reason == static_cast<std::uint8_t>(RejectionReason::appeal_body);
                c.resolution = static_cast<std::uint8_t>(appealable ? Resolution::sent_to_appeal
                                                                    : Resolution::unresolved);
            } else {
                static constexpr std::array<Resolution, 9> results{
                    Resolution::explained,      Resolution::dialogue_restored,
                    Resolution::reopened,       Resolution::new_decision,
                    Resolution::corrected,      Resolution::apology,
                    Resolution::sent_to_appeal, Resolution::withdrawn,
                    Resolution::unresolved};
                static constexpr std::array<std::uint16_t, 9> result_weights{30, 20, 12, 8, 8,
                                                                             10, 7,  3,  2};
                c.resolution = static_cast<std::uint8_t>(results[pick(random_, result_weights)]);
                if (random_.uniform() < 0.08) {
                    static constexpr std::array<std::uint16_t, 5> responses{50, 25, 15, 0, 10};
                    c.admin_response = pick(random_, responses);
                }
            }
        }
        if (random_.uniform() < 0.2) pick_legal_basis(c);
    }

    void inquiry(Generated& c) {
        static constexpr std::array<Action, 5> actions{Action::guidance, Action::signposting,
                                                       Action::forwarding, Action::orientation,
                                                       Action::accompaniment};
        static constexpr std::array<std::uint16_t, 5> weights{45, 18, 19, 12, 4};
        if (random_.uniform() < 0.024) {
            reject(c);
        } else {
            c.action = actions[pick(random_, weights)];
            if (c.action == Action::orientation && c.citizen != CaseColumns::anonymous) {
                // Orientation is registered once per citizen and year (seed 003).
                auto year = static_cast<std::uint16_t>(Date::from_days(c.received)->year());
                auto& last = orientation_year_[c.citizen - 1];
                if (last == year) {
                    c.action = Action::guidance;
                } else {
                    last = year;
                }
            }
        }
        respond_and_close(c, 0.955, 60);
        if (random_.uniform() < 0.05) pick_legal_basis(c);
    }

    const Configuration& config_;
    GeneratorOptions options_;
    Random random_;
    CitizenNames names_;
    std::int32_t first_ = 0, last_ = 0;
    std::uint32_t inquiries_ = 0;
    std::vector<std::uint16_t> units_, external_units_;
    std::vector<double> unit_cdf_;
    std::vector<std::uint16_t> themes_;
    std::vector<double> theme_cdf_;
    std::vector<std::uint16_t> orientation_year_;  // by citizen id - 1: last year with orientation
    std::vector<Recent> recent_;                   // recent main cases, for returning citizens
    std::size_t recent_count_ = 0;
};

/// Writes one case as a row of cells into a buffer: field f is [begin(f), end(f)), with the
/// separator between fields, so a row without quoting goes to a file in one copy.
class RowWriter {
  public:
    RowWriter(const Configuration& config, const CitizenNames& names)
        : config_(config), names_(names) {
        std::size_t longest_unit = 0, longest_theme = 0;
        for (const auto& unit : config.organisation.units())
            longest_unit = std::max(longest_unit, unit.code.size());
        for (const auto& theme : config.themes.themes())
            longest_theme = std::max(longest_theme, theme.code.size());
        for (const auto& group : config.themes.groups())
            longest_theme = std::max(longest_theme, group.code.size());
        // Ids, dates and codes take well under 512 bytes; notes and references are listed above.
        row_.resize(512 + longest_unit + longest_theme + CitizenNames::max_length + 2 * 128);
    }

    void write(const Generated& g, char separator) {
        at_ = row_.data();
        start(Field::case_id, separator);
        id('C', g.row);
        start(Field::inquiry_id, separator);
        id('H', g.inquiry);
        start(Field::citizen, separator);
        if (g.citizen != CaseColumns::anonymous) at_ = names_.write(at_, g.citizen);
        start(Field::kind, separator);
        put(code(g.kind));
        start(Field::role, separator);
        put(code(g.role));
        start(Field::main_case_id, separator);
        if (g.main_row != CaseColumns::no_case) id('C', g.main_row);
        start(Field::received, separator);
        date(g.received);
        start(Field::matter_date, separator);
        date(g.matter_date);
        start(Field::first_response, separator);
        date(g.first_response);
        start(Field::closed, separator);
        date(g.closed);
        start(Field::unit, separator);
        if (g.unit != CaseColumns::no_index) put(config_.organisation.unit(g.unit).code);
        start(Field::theme, separator);
        if (g.theme != CaseColumns::no_index) {
            put(config_.themes.theme(g.theme).code);
        } else if (g.group != CaseColumns::no_index) {
            put(config_.themes.group(g.group).code);
        }
        start(Field::action, separator);
        put(code(g.action));
        start(Field::resolution, separator);
        put_code<Resolution>(g.resolution);
        start(Field::admin_response, separator);
        put_code<AdminResponse>(g.admin_response);
        start(Field::rejection_reason, separator);
        put_code<RejectionReason>(g.rejection_reason);
        start(Field::legal_basis, separator);
        if (g.legal != no_code) put(code(legal_texts[g.legal].basis));
        start(Field::legal_ref, separator);
        if (g.legal != no_code) put(legal_texts[g.legal].ref);
        start(Field::kle, separator);
        if (g.kle != no_code) put(kle_refs[g.kle]);
        start(Field::origin, separator);
        put_code<Origin>(g.origin);
        start(Field::channel, separator);
        put_code<Channel>(g.channel);
        start(Field::contact, separator);
        put_code<Contact>(g.contact);
        start(Field::note, separator);
        if (g.note != no_code) put(g.note == other_reason_note ? other_reason_text : notes[g.note]);
        ends_[field_count - 1] = static_cast<std::size_t>(at_ - row_.data());
    }

    /// The whole row, separators included, without a line end.
    std::string_view row() const noexcept { return {row_.data(), ends_[field_count - 1]}; }
    std::string_view field(std::size_t f) const noexcept {
        return std::string_view(row_).substr(begins_[f], ends_[f] - begins_[f]);
    }

  private:
    void start(Field f, char separator) {
        auto index = static_cast<std::size_t>(f);
        if (index > 0) {
            ends_[index - 1] = static_cast<std::size_t>(at_ - row_.data());
            *at_++ = separator;
        }
        begins_[index] = static_cast<std::size_t>(at_ - row_.data());
    }

    void put(std::string_view text) noexcept {
        std::memcpy(at_, text.data(), text.size());
        at_ += text.size();
    }

    void id(char prefix, std::uint32_t number) noexcept {
        char digits[10];
        int count = 0;
        do {
            digits[count++] = static_cast<char>('0' + number % 10);
            number /= 10;
        } while (number);
        *at_++ = prefix;
        while (count > 0) *at_++ = digits[--count];
    }

    void date(std::int32_t days) noexcept {
        if (days == CaseColumns::no_date) return;
        Date::from_days(days)->write_iso(at_);
        at_ += 10;
    }

    template <class E>
    void put_code(std::uint8_t value) noexcept {
        if (value != no_code) put(code(static_cast<E>(value)));
    }

    const Configuration& config_;
    const CitizenNames& names_;
    std::string row_;
    char* at_ = nullptr;
    std::array<std::size_t, field_count> begins_{};
    std::array<std::size_t, field_count> ends_{};
};

}  // namespace detail

/// The cases as a case file, handed out in pieces: `append(std::string_view)` receives the
/// header row, then one row per case, `separator` between cells, LF line ends; a cell holding
/// the separator or a quote is quoted. `observe(const detail::Generated&)` sees each case as
/// generated (for counting the shape); pass a no-op when not needed. Streams, so ten million
/// cases go to a file without holding the text in memory.
template <class Append, class Observe>
void generate_csv_to(const Configuration& config, const GeneratorOptions& options, Append&& append,
                     Observe&& observe, char separator = ';') {
    std::string out;
    for (std::size_t f = 0; f < field_count; ++f) {
        if (f) out += separator;
        out += column_name(static_cast<Field>(f));
    }
    out += '\n';
    detail::Generator generator(config, options);
    detail::RowWriter writer(config, generator.names());
    const auto needs_quotes = [separator](std::string_view cell) {
        return cell.find(separator) != std::string_view::npos ||
               cell.find('"') != std::string_view::npos;
    };
    constexpr auto legal_ref = static_cast<std::size_t>(Field::legal_ref);
    constexpr auto note = static_cast<std::size_t>(Field::note);
    generator.run([&](const detail::Generated& g) {
        observe(g);
        writer.write(g, separator);
        // Only free text can hold a separator or a quote; other rows go out in one copy.
        if (!needs_quotes(writer.field(legal_ref)) && !needs_quotes(writer.field(note))) {
            out += writer.row();
        } else {
            for (std::size_t f = 0; f < field_count; ++f) {
                if (f) out += separator;
                auto cell = writer.field(f);
                if (!needs_quotes(cell)) {
                    out += cell;
                    continue;
                }
                out += '"';
                for (char c : cell) {
                    if (c == '"') out += '"';
                    out += c;
                }
                out += '"';
            }
        }
        out += '\n';
        if (out.size() >= (1u << 20)) {
            append(std::string_view(out));
            out.clear();
        }
    });
    if (!out.empty()) append(std::string_view(out));
}

/// The cases as a case file in one string (see generate_csv_to).
inline std::string generate_csv(const Configuration& config, const GeneratorOptions& options,
                                char separator = ';') {
    std::string text;
    text.reserve(256 + options.cases * 192);  // rows average about 160 bytes
    generate_csv_to(
        config, options, [&text](std::string_view piece) { text += piece; },
        [](const detail::Generated&) {}, separator);
    return text;
}

/// The same cases as records, each parsed with parse_record (no file reader involved).
/// Throws std::logic_error if the generator ever wrote a field that does not parse.
inline std::vector<CaseRecord> generate_records(const Configuration& config,
                                                const GeneratorOptions& options) {
    std::vector<CaseRecord> records;
    records.reserve(options.cases);
    detail::Generator generator(config, options);
    detail::RowWriter writer(config, generator.names());
    std::vector<Violation> violations;
    generator.run([&](const detail::Generated& g) {
        writer.write(g, ';');
        FieldValues values;
        for (std::size_t f = 0; f < field_count; ++f) values[f] = writer.field(f);
        records.push_back(parse_record(values, config, violations));
        if (!violations.empty()) {
            throw std::logic_error("case generator: row C" + std::to_string(g.row) +
                                   " has an unreadable " +
                                   std::string(column_name(violations.front().field)));
        }
    });
    return records;
}

/// The same cases straight into columns, for the statistics engine.
inline CaseColumns generate_columns(const Configuration& config, const GeneratorOptions& options) {
    CaseColumns columns;
    columns.reserve(options.cases);
    std::uint32_t citizens = 0, inquiries = 0;
    detail::Generator(config, options).run([&](const detail::Generated& g) {
        columns.received.push_back(g.received);
        columns.response_days.push_back(CaseColumns::days_after(g.received, g.first_response));
        columns.closed_days.push_back(CaseColumns::days_after(g.received, g.closed));
        columns.kind.push_back(static_cast<std::uint8_t>(g.kind));
        columns.role.push_back(static_cast<std::uint8_t>(g.role));
        columns.action.push_back(static_cast<std::uint8_t>(g.action));
        columns.resolution.push_back(g.resolution);
        columns.admin_response.push_back(g.admin_response);
        columns.rejection_reason.push_back(g.rejection_reason);
        columns.origin.push_back(g.origin);
        columns.unit.push_back(g.unit);
        columns.theme.push_back(g.theme);
        columns.group.push_back(g.group);
        columns.kle.push_back(g.kle == detail::no_code ? CaseColumns::no_index
                                                       : CaseColumns::kle_subject(*KleRef::parse(
                                                             detail::kle_refs[g.kle])));
        columns.legal_basis.push_back(
            g.legal == detail::no_code
                ? detail::no_code
                : static_cast<std::uint8_t>(detail::legal_texts[g.legal].basis));
        columns.channel.push_back(g.channel);
        columns.contact.push_back(g.contact);
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
