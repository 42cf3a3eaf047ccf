// SPDX-License-Identifier: MPL-2.0
// The commands on stored cases: show and delete one, the exports, erasing a citizen,
// anonymising, and the catalogue in force.
#include <iostream>
#include <memory>
#include <sstream>

#include "cli_common.hpp"
#include "ombuds/case_file.hpp"
#include "ombuds/catalogue.hpp"
#include "ombuds/detail/text.hpp"

namespace ombuds::cli {
namespace {

int run_show(const Context& ctx, const RegisterArgs& args, const std::string& case_id) {
    auto reg = args.open(false);
    auto found = reg.find_case(case_id);
    if (!found) {
        throw Error(ErrorKind::not_found, "no case " + detail::quote_value(case_id),
                    "ingen sag " + detail::quote_value(case_id));
    }
    const auto& config = reg.config();
    for (const auto& info : field_table) {
        std::string value;
        if (info.field == Field::citizen) {
            // The citizen's id never leaves the register; only whether there is one.
            value = found->has_citizen
                        ? ctx.tr("(registreret", "(registered") +
                              (found->citizen_kind.empty() ? "" : ", " + found->citizen_kind) + ")"
                        : "";
        } else {
            value = field_text(found->record, info.field, config);
        }
        std::cout << (ctx.lang == Lang::da ? info.danish : info.name) << ": "
                  << detail::printable(value) << '\n';
    }
    if (!found->followups.empty()) {
        std::cout << ctx.tr("Følgesager: ", "Follow-up cases: ");
        for (std::size_t i = 0; i < found->followups.size(); ++i)
            std::cout << (i ? ", " : "") << detail::printable(found->followups[i]);
        std::cout << '\n';
    }
    return Exit::success;
}

int run_delete(const Context& ctx, const RegisterArgs& args, const std::string& case_id) {
    auto reg = args.open(false);
    reg.delete_case(case_id);
    std::cout << detail::quote_value(case_id) << ctx.tr(" slettet\n", " deleted\n");
    return Exit::success;
}

struct ExportArgs {
    RegisterArgs reg;
    std::string from, to, format = "csv", output, citizen;
    bool excel = false;
};

int run_export(const Context& ctx, const ExportArgs& args) {
    auto reg = args.reg.open(false);
    WriteOptions options;
    if (args.format == "jsonl") {
        options.format = FileFormat::jsonl;
    } else if (args.format == "xlsx") {
        options.format = FileFormat::xlsx;
    } else if (args.format != "csv") {
        throw usage("--format: csv, jsonl eller xlsx", "--format: csv, jsonl or xlsx");
    }
    options.excel = args.excel;
    std::ostringstream out;
    std::size_t count = 0;
    bool personal = false;
    // No citizen column in either export (an export fed back with --update changes nothing);
    // notes only in the insight export.
    for (const auto& info : field_table) {
        if (info.field == Field::citizen) continue;
        if (info.field == Field::note && args.citizen.empty()) continue;
        options.columns.push_back(info.field);
    }
    if (!args.citizen.empty()) {
        if (!args.from.empty() || !args.to.empty())
            throw usage("--citizen kan ikke kombineres med --from/--to",
                        "--citizen cannot be combined with --from/--to");
        auto records = reg.citizen_cases(args.citizen);
        options.with_notes = true;
        write_case_file(out, records, reg.config(), options);
        count = records.size();
        personal = true;
    } else {
        auto from = date_option(ctx, args.from, "--from");
        auto to = date_option(ctx, args.to, "--to");
        if (from.has_value() != to.has_value())
            throw usage("--from og --to hører sammen", "--from and --to go together");
        std::optional<Period> period;
        if (from) period = Period{*from, *to};
        auto records = reg.cases(period);
        write_case_file(out, records, reg.config(), options);
        count = records.size();
    }
    write_output(args.output, out.str(), personal, args.reg.files());
    if (!args.output.empty() && args.output != "-") {
        std::cerr << shown(args.output) << ": " << count
                  << ctx.tr(" sager skrevet\n", " cases written\n");
    }
    return Exit::success;
}

int run_erase(const Context& ctx, const RegisterArgs& args, const std::string& citizen) {
    auto reg = args.open(false);
    auto result = reg.erase_citizen(citizen);
    std::cout << result.erased << ctx.tr(" sager slettet\n", " cases erased\n");
    if (!result.clean) {
        std::cerr << ctx.tr(
            "ombuds: det slettede ligger stadig i registrets lager (SQLites log, WAL, eller "
            "PostgreSQL's døde rækker), fordi en anden forbindelse læser registret; luk de andre "
            "programmer, der bruger det, og kør erase igen\n",
            "ombuds: the erased content is still in the register's storage (SQLite's log, the "
            "WAL, or PostgreSQL's dead rows) because another connection is reading the register; "
            "close the other programs using it and run erase again\n");
        return Exit::usage_or_io;
    }
    return Exit::success;
}

int run_anonymise(const Context& ctx, const RegisterArgs& args, const std::string& before) {
    auto date = date_option(ctx, before, "--closed-before");
    auto reg = args.open(false);
    auto result = reg.anonymise_closed_before(*date);
    std::cout << result.cases << ctx.tr(" sager anonymiseret (", " cases anonymised (")
              << result.citizens << ctx.tr(" borgere)\n", " citizens)\n");
    return Exit::success;
}

int run_taxonomy(const Context& ctx, const RegisterArgs& args, const std::string& format) {
    // With a register: its own organisation and themes, read without changing anything.
    Configuration config = args.db.empty() ? args.config.load() : args.open(false).config();
    if (format == "md") {
        std::cout << catalogue_markdown(config, ctx.lang);
    } else if (format == "json") {
        std::cout << catalogue_json(config, ctx.lang) << '\n';
    } else {
        throw usage("--format: json eller md", "--format: json or md");
    }
    return Exit::success;
}

}  // namespace

void add_case_commands(CLI::App& app, const Context& ctx, Commands& commands) {
    struct One {
        RegisterArgs reg;
        std::string case_id;
    };
    auto show = std::make_shared<One>();
    auto* s = app.add_subcommand(
        "show", ctx.tr("Vis en gemt sag (uden borgerens id, med notat)",
                       "Show one stored case (without the citizen's id, note included)"));
    show->reg.add_to(*s, ctx);
    s->add_option(ctx.tr("SAGSNR", "CASE_ID"), show->case_id, ctx.tr("Sagsnummeret", "The case id"))
        ->required();
    commands.push_back({s, [show, &ctx] { return run_show(ctx, show->reg, show->case_id); }});

    auto del = std::make_shared<One>();
    auto* d = app.add_subcommand("delete",
                                 ctx.tr("Slet en sag (afvises, så længe den har følgesager)",
                                        "Delete one case (refused while it has follow-up cases)"));
    del->reg.add_to(*d, ctx);
    d->add_option(ctx.tr("SAGSNR", "CASE_ID"), del->case_id, ctx.tr("Sagsnummeret", "The case id"))
        ->required();
    commands.push_back({d, [del, &ctx] { return run_delete(ctx, del->reg, del->case_id); }});

    auto exp = std::make_shared<ExportArgs>();
    auto* e = app.add_subcommand(
        "export", ctx.tr("Skriv registrets sager (uden borgere og notater), eller én borgers",
                         "Write the register's cases (no citizens, no notes), or one "
                         "citizen's"));
    exp->reg.add_to(*e, ctx);
    e->add_option("--from", exp->from, ctx.tr("Første modtagelsesdato", "First date received"));
    e->add_option("--to", exp->to, ctx.tr("Sidste modtagelsesdato", "Last date received"));
    e->add_option("--format", exp->format, ctx.tr("csv, jsonl eller xlsx", "csv, jsonl or xlsx"));
    e->add_flag("--excel", exp->excel,
                ctx.tr("Til dansk Excel: ';', BOM, danske overskrifter, betegnelser og datoer",
                       "For Danish Excel: ';', BOM, Danish headers, labels and dates"));
    e->add_option(
        "--output", exp->output,
        ctx.tr("Outputfil (standard: standard output)", "Output file (default: standard output)"));
    e->add_option("--citizen", exp->citizen,
                  ctx.tr("Indsigt: én borgers sager, med notater (CPR, cvr:..., ref:...)",
                         "Insight export of one citizen, notes included (CPR, cvr:..., ref:...)"));
    commands.push_back({e, [exp, &ctx] { return run_export(ctx, *exp); }});

    struct Citizen {
        RegisterArgs reg;
        std::string citizen;
    };
    auto erase = std::make_shared<Citizen>();
    auto* r = app.add_subcommand(
        "erase", ctx.tr("Slet alle en borgers sager", "Remove every case of one citizen"));
    erase->reg.add_to(*r, ctx);
    r->add_option("--citizen", erase->citizen,
                  ctx.tr("CPR, cvr:... eller ref:...", "CPR, cvr:... or ref:..."))
        ->required();
    commands.push_back({r, [erase, &ctx] { return run_erase(ctx, erase->reg, erase->citizen); }});

    struct Anonymise {
        RegisterArgs reg;
        std::string before;
    };
    auto anon = std::make_shared<Anonymise>();
    auto* a = app.add_subcommand(
        "anonymise",
        ctx.tr("Fjern pseudonym og notater for de borgere, hvis sager alle er afsluttet før en "
               "dato",
               "Remove pseudonym and notes of the citizens all of whose cases were closed before "
               "a date"));
    anon->reg.add_to(*a, ctx);
    a->add_option("--closed-before", anon->before, ctx.tr("Datoen", "The date"))->required();
    commands.push_back({a, [anon, &ctx] { return run_anonymise(ctx, anon->reg, anon->before); }});

    struct Taxonomy {
        RegisterArgs reg;
        std::string format = "json";
    };
    auto tax = std::make_shared<Taxonomy>();
    auto* x = app.add_subcommand(
        "taxonomy", ctx.tr("Vis kodekataloget (et registers egen organisation og temaer med DB)",
                           "Print the catalogue of codes in force (a register's own with DB)"));
    tax->reg.add_to(*x, ctx, false);
    x->add_option("--format", tax->format, ctx.tr("json eller md", "json or md"));
    commands.push_back({x, [tax, &ctx] { return run_taxonomy(ctx, tax->reg, tax->format); }});
}

}  // namespace ombuds::cli
