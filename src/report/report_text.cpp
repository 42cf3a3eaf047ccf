// SPDX-License-Identifier: MPL-2.0
// The report for people: the ten sections of domain.md as tables, written as Markdown, CSV (as
// Danish spreadsheets read it) or one self-contained HTML page with SVG bar charts.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "ombuds/version.hpp"
#include "report/presentation.hpp"

namespace ombuds {
namespace report_detail {
namespace {

struct Table {
    std::string title;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<int> indent;  // per row: depth in a tree (organisation)
};

struct Bar {
    std::string label;
    std::optional<std::uint64_t> value;  // none: suppressed
    std::optional<std::uint64_t> compare;
};

struct Chart {
    std::string title;
    std::vector<Bar> bars;
};

struct Section {
    std::string id;
    std::string title;
    std::vector<std::string> paragraphs;
    std::vector<Table> tables;
    std::vector<Chart> charts;
};

class Builder {
  public:
    Builder(const Report& report, const Configuration& config)
        : report_(report),
          config_(config),
          lang_(report.request.lang),
          comparing_(report.request.compare.has_value()),
          hidden_(hidden_cells(report, config)) {}

    std::vector<Section> sections() {
        std::vector<Section> out;
        out.push_back(volume());
        out.push_back(organisation());
        out.push_back(themes());
        out.push_back(actions());
        out.push_back(rejections());
        out.push_back(complexity());
        out.push_back(repeat_contact());
        out.push_back(time());
        out.push_back(investigations());
        out.push_back(staff());
        return out;
    }

  private:
    std::string t(std::string_view da, std::string_view en) const { return tr(report_, da, en); }
    std::string count(std::uint64_t value, bool hidden) const {
        return hidden ? hidden_text(config_) : format_count(value, lang_);
    }
    std::string pct(const Entry& e) const {
        return e.hidden ? "" : format_tenths(e.pct_tenths, lang_) + " %";
    }

    /// A list with its total row; `total_hidden` when the total is hidden elsewhere in the report.
    Table list_table(const std::string& title, const std::string& first_column,
                     const std::vector<Entry>& entries, bool total_hidden = false) const {
        Table table{title, {first_column, t("Antal", "Count"), t("Andel", "Share")}, {}, {}};
        std::uint64_t total = 0;
        for (const auto& e : entries) {
            table.rows.push_back({e.label, count(e.count, e.hidden), pct(e)});
            total += e.count;
        }
        if (!entries.empty()) {
            bool hidden =
                total_hidden || suppressed_count(total, report_.request, threshold(config_));
            table.rows.push_back({t("I alt", "Total"), count(total, hidden), "100,0 %"});
        }
        if (lang_ == Lang::en && !entries.empty()) table.rows.back()[2] = "100.0 %";
        return table;
    }

