// SPDX-License-Identifier: MPL-2.0
// What every renderer shares: lists of counted codes with their percentages (largest
// remainder) and suppression, labels in the report's language, Danish number formatting.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
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

inline bool hides(const Report& report) {
    return report.request.audience != Audience::advisor;
}

/// The smallest count shown outside the office: the configuration's threshold, never below 3
/// (Danmarks Statistik's floor).
inline int threshold(const Configuration& config) {
    return std::max(config.limits.suppression_threshold, 3);
}

/// Fills pct_tenths and hidden for a list. Its total is shown unless `total_hidden`; then every
/// non-zero count is hidden too, as they would add up to it.
inline void finish_list(std::vector<Entry>& entries, const Report& report,
                        const Configuration& config, bool total_hidden = false) {
    std::vector<std::uint64_t> counts;
    counts.reserve(entries.size());
    for (const auto& e : entries) counts.push_back(e.count);
    auto tenths = largest_remainder_tenths(counts);
    std::vector<bool> hidden(entries.size(), false);
    if (hides(report)) hidden = suppressed_cells(counts, threshold(config));
    for (std::size_t i = 0; i < entries.size(); ++i) {
        entries[i].pct_tenths = tenths[i];
        entries[i].hidden = hidden[i] || (hides(report) && total_hidden && counts[i] > 0);
    }
}

/// One line of a table: cells that add up to a margin (none: a total shown elsewhere).
struct Line {
    std::vector<std::size_t> cells;
    std::optional<std::size_t> margin;
};

/// Secondary suppression over lines that share cells: while a line has exactly one hidden cell
/// (margin included), that cell follows from the others, so the smallest shown non-zero cell of
/// the line is hidden too (its margin when no inner cell is left). Only ever hides more, so it
/// ends.
inline void protect_lines(const std::vector<std::uint64_t>& values, std::vector<bool>& hidden,
                          const std::vector<Line>& lines) {
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto& line : lines) {
            std::size_t hidden_cells = line.margin && hidden[*line.margin] ? 1 : 0;
            for (auto cell : line.cells) hidden_cells += hidden[cell] ? 1 : 0;
            if (hidden_cells != 1) continue;
            std::optional<std::size_t> pick;
            for (auto cell : line.cells) {
                if (hidden[cell] || values[cell] == 0) continue;
                if (!pick || values[cell] < values[*pick]) pick = cell;
            }
            if (!pick && line.margin && !hidden[*line.margin] && values[*line.margin] > 0)
                pick = line.margin;
            if (pick) {
                hidden[*pick] = true;
                changed = true;
            }
        }
    }
}

/// Counts from 1 to threshold-1.
inline std::vector<bool> primary_cells(const std::vector<std::uint64_t>& values, int threshold) {
    std::vector<bool> hidden(values.size(), false);
    for (std::size_t i = 0; i < values.size(); ++i) {
        hidden[i] = values[i] >= 1 && values[i] < static_cast<std::uint64_t>(threshold);
    }
    return hidden;
}

/// The volume table of one period: rows complaint, inquiry, investigation, staff and the total
/// row; columns main, follow-up, total. cells[4][0] is `main_cases`, cells[4][2] is `cases`.
struct VolumeHidden {
    std::array<std::array<bool, 3>, 5> cells{};
    bool citizens = false;
    bool anonymous_cases = false;
    bool inquiries = false;
    bool closed = false;
    bool kind_total(std::size_t kind) const { return cells[kind][2]; }
};

/// What a report hides from its audience, decided once so every format hides the same cells.
/// Each row and column of the volume table and each theme group with its themes is protected
/// (no line with a single hidden cell); lists that add up to a hidden total are hidden whole.
struct Hidden {
    VolumeHidden volume;
    VolumeHidden compare_volume;
    std::vector<bool> themes, compare_themes;  // per Report::themes row
    std::vector<bool> groups, compare_groups;  // per Report::theme_groups row
    bool first_response_measured = false;
    bool first_response_figures = false;  // median, p90 and share within target
    bool closed_measured = false;
    bool closed_figures = false;
    bool open_at_end = false;
    bool followups_per_main = false;
};

