// SPDX-License-Identifier: MPL-2.0
// The `ombuds` command line (interfaces.md, "Command line"): the main job for an office with no
// integration — import a spreadsheet of cases, validate, store, report.
#include <algorithm>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli_common.hpp"
#include "ombuds/version.hpp"
#include "ombuds/case_file.hpp"
#include "ombuds/catalogue.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/validation.hpp"

namespace fs = std::filesystem;

namespace ombuds::cli {
namespace {

struct ConfigFiles {
    std::string organisation;
    std::string themes;
    void add_to(CLI::App& command) {
        command.add_option("--organisation", organisation, "Organisation JSON (default: Eksempel Kommune)");
        command.add_option("--themes", themes, "Theme catalogue JSON (default: domain.md's)");
    }
};

Configuration load_config(const ConfigFiles& files) {
    try {
        return load_configuration(files.organisation, files.themes);
    } catch (const ConfigError& e) {
        throw Failure{e.what()};
    }
}

int run_validate(const Context& ctx, const std::string& file, const ConfigFiles& files) {
    Configuration config = load_config(files);
    CaseFile cases;
    try {
        cases = read_case_file(file, config);
    } catch (const InputError& e) {
        throw Failure{e.what()};
    }
    Validator validator(config);
    EmptyRegisterView nothing_stored;
    auto violations = validator.validate_batch(cases.records, nothing_stored);

    std::vector<FileIssue> issues = cases.issues;
    for (std::size_t i = 0; i < violations.size(); ++i) {
        for (auto& violation : violations[i]) issues.push_back(FileIssue{cases.lines[i], i, std::move(violation), {}});
    }
    std::stable_sort(issues.begin(), issues.end(),
                     [](const FileIssue& a, const FileIssue& b) { return a.line < b.line; });
    std::size_t errors = print_issues(ctx, file, issues);
    std::size_t warnings = issues.size() - errors;

    std::size_t refused_records = 0;
    {
        std::vector<bool> refused(cases.records.size(), false);
        for (const auto& issue : issues) {
            if (issue.violation.is_error() && issue.line > 0 && issue.record < refused.size()) refused[issue.record] = true;
        }
        refused_records = static_cast<std::size_t>(std::count(refused.begin(), refused.end(), true));
    }
    if (ctx.lang == Lang::da) {
        std::cout << file << ": " << cases.records.size() << " sager læst, " << refused_records
                  << " med fejl; " << errors << " fejl, " << warnings << " advarsler\n";
    } else {
        std::cout << file << ": " << cases.records.size() << " cases read, " << refused_records
                  << " with errors; " << errors << " errors, " << warnings << " warnings\n";
    }
    return errors > 0 || cases.unreadable ? Exit::refused : Exit::success;
}

int run_taxonomy(const Context& ctx, const std::string& format, const ConfigFiles& files) {
    Configuration config = load_config(files);
    if (format == "md") {
        std::cout << catalogue_markdown(config, ctx.lang);
    } else {
        std::cout << catalogue_json(config, ctx.lang) << '\n';
    }
    return Exit::success;
}

int run(int argc, char** argv) {
    CLI::App app{"ombuds: the case register and statistics of a citizens' advisor (borgerrådgiver)", "ombuds"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string(OMBUDS_VERSION_STRING));
    std::string lang = "da";
    app.add_option("--lang", lang, "Language of messages: da or en")
        ->check(CLI::IsMember({"da", "en"}))
        ->capture_default_str();
    Context ctx;

    // validate
    std::string validate_file;
    ConfigFiles validate_config;
    auto* validate = app.add_subcommand("validate", "Check a case file; stores nothing");
    validate->add_option("FILE", validate_file, "Case file (CSV or JSON Lines)")->required();
    validate_config.add_to(*validate);

    // taxonomy
    std::string taxonomy_format = "json";
    ConfigFiles taxonomy_config;
    auto* taxonomy = app.add_subcommand("taxonomy", "Print the catalogue of codes in force");
    taxonomy->add_option("--format", taxonomy_format, "json or md")
        ->check(CLI::IsMember({"json", "md"}))
        ->capture_default_str();
    taxonomy_config.add_to(*taxonomy);

    for (auto* command : app.get_subcommands({})) {
        command->add_option("--lang", lang, "Language of messages: da or en")->check(CLI::IsMember({"da", "en"}));
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return Exit::usage_or_io;
    }
    ctx.lang = lang == "en" ? Lang::en : Lang::da;

    try {
        if (validate->parsed()) return run_validate(ctx, validate_file, validate_config);
        if (taxonomy->parsed()) return run_taxonomy(ctx, taxonomy_format, taxonomy_config);
    } catch (const Failure& failure) {
        std::cerr << "ombuds: " << failure.message << '\n';
        return Exit::usage_or_io;
    }
    return Exit::usage_or_io;
}

}  // namespace
}  // namespace ombuds::cli

int main(int argc, char** argv) {
    try {
        return ombuds::cli::run(argc, argv);
    } catch (const std::bad_alloc&) {
        std::cerr << "ombuds: out of memory\n";
    } catch (const std::exception& e) {
        std::cerr << "ombuds: " << e.what() << '\n';
    }
    return ombuds::cli::Exit::usage_or_io;
}
