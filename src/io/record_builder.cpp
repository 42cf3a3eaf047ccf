// SPDX-License-Identifier: MPL-2.0
#include "record_builder.hpp"

#include <algorithm>

#include "ombuds/detail/formula.hpp"
#include "ombuds/detail/invisible.hpp"
#include "ombuds/detail/spelling.hpp"

namespace ombuds::io {

namespace {
constexpr std::size_t no_record = static_cast<std::size_t>(-1);
}  // namespace

void RecordBuilder::file_issue(std::size_t line, Rule rule, Field field, Hint hint,
                               std::string detail, std::string suggestion, std::string column) {
    file_.issues.push_back(FileIssue{
        line, no_record, Violation(rule, field, hint, std::move(detail), std::move(suggestion)),
        std::move(column)});
}

std::optional<std::string> suggest_header(std::string_view name) {
    detail::Suggester suggester(name);
    for (const auto& info : field_table) {
        auto id = static_cast<std::size_t>(info.field);
        suggester.consider(info.name, id);
        suggester.consider(info.danish, id);
        std::string_view aliases = info.aliases;
        while (!aliases.empty()) {
            auto bar = aliases.find('|');
            suggester.consider(aliases.substr(0, bar), id);
            aliases = bar == std::string_view::npos ? std::string_view() : aliases.substr(bar + 1);
        }
    }
    return suggester.best();
}

bool RecordBuilder::header(std::span<const std::string_view> cells) {
    column_field_.assign(cells.size(), ignored);
    if (options_.keep_cells) file_.header.assign(cells.begin(), cells.end());
    std::array<bool, field_count> present{};
    bool header_ok = true;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        auto name = detail::trim(cells[i]);
        if (name.empty()) continue;  // spreadsheets add empty columns; their cells must stay empty
        if (detail::equals_folded(name, reason_column)) {
            column_field_[i] = skipped;  // a rejects file keeps its reasons beside the row
            continue;
        }
        auto field = field_from_name(name);
        if (!field) {
            // Echoed cut and with invisible characters named: a header may be anything.
            auto nearest = suggest_header(name);
            file_issue(1, Rule::file_format, Field::case_id,
                       nearest ? Hint::unknown_column_did_you_mean : Hint::unknown_column,
                       detail::shown_value(name), nearest.value_or(""), detail::shown_name(name));
            header_ok = false;
            continue;
        }
        auto index = static_cast<std::size_t>(*field);
        if (present[index]) {
            file_issue(1, Rule::file_format, *field, Hint::duplicate_column,
                       detail::shown_value(name));
            header_ok = false;
        }
        present[index] = true;
        file_.columns.set(index);
        column_field_[i] = index;
    }
    for (const auto& info : field_table) {
        // A file of changes (import --update) needs only the case id's column.
        bool required = info.required && (!options_.changes_only || info.field == Field::case_id);
        if (required && !present[static_cast<std::size_t>(info.field)]) {
            file_issue(1, Rule::field_required, info.field, Hint::column_missing,
                       "'" + std::string(info.danish) + "' (" + std::string(info.name) + ")");
            header_ok = false;
        }
    }
    if (!header_ok) file_.unreadable = true;
    return header_ok;
}

void RecordBuilder::row(std::span<const std::string_view> cells, std::size_t line,
                        bool unterminated, std::span<const CellKind> kinds) {
    bool blank = std::all_of(cells.begin(), cells.end(),
                             [](std::string_view cell) { return detail::trim(cell).empty(); });
    if (blank && !unterminated) return;
    FieldValues values{};
    bool extra = false;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        std::size_t column = i < column_field_.size() ? column_field_[i] : ignored;
        if (column == skipped) continue;
        if (column != ignored) {
            values[column] = detail::unprotect_cell(cells[i]);
        } else if (!detail::trim(cells[i]).empty()) {
            extra = true;
        }
    }
    std::size_t index = record_count();
    if (options_.keep_cells) {
        RawRow raw;
        raw.cells.assign(cells.begin(), cells.end());
        raw.kinds.assign(kinds.begin(), kinds.end());
        file_.rows.push_back(std::move(raw));
    }
    add_record(values, line);
    if (extra) {
        file_.issues.push_back(FileIssue{
            line, index, Violation(Rule::file_format, Field::case_id, Hint::extra_cells), {}});
    }
    if (unterminated) {
        file_.issues.push_back(FileIssue{
            line, index, Violation(Rule::file_format, Field::case_id, Hint::unclosed_quote), {}});
    }
}

void RecordBuilder::add_record(const FieldValues& values, std::size_t line) {
    violations_.clear();
    std::size_t index = file_.records.size();
    // Parsed straight into the vector's slot: a CaseRecord is large enough that moving each
    // one in shows in the import's profile.
    struct Parse {
        const FieldValues& values;
        const Configuration& config;
        std::vector<Violation>& violations;
        operator CaseRecord() const { return parse_record(values, config, violations); }
    };
    file_.records.emplace_back(Parse{values, config_, violations_});
    file_.lines.push_back(line);
    for (auto& violation : violations_)
        file_.issues.push_back(FileIssue{line, index, std::move(violation), {}});
    if (options_.on_records && file_.records.size() - published_ >= options_.batch_size &&
        file_.format != FileFormat::xlsx) {
        publish();
    }
}

void RecordBuilder::publish() {
    if (options_.on_records && file_.records.size() > published_) {
        published_ = file_.records.size();
        options_.on_records(file_.records.data(), published_);
    }
}

}  // namespace ombuds::io
