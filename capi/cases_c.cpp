// SPDX-License-Identifier: MPL-2.0
// One case at a time, as a journal system registers and changes them: validate, insert, update,
// delete, and transactions around many of them.
#include <cstdlib>
#include <memory>

#include "handles.hpp"

using namespace ombuds::capi;

namespace {

/// Parses a record's text against the register's configuration; the parse violations go to
/// `violations`. With `given_only`, fields the record does not name are not checked for being
/// required (an update names only what it changes).
ombuds::CaseRecord to_case(const ombuds_record& rec, const ombuds::Configuration& config,
                           std::vector<ombuds::Violation>& violations, bool given_only) {
    ombuds::FieldValues values{};
    for (std::size_t i = 0; i < ombuds::field_count; ++i) values[i] = rec.values[i];
    std::vector<ombuds::Violation> found;
    auto parsed = ombuds::parse_record(values, config, found);
    for (auto& v : found) {
        if (given_only && v.rule == ombuds::Rule::field_required &&
            !rec.set.test(static_cast<std::size_t>(v.field)))
            continue;
        violations.push_back(std::move(v));
    }
    return parsed;
}

/// What ombuds_errmsg says of a refusal, in the handle's language: the first error's rule and
/// field.
std::string refusal_of(const std::vector<ombuds::Violation>& violations, ombuds::Lang lang) {
    std::string text = lang == ombuds::Lang::da ? "posten blev afvist" : "the record was refused";
    for (const auto& v : violations) {
        if (v.is_error()) {
            return text + ": " + std::string(ombuds::rule_code(v.rule)) + " (" +
                   std::string(ombuds::column_name(v.field)) + ")";
        }
    }
    return text;
}

/// Validates (and with `store` writes) a record as `mode` would. The answer is built before the
/// write commits, so OMBUDS_OK means stored and an answer that cannot be built stores nothing.
int check_record(ombuds_db* db, const ombuds_record* rec, char** out_json, bool store,
                 ombuds::WriteMode mode) {
    if (out_json) *out_json = nullptr;
    auto& handle = live_db(db);
    const auto& record = live_record(rec);
    auto& reg = *handle.reg;
    const bool update = mode == ombuds::WriteMode::update;
    std::vector<ombuds::Violation> violations;
    auto parsed = to_case(record, reg.config(), violations, update);
    if (update) {
        if (!parsed.case_id) throw misuse("an update names the case_id of the case to change");
        if (!reg.find_case(parsed.case_id->view()))
            throw ombuds::Error(ombuds::ErrorKind::not_found,
                                "no case " + ombuds::detail::quote_value(parsed.case_id->view()),
                                "ingen sag " + ombuds::detail::quote_value(parsed.case_id->view()));
    }
    std::unique_ptr<char, decltype(&std::free)> answer(nullptr, &std::free);
    auto set_answer = [&](const std::vector<ombuds::Violation>& all) {
        if (out_json) answer.reset(c_string(violations_json(all, handle.lang).dump()));
    };
    bool refused = has_error(violations);
    if (!refused) {
        auto build = [&](const std::vector<ombuds::Violation>& found) {
            auto all = violations;
            all.insert(all.end(), found.begin(), found.end());
            set_answer(all);
        };
        std::vector<ombuds::Violation> more;
        if (store) {
            more = reg.write(parsed, mode, record.set, build);
        } else {
            more = reg.validate(parsed, mode, record.set);
        }
        refused = has_error(more);
        violations.insert(violations.end(), more.begin(), more.end());
        // Not stored (refused, or only validated): nothing to undo if this fails.
        if (!answer) set_answer(violations);
    } else {
        set_answer(violations);
    }
    std::string refusal = refused ? refusal_of(violations, handle.lang) : std::string();
    // Nothing below can fail.
    if (out_json) *out_json = answer.release();
    if (refused) {
        handle.errmsg.swap(refusal);
        return OMBUDS_INVALID;
    }
    return OMBUDS_OK;
}

}  // namespace

extern "C" {

int ombuds_validate(ombuds_db* db, const ombuds_record* rec, char** out_json) {
    return guarded(
        db, [&] { return check_record(db, rec, out_json, false, ombuds::WriteMode::insert); });
}

int ombuds_insert(ombuds_db* db, const ombuds_record* rec, char** out_json) {
    return guarded(
        db, [&] { return check_record(db, rec, out_json, true, ombuds::WriteMode::insert); });
}

int ombuds_validate_update(ombuds_db* db, const ombuds_record* rec, char** out_json) {
    return guarded(
        db, [&] { return check_record(db, rec, out_json, false, ombuds::WriteMode::update); });
}

int ombuds_update(ombuds_db* db, const ombuds_record* rec, char** out_json) {
    return guarded(
        db, [&] { return check_record(db, rec, out_json, true, ombuds::WriteMode::update); });
}

int ombuds_delete_case(ombuds_db* db, const char* case_id) {
    return guarded(db, [&] {
        live_db(db).reg->delete_case(text_argument(case_id, "the case id"));
        return OMBUDS_OK;
    });
}

int ombuds_begin(ombuds_db* db) {
    return guarded(db, [&] {
        live_db(db).reg->begin();
        return OMBUDS_OK;
    });
}

int ombuds_commit(ombuds_db* db) {
    return guarded(db, [&] {
        live_db(db).reg->commit();
        return OMBUDS_OK;
    });
}

int ombuds_rollback(ombuds_db* db) {
    return guarded(db, [&] {
        live_db(db).reg->rollback();
        return OMBUDS_OK;
    });
}

}  // extern "C"