    Section volume() {
        Section s{"volume", t("1. Omfang", "1. Volume"), {}, {}, {}};
        const auto& v = report_.volume;
        const auto* c = report_.compare_volume ? &*report_.compare_volume : nullptr;
        Table totals{t("Borgere, henvendelser og sager", "Citizens, inquiries and cases"),
                     {"", t("Periode", "Period")},
                     {},
                     {}};
        if (c) totals.header.push_back(t("Sammenligning", "Comparison"));
        const auto& vh = hidden_.volume;
        const auto& ch = hidden_.compare_volume;
        auto row = [&](std::string label, std::uint64_t value, bool hidden, std::uint64_t compare,
                       bool compare_hidden) {
            std::vector<std::string> cells{std::move(label), count(value, hidden)};
            if (c) cells.push_back(count(compare, compare_hidden));
            totals.rows.push_back(std::move(cells));
        };
        row(t("Unikke borgere", "Unique citizens"), v.citizens, vh.citizens, c ? c->citizens : 0,
            ch.citizens);
        row(t("Anonyme sager", "Anonymous cases"), v.anonymous_cases, vh.anonymous_cases,
            c ? c->anonymous_cases : 0, ch.anonymous_cases);
        row(t("Henvendelser", "Inquiries"), v.inquiries, vh.inquiries, c ? c->inquiries : 0,
            ch.inquiries);
        row(t("Sager", "Cases"), v.cases, vh.cells[4][2], c ? c->cases : 0, ch.cells[4][2]);
        row(t("Hovedsager", "Main cases"), v.main_cases, vh.cells[4][0], c ? c->main_cases : 0,
            ch.cells[4][0]);
        row(t("Afsluttede sager (efter afslutningsdato)", "Cases closed (by closing date)"),
            v.closed, vh.closed, c ? c->closed : 0, ch.closed);
        s.tables.push_back(std::move(totals));

        Table kinds{t("Sager efter type og rolle", "Cases by kind and role"),
                    {t("Sagstype", "Kind"), t("Hovedsager", "Main cases"),
                     t("Følgesager", "Follow-up cases"), t("I alt", "Total")},
                    {},
                    {}};
        Chart chart{t("Sager efter type", "Cases by kind"), {}};
        std::uint64_t all_main = 0, all_follow = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            std::uint64_t main = v.by_kind[k][0], follow = v.by_kind[k][1];
            const auto& hidden = vh.cells[k];
            auto kind = static_cast<Kind>(k);
            kinds.rows.push_back({std::string(label(kind, lang_)), count(main, hidden[0]),
                                  count(follow, hidden[1]), count(main + follow, hidden[2])});
            all_main += main;
            all_follow += follow;
            std::optional<std::uint64_t> compare;
            if (c && !ch.cells[k][2]) compare = std::uint64_t{c->by_kind[k][0]} + c->by_kind[k][1];
            chart.bars.push_back(Bar{
                std::string(label(kind, lang_)),
                hidden[2] ? std::nullopt : std::optional<std::uint64_t>(main + follow), compare});
        }
        kinds.rows.push_back({t("I alt", "Total"), count(all_main, vh.cells[4][0]),
                              count(all_follow, vh.cells[4][1]),
                              count(all_main + all_follow, vh.cells[4][2])});
        s.tables.push_back(std::move(kinds));
        s.charts.push_back(std::move(chart));
        s.paragraphs.push_back(
            t("En sag tilhører perioden efter modtagelsesdatoen. Anonyme sager tælles ikke med i "
              "antallet af unikke borgere.",
              "A case belongs to the period by its date received. Anonymous cases are not "
              "counted among unique citizens."));
        return s;
    }

    void org_rows(const std::vector<OrgRow>& rows, int depth, bool parent_hidden,
                  bool parent_compare_hidden, Table& table) {
        auto [current, previous] =
            org_list(rows, parent_hidden, parent_compare_hidden, report_, config_);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto& row = rows[i];
            std::string name = unit_label(config_, row.unit, lang_);
            if (row.unit < config_.organisation.size() &&
                config_.organisation.unit(row.unit).external) {
                name += t(" (ekstern)", " (external)");
            }
            std::vector<std::string> cells{name, count(row.count, current[i].hidden),
                                           pct(current[i])};
            if (comparing_) {
                cells.push_back(count(row.compare_count, previous[i].hidden));
                cells.push_back(pct(previous[i]));
            }
            table.rows.push_back(std::move(cells));
            table.indent.push_back(depth);
            org_rows(row.children, depth + 1, current[i].hidden, previous[i].hidden, table);
        }
    }

    Section organisation() {
        Section s{"organisation",
                  t("2. Fordeling på organisationen", "2. Distribution over the organisation"),
                  {},
                  {},
                  {}};
        Table table{t("Sager efter forvaltning, center og enhed", "Cases by area, centre and unit"),
                    {t("Enhed", "Unit"), t("Antal", "Count"), t("Andel", "Share")},
                    {},
                    {}};
        if (comparing_) {
            table.header.push_back(t("Sammenligning", "Comparison"));
            table.header.push_back(t("Andel", "Share"));
        }
        org_rows(report_.organisation, 0, false, false, table);
        s.tables.push_back(std::move(table));
        Chart chart{t("Sager efter forvaltning", "Cases by area"), {}};
        auto areas = org_list(report_.organisation, false, false, report_, config_);
        for (std::size_t i = 0; i < report_.organisation.size(); ++i) {
            const auto& row = report_.organisation[i];
            chart.bars.push_back(Bar{
                unit_label(config_, row.unit, lang_),
                areas.current[i].hidden ? std::nullopt : std::optional<std::uint64_t>(row.count),
                comparing_ && !areas.previous[i].hidden
                    ? std::optional<std::uint64_t>(row.compare_count)
                    : std::nullopt});
        }
        s.charts.push_back(std::move(chart));
        s.paragraphs.push_back(t(
            "Andelene er regnet inden for hver liste (forvaltninger, centre under en forvaltning, "
            "enheder under et center). Eksterne myndigheder står som egne rækker.",
            "Shares are within each list (areas, the centres of an area, the units of a centre). "
            "External authorities are rows of their own."));
        return s;
    }

