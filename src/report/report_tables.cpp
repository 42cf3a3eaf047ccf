// SPDX-License-Identifier: MPL-2.0
// The sections of the report as tables, from the disclosed report: each cell is the text of
// one figure. Nothing here decides what is shown.
#include "report/report_tables.hpp"

#include "report/formatting.hpp"

namespace ombuds::report_detail {
namespace {

class Builder {
  public:
    explicit Builder(const Report& report)
        : report_(report),
          lang_(report.request.lang),
          comparing_(report.request.compare.has_value()) {}

    std::vector<Section> sections() const {
        return {volume(),     organisation(),   themes(), actions(),        rejections(),
                complexity(), repeat_contact(), time(),   investigations(), staff()};
    }

  private:
    std::string t(std::string_view da, std::string_view en) const { return tr(report_, da, en); }
    template <class F>
    std::string cell(const F& figure) const {
        return text(figure, lang_);
    }
    static std::optional<std::uint64_t> bar_value(const Count& figure) {
        return figure.shown() ? std::optional<std::uint64_t>(figure.value()) : std::nullopt;
    }

    /// A list with its total row.
    Table list_table(const std::string& title, const std::string& first_column,
                     const CountList& list) const {
        Table table{title, {first_column, t("Antal", "Count"), t("Andel", "Share")}, {}};
        for (const auto& line : list.lines)
            table.rows.push_back({{line.label, cell(line.count), cell(line.pct)}});
        if (!list.lines.empty()) {
            // The shares of a list add up to 100 whenever its total is shown.
            Tenths all = list.total.shown() ? Tenths::of(1000) : Tenths::hidden();
            table.rows.push_back({{t("I alt", "Total"), cell(list.total), cell(all)}, 0, true});
        }
        return table;
    }

    Section volume() const {
        Section s{"volume", t("1. Omfang", "1. Volume"), {}, {}, {}};
        const auto& v = report_.volume;
        const auto* c = report_.compare_volume ? &*report_.compare_volume : nullptr;
        Table totals{t("Borgere, henvendelser og sager", "Citizens, inquiries and cases"),
                     {"", t("Periode", "Period")},
                     {}};
        if (c) totals.header.push_back(t("Sammenligning", "Comparison"));
        auto row = [&](std::string label, const Count VolumeFigures::*figure) {
            std::vector<std::string> cells{std::move(label), cell(v.*figure)};
            if (c) cells.push_back(cell(c->*figure));
            totals.rows.push_back({std::move(cells)});
        };
        row(t("Unikke borgere", "Unique citizens"), &VolumeFigures::citizens);
        row(t("Anonyme sager", "Anonymous cases"), &VolumeFigures::anonymous_cases);
        row(t("Henvendelser", "Inquiries"), &VolumeFigures::inquiries);
        row(t("Sager", "Cases"), &VolumeFigures::cases);
        row(t("Hovedsager", "Main cases"), &VolumeFigures::main_cases);
        row(t("Afsluttede sager (efter afslutningsdato)", "Cases closed (by closing date)"),
            &VolumeFigures::closed);
        s.tables.push_back(std::move(totals));

        Table kinds{t("Sager efter type og rolle", "Cases by kind and role"),
                    {t("Sagstype", "Kind"), t("Hovedsager", "Main cases"),
                     t("Følgesager", "Follow-up cases"), t("I alt", "Total")},
                    {}};
        Chart chart{t("Sager efter type", "Cases by kind"), {}};
        for (std::size_t k = 0; k < 4; ++k) {
            const auto& kind_row = v.by_kind[k];
            std::string name(label(static_cast<Kind>(k), lang_));
            kinds.rows.push_back(
                {{name, cell(kind_row.main), cell(kind_row.follow_up), cell(kind_row.total)}});
            chart.bars.push_back(Bar{name, bar_value(kind_row.total),
                                     c ? bar_value(c->by_kind[k].total) : std::nullopt});
        }
        kinds.rows.push_back(
            {{t("I alt", "Total"), cell(v.main_cases), cell(v.follow_ups), cell(v.cases)},
             0,
             true});
        s.tables.push_back(std::move(kinds));
        s.charts.push_back(std::move(chart));
        s.paragraphs.push_back(
            t("En sag tilhører perioden efter modtagelsesdatoen. Anonyme sager er klager, andre "
              "henvendelser og tilsynssager uden borger; de tælles ikke med i antallet af unikke "
              "borgere, og medarbejderhenvendelser er ikke anonyme sager.",
              "A case belongs to the period by its date received. Anonymous cases are "
              "complaints, other inquiries and investigations without a citizen; they are not "
              "counted among unique citizens, and staff consultations are not anonymous cases."));
        return s;
    }

