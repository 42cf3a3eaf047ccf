// SPDX-License-Identifier: MPL-2.0
// Loading the configuration from the JSON formats of interfaces.md, and the bundled defaults
// (the theme catalogue of domain.md and the example organisation "Eksempel Kommune").
// Needs the compiled library.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "ombuds/config.hpp"

namespace ombuds {

/// Parses an organisation from JSON text. `source` names the file in error messages.
/// Throws ConfigError naming the source, the unit and the problem.
Organisation parse_organisation_json(std::string_view json, std::string_view source);
/// Parses a theme catalogue from JSON text; throws ConfigError as above.
ThemeCatalogue parse_themes_json(std::string_view json, std::string_view source);

/// Reads a file and parses it; a missing or unreadable file is a ConfigError too.
Organisation load_organisation(const std::filesystem::path& path);
ThemeCatalogue load_themes(const std::filesystem::path& path);

/// The bundled defaults.
const Organisation& default_organisation();
const ThemeCatalogue& default_themes();
/// The default organisation and themes with default limits; either file replaces its part.
Configuration load_configuration(const std::filesystem::path& organisation_file = {},
                                 const std::filesystem::path& themes_file = {});

/// The JSON text of an organisation or catalogue, in the format it is read from (a register
/// stores these to stay reproducible).
std::string to_json(const Organisation& organisation);
std::string to_json(const ThemeCatalogue& themes);

}  // namespace ombuds