    Section themes() {
        Section s{"themes", t("3. Temaer", "3. Themes"), {}, {}, {}};
        Table table{t("Temaer efter antal", "Themes by count"),
                    {"#", t("Tema", "Theme"), t("Antal", "Count")},
                    {},
                    {}};
        if (comparing_) {
            table.header.push_back(t("Sammenligning", "Comparison"));
            table.header.push_back(t("Forskel", "Difference"));
            table.header.push_back(t("Forskel i %", "Change %"));
        }
        const auto& hidden = hidden_.themes;
        const auto& compare_hidden = hidden_.compare_themes;
        Chart chart{t("De største temaer", "The largest themes"), {}};
        for (std::size_t i = 0; i < report_.themes.size(); ++i) {
            const auto& row = report_.themes[i];
            const auto& theme = config_.themes.theme(row.theme);
            std::vector<std::string> cells{std::to_string(row.rank), theme.label,
                                           count(row.count, hidden[i])};
            if (comparing_) {
                cells.push_back(count(row.compare_count, compare_hidden[i]));
                bool any_hidden = hidden[i] || compare_hidden[i];
                auto diff = static_cast<std::int64_t>(row.count) -
                            static_cast<std::int64_t>(row.compare_count);
                cells.push_back(
                    any_hidden
                        ? ""
                        : (diff > 0   ? "+ "
                           : diff < 0 ? "- "
                                      : "") +
                              format_count(static_cast<std::uint64_t>(std::llabs(diff)), lang_));
                auto change = percent_change(row.count, row.compare_count);
                if (any_hidden) {
                    cells.push_back("");
                } else if (!change) {
                    cells.push_back(t("ny", "new"));
                } else {
                    cells.push_back((*change > 0   ? "+ "
                                     : *change < 0 ? "- "
                                                   : "") +
                                    std::to_string(std::llabs(*change)) + " %");
                }
            }
            table.rows.push_back(std::move(cells));
            if (chart.bars.size() < 15) {
                chart.bars.push_back(Bar{
                    theme.label, hidden[i] ? std::nullopt : std::optional<std::uint64_t>(row.count),
                    comparing_ && !compare_hidden[i]
                        ? std::optional<std::uint64_t>(row.compare_count)
                        : std::nullopt});
            }
        }
        s.tables.push_back(std::move(table));
        s.charts.push_back(std::move(chart));

        Table groups{t("Temagrupper", "Theme groups"),
                     {t("Temagruppe", "Theme group"), t("Antal", "Count")},
                     {},
                     {}};
        if (comparing_) groups.header.push_back(t("Sammenligning", "Comparison"));
        const auto& gh = hidden_.groups;
        const auto& gch = hidden_.compare_groups;
        for (std::size_t i = 0; i < report_.theme_groups.size(); ++i) {
            const auto& row = report_.theme_groups[i];
            std::vector<std::string> cells{config_.themes.group(row.group).label,
                                           count(row.count, gh[i])};
            if (comparing_) cells.push_back(count(row.compare_count, gch[i]));
            groups.rows.push_back(std::move(cells));
        }
        s.tables.push_back(std::move(groups));
        s.paragraphs.push_back(
            t("Temaer med samme antal står i katalogets rækkefølge; \"Andet\" står altid sidst. "
              "Et tema uden sager i sammenligningsperioden er markeret som nyt.",
              "Themes with equal counts follow the catalogue; \"Other\" is always last. A theme "
              "with no cases in the comparison period is marked new."));
        return s;
    }

