// SPDX-License-Identifier: MPL-2.0
#include "import/plan.hpp"

#include <algorithm>
#include <unordered_map>

namespace ombuds::import_detail {

Plan plan_import(const CaseFile& file, const RegisterView& stored, const Configuration& config,
                 const ImportOptions& options, std::optional<Date> today) {
    Plan plan;
    auto& result = plan.result;
    const std::size_t n = file.records.size();
    result.read = n;
    result.unreadable = file.unreadable;
    result.refused_records.assign(n, false);
    std::vector<std::vector<Violation>> violations(n);

    // Replace and update change stored cases: with update a row is the stored case with the
    // file's columns changed; with either, an empty citizen or note cell never clears a stored
    // one.
    if (options.mode != WriteMode::insert) {
        const FieldSet given = options.mode == WriteMode::update ? file.columns : FieldSet().set();
        if (options.mode == WriteMode::update) plan.merged.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const auto& rec = file.records[i];
            auto existing = rec.case_id ? stored.find_case(rec.case_id->view()) : std::nullopt;
            if (existing) {
                check_would_clear(rec, given, existing->record, violations[i]);
                if (options.mode == WriteMode::update)
                    plan.merged[i] = merge_update(existing->record, rec, given);
            } else if (options.mode == WriteMode::update) {
                if (rec.case_id)
                    violations[i].emplace_back(Rule::update_needs_case, Field::case_id,
                                               detail::quote_value(rec.case_id->view()));
                plan.merged[i] = rec;
            }
        }
    }

    Validator validator(config, ValidationOptions{today, options.mode});
    auto found =
        validator.validate_batch(plan.merged.empty() ? std::span<const CaseRecord>(file.records)
                                                     : std::span<const CaseRecord>(plan.merged),
                                 stored);
    for (std::size_t i = 0; i < n; ++i)
        violations[i].insert(violations[i].end(), found[i].begin(), found[i].end());
    // The reading issues and the rules' in line order, one error per unreadable cell.
    result.issues = file_issues(file, std::move(violations));
    if (options.mode == WriteMode::update) {
        // A field the file has no column for is kept as stored: its emptiness is no error.
        std::erase_if(result.issues, [&](const FileIssue& issue) {
            return issue.line > 0 && issue.violation.rule == Rule::field_required &&
                   !file.columns.test(static_cast<std::size_t>(issue.violation.field));
        });
    }
    auto issue = [&](std::size_t i, Violation violation) {
        result.issues.push_back(FileIssue{file.lines[i], i, std::move(violation), {}});
    };
    for (const auto& found : result.issues) {
        if (refuses_record(found) && found.record < n) result.refused_records[found.record] = true;
    }
    // A follow-up whose main case in the same file is refused is refused with it.
    if (std::find(result.refused_records.begin(), result.refused_records.end(), true) !=
        result.refused_records.end()) {
        std::unordered_map<std::string_view, std::size_t> index;
        for (std::size_t i = 0; i < n; ++i) {
            if (file.records[i].case_id) index.emplace(file.records[i].case_id->view(), i);
        }
        for (bool changed = true; changed;) {
            changed = false;
            for (std::size_t i = 0; i < n; ++i) {
                const auto& rec = plan.record(file, i);
                if (result.refused_records[i] || !rec.main_case_id) continue;
                auto main = index.find(rec.main_case_id->view());
                if (main != index.end() && result.refused_records[main->second]) {
                    result.refused_records[i] = changed = true;
                    issue(i,
                          Violation(Rule::followup_requires_main, Field::main_case_id,
                                    detail::quote_value(rec.main_case_id->view()) + " (refused)"));
                }
            }
        }
    }
    std::stable_sort(result.issues.begin(), result.issues.end(),
                     [](const FileIssue& a, const FileIssue& b) { return a.line < b.line; });
    result.refused = static_cast<std::size_t>(
        std::count(result.refused_records.begin(), result.refused_records.end(), true));
    bool file_level_error =
        file.unreadable ||
        std::any_of(result.issues.begin(), result.issues.end(),
                    [](const FileIssue& i) { return i.line == 0 && i.violation.is_error(); });
    result.storable = !file_level_error && (result.refused == 0 || options.skip_invalid);
    return plan;
}

}  // namespace ombuds::import_detail
