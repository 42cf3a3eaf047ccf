// SPDX-License-Identifier: MPL-2.0
// The report as JSON, the shape of interfaces.md ("Report JSON", schema ombuds.report/1). A
// hidden figure is null with "suppressed": true on its object; the lists' totals, which the text
// formats show as their "I alt" rows, are under "list_totals". Sections 11-13 are "over_time",
// "complaint_themes" with "complaint_theme_groups", and "deadlines" with "deadline_totals".
#include <cmath>
#include <nlohmann/json.hpp>

#include "report/formatting.hpp"

namespace ombuds::report_detail {
namespace {

using nlohmann::ordered_json;

/// Writes figures into one JSON object and marks it when one of them is hidden.
class Object {
  public:
    explicit Object(ordered_json& target) : target_(target) {}
    ~Object() {
        if (hidden_) target_["suppressed"] = true;
    }
    Object(const Object&) = delete;
    Object& operator=(const Object&) = delete;

    template <class T>
    void put(const char* key, const Figure<T>& figure) {
        hidden_ |= figure.is_hidden();
        target_[key] = figure.shown() ? ordered_json(figure.value()) : ordered_json();
    }
    void put(const char* key, const Tenths& figure) {
        hidden_ |= figure.is_hidden();
        target_[key] = figure.shown() ? ordered_json(static_cast<double>(figure.value()) / 10.0)
                                      : ordered_json();
    }
    /// A decimal rounded to `digits` places.
    void put(const char* key, const Decimal& figure, int digits) {
        hidden_ |= figure.is_hidden();
        double scale = std::pow(10.0, digits);
        target_[key] = figure.shown() ? ordered_json(std::round(figure.value() * scale) / scale)
                                      : ordered_json();
    }
    void mark(bool hidden) { hidden_ |= hidden; }

