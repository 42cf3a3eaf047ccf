// SPDX-License-Identifier: MPL-2.0
// The `ombuds` command line (interfaces.md, "Command line"): the main job for an office with no
// integration — import a spreadsheet of cases, validate, store, report.
#include <unistd.h>
#include <algorithm>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli_common.hpp"
#include "ombuds/case_file.hpp"
#include "ombuds/catalogue.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/import.hpp"
#include "ombuds/register.hpp"
#include "ombuds/report.hpp"
#include "ombuds/validation.hpp"
#include "ombuds/version.hpp"

namespace fs = std::filesystem;

namespace ombuds::cli {
namespace {

struct ConfigFiles {
    std::string organisation;
    std::string themes;
    void add_to(CLI::App& command) {
        command.add_option("--organisation", organisation,
                           "Organisation JSON (default: Eksempel Kommune)");
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
    ImportResult result = check_file(file, config);
    std::size_t errors = print_issues(ctx, file, result.issues);
    std::size_t warnings = result.issues.size() - errors;
    if (ctx.lang == Lang::da) {
        std::cout << file << ": " << result.read << " sager læst, " << result.refused
                  << " med fejl; " << errors << " fejl, " << warnings << " advarsler\n";
    } else {
        std::cout << file << ": " << result.read << " cases read, " << result.refused
                  << " with errors; " << errors << " errors, " << warnings << " warnings\n";
    }
    return errors > 0 || result.unreadable ? Exit::refused : Exit::success;
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
    bool allow_network_filesystem = false;
    void add_to(CLI::App& command) {
        command.add_option("DB", db, "Register (SQLite file)")->required();
        config.add_to(command);
        command.add_option("--key-file", key_file,
                           "Pseudonym key file (default: $OMBUDS_KEY_FILE, else DB.key)");
        command.add_flag("--allow-network-fs", allow_network_filesystem,
                         "Allow a register on NFS/SMB, where SQLite's locking is unsafe");
    }
};

Register open_register(const RegisterArgs& args, bool create = true) {
    RegisterOptions options;
    options.organisation_file = args.config.organisation;
    options.themes_file = args.config.themes;
    options.key_file = args.key_file;
    options.create = create;
    options.allow_network_filesystem = args.allow_network_filesystem;
    return Register::open(args.db, options);
}

std::optional<Date> parse_date_option(const std::string& text, std::string_view option) {
    if (text.empty()) return std::nullopt;
    auto date = Date::parse(text);
    if (!date)
        throw Failure{std::string(option) +
                      ": not a date (YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY): " + text};
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
    // A device, a pipe or a terminal (/dev/null, /dev/stdout, a fifo) is written to as it is:
    // renaming a finished file over it would replace the device with a plain file.
    std::error_code status_error;
    auto status = fs::status(target, status_error);
    if (!status_error && fs::exists(status) && !fs::is_regular_file(status)) {
        std::ofstream out(target, std::ios::binary);
        out << text;
        out.flush();
        if (!out) throw Failure{output + ": cannot be written"};
        return;
    }
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
    std::cout << args.db << ": "
              << (existed ? ctx.tr("registret findes allerede", "the register already exists")
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
            if (issue.record != i || issue.line != cases.lines[i] || !issue.violation.is_error())
                continue;
            if (!reason.empty()) reason += " | ";
            reason += std::string(issue.column_name()) + ": " +
                      std::string(rule_code(issue.violation.rule)) + ": " +
                      issue.violation.message(ctx.lang);
        }
        refused.push_back(cases.records[i]);
        reasons.push_back(std::string(ctx.tr("linje ", "line ")) + std::to_string(cases.lines[i]) +
                          ": " + reason);
    }
    std::ostringstream csv;
    csv << "ombuds_reason;";
    for (std::size_t f = 0; f < field_count; ++f)
        csv << (f ? ";" : "") << column_name(static_cast<Field>(f));
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
            std::string value = field == Field::citizen ? refused[r].citizen.key()
                                                        : field_text(refused[r], field, config);
            if (field == Field::citizen && value.starts_with("cpr:")) value = value.substr(4);
            csv << ';' << cell(value);
        }
        csv << '\n';
    }
    write_output(path, csv.str());
}

