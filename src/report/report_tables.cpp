// SPDX-License-Identifier: MPL-2.0
// Sections 1-10 of the report as tables, from the disclosed report: each cell is the text of
// one figure. Count columns are headed by the periods' names. Nothing here decides what is shown.
#include "report/report_tables.hpp"

#include "report/formatting.hpp"
#include "report/section_writer.hpp"

namespace ombuds::report_detail {

Section volume_section(const SectionWriter& w) {
    const auto& report = w.report;
    Section s{"volume", w.t("1. Omfang", "1. Volume"), {}, {}, {}};
    const auto& v = report.volume;
    const auto* c = report.compare_volume ? &*report.compare_volume : nullptr;
    Table totals{
        w.t("Borgere, henvendelser og sager", "Citizens, inquiries and cases"), {"", w.period}, {}};
    if (c) totals.header.push_back(w.compare);
    auto row = [&](std::string label, const Count VolumeFigures::*figure) {
        TableRow line{{std::move(label), w.cell(v.*figure)}};
        if (c) line.cells.push_back(w.cell(c->*figure));
        totals.rows.push_back(std::move(line));
    };
    row(w.t("Unikke borgere", "Unique citizens"), &VolumeFigures::citizens);
    row(w.t("Anonyme sager", "Anonymous cases"), &VolumeFigures::anonymous_cases);
    row(w.t("Henvendelser", "Inquiries"), &VolumeFigures::inquiries);
    row(w.t("Sager", "Cases"), &VolumeFigures::cases);
    row(w.t("Hovedsager", "Main cases"), &VolumeFigures::main_cases);
    row(w.t("Afsluttede sager (efter afslutningsdato)", "Cases closed (by closing date)"),
        &VolumeFigures::closed);
    s.tables.push_back(std::move(totals));

    Table kinds{w.t("Sager efter type og rolle, ", "Cases by kind and role, ") + w.period,
                {w.t("Sagstype", "Kind"), w.t("Hovedsager", "Main cases"),
                 w.t("Følgesager", "Follow-up cases"), w.t("I alt", "Total")},
                {}};
    Chart chart{w.t("Sager efter type", "Cases by kind"), {}, false, w.period, w.compare, {}};
    for (std::size_t k = 0; k < 4; ++k) {
        const auto& kind_row = v.by_kind[k];
        std::string name(label(static_cast<Kind>(k), w.lang));
        kinds.rows.push_back(
            {{name, w.cell(kind_row.main), w.cell(kind_row.follow_up), w.cell(kind_row.total)}});
        chart.bars.push_back(Bar{name, (kind_row.total), c ? c->by_kind[k].total : Count()});
    }
    kinds.rows.push_back(
        {{w.t("I alt", "Total"), w.cell(v.main_cases), w.cell(v.follow_ups), w.cell(v.cases)},
         0,
         true});
    s.tables.push_back(std::move(kinds));
    s.charts.push_back(std::move(chart));
    s.paragraphs.push_back(
        w.t("En sag tilhører perioden efter modtagelsesdatoen. Anonyme sager er klager, andre "
            "henvendelser og tilsynssager uden borger; de tælles ikke med i antallet af unikke "
            "borgere, og medarbejderhenvendelser er ikke anonyme sager.",
            "A case belongs to the period by its date received. Anonymous cases are "
            "complaints, other inquiries and investigations without a citizen; they are not "
            "counted among unique citizens, and staff consultations are not anonymous cases."));
    return s;
}

namespace {

void org_rows(const SectionWriter& w, const std::vector<OrgLine>& lines, int depth, Table& table) {
    for (const auto& line : lines) {
        std::string name = line.label;
        if (line.external) name += w.t(" (ekstern)", " (external)");
        TableRow row{{name, w.cell(line.count), w.cell(line.pct)}, depth};
        if (w.comparing) {
            row.cells.push_back(w.cell(line.compare_count));
            row.cells.push_back(w.cell(line.compare_pct));
        }
        table.rows.push_back(std::move(row));
        org_rows(w, line.children, depth + 1, table);
    }
}

Table band_table(const SectionWriter& w, const std::string& title, const std::string& first,
                 const std::string& second, const std::vector<Band>& bands) {
    Table table{title, {first, second}, {}};
    for (const auto& band : bands) {
        std::string value = std::to_string(band.value);
        if (band.or_more) value += w.t(" eller flere", " or more");
        table.rows.push_back({{value, w.cell(band.count)}});
    }
    return table;
}

}  // namespace

Section organisation_section(const SectionWriter& w) {
    const auto& report = w.report;
    Section s{"organisation",
              w.t("2. Fordeling på organisationen", "2. Distribution over the organisation"),
              {},
              {},
              {}};
    Table table{w.t("Sager efter forvaltning, center og enhed", "Cases by area, centre and unit"),
                {w.t("Enhed", "Unit"), w.comparing ? w.period : w.t("Antal", "Count"),
                 w.t("Andel", "Share")},
                {}};
    if (w.comparing) {
        table.header.push_back(w.compare);
        table.header.push_back(w.t("Andel", "Share"));
    }
    org_rows(w, report.organisation, 0, table);
    s.tables.push_back(std::move(table));
    Chart chart{report.scope ? w.t("Sager efter enhed", "Cases by unit")
                             : w.t("Sager efter forvaltning", "Cases by area"),
                {},
                false,
                w.period,
                w.compare,
                {}};
    // A scoped report's one top line is its node: the chart shows what is below it.
    const auto& top = report.scope && report.organisation.size() == 1
                          ? report.organisation.front().children
                          : report.organisation;
    for (const auto& line : top) {
        chart.bars.push_back(
            Bar{line.label, (line.count), w.comparing ? line.compare_count : Count()});
    }
    s.charts.push_back(std::move(chart));
    s.paragraphs.push_back(
        w.t("Andelene er regnet inden for hver liste (forvaltninger, centre under en forvaltning, "
            "enheder under et center). Eksterne myndigheder står som egne rækker.",
            "Shares are within each list (areas, the centres of an area, the units of a centre). "
            "External authorities are rows of their own."));
    return s;
}

Section themes_section(const SectionWriter& w) {
    const auto& report = w.report;
    Section s{"themes", w.t("3. Temaer", "3. Themes"), {}, {}, {}};
    s.charts.push_back(w.theme_chart(w.t("De største temaer", "The largest themes"), report.themes,
                                     report.theme_chart));
    s.tables.push_back(w.theme_table(w.t("Temaer efter antal", "Themes by count"), report.themes));
    s.tables.push_back(w.group_table(w.t("Temagrupper", "Theme groups"), report.theme_groups));
    s.paragraphs.push_back(
        w.t("Temaer med samme antal står i katalogets rækkefølge; \"Andet\" står altid sidst. "
            "Et tema uden sager i sammenligningsperioden er markeret som nyt.",
            "Themes with equal counts follow the catalogue; \"Other\" is always last. A theme "
            "with no cases in the comparison period is marked new."));
    if (report.any_hidden) {
        s.paragraphs.push_back(
            w.t("Temaer med skjult antal står sidst. En placering vises, hvor intet skjult tema "
                "kan ligge over.",
                "Themes with a hidden count come last. A rank is shown where no hidden theme can "
                "rank above."));
    }
    return s;
}

Section actions_section(const SectionWriter& w) {
    const auto& report = w.report;
    Section s{"actions",
              w.t("4. Indsats, løsninger og forvaltningens reaktion",
                  "4. Actions, resolutions and administration responses"),
              {},
              {},
              {}};
    for (std::size_t k = 0; k < 4; ++k) {
        if (report.actions[k].lines.empty()) continue;
        s.tables.push_back(w.list_table(
            w.t("Indsats: ", "Action: ") + std::string(label(static_cast<Kind>(k), w.lang)),
            w.t("Indsats", "Action"), report.actions[k]));
    }
    s.tables.push_back(w.list_table(w.t("Løsninger", "Resolutions"), w.t("Løsning", "Resolution"),
                                    report.resolutions));
    s.tables.push_back(w.list_table(w.t("Forvaltningens reaktion", "Administration responses"),
                                    w.t("Reaktion", "Response"), report.admin_responses));
    return s;
}

Section rejections_section(const SectionWriter& w) {
    Section s{"rejections", w.t("5. Afvisninger", "5. Rejections"), {}, {}, {}};
    s.tables.push_back(w.list_table(w.t("Afviste sager efter grund", "Rejected cases by reason"),
                                    w.t("Afvisningsgrund", "Reason"), w.report.rejections));
    return s;
}

Section complexity_section(const SectionWriter& w) {
    Section s{"complexity", w.t("6. Kompleksitet", "6. Complexity"), {}, {}, {}};
    s.paragraphs.push_back(w.t("Følgesager pr. hovedsag i gennemsnit: ",
                               "Follow-up cases per main case on average: ") +
                           w.cell(w.report.followups_per_main).text);
    s.tables.push_back(band_table(
        w, w.t("Hovedsager efter antal følgesager", "Main cases by number of follow-ups"),
        w.t("Følgesager", "Follow-ups"), w.t("Hovedsager", "Main cases"),
        w.report.main_cases_by_followups));
    return s;
}

Section repeat_contact_section(const SectionWriter& w) {
    Section s{"repeat_contact", w.t("7. Gentagne henvendelser", "7. Repeat contact"), {}, {}, {}};
    s.tables.push_back(
        band_table(w, w.t("Borgere efter antal henvendelser", "Citizens by number of inquiries"),
                   w.t("Henvendelser", "Inquiries"), w.t("Borgere", "Citizens"),
                   w.report.citizens_by_inquiries));
    s.tables.push_back(
        band_table(w, w.t("Borgere efter antal sager", "Citizens by number of cases"),
                   w.t("Sager", "Cases"), w.t("Borgere", "Citizens"), w.report.citizens_by_cases));
    return s;
}

Section time_section(const SectionWriter& w) {
    Section s{"time",
              w.t("8. Svartider og sagsbehandlingstid", "8. Response and handling times"),
              {},
              {},
              {}};
    const auto& time = w.report.time;
    Table table{w.t("Dage fra modtagelse", "Days from receipt"),
                {"", w.t("Målt", "Measured"), w.t("Median", "Median"),
                 w.t("90 %-fraktil", "90th percentile")},
                {}};
    table.rows.push_back(
        {{w.t("Til første svar", "To first response"), w.cell(time.first_response.measured),
          w.cell(time.first_response.median), w.cell(time.first_response.p90)}});
    table.rows.push_back({{w.t("Til afslutning", "To closing"), w.cell(time.closed.measured),
                           w.cell(time.closed.median), w.cell(time.closed.p90)}});
    s.tables.push_back(std::move(table));
    std::string within = time.within_target_pct.shown()
                             ? format_decimal(time.within_target_pct.value(), w.lang) + " %"
                             : w.cell(time.within_target_pct).text;
    s.paragraphs.push_back(
        w.t("Besvaret inden for svarfristen på ", "Answered within the reply target of ") +
        std::to_string(time.target_working_days) + w.t(" arbejdsdage: ", " working days: ") +
        within + ".");
    s.paragraphs.push_back(
        w.t("Åbne sager ved periodens udløb: ", "Cases open at the end of the period: ") +
        w.cell(time.open_at_end).text + ".");
    return s;
}

Section investigations_section(const SectionWriter& w) {
    Section s{"investigations", w.t("9. Tilsynssager", "9. Investigations"), {}, {}, {}};
    const auto& inv = w.report.investigations;
    s.paragraphs.push_back(w.t("Tilsynssager i perioden: ", "Investigations in the period: ") +
                           w.cell(inv.count).text + ".");
    s.tables.push_back(
        w.list_table(w.t("Oprindelse", "Origin"), w.t("Oprindelse", "Origin"), inv.by_origin));
    s.tables.push_back(
        w.list_table(w.t("Udfald (kritik, henstilling)", "Outcome (criticism, recommendation)"),
                     w.t("Løsning", "Resolution"), inv.resolutions));
    s.tables.push_back(w.list_table(w.t("Forvaltningens reaktion", "Administration response"),
                                    w.t("Reaktion", "Response"), inv.admin_responses));
    return s;
}

Section staff_section(const SectionWriter& w) {
    Section s{"staff", w.t("10. Medarbejderhenvendelser", "10. Staff consultations"), {}, {}, {}};
    const auto& staff = w.report.staff;
    s.paragraphs.push_back(
        w.t("Medarbejderhenvendelser i perioden: ", "Staff consultations in the period: ") +
        w.cell(staff.count).text +
        w.t(". De opgøres kun efter forvaltning og temagruppe, da de er fortrolige.",
            ". They are counted by area and theme group only, as they are confidential."));
    s.tables.push_back(w.list_table(w.t("Efter forvaltning", "By area"), w.t("Forvaltning", "Area"),
                                    staff.by_area));
    s.tables.push_back(w.list_table(w.t("Efter temagruppe", "By theme group"),
                                    w.t("Temagruppe", "Theme group"), staff.by_theme_group));
    return s;
}

std::string report_title(const Report& report) {
    return report_heading(report);
}

std::string report_subtitle(const Report& report) {
    const auto lang = report.request.lang;
    std::string text =
        tr(report, "Periode: ", "Period: ") + period_text(report.request.period, lang);
    if (report.request.compare) {
        text += tr(report, ". Sammenlignet med ", ". Compared with ") +
                period_text(*report.request.compare, lang);
    }
    if (report.scope) {
        text += tr(report, ". Kun sager for ", ". Only the cases of ") + report.scope->label +
                tr(report, " og enhederne under den", " and the units below it");
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
    return text + ".";
}

std::vector<Section> report_sections(const Report& report) {
    SectionWriter w(report);
    return {volume_section(w),         organisation_section(w), themes_section(w),
            actions_section(w),        rejections_section(w),   complexity_section(w),
            repeat_contact_section(w), time_section(w),         investigations_section(w),
            staff_section(w),          over_time_section(w),    complaints_section(w),
            deadlines_section(w)};
}

}  // namespace ombuds::report_detail
