// SPDX-License-Identifier: MPL-2.0
// The validator: every rule of domain.md, applied to one record against a view of what is
// already registered, or to a whole batch (a file) regardless of row order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ombuds/config.hpp"
#include "ombuds/detail/tagged_slot.hpp"
#include "ombuds/record.hpp"
#include "ombuds/violation.hpp"

namespace ombuds {

/// A case already registered, as the validator sees it: the citizen as the register's
/// pseudonym of it (Citizen::pseudonym) or anonymous, the note as stored.
struct StoredCase {
    CaseRecord record;
};

/// A view of what is already registered. The register implements it with indexed look-ups; an
/// empty view stands for "nothing stored yet". Citizens are compared through tokens so a
/// register can answer in pseudonyms without ever holding the clear value.
class RegisterView {
  public:
    virtual ~RegisterView() = default;
    /// The stored case with this id, if any.
    virtual std::optional<StoredCase> find_case(std::string_view case_id) const = 0;
    /// The stored follow-ups of a main case.
    virtual std::vector<StoredCase> followups(std::string_view case_id) const = 0;
    /// Whether a stored main case has follow-ups attached.
    virtual bool has_followups(std::string_view case_id) const {
        return !followups(case_id).empty();
    }
    /// How many stored `orientation` inquiry cases the citizen has with `received` in `year`,
    /// not counting `excluding_case_id`.
    virtual std::size_t orientation_count(std::string_view citizen_token, int year,
                                          std::string_view excluding_case_id) const = 0;
    /// The token under which this view knows a citizen (the pseudonym in a register; a stored
    /// citizen is its own token). Empty for an anonymous citizen.
    virtual std::string citizen_token(const Citizen& citizen) const { return citizen.key(); }
};

/// A view of an empty register.
class EmptyRegisterView final : public RegisterView {
  public:
    std::optional<StoredCase> find_case(std::string_view) const override { return std::nullopt; }
    std::vector<StoredCase> followups(std::string_view) const override { return {}; }
    std::size_t orientation_count(std::string_view, int, std::string_view) const override {
        return 0;
    }
};

/// How a record naming a case id may change what is stored (interfaces.md, "Case file").
enum class WriteMode : std::uint8_t {
    insert,   // a new case: a stored case id is refused (id.unique)
    replace,  // the whole stored case is replaced (a new id is inserted)
    update,   // the record is the stored case with some fields changed (merge_update)
};

struct ValidationOptions {
    /// "Today" for dates.order (none in the future); nullopt: the system clock's date on the
    /// day of each check.
    std::optional<Date> today;
    WriteMode mode = WriteMode::insert;
};

/// The stored case with the fields in `given` taken from `change` (an empty value clears).
inline CaseRecord merge_update(const CaseRecord& stored, const CaseRecord& change,
                               const FieldSet& given) {
    CaseRecord merged = stored;
    copy_fields(merged, change, given);
    return merged;
}

/// replace.would_clear: a change read from a file never clears a stored citizen or note with an
/// empty cell (no export of ombuds carries a citizen, so an empty cell there means "not in this
/// file"). `given` names the fields the file has.
inline void check_would_clear(const CaseRecord& change, const FieldSet& given,
                              const CaseRecord& stored, std::vector<Violation>& out) {
    auto has = [&](Field f) { return given.test(static_cast<std::size_t>(f)); };
    if (has(Field::citizen) && change.citizen.is_anonymous() && !stored.citizen.is_anonymous())
        out.emplace_back(Rule::replace_would_clear, Field::citizen);
    if (has(Field::note) && change.note.empty() && !stored.note.empty())
        out.emplace_back(Rule::replace_would_clear, Field::note);
}

namespace detail {

/// The rows of a batch by case id: open addressing over one flat array (no allocation per
/// id), so a million-row file is indexed in a few milliseconds.
class IdIndex {
  public:
    explicit IdIndex(std::span<const CaseRecord> records) : records_(records) {
        std::size_t capacity = 16;
        while (capacity < records.size() * 2) capacity *= 2;
        slots_.assign(capacity, 0);
        mask_ = capacity - 1;
    }

    /// Adds a row; returns false when its id is taken by an earlier row.
    bool insert(std::string_view id, std::size_t row) {
        const std::uint64_t hash = std::hash<std::string_view>{}(id);
        for (std::size_t at = hash & mask_;; at = (at + 1) & mask_) {
            auto slot = slots_[at];
            if (slot == 0) {
                slots_[at] = tagged_slot::make(hash, static_cast<std::uint32_t>(row + 1));
                return true;
            }
            if (matches(slot, hash, id)) return false;
        }
    }