int run_import(const Context& ctx, const RegisterArgs& args, const ImportArgs& import) {
    Register reg = open_register(args);
    ImportOptions options;
    options.mode = import.replace ? WriteMode::replace : WriteMode::insert;
    options.skip_invalid = !import.rejects.empty();
    options.dry_run = import.dry_run;
    // Progress on a terminal: a large file takes seconds. Each report overwrites the last.
    bool progress_shown = false;
    if (isatty(STDERR_FILENO)) {
        options.progress = [&](std::size_t stored, std::size_t total) {
            std::cerr << '\r' << stored;
            if (total > 0) std::cerr << ctx.tr(" af ", " of ") << total;
            std::cerr << ctx.tr(" sager gemt ", " cases stored ") << std::flush;
            progress_shown = true;
        };
    }
    ImportResult result;
    CaseFile cases;  // kept only to write the refused rows to the rejects file
    try {
        if (options.skip_invalid) {
            cases = read_case_file(import.file, reg.config());
            result = import_cases(reg, cases, options);
        } else {
            result = import_file(reg, import.file, options);
        }
    } catch (const InputError& e) {
        throw Failure{e.what()};
    }
    if (progress_shown) std::cerr << '\n';
    std::size_t errors = print_issues(ctx, import.file, result.issues);
    std::size_t warnings = result.issues.size() - errors;
    if (!import.rejects.empty() && result.refused > 0)
        write_rejects(import.rejects, cases, result, reg.config(), ctx);

    std::cout << import.file << ": " << result.read << ctx.tr(" sager læst, ", " cases read, ")
              << result.imported << ctx.tr(" gemt, ", " stored, ") << result.refused
              << ctx.tr(" afvist; ", " refused; ") << errors << ctx.tr(" fejl, ", " errors, ")
              << warnings << ctx.tr(" advarsler", " warnings");
    if (import.dry_run)
        std::cout << ctx.tr(" (prøvekørsel: intet gemt)", " (dry run: nothing stored)");
    else if (result.imported == 0 && result.read > 0)
        std::cout << ctx.tr(" (intet gemt)", " (nothing stored)");
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
        if (!ex.from.empty() || !ex.to.empty())
            throw Failure{"--citizen cannot be combined with --from/--to"};
        auto records = reg.citizen_cases(ex.citizen);
        // The person asked for their own data: the citizen column shows the id they gave.
        std::vector<std::string> citizens(records.size(), std::string(detail::trim(ex.citizen)));
        write_case_file(out, format, records, reg.config(), citizens, true);
        count = records.size();
    } else {
        auto from = parse_date_option(ex.from, "--from");
        auto to = parse_date_option(ex.to, "--to");
        if (from.has_value() != to.has_value()) throw Failure{"--from and --to go together"};
        std::optional<Period> period;
        if (from) period = Period{*from, *to};
        auto records = reg.cases(period);
        write_case_file(out, format, records, reg.config());
        count = records.size();
    }
    write_output(ex.output, out.str());
    if (!ex.output.empty() && ex.output != "-") {
        std::cerr << ex.output << ": " << count << ctx.tr(" sager skrevet\n", " cases written\n");
    }
    return Exit::success;
}

int run_erase(const Context& ctx, const RegisterArgs& args, const std::string& citizen) {
    Register reg = open_register(args, false);
    auto result = reg.erase_citizen(citizen);
    std::cout << result.erased << ctx.tr(" sager slettet\n", " cases erased\n");
    if (!result.clean) {
        std::cerr << ctx.tr(
            "ombuds: det slettede ligger stadig i registrets log (WAL), fordi en anden forbindelse "
            "læser registret; luk de andre programmer, der bruger det, og kør erase igen\n",
            "ombuds: the erased content is still in the register's log (WAL) because another "
            "connection is reading the register; close the other programs using it and run "
            "erase again\n");
        return Exit::usage_or_io;
    }
    return Exit::success;
}

int run_anonymise(const Context& ctx, const RegisterArgs& args, const std::string& before) {
    auto date = parse_date_option(before, "--closed-before");
    if (!date) throw Failure{"--closed-before is required"};
    Register reg = open_register(args, false);
    auto result = reg.anonymise_closed_before(*date);
    std::cout << result.cases << ctx.tr(" sager anonymiseret\n", " cases anonymised\n");
    return Exit::success;
}

struct ReportArgs {
    std::string from, to, compare_from, compare_to, format = "html", audience = "advisor", output;
    bool no_compare = false;
    int min_count = 0;
    bool min_count_given = false;
};

