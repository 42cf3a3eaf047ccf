// SPDX-License-Identifier: MPL-2.0
// The report as JSON, exactly the shape of interfaces.md ("Report JSON", schema ombuds.report/1).
#include <nlohmann/json.hpp>

#include "report/presentation.hpp"

namespace ombuds::report_detail {
namespace {

using nlohmann::ordered_json;

/// A count, or null with "suppressed": true beside it (set by the caller on the object).
ordered_json count_value(std::uint64_t count, bool hidden) {
    return hidden ? ordered_json() : ordered_json(count);
}

ordered_json pct_value(std::int32_t tenths, bool hidden) {
    return hidden ? ordered_json() : ordered_json(static_cast<double>(tenths) / 10.0);
}

ordered_json list_json(const std::vector<Entry>& entries) {
    ordered_json list = ordered_json::array();
    for (const auto& e : entries) {
        ordered_json item = {{"code", e.code},
                             {"label", e.label},
                             {"count", count_value(e.count, e.hidden)},
                             {"pct", pct_value(e.pct_tenths, e.hidden)}};
        if (e.hidden) item["suppressed"] = true;
        list.push_back(std::move(item));
    }
    return list;
}

ordered_json volume_json(const Volume& volume, const VolumeHidden& flags) {
    ordered_json out;
    bool any_hidden = false;
    auto single = [&](const char* key, std::uint64_t value, bool hidden) {
        any_hidden |= hidden;
        out[key] = count_value(value, hidden);
    };
    single("citizens", volume.citizens, flags.citizens);
    single("anonymous_cases", volume.anonymous_cases, flags.anonymous_cases);
    single("inquiries", volume.inquiries, flags.inquiries);
    single("cases", volume.cases, flags.cells[4][2]);
    single("main_cases", volume.main_cases, flags.cells[4][0]);
    single("closed", volume.closed, flags.closed);
    ordered_json by_kind = ordered_json::object();
    for (std::size_t k = 0; k < 4; ++k) {
        const auto& hidden = flags.cells[k];
        std::uint64_t total = std::uint64_t{volume.by_kind[k][0]} + volume.by_kind[k][1];
        ordered_json kind = {{"main", count_value(volume.by_kind[k][0], hidden[0])},
                             {"follow_up", count_value(volume.by_kind[k][1], hidden[1])},
                             {"total", count_value(total, hidden[2])}};
        if (hidden[0] || hidden[1] || hidden[2]) {
            kind["suppressed"] = true;
            any_hidden = true;
        }
        by_kind[std::string(code(static_cast<Kind>(k)))] = std::move(kind);
    }
    out["by_kind"] = std::move(by_kind);
    if (any_hidden) out["suppressed"] = true;
    return out;
}

ordered_json organisation_json(const std::vector<OrgRow>& rows, bool parent_hidden,
                               bool parent_compare_hidden, const Report& report,
                               const Configuration& config) {
    auto [current, previous] = org_list(rows, parent_hidden, parent_compare_hidden, report, config);
    const bool comparing = report.request.compare.has_value();
    ordered_json list = ordered_json::array();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        bool known = row.unit < config.organisation.size();
        ordered_json item = {
            {"code", known ? ordered_json(unit_code(config, row.unit)) : ordered_json()},
            {"label", unit_label(config, row.unit, report.request.lang)},
            {"level", row.level},
            {"external", known && config.organisation.unit(row.unit).external},
            {"count", count_value(row.count, current[i].hidden)},
            {"pct", pct_value(current[i].pct_tenths, current[i].hidden)},
            {"compare_count",
             comparing ? count_value(row.compare_count, previous[i].hidden) : ordered_json()},
            {"compare_pct",
             comparing ? pct_value(previous[i].pct_tenths, previous[i].hidden) : ordered_json()},
            {"children", organisation_json(row.children, current[i].hidden, previous[i].hidden,
                                           report, config)}};
        if (current[i].hidden || (comparing && previous[i].hidden)) item["suppressed"] = true;
        list.push_back(std::move(item));
    }
    return list;
}

ordered_json themes_json(const Report& report, const Configuration& config, const Hidden& flags) {
    const auto& hidden = flags.themes;
    const auto& compare_hidden = flags.compare_themes;
    const bool comparing = report.request.compare.has_value();
    ordered_json list = ordered_json::array();
    for (std::size_t i = 0; i < report.themes.size(); ++i) {
        const auto& row = report.themes[i];
        const auto& theme = config.themes.theme(row.theme);
        bool any_hidden = hidden[i] || (comparing && compare_hidden[i]);
        auto change = percent_change(row.count, row.compare_count);
        ordered_json item = {
            {"code", theme.code},
            {"label", theme.label},
            {"group", config.themes.group(theme.group).code},
            {"rank", row.rank},
            {"count", count_value(row.count, hidden[i])},
            {"compare_count",
             comparing ? count_value(row.compare_count, compare_hidden[i]) : ordered_json()},
            {"diff", comparing && !any_hidden
                         ? ordered_json(static_cast<std::int64_t>(row.count) -
                                        static_cast<std::int64_t>(row.compare_count))
                         : ordered_json()},
            {"diff_pct",
             comparing && !any_hidden && change ? ordered_json(*change) : ordered_json()},
            {"new", comparing && row.compare_count == 0}};
        if (any_hidden) item["suppressed"] = true;
        list.push_back(std::move(item));
    }
    return list;
}

ordered_json groups_json(const Report& report, const Configuration& config, const Hidden& flags) {
    const auto& hidden = flags.groups;
    const auto& compare_hidden = flags.compare_groups;
    const bool comparing = report.request.compare.has_value();
    ordered_json list = ordered_json::array();
    for (std::size_t i = 0; i < report.theme_groups.size(); ++i) {
        const auto& group = config.themes.group(report.theme_groups[i].group);
        ordered_json item = {
            {"code", group.code},
            {"label", group.label},
            {"count", count_value(report.theme_groups[i].count, hidden[i])},
            {"compare_count",
             comparing ? count_value(report.theme_groups[i].compare_count, compare_hidden[i])
                       : ordered_json()}};
        if (hidden[i] || (comparing && compare_hidden[i])) item["suppressed"] = true;
        list.push_back(std::move(item));
    }
    return list;
}

ordered_json optional_number(const std::optional<double>& value, bool hidden = false) {
    return value && !hidden ? ordered_json(*value) : ordered_json();
}

ordered_json pairs_json(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs,
                        const char* key, const char* value_key, const Report& report,
                        const Configuration& config) {
    ordered_json list = ordered_json::array();
    for (const auto& band : distribution(pairs, report, config)) {
        ordered_json item = {{key, band.value}, {value_key, count_value(band.count, band.hidden)}};
        if (band.or_more) item["or_more"] = true;  // outside the office: this value or more
        if (band.hidden) item["suppressed"] = true;
        list.push_back(std::move(item));
    }
    return list;
}

}  // namespace

