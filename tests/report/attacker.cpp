// SPDX-License-Identifier: MPL-2.0
// The attacker of attacker.hpp: the relations of the published report, section by section, and
// COIN-OR CLP to bound the unknowns.
#include "attacker.hpp"

#include <coin/ClpSimplex.hpp>
#include <coin/CoinPackedMatrix.hpp>

namespace ombuds::test {

using nlohmann::json;

struct Attacker::Program {
    std::vector<double> lower, upper;
    std::vector<std::vector<std::pair<int, double>>> rows;
    std::vector<double> row_lower, row_upper;
    std::unique_ptr<ClpSimplex> model;

    ClpSimplex& built() {
        if (model) return *model;
        CoinPackedMatrix matrix(false, 0, 0);  // row-ordered
        matrix.setDimensions(0, static_cast<int>(lower.size()));
        for (const auto& terms : rows) {
            std::vector<int> index;
            std::vector<double> value;
            for (const auto& [column, coefficient] : terms) {
                index.push_back(column);
                value.push_back(coefficient);
            }
            matrix.appendRow(static_cast<int>(index.size()), index.data(), value.data());
        }
        std::vector<double> objective(lower.size(), 0.0);
        model = std::make_unique<ClpSimplex>();
        model->setLogLevel(0);
        model->loadProblem(matrix, lower.data(), upper.data(), objective.data(), row_lower.data(),
                           row_upper.data());
        return *model;
    }
};

Attacker::Attacker(const json& report, const ThemeCatalogue& catalogue,
                   const std::map<std::string, std::uint32_t>& largest_band)
    : catalogue_(catalogue), largest_band_(largest_band), program_(std::make_unique<Program>()) {
    const bool comparing = !report["compare"].is_null();
    volume(report["volume"], "P");
    if (comparing) volume(report["volume"]["compare"], "C");
    for (const char* p : {"P", "C"}) {
        if (std::string(p) == "C" && !comparing) continue;
        // The areas hold every complaint, other inquiry and investigation of the period.
        unknown(std::string(p) + ".areas");
        equal({{std::string(p) + ".areas", 1},
               {std::string(p) + ".volume.complaint.total", -1},
               {std::string(p) + ".volume.inquiry.total", -1},
               {std::string(p) + ".volume.investigation.total", -1}});
        const bool compare = std::string(p) == "C";
        const std::string volume = std::string(p) + ".volume.";
        organisation(report["organisation"], p, compare, std::string(p) + ".areas");
        theme_table(report["themes"], report["theme_groups"], p, "theme", "group", compare,
                    {{volume + "complaint.total", -1}, {volume + "inquiry.total", -1}}, true);
        theme_table(report["complaint_themes"], report["complaint_theme_groups"], p, "ctheme",
                    "cgroup", compare, {{volume + "complaint.total", -1}}, false);
        // A theme's complaints are some of its cases.
        for (const auto& row_json : report["complaint_themes"]) {
            const auto code = row_json["code"].get<std::string>();
            at_least(
                {{std::string(p) + ".theme." + code, 1}, {std::string(p) + ".ctheme." + code, -1}});
        }
        const auto& months = report["over_time"][compare ? "compare_rows" : "rows"];
        if (months.is_array()) over_time(months, p);
    }
    ranks(report["themes"], "theme");
    ranks(report["complaint_themes"], "ctheme");
    lists(report);
    deadlines(report);
    // Complexity: main cases by follow-ups hold the main cases; weighted, the follow-ups of
    // those main cases, which are some of the period's follow-ups; the mean is their ratio.
    unknown("complexity.followups");
    row({{"complexity.followups", 1}, {"P.volume.follow_ups", -1}}, -inf, 0);
    const auto& complexity = report["complexity"];
    bands("followups", complexity["main_cases_by_followups"], "followups", "main_cases",
          "P.volume.main_cases", {{"complexity.followups", 1}});
    if (complexity["followups_per_main"].is_number()) {
        double mean = complexity["followups_per_main"].get<double>();
        row({{"complexity.followups", 1}, {"P.volume.main_cases", -(mean - 0.005)}}, 0, inf);
        row({{"complexity.followups", 1}, {"P.volume.main_cases", -(mean + 0.005)}}, -inf, 0);
    }
    // Repeat contact: citizens by cases hold the citizens and, weighted, the cases that are not
    // anonymous (staff consultations never name one); by inquiries, weighted, the inquiries
    // first raised by a citizen, some of all the inquiries.
    const auto& repeat = report["repeat_contact"];
    bands("cases", repeat["citizens_by_cases"], "cases", "citizens", "P.volume.citizens",
          {{"P.volume.cases", 1}, {"P.volume.staff.total", -1}, {"P.volume.anonymous_cases", -1}});
    unknown("repeat.inquiries");
    row({{"repeat.inquiries", 1}, {"P.volume.inquiries", -1}}, -inf, 0);
    bands("inquiries", repeat["citizens_by_inquiries"], "inquiries", "citizens",
          "P.volume.citizens", {{"repeat.inquiries", 1}});
    time(report["time"]);
}

namespace {
const ThemeCatalogue& no_catalogue() {
    static const ThemeCatalogue none;
    return none;
}
}  // namespace

Attacker::Attacker(const json& table)
    : catalogue_(no_catalogue()), program_(std::make_unique<Program>()) {
    const auto& cells = table["cells"];
    const bool two = !table["cols"].is_null();
    const auto& row_totals = table["row_totals"];
    const auto& col_totals = table["col_totals"];
    Terms all{{"total", -1}};
    count_value("total", table["total"], true);
    std::map<std::size_t, Terms> columns;
    for (std::size_t r = 0; r < cells.size(); ++r) {
        const std::string row_key = "row." + std::to_string(r);
        Terms row_terms{{row_key, -1}};
        count_value(row_key, row_totals[r], true);
        for (std::size_t c = 0; c < cells[r].size(); ++c) {
            const std::string key = "cell." + std::to_string(r) + "." + std::to_string(c);
            count_value(key, cells[r][c], table["suppressed"][r][c].get<bool>());
            row_terms.emplace_back(key, 1);
            columns[c].emplace_back(key, 1);
        }
        equal(row_terms);
        all.emplace_back(row_key, 1);
    }
    equal(all);
    if (!two) return;
    Terms by_columns{{"total", -1}};
    for (auto& [c, terms] : columns) {
        const std::string key = "col." + std::to_string(c);
        count_value(key, col_totals[c], true);
        terms.emplace_back(key, -1);
        equal(terms);
        by_columns.emplace_back(key, 1);
    }
    equal(by_columns);
}

Attacker::~Attacker() = default;

int Attacker::column(const std::string& key, double lower, double upper) {
    if (auto it = columns_.find(key); it != columns_.end()) {
        auto c = it->second;
        program_->lower[c] = std::max(program_->lower[c], lower);
        program_->upper[c] = std::min(program_->upper[c], upper);
        return c;
    }
    auto c = static_cast<int>(program_->lower.size());
    program_->lower.push_back(lower);
    program_->upper.push_back(upper);
    columns_.emplace(key, c);
    return c;
}

bool Attacker::count(const std::string& key, const json& object, const char* field) {
    if (!object.is_object() || !object.contains(field)) return false;
    const auto& value = object[field];
    if (value.is_number()) {
        double v = value.get<double>();
        if (auto it = published_.find(key);
            it != published_.end() && it->second && *it->second != v)
            unmodelled_.push_back(key + " is shown as two different values");
        published_[key] = v;
        column(key, v, v);
        return true;
    }
    if (value.is_null() && object.value("suppressed", false)) {
        if (!published_.count(key)) {
            published_[key] = std::nullopt;
            unknowns_.push_back(key);
        }
        column(key, 1, inf);
        return true;
    }
    return false;
}

bool Attacker::count_value(const std::string& key, const json& value, bool hidden) {
    if (value.is_number()) {
        double v = value.get<double>();
        published_[key] = v;
        column(key, v, v);
        return true;
    }
    if (value.is_null() && hidden) {
        if (!published_.count(key)) {
            published_[key] = std::nullopt;
            unknowns_.push_back(key);
        }
        column(key, 1, inf);
        return true;
    }
    return false;
}

void Attacker::unknown(const std::string& key, double lower) {
    if (!has(key)) unknowns_.push_back(key);
    column(key, lower, inf);
}

void Attacker::row(const Terms& terms, double lower, double upper) {
    std::vector<std::pair<int, double>> entries;
    for (const auto& [key, coefficient] : terms) {
        auto it = columns_.find(key);
        if (it == columns_.end()) continue;  // a figure the report leaves out is 0
        entries.emplace_back(it->second, coefficient);
    }
    program_->rows.push_back(std::move(entries));
    program_->row_lower.push_back(lower);
    program_->row_upper.push_back(upper);
}

void Attacker::share(const std::string& count, const json& pct, const std::string& total) {
    if (!pct.is_number() || !has(count) || !has(total)) return;
    double tenths = std::round(pct.get<double>() * 10.0);
    row({{count, 1000}, {total, -(tenths - 1)}}, 0, inf);
    row({{count, 1000}, {total, -(tenths + 1)}}, -inf, 0);
}

void Attacker::volume(const json& v, const std::string& p) {
    auto key = [&](const std::string& field) { return p + ".volume." + field; };
    for (const char* field : {"citizens", "anonymous_cases", "inquiries", "cases", "main_cases",
                              "follow_ups", "closed"})
        count(key(field), v, field);
    Terms mains{{key("main_cases"), -1}}, follow_ups{{key("follow_ups"), -1}},
        totals{{key("cases"), -1}};
    for (const char* kind : {"complaint", "inquiry", "investigation", "staff"}) {
        std::string k = key(std::string(kind) + ".");
        for (const char* role : {"main", "follow_up", "total"})
            count(k + role, v["by_kind"][kind], role);
        equal({{k + "total", 1}, {k + "main", -1}, {k + "follow_up", -1}});
        mains.emplace_back(k + "main", 1);
        follow_ups.emplace_back(k + "follow_up", 1);
        totals.emplace_back(k + "total", 1);
    }
    equal(mains);
    equal(follow_ups);
    equal(totals);
    equal({{key("cases"), 1}, {key("main_cases"), -1}, {key("follow_ups"), -1}});
    // Investigations are main cases; each citizen has a case that is neither anonymous nor a
    // staff consultation; each inquiry of the period has a case in it.
    column(key("investigation.follow_up"), 0, 0);
    at_least({{key("cases"), 1},
              {key("staff.total"), -1},
              {key("anonymous_cases"), -1},
              {key("citizens"), -1}});
    at_least({{key("cases"), 1}, {key("inquiries"), -1}});
}

void Attacker::organisation(const json& rows, const std::string& p, bool compare,
                            const std::string& holder) {
    const char* field = compare ? "compare_count" : "count";
    const char* pct = compare ? "compare_pct" : "pct";
    // What the list holds: its holder (the areas, or the parent node, which may hold cases
    // that name it directly).
    std::string list = holder + ".list";
    unknown(list);
    Terms sum{{list, -1}};
    for (const auto& row_json : rows) {
        std::string code =
            row_json["code"].is_null() ? "none" : row_json["code"].get<std::string>();
        std::string key = p + ".org." + code;
        if (count(key, row_json, field)) sum.emplace_back(key, 1);
        if (!row_json["children"].empty()) organisation(row_json["children"], p, compare, key);
    }
    equal(sum);
    if (holder.size() >= 6 && holder.compare(holder.size() - 6, 6, ".areas") == 0) {
        equal({{holder, 1}, {list, -1}});
    } else {
        at_least({{holder, 1}, {list, -1}});
    }
    for (const auto& row_json : rows) {
        std::string code =
            row_json["code"].is_null() ? "none" : row_json["code"].get<std::string>();
        share(p + ".org." + code, row_json[pct], list);
    }
}

void Attacker::theme_table(const json& themes, const json& groups, const std::string& p,
                           const std::string& name, const std::string& group_name, bool compare,
                           const Terms& holders, bool named) {
    const char* field = compare ? "compare_count" : "count";
    std::map<std::string, Terms> by_group;
    for (const auto& row_json : themes) {
        std::string key = p + "." + name + "." + row_json["code"].get<std::string>();
        count(key, row_json, field);
        by_group[row_json["group"].get<std::string>()].emplace_back(key, 1);
    }
    Terms sum = holders;
    for (const auto& row_json : groups) {
        std::string code = row_json["code"].get<std::string>();
        std::string key = p + "." + group_name + "." + code;
        count(key, row_json, field);
        auto terms = by_group[code];
        terms.emplace_back(key, -1);
        equal(terms);
        sum.emplace_back(key, 1);
    }
    if (named) {
        // The groups hold the investigations that name a theme too.
        std::string with_theme = p + ".investigations_with_theme";
        unknown(with_theme);
        sum.emplace_back(with_theme, -1);
        row({{with_theme, 1}, {p + ".volume.investigation.total", -1}}, -inf, 0);
    }
    equal(sum);
    if (!compare) return;
    // Differences and percent changes of the two periods.
    for (const auto& row_json : themes) {
        std::string code = row_json["code"].get<std::string>();
        std::string now = "P." + name + "." + code, before = "C." + name + "." + code;
        if (row_json["diff"].is_number())
            row({{now, 1}, {before, -1}}, row_json["diff"].get<double>(),
                row_json["diff"].get<double>());
        if (row_json["diff_pct"].is_number()) {
            double change = row_json["diff_pct"].get<double>();
            row({{now, 100}, {before, -100 - (change - 0.5)}}, 0, inf);
            row({{now, 100}, {before, -100 - (change + 0.5)}}, -inf, 0);
        }
        if (row_json["new"].get<bool>()) column(before, 0, 0);
    }
}

void Attacker::over_time(const json& rows, const std::string& p) {
    // Each month's total holds its kinds; a kind's months its row of the volume table; the
    // months' totals the period's cases.
    const std::string volume = p + ".volume.";
    std::map<std::string, Terms> kinds;
    Terms totals{{volume + "cases", -1}};
    for (const auto& month : rows) {
        const bool hidden = month.value("suppressed", false);
        const std::string key = p + ".month." + month["from"].get<std::string>() + ".";
        count_value(key + "total", month["total"], hidden);
        Terms parts{{key + "total", -1}};
        for (const char* kind : {"complaint", "inquiry", "investigation", "staff"}) {
            count_value(key + kind, month["by_kind"][kind], hidden);
            parts.emplace_back(key + kind, 1);
            kinds[kind].emplace_back(key + kind, 1);
        }
        equal(parts);
        totals.emplace_back(key + "total", 1);
    }
    for (auto& [kind, terms] : kinds) {
        terms.emplace_back(volume + kind + ".total", -1);
        equal(terms);
    }
    equal(totals);
}

void Attacker::deadlines(const json& report) {
    // The lines of a deadline theme hold all its cases; a KLE subject's total its lines.
    std::map<std::string, Terms> by_theme, by_subject;
    for (const auto& line : report["deadlines"]) {
        std::string kle = line["kle"].is_null() ? "none" : line["kle"].get<std::string>();
        std::string unit = line["unit"].is_null() ? "none" : line["unit"].get<std::string>();
        std::string theme = line["theme"].get<std::string>();
        std::string key = "deadline." + kle + "." + unit + "." + theme;
        if (!count(key, line, "count")) continue;
        by_theme[theme].emplace_back(key, 1);
        by_subject[kle].emplace_back(key, 1);
    }
    for (auto& [theme, terms] : by_theme) {
        terms.emplace_back("P.theme." + theme, -1);
        equal(terms);
    }
    for (const auto& total : report["deadline_totals"]) {
        std::string kle = total["kle"].is_null() ? "none" : total["kle"].get<std::string>();
        if (!count("deadline_total." + kle, total, "count")) continue;
        auto terms = by_subject[kle];
        terms.emplace_back("deadline_total." + kle, -1);
        equal(terms);
    }
}

void Attacker::ranks(const json& themes, const std::string& name) {
    // A shown rank r says r - 1 themes rank above: by count, ties in catalogue order, "other"
    // last. When the shown rows above account for all of them, every hidden row ranks below.
    auto order = [&](const json& row_json) {
        auto code = row_json["code"].get<std::string>();
        auto index = catalogue_.find_theme(code);
        return std::pair<bool, std::size_t>(code == "other", index ? *index : 0);
    };
    for (const auto& row_json : themes) {
        if (!row_json["rank"].is_number() || !row_json["count"].is_number()) continue;
        if (row_json["code"] == "other") continue;  // last whatever its count
        const double count = row_json["count"].get<double>();
        const auto rank = row_json["rank"].get<std::int64_t>();
        std::int64_t above = 0;
        for (const auto& other : themes) {
            if (!other["count"].is_number() || other["code"] == "other") continue;
            double c = other["count"].get<double>();
            if (c > count || (c == count && order(other) < order(row_json))) ++above;
        }
        if (rank - 1 != above) {
            unmodelled_.push_back("the rank of " + name + " " +
                                  row_json["code"].get<std::string>() +
                                  " tells of hidden themes above it");
            continue;
        }
        for (const auto& other : themes) {
            if (other["count"].is_number() || other["code"] == "other") continue;
            bool before = order(other) < order(row_json);
            row({{"P." + name + "." + other["code"].get<std::string>(), 1}}, -inf,
                before ? count - 1 : count);
        }
    }
}

void Attacker::list(const std::string& name, const json& lines, const json& totals) {
    std::string total = "total." + name;
    bool found = false, compared = false;
    for (const auto& item : totals) {
        if (item["list"] != name) continue;
        found = count(total, item, "count");
        compared = count("C." + total, item, "compare_count");
    }
    if (!found) unknown(total);
    Terms sum{{total, -1}}, compare_sum{{"C." + total, -1}};
    for (const auto& line : lines) {
        std::string code = line["code"].is_null() ? "none" : line["code"].get<std::string>();
        if (count(name + "." + code, line, "count")) sum.emplace_back(name + "." + code, 1);
        if (compared && count("C." + name + "." + code, line, "compare_count"))
            compare_sum.emplace_back("C." + name + "." + code, 1);
    }
    equal(sum);
    if (compared) equal(compare_sum);
    for (const auto& line : lines) {
        std::string code = line["code"].is_null() ? "none" : line["code"].get<std::string>();
        share(name + "." + code, line["pct"], total);
    }
}

void Attacker::lists(const json& report) {
    const auto& totals = report["list_totals"];
    Terms rejected{{"total.rejections", -1}}, compare_rejected{{"C.total.rejections", -1}};
    for (const char* kind : {"complaint", "inquiry", "investigation", "staff"}) {
        std::string name = std::string("actions.") + kind;
        list(name, report["actions"][kind], totals);
        // Cases still open may have no action yet.
        at_least({{std::string("P.volume.") + kind + ".total", 1}, {"total." + name, -1}});
        rejected.emplace_back(name + ".rejected", 1);
        if (has("C.total." + name)) {
            at_least({{std::string("C.volume.") + kind + ".total", 1}, {"C.total." + name, -1}});
            compare_rejected.emplace_back("C." + name + ".rejected", 1);
        }
    }
    list("resolutions", report["resolutions"], totals);
    list("admin_responses", report["admin_responses"], totals);
    list("rejections", report["rejections"], totals);
    at_least({{"P.volume.cases", 1}, {"total.resolutions", -1}});
    at_least({{"P.volume.cases", 1}, {"total.admin_responses", -1}});
    equal(rejected);  // a reason is given exactly when the action is "rejected"
    if (has("C.total.rejections")) equal(compare_rejected);

    const auto& inv = report["investigations"];
    count("P.volume.investigation.total", inv, "count");
    list("investigations.by_origin", inv["by_origin"], totals);
    list("investigations.resolutions", inv["resolutions"], totals);
    list("investigations.admin_responses", inv["admin_responses"], totals);
    equal({{"P.volume.investigation.total", 1}, {"total.investigations.by_origin", -1}});
    at_least({{"P.volume.investigation.total", 1}, {"total.investigations.resolutions", -1}});
    at_least({{"P.volume.investigation.total", 1}, {"total.investigations.admin_responses", -1}});
    for (const char* name : {"resolutions", "admin_responses"}) {
        for (const auto& line : inv[name]) {
            std::string code = line["code"].get<std::string>();
            at_least({{std::string(name) + "." + code, 1},
                      {std::string("investigations.") + name + "." + code, -1}});
        }
    }
    const auto& staff = report["staff"];
    count("P.volume.staff.total", staff, "count");
    list("staff.by_area", staff["by_area"], totals);
    list("staff.by_theme_group", staff["by_theme_group"], totals);
    equal({{"P.volume.staff.total", 1}, {"total.staff.by_area", -1}});
    equal({{"P.volume.staff.total", 1}, {"total.staff.by_theme_group", -1}});
}

void Attacker::bands(const std::string& name, const json& rows, const char* value_key,
                     const char* count_key, const std::string& holder,
                     const Terms& weighted_total) {
    Terms sum{{holder, -1}};
    Terms weighted;
    for (const auto& [key, coefficient] : weighted_total) weighted.emplace_back(key, -coefficient);
    for (const auto& band : rows) {
        auto value = band[value_key].get<std::uint32_t>();
        bool open = band.value("or_more", false);
        std::string key = "band." + name + "." + std::to_string(value) + (open ? "+" : "");
        if (!count(key, band, count_key)) continue;
        sum.emplace_back(key, 1);
        if (!open) {
            weighted.emplace_back(key, value);
            continue;
        }
        // The bands inside the open one: unknowns from its value to the largest allowed.
        Terms members{{key, -1}};
        std::uint32_t largest = std::max(value, largest_band_[name]);
        for (std::uint32_t v = value; v <= largest; ++v) {
            std::string member = "band." + name + ".m" + std::to_string(v);
            unknown(member);
            members.emplace_back(member, 1);
            weighted.emplace_back(member, v);
        }
        equal(members);
    }
    equal(sum);
    equal(weighted);
}

void Attacker::time(const json& time) {
    const auto& response = time["first_response_days"];
    count("time.first_response.measured", response, "measured");
    count("time.closed.measured", time["closed_days"], "measured");
    count("time.open_at_end", time, "open_at_end");
    at_least({{"P.volume.cases", 1}, {"time.first_response.measured", -1}});
    at_least({{"P.volume.cases", 1}, {"time.closed.measured", -1}});
    unknown("time.within");
    unknown("time.late");
    equal({{"time.first_response.measured", 1}, {"time.within", -1}, {"time.late", -1}});
    if (response["within_target_pct"].is_number()) {
        double pct = response["within_target_pct"].get<double>();
        row({{"time.within", 100}, {"time.first_response.measured", -(pct - 0.05)}}, 0, inf);
        row({{"time.within", 100}, {"time.first_response.measured", -(pct + 0.05)}}, -inf, 0);
    }
}

std::vector<std::string> Attacker::unknowns() const {
    return unknowns_;
}

bool Attacker::consistent() {
    auto& model = program_->built();
    for (int c = 0; c < model.numberColumns(); ++c) model.setObjectiveCoefficient(c, 0.0);
    model.primal();
    return model.status() == 0;
}

double Attacker::most(const std::string& key) {
    auto& model = program_->built();
    const int target = columns_.at(key);
    for (int c = 0; c < model.numberColumns(); ++c)
        model.setObjectiveCoefficient(c, c == target ? 1.0 : 0.0);
    model.setOptimizationDirection(-1);
    model.primal();
    if (model.status() == 2) return inf;  // unbounded
    if (model.status() != 0) return -inf;
    return model.objectiveValue();
}

}  // namespace ombuds::test
