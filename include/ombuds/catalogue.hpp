// SPDX-License-Identifier: MPL-2.0
// The catalogue in force, as `ombuds taxonomy` prints it: every code of the taxonomy with its
// labels (derived from the described enums), the theme catalogue, the organisation and the
// validation rules. Needs the compiled library.
#pragma once

#include <optional>
#include <string>

#include "ombuds/config.hpp"
#include "ombuds/taxonomy.hpp"

namespace ombuds {

/// Markdown: one table per list, codes in backticks, labels in `lang` and the other language.
std::string catalogue_markdown(const Configuration& config, Lang lang = Lang::da);
/// JSON: {"lists": [{"column", "title", "codes": [{"code", "da", "en", "label", "kinds"?}]}],
/// "theme_groups": [{"code", "label", "themes"}], "organisation": {"name", "units": [{"code",
/// "label", "level", "parent", "external", "valid_from", "valid_to"}]}, "rules": [{"code",
/// "severity", "field", "da", "en"}]}. Actions list the kinds they fit; with `on`, only the units
/// valid on that day.
std::string catalogue_json(const Configuration& config, Lang lang = Lang::da,
                           std::optional<Date> on = std::nullopt);

}  // namespace ombuds
