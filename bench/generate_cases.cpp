// SPDX-License-Identifier: MPL-2.0
// Writes N generated cases (bench/case_generator.hpp) as a case file, for scripts/bench.sh and
// its peers. Deterministic: the same arguments give the same bytes. With --shape it prints
// the file's shape (cases per inquiry, follow-ups, repeat citizens, rejections, open cases,
// skew of units and themes) so a run can show the data is what the benchmark claims.
//
//   generate_cases N FILE [--first-year Y] [--years K] [--seed S] [--separator ';'|','] [--shape]
//
// N may be written 1e6 or 1000000; at most 10,000,000 (larger works but is not a goal).
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "case_generator.hpp"
#include "ombuds/config_io.hpp"

namespace {

using ombuds::CaseColumns;
namespace gen = ombuds::bench;

/// "1e6", "2.5e5" or "1000000"; 0 when it is not a positive whole count.
std::size_t parse_count(const std::string& text) {
    char* end = nullptr;
    errno = 0;
    double value = std::strtod(text.c_str(), &end);
    if (errno != 0 || end == text.c_str() || *end != '\0' || !(value >= 1) || value > 4e9 ||
        value != std::floor(value)) {
        return 0;
    }
    return static_cast<std::size_t>(value);
}

/// Counts what the brief of issue 6 asks the data to look like.
struct Shape {
    std::size_t cases = 0, follow_ups = 0, anonymous = 0, rejected = 0, rejected_with_reason = 0;
    std::size_t open = 0, staff = 0, investigations = 0;
    std::uint32_t inquiries = 0;
    std::int32_t first = std::numeric_limits<std::int32_t>::max();
    std::int32_t last = std::numeric_limits<std::int32_t>::min();
    std::vector<std::uint32_t> citizen_inquiries;  // by citizen id
    std::vector<std::uint32_t> citizen_last_inquiry;
    std::vector<std::size_t> units, themes;

    void add(const gen::detail::Generated& g) {
        ++cases;
        inquiries = std::max(inquiries, g.inquiry + 1);
        if (g.role == ombuds::Role::follow_up) ++follow_ups;
        if (g.kind == ombuds::Kind::staff) ++staff;
        if (g.kind == ombuds::Kind::investigation) ++investigations;
        if (g.action == ombuds::Action::rejected) {
            ++rejected;
            if (g.rejection_reason != CaseColumns::no_code) ++rejected_with_reason;
        }
        if (g.closed == CaseColumns::no_date) ++open;
        first = std::min(first, g.received);
        last = std::max(last, g.received);
        if (g.citizen == CaseColumns::anonymous) {
            ++anonymous;
        } else {
            if (citizen_inquiries.size() <= g.citizen) {
                citizen_inquiries.resize(g.citizen + 1, 0);
                citizen_last_inquiry.resize(g.citizen + 1, CaseColumns::no_case);
            }
            if (citizen_last_inquiry[g.citizen] != g.inquiry) {
                citizen_last_inquiry[g.citizen] = g.inquiry;
                ++citizen_inquiries[g.citizen];
            }
        }
        if (g.kind != ombuds::Kind::staff) {
            if (g.unit != CaseColumns::no_index) bump(units, g.unit);
            if (g.theme != CaseColumns::no_index) bump(themes, g.theme);
        }
    }

    static void bump(std::vector<std::size_t>& counts, std::size_t index) {
        if (counts.size() <= index) counts.resize(index + 1, 0);
        ++counts[index];
    }

    /// Share of the largest entry and of the median non-empty entry.
    static std::pair<double, double> skew(std::vector<std::size_t> counts) {
        counts.erase(std::remove(counts.begin(), counts.end(), 0u), counts.end());
        if (counts.empty()) return {0, 0};
        std::sort(counts.rbegin(), counts.rend());
        double total = 0;
        for (auto c : counts) total += static_cast<double>(c);
        return {static_cast<double>(counts.front()) / total,
                static_cast<double>(counts[counts.size() / 2]) / total};
    }

