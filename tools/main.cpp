// SPDX-License-Identifier: MPL-2.0
// The `ombuds` command line (interfaces.md, "Command line"): the main job for an office with no
// integration — import a spreadsheet of cases, validate, store, report. Everything a person
// reads is Danish, English with --lang en.
#include <cstring>
#include <exception>
#include <iostream>
#include <string_view>

#include "cli.hpp"
#include "ombuds/detail/text.hpp"
#include "ombuds/register.hpp"
#include "ombuds/version.hpp"

namespace ombuds::cli {
namespace {

/// The language asked for, read before the command line is parsed: the help texts are made in it.
Lang language_of(int argc, char** argv) {
    Lang lang = Lang::da;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--lang" && i + 1 < argc) {
            lang = std::string_view(argv[i + 1]) == "en" ? Lang::en : Lang::da;
        } else if (arg.starts_with("--lang=")) {
            lang = arg.substr(7) == "en" ? Lang::en : Lang::da;
        }
    }
    return lang;
}

/// CLI11's own words (help, labels, the headings of options and commands) in the context's
/// language. Called on the top level before its commands are added, so they inherit the headings.
void translate(CLI::App& app, const Context& ctx) {
    // CLI11 heads each list by its group's name: options with the defaults' group, commands
    // with their own group.
    app.option_defaults()->group(ctx.tr("Tilvalg", "Options"));
    app.group(ctx.tr("Kommandoer", "Subcommands"));
    app.set_help_flag("-h,--help", ctx.tr("Vis denne hjælp", "Print this help message and exit"));
    auto formatter = app.get_formatter();
    if (ctx.lang == Lang::da) {
        formatter->label("Usage", "Brug");
        formatter->label("OPTIONS", "TILVALG");
        formatter->label("Options", "Tilvalg");
        formatter->label("Positionals", "Argumenter");
        formatter->label("Subcommands", "Kommandoer");
        formatter->label("SUBCOMMAND", "KOMMANDO");
        formatter->label("SUBCOMMANDS", "KOMMANDOER");
        formatter->label("REQUIRED", "SKAL ANGIVES");
        formatter->label("TEXT", "TEKST");
        formatter->label("INT", "TAL");
        formatter->label("Needs", "Kræver");
        formatter->label("Excludes", "Udelukker");
    }
}

int run(int argc, char** argv) {
    Context ctx{language_of(argc, argv)};
    CLI::App app{ctx.tr("ombuds: sagsregister og statistik for en borgerrådgiver",
                        "ombuds: the case register and statistics of a citizens' advisor "
                        "(borgerrådgiver)"),
                 "ombuds"};
    translate(app, ctx);
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string(OMBUDS_VERSION_STRING),
                         ctx.tr("Vis versionen", "Display the version"));
    std::string lang = "da";
    const std::string lang_help =
        ctx.tr("Sprog for beskeder: da eller en", "Language of messages: da or en");
    app.add_option("--lang", lang, lang_help);
    Commands commands;
    add_file_commands(app, ctx, commands);
    add_report_commands(app, ctx, commands);
    add_case_commands(app, ctx, commands);
    add_demo_command(app, ctx, commands);
    for (auto& command : commands) {
        translate(*command.app, ctx);
        command.app->add_option("--lang", lang, lang_help);
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
        // An unknown command: CLI11 says only that a command is required.
        const auto left = app.remaining();
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::RequiredError) &&
            app.get_subcommands().empty() && !left.empty()) {
            std::cerr << "ombuds: " << ctx.tr("ukendt kommando: ", "unknown command: ")
                      << detail::quote_value(left.front())
                      << ctx.tr(" (se ombuds --help)", " (see ombuds --help)") << '\n';
            return Exit::usage_or_io;
        }
        std::cerr << "ombuds: " << parse_error_message(e, ctx) << '\n';
        return Exit::usage_or_io;
    }
    if (lang != "da" && lang != "en") {
        std::cerr << "ombuds: --lang: da " << ctx.tr("eller", "or") << " en\n";
        return Exit::usage_or_io;
    }

    try {
        for (auto& command : commands) {
            if (command.app->parsed()) return command.run();
        }
    } catch (const Error& e) {
        std::cerr << "ombuds: " << detail::printable(e.message(ctx.lang)) << '\n';
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
