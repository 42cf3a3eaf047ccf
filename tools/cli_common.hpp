// SPDX-License-Identifier: MPL-2.0
// Helpers of the subcommands: the register's options, dates, printing file issues, writing an
// output file safely.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"
#include "ombuds/case_file.hpp"
#include "ombuds/date.hpp"
#include "ombuds/disclosure.hpp"
#include "ombuds/register.hpp"

namespace ombuds::cli {

/// The configuration files an office may give.
struct ConfigFiles {
    std::string organisation;
    std::string themes;
    void add_to(CLI::App& command, const Context& ctx);
    Configuration load() const;
};

/// The options of every command that opens a register.
struct RegisterArgs {
    std::string db;
    ConfigFiles config;
    std::string key_file;
    bool allow_network_filesystem = false;
    /// `db_required`: the register is a positional argument every use of the command gives.
    void add_to(CLI::App& command, const Context& ctx, bool db_required = true);
    /// Only --key-file and --allow-network-fs (for a command whose register is an option).
    void add_access_options(CLI::App& command, const Context& ctx);
    Register open(bool create) const;
    /// Whether the register exists: its file, or on a database server (postgresql://...) a
    /// register in its schema.
    bool exists() const;
    /// The register's files, which no output may replace.
    std::vector<std::filesystem::path> files() const;
};

/// A file name as a message shows it: printable, anything CPR-like redacted.
std::string shown(const std::string& path);

/// A date option; nullopt when not given; a usage error naming the forms when unreadable.
std::optional<Date> date_option(const Context& ctx, const std::string& text,
                                std::string_view option);

/// The period of --from and --to, both required; a usage error when one is missing or unreadable
/// or --to lies before --from.
Period period_option(const Context& ctx, const std::string& from, const std::string& to);

/// The audience of --audience; a usage error naming the three when unknown.
Audience audience_option(const std::string& text);

/// Writes to the output file, or standard output for "" and "-": completely or not at all,
/// never over the register, its key or the input (`protected_files`), mode 0600 when
/// `personal_data`.
void write_output(const std::string& output, const std::string& text, bool personal_data,
                  const std::vector<std::filesystem::path>& protected_files);

/// Prints the first issues as "FILE, linje N, felt F: rule.code: message" on standard error and
/// a count of the rest; returns the number of errors.
std::size_t print_issues(const Context& ctx, const std::string& file,
                         const std::vector<FileIssue>& issues);

}  // namespace ombuds::cli
