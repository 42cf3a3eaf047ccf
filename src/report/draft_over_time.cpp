// SPDX-License-Identifier: MPL-2.0
// Sections 11 and 13 declared to disclosure control. Over time: each month (or quarter) holds
// its cases by kind; a kind's months add up to its row of the volume table and the months'
// totals to the period's cases, in each period. Deadlines: the lines of one theme add up to that
// theme's count in the theme table, and a KLE subject's total to its lines.
#include <map>

#include "report/report_draft.hpp"

namespace ombuds::report_detail {
namespace {

std::vector<TimeLine> draft_buckets(Draft& draft, const std::vector<TimeBucket>& buckets,
                                    const VolumeCells& volume, Interval interval, Lang lang) {
    auto& cells = draft.cells();
    std::vector<TimeLine> lines(buckets.size());
    std::array<std::vector<Term>, 4> kinds;
    for (std::size_t k = 0; k < 4; ++k) kinds[k].push_back({volume.by_kind[k][2], -1});
    std::vector<CellId> totals;
    for (std::size_t b = 0; b < buckets.size(); ++b) {
        auto& line = lines[b];
        line.label = bucket_label(buckets[b].dates, interval, lang);
        line.dates = buckets[b].dates;
        auto total = draft.shown(line.total, buckets[b].total);
        std::vector<Term> parts{{total, 1}};
        for (std::size_t k = 0; k < 4; ++k) {
            auto cell = draft.shown(line.by_kind[k], buckets[b].by_kind[k]);
            parts.push_back({cell, -1});
            kinds[k].push_back({cell, 1});
        }
        // A case of no known kind (never in a valid register) is in the total only.
        cells.equal_with_rest(std::move(parts));
        totals.push_back(total);
    }
    // A kind's months hold its cases of either role (the volume table's row, and any case of no
    // known role, never in a valid register).
    for (auto& terms : kinds) cells.equal_with_rest(std::move(terms));
    cells.sum(volume.cases, totals);
    return lines;
}

}  // namespace

std::string bucket_label(Period dates, Interval interval, Lang lang) {
    static constexpr std::string_view da_months[] = {"jan.", "feb.", "mar.", "apr.",
                                                     "maj",  "jun.", "jul.", "aug.",
                                                     "sep.", "okt.", "nov.", "dec."};
    static constexpr std::string_view en_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto year = std::to_string(dates.from.year());
    const auto month = static_cast<std::size_t>(dates.from.month() - 1);
    if (interval == Interval::quarter) {
        const auto quarter = std::to_string(month / 3 + 1);
        return lang == Lang::da ? quarter + ". kvt. " + year : "Q" + quarter + " " + year;
    }
    return std::string(lang == Lang::da ? da_months[month] : en_months[month]) + " " + year;
}

std::string kle_text(std::uint16_t subject) {
    std::string out = "00.00";
    out[0] = static_cast<char>('0' + subject / 1000 % 10);
    out[1] = static_cast<char>('0' + subject / 100 % 10);
    out[3] = static_cast<char>('0' + subject / 10 % 10);
    out[4] = static_cast<char>('0' + subject % 10);
    return out;
}

void draft_over_time(Draft& draft, Report& report, const Statistics& statistics,
                     const Volumes& volumes) {
    const Lang lang = report.request.lang;
    auto& out = report.over_time;
    out.interval = statistics.interval;
    out.rows =
        draft_buckets(draft, statistics.over_time, volumes.period, statistics.interval, lang);
    if (volumes.compare) {
        out.compare_rows = draft_buckets(draft, statistics.compare_over_time, *volumes.compare,
                                         statistics.interval, lang);
    }
}

void draft_deadlines(Draft& draft, Report& report, const Statistics& statistics,
                     const Configuration& config, const ThemeCells& themes) {
    auto& cells = draft.cells();
    const Lang lang = report.request.lang;
    const auto& titles = report.request.kle_titles;
    std::map<ThemeIndex, std::vector<Term>> by_theme;
    std::vector<CellId> subject_lines;
    auto& lines = report.deadlines;
    lines.resize(statistics.deadlines.size());
    // The draft keeps pointers to the totals' figures: their places are final before the first.
    std::size_t subjects = 0;
    for (std::size_t i = 0; i < statistics.deadlines.size(); ++i) {
        if (i == 0 || statistics.deadlines[i].kle != statistics.deadlines[i - 1].kle) ++subjects;
    }
    report.deadline_totals.reserve(subjects);
    auto close_subject = [&](std::size_t first) {
        const auto& line = lines[first];
        report.deadline_totals.push_back(DeadlineTotal{line.kle, line.kle_title, {}});
        std::uint64_t sum = 0;
        for (auto cell : subject_lines) sum += static_cast<std::uint64_t>(cells.value(cell));
        auto total = draft.shown(report.deadline_totals.back().count, sum);
        cells.sum(total, subject_lines);
        subject_lines.clear();
    };
    std::size_t first = 0;
    for (std::size_t i = 0; i < statistics.deadlines.size(); ++i) {
        const auto& row = statistics.deadlines[i];
        if (i > 0 && row.kle != statistics.deadlines[i - 1].kle) {
            close_subject(first);
            first = i;
        }
        auto& line = lines[i];
        if (row.kle != CaseColumns::no_index) {
            line.kle = kle_text(row.kle);
            if (auto title = titles.find(line.kle); title != titles.end())
                line.kle_title = title->second;
        }
        if (row.unit < config.organisation.size()) {
            line.unit = config.organisation.unit(row.unit).code;
            line.unit_label = config.organisation.unit(row.unit).label;
        } else {
            line.unit_label = lang == Lang::da ? "Ingen enhed angivet" : "No unit given";
        }
        const auto& theme = config.themes.theme(row.theme);
        line.theme = theme.code;
        line.theme_label = theme.label;
        auto cell = draft.shown(line.count, row.count);
        subject_lines.push_back(cell);
        by_theme[row.theme].push_back({cell, 1});
    }
    if (!lines.empty()) close_subject(first);
    // Every case of a deadline theme is a line of the table.
    for (auto& [theme, terms] : by_theme) {
        for (std::size_t t = 0; t < themes.theme.size(); ++t) {
            if (themes.theme[t] != theme) continue;
            terms.push_back({themes.period[t], -1});
            cells.equal(std::move(terms));
            break;
        }
    }
}

}  // namespace ombuds::report_detail
