// SPDX-License-Identifier: MPL-2.0
// The report as a reader gets it: JSON (interfaces.md, "Report JSON"), Markdown, CSV and one
// self-contained HTML page with SVG charts. The tables are computed header-only in
// statistics.hpp; rendering needs the compiled library.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ombuds/config.hpp"
#include "ombuds/statistics.hpp"

namespace ombuds {

enum class ReportFormat : std::uint8_t { json, md, html, csv };

constexpr std::optional<ReportFormat> parse_report_format(std::string_view text) noexcept {
    if (text == "json") return ReportFormat::json;
    if (text == "md" || text == "markdown") return ReportFormat::md;
    if (text == "html") return ReportFormat::html;
    if (text == "csv") return ReportFormat::csv;
    return std::nullopt;
}

/// Renders a computed report. Labels come from the taxonomy and the configuration, in the
/// request's language; for audiences outside the office small counts are suppressed.
std::string render_report(const Report& report, const Configuration& config, ReportFormat format);

}  // namespace ombuds
