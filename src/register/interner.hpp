// SPDX-License-Identifier: MPL-2.0
// Dense ids for byte strings (pseudonyms, inquiry ids, case ids) while loading a register:
// open addressing over one flat slot array, the keys in one arena, so a million keys cost no
// allocation each.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ombuds/case_columns.hpp"
#include "ombuds/detail/tagged_slot.hpp"

namespace ombuds::detail {

class Interner {
  public:
    static constexpr std::uint32_t absent = 0xFFFFFFFF;

    /// Room for `expected` keys, so that neither the table nor the keys move while it fills.
    explicit Interner(std::size_t expected = 1024) {
        rehash(capacity_for(expected));
        offsets_.reserve(expected);
        arena_.reserve(expected * typical_key_size);
    }

    /// The id of a key (0, 1, 2, ... in order of first sight), adding it when new.
    std::uint32_t intern(std::string_view key) {
        // Keys come in runs (one citizen's or one inquiry's cases after one another): the last
        // key is compared first, without hashing or a probe into a large table.
        if (last_ != absent && this->key(last_) == key) return last_;
        if ((count() + 1) * 2 > slots_.size()) rehash(slots_.size() * 2);
        const std::uint64_t hash = hash_of(key);
        auto [slot, found] = probe(key, hash);
        if (found) return last_ = tagged_slot::value(slots_[slot]);
        auto id = static_cast<std::uint32_t>(offsets_.size());
        offsets_.push_back(static_cast<std::uint64_t>(arena_.size()) << 24 | key.size());
        arena_.append(key);
        slots_[slot] = tagged_slot::make(hash, id);
        return last_ = id;
    }

    /// Asks the processor for the slot where a key's probe starts, ahead of its intern(): in a
    /// large table each probe is a cache miss, and a few in flight at once cost one.
    void prefetch(std::string_view key) const noexcept {
        __builtin_prefetch(&slots_[hash_of(key) & (slots_.size() - 1)]);
    }

    /// The id of a key, or `absent`.
    std::uint32_t find(std::string_view key) const {
        auto [slot, found] = probe(key, hash_of(key));
        return found ? tagged_slot::value(slots_[slot]) : absent;
    }

    std::size_t count() const noexcept { return offsets_.size(); }

    /// The key with this id.
    std::string_view key(std::uint32_t id) const {
        auto packed = offsets_[id];
        return std::string_view(arena_).substr(packed >> 24, packed & 0xFFFFFF);
    }

  private:
    // A slot is tagged_slot::make(hash, id), or empty.
    static constexpr std::uint64_t empty = ~std::uint64_t{0};
    // Case ids and citizens' keys are short: reserved memory beyond what is used is never
    // touched, so a generous guess costs address space only.
    static constexpr std::size_t typical_key_size = 16;

    static std::uint64_t hash_of(std::string_view key) noexcept {
        return std::hash<std::string_view>{}(key);
    }

    static std::size_t capacity_for(std::size_t n) {
        std::size_t capacity = 64;
        while (capacity < n * 2) capacity *= 2;
        return capacity;
    }

    std::pair<std::size_t, bool> probe(std::string_view k, std::uint64_t hash) const {
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
            const std::uint64_t slot = slots_[at];
            if (slot == empty) return {at, false};
            if (tagged_slot::tag_matches(slot, hash) && key(tagged_slot::value(slot)) == k)
                return {at, true};
        }
    }

    void rehash(std::size_t capacity) {
        slots_.assign(capacity, empty);
        const std::size_t mask = capacity - 1;
        for (std::uint32_t id = 0; id < offsets_.size(); ++id) {
            const std::uint64_t hash = hash_of(key(id));
            std::size_t at = hash & mask;
            while (slots_[at] != empty) at = (at + 1) & mask;
            slots_[at] = tagged_slot::make(hash, id);
        }
    }

    std::vector<std::uint64_t> slots_;    // tag | id, or empty
    std::vector<std::uint64_t> offsets_;  // arena offset << 24 | length (keys up to 16 MiB)
    std::string arena_;
    std::uint32_t last_ = absent;  // the id intern() gave last
};

/// The dense ids of the report's citizen and inquiry columns, assigned case by case in register
/// order, the same way wherever the cases come from (rows of the register, or records just
/// imported into an empty one), so a column snapshot made from either matches a scan: citizens
/// by their pseudonym (or a key standing one to one for it), inquiries by id. A case without an
/// inquiry id belongs to its main case's inquiry when it is a follow-up, and is an inquiry of its
/// own otherwise (domain.md); the follow-ups' main rows come from MainRows, so they may be found
/// later (a main case may come after its follow-ups) and elsewhere.
class CaseIds {
  public:
    struct Ids {
        std::uint32_t citizen;  // CaseColumns::anonymous or 1, 2, ...
        std::uint32_t inquiry;  // Interner::absent until finish() for a follow-up without one
    };

