// SPDX-License-Identifier: MPL-2.0
// What every renderer shares: lists of counted codes with their percentages (largest
// remainder) and suppression, labels in the report's language, Danish number formatting.
#pragma once

#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <string>
#include <vector>

#include "ombuds/report.hpp"

namespace ombuds::report_detail {

/// One counted line of a list.
struct Entry {
    std::string code;
    std::string label;
    std::uint64_t count = 0;
    std::int32_t pct_tenths = 0;  // of the list's total
    bool hidden = false;          // suppressed for this audience
};

inline bool hides(const Report& report) { return report.request.audience != Audience::advisor; }

/// Fills pct_tenths and hidden for a list whose total is shown.
inline void finish_list(std::vector<Entry>& entries, const Report& report, const Configuration& config) {
    std::vector<std::uint64_t> counts;
    counts.reserve(entries.size());
    for (const auto& e : entries) counts.push_back(e.count);
    auto tenths = largest_remainder_tenths(counts);
    std::vector<bool> hidden(entries.size(), false);
    if (hides(report)) hidden = suppressed_cells(counts, config.limits.suppression_threshold);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        entries[i].pct_tenths = tenths[i];
        entries[i].hidden = hidden[i];
    }
}

/// The non-zero counts of a taxonomy list, in declaration order.
template <class E>
std::vector<Entry> code_list(const Counts& counts, const Report& report, const Configuration& config) {
    std::vector<Entry> entries;
    for (std::size_t i = 0; i < counts.size() && i < code_count<E>; ++i) {
        if (counts[i] == 0) continue;
        auto value = static_cast<E>(i);
        entries.push_back(Entry{std::string(code(value)), std::string(label(value, report.request.lang)), counts[i], 0, false});
    }
    if constexpr (std::is_same_v<E, Action>) {
        // Each kind's actions as domain.md lists them: "rejected" closes every list.
        std::stable_partition(entries.begin(), entries.end(), [](const Entry& e) { return e.code != "rejected"; });
    }
    finish_list(entries, report, config);
    return entries;
}

inline std::string unit_code(const Configuration& config, std::uint16_t unit) {
    return unit < config.organisation.size() ? config.organisation.unit(unit).code : std::string();
}

inline std::string unit_label(const Configuration& config, std::uint16_t unit, Lang lang) {
    if (unit < config.organisation.size()) return config.organisation.unit(unit).label;
    return lang == Lang::da ? "Ingen enhed angivet" : "No unit given";
}

inline std::string tr(const Report& report, std::string_view da, std::string_view en) {
    return std::string(report.request.lang == Lang::da ? da : en);
}

/// A count as the report's language writes it: "1.234" in Danish, "1,234" in English.
inline std::string format_count(std::uint64_t value, Lang lang) {
    std::string digits = std::to_string(value);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += lang == Lang::da ? '.' : ',';
        out += digits[i];
    }
    return out;
}

/// A decimal with one digit: "12,3" in Danish.
inline std::string format_decimal(double value, Lang lang) {
    auto tenths = static_cast<long long>(value * 10.0 + (value < 0 ? -0.5 : 0.5));
    bool negative = tenths < 0;
    if (negative) tenths = -tenths;
    std::string out = (negative ? "-" : "") + std::to_string(tenths / 10) + (lang == Lang::da ? "," : ".") +
                      std::to_string(tenths % 10);
    return out;
}

inline std::string format_tenths(std::int32_t tenths, Lang lang) { return format_decimal(tenths / 10.0, lang); }

/// The text shown for a suppressed count.
inline std::string hidden_text(const Configuration& config) {
    return "< " + std::to_string(config.limits.suppression_threshold);
}

inline std::string period_text(const Period& period, Lang lang) {
    if (lang == Lang::da) return period.from.danish() + " – " + period.to.danish();
    return period.from.iso() + " – " + period.to.iso();
}

}  // namespace ombuds::report_detail

namespace ombuds::report_detail {
std::string render_json(const Report& report, const Configuration& config);
std::string render_markdown(const Report& report, const Configuration& config);
std::string render_csv(const Report& report, const Configuration& config);
std::string render_html(const Report& report, const Configuration& config);
}  // namespace ombuds::report_detail
