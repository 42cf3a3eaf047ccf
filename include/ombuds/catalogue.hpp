// SPDX-License-Identifier: MPL-2.0
// The catalogue in force, as `ombuds taxonomy` prints it: every code of the taxonomy with its
// labels (derived from the described enums), the theme catalogue, the organisation and the
// validation rules. Needs the compiled library.
#pragma once

#include <string>

#include "ombuds/config.hpp"
#include "ombuds/taxonomy.hpp"

namespace ombuds {

/// Markdown: one table per list, codes in backticks, labels in `lang` and the other language.
std::string catalogue_markdown(const Configuration& config, Lang lang = Lang::da);
/// JSON: {"lists": [{"column", "title", "codes": [{"code", "da", "en"}]}], "theme_groups": [...],
/// "organisation": {...}, "rules": [{"code", "severity", "da", "en"}]}.
std::string catalogue_json(const Configuration& config, Lang lang = Lang::da);

}  // namespace ombuds
