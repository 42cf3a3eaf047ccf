// SPDX-License-Identifier: MPL-2.0
// CLI11's parse errors in the user's language. CLI11 words its errors in English; the forms it
// uses are recognised here and said again in Danish. Whatever they echo is made printable and
// redacted, so a CPR number typed in the wrong place is never shown.
#include <regex>

#include "cli.hpp"
#include "ombuds/detail/text.hpp"

namespace ombuds::cli {
namespace {

/// The groups of `text` a pattern matched, or an empty match.
std::smatch groups(const std::string& text, const std::regex& pattern) {
    std::smatch match;
    std::regex_search(text, match, pattern);
    return match;
}

/// The kind of a CLI11 error. Its exit code, not its name: an error in a subcommand is named
/// after the subcommand.
bool is(const CLI::ParseError& error, CLI::ExitCodes code) {
    return error.get_exit_code() == static_cast<int>(code);
}

}  // namespace

std::string parse_error_message(const CLI::ParseError& error, const Context& ctx) {
    const std::string what = detail::printable(error.what());
    const bool da = ctx.lang == Lang::da;
    static const std::regex required("^(.*) is required$");
    static const std::regex extras("not expected: (.*)$");
    static const std::regex convert("^Could not convert: (.*) = (.*)$");
    static const std::regex not_allowed("^The value (.*) is not an allowed value for (.*)$");
    static const std::regex flag(
        "^(.*): (too many inputs for a flag|Should be true/false or a "
        "number)$");
    static const std::regex arguments("arguments to (.*), got|^([^:]*): .*(required|missing)");
    static const std::regex named("^([^:]*):");
    static const std::regex excludes("^(.*) excludes (.*)$");
    static const std::regex requires_("^(.*) requires (.*)$");
    std::smatch match;
    if (is(error, CLI::ExitCodes::RequiredError)) {
        if (what.starts_with("A subcommand"))
            return da ? "vælg en kommando (se ombuds --help)"
                      : "a command is required (see ombuds --help)";
        if ((match = groups(what, required)).size() > 1)
            return da ? match.str(1) + " skal angives" : match.str(1) + " is required";
    } else if (is(error, CLI::ExitCodes::ExtrasError)) {
        // Named after the command whose line it is, or the error's own name at the top level.
        const std::string name = error.get_name();
        const std::string help =
            "ombuds " + (name == "ExtrasError" ? std::string() : name + " ") + "--help";
        if ((match = groups(what, extras)).size() > 1)
            return (da ? "uventet argument: " : "unexpected argument: ") +
                   detail::quote_value(match.str(1)) + (da ? " (se " : " (see ") + help + ")";
    } else if (is(error, CLI::ExitCodes::ConversionError)) {
        if ((match = groups(what, convert)).size() > 1)
            return match.str(1) + ": " + detail::quote_value(match.str(2)) +
                   (da ? " er ikke en gyldig værdi" : " is not a valid value");
        if ((match = groups(what, not_allowed)).size() > 1)
            return match.str(2) + ": " + detail::quote_value(match.str(1)) +
                   (da ? " er ikke en gyldig værdi" : " is not a valid value");
        if ((match = groups(what, flag)).size() > 1)
            return da ? match.str(1) + " tager ingen værdi" : match.str(1) + " takes no value";
    } else if (is(error, CLI::ExitCodes::ArgumentMismatch)) {
        if ((match = groups(what, arguments)).size() > 1) {
            const std::string name = match[1].matched ? match.str(1) : match.str(2);
            return da ? name + ": mangler en værdi eller har for mange"
                      : name + ": a value is missing or there are too many";
        }
    } else if (is(error, CLI::ExitCodes::ValidationError)) {
        if ((match = groups(what, named)).size() > 1)
            return da ? match.str(1) + ": ugyldig værdi" : match.str(1) + ": not a valid value";
    } else if (is(error, CLI::ExitCodes::ExcludesError)) {
        if ((match = groups(what, excludes)).size() > 1)
            return da ? match.str(1) + " kan ikke kombineres med " + match.str(2)
                      : match.str(1) + " cannot be combined with " + match.str(2);
    } else if (is(error, CLI::ExitCodes::RequiresError)) {
        if ((match = groups(what, requires_)).size() > 1)
            return da ? match.str(1) + " kræver " + match.str(2)
                      : match.str(1) + " requires " + match.str(2);
    }
    return (da ? "ugyldig kommandolinje: " : "invalid command line: ") + what;
}

}  // namespace ombuds::cli
