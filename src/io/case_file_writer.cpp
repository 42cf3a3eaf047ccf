// SPDX-License-Identifier: MPL-2.0
// Writing case files: CSV (plain, or for Danish Excel), JSON Lines and Excel workbooks, each
// read back by read_case_file to the records written.
#include <array>
#include <ostream>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "ombuds/case_file.hpp"
#include "ombuds/detail/formula.hpp"
#include "xlsx_workbook.hpp"

namespace ombuds {
namespace {

/// A CSV cell: quoted when it holds the separator, a quote, a line break or blanks at an end.
std::string csv_cell(std::string_view value, char separator) {
    bool quote =
        value.find_first_of(std::string{separator, '"', '\n', '\r'}) != std::string_view::npos ||
        (!value.empty() && (value.front() == ' ' || value.back() == ' '));
    if (!quote) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

// How a member reads for a person: Danish labels, dates DD-MM-YYYY.
template <class T>
std::string person_text(const T& value, const Configuration& config) {
    return detail::value_text(value, config);
}
template <class E>
requires std::is_enum_v<E> std::string person_text(const std::optional<E>& value,
                                                   const Configuration&) {
    return value ? std::string(label(*value, Lang::da)) : std::string();
}
std::string person_text(const std::optional<Date>& value, const Configuration&) {
    if (!value) return {};
    std::string iso = value->iso();
    return iso.substr(8, 2) + "-" + iso.substr(5, 2) + "-" + iso.substr(0, 4);
}
std::string person_text(const std::optional<UnitIndex>& value, const Configuration& config) {
    return value ? config.organisation.unit(*value).label : std::string();
}
std::string person_text(const ThemeRef& value, const Configuration& config) {
    if (value.theme) return config.themes.theme(*value.theme).label;
    if (value.group) return config.themes.group(*value.group).label;
    return {};
}

/// Every field of a record as written: codes and ISO dates, or for a person labels and Danish
/// dates, where a label reads back as the same value (a label two units share, say, does not:
/// then the code is written).
std::array<std::string, field_count> record_texts(const CaseRecord& rec,
                                                  const Configuration& config, bool for_person) {
    std::array<std::string, field_count> texts;
    for_each_field(rec, [&](Field field, const auto& member) {
        auto& text = texts[static_cast<std::size_t>(field)];
        text = detail::value_text(member, config);
        if (!for_person || field == Field::citizen || text.empty()) return;
        std::string readable = person_text(member, config);
        if (readable == text) return;
        std::remove_cvref_t<decltype(member)> back{};
        CaseRecord context;
        context.kind = rec.kind;
        std::vector<Violation> violations;
        detail::parse_field(readable, back, detail::FieldParse{config, context, field, violations});
        if (violations.empty() && back == member) text = std::move(readable);
    });
    return texts;
}

std::vector<Field> columns_of(const WriteOptions& options) {
    if (!options.columns.empty()) return options.columns;
    std::vector<Field> all;
    for (const auto& info : field_table) all.push_back(info.field);
    return all;
}

std::string header_of(Field field, bool excel) {
    return std::string(excel ? danish_name(field) : column_name(field));
}

void write_csv(std::ostream& out, const std::vector<CaseRecord>& records,
               const Configuration& config, const WriteOptions& options,
               const std::vector<std::string>& citizens, const std::vector<Field>& columns) {
    const char separator = options.excel ? ';' : ',';
    const std::string_view line_end = options.excel ? "\r\n" : "\n";
    if (options.excel) out << "\xEF\xBB\xBF";
    for (std::size_t c = 0; c < columns.size(); ++c)
        out << (c ? std::string(1, separator) : "")
            << csv_cell(header_of(columns[c], options.excel), separator);
    out << line_end;
    for (std::size_t row = 0; row < records.size(); ++row) {
        auto texts = record_texts(records[row], config, options.excel);
        for (std::size_t c = 0; c < columns.size(); ++c) {
            Field field = columns[c];
            std::string value = texts[static_cast<std::size_t>(field)];
            if (field == Field::citizen) value = row < citizens.size() ? citizens[row] : "";
            if (field == Field::note && !options.with_notes) value.clear();
            if (c) out << separator;
            out << csv_cell(detail::protect_cell(value), separator);
        }
        out << line_end;
    }
}

void write_jsonl(std::ostream& out, const std::vector<CaseRecord>& records,
                 const Configuration& config, const WriteOptions& options,
                 const std::vector<std::string>& citizens, const std::vector<Field>& columns) {
    for (std::size_t row = 0; row < records.size(); ++row) {
        auto texts = record_texts(records[row], config, false);
        nlohmann::ordered_json object;
        for (Field field : columns) {
            std::string value = texts[static_cast<std::size_t>(field)];
            if (field == Field::citizen) value = row < citizens.size() ? citizens[row] : "";
            if (field == Field::note && !options.with_notes) value.clear();
            object[std::string(column_name(field))] = value;
        }
        out << object.dump() << '\n';
    }
}

bool is_date_field(Field field) {
    return field == Field::received || field == Field::matter_date ||
           field == Field::first_response || field == Field::closed;
}

void write_xlsx(std::ostream& out, const std::vector<CaseRecord>& records,
                const Configuration& config, const WriteOptions& options,
                const std::vector<std::string>& citizens, const std::vector<Field>& columns) {
    xlsx::Workbook book;
    xlsx::Sheet& sheet = book.add_sheet("Sager");
    for (std::size_t c = 0; c < columns.size(); ++c) {
        auto column = static_cast<std::uint16_t>(c);
        sheet.text(0, column, header_of(columns[c], options.excel), xlsx::Format::header);
        Field field = columns[c];
        if (is_date_field(field)) {
            sheet.columns(column, column, 12, xlsx::Format::date);
        } else if (field == Field::note || field == Field::legal_ref) {
            sheet.columns(column, column, 40, xlsx::Format::wrap);
        } else {
            // Text, so Excel keeps a CPR number's or an id's leading zeros when one is edited.
            sheet.columns(column, column, 16, xlsx::Format::text);
        }
    }
    for (std::size_t row = 0; row < records.size(); ++row) {
        const CaseRecord& rec = records[row];
        auto texts = record_texts(rec, config, options.excel);
        auto at = static_cast<std::uint32_t>(row + 1);
        for (std::size_t c = 0; c < columns.size(); ++c) {
            Field field = columns[c];
            auto column = static_cast<std::uint16_t>(c);
            std::string value = texts[static_cast<std::size_t>(field)];
            if (field == Field::citizen) value = row < citizens.size() ? citizens[row] : "";
            if (field == Field::note && !options.with_notes) value.clear();
            const std::optional<Date>* date = field == Field::received         ? &rec.received
                                              : field == Field::matter_date    ? &rec.matter_date
                                              : field == Field::first_response ? &rec.first_response
                                              : field == Field::closed         ? &rec.closed
                                                                               : nullptr;
            if (date && *date) {
                sheet.date(at, column, **date);
            } else if (!value.empty()) {
                bool free_text = field == Field::note || field == Field::legal_ref;
                sheet.text(at, column, value, free_text ? xlsx::Format::wrap : xlsx::Format::text);
            }
        }
    }
    if (!columns.empty()) {
        sheet.freeze_header_row();
        sheet.autofilter(static_cast<std::uint32_t>(records.size()),
                         static_cast<std::uint16_t>(columns.size() - 1));
    }
    out << book.close();
}

}  // namespace

void write_case_file(std::ostream& out, const std::vector<CaseRecord>& records,
                     const Configuration& config, const WriteOptions& options,
                     const std::vector<std::string>& citizens) {
    auto columns = columns_of(options);
    switch (options.format) {
        case FileFormat::csv:
            return write_csv(out, records, config, options, citizens, columns);
        case FileFormat::jsonl:
            return write_jsonl(out, records, config, options, citizens, columns);
        case FileFormat::xlsx:
            return write_xlsx(out, records, config, options, citizens, columns);
    }
}

void write_case_file(std::ostream& out, FileFormat format, const std::vector<CaseRecord>& records,
                     const Configuration& config, const std::vector<std::string>& citizens,
                     bool with_notes) {
    WriteOptions options;
    options.format = format;
    options.with_notes = with_notes;
    options.columns = export_columns(!citizens.empty(), with_notes);
    write_case_file(out, records, config, options, citizens);
}

std::vector<Field> export_columns(bool with_citizen, bool with_notes) {
    std::vector<Field> columns;
    for (const auto& info : field_table) {
        if (info.field == Field::citizen && !with_citizen) continue;
        if (info.field == Field::note && !with_notes) continue;
        columns.push_back(info.field);
    }
    return columns;
}

}  // namespace ombuds
