// SPDX-License-Identifier: MPL-2.0
// One error model for every entrance (interfaces.md: the CLI's exit status, the C API's status).
// Data that breaks a rule is not an error: the rules' violations are returned, and a call that
// stores nothing because of them says so (OMBUDS_INVALID, exit 1). What is thrown is an Error of
// one of the kinds below; the table says, once, what each kind means to the C API and the CLI.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "ombuds/lang.hpp"

namespace ombuds {

enum class ErrorKind : std::uint8_t {
    not_found,  // no such case, citizen or register
    conflict,   // the change conflicts with stored data (a main case with follow-ups)
    misuse,     // a bad argument, option, request, configuration file or call order
    io,         // a file cannot be opened, read or written; the key file is missing
    corrupt,    // not an ombuds register, damaged, or the key is not the register's
    busy,       // another process held the register longer than the busy timeout
};

struct ErrorKindInfo {
    ErrorKind kind;
    std::string_view c_status;  // the C API's status (ombuds.h)
    int c_status_value;
    int exit_code;  // the `ombuds` command's exit status: 1 refused by a rule, 2 otherwise
};

inline constexpr auto error_kinds = std::to_array<ErrorKindInfo>({
    {ErrorKind::not_found, "OMBUDS_NOT_FOUND", 2, 2},
    {ErrorKind::conflict, "OMBUDS_CONFLICT", 3, 1},
    {ErrorKind::misuse, "OMBUDS_MISUSE", 7, 2},
    {ErrorKind::io, "OMBUDS_IO", 4, 2},
    {ErrorKind::corrupt, "OMBUDS_CORRUPT", 5, 2},
    {ErrorKind::busy, "OMBUDS_BUSY", 6, 2},
});

constexpr const ErrorKindInfo& error_kind_info(ErrorKind kind) noexcept {
    return error_kinds[static_cast<std::size_t>(kind)];
}

/// A failure of an operation of ombuds. The message is safe to show: it never holds a CPR
/// number or a note. It is in English (what()) and, where the thrower gave one, in Danish.
class Error : public std::runtime_error {
  public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    Error(ErrorKind kind, const std::string& english, std::string danish)
        : std::runtime_error(english), kind_(kind), danish_(std::move(danish)) {}
    ErrorKind kind() const noexcept { return kind_; }
    int exit_code() const noexcept { return error_kind_info(kind_).exit_code; }
    /// The message in a language: Danish when the thrower gave it, else English.
    std::string message(Lang lang) const {
        return lang == Lang::da && !danish_.empty() ? danish_ : std::string(what());
    }

  private:
    ErrorKind kind_;
    std::string danish_;
};

}  // namespace ombuds
