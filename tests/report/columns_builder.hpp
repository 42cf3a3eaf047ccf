// SPDX-License-Identifier: MPL-2.0
// Builds CaseColumns case by case for the report tests, from codes and citizen names.
#pragma once

#include <string>
#include <unordered_map>

#include "ombuds/case_columns.hpp"
#include "ombuds/config.hpp"
#include "ombuds/config_io.hpp"

namespace ombuds::test {

struct Row {
    std::string received = "2024-01-01";
    Kind kind = Kind::complaint;
    Role role = Role::main;
    std::string theme;    // code of a theme (or a group for staff)
    std::string unit;     // unit code
    std::string citizen;  // any name; empty: anonymous
    std::string inquiry;  // empty: the case is its own inquiry
    std::optional<Action> action = Action::complaint_dialogue;  // none: open, no action yet
    std::optional<Resolution> resolution;
    std::optional<AdminResponse> admin_response;
    std::optional<RejectionReason> rejection_reason;
    std::optional<Origin> origin;
    std::string first_response;
    std::string closed;
    std::int64_t main = -1;  // row of the main case
    std::string kle;         // "27.24.04"; empty: none
};

class ColumnsBuilder {
  public:
    explicit ColumnsBuilder(const Configuration& config) : config_(config) {}

    std::uint32_t add(const Row& row) {
        CaseRecord rec;
        rec.received = Date::parse(row.received);
        if (!row.first_response.empty()) rec.first_response = Date::parse(row.first_response);
        if (!row.closed.empty()) rec.closed = Date::parse(row.closed);
        rec.kind = row.kind;
        rec.role = row.role;
        rec.action = row.action;
        rec.resolution = row.resolution;
        rec.admin_response = row.admin_response;
        rec.rejection_reason = row.rejection_reason;
        rec.origin = row.origin;
        if (!row.kle.empty()) rec.kle = KleRef::parse(row.kle);
        if (!row.unit.empty()) rec.unit = config_.organisation.find(row.unit).value();
        if (!row.theme.empty()) {
            if (row.kind == Kind::staff) {
                rec.theme.group = config_.themes.find_group(row.theme).value();
            } else {
                rec.theme.theme = config_.themes.find_theme(row.theme).value();
                rec.theme.group = config_.themes.theme(*rec.theme.theme).group;
            }
        }
        std::uint32_t citizen = CaseColumns::anonymous;
        if (!row.citizen.empty()) {
            citizen =
                citizens_.emplace(row.citizen, static_cast<std::uint32_t>(citizens_.size() + 1))
                    .first->second;
        }
        auto row_index = static_cast<std::uint32_t>(columns.size());
        std::string inquiry_key =
            row.inquiry.empty() ? "#" + std::to_string(row_index) : row.inquiry;
        auto inquiry =
            inquiries_.emplace(inquiry_key, static_cast<std::uint32_t>(inquiries_.size()))
                .first->second;
        columns.push(rec, citizen, inquiry,
                     row.main >= 0 ? static_cast<std::uint32_t>(row.main) : CaseColumns::no_case);
        columns.citizen_count = static_cast<std::uint32_t>(citizens_.size());
        columns.inquiry_count = static_cast<std::uint32_t>(inquiries_.size());
        return row_index;
    }

    CaseColumns columns;

  private:
    const Configuration& config_;
    std::unordered_map<std::string, std::uint32_t> citizens_;
    std::unordered_map<std::string, std::uint32_t> inquiries_;
};

/// The default configuration, loaded once: what every report test counts under.
inline const Configuration& config() {
    static const Configuration c = load_configuration();
    return c;
}

inline Period period(const char* from, const char* to) {
    return Period{*Date::parse(from), *Date::parse(to)};
}

}  // namespace ombuds::test