    Section actions() {
        Section s{"actions",
                  t("4. Indsats, løsninger og forvaltningens reaktion",
                    "4. Actions, resolutions and administration responses"),
                  {},
                  {},
                  {}};
        for (std::size_t k = 0; k < 4; ++k) {
            auto kind = static_cast<Kind>(k);
            const bool total_hidden = hidden_.volume.kind_total(k);
            auto entries = code_list<Action>(report_.actions[k], report_, config_, total_hidden);
            if (entries.empty()) continue;
            s.tables.push_back(
                list_table(t("Indsats: ", "Action: ") + std::string(label(kind, lang_)),
                           t("Indsats", "Action"), entries, total_hidden));
        }
        s.tables.push_back(
            list_table(t("Løsninger", "Resolutions"), t("Løsning", "Resolution"),
                       code_list<Resolution>(report_.resolutions, report_, config_)));
        s.tables.push_back(list_table(
            t("Forvaltningens reaktion", "Administration responses"), t("Reaktion", "Response"),
            code_list<AdminResponse>(report_.admin_responses, report_, config_)));
        return s;
    }

    Section rejections() {
        Section s{"rejections", t("5. Afvisninger", "5. Rejections"), {}, {}, {}};
        s.tables.push_back(
            list_table(t("Afviste sager efter grund", "Rejected cases by reason"),
                       t("Afvisningsgrund", "Reason"),
                       code_list<RejectionReason>(report_.rejections, report_, config_)));
        return s;
    }

    Table pair_table(const std::string& title, const std::string& first, const std::string& second,
                     const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs) const {
        Table table{title, {first, second}, {}, {}};
        for (const auto& band : distribution(pairs, report_, config_)) {
            std::string value = std::to_string(band.value);
            if (band.or_more) value += t(" eller flere", " or more");
            table.rows.push_back({value, count(band.count, band.hidden)});
        }
        return table;
    }

    Section complexity() {
        Section s{"complexity", t("6. Kompleksitet", "6. Complexity"), {}, {}, {}};
        s.paragraphs.push_back(t("Følgesager pr. hovedsag i gennemsnit: ",
                                 "Follow-up cases per main case on average: ") +
                               (hidden_.followups_per_main
                                    ? std::string("–")
                                    : format_decimal(report_.followups_per_main, lang_)));
        s.tables.push_back(
            pair_table(t("Hovedsager efter antal følgesager", "Main cases by number of follow-ups"),
                       t("Følgesager", "Follow-ups"), t("Hovedsager", "Main cases"),
                       report_.main_cases_by_followups));
        return s;
    }

    Section repeat_contact() {
        Section s{"repeat_contact", t("7. Gentagne henvendelser", "7. Repeat contact"), {}, {}, {}};
        s.tables.push_back(
            pair_table(t("Borgere efter antal henvendelser", "Citizens by number of inquiries"),
                       t("Henvendelser", "Inquiries"), t("Borgere", "Citizens"),
                       report_.citizens_by_inquiries));
        s.tables.push_back(pair_table(t("Borgere efter antal sager", "Citizens by number of cases"),
                                      t("Sager", "Cases"), t("Borgere", "Citizens"),
                                      report_.citizens_by_cases));
        return s;
    }

    std::string days(const std::optional<double>& value, bool hidden) const {
        return value && !hidden ? format_decimal(*value, lang_) : std::string("–");
    }

