// SPDX-License-Identifier: MPL-2.0
// What the renderers share: numbers and dates as the report's language writes them, the one
// symbol of a hidden figure and the note that explains it, and escaping for each format.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ombuds/report.hpp"

namespace ombuds::report_detail {

/// The symbol of every hidden figure: never a number, never read as zero.
inline constexpr std::string_view hidden_symbol = "x";
/// What stands where there is no figure (the median of no cases).
inline constexpr std::string_view no_figure = "–";

inline std::string tr(const Report& report, std::string_view da, std::string_view en) {
    return std::string(report.request.lang == Lang::da ? da : en);
}

/// A count as the report's language writes it: "1.234" in Danish, "1,234" in English.
inline std::string format_count(std::uint64_t value, Lang lang) {
    std::string digits = std::to_string(value);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += lang == Lang::da ? '.' : ',';
        out += digits[i];
    }
    return out;
}

/// A decimal with one digit: "12,3" in Danish.
inline std::string format_decimal(double value, Lang lang) {
    auto tenths = static_cast<long long>(value * 10.0 + (value < 0 ? -0.5 : 0.5));
    bool negative = tenths < 0;
    if (negative) tenths = -tenths;
    return (negative ? "-" : "") + std::to_string(tenths / 10) + (lang == Lang::da ? "," : ".") +
           std::to_string(tenths % 10);
}

inline std::string format_tenths(std::int32_t tenths, Lang lang) {
    return format_decimal(tenths / 10.0, lang);
}

/// A signed whole number as the tables write a difference: "+ 3", "- 2", "0".
inline std::string format_signed(std::int64_t value, Lang lang) {
    std::string sign = value > 0 ? "+ " : value < 0 ? "- " : "";
    return sign + format_count(static_cast<std::uint64_t>(value < 0 ? -value : value), lang);
}

/// A figure as text: its value, the hidden symbol, or the no-figure dash.
inline std::string text(const Count& figure, Lang lang) {
    if (figure.is_hidden()) return std::string(hidden_symbol);
    if (figure.none()) return std::string(no_figure);
    return format_count(figure.value(), lang);
}
inline std::string text(const Tenths& figure, Lang lang) {
    if (figure.is_hidden()) return std::string(hidden_symbol);
    if (figure.none()) return std::string(no_figure);
    return format_tenths(figure.value(), lang) + " %";
}
inline std::string text(const Decimal& figure, Lang lang) {
    if (figure.is_hidden()) return std::string(hidden_symbol);
    if (figure.none()) return std::string(no_figure);
    return format_decimal(figure.value(), lang);
}

inline std::string period_text(const Period& period, Lang lang) {
    if (lang == Lang::da) return period.from.danish() + " – " + period.to.danish();
    return period.from.iso() + " – " + period.to.iso();
}

/// A period's name as a column heading: the year of a calendar year ("2025"), else its first
/// and last day ("1. feb. – 31. jul. 2022").
inline std::string period_name(const Period& period, Lang lang) {
    const int year = period.from.year();
    if (period.from.month() == 1 && period.from.day() == 1 && period.to.year() == year &&
        period.to.month() == 12 && period.to.day() == 31)
        return std::to_string(year);
    static constexpr std::string_view da[] = {"jan.", "feb.", "mar.", "apr.", "maj",  "jun.",
                                              "jul.", "aug.", "sep.", "okt.", "nov.", "dec."};
    static constexpr std::string_view en[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    auto day = [&](Date d, bool with_year) {
        std::string text = std::to_string(d.day()) + (lang == Lang::da ? ". " : " ") +
                           std::string((lang == Lang::da ? da : en)[d.month() - 1]);
        return with_year ? text + " " + std::to_string(d.year()) : text;
    };
    return day(period.from, period.to.year() != year) + " – " + day(period.to, true);
}

/// The title line of a report: its title, the organisation, and the node it is scoped to.
inline std::string report_heading(const Report& report) {
    std::string text = report.title + " – " + report.organisation_name;
    if (report.scope) text += ", " + report.scope->label;
    return text;
}

/// The note under the title of a report with hidden figures.
inline std::string hidden_note(const Report& report) {
    if (!report.any_hidden) return {};
    const std::string symbol(hidden_symbol);
    const std::string small = std::to_string(report.threshold - 1);
    return tr(report, "Et tal vist som ", "A figure shown as ") + symbol +
           tr(report,
              " er skjult, så ingen kan regne en optælling fra 1 til " + small +
                  " ud af rapporten. Et skjult tal kan være lille eller stort. Andele, forskelle, "
                  "placeringer og gennemsnit, der ville afsløre et skjult tal, er også skjult.",
              " is hidden so that no count from 1 to " + small +
                  " can be worked out from the report. A hidden figure may be small or large. "
                  "Shares, differences, ranks and means that would reveal a hidden figure are "
                  "hidden too.");
}

/// Text for a Markdown cell or line: HTML and Markdown's own characters are escaped and line
/// breaks become spaces, so a label from the configuration shows as the text it is.
inline std::string md_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        switch (c) {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '\r':
            case '\n':
                if (!out.empty() && out.back() != ' ') out += ' ';
                if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
                break;
            case '\\':
            case '|':
            case '*':
            case '_':
            case '`':
            case '[':
            case ']':
            case '#':
            case '~':
                out += '\\';
                out += c;
                break;
            default:
                out += c;
        }
    }
    return out;
}

inline std::string html_escape(std::string_view text) {
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
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

/// Whether a cell of text is a number as the tables write one ("1.234", "- 2", "12,5 %"), which
/// a spreadsheet cannot take for a formula.
inline bool is_number_text(std::string_view text) {
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        ++i;
        if (i < text.size() && text[i] == ' ') ++i;
    }
    bool digits = false;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c >= '0' && c <= '9') {
            digits = true;
        } else if (c != '.' && c != ',') {
            break;
        }
    }
    if (i < text.size() && text.substr(i) != " %") return false;
    return digits;
}

/// A CSV cell for Danish spreadsheets (`;`): quoted when needed, and text that a spreadsheet
/// would run as a formula (starting with =, +, -, @, tab or carriage return) gets a leading '.
inline std::string csv_cell(std::string_view text) {
    std::string value(text);
    if (!value.empty() && !is_number_text(value) &&
        (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
         value[0] == '\t' || value[0] == '\r')) {
        value.insert(value.begin(), '\'');
    }
    if (value.find_first_of(";\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string render_json(const Report& report);
std::string render_markdown(const Report& report);
std::string render_csv(const Report& report);
std::string render_html(const Report& report);
std::string render_xlsx(const Report& report);

}  // namespace ombuds::report_detail
