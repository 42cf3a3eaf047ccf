// SPDX-License-Identifier: MPL-2.0
// CLI11's parse errors in the user's language. CLI11 words its errors in English; the forms it
// uses are recognised here and said again in Danish. Whatever they echo is made printable and
// redacted, so a CPR number typed in the wrong place is never shown.
#include <optional>
#include <string>
#include <utility>

#include "cli.hpp"
#include "ombuds/detail/text.hpp"

namespace ombuds::cli {
namespace {

// Plain string matching rather than <regex>: GCC 12 warns inside <regex> under the sanitizers.

/// What precedes `suffix` when `text` ends with it.
std::optional<std::string> before_suffix(const std::string& text, std::string_view suffix) {
    if (!text.ends_with(suffix) || text.size() == suffix.size()) return std::nullopt;
    return text.substr(0, text.size() - suffix.size());
}

/// What follows the first `marker` in `text`.
std::optional<std::string> after(const std::string& text, std::string_view marker) {
    const auto at = text.find(marker);
    if (at == std::string::npos) return std::nullopt;
    return text.substr(at + marker.size());
}

/// The two sides of the last `separator` in `text`, both non-empty.
std::optional<std::pair<std::string, std::string>> split_last(const std::string& text,
                                                              std::string_view separator) {
    const auto at = text.rfind(separator);
    if (at == std::string::npos || at == 0 || at + separator.size() == text.size())
        return std::nullopt;
    return std::pair{text.substr(0, at), text.substr(at + separator.size())};
}

/// What precedes the first colon, when there is one.
std::optional<std::string> before_colon(const std::string& text) {
    const auto at = text.find(':');
    if (at == std::string::npos) return std::nullopt;
    return text.substr(0, at);
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
    if (is(error, CLI::ExitCodes::RequiredError)) {
        if (what.starts_with("A subcommand"))
            return da ? "vælg en kommando (se ombuds --help)"
                      : "a command is required (see ombuds --help)";
        if (const auto name = before_suffix(what, " is required"))
            return da ? *name + " skal angives" : *name + " is required";
    } else if (is(error, CLI::ExitCodes::ExtrasError)) {
        // Named after the command whose line it is, or the error's own name at the top level.
        const std::string name = error.get_name();
        const std::string help =
            "ombuds " + (name == "ExtrasError" ? std::string() : name + " ") + "--help";
        if (const auto extra = after(what, "not expected: "))
            return (da ? "uventet argument: " : "unexpected argument: ") +
                   detail::quote_value(*extra) + (da ? " (se " : " (see ") + help + ")";
    } else if (is(error, CLI::ExitCodes::ConversionError)) {
        if (what.starts_with("Could not convert: "))
            if (const auto pair = split_last(what.substr(19), " = "))
                return pair->first + ": " + detail::quote_value(pair->second) +
                       (da ? " er ikke en gyldig værdi" : " is not a valid value");
        if (what.starts_with("The value "))
            if (const auto pair = split_last(what.substr(10), " is not an allowed value for "))
                return pair->second + ": " + detail::quote_value(pair->first) +
                       (da ? " er ikke en gyldig værdi" : " is not a valid value");
        auto name = before_suffix(what, ": too many inputs for a flag");
        if (!name) name = before_suffix(what, ": Should be true/false or a number");
        if (name) return da ? *name + " tager ingen værdi" : *name + " takes no value";
    } else if (is(error, CLI::ExitCodes::ArgumentMismatch)) {
        std::optional<std::string> name;
        if (const auto rest = after(what, "arguments to "))
            if (const auto pair = split_last(*rest, ", got")) name = pair->first;
        if (!name && (what.find("required") != std::string::npos ||
                      what.find("missing") != std::string::npos))
            name = before_colon(what);
        if (name)
            return da ? *name + ": mangler en værdi eller har for mange"
                      : *name + ": a value is missing or there are too many";
    } else if (is(error, CLI::ExitCodes::ValidationError)) {
        if (const auto name = before_colon(what))
            return da ? *name + ": ugyldig værdi" : *name + ": not a valid value";
    } else if (is(error, CLI::ExitCodes::ExcludesError)) {
        if (const auto pair = split_last(what, " excludes "))
            return da ? pair->first + " kan ikke kombineres med " + pair->second
                      : pair->first + " cannot be combined with " + pair->second;
    } else if (is(error, CLI::ExitCodes::RequiresError)) {
        if (const auto pair = split_last(what, " requires "))
            return da ? pair->first + " kræver " + pair->second
                      : pair->first + " requires " + pair->second;
    }
    return (da ? "ugyldig kommandolinje: " : "invalid command line: ") + what;
}

}  // namespace ombuds::cli
