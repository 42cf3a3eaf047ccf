// SPDX-License-Identifier: MPL-2.0
// The language of labels and messages.
#pragma once

#include <cstdint>

namespace ombuds {

/// Danish is the default everywhere; English on request (`--lang en`, "lang": "en").
enum class Lang : std::uint8_t { da, en };

}  // namespace ombuds