    Section time() {
        Section s{"time",
                  t("8. Svartider og sagsbehandlingstid", "8. Response and handling times"),
                  {},
                  {},
                  {}};
        const auto& time = report_.time;
        Table table{t("Dage fra modtagelse", "Days from receipt"),
                    {"", t("Målt", "Measured"), t("Median", "Median"),
                     t("90 %-fraktil", "90th percentile")},
                    {},
                    {}};
        // Medians and percentiles of fewer cases than the threshold are not shown outside the
        // office.
        const bool response_hidden = hidden_.first_response_figures,
                   closed_hidden = hidden_.closed_figures;
        table.rows.push_back({t("Til første svar", "To first response"),
                              count(time.first_response.measured, hidden_.first_response_measured),
                              days(time.first_response.median, response_hidden),
                              days(time.first_response.p90, response_hidden)});
        table.rows.push_back({t("Til afslutning", "To closing"),
                              count(time.closed.measured, hidden_.closed_measured),
                              days(time.closed.median, closed_hidden),
                              days(time.closed.p90, closed_hidden)});
        s.tables.push_back(std::move(table));
        s.paragraphs.push_back(
            t("Besvaret inden for svarfristen på ", "Answered within the reply target of ") +
            std::to_string(time.target_working_days) + t(" arbejdsdage: ", " working days: ") +
            (time.within_target_pct && !response_hidden
                 ? format_decimal(*time.within_target_pct, lang_) + " %"
                 : std::string("–")) +
            ".");
        s.paragraphs.push_back(
            t("Åbne sager ved periodens udløb: ", "Cases open at the end of the period: ") +
            count(time.open_at_end, hidden_.open_at_end) + ".");
        return s;
    }

    Section investigations() {
        Section s{"investigations", t("9. Tilsynssager", "9. Investigations"), {}, {}, {}};
        // The count is the volume table's investigation row; lists adding up to a hidden count are
        // hidden.
        const bool total_hidden =
            hidden_.volume.kind_total(static_cast<std::size_t>(Kind::investigation));
        s.paragraphs.push_back(t("Tilsynssager i perioden: ", "Investigations in the period: ") +
                               count(report_.investigations, total_hidden) + ".");
        s.tables.push_back(list_table(
            t("Oprindelse", "Origin"), t("Oprindelse", "Origin"),
            code_list<Origin>(report_.investigation_origins, report_, config_, total_hidden),
            total_hidden));
        s.tables.push_back(
            list_table(t("Udfald (kritik, henstilling)", "Outcome (criticism, recommendation)"),
                       t("Løsning", "Resolution"),
                       code_list<Resolution>(report_.investigation_resolutions, report_, config_,
                                             total_hidden),
                       total_hidden));
        s.tables.push_back(list_table(
            t("Forvaltningens reaktion", "Administration response"), t("Reaktion", "Response"),
            code_list<AdminResponse>(report_.investigation_admin_responses, report_, config_,
                                     total_hidden),
            total_hidden));
        return s;
    }

    Section staff() {
        Section s{"staff", t("10. Medarbejderhenvendelser", "10. Staff consultations"), {}, {}, {}};
        const bool total_hidden = hidden_.volume.kind_total(static_cast<std::size_t>(Kind::staff));
        s.paragraphs.push_back(
            t("Medarbejderhenvendelser i perioden: ", "Staff consultations in the period: ") +
            count(report_.staff, total_hidden) +
            t(". De opgøres kun efter forvaltning og temagruppe, da de er fortrolige.",
              ". They are counted by area and theme group only, as they are confidential."));
        std::vector<Entry> areas;
        for (const auto& [unit, n] : report_.staff_by_area) {
            areas.push_back(
                Entry{unit_code(config_, unit), unit_label(config_, unit, lang_), n, 0, false});
        }
        finish_list(areas, report_, config_, total_hidden);
        s.tables.push_back(list_table(t("Efter forvaltning", "By area"), t("Forvaltning", "Area"),
                                      areas, total_hidden));
        std::vector<Entry> groups;
        for (std::size_t g = 0; g < report_.staff_by_group.size(); ++g) {
            if (report_.staff_by_group[g] == 0) continue;
            const auto& group = config_.themes.group(static_cast<GroupIndex>(g));
            groups.push_back(Entry{group.code, group.label, report_.staff_by_group[g], 0, false});
        }
        finish_list(groups, report_, config_, total_hidden);
        s.tables.push_back(list_table(t("Efter temagruppe", "By theme group"),
                                      t("Temagruppe", "Theme group"), groups, total_hidden));
        return s;
    }