std::string render_json(const Report& report, const Configuration& config) {
    const auto& request = report.request;
    const Lang lang = request.lang;
    const Hidden flags = hidden_cells(report, config);
    ordered_json root;
    root["schema"] = "ombuds.report/1";
    root["period"] = {{"from", request.period.from.iso()}, {"to", request.period.to.iso()}};
    root["compare"] = request.compare ? ordered_json{{"from", request.compare->from.iso()},
                                                     {"to", request.compare->to.iso()}}
                                      : ordered_json();
    root["audience"] = audience_code(request.audience);
    root["organisation_name"] = config.organisation.name();

    ordered_json volume = volume_json(report.volume, flags.volume);
    volume["compare"] = report.compare_volume
                            ? volume_json(*report.compare_volume, flags.compare_volume)
                            : ordered_json();
    root["volume"] = std::move(volume);

    root["organisation"] = organisation_json(report.organisation, false, false, report, config);
    root["themes"] = themes_json(report, config, flags);
    root["theme_groups"] = groups_json(report, config, flags);

    ordered_json actions = ordered_json::object();
    for (std::size_t k = 0; k < 4; ++k) {
        actions[std::string(code(static_cast<Kind>(k)))] = list_json(
            code_list<Action>(report.actions[k], report, config, flags.volume.kind_total(k)));
    }
    root["actions"] = std::move(actions);
    root["resolutions"] = list_json(code_list<Resolution>(report.resolutions, report, config));
    root["admin_responses"] =
        list_json(code_list<AdminResponse>(report.admin_responses, report, config));
    root["rejections"] = list_json(code_list<RejectionReason>(report.rejections, report, config));

    root["complexity"] = {
        {"followups_per_main",
         flags.followups_per_main
             ? ordered_json()
             : ordered_json(std::round(report.followups_per_main * 100.0) / 100.0)},
        {"main_cases_by_followups",
         pairs_json(report.main_cases_by_followups, "followups", "main_cases", report, config)}};
    root["repeat_contact"] = {
        {"citizens_by_inquiries",
         pairs_json(report.citizens_by_inquiries, "inquiries", "citizens", report, config)},
        {"citizens_by_cases",
         pairs_json(report.citizens_by_cases, "cases", "citizens", report, config)}};

    const auto& time = report.time;
    root["time"] = {
        {"first_response_days",
         {{"measured", count_value(time.first_response.measured, flags.first_response_measured)},
          {"median", optional_number(time.first_response.median, flags.first_response_figures)},
          {"p90", optional_number(time.first_response.p90, flags.first_response_figures)},
          {"target_working_days", time.target_working_days},
          {"within_target_pct",
           optional_number(time.within_target_pct, flags.first_response_figures)}}},
        {"closed_days",
         {{"measured", count_value(time.closed.measured, flags.closed_measured)},
          {"median", optional_number(time.closed.median, flags.closed_figures)},
          {"p90", optional_number(time.closed.p90, flags.closed_figures)}}},
        {"open_at_end", count_value(time.open_at_end, flags.open_at_end)}};
    if (flags.first_response_measured ||
        (flags.first_response_figures && time.first_response.measured > 0)) {
        root["time"]["first_response_days"]["suppressed"] = true;
    }
    if (flags.closed_measured || (flags.closed_figures && time.closed.measured > 0)) {
        root["time"]["closed_days"]["suppressed"] = true;
    }
    if (flags.open_at_end) root["time"]["suppressed"] = true;

    // The investigations and staff consultations are the volume table's rows of their kinds.
    const bool investigations_hidden =
        flags.volume.kind_total(static_cast<std::size_t>(Kind::investigation));
    root["investigations"] = {
        {"count", count_value(report.investigations, investigations_hidden)},
        {"by_origin", list_json(code_list<Origin>(report.investigation_origins, report, config,
                                                  investigations_hidden))},
        {"resolutions", list_json(code_list<Resolution>(report.investigation_resolutions, report,
                                                        config, investigations_hidden))},
        {"admin_responses",
         list_json(code_list<AdminResponse>(report.investigation_admin_responses, report, config,
                                            investigations_hidden))}};
    if (investigations_hidden) root["investigations"]["suppressed"] = true;

    std::vector<Entry> areas;
    for (const auto& [unit, count] : report.staff_by_area) {
        areas.push_back(
            Entry{unit_code(config, unit), unit_label(config, unit, lang), count, 0, false});
    }
    const bool staff_hidden = flags.volume.kind_total(static_cast<std::size_t>(Kind::staff));
    finish_list(areas, report, config, staff_hidden);
    std::vector<Entry> groups;
    for (std::size_t g = 0; g < report.staff_by_group.size(); ++g) {
        if (report.staff_by_group[g] == 0) continue;
        const auto& group = config.themes.group(static_cast<GroupIndex>(g));
        groups.push_back(Entry{group.code, group.label, report.staff_by_group[g], 0, false});
    }
    finish_list(groups, report, config, staff_hidden);
    root["staff"] = {{"count", count_value(report.staff, staff_hidden)},
                     {"by_area", list_json(areas)},
                     {"by_theme_group", list_json(groups)}};
    if (staff_hidden) root["staff"]["suppressed"] = true;
    return root.dump(2) + "\n";
}

}  // namespace ombuds::report_detail
