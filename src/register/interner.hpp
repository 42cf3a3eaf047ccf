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

#include "ombuds/case_columns.hpp"

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

/// The dense ids of the report's columns, assigned case by case in register order, the same way
/// wherever the cases come from (rows of the register, or records just imported into an empty
/// one), so a column snapshot made from either matches a scan: citizens by their pseudonym (or a
/// key standing one to one for it), inquiries by id, and each follow-up's main row, resolved at
/// the end since a main case may come later. A case without an inquiry id belongs to its main
/// case's inquiry when it is a follow-up, and is an inquiry of its own otherwise (domain.md).
class CaseIds {
  public:
    struct Ids {
        std::uint32_t citizen;  // CaseColumns::anonymous or 1, 2, ...
        std::uint32_t inquiry;  // Interner::absent until finish() for a follow-up without one
    };

    explicit CaseIds(std::size_t expected)
        : citizens_(expected / 2 + 16),
          inquiries_(expected + 16),
          rows_(expected + 16),
          mains_(expected / 4 + 16) {
        main_keys_.reserve(expected);
    }

    /// The next case (row). `citizen` empty: anonymous; `inquiry_id` empty: its main case's
    /// inquiry, or its own; `main_case_id` empty: not a follow-up.
    Ids add(std::string_view case_id, std::string_view inquiry_id, std::string_view citizen,
            std::string_view main_case_id) {
        auto row = static_cast<std::uint32_t>(main_keys_.size());
        rows_.intern(case_id);
        Ids ids{CaseColumns::anonymous, Interner::absent};
        if (!inquiry_id.empty()) {
            ids.inquiry = inquiries_.intern(inquiry_id);
        } else if (main_case_id.empty()) {
            ids.inquiry = own_inquiry(case_id);
        } else {
            inherited_.push_back(row);  // resolved by finish(), once every main case is known
        }
        if (!citizen.empty()) ids.citizen = citizens_.intern(citizen) + 1;
        main_keys_.push_back(main_case_id.empty() ? Interner::absent : mains_.intern(main_case_id));
        return ids;
    }

    /// Sets the main rows (one per added case, no_case where the main case is not among them),
    /// the inquiries of follow-ups without an inquiry id, and the citizen and inquiry counts.
    void finish(CaseColumns& columns) {
        std::vector<std::uint32_t> main_rows(mains_.count());
        for (std::uint32_t key = 0; key < mains_.count(); ++key) {
            auto row = rows_.find(mains_.key(key));  // a case's id in rows_ is its row
            main_rows[key] = row == Interner::absent ? CaseColumns::no_case : row;
        }
        columns.main_row.resize(main_keys_.size());
        for (std::size_t i = 0; i < main_keys_.size(); ++i) {
            columns.main_row[i] =
                main_keys_[i] == Interner::absent ? CaseColumns::no_case : main_rows[main_keys_[i]];
        }
        for (auto row : inherited_) {
            auto main = columns.main_row[row];
            bool has_main =
                main != CaseColumns::no_case && columns.inquiry[main] != Interner::absent;
            columns.inquiry[row] = has_main ? columns.inquiry[main] : own_inquiry(rows_.key(row));
        }
        columns.citizen_count = static_cast<std::uint32_t>(citizens_.count());
        columns.inquiry_count = static_cast<std::uint32_t>(inquiries_.count());
    }

  private:
    std::uint32_t own_inquiry(std::string_view case_id) {
        inquiry_key_.assign("#").append(case_id);
        return inquiries_.intern(inquiry_key_);
    }

    Interner citizens_, inquiries_, rows_, mains_;
    std::vector<std::uint32_t> main_keys_;  // per case: its main case id's key in mains_
    std::vector<std::uint32_t> inherited_;  // rows whose inquiry is their main case's
    std::string inquiry_key_;
};

/// Each follow-up's main row, from case ids in register order (a main case may come later): the
/// part of CaseIds a scan needs when the citizens' and inquiries' numbers are stored.
class MainRows {
  public:
    explicit MainRows(std::size_t expected) : rows_(expected + 16), mains_(expected / 4 + 16) {
        main_keys_.reserve(expected);
    }
    void add(std::string_view case_id, std::string_view main_case_id) {
        rows_.intern(case_id);
        main_keys_.push_back(main_case_id.empty() ? Interner::absent : mains_.intern(main_case_id));
    }
    void finish(std::vector<std::uint32_t>& main_row) const {
        std::vector<std::uint32_t> rows(mains_.count());
        for (std::uint32_t key = 0; key < mains_.count(); ++key) {
            auto row = rows_.find(mains_.key(key));
            rows[key] = row == Interner::absent ? CaseColumns::no_case : row;
        }
        main_row.resize(main_keys_.size());
        for (std::size_t i = 0; i < main_keys_.size(); ++i)
            main_row[i] =
                main_keys_[i] == Interner::absent ? CaseColumns::no_case : rows[main_keys_[i]];
    }

  private:
    Interner rows_, mains_;
    std::vector<std::uint32_t> main_keys_;
};

}  // namespace ombuds::detail
