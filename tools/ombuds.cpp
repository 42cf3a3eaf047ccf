// SPDX-License-Identifier: MPL-2.0
// The `ombuds` command line (interfaces.md, "Command line"): the main job for an office with no
// integration — import a spreadsheet of cases, validate, store, report.
#include <algorithm>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>
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
#include "ombuds/register.hpp"
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

struct RegisterArgs {
    std::string db;
    ConfigFiles config;
    std::string key_file;
    void add_to(CLI::App& command) {
        command.add_option("DB", db, "Register (SQLite file)")->required();
        config.add_to(command);
        command.add_option("--key-file", key_file, "Pseudonym key file (default: DB.key)");
    }
};

int exit_code_of(RegisterError::Code code) {
    return code == RegisterError::Code::invalid ? Exit::refused : Exit::usage_or_io;
}

Register open_register(const RegisterArgs& args, bool create = true) {
    RegisterOptions options;
    options.organisation_file = args.config.organisation;
    options.themes_file = args.config.themes;
    options.key_file = args.key_file;
    options.create = create;
    return Register::open(args.db, options);
}

std::optional<Date> parse_date_option(const std::string& text, std::string_view option) {
    if (text.empty()) return std::nullopt;
    auto date = Date::parse(text);
    if (!date) throw Failure{std::string(option) + ": not a date (YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY): " + text};
    return date;
}

/// Writes to the output file or standard output; the file is replaced only when complete.
void write_output(const std::string& output, const std::string& text) {
    if (output.empty() || output == "-") {
        std::cout << text;
        std::cout.flush();
        return;
    }
    fs::path target(output);
    fs::path temporary = target;
    temporary += ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) throw Failure{output + ": cannot be written"};
        out << text;
        out.flush();
        if (!out) throw Failure{output + ": cannot be written"};
    }
    std::error_code ec;
    fs::rename(temporary, target, ec);
    if (ec) throw Failure{output + ": cannot be written (" + ec.message() + ")"};
}

int run_init(const Context& ctx, const RegisterArgs& args) {
    bool existed = fs::exists(args.db);
    Register reg = open_register(args);
    std::cout << args.db << ": " << (existed ? ctx.tr("registret findes allerede", "the register already exists")
                                             : ctx.tr("register oprettet", "register created"))
              << " (" << reg.case_count() << ctx.tr(" sager)\n", " cases)\n");
    return Exit::success;
}

struct ImportArgs {
    std::string file;
    bool replace = false;
    std::string rejects;
    bool dry_run = false;
};

/// The refused rows as a case file the office can correct and import again: the original
/// columns plus `ombuds_reason`, which the reader ignores.
void write_rejects(const std::string& path, const CaseFile& cases, const ImportResult& result,
                   const Configuration& config, const Context& ctx) {
    std::vector<CaseRecord> refused;
    std::vector<std::string> reasons;
    std::vector<std::size_t> lines;
    for (std::size_t i = 0; i < cases.records.size(); ++i) {
        if (!result.refused_records[i]) continue;
        std::string reason;
        for (const auto& issue : result.issues) {
            if (issue.record != i || issue.line != cases.lines[i] || !issue.violation.is_error()) continue;
            if (!reason.empty()) reason += " | ";
            reason += std::string(issue.column_name()) + ": " + std::string(rule_code(issue.violation.rule)) + ": " +
                      issue.violation.message(ctx.lang);
        }
        refused.push_back(cases.records[i]);
        reasons.push_back(std::string(ctx.tr("linje ", "line ")) + std::to_string(cases.lines[i]) + ": " + reason);
    }
    std::ostringstream csv;
    csv << "ombuds_reason;";
    for (std::size_t f = 0; f < field_count; ++f) csv << (f ? ";" : "") << column_name(static_cast<Field>(f));
    csv << '\n';
    auto cell = [](const std::string& v) {
        if (v.find_first_of(";\"\n\r") == std::string::npos) return v;
        std::string out = "\"";
        for (char c : v) {
            if (c == '"') out += '"';
            out += c;
        }
        return out + "\"";
    };
    for (std::size_t r = 0; r < refused.size(); ++r) {
        csv << cell(reasons[r]);
        for (std::size_t f = 0; f < field_count; ++f) {
            auto field = static_cast<Field>(f);
            // The citizen is written as read, so the office can correct the row; it is their
            // own file. Its pseudonym never is.
            std::string value = field == Field::citizen ? refused[r].citizen.key() : field_text(refused[r], field, config);
            if (field == Field::citizen && value.starts_with("cpr:")) value = value.substr(4);
            csv << ';' << cell(value);
        }
        csv << '\n';
    }
    write_output(path, csv.str());
}

