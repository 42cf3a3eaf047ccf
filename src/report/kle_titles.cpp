// SPDX-License-Identifier: MPL-2.0
// An office's titles of KLE subjects for the deadline table (section 13): KL's subject plan is
// licensed, so the office gives its own file, JSON {"27.24": "Hjælpemidler", ...}.
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "ombuds/detail/text.hpp"
#include "ombuds/report.hpp"

namespace ombuds {
namespace {

/// A file of titles is small; anything past this is not one.
constexpr std::size_t largest_file = 4 * 1024 * 1024;

bool is_subject(std::string_view key) {
    return key.size() == 5 && detail::is_digit(key[0]) && detail::is_digit(key[1]) &&
           key[2] == '.' && detail::is_digit(key[3]) && detail::is_digit(key[4]);
}

}  // namespace

KleTitles read_kle_titles(const std::filesystem::path& file) {
    const std::string name = detail::printable(file.string());
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::io, name + ": the file of KLE titles cannot be read",
                    name + ": filen med KLE-titler kan ikke læses");
    }
    std::string text;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > largest_file) {
            throw Error(ErrorKind::misuse, name + ": the file of KLE titles is too large",
                        name + ": filen med KLE-titler er for stor");
        }
    }
    auto form = [&](const std::string& english, const std::string& danish) {
        return Error(ErrorKind::misuse,
                     name + ": " + english +
                         "; write one JSON object of KLE subjects and titles, e.g. "
                         "{\"27.24\": \"Hjælpemidler\"}",
                     name + ": " + danish +
                         "; skriv ét JSON-objekt med KLE-emner og titler, fx "
                         "{\"27.24\": \"Hjælpemidler\"}");
    };
    nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded()) throw form("not JSON", "ikke JSON");
    if (!json.is_object()) throw form("not a JSON object", "ikke et JSON-objekt");
    KleTitles titles;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const std::string key = detail::quote_value(it.key());
        if (!is_subject(it.key())) {
            throw form("the key " + key + " is not a KLE subject of two levels (NN.NN)",
                       "nøglen " + key + " er ikke et KLE-emne med to niveauer (NN.NN)");
        }
        if (!it->is_string() || it->get<std::string>().empty() ||
            !detail::is_valid_utf8(it->get<std::string>())) {
            throw form("the title of " + key + " is not a text",
                       "titlen for " + key + " er ikke en tekst");
        }
        titles.emplace(it.key(), it->get<std::string>());
    }
    return titles;
}

}  // namespace ombuds
