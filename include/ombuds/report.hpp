// SPDX-License-Identifier: MPL-2.0
// The report as a reader gets it. The engine (statistics.hpp) computes the true figures;
// disclosure control (disclosure.hpp) turns them into the report an audience may see, where
// every figure is shown with its true value or hidden with no value at all; renderers then only
// format that report as JSON (interfaces.md, "Report JSON"), Markdown, CSV, one self-contained
// HTML page with SVG charts, or an Excel workbook with a sheet per section and native charts.
// Rendering and disclosure need the compiled library.
//
//   Report report = compute_report(columns, config, request);   // for request.audience
//   std::string html = render_report(report, ReportFormat::html);
//
// The advisor's report is compute_report with Audience::advisor (the default): every figure
// shown. compute_statistics (statistics.hpp) gives the same true figures as plain numbers.
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ombuds/config.hpp"
#include "ombuds/disclosure.hpp"
#include "ombuds/error.hpp"
#include "ombuds/figure.hpp"
#include "ombuds/statistics.hpp"

namespace ombuds {

/// The formats of a report; xlsx is a workbook's bytes, the others text.
enum class ReportFormat : std::uint8_t { json, md, html, csv, xlsx };

constexpr std::optional<ReportFormat> parse_report_format(std::string_view text) noexcept {
    if (text == "json") return ReportFormat::json;
    if (text == "md" || text == "markdown") return ReportFormat::md;
    if (text == "html") return ReportFormat::html;
    if (text == "csv") return ReportFormat::csv;
    if (text == "xlsx") return ReportFormat::xlsx;
    return std::nullopt;
}

/// The titles of KLE subjects (the first two levels, "27.24") an office gives: KL's subject plan
/// is licensed, so ombuds ships none.
using KleTitles = std::map<std::string, std::string>;

/// Reads an office's KLE titles, JSON `{"27.24": "Hjælpemidler", ...}`. Throws Error (kind io
/// when the file cannot be read, misuse when it is not such an object) naming the file and, for
/// a bad entry, its key.
KleTitles read_kle_titles(const std::filesystem::path& file);

struct ReportRequest {
    Period period{Date::first(), Date::first()};
    std::optional<Period> compare;  // none: no comparison
    Audience audience = Audience::advisor;
    Lang lang = Lang::da;
    /// The smallest count shown outside the office; none: the configuration's (default 5).
    /// Never below 3 (minimum_threshold).
    std::optional<int> min_count;
    /// The code (or label) of the node of the organisation every table is scoped to: that node
    /// and the nodes below it. Empty: the whole organisation.
    std::string unit;
    /// The report's title (årsberetning, midtvejsstatus, kvartalsoversigt, ...); empty: the
    /// default one.
    std::string title;
    KleTitles kle_titles;
};

/// A request that cannot give an outside report: a comparison period that overlaps the period
/// (subtracting the two would show the counts of the days they share) or a threshold below 3.
class ReportRequestError : public Error {
  public:
    ReportRequestError(const std::string& english, std::string danish)
        : Error(ErrorKind::misuse, english, std::move(danish)) {}
};

/// Throws ReportRequestError (an Error of kind misuse, in Danish and English) when `request` cannot
/// give a report.
void check_report_request(const ReportRequest& request);

/// The smallest count an outside report for `request` shows: the request's min_count, else the
/// configuration's threshold, never below 3.
int disclosure_threshold(const Configuration& config, const ReportRequest& request);

// --- the report's figures --------------------------------------------------------------------

/// Volume of one period: the kind x role table and its margins.
struct VolumeFigures {
    struct KindRow {
        Count main, follow_up, total;
    };
    Count citizens, anonymous_cases, inquiries, cases, main_cases, follow_ups, closed;
    std::array<KindRow, 4> by_kind;  // by Kind
};

/// One line of a list of counted categories, with its share of the list.
struct ListLine {
    std::string code;
    std::string label;
    Count count;
    Tenths pct;
    Count compare_count;  // for the lists shown beside the comparison period
};

/// A list with its total (the sum of its lines).
struct CountList {
    std::vector<ListLine> lines;
    Count total;
    bool compared = false;  // the lines have the comparison period's counts
    Count compare_total;
};

/// A node of the organisation with its children; `code` is empty for the cases without a unit.
struct OrgLine {
    std::string code;
    std::string label;
    int level = 1;
    bool external = false;
    Count count, compare_count;
    Tenths pct, compare_pct;  // within its list (the areas; the children of one node)
    std::vector<OrgLine> children;
};

struct ThemeLine {
    std::string code;
    std::string label;
    std::string group;  // the group's code
    Whole rank;         // 1 first; hidden where it would tell something about a hidden row
    Count count, compare_count;
    Whole diff, diff_pct;
    bool is_new = false;  // none in the comparison period
};

struct GroupLine {
    std::string code;
    std::string label;
    Count count, compare_count;
};

/// A chart of the largest themes with the rest pooled into one bar ("Andre (n temaer)", as seed
/// 002 pools its small themes into "Andre forhold"): hidden themes and "other" are in the pool
/// or, "other" alone, charted; none is dropped. The pool's counts are shown only where what the
/// report shows gives them.
struct ThemeChart {
    std::vector<std::size_t> lines;  // the themes charted on their own: indexes into the list
    std::size_t pooled_themes = 0;   // how many themes the pool holds (0: no pool)
    bool other_pooled = false;       // "other" is one of them
    Count pooled, compare_pooled;
};

/// A distribution such as citizens by number of cases: per band, how many have `value` (or,
/// with `or_more`, `value` or more).
struct Band {
    std::uint32_t value = 0;
    bool or_more = false;
    Count count;
};

struct DurationFigures {
    Count measured;
    Decimal median, p90;
};

struct TimeFigures {
    DurationFigures first_response;
    int target_working_days = 3;
    Decimal within_target_pct;  // one decimal
    DurationFigures closed;
    Count open_at_end;
};

struct InvestigationFigures {
    Count count;
    CountList by_origin, resolutions, admin_responses;
};

struct StaffFigures {
    Count count;
    CountList by_area, by_theme_group;
};

/// The node of the organisation a report is scoped to.
struct ScopeLine {
    std::string code;
    std::string label;
    int level = 1;
};

/// One month or quarter of section 11.
struct TimeLine {
    std::string label;  // "jan. 2025", "1. kvt. 2025"
    Period dates{Date::first(), Date::first()};
    std::array<Count, 4> by_kind;  // by Kind
    Count total;
};

struct OverTimeFigures {
    Interval interval = Interval::month;
    std::vector<TimeLine> rows;
    std::optional<std::vector<TimeLine>> compare_rows;
};

/// One line of the deadline table (section 13); `kle` and `unit` are empty where the cases name
/// none.
struct DeadlineLine {
    std::string kle;
    std::string kle_title;  // from the office's file; empty when it has none
    std::string unit;
    std::string unit_label;
    std::string theme;
    std::string theme_label;
    Count count;
};

/// All the deadline cases of one KLE subject.
struct DeadlineTotal {
    std::string kle;
    std::string kle_title;
    Count count;
};

/// The report for one audience. Every figure is shown with its true value, hidden (no value),
/// or none; lists hold their lines in the order to show them.
struct Report {
    ReportRequest request;
    int threshold = 5;        // the smallest count shown outside the office
    bool any_hidden = false;  // whether any figure is hidden (the note explains them)
    std::string organisation_name;
    std::string title;               // the request's, or the default
    std::optional<ScopeLine> scope;  // none: the whole organisation
    VolumeFigures volume;
    std::optional<VolumeFigures> compare_volume;
    std::vector<OrgLine> organisation;
    std::vector<ThemeLine> themes;        // shown by count, then hidden ones
    std::vector<GroupLine> theme_groups;  // catalogue order
    ThemeChart theme_chart;
    std::array<CountList, 4> actions;  // by Kind
    CountList resolutions, admin_responses, rejections;
    Decimal followups_per_main;
    std::vector<Band> main_cases_by_followups;
    std::vector<Band> citizens_by_inquiries, citizens_by_cases;
    TimeFigures time;
    InvestigationFigures investigations;
    StaffFigures staff;
    OverTimeFigures over_time;                      // section 11
    std::vector<ThemeLine> complaint_themes;        // section 12, as `themes`
    std::vector<GroupLine> complaint_theme_groups;  // section 12
    ThemeChart complaint_theme_chart;
    std::vector<DeadlineLine> deadlines;         // section 13
    std::vector<DeadlineTotal> deadline_totals;  // per KLE subject, in the table's order
};

/// The report `request.audience` may see of the true figures `statistics` (computed for the
/// request's periods). Throws ReportRequestError as check_report_request does.
Report disclose(const Statistics& statistics, const Configuration& config,
                const ReportRequest& request);

/// Computes and discloses the report of `request`: the entry point for every report. For an
/// audience outside the office no hidden count is in the returned object. Throws
/// ReportRequestError as check_report_request does, and when `request.unit` names no node.
Report compute_report(const CaseColumns& cases, const Configuration& config,
                      const ReportRequest& request);

/// The node `request.unit` names (by code, or label), none for an empty one; throws
/// ReportRequestError naming the code when there is no such node.
std::optional<UnitIndex> report_scope(const Configuration& config, const ReportRequest& request);

/// Formats a report; decides nothing about what is shown. For xlsx the string holds the
/// workbook's bytes.
std::string render_report(const Report& report, ReportFormat format);
/// As above; the configuration is not needed (the report carries its labels).
std::string render_report(const Report& report, const Configuration& config, ReportFormat format);

}  // namespace ombuds