    /// The first row with this id, if any.
    const CaseRecord* find(std::string_view id) const {
        const std::uint64_t hash = std::hash<std::string_view>{}(id);
        for (std::size_t at = hash & mask_;; at = (at + 1) & mask_) {
            auto slot = slots_[at];
            if (slot == 0) return nullptr;
            if (matches(slot, hash, id)) return &records_[row_of(slot)];
        }
    }

  private:
    static std::size_t row_of(std::uint64_t slot) noexcept {
        return tagged_slot::value(slot) - std::size_t{1};
    }
    bool matches(std::uint64_t slot, std::uint64_t hash, std::string_view id) const {
        return tagged_slot::tag_matches(slot, hash) && records_[row_of(slot)].case_id->view() == id;
    }

    std::span<const CaseRecord> records_;
    std::vector<std::uint64_t> slots_;  // tagged_slot::make(hash, row + 1), or 0
    std::size_t mask_ = 0;
};

}  // namespace detail

/// The system clock's date in local time.
inline Date today_local() noexcept {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    if (localtime_r(&now, &local) == nullptr) return Date::last();
    return Date::from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday)
        .value_or(Date::last());
}

/// The rules between fields and against the register. Construct once per configuration and
/// reuse: validating a record allocates nothing when it is valid.
class Validator {
  public:
    explicit Validator(const Configuration& config, ValidationOptions options = {})
        : config_(&config), options_(options) {}

    /// Appends every violation of one record, seen against `stored`.
    void validate(const CaseRecord& rec, const RegisterView& stored,
                  std::vector<Violation>& out) const {
        const Date today = this->today();
        check_fields(rec, today, out);
        check_against_register(rec, stored, nullptr, out);
        check_id(rec, stored, out);
        if (is_orientation(rec) &&
            stored.orientation_count(stored.citizen_token(rec.citizen), rec.received->year(),
                                     rec.case_id ? rec.case_id->view() : "") > 0) {
            out.emplace_back(Rule::orientation_once_per_citizen, Field::action);
        }
    }

    /// Validates a batch (one file) regardless of row order: rows may refer to rows later in
    /// the batch, ids must be unique within the batch and against `stored`. The result has one
    /// vector of violations per record, in the same order.
    std::vector<std::vector<Violation>> validate_batch(std::span<const CaseRecord> records,
                                                       const RegisterView& stored) const {
        const Date today = this->today();
        std::vector<std::vector<Violation>> result(records.size());
        Batch batch{detail::IdIndex(records)};
        for (std::size_t i = 0; i < records.size(); ++i) {
            const auto& rec = records[i];
            if (!rec.case_id) continue;
            if (!batch.by_id.insert(rec.case_id->view(), i)) {
                result[i].emplace_back(Rule::id_unique, Field::case_id,
                                       detail::quote_value(rec.case_id->view()));
            }
        }
        // Orientation cases per citizen and year, in file order.
        std::unordered_map<std::string, int> orientations;
        for (std::size_t i = 0; i < records.size(); ++i) {
            const auto& rec = records[i];
            auto& out = result[i];
            check_fields(rec, today, out);
            check_against_register(rec, stored, &batch, out);
            check_id(rec, stored, out);
            if (is_orientation(rec)) {
                std::string key =
                    stored.citizen_token(rec.citizen) + '#' + std::to_string(rec.received->year());
                int& earlier_in_batch = orientations[key];
                bool earlier = earlier_in_batch > 0 ||
                               stored.orientation_count(stored.citizen_token(rec.citizen),
                                                        rec.received->year(),
                                                        rec.case_id ? rec.case_id->view() : "") > 0;
                ++earlier_in_batch;
                if (earlier) out.emplace_back(Rule::orientation_once_per_citizen, Field::action);
            }
        }
        return result;
    }

    const Configuration& config() const noexcept { return *config_; }
    const ValidationOptions& options() const noexcept { return options_; }
    /// The day dates are checked against: the options' or the clock's, read now.
    Date today() const noexcept { return options_.today ? *options_.today : today_local(); }

  private:
    struct Batch {
        detail::IdIndex by_id;
    };

    static bool is_orientation(const CaseRecord& rec) noexcept {
        return rec.kind == Kind::inquiry && rec.action == Action::orientation &&
               !rec.citizen.is_anonymous() && rec.received;
    }