    void org_rows(const std::vector<OrgLine>& lines, int depth, Table& table) const {
        for (const auto& line : lines) {
            std::string name = line.label;
            if (line.external) name += t(" (ekstern)", " (external)");
            std::vector<std::string> cells{name, cell(line.count), cell(line.pct)};
            if (comparing_) {
                cells.push_back(cell(line.compare_count));
                cells.push_back(cell(line.compare_pct));
            }
            table.rows.push_back({std::move(cells), depth});
            org_rows(line.children, depth + 1, table);
        }
    }

    Section organisation() const {
        Section s{"organisation",
                  t("2. Fordeling på organisationen", "2. Distribution over the organisation"),
                  {},
                  {},
                  {}};
        Table table{t("Sager efter forvaltning, center og enhed", "Cases by area, centre and unit"),
                    {t("Enhed", "Unit"), t("Antal", "Count"), t("Andel", "Share")},
                    {}};
        if (comparing_) {
            table.header.push_back(t("Sammenligning", "Comparison"));
            table.header.push_back(t("Andel", "Share"));
        }
        org_rows(report_.organisation, 0, table);
        s.tables.push_back(std::move(table));
        Chart chart{t("Sager efter forvaltning", "Cases by area"), {}};
        for (const auto& line : report_.organisation) {
            chart.bars.push_back(Bar{line.label, bar_value(line.count),
                                     comparing_ ? bar_value(line.compare_count) : std::nullopt});
        }
        s.charts.push_back(std::move(chart));
        s.paragraphs.push_back(t(
            "Andelene er regnet inden for hver liste (forvaltninger, centre under en forvaltning, "
            "enheder under et center). Eksterne myndigheder står som egne rækker.",
            "Shares are within each list (areas, the centres of an area, the units of a centre). "
            "External authorities are rows of their own."));
        return s;
    }