    const Report& report_;
    const Configuration& config_;
    Lang lang_;
    bool comparing_;
    Hidden hidden_;
};

std::string title(const Report& report, const Configuration& config) {
    return tr(report, "Borgerrådgiverens beretning", "The citizens' advisor's report") + " – " +
           config.organisation.name();
}

std::string subtitle(const Report& report) {
    const auto lang = report.request.lang;
    std::string text =
        tr(report, "Periode: ", "Period: ") + period_text(report.request.period, lang);
    if (report.request.compare) {
        text += tr(report, ". Sammenlignet med ", ". Compared with ") +
                period_text(*report.request.compare, lang);
    }
    text += ". " + tr(report, "Målgruppe: ", "Audience: ");
    switch (report.request.audience) {
        case Audience::advisor:
            text += tr(report, "borgerrådgiverens kontor", "the advisor's office");
            break;
        case Audience::administration:
            text += tr(report, "forvaltningen", "the administration");
            break;
        case Audience::public_:
            text += tr(report, "offentligheden", "the public");
            break;
    }
    text += ".";
    return text;
}

std::string md_cell(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '|')
            out += "\\|";
        else
            out += c;
    }
    return out;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string suppression_note(const Report& report, const Configuration& config) {
    if (!hides(report)) return {};
    return tr(report, "Tal fra 1 til ", "Counts from 1 to ") +
           std::to_string(threshold(config) - 1) + tr(report, " vises som \"", " are shown as \"") +
           hidden_text(config) +
           tr(report, "\", og yderligere tal er skjult, så de ikke kan regnes ud af totalerne.",
              "\", and further counts are hidden so they cannot be worked out from the totals.");
}

/// A horizontal bar chart; the comparison period as a thin grey bar under each bar.
std::string svg_chart(const Chart& chart, const Report& report, const Configuration& config) {
    if (chart.bars.empty()) return {};
    std::uint64_t max = 1;
    for (const auto& bar : chart.bars) {
        if (bar.value) max = std::max(max, *bar.value);
        if (bar.compare) max = std::max(max, *bar.compare);
    }
    const int label_width = 260, bar_width = 360, row_height = 26, top = 8;
    const int height = top + static_cast<int>(chart.bars.size()) * row_height + 8;
    std::ostringstream svg;
    bool comparing = std::any_of(chart.bars.begin(), chart.bars.end(),
                                 [](const Bar& b) { return b.compare.has_value(); });
    std::string legend = comparing ? tr(report, " (blå: perioden, grå: sammenligningsperioden)",
                                        " (blue: the period, grey: the comparison period)")
                                   : std::string();
    svg << "<figure><figcaption>" << html_escape(chart.title) << "<span class=\"legend\">"
        << html_escape(legend) << "</span></figcaption>\n"
        << "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\""
        << label_width + bar_width + 80 << "\" height=\"" << height << "\" viewBox=\"0 0 "
        << label_width + bar_width + 80 << ' ' << height << "\"><title>" << html_escape(chart.title)
        << "</title>\n";
    int y = top;
    for (const auto& bar : chart.bars) {
        std::string name = bar.label.size() > 40 ? bar.label.substr(0, 38) + "…" : bar.label;
        svg << "<text x=\"" << label_width - 6 << "\" y=\"" << y + 15 << "\" text-anchor=\"end\">"
            << html_escape(name) << "</text>";
        if (bar.value) {
            int w = static_cast<int>(std::lround(static_cast<double>(*bar.value) /
                                                 static_cast<double>(max) * bar_width));
            svg << "<rect class=\"bar\" x=\"" << label_width << "\" y=\"" << y + 2 << "\" width=\""
                << std::max(w, 1) << "\" height=\"14\"/><text x=\""
                << label_width + std::max(w, 1) + 4 << "\" y=\"" << y + 14 << "\">"
                << format_count(*bar.value, report.request.lang) << "</text>";
        } else {
            svg << "<text x=\"" << label_width << "\" y=\"" << y + 14 << "\">"
                << html_escape(hidden_text(config)) << "</text>";
        }
        if (bar.compare && (bar.value || !hides(report))) {
            int w = static_cast<int>(std::lround(static_cast<double>(*bar.compare) /
                                                 static_cast<double>(max) * bar_width));
            svg << "<rect class=\"compare\" x=\"" << label_width << "\" y=\"" << y + 18
                << "\" width=\"" << std::max(w, 1) << "\" height=\"5\"/>";
        }
        svg << '\n';
        y += row_height;
    }
    svg << "</svg></figure>\n";
    return svg.str();
}

}  // namespace