inline VolumeHidden volume_hidden(const Volume& volume, bool hiding, int threshold) {
    VolumeHidden out;
    if (!hiding) return out;
    std::vector<std::uint64_t> values(15, 0);
    auto at = [](std::size_t row, std::size_t column) { return row * 3 + column; };
    for (std::size_t k = 0; k < 4; ++k) {
        for (std::size_t role = 0; role < 2; ++role) {
            values[at(k, role)] = volume.by_kind[k][role];
            values[at(4, role)] += volume.by_kind[k][role];
        }
        values[at(k, 2)] = values[at(k, 0)] + values[at(k, 1)];
    }
    values[at(4, 2)] = values[at(4, 0)] + values[at(4, 1)];
    auto hidden = primary_cells(values, threshold);
    std::vector<Line> lines;
    for (std::size_t row = 0; row < 5; ++row)
        lines.push_back(Line{{at(row, 0), at(row, 1)}, at(row, 2)});
    for (std::size_t column = 0; column < 3; ++column) {
        lines.push_back(
            Line{{at(0, column), at(1, column), at(2, column), at(3, column)}, at(4, column)});
    }
    protect_lines(values, hidden, lines);
    for (std::size_t row = 0; row < 5; ++row) {
        for (std::size_t column = 0; column < 3; ++column)
            out.cells[row][column] = hidden[at(row, column)];
    }
    auto single = [&](std::uint64_t value) {
        return value >= 1 && value < static_cast<std::uint64_t>(threshold);
    };
    out.citizens = single(volume.citizens);
    out.anonymous_cases = single(volume.anonymous_cases);
    out.inquiries = single(volume.inquiries);
    out.closed = single(volume.closed);
    return out;
}

/// Themes and theme groups of one period: the themes list, the groups list, and each group with
/// the themes in it (a group's count is the sum of its themes').
inline void theme_hidden(const Report& report, const Configuration& config, bool compare,
                         std::vector<bool>& themes, std::vector<bool>& groups) {
    const std::size_t theme_rows = report.themes.size(), group_rows = report.theme_groups.size();
    themes.assign(theme_rows, false);
    groups.assign(group_rows, false);
    if (!hides(report)) return;
    std::vector<std::uint64_t> values;
    for (const auto& row : report.themes) values.push_back(compare ? row.compare_count : row.count);
    for (const auto& row : report.theme_groups)
        values.push_back(compare ? row.compare_count : row.count);
    auto hidden = primary_cells(values, threshold(config));
    std::vector<Line> lines(2);
    for (std::size_t t = 0; t < theme_rows; ++t) lines[0].cells.push_back(t);
    for (std::size_t g = 0; g < group_rows; ++g) {
        lines[1].cells.push_back(theme_rows + g);
        Line members{{}, theme_rows + g};
        for (std::size_t t = 0; t < theme_rows; ++t) {
            if (config.themes.theme(report.themes[t].theme).group == report.theme_groups[g].group)
                members.cells.push_back(t);
        }
        lines.push_back(std::move(members));
    }
    protect_lines(values, hidden, lines);
    for (std::size_t t = 0; t < theme_rows; ++t) themes[t] = hidden[t];
    for (std::size_t g = 0; g < group_rows; ++g) groups[g] = hidden[theme_rows + g];
}

inline Hidden hidden_cells(const Report& report, const Configuration& config) {
    Hidden out;
    const bool hiding = hides(report);
    const int limit = threshold(config);
    out.volume = volume_hidden(report.volume, hiding, limit);
    if (report.compare_volume)
        out.compare_volume = volume_hidden(*report.compare_volume, hiding, limit);
    theme_hidden(report, config, false, out.themes, out.groups);
    theme_hidden(report, config, true, out.compare_themes, out.compare_groups);
    if (!hiding) return out;
    auto small = [&](std::uint64_t value) {
        return value >= 1 && value < static_cast<std::uint64_t>(limit);
    };
    const auto& time = report.time;
    out.first_response_measured = small(time.first_response.measured);
    out.first_response_figures = time.first_response.measured < static_cast<std::uint64_t>(limit);
    out.closed_measured = small(time.closed.measured);
    out.closed_figures = time.closed.measured < static_cast<std::uint64_t>(limit);
    out.open_at_end = small(time.open_at_end);
    std::uint64_t mains = 0;
    for (const auto& [followups, count] : report.main_cases_by_followups) mains += count;
    out.followups_per_main = mains < static_cast<std::uint64_t>(limit);
    return out;
}

