// SPDX-License-Identifier: MPL-2.0
#include "ombuds/rejects.hpp"

#include <charconv>
#include <sstream>

#include <nlohmann/json.hpp>

#include "encoding.hpp"
#include "ombuds/detail/formula.hpp"
#include "record_builder.hpp"
#include "xlsx_workbook.hpp"

namespace ombuds {
namespace {

/// Where the header names each field (the column as the file writes it), or the field's name.
std::vector<std::string> column_names(const CaseFile& file) {
    std::vector<std::string> names;
    for (const auto& info : field_table) names.emplace_back(info.name);
    for (const auto& cell : file.header) {
        if (auto field = field_from_name(cell)) {
            names[static_cast<std::size_t>(*field)] = std::string(detail::trim(cell));
        }
    }
    return names;
}

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
    return out + "\"";
}

/// The header's `ombuds_reason` column, if the input is itself a rejects file.
std::optional<std::size_t> reason_column_of(const CaseFile& file) {
    for (std::size_t i = 0; i < file.header.size(); ++i) {
        if (detail::equals_folded(detail::trim(file.header[i]), io::reason_column)) return i;
    }
    return std::nullopt;
}

/// A row's cells with the reason in its column: first, or where the input had it.
std::vector<std::string> with_reason(std::vector<std::string> cells, const std::string& reason,
                                     std::optional<std::size_t> at) {
    if (!at) {
        cells.insert(cells.begin(), reason);
    } else {
        if (cells.size() <= *at) cells.resize(*at + 1);
        cells[*at] = reason;
    }
    return cells;
}

std::string encoded(std::string text, TextEncoding encoding) {
    return encoding == TextEncoding::windows_1252 ? io::utf8_to_cp1252(text) : text;
}

std::string csv_rejects(const CaseFile& file, const std::vector<RejectedRecord>& rejected) {
    const char separator = file.layout.separator;
    const auto at = reason_column_of(file);
    std::string text;
    auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i) text += separator;
            text += csv_cell(detail::protect_cell(cells[i]), separator);
        }
        text += file.layout.line_end;
    };
    line(with_reason(file.header, std::string(io::reason_column), at));
    for (const auto& row : rejected) {
        if (row.record >= file.rows.size()) continue;
        line(with_reason(file.rows[row.record].cells, row.reason, at));
    }
    std::string out = file.layout.encoding == TextEncoding::utf8_bom ? "\xEF\xBB\xBF" : "";
    return out + encoded(std::move(text), file.layout.encoding);
}

std::string jsonl_rejects(const CaseFile& file, const std::vector<RejectedRecord>& rejected) {
    std::string text;
    for (const auto& row : rejected) {
        if (row.record >= file.rows.size() || file.rows[row.record].cells.empty()) continue;
        const std::string& line = file.rows[row.record].cells.front();
        auto object = nlohmann::ordered_json::parse(line, nullptr, false);
        nlohmann::ordered_json out = {{std::string(io::reason_column), row.reason}};
        if (object.is_object()) {
            for (auto& [key, value] : object.items()) {
                if (key != io::reason_column) out[key] = value;
            }
        }
        text += out.dump() + file.layout.line_end;
    }
    std::string out = file.layout.encoding == TextEncoding::utf8_bom ? "\xEF\xBB\xBF" : "";
    return out + encoded(std::move(text), file.layout.encoding);
}

std::string workbook_rejects(const CaseFile& file, const std::vector<RejectedRecord>& rejected) {
    xlsx::Workbook book;
    xlsx::Sheet& sheet = book.add_sheet(file.layout.sheet.empty() ? "Sager" : file.layout.sheet);
    const auto at = reason_column_of(file);
    auto header = with_reason(file.header, std::string(io::reason_column), at);
    for (std::size_t c = 0; c < header.size(); ++c) {
        sheet.text(0, static_cast<std::uint16_t>(c), header[c], xlsx::Format::header);
        sheet.columns(static_cast<std::uint16_t>(c), static_cast<std::uint16_t>(c), 16,
                      xlsx::Format::text);
    }
    std::uint32_t row_at = 1;
    for (const auto& row : rejected) {
        if (row.record >= file.rows.size()) continue;
        const RawRow& raw = file.rows[row.record];
        auto cells = with_reason(raw.cells, row.reason, at);
        auto kinds = raw.kinds;
        if (!at) kinds.insert(kinds.begin(), CellKind::text);
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (cells[c].empty()) continue;
            auto column = static_cast<std::uint16_t>(c);
            CellKind kind = c < kinds.size() ? kinds[c] : CellKind::text;
            double number = 0;
            auto [end, error] =
                std::from_chars(cells[c].data(), cells[c].data() + cells[c].size(), number);
            auto date = Date::parse(cells[c]);
            if (kind == CellKind::date && date) {
                sheet.date(row_at, column, *date);
            } else if (kind == CellKind::number && error == std::errc() &&
                       end == cells[c].data() + cells[c].size()) {
                sheet.number(row_at, column, number, xlsx::Format::general);
            } else {
                sheet.text(row_at, column, cells[c], xlsx::Format::text);
            }
        }
        ++row_at;
    }
    sheet.freeze_header_row();
    return book.close();
}

}  // namespace

std::vector<RejectedRecord> rejected_records(const CaseFile& file,
                                             const std::vector<FileIssue>& issues,
                                             const std::vector<bool>& refused, Lang lang) {
    const auto names = column_names(file);
    std::vector<RejectedRecord> out;
    for (std::size_t i = 0; i < file.records.size() && i < refused.size(); ++i) {
        if (!refused[i]) continue;
        std::string reason;
        for (const auto& issue : issues) {
            if (issue.record != i || issue.line != file.lines[i] || !issue.violation.is_error())
                continue;
            if (!reason.empty()) reason += " | ";
            std::string column = issue.column.empty()
                                     ? names[static_cast<std::size_t>(issue.violation.field)]
                                     : issue.column;
            reason += column + ": " + std::string(rule_code(issue.violation.rule)) + ": " +
                      issue.violation.message(lang);
        }
        std::string where = (lang == Lang::da ? "linje " : "line ") + std::to_string(file.lines[i]);
        out.push_back({i, reason.empty() ? where : where + ": " + reason});
    }
    return out;
}

std::string rejects_file(const CaseFile& file, const std::vector<RejectedRecord>& rejected) {
    switch (file.format) {
        case FileFormat::csv:
            return csv_rejects(file, rejected);
        case FileFormat::jsonl:
            return jsonl_rejects(file, rejected);
        case FileFormat::xlsx:
            return workbook_rejects(file, rejected);
    }
    return {};
}

}  // namespace ombuds
