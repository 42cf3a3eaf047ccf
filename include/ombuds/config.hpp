// SPDX-License-Identifier: MPL-2.0
// The configuration a register is kept against: the municipality's organisation tree, the theme
// catalogue and the limits of the rules. Loading them from JSON lives in src/ (config_io.hpp);
// these are the plain, validated-on-construction types.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ombuds/date.hpp"
#include "ombuds/detail/text.hpp"
#include "ombuds/error.hpp"

namespace ombuds {

/// A configuration that breaks its own rules (a duplicate code, a parent that does not exist,
/// a cycle). The message names the code and the problem.
class ConfigError : public Error {
  public:
    explicit ConfigError(const std::string& message) : Error(ErrorKind::misuse, message) {}
};

using UnitIndex = std::uint16_t;
using ThemeIndex = std::uint16_t;
using GroupIndex = std::uint16_t;

/// One node of the organisation tree.
struct OrgUnit {
    std::string code;
    std::string label;
    std::string parent;  // empty for an area (top level)
    bool external = false;
    std::optional<Date> valid_from;
    std::optional<Date> valid_to;

    // Derived when the organisation is built.
    std::optional<UnitIndex> parent_index;
    int level = 1;  // 1 area (forvaltning), 2 centre, 3 unit (afdeling), deeper allowed

    bool valid_on(Date d) const noexcept {
        return (!valid_from || *valid_from <= d) && (!valid_to || d <= *valid_to);
    }
};

/// The organisation tree: areas > centres > units, plus external authorities.
class Organisation {
  public:
    Organisation() = default;

    /// Builds the tree; throws ConfigError on an empty or duplicate code, an unknown parent, a
    /// cycle or valid_from after valid_to. Parents may be listed after their children.
    Organisation(std::string name, std::vector<OrgUnit> units)
        : name_(std::move(name)), units_(std::move(units)) {
        if (units_.size() > 65000) throw ConfigError("organisation: more than 65000 units");
        for (std::size_t i = 0; i < units_.size(); ++i) {
            auto& unit = units_[i];
            if (unit.code.empty())
                throw ConfigError("organisation: unit #" + std::to_string(i + 1) + " has no code");
            if (!by_code_.emplace(unit.code, static_cast<UnitIndex>(i)).second) {
                throw ConfigError("organisation: duplicate unit code '" + unit.code + "'");
            }
            if (unit.label.empty()) unit.label = unit.code;
            if (unit.valid_from && unit.valid_to && *unit.valid_to < *unit.valid_from) {
                throw ConfigError("organisation: unit '" + unit.code +
                                  "' has valid_to before valid_from");
            }
        }
        for (auto& unit : units_) {
            if (unit.parent.empty()) continue;
            auto parent = by_code_.find(unit.parent);
            if (parent == by_code_.end()) {
                throw ConfigError("organisation: unit '" + unit.code + "' names unknown parent '" +
                                  unit.parent + "'");
            }
            unit.parent_index = parent->second;
        }
        for (auto& unit : units_) {
            int level = 1;
            auto at = unit.parent_index;
            while (at) {
                if (++level > static_cast<int>(units_.size()) + 1) {
                    throw ConfigError("organisation: unit '" + unit.code +
                                      "' is part of a cycle of parents");
                }
                at = units_[*at].parent_index;
            }
            unit.level = level;
        }
        for (std::size_t i = 0; i < units_.size(); ++i) {
            by_label_.emplace(detail::fold_case(units_[i].label), static_cast<UnitIndex>(i));
        }
    }

    const std::string& name() const noexcept { return name_; }
    const std::vector<OrgUnit>& units() const noexcept { return units_; }
    const OrgUnit& unit(UnitIndex i) const { return units_.at(i); }
    std::size_t size() const noexcept { return units_.size(); }

    /// Finds a unit by its code (exact) or its label (any letter case).
    std::optional<UnitIndex> find(std::string_view code_or_label) const {
        code_or_label = detail::trim(code_or_label);
        if (auto it = by_code_.find(code_or_label); it != by_code_.end()) return it->second;
        if (auto it = by_label_.find(detail::fold_case(code_or_label)); it != by_label_.end())
            return it->second;
        return std::nullopt;
    }

    /// The area (top-level ancestor) of a unit.
    UnitIndex area_of(UnitIndex i) const {
        while (units_.at(i).parent_index) i = *units_[i].parent_index;
        return i;
    }