  private:
    ordered_json& target_;
    bool hidden_ = false;
};

ordered_json volume_json(const VolumeFigures& volume) {
    ordered_json out;
    {
        Object object(out);
        object.put("citizens", volume.citizens);
        object.put("anonymous_cases", volume.anonymous_cases);
        object.put("inquiries", volume.inquiries);
        object.put("cases", volume.cases);
        object.put("main_cases", volume.main_cases);
        object.put("follow_ups", volume.follow_ups);
        object.put("closed", volume.closed);
        ordered_json by_kind = ordered_json::object();
        for (std::size_t k = 0; k < 4; ++k) {
            ordered_json row;
            {
                Object kind(row);
                kind.put("main", volume.by_kind[k].main);
                kind.put("follow_up", volume.by_kind[k].follow_up);
                kind.put("total", volume.by_kind[k].total);
            }
            object.mark(row.contains("suppressed"));
            by_kind[std::string(code(static_cast<Kind>(k)))] = std::move(row);
        }
        out["by_kind"] = std::move(by_kind);
    }
    return out;
}

ordered_json list_json(const CountList& list) {
    ordered_json out = ordered_json::array();
    for (const auto& line : list.lines) {
        ordered_json item = {{"code", line.code.empty() ? ordered_json() : ordered_json(line.code)},
                             {"label", line.label}};
        {
            Object object(item);
            object.put("count", line.count);
            object.put("pct", line.pct);
            if (list.compared) object.put("compare_count", line.compare_count);
        }
        out.push_back(std::move(item));
    }
    return out;
}

ordered_json text_or_null(const std::string& text) {
    return text.empty() ? ordered_json() : ordered_json(text);
}

ordered_json time_rows_json(const std::vector<TimeLine>& rows) {
    ordered_json out = ordered_json::array();
    for (const auto& row : rows) {
        ordered_json item = {
            {"label", row.label}, {"from", row.dates.from.iso()}, {"to", row.dates.to.iso()}};
        {
            Object object(item);
            ordered_json by_kind = ordered_json::object();
            for (std::size_t k = 0; k < 4; ++k) {
                const auto& figure = row.by_kind[k];
                object.mark(figure.is_hidden());
                by_kind[std::string(code(static_cast<Kind>(k)))] =
                    figure.shown() ? ordered_json(figure.value()) : ordered_json();
            }
            item["by_kind"] = std::move(by_kind);
            object.put("total", row.total);
        }
        out.push_back(std::move(item));
    }
    return out;
}

ordered_json deadlines_json(const Report& report) {
    ordered_json out = ordered_json::array();
    for (const auto& line : report.deadlines) {
        ordered_json item = {{"kle", text_or_null(line.kle)}};
        if (!line.kle_title.empty()) item["kle_title"] = line.kle_title;
        item["unit"] = text_or_null(line.unit);
        item["unit_label"] = line.unit_label;
        item["theme"] = line.theme;
        item["theme_label"] = line.theme_label;
        {
            Object object(item);
            object.put("count", line.count);
        }
        out.push_back(std::move(item));
    }
    return out;
}

ordered_json organisation_json(const std::vector<OrgLine>& lines) {
    ordered_json out = ordered_json::array();
    for (const auto& line : lines) {
        ordered_json item = {{"code", line.code.empty() ? ordered_json() : ordered_json(line.code)},
                             {"label", line.label},
                             {"level", line.level},
                             {"external", line.external}};
        {
            Object object(item);
            object.put("count", line.count);
            object.put("pct", line.pct);
            object.put("compare_count", line.compare_count);
            object.put("compare_pct", line.compare_pct);
            item["children"] = organisation_json(line.children);
        }
        out.push_back(std::move(item));
    }
    return out;
}

ordered_json themes_json(const std::vector<ThemeLine>& lines) {
    ordered_json out = ordered_json::array();
    for (const auto& line : lines) {
        ordered_json item = {{"code", line.code}, {"label", line.label}, {"group", line.group}};
        {
            Object object(item);
            object.put("rank", line.rank);
            object.put("count", line.count);
            object.put("compare_count", line.compare_count);
            object.put("diff", line.diff);
            object.put("diff_pct", line.diff_pct);
            item["new"] = line.is_new;
        }
        out.push_back(std::move(item));
    }
    return out;
}

ordered_json bands_json(const std::vector<Band>& bands, const char* key, const char* count_key) {
    ordered_json out = ordered_json::array();
    for (const auto& band : bands) {
        ordered_json item = {{key, band.value}};
        {
            Object object(item);
            object.put(count_key, band.count);
            if (band.or_more) item["or_more"] = true;  // this value or more
        }
        out.push_back(std::move(item));
    }
    return out;
}

ordered_json durations_json(const DurationFigures& figures, ordered_json extra = {}) {
    ordered_json out;
    {
        Object object(out);
        object.put("measured", figures.measured);
        object.put("median", figures.median, 1);
        object.put("p90", figures.p90, 1);
        for (auto it = extra.begin(); it != extra.end(); ++it) out[it.key()] = *it;
    }
    return out;
}

ordered_json groups_json(const std::vector<GroupLine>& lines) {
    ordered_json groups = ordered_json::array();
    for (const auto& line : lines) {
        ordered_json item = {{"code", line.code}, {"label", line.label}};
        {
            Object object(item);
            object.put("count", line.count);
            object.put("compare_count", line.compare_count);
        }
        groups.push_back(std::move(item));
    }
    return groups;
}

void total_json(ordered_json& totals, const char* list, const CountList& of) {
    ordered_json item = {{"list", list}};
    {
        Object object(item);
        object.put("count", of.total);
        if (of.compared) object.put("compare_count", of.compare_total);
    }
    totals.push_back(std::move(item));
}

ordered_json period_json(const Period& period, Lang lang) {
    return {
        {"from", period.from.iso()}, {"to", period.to.iso()}, {"name", period_name(period, lang)}};
}

}  // namespace

std::string render_json(const Report& report) {
    const auto& request = report.request;
    ordered_json root;
    root["schema"] = "ombuds.report/1";
    root["period"] = period_json(request.period, request.lang);
    root["compare"] =
        request.compare ? period_json(*request.compare, request.lang) : ordered_json();
    root["audience"] = audience_code(request.audience);
    if (request.audience != Audience::advisor) root["min_count"] = report.threshold;
    root["organisation_name"] = report.organisation_name;
    root["title"] = report.title;
    root["scope"] = report.scope ? ordered_json{{"code", report.scope->code},
                                                {"label", report.scope->label},
                                                {"level", report.scope->level}}
                                 : ordered_json();

    ordered_json volume = volume_json(report.volume);
    volume["compare"] =
        report.compare_volume ? volume_json(*report.compare_volume) : ordered_json();
    root["volume"] = std::move(volume);
    root["organisation"] = organisation_json(report.organisation);
    root["themes"] = themes_json(report.themes);
    root["theme_groups"] = groups_json(report.theme_groups);

    ordered_json actions = ordered_json::object();
    for (std::size_t k = 0; k < 4; ++k)
        actions[std::string(code(static_cast<Kind>(k)))] = list_json(report.actions[k]);
    root["actions"] = std::move(actions);
    root["resolutions"] = list_json(report.resolutions);
    root["admin_responses"] = list_json(report.admin_responses);
    root["rejections"] = list_json(report.rejections);

    ordered_json complexity;
    {
        Object object(complexity);
        object.put("followups_per_main", report.followups_per_main, 2);
        complexity["main_cases_by_followups"] =
            bands_json(report.main_cases_by_followups, "followups", "main_cases");
    }
    root["complexity"] = std::move(complexity);
    root["repeat_contact"] = {
        {"citizens_by_inquiries",
         bands_json(report.citizens_by_inquiries, "inquiries", "citizens")},
        {"citizens_by_cases", bands_json(report.citizens_by_cases, "cases", "citizens")}};

    const auto& time = report.time;
    ordered_json response_extra;
    { response_extra["target_working_days"] = time.target_working_days; }
    ordered_json first_response = durations_json(time.first_response, response_extra);
    {
        Object object(first_response);
        object.put("within_target_pct", time.within_target_pct, 1);
    }
    ordered_json time_json;
    {
        Object object(time_json);
        time_json["first_response_days"] = std::move(first_response);
        time_json["closed_days"] = durations_json(time.closed);
        object.put("open_at_end", time.open_at_end);
    }
    root["time"] = std::move(time_json);

    const auto& inv = report.investigations;
    ordered_json investigations;
    {
        Object object(investigations);
        object.put("count", inv.count);
        investigations["by_origin"] = list_json(inv.by_origin);
        investigations["resolutions"] = list_json(inv.resolutions);
        investigations["admin_responses"] = list_json(inv.admin_responses);
    }
    root["investigations"] = std::move(investigations);
    ordered_json staff;
    {
        Object object(staff);
        object.put("count", report.staff.count);
        staff["by_area"] = list_json(report.staff.by_area);
        staff["by_theme_group"] = list_json(report.staff.by_theme_group);
    }
    root["staff"] = std::move(staff);

    const auto& over_time = report.over_time;
    root["over_time"] = {
        {"interval", over_time.interval == Interval::month ? "month" : "quarter"},
        {"rows", time_rows_json(over_time.rows)},
        {"compare_rows",
         over_time.compare_rows ? time_rows_json(*over_time.compare_rows) : ordered_json()}};
    root["complaint_themes"] = themes_json(report.complaint_themes);
    root["complaint_theme_groups"] = groups_json(report.complaint_theme_groups);
    root["deadlines"] = deadlines_json(report);
    ordered_json deadline_totals = ordered_json::array();
    for (const auto& total : report.deadline_totals) {
        ordered_json item = {{"kle", text_or_null(total.kle)}};
        if (!total.kle_title.empty()) item["kle_title"] = total.kle_title;
        {
            Object object(item);
            object.put("count", total.count);
        }
        deadline_totals.push_back(std::move(item));
    }
    root["deadline_totals"] = std::move(deadline_totals);

    ordered_json totals = ordered_json::array();
    for (std::size_t k = 0; k < 4; ++k) {
        auto name = "actions." + std::string(code(static_cast<Kind>(k)));
        total_json(totals, name.c_str(), report.actions[k]);
    }
    total_json(totals, "resolutions", report.resolutions);
    total_json(totals, "admin_responses", report.admin_responses);
    total_json(totals, "rejections", report.rejections);
    total_json(totals, "investigations.by_origin", inv.by_origin);
    total_json(totals, "investigations.resolutions", inv.resolutions);
    total_json(totals, "investigations.admin_responses", inv.admin_responses);
    total_json(totals, "staff.by_area", report.staff.by_area);
    total_json(totals, "staff.by_theme_group", report.staff.by_theme_group);
    root["list_totals"] = std::move(totals);
    return root.dump(2) + "\n";
}

}  // namespace ombuds::report_detail
