// SPDX-License-Identifier: MPL-2.0
#include "register/postgresql/pg_location.hpp"

#include "ombuds/detail/text.hpp"
#include "ombuds/error.hpp"

namespace ombuds::store::postgresql {
namespace {

int hex_digit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decoded(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            int high = hex_digit(text[i + 1]), low = hex_digit(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out += static_cast<char>(high * 16 + low);
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

bool valid_schema(std::string_view name) noexcept {
    if (name.empty() || name.size() > 63 || name.starts_with("pg_")) return false;
    if (name[0] >= '0' && name[0] <= '9') return false;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok) return false;
    }
    return true;
}

}  // namespace

bool is_postgresql(std::string_view location) noexcept {
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

Location parse_location(std::string_view uri) {
    Location out;
    out.schema = std::string(default_schema);
    const std::size_t scheme_end = uri.find("://") + 3;
    std::string_view rest = uri.substr(scheme_end);
    std::string_view query;
    if (auto q = rest.find('?'); q != std::string_view::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    // The authority ends at the first '/' (the database); its user information at the last '@'.
    std::string_view authority = rest.substr(0, rest.find('/'));
    std::string_view after_authority = rest.substr(authority.size());
    std::string authority_shown(authority);
    if (auto at = authority.rfind('@'); at != std::string_view::npos) {
        std::string_view user_info = authority.substr(0, at);
        if (auto colon = user_info.find(':'); colon != std::string_view::npos) {
            out.password_as_given = std::string(user_info.substr(colon + 1));
            out.password = percent_decoded(out.password_as_given);
            authority_shown =
                std::string(user_info.substr(0, colon)) + std::string(authority.substr(at));
        }
    }
    std::string kept, shown_query;
    std::size_t start = 0;
    while (start <= query.size() && !query.empty()) {
        std::size_t end = query.find('&', start);
        if (end == std::string_view::npos) end = query.size();
        std::string_view parameter = query.substr(start, end - start);
        std::string_view key = parameter.substr(0, parameter.find('='));
        std::string_view value =
            key.size() < parameter.size() ? parameter.substr(key.size() + 1) : std::string_view();
        if (key == "schema") {
            out.schema = percent_decoded(value);
        } else if (!parameter.empty()) {
            kept += (kept.empty() ? "" : "&") + std::string(parameter);
            if (key == "password") {
                out.password_as_given = std::string(value);
                out.password = percent_decoded(value);
            } else {
                shown_query += (shown_query.empty() ? "" : "&") + std::string(parameter);
            }
        }
        start = end + 1;
    }
    const std::string scheme(uri.substr(0, scheme_end));
    out.conninfo = scheme + std::string(authority) + std::string(after_authority) +
                   (kept.empty() ? "" : "?" + kept);
    out.shown = scheme + authority_shown + std::string(after_authority) +
                (shown_query.empty() ? "" : "?" + shown_query);
    if (!out.schema.empty() && out.schema != default_schema)
        out.shown += (shown_query.empty() ? "?" : "&") + std::string("schema=") + out.schema;
    out.shown = ombuds::detail::shown_location(out.shown);
    if (!valid_schema(out.schema)) {
        throw Error(ErrorKind::misuse,
                    out.shown +
                        ": the schema must be lower-case letters, digits and _ (at most 63, "
                        "not starting with a digit or pg_)",
                    out.shown +
                        ": skemaets navn skal bestå af små bogstaver, cifre og _ (højst 63, "
                        "og det må ikke begynde med et ciffer eller pg_)");
    }
    return out;
}

std::string without_password(std::string text, const Location& location) {
    if (location.password.empty()) return text;
    for (const auto& spelling : {location.password, location.password_as_given}) {
        if (spelling.empty()) continue;
        for (std::size_t at = text.find(spelling); at != std::string::npos;
             at = text.find(spelling, at + 3))
            text.replace(at, spelling.size(), "***");
    }
    return text;
}

}  // namespace ombuds::store::postgresql