    /// The rules that need only the record itself and the configuration.
    void check_fields(const CaseRecord& rec, Date today, std::vector<Violation>& out) const {
        // An open case may have no action yet; a rejection reason still needs "rejected".
        const bool rejected = rec.action == Action::rejected;
        if (rejected != rec.rejection_reason.has_value()) {
            out.emplace_back(Rule::rejection_reason_iff_rejected, Field::rejection_reason);
        }
        if (rec.closed && !rec.action) out.emplace_back(Rule::closed_needs_action, Field::action);
        if (rec.rejection_reason == RejectionReason::time_barred) {
            bool old_enough = rec.matter_date && rec.received &&
                              (*rec.received - *rec.matter_date) > config_->limits.time_bar_days;
            if (!old_enough)
                out.emplace_back(Rule::rejection_time_barred_needs_age, Field::matter_date);
        }
        if (rec.rejection_reason == RejectionReason::other_authority && rec.unit &&
            !config_->organisation.unit(*rec.unit).external) {
            out.emplace_back(Rule::rejection_other_authority_unit, Field::unit,
                             detail::quote_value(config_->organisation.unit(*rec.unit).code));
        }
        if (rec.rejection_reason == RejectionReason::other && rec.note.empty() &&
            rec.kind != Kind::staff) {
            out.emplace_back(Rule::rejection_other_needs_note, Field::note);
        }
        if (rec.kind && rec.action && !action_fits(*rec.kind, *rec.action)) {
            out.emplace_back(Rule::action_fits_kind, Field::action,
                             std::string(code(*rec.action)) + " / " + std::string(code(*rec.kind)));
        }
        check_dates(rec, today, out);
        if (rec.closed && (rec.kind == Kind::complaint || rec.kind == Kind::investigation) &&
            !rec.resolution) {
            out.emplace_back(Rule::closed_needs_resolution, Field::resolution);
        }
        if (rec.unit && rec.received &&
            !config_->organisation.unit(*rec.unit).valid_on(*rec.received)) {
            out.emplace_back(Rule::unit_known, Field::unit,
                             detail::quote_value(config_->organisation.unit(*rec.unit).code));
        }
        if (rec.kind == Kind::complaint || rec.kind == Kind::inquiry) {
            if (!rec.theme.theme) out.emplace_back(Rule::theme_required, Field::theme);
        } else if (rec.kind == Kind::staff) {
            if (rec.theme.theme || !rec.theme.group)
                out.emplace_back(Rule::theme_required, Field::theme);
        }
        if (rec.kind == Kind::staff) {
            if (!rec.citizen.is_anonymous())
                out.emplace_back(Rule::staff_no_personal_data, Field::citizen);
            if (!rec.note.empty()) out.emplace_back(Rule::staff_no_personal_data, Field::note);
        }
        if (rec.kind == Kind::investigation) {
            if (!rec.origin) out.emplace_back(Rule::investigation_origin, Field::origin);
            if (rec.role == Role::follow_up)
                out.emplace_back(Rule::investigation_origin, Field::role);
        } else if (rec.kind && rec.origin) {
            out.emplace_back(Rule::investigation_origin, Field::origin);
        }
        if (auto birth = rec.citizen.birth_date();
            birth && rec.received && *birth > *rec.received) {
            out.emplace_back(Rule::citizen_format, Field::citizen);
        }
        if (rec.role == Role::main && rec.main_case_id) {
            out.emplace_back(Rule::main_no_parent, Field::main_case_id);
        }
        // id.no_cpr: identifiers are stored and exported as they are. Never echoed.
        auto spells_cpr = [](const std::optional<CaseId>& id) {
            return id && detail::cpr_spelling::contains_cpr(id->view());
        };
        if (spells_cpr(rec.case_id)) out.emplace_back(Rule::id_no_cpr, Field::case_id);
        if (spells_cpr(rec.inquiry_id)) out.emplace_back(Rule::id_no_cpr, Field::inquiry_id);
        if (spells_cpr(rec.main_case_id)) out.emplace_back(Rule::id_no_cpr, Field::main_case_id);
    }

