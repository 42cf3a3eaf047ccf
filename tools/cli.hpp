// SPDX-License-Identifier: MPL-2.0
// What every `ombuds` subcommand shares: the language, exit codes, usage errors, and the table
// of commands each file adds to.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "ombuds/error.hpp"
#include "ombuds/lang.hpp"

namespace ombuds::cli {

/// interfaces.md: 0 success, 1 the data was refused (validation), 2 usage or I/O error.
enum Exit : int { success = 0, refused = 1, usage_or_io = 2 };

struct Context {
    Lang lang = Lang::da;
    std::string tr(std::string_view da, std::string_view en) const {
        return std::string(lang == Lang::da ? da : en);
    }
};

/// A usage error (exit 2), in both languages.
inline Error usage(std::string_view da, std::string_view en) {
    return Error(ErrorKind::misuse, std::string(en), std::string(da));
}

/// A subcommand and what runs it once the command line is parsed.
struct Command {
    CLI::App* app;
    std::function<int()> run;
};
using Commands = std::vector<Command>;

// Each adds its subcommands, with help texts in the context's language.
void add_file_commands(CLI::App& app, const Context& ctx, Commands& commands);
void add_case_commands(CLI::App& app, const Context& ctx, Commands& commands);
void add_report_commands(CLI::App& app, const Context& ctx, Commands& commands);
/// `ombuds table`; add_report_commands adds it.
void add_table_command(CLI::App& app, const Context& ctx, Commands& commands);
void add_demo_command(CLI::App& app, const Context& ctx, Commands& commands);

/// A command-line parse error of CLI11 in the context's language.
std::string parse_error_message(const CLI::ParseError& error, const Context& ctx);

}  // namespace ombuds::cli
