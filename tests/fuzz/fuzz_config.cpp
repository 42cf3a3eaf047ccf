// SPDX-License-Identifier: MPL-2.0
// Fuzz target: the configuration parsers. Any input is parsed or refused with ConfigError.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ombuds/config_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        auto organisation = ombuds::parse_organisation_json(text, "fuzz");
        // What was accepted writes out and reads back the same.
        if (ombuds::to_json(ombuds::parse_organisation_json(
                ombuds::to_json(organisation), "again")) != ombuds::to_json(organisation)) {
            std::abort();
        }
    } catch (const ombuds::ConfigError&) {
    }
    try {
        auto themes = ombuds::parse_themes_json(text, "fuzz");
        (void)ombuds::to_json(themes);
    } catch (const ombuds::ConfigError&) {
    }
    return 0;
}