    void print(std::ostream& out) const {
        std::size_t citizens = 0, repeat = 0;
        for (auto k : citizen_inquiries) {
            if (k == 0) continue;
            ++citizens;
            if (k > 1) ++repeat;
        }
        auto pct = [this](std::size_t part) {
            return cases ? 100.0 * static_cast<double>(part) / static_cast<double>(cases) : 0.0;
        };
        auto [unit_top, unit_median] = skew(units);
        auto [theme_top, theme_median] = skew(themes);
        char line[512];
        std::snprintf(
            line, sizeof line,
            "shape: %zu cases, %u inquiries (%.2f cases per inquiry), follow-ups %.1f %%, "
            "anonymous %.1f %%, rejected %.1f %% (with a reason %.1f %%), open %.1f %%, "
            "staff %.1f %%, investigations %.1f %%\n",
            cases, inquiries, inquiries ? static_cast<double>(cases) / inquiries : 0.0,
            pct(follow_ups), pct(anonymous), pct(rejected), pct(rejected_with_reason), pct(open),
            pct(staff), pct(investigations));
        out << line;
        std::snprintf(line, sizeof line,
                      "shape: %zu citizens, %zu (%.1f %%) with more than one inquiry; received "
                      "%s to %s; largest unit %.1f %% (median unit %.1f %%), largest theme "
                      "%.1f %% (median theme %.2f %%)\n",
                      citizens, repeat,
                      citizens ? 100.0 * static_cast<double>(repeat) / citizens : 0.0,
                      cases ? ombuds::Date::from_days(first)->iso().c_str() : "-",
                      cases ? ombuds::Date::from_days(last)->iso().c_str() : "-", 100 * unit_top,
                      100 * unit_median, 100 * theme_top, 100 * theme_median);
        out << line;
    }
};

int usage() {
    std::cerr << "usage: generate_cases N FILE [--first-year Y] [--years K] [--seed S] "
                 "[--separator ';'|','] [--shape]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() < 2) return usage();
    gen::GeneratorOptions options;
    options.cases = parse_count(args[0]);
    if (options.cases == 0) return usage();
    const std::string path = args[1];
    options.first_year = 2022;
    options.years = 4;
    char separator = ';';
    bool shape_wanted = false;
    for (std::size_t i = 2; i < args.size(); ++i) {
        const auto& a = args[i];
        bool has_value = i + 1 < args.size();
        if (a == "--shape") {
            shape_wanted = true;
        } else if (a == "--first-year" && has_value) {
            options.first_year = std::atoi(args[++i].c_str());
        } else if (a == "--years" && has_value) {
            options.years = std::atoi(args[++i].c_str());
        } else if (a == "--seed" && has_value) {
            options.seed = std::strtoull(args[++i].c_str(), nullptr, 10);
        } else if (a == "--separator" && has_value && args[i + 1].size() == 1 &&
                   (args[i + 1] == ";" || args[i + 1] == ",")) {
            separator = args[++i][0];
        } else {
            return usage();
        }
    }
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file) {
        std::cerr << "generate_cases: cannot write " << path << ": " << std::strerror(errno)
                  << "\n";
        return 2;
    }
    bool write_failed = false;
    Shape shape;
    try {
        const auto config = ombuds::load_configuration();
        gen::generate_csv_to(
            config, options,
            [&](std::string_view piece) {
                if (std::fwrite(piece.data(), 1, piece.size(), file) != piece.size())
                    write_failed = true;
            },
            [&](const gen::detail::Generated& g) {
                if (shape_wanted) shape.add(g);
            },
            separator);
    } catch (const std::exception& e) {
        std::cerr << "generate_cases: " << e.what() << "\n";
        std::fclose(file);
        return 2;
    }
    if (std::fclose(file) != 0 || write_failed) {
        std::cerr << "generate_cases: writing " << path << " failed\n";
        return 2;
    }
    if (shape_wanted) shape.print(std::cout);
    return 0;
}
