// SPDX-License-Identifier: MPL-2.0
// The shares of a list outside the office. The office's report rounds a list's shares by the
// largest remainder over every line, so whether a line gets its last tenth depends on the other
// lines' remainders, hidden ones too. A shown line's share is shown only when it is the same
// whatever the hidden lines hold (adding up to what the total leaves them): then it is the
// office's figure and tells nothing about them.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace ombuds::report_detail {

/// The share of line `line` in tenths of a percent, as the office's report has it, when the
/// shown lines (those not `hidden`) and the total fix it; none when it depends on how the
/// hidden lines split the rest of the total. `counts` holds every line's true count.
std::optional<std::int32_t> known_share(const std::vector<std::uint64_t>& counts,
                                        const std::vector<bool>& hidden, std::size_t line);

}  // namespace ombuds::report_detail
