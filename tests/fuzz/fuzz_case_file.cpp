// SPDX-License-Identifier: MPL-2.0
// Fuzz target: the case-file reader (CSV and JSON Lines) and the validator behind it. Any input
// must give records and issues, never a crash, and no issue may echo a CPR-like number.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ombuds/case_file.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/validation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const ombuds::Configuration config = ombuds::load_configuration();
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    ombuds::Validator validator(
        config,
        ombuds::ValidationOptions{ombuds::Date::from_ymd(2026, 1, 1), ombuds::WriteMode::insert});
    ombuds::EmptyRegisterView nothing;
    for (auto format : {ombuds::FileFormat::csv, ombuds::FileFormat::jsonl}) {
        ombuds::ReadOptions options;
        options.format = format;
        auto file = ombuds::read_case_text(bytes, "fuzz", config, options);
        auto violations = validator.validate_batch(file.records, nothing);
        if (violations.size() != file.records.size() || file.lines.size() != file.records.size())
            std::abort();
        for (const auto& issue : file.issues) {
            auto message = issue.violation.message(ombuds::Lang::en);
            if (ombuds::detail::redact(message) != message) std::abort();  // a CPR-like run leaked
        }
    }
    return 0;
}
