// SPDX-License-Identifier: MPL-2.0
// Dense ids for byte strings (pseudonyms, inquiry ids, case ids) while loading a register:
// open addressing over one flat slot array, the keys in one arena, so a million keys cost no
// allocation each.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ombuds::detail {

class Interner {
  public:
    static constexpr std::uint32_t absent = 0xFFFFFFFF;

    explicit Interner(std::size_t expected = 1024) { rehash(capacity_for(expected)); }

    /// The id of a key (0, 1, 2, ... in order of first sight), adding it when new.
    std::uint32_t intern(std::string_view key) {
        if ((count() + 1) * 2 > slots_.size()) rehash(slots_.size() * 2);
        auto [slot, found] = probe(key);
        if (found) return slots_[slot];
        auto id = static_cast<std::uint32_t>(offsets_.size());
        offsets_.push_back(static_cast<std::uint64_t>(arena_.size()) << 24 | key.size());
        arena_.append(key);
        slots_[slot] = id;
        return id;
    }

    /// The id of a key, or `absent`.
    std::uint32_t find(std::string_view key) const {
        auto [slot, found] = probe(key);
        return found ? slots_[slot] : absent;
    }

    std::size_t count() const noexcept { return offsets_.size(); }

    /// The key with this id.
    std::string_view key(std::uint32_t id) const {
        auto packed = offsets_[id];
        return std::string_view(arena_).substr(packed >> 24, packed & 0xFFFFFF);
    }

  private:
    static std::size_t capacity_for(std::size_t n) {
        std::size_t capacity = 64;
        while (capacity < n * 2) capacity *= 2;
        return capacity;
    }

    std::pair<std::size_t, bool> probe(std::string_view k) const {
        std::size_t mask = slots_.size() - 1;
        for (std::size_t at = std::hash<std::string_view>{}(k)&mask;; at = (at + 1) & mask) {
            auto id = slots_[at];
            if (id == absent) return {at, false};
            if (key(id) == k) return {at, true};
        }
    }

    void rehash(std::size_t capacity) {
        slots_.assign(capacity, absent);
        std::size_t mask = capacity - 1;
        for (std::uint32_t id = 0; id < offsets_.size(); ++id) {
            std::size_t at = std::hash<std::string_view>{}(key(id)) & mask;
            while (slots_[at] != absent) at = (at + 1) & mask;
            slots_[at] = id;
        }
    }

    std::vector<std::uint32_t> slots_;
    std::vector<std::uint64_t> offsets_;  // arena offset << 24 | length (keys up to 16 MiB)
    std::string arena_;
};

}  // namespace ombuds::detail