ReportRequest report_request(const Context& ctx, const ReportArgs& args) {
    auto from = parse_date_option(args.from, "--from");
    auto to = parse_date_option(args.to, "--to");
    if (!from || !to) throw Failure{"--from and --to are required"};
    if (*to < *from) throw Failure{"--to is before --from"};
    ReportRequest request;
    request.period = Period{*from, *to};
    request.lang = ctx.lang;
    auto audience = parse_audience(args.audience);
    if (!audience) throw Failure{"--audience: advisor, administration or public"};
    request.audience = *audience;
    auto compare_from = parse_date_option(args.compare_from, "--compare-from");
    auto compare_to = parse_date_option(args.compare_to, "--compare-to");
    if (args.no_compare) {
        if (compare_from || compare_to)
            throw Failure{"--no-compare cannot be combined with --compare-from/--compare-to"};
    } else if (compare_from || compare_to) {
        if (!compare_from || !compare_to)
            throw Failure{"--compare-from and --compare-to go together"};
        if (*compare_to < *compare_from) throw Failure{"--compare-to is before --compare-from"};
        request.compare = Period{*compare_from, *compare_to};
    } else {
        request.compare = previous_year(request.period);
    }
    if (args.min_count_given) request.min_count = args.min_count;
    try {
        check_report_request(request);
    } catch (const ReportRequestError& e) {
        throw Failure{e.what()};
    }
    return request;
}

int run_report(const Context& ctx, const RegisterArgs& args, const ReportArgs& report_args) {
    auto request = report_request(ctx, report_args);
    auto format = parse_report_format(report_args.format);
    if (!format) throw Failure{"--format: json, md, html or csv"};
    Register reg = open_register(args, false);
    auto columns = reg.load_columns();
    auto report = compute_report(columns, reg.config(), request);
    write_output(report_args.output, render_report(report, *format));
    if (!report_args.output.empty() && report_args.output != "-") {
        std::cerr << report_args.output << ": "
                  << (report.volume.cases.shown() ? std::to_string(report.volume.cases.value())
                                                  : std::string("x"))
                  << ctx.tr(" sager i perioden\n", " cases in the period\n");
    }
    return Exit::success;
}

/// The bundled example: the demo data of Eksempel Kommune (two years) into a fresh register,
/// and its report for the last year against the year before, as HTML and Markdown.
int run_demo(const Context& ctx, const std::string& dir_option) {
    fs::path dir = dir_option.empty() ? fs::path("ombuds-demo") : fs::path(dir_option);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw Failure{dir.string() + ": cannot be created (" + ec.message() + ")"};
    fs::path data = OMBUDS_DEMO_DATA;
    if (!fs::exists(data)) data = OMBUDS_INSTALLED_DEMO_DATA;
    if (const char* override_data = std::getenv("OMBUDS_DEMO_DATA")) data = override_data;
    if (!fs::exists(data)) throw Failure{data.string() + ": the demo data is missing"};

    fs::path db = dir / "demo.db";
    for (const char* suffix : {"", "-wal", "-shm", ".key"}) fs::remove(db.string() + suffix, ec);
    Register reg = Register::open(db);
    CaseFile cases;
    try {
        cases = read_case_file(data, reg.config());
    } catch (const InputError& e) {
        throw Failure{e.what()};
    }
    ImportResult result = import_cases(reg, cases);
    if (result.imported != cases.records.size()) {
        print_issues(ctx, data.string(), result.issues);
        throw Failure{data.string() + ": the demo data did not import"};
    }
    Date last = Date::first();
    for (const auto& rec : cases.records) {
        if (rec.received && *rec.received > last) last = *rec.received;
    }
    ReportRequest request;
    request.period =
        Period{*Date::from_ymd(last.year(), 1, 1), *Date::from_ymd(last.year(), 12, 31)};
    request.compare = previous_year(request.period);
    request.lang = ctx.lang;
    auto report = compute_report(reg.load_columns(), reg.config(), request);
    write_output((dir / "report.html").string(), render_report(report, ReportFormat::html));
    write_output((dir / "report.md").string(), render_report(report, ReportFormat::md));
    std::cout << ctx.tr("Demo: ", "Demo: ") << result.imported
              << ctx.tr(" sager fra ", " cases from ") << reg.config().organisation.name()
              << ctx.tr(" gemt i ", " stored in ") << db.string() << "\n"
              << ctx.tr("Beretning ", "Report ") << request.period.from.year()
              << ctx.tr(" skrevet til:\n", " written to:\n") << "  "
              << (dir / "report.html").string() << "\n  " << (dir / "report.md").string() << "\n";
    return Exit::success;
}