    Section themes() const {
        Section s{"themes", t("3. Temaer", "3. Themes"), {}, {}, {}};
        Table table{t("Temaer efter antal", "Themes by count"),
                    {"#", t("Tema", "Theme"), t("Antal", "Count")},
                    {}};
        if (comparing_) {
            table.header.push_back(t("Sammenligning", "Comparison"));
            table.header.push_back(t("Forskel", "Difference"));
            table.header.push_back(t("Forskel i %", "Change %"));
        }
        Chart chart{t("De største temaer", "The largest themes"), {}};
        for (const auto& line : report_.themes) {
            std::string rank = line.rank.is_hidden() ? std::string(hidden_symbol)
                                                     : std::to_string(line.rank.value_or(0));
            std::vector<std::string> cells{rank, line.label, cell(line.count)};
            if (comparing_) {
                cells.push_back(cell(line.compare_count));
                cells.push_back(signed_text(line.diff, ""));
                cells.push_back(line.is_new ? t("ny", "new") : signed_text(line.diff_pct, " %"));
            }
            table.rows.push_back({std::move(cells)});
            if (chart.bars.size() < 15 && line.count.shown()) {
                chart.bars.push_back(
                    Bar{line.label, bar_value(line.count),
                        comparing_ ? bar_value(line.compare_count) : std::nullopt});
            }
        }
        s.tables.push_back(std::move(table));
        s.charts.push_back(std::move(chart));

        Table groups{t("Temagrupper", "Theme groups"),
                     {t("Temagruppe", "Theme group"), t("Antal", "Count")},
                     {}};
        if (comparing_) groups.header.push_back(t("Sammenligning", "Comparison"));
        for (const auto& line : report_.theme_groups) {
            std::vector<std::string> cells{line.label, cell(line.count)};
            if (comparing_) cells.push_back(cell(line.compare_count));
            groups.rows.push_back({std::move(cells)});
        }
        s.tables.push_back(std::move(groups));
        s.paragraphs.push_back(
            t("Temaer med samme antal står i katalogets rækkefølge; \"Andet\" står altid sidst. "
              "Et tema uden sager i sammenligningsperioden er markeret som nyt.",
              "Themes with equal counts follow the catalogue; \"Other\" is always last. A theme "
              "with no cases in the comparison period is marked new."));
        if (report_.any_hidden) {
            s.paragraphs.push_back(
                t("Temaer med skjult antal står sidst. En placering vises, hvor intet skjult tema "
                  "kan ligge over.",
                  "Themes with a hidden count come last. A rank is shown where no hidden theme can "
                  "rank above."));
        }
        return s;
    }

    std::string signed_text(const Whole& figure, std::string_view unit) const {
        if (figure.is_hidden()) return std::string(hidden_symbol);
        if (figure.none()) return std::string(no_figure);
        return format_signed(figure.value(), lang_) + std::string(unit);
    }

    Section actions() const {
        Section s{"actions",
                  t("4. Indsats, løsninger og forvaltningens reaktion",
                    "4. Actions, resolutions and administration responses"),
                  {},
                  {},
                  {}};
        for (std::size_t k = 0; k < 4; ++k) {
            if (report_.actions[k].lines.empty()) continue;
            s.tables.push_back(list_table(
                t("Indsats: ", "Action: ") + std::string(label(static_cast<Kind>(k), lang_)),
                t("Indsats", "Action"), report_.actions[k]));
        }
        s.tables.push_back(list_table(t("Løsninger", "Resolutions"), t("Løsning", "Resolution"),
                                      report_.resolutions));
        s.tables.push_back(list_table(t("Forvaltningens reaktion", "Administration responses"),
                                      t("Reaktion", "Response"), report_.admin_responses));
        return s;
    }

    Section rejections() const {
        Section s{"rejections", t("5. Afvisninger", "5. Rejections"), {}, {}, {}};
        s.tables.push_back(list_table(t("Afviste sager efter grund", "Rejected cases by reason"),
                                      t("Afvisningsgrund", "Reason"), report_.rejections));
        return s;
    }

    Table band_table(const std::string& title, const std::string& first, const std::string& second,
                     const std::vector<Band>& bands) const {
        Table table{title, {first, second}, {}};
        for (const auto& band : bands) {
            std::string value = std::to_string(band.value);
            if (band.or_more) value += t(" eller flere", " or more");
            table.rows.push_back({{value, cell(band.count)}});
        }
        return table;
    }

    Section complexity() const {
        Section s{"complexity", t("6. Kompleksitet", "6. Complexity"), {}, {}, {}};
        s.paragraphs.push_back(t("Følgesager pr. hovedsag i gennemsnit: ",
                                 "Follow-up cases per main case on average: ") +
                               cell(report_.followups_per_main));
        s.tables.push_back(
            band_table(t("Hovedsager efter antal følgesager", "Main cases by number of follow-ups"),
                       t("Følgesager", "Follow-ups"), t("Hovedsager", "Main cases"),
                       report_.main_cases_by_followups));
        return s;
    }

