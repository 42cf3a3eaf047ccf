// SPDX-License-Identifier: MPL-2.0
// The report of a period, for the advisor or, with small counts hidden, for the administration
// and the public; scoped to one node of the organisation, or one report per area into a folder.
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include "cli_common.hpp"
#include "ombuds/report.hpp"

namespace ombuds::cli {
namespace {

struct ReportArgs {
    RegisterArgs reg;
    std::string from, to, compare_from, compare_to, format = "html", audience = "advisor", output;
    std::string unit, title, kle, dir;
    bool no_compare = false, per_area = false;
    int min_count = 0;
    CLI::Option* min_count_option = nullptr;
};

ReportRequest report_request(const Context& ctx, const ReportArgs& args) {
    ReportRequest request;
    request.period = period_option(ctx, args.from, args.to);
    request.lang = ctx.lang;
    request.audience = audience_option(args.audience);
    auto compare_from = date_option(ctx, args.compare_from, "--compare-from");
    auto compare_to = date_option(ctx, args.compare_to, "--compare-to");
    if (args.no_compare) {
        if (compare_from || compare_to)
            throw usage("--no-compare kan ikke kombineres med --compare-from/--compare-to",
                        "--no-compare cannot be combined with --compare-from/--compare-to");
    } else if (compare_from || compare_to) {
        if (!compare_from || !compare_to)
            throw usage("--compare-from og --compare-to hører sammen",
                        "--compare-from and --compare-to go together");
        if (*compare_to < *compare_from)
            throw usage("--compare-to ligger før --compare-from",
                        "--compare-to is before --compare-from");
        request.compare = Period{*compare_from, *compare_to};
    } else {
        request.compare = previous_year(request.period);
    }
    if (args.min_count_option && args.min_count_option->count() > 0)
        request.min_count = args.min_count;
    request.unit = args.unit;
    request.title = args.title;
    if (!args.kle.empty()) request.kle_titles = read_kle_titles(args.kle);
    check_report_request(request);
    return request;
}

/// The file name of an area's report: its code, with anything but letters, digits, '-' and '_'
/// written as '_' (a code is the office's own text).
std::string area_file_name(const std::string& code) {
    std::string name;
    for (unsigned char c : code) {
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '-' || c == '_';
        name += plain ? static_cast<char>(c) : '_';
    }
    return name;
}

/// One scoped report per area of the organisation (external authorities are no area of the
/// municipality's own) into `args.dir`.
int run_per_area(const Context& ctx, const ReportArgs& args, ReportRequest request,
                 ReportFormat format) {
    if (args.dir.empty()) throw usage("--per-area kræver --dir", "--per-area needs --dir");
    if (!args.unit.empty() || !args.output.empty())
        throw usage("--per-area kan ikke kombineres med --unit eller --output",
                    "--per-area cannot be combined with --unit or --output");
    auto reg = args.reg.open(false);
    const auto& columns = reg.load_columns();
    const auto& config = reg.config();
    std::error_code error;
    std::filesystem::create_directories(args.dir, error);
    if (error || !std::filesystem::is_directory(args.dir))
        throw Error(ErrorKind::io, shown(args.dir) + ": the folder cannot be made",
                    shown(args.dir) + ": mappen kan ikke oprettes");
    std::size_t written = 0;
    std::set<std::string> names;  // two codes written alike get a number, never one file
    for (const auto& unit : config.organisation.units()) {
        if (!unit.parent.empty() || unit.external) continue;
        request.unit = unit.code;
        auto report = compute_report(columns, config, request);
        auto name = area_file_name(unit.code);
        for (int n = 2; !names.insert(name).second; ++n)
            name = area_file_name(unit.code) + "-" + std::to_string(n);
        auto file = std::filesystem::path(args.dir) / (name + "." + args.format);
        write_output(file.string(), render_report(report, format), false, args.reg.files());
        std::cout << shown(file.string()) << '\n';
        ++written;
    }
    std::cerr << written << ctx.tr(" beretninger skrevet\n", " reports written\n");
    return Exit::success;
}

int run_report(const Context& ctx, const ReportArgs& args) {
    auto request = report_request(ctx, args);
    auto format = parse_report_format(args.format);
    if (!format)
        throw usage("--format: json, md, html, csv eller xlsx",
                    "--format: json, md, html, csv or xlsx");
    if (args.per_area) return run_per_area(ctx, args, request, *format);
    if (!args.dir.empty()) throw usage("--dir hører til --per-area", "--dir goes with --per-area");
    auto reg = args.reg.open(false);
    auto report = compute_report(reg.load_columns(), reg.config(), request);
    write_output(args.output, render_report(report, *format), false, args.reg.files());
    if (!args.output.empty() && args.output != "-")
        std::cerr << shown(args.output) << ctx.tr(": beretning skrevet\n", ": report written\n");
    return Exit::success;
}

}  // namespace

void add_report_commands(CLI::App& app, const Context& ctx, Commands& commands) {
    auto args = std::make_shared<ReportArgs>();
    auto* r = app.add_subcommand(
        "report", ctx.tr("Beregn beretningen for en periode", "Compute the report of a period"));
    args->reg.add_to(*r, ctx);
    r->add_option("--from", args->from, ctx.tr("Periodens første dag", "First day of the period"))
        ->required();
    r->add_option("--to", args->to, ctx.tr("Periodens sidste dag", "Last day of the period"))
        ->required();
    r->add_option("--compare-from", args->compare_from,
                  ctx.tr("Sammenligningsperiodens første dag (standard: et år før)",
                         "First day of the comparison period (default: a year earlier)"));
    r->add_option(
        "--compare-to", args->compare_to,
        ctx.tr("Sammenligningsperiodens sidste dag", "Last day of the comparison period"));
    r->add_flag("--no-compare", args->no_compare,
                ctx.tr("Ingen sammenligningsperiode", "No comparison period"));
    r->add_option("--format", args->format,
                  ctx.tr("json, md, html, csv eller xlsx (standard: html)",
                         "json, md, html, csv or xlsx (default: html)"));
    r->add_option("--unit", args->unit,
                  ctx.tr("Kun sagerne for denne del af organisationen (kode eller navn) og "
                         "enhederne under den",
                         "Only the cases of this node of the organisation (code or label) and "
                         "the nodes below it"));
    r->add_option("--title", args->title,
                  ctx.tr("Beretningens titel (fx kvartalsoversigt, midtvejsstatus)",
                         "The report's title (e.g. quarterly overview, midway status)"));
    r->add_option("--kle", args->kle,
                  ctx.tr("JSON-fil med KLE-emnernes titler, {\"27.24\": \"Hjælpemidler\"}",
                         "JSON file of KLE subjects' titles, {\"27.24\": \"Aids\"}"));
    r->add_flag("--per-area", args->per_area,
                ctx.tr("Én beretning pr. forvaltning i mappen --dir",
                       "One report per area into the folder --dir"));
    r->add_option("--dir", args->dir, ctx.tr("Mappen til --per-area", "The folder of --per-area"));
    r->add_option("--audience", args->audience,
                  ctx.tr("advisor (rådgiveren), administration eller public (små tal skjules)",
                         "advisor, administration or public (small counts hidden)"));
    args->min_count_option = r->add_option(
        "--min-count", args->min_count,
        ctx.tr("Det mindste antal, der vises uden for kontoret (mindst 3; standard 5)",
               "Smallest count shown outside the office (at least 3; default 5)"));
    r->add_option(
        "--output", args->output,
        ctx.tr("Outputfil (standard: standard output)", "Output file (default: standard output)"));
    commands.push_back({r, [args, &ctx] { return run_report(ctx, *args); }});
    add_table_command(app, ctx, commands);
}

}  // namespace ombuds::cli