std::string render_markdown(const Report& report, const Configuration& config) {
    std::ostringstream md;
    md << "# " << title(report, config) << "\n\n" << subtitle(report) << "\n\n";
    if (auto note = suppression_note(report, config); !note.empty()) md << "_" << note << "_\n\n";
    for (const auto& section : Builder(report, config).sections()) {
        md << "## " << section.title << "\n\n";
        for (const auto& table : section.tables) {
            md << "### " << table.title << "\n\n";
            if (table.rows.empty()) {
                md << tr(report, "_Ingen sager._", "_No cases._") << "\n\n";
                continue;
            }
            md << '|';
            for (const auto& h : table.header) md << ' ' << md_cell(h) << " |";
            md << "\n|";
            for (std::size_t i = 0; i < table.header.size(); ++i) md << (i == 0 ? "---|" : "---:|");
            md << '\n';
            for (std::size_t r = 0; r < table.rows.size(); ++r) {
                md << '|';
                for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
                    std::string cell = md_cell(table.rows[r][c]);
                    if (c == 0 && r < table.indent.size() && table.indent[r] > 0) {
                        // Non-breaking spaces keep the indentation in rendered Markdown.
                        std::string prefix;
                        for (int d = 0; d < table.indent[r]; ++d) prefix += "\u00A0\u00A0\u00A0";
                        cell = prefix + "↳ " + cell;
                    }
                    md << ' ' << cell << " |";
                }
                md << '\n';
            }
            md << '\n';
        }
        for (const auto& paragraph : section.paragraphs) md << paragraph << "\n\n";
    }
    md << "---\n"
       << tr(report, "Udarbejdet med ombuds ", "Made with ombuds ") << OMBUDS_VERSION_STRING
       << ".\n";
    return md.str();
}

std::string render_csv(const Report& report, const Configuration& config) {
    // Danish spreadsheets: `;` between cells, decimal comma (already in the cells), a BOM so
    // Excel reads UTF-8, CRLF.
    auto cell = [](const std::string& text) {
        if (text.find_first_of(";\"\r\n") == std::string::npos) return text;
        std::string out = "\"";
        for (char c : text) {
            if (c == '"') out += '"';
            out += c;
        }
        return out + "\"";
    };
    std::ostringstream csv;
    csv << "\xEF\xBB\xBF" << cell(title(report, config)) << "\r\n"
        << cell(subtitle(report)) << "\r\n\r\n";
    for (const auto& section : Builder(report, config).sections()) {
        for (const auto& table : section.tables) {
            csv << cell(section.title + " – " + table.title) << "\r\n";
            for (std::size_t i = 0; i < table.header.size(); ++i)
                csv << (i ? ";" : "") << cell(table.header[i]);
            csv << "\r\n";
            for (std::size_t r = 0; r < table.rows.size(); ++r) {
                for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
                    std::string text = table.rows[r][c];
                    if (c == 0 && r < table.indent.size() && table.indent[r] > 0) {
                        text =
                            std::string(static_cast<std::size_t>(table.indent[r]) * 2, ' ') + text;
                    }
                    csv << (c ? ";" : "") << cell(text);
                }
                csv << "\r\n";
            }
            csv << "\r\n";
        }
    }
    return csv.str();
}