int run(int argc, char** argv) {
    CLI::App app{"ombuds: the case register and statistics of a citizens' advisor (borgerrådgiver)",
                 "ombuds"};
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
    import->add_option(
        "--skip-invalid", import_opts.rejects,
        "Store the valid cases; write the refused rows with their reasons to this file");
    import->add_flag("--dry-run", import_opts.dry_run,
                     "Validate against the register; store nothing");

    // export
    RegisterArgs export_args;
    ExportArgs export_opts;
    auto* exporter = app.add_subcommand(
        "export", "Write the register's cases (no notes, no pseudonyms), or one citizen's");
    export_args.add_to(*exporter);
    exporter->add_option("--from", export_opts.from, "First date received");
    exporter->add_option("--to", export_opts.to, "Last date received");
    exporter->add_option("--format", export_opts.format, "csv or jsonl")
        ->check(CLI::IsMember({"csv", "jsonl"}));
    exporter->add_option("--output", export_opts.output, "Output file (default: standard output)");
    exporter->add_option("--citizen", export_opts.citizen,
                         "Insight export of one citizen (CPR, cvr:..., ref:...)");

    // erase
    RegisterArgs erase_args;
    std::string erase_citizen;
    auto* erase = app.add_subcommand("erase", "Remove every case of one citizen");
    erase_args.add_to(*erase);
    erase->add_option("--citizen", erase_citizen, "CPR, cvr:... or ref:...")->required();

    // anonymise
    RegisterArgs anonymise_args;
    std::string closed_before;
    auto* anonymise = app.add_subcommand(
        "anonymise", "Remove pseudonyms and notes of cases closed before a date");
    anonymise_args.add_to(*anonymise);
    anonymise->add_option("--closed-before", closed_before, "Date")->required();

    // report
    RegisterArgs report_args;
    ReportArgs report_opts;
    auto* report = app.add_subcommand("report", "Compute the report of a period");
    report_args.add_to(*report);
    report->add_option("--from", report_opts.from, "First day of the period")->required();
    report->add_option("--to", report_opts.to, "Last day of the period")->required();
    report->add_option("--compare-from", report_opts.compare_from,
                       "First day of the comparison period");
    report->add_option("--compare-to", report_opts.compare_to, "Last day of the comparison period");
    report->add_flag("--no-compare", report_opts.no_compare, "No comparison period");
    report->add_option("--format", report_opts.format, "json, md, html or csv")
        ->check(CLI::IsMember({"json", "md", "html", "csv"}))
        ->capture_default_str();
    report->add_option("--audience", report_opts.audience, "advisor, administration or public")
        ->check(CLI::IsMember({"advisor", "administration", "public"}))
        ->capture_default_str();
    report->add_option("--output", report_opts.output, "Output file (default: standard output)");
    auto* min_count =
        report->add_option("--min-count", report_opts.min_count,
                           "Smallest count shown outside the office (at least 3; default 5)");

    // demo
    std::string demo_dir;
    auto* demo = app.add_subcommand(
        "demo", "Build a register from the bundled example data and write its report");
    demo->add_option("--dir", demo_dir,
                     "Directory for the register and the report (default: ombuds-demo)");

    for (auto* command : app.get_subcommands({})) {
        command->add_option("--lang", lang, "Language of messages: da or en")
            ->check(CLI::IsMember({"da", "en"}));
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
    report_opts.min_count_given = min_count->count() > 0;

    try {
        if (validate->parsed()) return run_validate(ctx, validate_file, validate_config);
        if (taxonomy->parsed()) return run_taxonomy(ctx, taxonomy_format, taxonomy_config);
        if (init->parsed()) return run_init(ctx, init_args);
        if (import->parsed()) return run_import(ctx, import_args, import_opts);
        if (exporter->parsed()) return run_export(ctx, export_args, export_opts);
        if (erase->parsed()) return run_erase(ctx, erase_args, erase_citizen);
        if (anonymise->parsed()) return run_anonymise(ctx, anonymise_args, closed_before);
        if (report->parsed()) return run_report(ctx, report_args, report_opts);
        if (demo->parsed()) return run_demo(ctx, demo_dir);
    } catch (const Failure& failure) {
        std::cerr << "ombuds: " << detail::printable(failure.message) << '\n';
        return Exit::usage_or_io;
    } catch (const Error& e) {
        std::cerr << "ombuds: " << detail::printable(e.what()) << '\n';
        return e.exit_code();
    }
    return Exit::usage_or_io;
}

}  // namespace
}  // namespace ombuds::cli

int main(int argc, char** argv) {
    // This process is ours to tune; a library cannot decide that for its host.
    ombuds::turn_off_sqlite_memory_statistics();
    try {
        return ombuds::cli::run(argc, argv);
    } catch (const std::bad_alloc&) {
        std::cerr << "ombuds: out of memory\n";
    } catch (const std::exception& e) {
        std::cerr << "ombuds: " << ombuds::detail::printable(e.what()) << '\n';
    }
    return ombuds::cli::Exit::usage_or_io;
}
