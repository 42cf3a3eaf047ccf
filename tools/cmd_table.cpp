// SPDX-License-Identifier: MPL-2.0
// `ombuds table`: any count of the cases of a period by one or two dimensions, with filters and
// totals, for the advisor or, with small counts hidden, for the administration and the public.
#include <iostream>
#include <memory>

#include "cli_common.hpp"
#include "ombuds/detail/text.hpp"
#include "ombuds/table.hpp"

namespace ombuds::cli {
namespace {

struct TableArgs {
    RegisterArgs reg;
    std::string rows, cols, from, to, format = "md", audience = "advisor", output, kle;
    std::vector<std::string> where;
    int min_count = 0;
    CLI::Option* min_count_option = nullptr;
};

DimensionSpec dimension_option(const std::string& text, std::string_view option) {
    auto spec = parse_dimension(text);
    if (!spec) {
        throw usage(std::string(option) + ": " + detail::quote_value(text) +
                        " er ingen dimension; brug en af " + dimension_names(),
                    std::string(option) + ": " + detail::quote_value(text) +
                        " is no dimension; use one of " + dimension_names());
    }
    return *spec;
}

TableRequest table_request(const Context& ctx, const TableArgs& args) {
    TableRequest request;
    request.period = period_option(ctx, args.from, args.to);
    request.lang = ctx.lang;
    request.audience = audience_option(args.audience);
    request.rows = dimension_option(args.rows, "--rows");
    if (!args.cols.empty()) request.cols = dimension_option(args.cols, "--cols");
    for (const auto& filter : args.where) request.where.push_back(parse_filter(filter));
    if (args.min_count_option && args.min_count_option->count() > 0)
        request.min_count = args.min_count;
    if (!args.kle.empty()) request.kle_titles = read_kle_titles(args.kle);
    return request;
}

int run_table(const Context& ctx, const TableArgs& args) {
    auto request = table_request(ctx, args);
    auto format = parse_table_format(args.format);
    if (!format)
        throw usage("--format: json, md, csv eller xlsx", "--format: json, md, csv or xlsx");
    auto reg = args.reg.open(false);
    auto table = compute_table(reg.load_columns(), reg.config(), request);
    write_output(args.output, render_table(table, *format), false, args.reg.files());
    if (!args.output.empty() && args.output != "-")
        std::cerr << shown(args.output) << ctx.tr(": tabel skrevet\n", ": table written\n");
    return Exit::success;
}

}  // namespace

void add_table_command(CLI::App& app, const Context& ctx, Commands& commands) {
    auto args = std::make_shared<TableArgs>();
    auto* t = app.add_subcommand(
        "table", ctx.tr("Tæl sagerne i en periode fordelt på rækker og eventuelt kolonner",
                        "Count the cases of a period by one or two dimensions"));
    args->reg.add_to(*t, ctx);
    t->add_option("--rows", args->rows,
                  ctx.tr("Rækkernes dimension: ", "The rows' dimension: ") + dimension_names())
        ->required();
    t->add_option("--cols", args->cols,
                  ctx.tr("Kolonnernes dimension (valgfri)", "The columns' dimension (optional)"));
    t->add_option("--where", args->where,
                  ctx.tr("Kun sager med DIM=KODE[,KODE...]; kan gentages",
                         "Only cases with DIM=CODE[,CODE...]; may be repeated"))
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    t->add_option("--from", args->from, ctx.tr("Periodens første dag", "First day of the period"))
        ->required();
    t->add_option("--to", args->to, ctx.tr("Periodens sidste dag", "Last day of the period"))
        ->required();
    t->add_option(
        "--format", args->format,
        ctx.tr("json, md, csv eller xlsx (standard: md)", "json, md, csv or xlsx (default: md)"));
    t->add_option("--audience", args->audience,
                  ctx.tr("advisor (rådgiveren), administration eller public (små tal skjules)",
                         "advisor, administration or public (small counts hidden)"));
    args->min_count_option = t->add_option(
        "--min-count", args->min_count,
        ctx.tr("Det mindste antal, der vises uden for kontoret (mindst 3; standard 5)",
               "Smallest count shown outside the office (at least 3; default 5)"));
    t->add_option("--kle", args->kle,
                  ctx.tr("JSON-fil med KLE-emnernes titler", "JSON file of KLE subjects' titles"));
    t->add_option(
        "--output", args->output,
        ctx.tr("Outputfil (standard: standard output)", "Output file (default: standard output)"));
    commands.push_back({t, [args, &ctx] { return run_table(ctx, *args); }});
}

}  // namespace ombuds::cli