/// One row of a distribution such as citizens by number of cases: `count` rows with `value`
/// (cases, inquiries, follow-ups), or with `value` or more when `or_more`.
struct Band {
    std::uint32_t value = 0;
    std::uint64_t count = 0;
    bool or_more = false;
    bool hidden = false;
};

/// A distribution as shown. Outside the office its last row is open ("5 or more"), merged from
/// the top until it holds at least the threshold: besides the total of the rows, the report
/// shows what they add up to weighted by value (cases = sum of citizens x cases), and with an
/// open last row that second equation cannot give away a hidden row.
inline std::vector<Band> distribution(
    const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs, const Report& report,
    const Configuration& config) {
    std::vector<Band> bands;
    for (const auto& [value, count] : pairs) bands.push_back(Band{value, count, false, false});
    if (!hides(report) || bands.empty()) return bands;
    const auto limit = static_cast<std::uint64_t>(threshold(config));
    while (bands.size() > 1 && bands.back().count < limit) {
        auto last = bands.back();
        bands.pop_back();
        bands.back().count += last.count;
    }
    bands.back().or_more = true;
    std::vector<std::uint64_t> counts;
    for (const auto& band : bands) counts.push_back(band.count);
    auto hidden = suppressed_cells(counts, threshold(config));
    for (std::size_t i = 0; i < bands.size(); ++i) bands[i].hidden = hidden[i];
    return bands;
}

/// One list of the organisation tree, for the period and the comparison. Under a hidden parent
/// every non-zero row is hidden too, as the rows add up to it.
struct OrgList {
    std::vector<Entry> current, previous;
};

inline OrgList org_list(const std::vector<OrgRow>& rows, bool parent_hidden,
                        bool parent_compare_hidden, const Report& report,
                        const Configuration& config) {
    OrgList out;
    for (const auto& row : rows) {
        out.current.push_back(Entry{{}, {}, row.count, 0, false});
        out.previous.push_back(Entry{{}, {}, row.compare_count, 0, false});
    }
    finish_list(out.current, report, config, parent_hidden);
    finish_list(out.previous, report, config, parent_compare_hidden);
    return out;
}

/// The non-zero counts of a taxonomy list, in declaration order.
template <class E>
std::vector<Entry> code_list(const Counts& counts, const Report& report,
                             const Configuration& config, bool total_hidden = false) {
    std::vector<Entry> entries;
    for (std::size_t i = 0; i < counts.size() && i < code_count<E>; ++i) {
        if (counts[i] == 0) continue;
        auto value = static_cast<E>(i);
        entries.push_back(Entry{std::string(code(value)),
                                std::string(label(value, report.request.lang)), counts[i], 0,
                                false});
    }
    if constexpr (std::is_same_v<E, Action>) {
        // Each kind's actions as domain.md lists them: "rejected" closes every list.
        std::stable_partition(entries.begin(), entries.end(),
                              [](const Entry& e) { return e.code != "rejected"; });
    }
    finish_list(entries, report, config, total_hidden);
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
    std::string out = (negative ? "-" : "") + std::to_string(tenths / 10) +
                      (lang == Lang::da ? "," : ".") + std::to_string(tenths % 10);
    return out;
}

inline std::string format_tenths(std::int32_t tenths, Lang lang) {
    return format_decimal(tenths / 10.0, lang);
}

/// The text shown for a suppressed count.
inline std::string hidden_text(const Configuration& config) {
    return "< " + std::to_string(threshold(config));
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
