// SPDX-License-Identifier: MPL-2.0
// One audit of disclosure control: see audit.hpp.
#include "audit.hpp"

#include <cmath>

#include "attacker.hpp"

namespace ombuds::test {

using nlohmann::json;

namespace {

json report_json(const Statistics& statistics, const Configuration& config,
                 const ReportRequest& request) {
    return json::parse(render_report(disclose(statistics, config, request), ReportFormat::json));
}

}  // namespace

std::map<std::string, std::uint32_t> largest_bands(const Statistics& statistics) {
    auto largest = [](const auto& pairs) { return pairs.empty() ? 0u : pairs.back().first; };
    return {{"followups", largest(statistics.main_cases_by_followups)},
            {"inquiries", largest(statistics.citizens_by_inquiries)},
            {"cases", largest(statistics.citizens_by_cases)}};
}

namespace {

/// The key of an array element, to line up the same row in two reports.
std::string row_key(const json& item) {
    if (!item.is_object()) return {};
    if (item.contains("kle") && item.contains("unit") && item.contains("theme"))
        return item["kle"].dump() + item["unit"].dump() + item["theme"].dump();
    for (const char* key : {"code", "list", "followups", "inquiries", "cases", "from", "kle"}) {
        if (item.contains(key)) return item[key].dump();
    }
    return {};
}

/// Every shown figure of `published` against the advisor's: counts, shares, ranks,
/// differences, days and means equal; an open band against the sum of the advisor's bands in it.
void compare_shown(const json& published, const json& advisor, const std::string& path,
                   std::vector<std::string>& failures) {
    if (published.is_object()) {
        for (auto it = published.begin(); it != published.end(); ++it) {
            const auto& key = it.key();
            if (key == "audience" || key == "min_count" || key == "suppressed") continue;
            if (!advisor.contains(key)) {
                failures.push_back(path + "/" + key + " is not in the advisor's report");
                continue;
            }
            const auto& mine = *it;
            const auto& theirs = advisor[key];
            if (mine.is_number()) {
                bool same = theirs.is_number() && mine.get<double>() == theirs.get<double>();
                if (!same)
                    failures.push_back(path + "/" + key + " shows " + mine.dump() +
                                       ", the advisor's " + theirs.dump());
            } else if (mine.is_structured()) {
                compare_shown(mine, theirs, path + "/" + key, failures);
            }
        }
    } else if (published.is_array()) {
        for (const auto& item : published) {
            if (item.value("or_more", false)) {
                // "4 or more": the advisor's bands from 4 up.
                const char* value_key = item.contains("cases")       ? "cases"
                                        : item.contains("inquiries") ? "inquiries"
                                                                     : "followups";
                const char* count_key = item.contains("main_cases") ? "main_cases" : "citizens";
                if (!item[count_key].is_number()) continue;
                double sum = 0;
                for (const auto& band : advisor) {
                    if (band[value_key].get<double>() >= item[value_key].get<double>())
                        sum += band[count_key].get<double>();
                }
                if (sum != item[count_key].get<double>())
                    failures.push_back(path + " open band shows " + item.dump());
                continue;
            }
            const json* match = nullptr;
            for (const auto& other : advisor) {
                if (row_key(other) == row_key(item)) match = &other;
            }
            if (!match) {
                failures.push_back(path + " row " + row_key(item) + " is not the advisor's");
                continue;
            }
            compare_shown(item, *match, path + "[" + row_key(item) + "]", failures);
        }
    }
}

}  // namespace

void audit(const CaseColumns& columns, const Configuration& config, const ReportRequest& request,
           const std::string& name, Tally& tally) {
    const auto statistics = compute_statistics(columns, config, request.period, request.compare,
                                               report_scope(config, request));
    ReportRequest advisor_request = request;
    advisor_request.audience = Audience::advisor;
    const json advisor = report_json(statistics, config, advisor_request);
    const json published = report_json(statistics, config, request);
    const int threshold = disclosure_threshold(config, request);
    const auto largest = largest_bands(statistics);
    ++tally.reports;
    auto fail = [&](const std::string& what) { tally.failures.push_back(name + ": " + what); };

    // The truth: every count of the advisor's report, the bands inside open ones, and the
    // counts the report shows only through a share or a mean.
    test::Attacker truth_reader(advisor, config.themes, largest);
    std::map<std::string, double> truth;
    for (const auto& [key, value] : truth_reader.published()) {
        if (!value) continue;
        truth[key] = *value;
        auto band = key.rfind("band.", 0) == 0 ? key.rfind('.') : std::string::npos;
        if (band != std::string::npos)
            truth[key.substr(0, band + 1) + "m" + key.substr(band + 1)] = *value;
    }
    truth["time.within"] = statistics.time.within_target;
    truth["time.late"] = statistics.time.first_response.measured - statistics.time.within_target;
    truth["complexity.followups"] = statistics.followups_of_mains;

    std::vector<std::string> shown_failures;
    compare_shown(published, advisor, "", shown_failures);
    for (const auto& failure : shown_failures) fail(failure);

    test::Attacker attacker(published, config.themes, largest);
    for (const auto& what : attacker.unmodelled()) fail(what);
    for (const auto& [key, value] : attacker.published()) {
        if (value && *value >= 1 && *value < threshold)
            fail(key + " shows the small count " + std::to_string(*value));
    }
    if (!attacker.consistent()) {
        fail("the published figures break a relation");
        return;
    }
    for (const auto& key : attacker.unknowns()) {
        auto it = truth.find(key);
        if (it == truth.end()) continue;  // not a count of the advisor's report
        ++tally.unknowns;
        if (it->second < 1 || it->second >= threshold) continue;
        ++tally.small;
        double most = attacker.most(key);
        if (most < threshold - 1e-6) {
            std::ostringstream what;
            what << key << " = " << it->second << " is at most " << most;
            fail(what.str());
        }
    }
}

std::map<std::string, double> attacker_bounds(const CaseColumns& columns,
                                              const Configuration& config,
                                              const ReportRequest& request,
                                              const std::vector<std::string>& keys) {
    const auto statistics = compute_statistics(columns, config, request.period, request.compare,
                                               report_scope(config, request));
    Attacker attacker(report_json(statistics, config, request), config.themes,
                      largest_bands(statistics));
    std::map<std::string, double> out;
    for (const auto& key : keys) out[key] = attacker.most(key);
    return out;
}

}  // namespace ombuds::test
