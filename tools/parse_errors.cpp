// SPDX-License-Identifier: MPL-2.0
// CLI11's parse errors in the user's language. CLI11 words its errors in English; the forms it
// uses are recognised here and said again in Danish. Whatever they echo is made printable and
// redacted, so a CPR number typed in the wrong place is never shown.
#include <regex>

#include "cli.hpp"
#include "ombuds/detail/text.hpp"

namespace ombuds::cli {
namespace {

/// The part of `text` a pattern's first group matched, or "".
std::string group(const std::string& text, const std::regex& pattern) {
    std::smatch match;
    return std::regex_search(text, match, pattern) ? match.str(1) : std::string();
}

}  // namespace

std::string parse_error_message(const CLI::ParseError& error, const Context& ctx) {
    const std::string what = detail::printable(error.what());
    const std::string kind = error.get_name();
    const bool da = ctx.lang == Lang::da;
    static const std::regex required("^(.*) is required$");
    static const std::regex extras("not expected: (.*)$");
    static const std::regex mismatch("^([^:]*):");
    static const std::regex excludes("^(.*) excludes (.*)$");
    static const std::regex requires_("^(.*) requires (.*)$");
    std::string name;
    if (kind == "RequiredError") {
        if (what.starts_with("A subcommand"))
            return da ? "vælg en kommando (se ombuds --help)"
                      : "a command is required (see ombuds --help)";
        if (!(name = group(what, required)).empty())
            return da ? name + " skal angives" : name + " is required";
    } else if (kind == "ExtrasError") {
        if (!(name = group(what, extras)).empty())
            return da ? "uventet argument: " + name + " (se ombuds --help)"
                      : "unexpected argument: " + name + " (see ombuds --help)";
    } else if (kind == "ArgumentMismatch" || kind == "ConversionError" ||
               kind == "ValidationError") {
        if (!(name = group(what, mismatch)).empty())
            return da ? name + ": mangler en værdi eller har en ugyldig værdi"
                      : name + ": a value is missing or not valid";
    } else if (kind == "ExcludesError") {
        std::smatch match;
        if (std::regex_search(what, match, excludes))
            return da ? match.str(1) + " kan ikke kombineres med " + match.str(2)
                      : match.str(1) + " cannot be combined with " + match.str(2);
    } else if (kind == "RequiresError") {
        std::smatch match;
        if (std::regex_search(what, match, requires_))
            return da ? match.str(1) + " kræver " + match.str(2)
                      : match.str(1) + " requires " + match.str(2);
    }
    return (da ? "ugyldig kommandolinje: " : "invalid command line: ") + what;
}

}  // namespace ombuds::cli
