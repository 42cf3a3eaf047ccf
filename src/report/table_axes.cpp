// SPDX-License-Identifier: MPL-2.0
// The dimensions of `ombuds table` (table_axes.hpp): parsing them, their look-up tables, and
// the filters over them.
#include "report/table_axes.hpp"

#include <array>
#include <cstdio>
#include <tuple>

#include "ombuds/detail/spelling.hpp"
#include "ombuds/detail/text.hpp"
#include "report/report_draft.hpp"

namespace ombuds {
namespace {

struct DimensionName {
    std::string_view name;
    Dimension dimension;
    std::string_view da, en;
};

constexpr std::array<DimensionName, 18> dimension_table{{
    {"kind", Dimension::kind, "Sagstype", "Kind"},
    {"role", Dimension::role, "Rolle", "Role"},
    {"area", Dimension::area, "Forvaltning", "Area"},
    {"unit", Dimension::unit, "Enhed", "Unit"},
    {"theme", Dimension::theme, "Tema", "Theme"},
    {"theme_group", Dimension::theme_group, "Temagruppe", "Theme group"},
    {"action", Dimension::action, "Indsats", "Action"},
    {"resolution", Dimension::resolution, "Løsning", "Resolution"},
    {"admin_response", Dimension::admin_response, "Forvaltningens reaktion",
     "Administration response"},
    {"rejection_reason", Dimension::rejection_reason, "Afvisningsgrund", "Rejection reason"},
    {"legal_basis", Dimension::legal_basis, "Lovgrundlag", "Legal basis"},
    {"kle", Dimension::kle, "KLE-emne", "KLE subject"},
    {"channel", Dimension::channel, "Kanal", "Channel"},
    {"contact", Dimension::contact, "Henvender sig", "Contact"},
    {"origin", Dimension::origin, "Oprindelse", "Origin"},
    {"month", Dimension::month, "Måned", "Month"},
    {"quarter", Dimension::quarter, "Kvartal", "Quarter"},
    {"year", Dimension::year, "År", "Year"},
}};

const DimensionName& entry(Dimension dimension) {
    return dimension_table[static_cast<std::size_t>(dimension)];
}

ReportRequestError bad_filter(const std::string& english, const std::string& danish) {
    return ReportRequestError("--where: " + english, "--where: " + danish);
}

}  // namespace

std::optional<DimensionSpec> parse_dimension(std::string_view text) {
    text = detail::trim(text);
    auto colon = text.find(':');
    auto name = text.substr(0, colon);
    for (const auto& known : dimension_table) {
        if (known.name != name) continue;
        DimensionSpec spec{known.dimension, known.dimension == Dimension::kle ? 2 : 0};
        if (colon == std::string_view::npos) return spec;
        auto level = text.substr(colon + 1);
        if (level.size() != 1 || !detail::is_digit(level[0])) return std::nullopt;
        spec.level = level[0] - '0';
        if (known.dimension == Dimension::unit && spec.level >= 1) return spec;
        if (known.dimension == Dimension::kle && (spec.level == 1 || spec.level == 2)) return spec;
        return std::nullopt;
    }
    return std::nullopt;
}

std::string dimension_text(DimensionSpec spec) {
    std::string text(entry(spec.dimension).name);
    if (spec.dimension == Dimension::unit && spec.level > 0)
        text += ":" + std::to_string(spec.level);
    if (spec.dimension == Dimension::kle && spec.level == 1) text += ":1";
    return text;
}

std::string dimension_names() {
    std::string out;
    for (const auto& known : dimension_table) {
        if (!out.empty()) out += ", ";
        out += known.name;
        if (known.dimension == Dimension::unit) out += ", unit:N";
        if (known.dimension == Dimension::kle) out += ", kle:1";
    }
    return out;
}

TableFilter parse_filter(std::string_view text) {
    auto equals = text.find('=');
    if (equals == std::string_view::npos) {
        throw ReportRequestError(
            "--where: " + detail::quote_value(text) + " is not DIM=CODE (e.g. kind=complaint)",
            "--where: " + detail::quote_value(text) + " er ikke DIM=KODE (fx kind=complaint)");
    }
    auto spec = parse_dimension(text.substr(0, equals));
    if (!spec) {
        const auto name = detail::quote_value(text.substr(0, equals));
        throw bad_filter(name + " is not a dimension; use one of " + dimension_names(),
                         name + " er ikke en dimension; brug en af " + dimension_names());
    }
    TableFilter filter{*spec, {}};
    std::string_view values = text.substr(equals + 1);
    while (true) {
        auto comma = values.find(',');
        auto value = detail::trim(values.substr(0, comma));
        if (!value.empty()) filter.values.emplace_back(value);
        if (comma == std::string_view::npos) break;
        values = values.substr(comma + 1);
    }
    if (filter.values.empty()) {
        throw bad_filter(dimension_text(*spec) + " needs a value",
                         dimension_text(*spec) + " skal have en værdi");
    }
    return filter;
}

std::optional<TableFormat> parse_table_format(std::string_view text) {
    if (text == "json") return TableFormat::json;
    if (text == "md" || text == "markdown") return TableFormat::md;
    if (text == "csv") return TableFormat::csv;
    if (text == "xlsx") return TableFormat::xlsx;
    return std::nullopt;
}

namespace report_detail {
namespace {

std::string none_label(Dimension dimension, Lang lang) {
    switch (dimension) {
        case Dimension::area:
        case Dimension::unit:
            return lang == Lang::da ? "Ingen enhed angivet" : "No unit given";
        case Dimension::theme:
        case Dimension::theme_group:
            return lang == Lang::da ? "Intet tema" : "No theme";
        case Dimension::kle:
            return lang == Lang::da ? "Uden KLE-nummer" : "No KLE number";
        case Dimension::action:
            return lang == Lang::da ? "Ingen indsats endnu" : "No action yet";
        default:
            return lang == Lang::da ? "Ikke angivet" : "Not given";
    }
}

template <class E>
void code_axis(Axis& axis, const std::vector<std::uint8_t>& column, Lang lang) {
    axis.code = column.data();
    axis.values = static_cast<std::uint32_t>(code_count<E> + 1);
    axis.value_of.assign(256, static_cast<std::uint32_t>(code_count<E>));
    for (std::size_t c = 0; c < code_count<E>; ++c) {
        axis.value_of[c] = static_cast<std::uint32_t>(c);
        axis.codes.emplace_back(code(static_cast<E>(c)));
        axis.labels.emplace_back(label(static_cast<E>(c), lang));
    }
}

/// Calls `f` with a value of the enum type of a coded dimension; false for the others.
template <class F>
bool with_code_type(Dimension dimension, F&& f) {
    switch (dimension) {
        case Dimension::kind:
            return f(Kind{}), true;
        case Dimension::role:
            return f(Role{}), true;
        case Dimension::action:
            return f(Action{}), true;
        case Dimension::resolution:
            return f(Resolution{}), true;
        case Dimension::admin_response:
            return f(AdminResponse{}), true;
        case Dimension::rejection_reason:
            return f(RejectionReason{}), true;
        case Dimension::legal_basis:
            return f(LegalBasis{}), true;
        case Dimension::channel:
            return f(Channel{}), true;
        case Dimension::contact:
            return f(Contact{}), true;
        case Dimension::origin:
            return f(Origin{}), true;
        default:
            return false;
    }
}

const std::vector<std::uint8_t>& code_column(const CaseColumns& cases, Dimension dimension) {
    switch (dimension) {
        case Dimension::kind:
            return cases.kind;
        case Dimension::role:
            return cases.role;
        case Dimension::action:
            return cases.action;
        case Dimension::resolution:
            return cases.resolution;
        case Dimension::admin_response:
            return cases.admin_response;
        case Dimension::rejection_reason:
            return cases.rejection_reason;
        case Dimension::legal_basis:
            return cases.legal_basis;
        case Dimension::channel:
            return cases.channel;
        case Dimension::contact:
            return cases.contact;
        default:
            return cases.origin;
    }
}

/// A month, quarter or year as a count from year 0, and the first of the period.
std::int32_t time_key(Dimension dimension, Date date) {
    if (dimension == Dimension::month) return date.year() * 12 + date.month() - 1;
    if (dimension == Dimension::quarter) return date.year() * 4 + (date.month() - 1) / 3;
    return date.year();
}

std::string time_code(Dimension dimension, std::int32_t key) {
    auto pad = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
    if (dimension == Dimension::month) return std::to_string(key / 12) + "-" + pad(key % 12 + 1);
    if (dimension == Dimension::quarter)
        return std::to_string(key / 4) + "-Q" + std::to_string(key % 4 + 1);
    return std::to_string(key);
}

std::string time_label(Dimension dimension, std::int32_t key, Lang lang) {
    if (dimension == Dimension::month) {
        auto first = *Date::from_ymd(key / 12, key % 12 + 1, 1);
        return bucket_label(Period{first, first}, Interval::month, lang);
    }
    if (dimension == Dimension::quarter) {
        auto first = *Date::from_ymd(key / 4, key % 4 * 3 + 1, 1);
        return bucket_label(Period{first, first}, Interval::quarter, lang);
    }
    return std::to_string(key);
}

}  // namespace

std::string dimension_label(DimensionSpec spec, Lang lang) {
    std::string text(lang == Lang::da ? entry(spec.dimension).da : entry(spec.dimension).en);
    if (spec.dimension == Dimension::unit && spec.level > 0)
        text += (lang == Lang::da ? ", niveau " : ", level ") + std::to_string(spec.level);
    if (spec.dimension == Dimension::kle && spec.level == 1)
        text += lang == Lang::da ? ", første niveau" : ", first level";
    return text;
}

Axis make_axis(const CaseColumns& cases, const Configuration& config, DimensionSpec spec,
               Period period, Lang lang, const KleTitles& kle_titles) {
    Axis axis;
    const auto dimension = spec.dimension;
    if (with_code_type(dimension, [&](auto type) {
            code_axis<decltype(type)>(axis, code_column(cases, dimension), lang);
        })) {
    } else if (dimension == Dimension::area || dimension == Dimension::unit) {
        const auto& organisation = config.organisation;
        const auto units = static_cast<std::uint32_t>(organisation.size());
        axis.index = cases.unit.data();
        axis.values = units + 1;
        axis.value_of.assign(65536, units);
        for (std::uint32_t u = 0; u < units; ++u) {
            auto at = static_cast<UnitIndex>(u);
            axis.value_of[u] = dimension == Dimension::area ? organisation.area_of(at)
                               : spec.level > 0 ? organisation.ancestor_at(at, spec.level)
                                                : at;
            const auto& unit = organisation.unit(at);
            axis.codes.push_back(unit.code);
            axis.labels.push_back(unit.label);
        }
    } else if (dimension == Dimension::theme || dimension == Dimension::theme_group) {
        const bool themes = dimension == Dimension::theme;
        const auto count = static_cast<std::uint32_t>(themes ? config.themes.themes().size()
                                                             : config.themes.groups().size());
        axis.index = themes ? cases.theme.data() : cases.group.data();
        axis.values = count + 1;
        axis.value_of.assign(65536, count);
        for (std::uint32_t t = 0; t < count; ++t) {
            axis.value_of[t] = t;
            const auto& code = themes ? config.themes.theme(static_cast<ThemeIndex>(t)).code
                                      : config.themes.group(static_cast<GroupIndex>(t)).code;
            const auto& text = themes ? config.themes.theme(static_cast<ThemeIndex>(t)).label
                                      : config.themes.group(static_cast<GroupIndex>(t)).label;
            axis.codes.push_back(code);
            axis.labels.push_back(text);
        }
    } else if (dimension == Dimension::kle) {
        const bool two = spec.level != 1;
        const std::uint32_t count = two ? 10000 : 100;
        axis.index = cases.kle.data();
        axis.values = count + 1;
        axis.value_of.assign(65536, count);
        for (std::uint32_t k = 0; k < 10000; ++k) axis.value_of[k] = two ? k : k / 100;
        for (std::uint32_t v = 0; v < count; ++v) {
            std::string text = two ? kle_text(static_cast<std::uint16_t>(v))
                                   : kle_text(static_cast<std::uint16_t>(v * 100)).substr(0, 2);
            auto title = kle_titles.find(text);
            axis.labels.push_back(title == kle_titles.end() ? text : text + " " + title->second);
            axis.codes.push_back(std::move(text));
        }
    } else {  // month, quarter, year
        axis.day = cases.received.data();
        axis.first_day = period.from.days();
        const auto first = time_key(dimension, period.from);
        const auto last = time_key(dimension, period.to);
        axis.values = static_cast<std::uint32_t>(last - first + 1);
        axis.value_of.resize(static_cast<std::size_t>(period.to - period.from) + 1);
        for (std::size_t d = 0; d < axis.value_of.size(); ++d) {
            auto date = period.from.plus_days(static_cast<std::int32_t>(d));
            axis.value_of[d] = static_cast<std::uint32_t>(time_key(dimension, date) - first);
        }
        for (auto key = first; key <= last; ++key) {
            axis.codes.push_back(time_code(dimension, key));
            axis.labels.push_back(time_label(dimension, key, lang));
        }
        return axis;  // every case received in the period has a month
    }
    axis.codes.emplace_back();
    axis.labels.push_back(none_label(dimension, lang));
    return axis;
}

std::vector<std::uint8_t> filter_mask(const TableFilter& filter, const Axis& axis,
                                      const Configuration& config, Period period) {
    std::vector<std::uint8_t> mask(axis.values, 0);
    const auto dimension = filter.dimension.dimension;
    const std::string name = dimension_text(filter.dimension);
    for (const auto& value : filter.values) {
        const auto shown = detail::quote_value(value);
        auto unknown = [&](std::string_view what_en, std::string_view what_da,
                           const std::optional<std::string>& suggestion) {
            std::string en = name + ": " + shown + " is not " + std::string(what_en);
            std::string da = name + ": " + shown + " er ikke " + std::string(what_da);
            if (suggestion) {
                en += "; did you mean " + detail::quote_value(*suggestion) + "?";
                da += "; mente du " + detail::quote_value(*suggestion) + "?";
            }
            return bad_filter(en, da);
        };
        if (with_code_type(dimension, [&](auto type) {
                using E = decltype(type);
                auto parsed = parse_code<E>(value);
                if (!parsed)
                    throw unknown("one of its codes", "en af dens koder", suggest_code<E>(value));
                mask[static_cast<std::size_t>(*parsed)] = 1;
            })) {
        } else if (dimension == Dimension::area || dimension == Dimension::unit) {
            auto node = config.organisation.find(value);
            if (!node) throw unknown("a unit of the organisation", "en enhed i organisationen", {});
            for (std::size_t u = 0; u < config.organisation.size(); ++u) {
                for (std::optional<UnitIndex> at = static_cast<UnitIndex>(u); at;
                     at = config.organisation.unit(*at).parent_index) {
                    if (*at == *node) mask[u] = 1;
                }
            }
        } else if (dimension == Dimension::theme) {
            auto theme = config.themes.find_theme(value);
            if (!theme) throw unknown("a theme", "et tema", {});
            mask[*theme] = 1;
        } else if (dimension == Dimension::theme_group) {
            auto group = config.themes.find_group(value);
            if (!group) throw unknown("a theme group", "en temagruppe", {});
            mask[*group] = 1;
        } else if (dimension == Dimension::kle) {
            // "27" or "27.24" (a longer KLE number counts by its subject).
            auto digit = [&](std::size_t i) {
                return i < value.size() && detail::is_digit(value[i]);
            };
            bool one = value.size() == 2 && digit(0) && digit(1);
            bool two = value.size() >= 5 && digit(0) && digit(1) && value[2] == '.' && digit(3) &&
                       digit(4) && (value.size() == 5 || value[5] == '.');
            if (!one && !two)
                throw unknown("a KLE subject (27 or 27.24)", "et KLE-emne (27 eller 27.24)", {});
            const int group = (value[0] - '0') * 10 + (value[1] - '0');
            for (int k = 0; k < 100; ++k) {
                int subject = group * 100 + k;
                if (one || subject == group * 100 + (value[3] - '0') * 10 + (value[4] - '0'))
                    mask[axis.value_of[static_cast<std::size_t>(subject)]] = 1;
            }
        } else {
            std::optional<std::int32_t> key;
            int year = 0, part = 0;
            char kind = 0;
            if (std::sscanf(value.c_str(), "%4d-%c%d", &year, &kind, &part) == 3 &&
                (kind == 'Q' || kind == 'K' || kind == 'q' || kind == 'k') &&
                dimension == Dimension::quarter && part >= 1 && part <= 4) {
                key = year * 4 + part - 1;
            } else if (std::sscanf(value.c_str(), "%4d-%d", &year, &part) == 2 &&
                       dimension == Dimension::month && part >= 1 && part <= 12) {
                key = year * 12 + part - 1;
            } else if (value.size() == 4 && dimension == Dimension::year &&
                       std::sscanf(value.c_str(), "%4d", &year) == 1) {
                key = year;
            }
            if (!key) {
                throw unknown(dimension == Dimension::month     ? "a month (2025-03)"
                              : dimension == Dimension::quarter ? "a quarter (2025-Q1)"
                                                                : "a year (2025)",
                              dimension == Dimension::month     ? "en måned (2025-03)"
                              : dimension == Dimension::quarter ? "et kvartal (2025-Q1)"
                                                                : "et år (2025)",
                              {});
            }
            auto first = time_key(dimension, period.from);
            if (*key >= first && *key - first < static_cast<std::int32_t>(axis.values))
                mask[static_cast<std::size_t>(*key - first)] = 1;
        }
    }
    return mask;
}

}  // namespace report_detail
}  // namespace ombuds
