// SPDX-License-Identifier: MPL-2.0
// The Excel workbook an office registers its cases in (interfaces.md, `ombuds template`): a
// sheet with the Danish headers, a drop-down list on every coded column from the configuration
// (its units and themes included), date columns formatted as dates, the CPR column as text, and
// a sheet of instructions in Danish. Filled in, it imports without a format error. Needs the
// compiled library.
#pragma once

#include <cstddef>
#include <string>

#include "ombuds/config.hpp"

namespace ombuds {

struct TemplateOptions {
    /// How many rows below the header carry the drop-down lists and date checks.
    std::size_t rows = 5000;
};

/// The template workbook's bytes (.xlsx).
std::string case_template_xlsx(const Configuration& config, const TemplateOptions& options = {});

/// The name of the template's sheet of cases (the sheet read when none is named).
inline constexpr const char* template_sheet = "Sager";

}  // namespace ombuds
