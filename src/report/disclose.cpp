// SPDX-License-Identifier: MPL-2.0
// The report for an audience: the engine's true figures, each section declared to disclosure
// control (report_draft.hpp), and what protect() hides taken out of the object.
#include <algorithm>

#include "ombuds/detail/text.hpp"
#include "ombuds/report.hpp"
#include "report/report_draft.hpp"

namespace ombuds {

void check_report_request(const ReportRequest& request) {
    if (request.min_count && *request.min_count < minimum_threshold) {
        throw ReportRequestError(
            "The smallest count shown (min_count) must be at least 3 (Statistics Denmark's "
            "minimum).",
            "Den mindste viste optælling (min_count) skal være mindst 3 (Danmarks Statistiks "
            "minimum).");
    }
    if (request.audience != Audience::advisor && request.compare &&
        overlaps(request.period, *request.compare)) {
        throw ReportRequestError(
            "A report for the administration or the public cannot be compared with a period "
            "that overlaps its own: the difference would show the counts of the days they "
            "share. Choose a comparison period with no day in common, or none.",
            "En rapport til forvaltningen eller offentligheden kan ikke sammenlignes med en "
            "periode, der overlapper perioden: forskellen ville vise tallene for de fælles "
            "dage. Vælg en sammenligningsperiode uden fælles dage, eller ingen.");
    }
}

int disclosure_threshold(const Configuration& config, const ReportRequest& request) {
    return std::max(request.min_count.value_or(config.limits.suppression_threshold),
                    minimum_threshold);
}

std::optional<UnitIndex> report_scope(const Configuration& config, const ReportRequest& request) {
    if (request.unit.empty()) return std::nullopt;
    auto unit = config.organisation.find(request.unit);
    if (!unit) {
        const auto shown = detail::quote_value(request.unit);
        throw ReportRequestError(
            "The organisation has no unit " + shown +
                "; give the code of an area, a centre or a unit (see `ombuds taxonomy`).",
            "Organisationen har ingen enhed " + shown +
                "; angiv koden for en forvaltning, et center eller en enhed (se `ombuds "
                "taxonomy`).");
    }
    return unit;
}

Report disclose(const Statistics& statistics, const Configuration& config,
                const ReportRequest& request) {
    check_report_request(request);
    Report report;
    report.request = request;
    report.threshold = disclosure_threshold(config, request);
    report.organisation_name = config.organisation.name();
    report.title = !request.title.empty()     ? request.title
                   : request.lang == Lang::da ? "Borgerrådgiverens beretning"
                                              : "The citizens' advisor's report";
    if (statistics.scope && *statistics.scope < config.organisation.size()) {
        const auto& unit = config.organisation.unit(*statistics.scope);
        report.scope = ScopeLine{unit.code, unit.label, unit.level};
    }
    report_detail::Draft draft(request.audience != Audience::advisor, report.threshold);
    auto volumes = report_detail::draft_volume(draft, report, statistics);
    report_detail::draft_organisation(draft, report, statistics, config, volumes);
    auto themes = report_detail::draft_themes(draft, report, statistics, config, volumes);
    report_detail::draft_lists(draft, report, statistics, config, volumes);
    report_detail::draft_distributions(draft, report, statistics, volumes);
    report_detail::draft_time(draft, report, statistics, volumes);
    report_detail::draft_over_time(draft, report, statistics, volumes);
    report_detail::draft_complaint_themes(draft, report, statistics, config, volumes, themes);
    report_detail::draft_deadlines(draft, report, statistics, config, themes);
    report.any_hidden = draft.finish();
    return report;
}

Report compute_report(const CaseColumns& cases, const Configuration& config,
                      const ReportRequest& request) {
    check_report_request(request);
    auto scope = report_scope(config, request);
    return disclose(compute_statistics(cases, config, request.period, request.compare, scope),
                    config, request);
}

}  // namespace ombuds