    void check_dates(const CaseRecord& rec, Date today, std::vector<Violation>& out) const {
        // Each date is compared with the latest earlier date in the chain that is present, so
        // one misplaced date is reported once, on its own field.
        const std::pair<Field, const std::optional<Date>*> chain[] = {
            {Field::matter_date, &rec.matter_date},
            {Field::received, &rec.received},
            {Field::first_response, &rec.first_response},
            {Field::closed, &rec.closed}};
        std::optional<Date> latest;
        for (const auto& [field, value] : chain) {
            if (!value->has_value()) continue;
            Date date = **value;
            if (date > today) {
                out.emplace_back(Rule::dates_order, field, Hint::date_after_today, date.iso(),
                                 today.iso());
            } else if (latest && date < *latest) {
                out.emplace_back(Rule::dates_order, field, Hint::date_before_earlier, date.iso(),
                                 latest->iso());
            }
            if (!latest || date > *latest) latest = date;
        }
    }

    /// followup.requires_main and main.delete_with_followups: the main case is looked for in
    /// the batch first (it may come later in the file), then in the register.
    void check_against_register(const CaseRecord& rec, const RegisterView& stored,
                                const Batch* batch, std::vector<Violation>& out) const {
        if (rec.role == Role::follow_up && rec.kind != Kind::investigation) {
            if (!rec.main_case_id) {
                out.emplace_back(Rule::followup_requires_main, Field::main_case_id);
            } else {
                check_main_case(rec, stored, batch, out);
            }
        }
        if (options_.mode != WriteMode::insert && rec.case_id)
            check_keeps_followups(rec, stored, batch, out);
    }

    /// id.unique against the register, and update.needs_case.
    void check_id(const CaseRecord& rec, const RegisterView& stored,
                  std::vector<Violation>& out) const {
        if (!rec.case_id) return;
        if (options_.mode == WriteMode::insert && stored.find_case(rec.case_id->view())) {
            out.emplace_back(Rule::id_unique, Field::case_id,
                             detail::quote_value(rec.case_id->view()));
        }
    }

    /// main.keeps_followups: a stored main case changed so that one of its follow-ups (as
    /// stored, or as the batch changes it) would no longer satisfy followup.requires_main.
    void check_keeps_followups(const CaseRecord& rec, const RegisterView& stored,
                               const Batch* batch, std::vector<Violation>& out) const {
        auto id = rec.case_id->view();
        auto existing = stored.find_case(id);
        if (!existing || existing->record.role != Role::main) return;
        const std::string token = stored.citizen_token(rec.citizen);
        bool citizen = false, received = false, role = false;
        for (const auto& followup : stored.followups(id)) {
            const CaseRecord* current = &followup.record;
            if (batch && followup.record.case_id) {
                if (const auto* changed = batch->by_id.find(followup.record.case_id->view()))
                    current = changed;
            }
            // A follow-up the batch moves to another main case, or makes a main case, is no
            // longer this case's to keep.
            if (current->role != Role::follow_up || !current->main_case_id ||
                current->main_case_id->view() != id)
                continue;
            role = role || rec.role != Role::main;
            citizen = citizen || stored.citizen_token(current->citizen) != token;
            received = received ||
                       (rec.received && current->received && *rec.received > *current->received);
        }
        if (role) out.emplace_back(Rule::main_keeps_followups, Field::role);
        if (citizen) out.emplace_back(Rule::main_keeps_followups, Field::citizen);
        if (received) out.emplace_back(Rule::main_keeps_followups, Field::received);
    }

    void check_main_case(const CaseRecord& rec, const RegisterView& stored, const Batch* batch,
                         std::vector<Violation>& out) const {
        auto id = rec.main_case_id->view();
        auto refuse = [&](Hint why) {
            out.emplace_back(Rule::followup_requires_main, Field::main_case_id, why,
                             detail::quote_value(id));
        };
        if (rec.case_id && rec.case_id->view() == id) return refuse(Hint::main_itself);
        std::optional<Role> role;
        std::optional<Date> received;
        bool same_citizen = false;
        const CaseRecord* in_batch = batch ? batch->by_id.find(id) : nullptr;
        if (in_batch) {
            role = in_batch->role;
            received = in_batch->received;
            same_citizen =
                stored.citizen_token(in_batch->citizen) == stored.citizen_token(rec.citizen);
        } else if (auto found = stored.find_case(id)) {
            role = found->record.role;
            received = found->record.received;
            same_citizen =
                stored.citizen_token(found->record.citizen) == stored.citizen_token(rec.citizen);
        } else {
            return refuse(Hint::main_missing);
        }
        if (role != Role::main) return refuse(Hint::main_not_main);
        if (!same_citizen) return refuse(Hint::main_other_citizen);
        if (received && rec.received && *received > *rec.received)
            return refuse(Hint::main_received_later);
    }

    const Configuration* config_;
    ValidationOptions options_;
};

}  // namespace ombuds
