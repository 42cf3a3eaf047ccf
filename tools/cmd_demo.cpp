// SPDX-License-Identifier: MPL-2.0
// The bundled example: the demo data of Eksempel Kommune (two years) into a fresh register, and
// its report for the last year against the year before, as HTML and Markdown.
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli_common.hpp"
#include "ombuds/import.hpp"
#include "ombuds/output_file.hpp"
#include "ombuds/report.hpp"

namespace ombuds::cli {
namespace {

namespace fs = std::filesystem;

int run_demo(const Context& ctx, const std::string& dir_option) {
    fs::path dir = dir_option.empty() ? fs::path("ombuds-demo") : fs::path(dir_option);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw Error(ErrorKind::io,
                    shown(dir.string()) + ": cannot be created (" + ec.message() + ")",
                    shown(dir.string()) + ": kan ikke oprettes (" + ec.message() + ")");
    fs::path data = OMBUDS_DEMO_DATA;
    if (!fs::exists(data)) data = OMBUDS_INSTALLED_DEMO_DATA;
    if (const char* override_data = std::getenv("OMBUDS_DEMO_DATA")) data = override_data;
    if (!fs::exists(data))
        throw Error(ErrorKind::io, shown(data.string()) + ": the demo data is missing",
                    shown(data.string()) + ": demodata mangler");

    fs::path db = dir / "demo.db";
    for (const char* suffix : {"", "-wal", "-shm", ".key"}) fs::remove(db.string() + suffix, ec);
    auto reg = Register::open(db);
    auto cases = read_case_file(data, reg.config());
    auto result = import_cases(reg, cases);
    if (result.imported != cases.records.size()) {
        print_issues(ctx, data.string(), result.issues);
        throw Error(ErrorKind::io, shown(data.string()) + ": the demo data did not import",
                    shown(data.string()) + ": demodata kunne ikke importeres");
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
    auto protect = register_files(db);
    write_output((dir / "report.html").string(), render_report(report, ReportFormat::html), false,
                 protect);
    write_output((dir / "report.md").string(), render_report(report, ReportFormat::md), false,
                 protect);
    std::cout << "Demo: " << result.imported << ctx.tr(" sager fra ", " cases from ")
              << reg.config().organisation.name() << ctx.tr(" gemt i ", " stored in ")
              << shown(db.string()) << "\n"
              << ctx.tr("Beretning ", "Report ") << request.period.from.year()
              << ctx.tr(" skrevet til:\n", " written to:\n") << "  "
              << shown((dir / "report.html").string()) << "\n  "
              << shown((dir / "report.md").string()) << "\n";
    return Exit::success;
}

}  // namespace

void add_demo_command(CLI::App& app, const Context& ctx, Commands& commands) {
    auto dir = std::make_shared<std::string>();
    auto* d = app.add_subcommand(
        "demo", ctx.tr("Byg et register af de medfølgende eksempeldata og skriv beretningen",
                       "Build a register from the bundled example data and write its report"));
    d->add_option("--dir", *dir,
                  ctx.tr("Mappe til registret og beretningen (standard: ombuds-demo)",
                         "Directory for the register and the report (default: ombuds-demo)"));
    commands.push_back({d, [dir, &ctx] { return run_demo(ctx, *dir); }});
}

}  // namespace ombuds::cli
