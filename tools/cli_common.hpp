// SPDX-License-Identifier: MPL-2.0
// What every `ombuds` subcommand shares: the language of messages, exit codes and the printing
// of file issues.
#pragma once

#include <cstddef>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "ombuds/case_file.hpp"
#include "ombuds/taxonomy.hpp"

namespace ombuds::cli {

/// interfaces.md: 0 success, 1 the data was refused (validation), 2 usage or I/O error.
enum Exit : int { success = 0, refused = 1, usage_or_io = 2 };

/// A usage or I/O failure; main() prints it and exits 2.
struct Failure {
    std::string message;
};

struct Context {
    Lang lang = Lang::da;
    std::string_view tr(std::string_view da, std::string_view en) const {
        return lang == Lang::da ? da : en;
    }
};

/// How many issues are printed in full before the rest are only counted.
inline constexpr std::size_t shown_issues = 100;

/// Prints one issue as "FILE, linje N, felt F: rule.code: message" on standard error.
inline void print_issue(const Context& ctx, std::string_view file, const FileIssue& issue) {
    std::cerr << file;
    if (issue.line > 0) std::cerr << ", " << ctx.tr("linje ", "line ") << issue.line;
    std::cerr << ", " << ctx.tr("felt ", "field ") << issue.column_name() << ": "
              << (issue.violation.severity == Severity::warning ? ctx.tr("advarsel ", "warning ")
                                                                : "")
              << rule_code(issue.violation.rule) << ": " << issue.violation.message(ctx.lang)
              << '\n';
}

/// Prints the first `shown_issues` issues and a count of the rest; returns the number of errors.
inline std::size_t print_issues(const Context& ctx, std::string_view file,
                                const std::vector<FileIssue>& issues) {
    std::size_t errors = 0;
    std::size_t shown = 0;
    for (const auto& issue : issues) {
        if (issue.violation.is_error()) ++errors;
        if (shown < shown_issues) {
            print_issue(ctx, file, issue);
            ++shown;
        }
    }
    if (issues.size() > shown) {
        std::cerr << "... " << issues.size() - shown
                  << ctx.tr(" yderligere fejl og advarsler ikke vist\n",
                            " more errors and warnings not shown\n");
    }
    return errors;
}

}  // namespace ombuds::cli