int run_import(const Context& ctx, const RegisterArgs& args, const ImportArgs& import) {
    Register reg = open_register(args);
    CaseFile cases;
    try {
        cases = read_case_file(import.file, reg.config());
    } catch (const InputError& e) {
        throw Failure{e.what()};
    }
    if (isatty(STDERR_FILENO)) {
        std::cerr << ctx.tr("Validerer og gemmer ", "Validating and storing ") << cases.records.size()
                  << ctx.tr(" sager ...\n", " cases ...\n");
    }
    ImportOptions options;
    options.replace = import.replace;
    options.skip_invalid = !import.rejects.empty();
    options.dry_run = import.dry_run;
    ImportResult result = reg.import_cases(cases, options);
    std::size_t errors = print_issues(ctx, import.file, result.issues);
    std::size_t warnings = result.issues.size() - errors;
    if (!import.rejects.empty() && result.refused > 0) write_rejects(import.rejects, cases, result, reg.config(), ctx);

    std::cout << import.file << ": " << result.read << ctx.tr(" sager læst, ", " cases read, ") << result.imported
              << ctx.tr(" gemt, ", " stored, ") << result.refused << ctx.tr(" afvist; ", " refused; ") << errors
              << ctx.tr(" fejl, ", " errors, ") << warnings << ctx.tr(" advarsler", " warnings");
    if (import.dry_run) std::cout << ctx.tr(" (prøvekørsel: intet gemt)", " (dry run: nothing stored)");
    else if (result.imported == 0 && result.read > 0) std::cout << ctx.tr(" (intet gemt)", " (nothing stored)");
    std::cout << '\n';
    if (result.unreadable || errors > 0) return Exit::refused;
    return Exit::success;
}

struct ExportArgs {
    std::string from, to, format = "csv", output, citizen;
};

int run_export(const Context& ctx, const RegisterArgs& args, const ExportArgs& ex) {
    Register reg = open_register(args, false);
    FileFormat format = ex.format == "jsonl" ? FileFormat::jsonl : FileFormat::csv;
    std::ostringstream out;
    std::size_t count = 0;
    if (!ex.citizen.empty()) {
        if (!ex.from.empty() || !ex.to.empty()) throw Failure{"--citizen cannot be combined with --from/--to"};
        count = reg.export_citizen(out, format, ex.citizen);
    } else {
        auto from = parse_date_option(ex.from, "--from");
        auto to = parse_date_option(ex.to, "--to");
        if (from.has_value() != to.has_value()) throw Failure{"--from and --to go together"};
        std::optional<Period> period;
        if (from) period = Period{*from, *to};
        count = reg.export_cases(out, format, period);
    }
    write_output(ex.output, out.str());
    if (!ex.output.empty() && ex.output != "-") {
        std::cerr << ex.output << ": " << count << ctx.tr(" sager skrevet\n", " cases written\n");
    }
    return Exit::success;
}

int run_erase(const Context& ctx, const RegisterArgs& args, const std::string& citizen) {
    Register reg = open_register(args, false);
    std::size_t erased = reg.erase_citizen(citizen);
    std::cout << erased << ctx.tr(" sager slettet\n", " cases erased\n");
    return Exit::success;
}

int run_anonymise(const Context& ctx, const RegisterArgs& args, const std::string& before) {
    auto date = parse_date_option(before, "--closed-before");
    if (!date) throw Failure{"--closed-before is required"};
    Register reg = open_register(args, false);
    std::size_t changed = reg.anonymise_closed_before(*date);
    std::cout << changed << ctx.tr(" sager anonymiseret\n", " cases anonymised\n");
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

    // init
    RegisterArgs init_args;
    auto* init = app.add_subcommand("init", "Create a register");
    init_args.add_to(*init);

    // import
    RegisterArgs import_args;
    ImportArgs import_opts;
    auto* import = app.add_subcommand("import", "Validate a case file and store it in a register");
    import_args.add_to(*import);
    import->add_option("FILE", import_opts.file, "Case file (CSV or JSON Lines)")->required();
    import->add_flag("--replace", import_opts.replace, "Replace cases whose id is already stored");
    import->add_option("--skip-invalid", import_opts.rejects,
                       "Store the valid cases; write the refused rows with their reasons to this file");
    import->add_flag("--dry-run", import_opts.dry_run, "Validate against the register; store nothing");

    // export
    RegisterArgs export_args;
    ExportArgs export_opts;
    auto* exporter = app.add_subcommand("export", "Write the register's cases (no notes, no pseudonyms), or one citizen's");
    export_args.add_to(*exporter);
    exporter->add_option("--from", export_opts.from, "First date received");
    exporter->add_option("--to", export_opts.to, "Last date received");
    exporter->add_option("--format", export_opts.format, "csv or jsonl")->check(CLI::IsMember({"csv", "jsonl"}));
    exporter->add_option("--output", export_opts.output, "Output file (default: standard output)");
    exporter->add_option("--citizen", export_opts.citizen, "Insight export of one citizen (CPR, cvr:..., ref:...)");

    // erase
    RegisterArgs erase_args;
    std::string erase_citizen;
    auto* erase = app.add_subcommand("erase", "Remove every case of one citizen");
    erase_args.add_to(*erase);
    erase->add_option("--citizen", erase_citizen, "CPR, cvr:... or ref:...")->required();

    // anonymise
    RegisterArgs anonymise_args;
    std::string closed_before;
    auto* anonymise = app.add_subcommand("anonymise", "Remove pseudonyms and notes of cases closed before a date");
    anonymise_args.add_to(*anonymise);
    anonymise->add_option("--closed-before", closed_before, "Date")->required();

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
        if (init->parsed()) return run_init(ctx, init_args);
        if (import->parsed()) return run_import(ctx, import_args, import_opts);
        if (exporter->parsed()) return run_export(ctx, export_args, export_opts);
        if (erase->parsed()) return run_erase(ctx, erase_args, erase_citizen);
        if (anonymise->parsed()) return run_anonymise(ctx, anonymise_args, closed_before);
    } catch (const Failure& failure) {
        std::cerr << "ombuds: " << failure.message << '\n';
        return Exit::usage_or_io;
    } catch (const RegisterError& e) {
        std::cerr << "ombuds: " << e.what() << '\n';
        return exit_code_of(e.code());
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
