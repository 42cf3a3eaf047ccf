// SPDX-License-Identifier: MPL-2.0
// The validator: every rule of domain.md, applied to one record against a view of what is
// already registered, or to a whole batch (a file) regardless of row order.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ombuds/config.hpp"
#include "ombuds/record.hpp"
#include "ombuds/violation.hpp"

namespace ombuds {

/// What the validator needs to know of a case that is already registered.
struct StoredCase {
    Kind kind;
    Role role;
    std::string citizen_token;  // comparable with RegisterView::citizen_token(); empty: anonymous
    Date received;
};

/// A view of what is already registered. The register implements it with indexed look-ups; an
/// empty view stands for "nothing stored yet". Citizens are compared through tokens so a
/// register can answer in pseudonyms without ever holding the clear value.
class RegisterView {
public:
    virtual ~RegisterView() = default;
    /// The stored case with this id, if any.
    virtual std::optional<StoredCase> find_case(std::string_view case_id) const = 0;
    /// Whether a stored main case has follow-ups attached.
    virtual bool has_followups(std::string_view case_id) const = 0;
    /// How many stored `orientation` inquiry cases the citizen has with `received` in `year`,
    /// not counting `excluding_case_id`.
    virtual std::size_t orientation_count(std::string_view citizen_token, int year,
                                          std::string_view excluding_case_id) const = 0;
    /// The token under which this view knows a citizen (the pseudonym in a register). Empty for
    /// an anonymous citizen.
    virtual std::string citizen_token(const Citizen& citizen) const { return citizen.key(); }
};

/// A view of an empty register.
class EmptyRegisterView final : public RegisterView {
public:
    std::optional<StoredCase> find_case(std::string_view) const override { return std::nullopt; }
    bool has_followups(std::string_view) const override { return false; }
    std::size_t orientation_count(std::string_view, int, std::string_view) const override { return 0; }
};

struct ValidationOptions {
    /// "Today" for dates.order (none in the future); nullopt: the system clock's date.
    std::optional<Date> today;
    /// Whether a case id already in the register may be replaced (import --replace).
    bool replace = false;
};

/// The rules between fields and against the register. Construct once per configuration and
/// reuse: validating a record allocates nothing in the common case.
class Validator {
public:
    explicit Validator(const Configuration& config, ValidationOptions options = {});

    /// Appends every violation of one record, seen against `stored`.
    void validate(const CaseRecord& rec, const RegisterView& stored, std::vector<Violation>& out) const;

    /// Validates a batch (one file) regardless of row order: rows may refer to rows later in
    /// the batch, ids must be unique within the batch and against `stored`. The result has one
    /// vector of violations per record, in the same order.
    std::vector<std::vector<Violation>> validate_batch(std::span<const CaseRecord> records,
                                                       const RegisterView& stored) const;

    const Configuration& config() const noexcept { return *config_; }
    Date today() const noexcept { return today_; }

private:
    const Configuration* config_;
    ValidationOptions options_;
    Date today_;
};

/// The system clock's date in local time.
Date today_local() noexcept;

}  // namespace ombuds