    explicit CaseIds(std::size_t expected)
        : citizens_(expected / 2 + 16), inquiries_(expected + 16) {}

    /// The next case (row). `citizen` empty: anonymous; `inquiry_id` empty: its main case's
    /// inquiry when it is a follow-up, else its own.
    Ids add(std::string_view case_id, std::string_view inquiry_id, std::string_view citizen,
            bool follow_up) {
        const auto row = rows_++;
        Ids ids{CaseColumns::anonymous, Interner::absent};
        if (!inquiry_id.empty()) {
            ids.inquiry = inquiries_.intern(inquiry_id);
        } else if (!follow_up) {
            ids.inquiry = own_inquiry(case_id);
        } else {
            // Resolved by finish(), once every main case is known.
            inherited_.push_back(Inherited{row, inherited_ids_.size(), case_id.size()});
            inherited_ids_.append(case_id);
        }
        if (!citizen.empty()) {
            ids.citizen = citizens_.intern(citizen) + 1;
            citizen_count_ = std::max(citizen_count_, ids.citizen);
        }
        return ids;
    }

    /// Prefetches the slots a later add() of these keys will probe.
    void prefetch(std::string_view inquiry_id, std::string_view citizen) const noexcept {
        if (!inquiry_id.empty()) inquiries_.prefetch(inquiry_id);
        if (!citizen.empty()) citizens_.prefetch(citizen);
    }

    /// Once every case is added, the citizens' table is not needed any more (their count is
    /// kept): its memory goes before the work at the end.
    void release_citizens() { citizens_ = Interner(0); }

    /// With `columns.main_row` set (one per added case): the inquiries of follow-ups without an
    /// inquiry id, and the citizen and inquiry counts.
    void finish(CaseColumns& columns) {
        for (const auto& follow_up : inherited_) {
            auto main = columns.main_row[follow_up.row];
            bool has_main =
                main != CaseColumns::no_case && columns.inquiry[main] != Interner::absent;
            columns.inquiry[follow_up.row] =
                has_main ? columns.inquiry[main]
                         : own_inquiry(std::string_view(inherited_ids_)
                                           .substr(follow_up.case_id_at, follow_up.case_id_size));
        }
        columns.citizen_count = citizen_count_;
        columns.inquiry_count = static_cast<std::uint32_t>(inquiries_.count());
    }

  private:
    struct Inherited {
        std::uint32_t row;
        std::size_t case_id_at;  // in inherited_ids_
        std::size_t case_id_size;
    };

    std::uint32_t own_inquiry(std::string_view case_id) {
        inquiry_key_.assign("#").append(case_id);
        return inquiries_.intern(inquiry_key_);
    }

    Interner citizens_, inquiries_;
    std::uint32_t citizen_count_ = 0;
    std::uint32_t rows_ = 0;
    std::vector<Inherited> inherited_;  // follow-ups whose inquiry is their main case's
    std::string inherited_ids_;         // their case ids
    std::string inquiry_key_;
};

/// Each follow-up's main row, from case ids in register order (a main case may come later).
/// Only the main case ids are looked up: each case's id is kept as it comes and sought among
/// them at the end, a table a fraction the size of one holding every case.
class MainRows {
  public:
    explicit MainRows(std::size_t expected) : mains_(expected / 4 + 16) {
        main_keys_.reserve(expected);
        case_id_ends_.reserve(expected);
    }
    void add(std::string_view case_id, std::string_view main_case_id) {
        case_ids_.append(case_id);
        case_id_ends_.push_back(case_ids_.size());
        main_keys_.push_back(main_case_id.empty() ? Interner::absent : mains_.intern(main_case_id));
    }
    void finish(std::vector<std::uint32_t>& main_row) const {
        std::vector<std::uint32_t> rows(mains_.count(), CaseColumns::no_case);
        std::size_t begin = 0;
        for (std::uint32_t row = 0; row < case_id_ends_.size(); ++row) {
            const std::size_t end = case_id_ends_[row];
            auto key = mains_.find(std::string_view(case_ids_).substr(begin, end - begin));
            if (key != Interner::absent && rows[key] == CaseColumns::no_case) rows[key] = row;
            begin = end;
        }
        main_row.resize(main_keys_.size());
        for (std::size_t i = 0; i < main_keys_.size(); ++i)
            main_row[i] =
                main_keys_[i] == Interner::absent ? CaseColumns::no_case : rows[main_keys_[i]];
    }

  private:
    Interner mains_;
    std::vector<std::uint32_t> main_keys_;   // per case: its main case id's key in mains_
    std::string case_ids_;                   // every case's id, one after another
    std::vector<std::size_t> case_id_ends_;  // where each ends in case_ids_
};

}  // namespace ombuds::detail
