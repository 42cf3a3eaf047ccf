// SPDX-License-Identifier: MPL-2.0
// Formula injection (domain.md, "Privacy"): a cell that a spreadsheet program would take for a
// formula is written with a leading `'`, which the case-file reader removes again, so a file
// written by ombuds and read back gives the values it was written from.
#pragma once

#include <string>
#include <string_view>

namespace ombuds::detail {

/// True when a spreadsheet program could read the text as a formula (or strip its first
/// character): it starts with `=`, `+`, `-`, `@`, a tab or a carriage return.
constexpr bool starts_like_formula(std::string_view text) noexcept {
    if (text.empty()) return false;
    char c = text.front();
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/// The text as a cell of a file for people holds it: with a leading `'` when it starts like a
/// formula.
inline std::string protect_cell(std::string_view text) {
    if (!starts_like_formula(text)) return std::string(text);
    std::string out = "'";
    out += text;
    return out;
}

/// The value of a cell written by protect_cell(): without the `'` it added.
constexpr std::string_view unprotect_cell(std::string_view cell) noexcept {
    if (cell.size() >= 2 && cell.front() == '\'' && starts_like_formula(cell.substr(1)))
        cell.remove_prefix(1);
    return cell;
}

}  // namespace ombuds::detail
