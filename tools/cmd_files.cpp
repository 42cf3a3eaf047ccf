// SPDX-License-Identifier: MPL-2.0
// The commands that take an office's case file: validate, import (with its rejects file), init,
// and the template workbook to register cases in.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli_common.hpp"
#include "ombuds/case_template.hpp"
#include "ombuds/import.hpp"
#include "ombuds/rejects.hpp"

namespace ombuds::cli {
namespace {

namespace fs = std::filesystem;

struct ImportArgs {
    RegisterArgs reg;
    std::string file;
    std::string sheet;
    bool replace = false;
    bool update = false;
    std::string rejects;
    bool dry_run = false;
};

void print_summary(const Context& ctx, const std::string& file, const ImportResult& result,
                   std::size_t errors, bool dry_run, bool stored_nothing) {
    std::cout << shown(file) << ": " << result.read << ctx.tr(" sager læst, ", " cases read, ")
              << result.imported << ctx.tr(" gemt, ", " stored, ") << result.refused
              << ctx.tr(" afvist; ", " refused; ") << errors << ctx.tr(" fejl, ", " errors, ")
              << result.issues.size() - errors << ctx.tr(" advarsler", " warnings");
    if (dry_run)
        std::cout << ctx.tr(" (prøvekørsel: intet gemt)", " (dry run: nothing stored)");
    else if (stored_nothing)
        std::cout << ctx.tr(" (intet gemt)", " (nothing stored)");
    std::cout << '\n';
}

int run_validate(const Context& ctx, const std::string& file, const std::string& sheet,
                 const RegisterArgs& args) {
    ImportOptions options;
    options.read.sheet = sheet;
    ImportResult result;
    if (args.db.empty()) {
        result = check_file(file, args.config.load(), options);
    } else {
        // Against the stored cases, exactly as import --dry-run: the same pipeline.
        auto reg = args.open(false);
        options.dry_run = true;
        result = import_file(reg, file, options);
    }
    std::size_t errors = print_issues(ctx, file, result.issues);
    std::cout << shown(file) << ": " << result.read << ctx.tr(" sager læst, ", " cases read, ")
              << result.refused << ctx.tr(" med fejl; ", " with errors; ") << errors
              << ctx.tr(" fejl, ", " errors, ") << result.issues.size() - errors
              << ctx.tr(" advarsler\n", " warnings\n");
    return errors > 0 || result.unreadable ? Exit::refused : Exit::success;
}

int run_import(const Context& ctx, const ImportArgs& args) {
    if (args.replace && args.update)
        throw usage("--replace og --update kan ikke bruges sammen",
                    "--replace and --update exclude each other");
    ImportOptions options;
    options.mode = args.replace  ? WriteMode::replace
                   : args.update ? WriteMode::update
                                 : WriteMode::insert;
    options.skip_invalid = !args.rejects.empty();
    options.dry_run = args.dry_run;
    options.read.sheet = args.sheet;
    options.read.keep_cells = options.skip_invalid;
    options.read.changes_only = args.update;
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
    // A dry run against a register that does not exist yet creates nothing: it checks the file
    // against nothing stored, with the configuration given.
    const bool exists = args.reg.exists();
    std::optional<Register> reg;
    if (exists || !args.dry_run) reg.emplace(args.reg.open(true));
    ImportResult result;
    CaseFile file;  // kept for the rejects file: the rows as typed
    if (options.skip_invalid) {
        file =
            read_case_file(args.file, reg ? reg->config() : args.reg.config.load(), options.read);
        result = reg ? import_cases(*reg, file, options)
                     : check_cases(file, args.reg.config.load(), options);
    } else {
        result = reg ? import_file(*reg, args.file, options)
                     : check_file(args.file, args.reg.config.load(), options);
    }
    if (progress_shown) std::cerr << '\n';
    std::size_t errors = print_issues(ctx, args.file, result.issues);
    if (options.skip_invalid && result.refused > 0) {
        auto protect = args.reg.files();
        protect.emplace_back(args.file);
        auto rejected = rejected_records(file, result.issues, result.refused_records, ctx.lang);
        write_output(args.rejects, rejects_file(file, rejected), true, protect);
    }
    print_summary(ctx, args.file, result, errors, args.dry_run,
                  result.imported == 0 && result.read > 0);
    return result.unreadable || errors > 0 ? Exit::refused : Exit::success;
}

int run_init(const Context& ctx, const RegisterArgs& args) {
    bool existed = args.exists();
    auto reg = args.open(true);
    std::cout << shown(reg.path().string()) << ": "  // a server's location without its password
              << (existed ? ctx.tr("registret findes allerede", "the register already exists")
                          : ctx.tr("register oprettet", "register created"))
              << " (" << reg.case_count() << ctx.tr(" sager)\n", " cases)\n");
    return Exit::success;
}

int run_template(const Context& ctx, const std::string& output, const RegisterArgs& args) {
    Configuration config = args.db.empty() ? args.config.load() : args.open(false).config();
    std::vector<fs::path> protect;
    if (!args.db.empty()) protect = args.files();
    write_output(output, case_template_xlsx(config), false, protect);
    std::cerr << shown(output)
              << ctx.tr(": skabelon skrevet; udfyld arket 'Sager' og importér det\n",
                        ": template written; fill in the sheet 'Sager' and import it\n");
    return Exit::success;
}

}  // namespace

void add_file_commands(CLI::App& app, const Context& ctx, Commands& commands) {
    // validate
    struct Validate {
        std::string file, sheet;
        RegisterArgs reg;  // the register is optional (--register)
    };
    auto validate = std::make_shared<Validate>();
    auto* v = app.add_subcommand("validate", ctx.tr("Kontrollér en sagsfil; gemmer intet",
                                                    "Check a case file; stores nothing"));
    v->add_option(ctx.tr("FIL", "FILE"), validate->file,
                  ctx.tr("Sagsfilen (CSV, JSON Lines eller Excel .xlsx)",
                         "Case file (CSV, JSON Lines or Excel .xlsx)"))
        ->required();
    v->add_option("--sheet", validate->sheet,
                  ctx.tr("Arket i en Excel-projektmappe (standard: det første)",
                         "The sheet of an Excel workbook (default: the first)"));
    v->add_option("--register", validate->reg.db,
                  ctx.tr("Kontrollér også mod de gemte sager i dette register (som import "
                         "--dry-run)",
                         "Check against the cases stored in this register too (as import "
                         "--dry-run)"));
    validate->reg.config.add_to(*v, ctx);
    validate->reg.add_access_options(*v, ctx);
    commands.push_back({v, [validate, &ctx] {
                            return run_validate(ctx, validate->file, validate->sheet,
                                                validate->reg);
                        }});

    // import
    auto import = std::make_shared<ImportArgs>();
    auto* i =
        app.add_subcommand("import", ctx.tr("Kontrollér en sagsfil og gem den i et register",
                                            "Validate a case file and store it in a register"));
    import->reg.add_to(*i, ctx);
    i->add_option(ctx.tr("FIL", "FILE"), import->file,
                  ctx.tr("Sagsfilen (CSV, JSON Lines eller Excel .xlsx)",
                         "Case file (CSV, JSON Lines or Excel .xlsx)"))
        ->required();
    i->add_option("--sheet", import->sheet,
                  ctx.tr("Arket i en Excel-projektmappe (standard: det første)",
                         "The sheet of an Excel workbook (default: the first)"));
    i->add_flag("--replace", import->replace,
                ctx.tr("Hver række erstatter hele den gemte sag med samme sagsnummer",
                       "Each row replaces the whole stored case with its id"));
    i->add_flag("--update", import->update,
                ctx.tr("Hver række retter kun de kolonner, filen har, i den gemte sag",
                       "Each row changes only the columns the file has in the stored case"));
    i->add_option("--skip-invalid", import->rejects,
                  ctx.tr("Gem de gyldige sager; skriv de afviste rækker, som de blev skrevet, "
                         "med grunden til denne fil",
                         "Store the valid cases; write the refused rows as typed, with their "
                         "reasons, to this file"));
    i->add_flag("--dry-run", import->dry_run,
                ctx.tr("Kontrollér mod registret; gem intet og opret intet",
                       "Validate against the register; store nothing, create nothing"));
    commands.push_back({i, [import, &ctx] { return run_import(ctx, *import); }});

    // init
    auto init = std::make_shared<RegisterArgs>();
    auto* n = app.add_subcommand("init", ctx.tr("Opret et register", "Create a register"));
    init->add_to(*n, ctx);
    commands.push_back({n, [init, &ctx] { return run_init(ctx, *init); }});

    // template
    struct Template {
        std::string output;
        RegisterArgs reg;
    };
    auto tmpl = std::make_shared<Template>();
    auto* t = app.add_subcommand(
        "template", ctx.tr("Skriv en Excel-skabelon at registrere sager i, med rullelister fra "
                           "organisationen og temakataloget",
                           "Write an Excel workbook to register cases in, with drop-down lists "
                           "from the organisation and theme catalogue"));
    t->add_option(ctx.tr("FIL", "FILE"), tmpl->output,
                  ctx.tr("Projektmappen (.xlsx)", "The workbook (.xlsx)"))
        ->required();
    t->add_option("--register", tmpl->reg.db,
                  ctx.tr("Brug dette registers organisation og temaer",
                         "Use this register's organisation and themes"));
    tmpl->reg.config.add_to(*t, ctx);
    t->add_option("--key-file", tmpl->reg.key_file,
                  ctx.tr("Registrets nøglefil", "The register's key file"));
    commands.push_back({t, [tmpl, &ctx] { return run_template(ctx, tmpl->output, tmpl->reg); }});
}

}  // namespace ombuds::cli
