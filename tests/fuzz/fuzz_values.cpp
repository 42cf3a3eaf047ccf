// SPDX-License-Identifier: MPL-2.0
// Fuzz target: the value parsers (dates, CPR and other citizens, KLE, case ids, codes).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ombuds/date.hpp"
#include "ombuds/identifiers.hpp"
#include "ombuds/taxonomy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto date = ombuds::Date::parse(text)) {
        // A parsed date prints and parses back to itself.
        if (ombuds::Date::parse(date->iso()) != date) std::abort();
    }
    auto [citizen, error] = ombuds::Citizen::parse(text);
    if (error == ombuds::Citizen::ParseError::none && !citizen.is_anonymous() &&
        citizen.key().size() < 4)
        std::abort();
    if (auto kle = ombuds::KleRef::parse(text); kle && ombuds::KleRef::parse(kle->text()) != kle)
        std::abort();
    if (auto id = ombuds::CaseId::parse(text); id && id->str().size() > ombuds::CaseId::max_length)
        std::abort();
    (void)ombuds::parse_code<ombuds::Action>(text);
    (void)ombuds::parse_code<ombuds::Kind>(text);
    (void)ombuds::detail::fold_case(text);
    (void)ombuds::detail::redact(text);
    return 0;
}