std::string render_html(const Report& report, const Configuration& config) {
    std::ostringstream html;
    const bool da = report.request.lang == Lang::da;
    html
        << "<!DOCTYPE html>\n<html lang=\"" << (da ? "da" : "en")
        << "\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<meta name=\"generator\" content=\"ombuds " << OMBUDS_VERSION_STRING << "\">\n"
        << "<title>" << html_escape(title(report, config)) << "</title>\n<style>\n"
        << "body{font-family:system-ui,-apple-system,'Segoe "
           "UI',Roboto,Arial,sans-serif;max-width:60rem;margin:2rem "
           "auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}\n"
        << "h1{font-size:1.7rem;border-bottom:3px solid "
           "#00558c;padding-bottom:.3rem}h2{color:#00558c;margin-top:2.2rem}"
           "h3{font-size:1.05rem}\n"
        << "table{border-collapse:collapse;margin:.5rem 0 "
           "1.2rem;min-width:24rem}th,td{padding:.25rem .6rem;border-bottom:"
           "1px solid "
           "#d0d7de}th{background:#eef3f8;text-align:left}td.n,th.n{text-align:right;font-variant-"
           "numeric:"
           "tabular-nums}\n"
        << "tr.total td{font-weight:600;border-top:2px solid #8c959f}figure{margin:1rem "
           "0}figcaption{font-weight:600}"
           "svg text{font-size:12px;fill:#1b1b1b}rect.bar{fill:#00558c}rect.compare{fill:#9aa5b1}\n"
        << "p.note{color:#57606a;font-size:.9rem}nav ul{columns:2;list-style:none;padding-left:0}"
           "figcaption .legend{font-weight:400;color:#57606a;font-size:.85rem}\n"
        << "@media "
           "print{body{margin:0;max-width:none}h2{break-before:auto}table,figure{break-inside:"
           "avoid}nav{display:"
           "none}}\n"
        << "</style>\n</head>\n<body>\n<header><h1>" << html_escape(title(report, config))
        << "</h1>\n<p>" << html_escape(subtitle(report)) << "</p>\n";
    if (auto note = suppression_note(report, config); !note.empty())
        html << "<p class=\"note\">" << html_escape(note) << "</p>\n";
    html << "</header>\n";
    auto sections = Builder(report, config).sections();
    html << "<nav><ul>";
    for (const auto& section : sections)
        html << "<li><a href=\"#" << section.id << "\">" << html_escape(section.title)
             << "</a></li>";
    html << "</ul></nav>\n<main>\n";
    for (const auto& section : sections) {
        html << "<section id=\"" << section.id << "\">\n<h2>" << html_escape(section.title)
             << "</h2>\n";
        for (const auto& chart : section.charts) html << svg_chart(chart, report, config);
        for (const auto& table : section.tables) {
            html << "<h3>" << html_escape(table.title) << "</h3>\n";
            if (table.rows.empty()) {
                html << "<p class=\"note\">" << (da ? "Ingen sager." : "No cases.") << "</p>\n";
                continue;
            }
            html << "<table>\n<thead><tr>";
            for (std::size_t i = 0; i < table.header.size(); ++i) {
                html << "<th" << (i ? " class=\"n\"" : "") << " scope=\"col\">"
                     << html_escape(table.header[i]) << "</th>";
            }
            html << "</tr></thead>\n<tbody>\n";
            for (std::size_t r = 0; r < table.rows.size(); ++r) {
                const auto& row = table.rows[r];
                bool total = !row.empty() && (row[0] == "I alt" || row[0] == "Total");
                html << (total ? "<tr class=\"total\">" : "<tr>");
                for (std::size_t c = 0; c < row.size(); ++c) {
                    if (c == 0) {
                        int depth = r < table.indent.size() ? table.indent[r] : 0;
                        html << "<th scope=\"row\" style=\"font-weight:" << (depth == 0 ? 600 : 400)
                             << ";padding-left:" << 0.6 + 1.2 * depth << "rem\">"
                             << html_escape(row[c]) << "</th>";
                    } else {
                        html << "<td class=\"n\">" << html_escape(row[c]) << "</td>";
                    }
                }
                html << "</tr>\n";
            }
            html << "</tbody>\n</table>\n";
        }
        for (const auto& paragraph : section.paragraphs)
            html << "<p class=\"note\">" << html_escape(paragraph) << "</p>\n";
        html << "</section>\n";
    }
    html << "</main>\n<footer><p class=\"note\">"
         << (da ? "Udarbejdet med ombuds " : "Made with ombuds ") << OMBUDS_VERSION_STRING
         << ".</p></footer>\n</body>\n</html>\n";
    return html.str();
}

}  // namespace report_detail

std::string render_report(const Report& report, const Configuration& config, ReportFormat format) {
    switch (format) {
        case ReportFormat::json:
            return report_detail::render_json(report, config);
        case ReportFormat::md:
            return report_detail::render_markdown(report, config);
        case ReportFormat::csv:
            return report_detail::render_csv(report, config);
        case ReportFormat::html:
            return report_detail::render_html(report, config);
    }
    return report_detail::render_json(report, config);
}

}  // namespace ombuds