    /// The ancestor of a unit at the given level (1 = area), or the unit itself when it is
    /// shallower than that level.
    UnitIndex ancestor_at(UnitIndex i, int level) const {
        while (units_.at(i).level > level && units_[i].parent_index) i = *units_[i].parent_index;
        return i;
    }

  private:
    std::string name_;
    std::vector<OrgUnit> units_;
    detail::TextMap<UnitIndex> by_code_;
    detail::TextMap<UnitIndex> by_label_;
};

struct Theme {
    std::string code;
    std::string label;
    GroupIndex group = 0;
};

struct ThemeGroup {
    std::string code;
    std::string label;
    std::vector<ThemeIndex> themes;
};

/// The two-level theme catalogue: group > theme. Theme codes are unique across groups; a group
/// code may equal a theme code (`other` > `other`).
class ThemeCatalogue {
  public:
    struct GroupSpec {
        std::string code;
        std::string label;
        std::vector<std::pair<std::string, std::string>> themes;  // code, label
    };

    ThemeCatalogue() = default;

    explicit ThemeCatalogue(const std::vector<GroupSpec>& groups) {
        for (const auto& spec : groups) {
            if (spec.code.empty()) throw ConfigError("themes: a group has no code");
            auto group = static_cast<GroupIndex>(groups_.size());
            if (!group_by_code_.emplace(spec.code, group).second) {
                throw ConfigError("themes: duplicate group code '" + spec.code + "'");
            }
            ThemeGroup g{spec.code, spec.label.empty() ? spec.code : spec.label, {}};
            for (const auto& [code, label] : spec.themes) {
                if (code.empty())
                    throw ConfigError("themes: a theme in group '" + spec.code + "' has no code");
                auto index = static_cast<ThemeIndex>(themes_.size());
                if (!theme_by_code_.emplace(code, index).second) {
                    throw ConfigError("themes: duplicate theme code '" + code + "'");
                }
                themes_.push_back(Theme{code, label.empty() ? code : label, group});
                g.themes.push_back(index);
            }
            groups_.push_back(std::move(g));
        }
        if (themes_.size() > 65000) throw ConfigError("themes: more than 65000 themes");
        for (std::size_t i = 0; i < themes_.size(); ++i) {
            theme_by_label_.emplace(detail::fold_case(themes_[i].label),
                                    static_cast<ThemeIndex>(i));
        }
        for (std::size_t i = 0; i < groups_.size(); ++i) {
            group_by_label_.emplace(detail::fold_case(groups_[i].label),
                                    static_cast<GroupIndex>(i));
        }
    }

    const std::vector<Theme>& themes() const noexcept { return themes_; }
    const std::vector<ThemeGroup>& groups() const noexcept { return groups_; }
    const Theme& theme(ThemeIndex i) const { return themes_.at(i); }
    const ThemeGroup& group(GroupIndex i) const { return groups_.at(i); }

    std::optional<ThemeIndex> find_theme(std::string_view code_or_label) const {
        code_or_label = detail::trim(code_or_label);
        if (auto it = theme_by_code_.find(code_or_label); it != theme_by_code_.end())
            return it->second;
        if (auto it = theme_by_label_.find(detail::fold_case(code_or_label));
            it != theme_by_label_.end()) {
            return it->second;
        }
        return std::nullopt;
    }
    std::optional<GroupIndex> find_group(std::string_view code_or_label) const {
        code_or_label = detail::trim(code_or_label);
        if (auto it = group_by_code_.find(code_or_label); it != group_by_code_.end())
            return it->second;
        if (auto it = group_by_label_.find(detail::fold_case(code_or_label));
            it != group_by_label_.end()) {
            return it->second;
        }
        return std::nullopt;
    }

  private:
    std::vector<ThemeGroup> groups_;
    std::vector<Theme> themes_;
    detail::TextMap<ThemeIndex> theme_by_code_;
    detail::TextMap<ThemeIndex> theme_by_label_;
    detail::TextMap<GroupIndex> group_by_code_;
    detail::TextMap<GroupIndex> group_by_label_;
};

/// Limits of the rules and the report, with domain.md's defaults.
struct Limits {
    int time_bar_days = 365;            // rejection.time_barred_needs_age
    int reply_target_working_days = 3;  // the advisor's reply target (seed 000)
    int suppression_threshold = 5;      // counts 1..threshold-1 are hidden outside the office
};

/// Everything a record is parsed and validated against.
struct Configuration {
    Organisation organisation;
    ThemeCatalogue themes;
    Limits limits;
};

}  // namespace ombuds
