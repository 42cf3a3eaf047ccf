// SPDX-License-Identifier: MPL-2.0
#include "cli_common.hpp"

#include <iostream>

#include "ombuds/config_io.hpp"
#include "ombuds/detail/text.hpp"
#include "ombuds/output_file.hpp"

namespace ombuds::cli {

void ConfigFiles::add_to(CLI::App& command, const Context& ctx) {
    command.add_option("--organisation", organisation,
                       ctx.tr("Organisationen (JSON; standard: Eksempel Kommune)",
                              "Organisation JSON (default: Eksempel Kommune)"));
    command.add_option("--themes", themes,
                       ctx.tr("Temakataloget (JSON; standard: det medfølgende)",
                              "Theme catalogue JSON (default: the bundled one)"));
}

Configuration ConfigFiles::load() const {
    return load_configuration(organisation, themes);
}

void RegisterArgs::add_to(CLI::App& command, const Context& ctx, bool db_required) {
    auto* option = command.add_option("DB", db,
                                      ctx.tr("Registret (SQLite-fil eller postgresql://...)",
                                             "Register (SQLite file or postgresql://...)"));
    if (db_required) option->required();
    config.add_to(command, ctx);
    add_access_options(command, ctx);
}

void RegisterArgs::add_access_options(CLI::App& command, const Context& ctx) {
    command.add_option("--key-file", key_file,
                       ctx.tr("Nøglefilen til pseudonymer (standard: $OMBUDS_KEY_FILE, ellers "
                              "DB.key)",
                              "Pseudonym key file (default: $OMBUDS_KEY_FILE, else DB.key)"));
    command.add_flag("--allow-network-fs", allow_network_filesystem,
                     ctx.tr("Tillad et register på NFS/SMB, hvor SQLites låsning er usikker",
                            "Allow a register on NFS/SMB, where SQLite's locking is unsafe"));
}

Register RegisterArgs::open(bool create) const {
    RegisterOptions options;
    options.organisation_file = config.organisation;
    options.themes_file = config.themes;
    options.key_file = key_file;
    options.create = create;
    options.allow_network_filesystem = allow_network_filesystem;
    return Register::open(db, options);
}

bool RegisterArgs::exists() const {
    if (!db.starts_with("postgresql://") && !db.starts_with("postgres://")) {
        std::error_code ec;
        return std::filesystem::exists(db, ec);
    }
    try {
        open(false);
        return true;
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::not_found) return false;
        throw;
    }
}

std::vector<std::filesystem::path> RegisterArgs::files() const {
    return register_files(db, key_file);
}

std::string shown(const std::string& path) {
    return detail::printable(path);
}

std::optional<Date> date_option(const Context& ctx, const std::string& text,
                                std::string_view option) {
    (void)ctx;
    if (text.empty()) return std::nullopt;
    auto date = Date::parse(text);
    if (!date) {
        throw usage(std::string(option) + ": " + detail::quote_value(text) +
                        " er ikke en dato; skriv fx 2025-01-31, 31-01-2025 eller 31.01.2025",
                    std::string(option) + ": " + detail::quote_value(text) +
                        " is not a date; write e.g. 2025-01-31, 31-01-2025 or 31.01.2025");
    }
    return date;
}

Period period_option(const Context& ctx, const std::string& from_text, const std::string& to_text) {
    auto from = date_option(ctx, from_text, "--from");
    auto to = date_option(ctx, to_text, "--to");
    if (!from || !to) throw usage("--from og --to skal angives", "--from and --to are required");
    if (*to < *from) throw usage("--to ligger før --from", "--to is before --from");
    return Period{*from, *to};
}

Audience audience_option(const std::string& text) {
    auto audience = parse_audience(text);
    if (!audience)
        throw usage("--audience: advisor, administration eller public",
                    "--audience: advisor, administration or public");
    return *audience;
}

void write_output(const std::string& output, const std::string& text, bool personal_data,
                  const std::vector<std::filesystem::path>& protected_files) {
    if (output.empty() || output == "-") {
        std::cout << text;
        std::cout.flush();
        return;
    }
    OutputFileOptions options;
    options.personal_data = personal_data;
    options.protected_files = protected_files;
    write_output_file(output, text, options);
}

/// How many issues are printed in full before the rest are only counted.
constexpr std::size_t shown_issues = 100;

std::size_t print_issues(const Context& ctx, const std::string& file,
                         const std::vector<FileIssue>& issues) {
    const std::string name = shown(file);
    std::size_t errors = 0, printed = 0;
    for (const auto& issue : issues) {
        if (issue.violation.is_error()) ++errors;
        if (printed == shown_issues) continue;
        ++printed;
        std::cerr << name;
        if (issue.line > 0) std::cerr << ", " << ctx.tr("linje ", "line ") << issue.line;
        std::cerr << ", " << ctx.tr("felt ", "field ") << detail::printable(issue.column_name())
                  << ": "
                  << (issue.violation.severity == Severity::warning
                          ? ctx.tr("advarsel ", "warning ")
                          : "")
                  << rule_code(issue.violation.rule) << ": " << issue.violation.message(ctx.lang)
                  << '\n';
    }
    if (issues.size() > printed) {
        std::cerr << "... " << issues.size() - printed
                  << ctx.tr(" yderligere fejl og advarsler ikke vist\n",
                            " more errors and warnings not shown\n");
    }
    return errors;
}

}  // namespace ombuds::cli
