// SPDX-License-Identifier: MPL-2.0
// A slot of an open-addressing hash table over 64 bits: the upper half of its key's hash beside
// a 32-bit value, so a probe passing other keys compares them without reading them (a cache miss
// each in a large table). Kept by the register's Interner and the validator's IdIndex.
#pragma once

#include <cstdint>

namespace ombuds::detail::tagged_slot {

inline constexpr std::uint64_t tag_mask = 0xFFFF'FFFF'0000'0000;

/// The slot of a key with this hash and this value.
constexpr std::uint64_t make(std::uint64_t hash, std::uint32_t value) noexcept {
    return (hash & tag_mask) | value;
}
/// Whether the slot may hold the key of this hash (its tag is the hash's).
constexpr bool tag_matches(std::uint64_t slot, std::uint64_t hash) noexcept {
    return ((slot ^ hash) & tag_mask) == 0;
}
constexpr std::uint32_t value(std::uint64_t slot) noexcept {
    return static_cast<std::uint32_t>(slot);
}

}  // namespace ombuds::detail::tagged_slot