    Section repeat_contact() const {
        Section s{"repeat_contact", t("7. Gentagne henvendelser", "7. Repeat contact"), {}, {}, {}};
        s.tables.push_back(
            band_table(t("Borgere efter antal henvendelser", "Citizens by number of inquiries"),
                       t("Henvendelser", "Inquiries"), t("Borgere", "Citizens"),
                       report_.citizens_by_inquiries));
        s.tables.push_back(band_table(t("Borgere efter antal sager", "Citizens by number of cases"),
                                      t("Sager", "Cases"), t("Borgere", "Citizens"),
                                      report_.citizens_by_cases));
        return s;
    }

    Section time() const {
        Section s{"time",
                  t("8. Svartider og sagsbehandlingstid", "8. Response and handling times"),
                  {},
                  {},
                  {}};
        const auto& time = report_.time;
        Table table{t("Dage fra modtagelse", "Days from receipt"),
                    {"", t("Målt", "Measured"), t("Median", "Median"),
                     t("90 %-fraktil", "90th percentile")},
                    {}};
        table.rows.push_back(
            {{t("Til første svar", "To first response"), cell(time.first_response.measured),
              cell(time.first_response.median), cell(time.first_response.p90)}});
        table.rows.push_back({{t("Til afslutning", "To closing"), cell(time.closed.measured),
                               cell(time.closed.median), cell(time.closed.p90)}});
        s.tables.push_back(std::move(table));
        std::string within = time.within_target_pct.shown()
                                 ? format_decimal(time.within_target_pct.value(), lang_) + " %"
                                 : cell(time.within_target_pct);
        s.paragraphs.push_back(
            t("Besvaret inden for svarfristen på ", "Answered within the reply target of ") +
            std::to_string(time.target_working_days) + t(" arbejdsdage: ", " working days: ") +
            within + ".");
        s.paragraphs.push_back(
            t("Åbne sager ved periodens udløb: ", "Cases open at the end of the period: ") +
            cell(time.open_at_end) + ".");
        return s;
    }

    Section investigations() const {
        Section s{"investigations", t("9. Tilsynssager", "9. Investigations"), {}, {}, {}};
        const auto& inv = report_.investigations;
        s.paragraphs.push_back(t("Tilsynssager i perioden: ", "Investigations in the period: ") +
                               cell(inv.count) + ".");
        s.tables.push_back(
            list_table(t("Oprindelse", "Origin"), t("Oprindelse", "Origin"), inv.by_origin));
        s.tables.push_back(
            list_table(t("Udfald (kritik, henstilling)", "Outcome (criticism, recommendation)"),
                       t("Løsning", "Resolution"), inv.resolutions));
        s.tables.push_back(list_table(t("Forvaltningens reaktion", "Administration response"),
                                      t("Reaktion", "Response"), inv.admin_responses));
        return s;
    }

    Section staff() const {
        Section s{"staff", t("10. Medarbejderhenvendelser", "10. Staff consultations"), {}, {}, {}};
        s.paragraphs.push_back(
            t("Medarbejderhenvendelser i perioden: ", "Staff consultations in the period: ") +
            cell(report_.staff.count) +
            t(". De opgøres kun efter forvaltning og temagruppe, da de er fortrolige.",
              ". They are counted by area and theme group only, as they are confidential."));
        s.tables.push_back(list_table(t("Efter forvaltning", "By area"), t("Forvaltning", "Area"),
                                      report_.staff.by_area));
        s.tables.push_back(list_table(t("Efter temagruppe", "By theme group"),
                                      t("Temagruppe", "Theme group"),
                                      report_.staff.by_theme_group));
        return s;
    }

    const Report& report_;
    Lang lang_;
    bool comparing_;
};

}  // namespace

std::string report_title(const Report& report) {
    return tr(report, "Borgerrådgiverens beretning", "The citizens' advisor's report") + " – " +
           report.organisation_name;
}

std::string report_subtitle(const Report& report) {
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
    return text + ".";
}

std::vector<Section> report_sections(const Report& report) {
    return Builder(report).sections();
}

}  // namespace ombuds::report_detail
