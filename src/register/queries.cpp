// SPDX-License-Identifier: MPL-2.0
// Reading stored cases back: one case with its follow-ups, a period's cases, a query's list.
#include <algorithm>
#include <unordered_set>

#include "register/register_impl.hpp"

namespace ombuds {
namespace {

/// The units a scope covers: the node and every node below it.
std::vector<bool> units_within(const Organisation& organisation, UnitIndex node) {
    std::vector<bool> within(organisation.size(), false);
    for (std::size_t u = 0; u < organisation.size(); ++u) {
        for (std::optional<UnitIndex> at = static_cast<UnitIndex>(u); at;
             at = organisation.unit(*at).parent_index) {
            if (*at == node) {
                within[u] = true;
                break;
            }
        }
    }
    return within;
}

}  // namespace

std::optional<StoredCaseInfo> Register::find_case(std::string_view case_id) {
    impl_->refresh_config();
    store::Row row;
    if (!impl_->store->find(case_id, row)) return std::nullopt;
    auto decoded = store::decode_row(row, impl_->config);
    StoredCaseInfo info;
    info.has_citizen = !decoded.record.citizen.is_anonymous();
    info.citizen_kind = decoded.citizen_kind;
    info.record = std::move(decoded.record);
    if (info.record.role == Role::main) {
        for (const auto& followup : impl_->view.followups(case_id)) {
            if (followup.record.case_id) info.followups.push_back(followup.record.case_id->str());
        }
    }
    return info;
}

std::vector<CaseRecord> Register::cases(std::optional<Period> period) {
    impl_->refresh_config();
    std::vector<CaseRecord> records;
    store::Selection selection;
    selection.received = period;
    impl_->store->begin_read();
    try {
        impl_->store->scan(selection, store::all_columns(),
                           [&](const store::Row& row, std::int64_t) {
                               auto decoded = store::decode_row(row, impl_->config);
                               decoded.record.note.clear();
                               records.push_back(std::move(decoded.record));
                           });
    } catch (...) {
        impl_->store->end_read();
        throw;
    }
    impl_->store->end_read();
    // By date received, storage order within a day.
    std::stable_sort(records.begin(), records.end(), [](const CaseRecord& a, const CaseRecord& b) {
        return a.received < b.received;
    });
    return records;
}

std::vector<CaseRecord> Register::load_records() {
    impl_->refresh_config();
    std::vector<CaseRecord> records;
    impl_->store->scan({}, store::all_columns(), [&](const store::Row& row, std::int64_t) {
        records.push_back(store::decode_row(row, impl_->config).record);
    });
    return records;
}

std::vector<CaseRecord> Register::list_cases(const CaseQuery& query) {
    impl_->refresh_config();
    const auto& config = impl_->config;
    store::Selection selection;
    if (query.citizen) {
        auto [citizen, error] = Citizen::parse(*query.citizen);
        if (error != Citizen::ParseError::none || citizen.is_anonymous())
            throw Error(ErrorKind::misuse, "not a valid citizen (CPR, cvr:NNNNNNNN or ref:...)",
                        "ikke en gyldig borger (CPR, cvr:NNNNNNNN eller ref:...)");
        impl_->require_key("to find a citizen's cases", "til at finde en borgers sager");
        selection.pseudonym = impl_->pseudonym(citizen);
    }
    if (query.main_case_id) selection.main_case = *query.main_case_id;
    if (selection.pseudonym || selection.main_case) impl_->store->ensure_indexes();
    std::optional<std::vector<bool>> units;
    if (query.unit) {
        auto node = config.organisation.find(*query.unit);
        if (!node)
            throw Error(ErrorKind::misuse, "unknown unit " + detail::quote_value(*query.unit),
                        "ukendt enhed " + detail::quote_value(*query.unit));
        units = units_within(config.organisation, *node);
    }
    std::vector<CaseRecord> found;
    impl_->store->scan(selection, store::all_columns(), [&](const store::Row& row, std::int64_t) {
        auto rec = store::decode_row(row, config).record;
        if (query.open && rec.closed.has_value() == *query.open) return;
        if (query.received_from && (!rec.received || *rec.received < *query.received_from)) return;
        if (query.received_to && (!rec.received || *rec.received > *query.received_to)) return;
        if (units && (!rec.unit || !(*units)[*rec.unit])) return;
        rec.note.clear();
        found.push_back(std::move(rec));
    });
    if (query.inquiry_id) {
        // The inquiry's cases: those naming it, and the follow-ups without an inquiry id of its
        // main cases (they belong to their main case's inquiry).
        std::unordered_set<std::string> mains;
        for (const auto& rec : found) {
            if (rec.inquiry_id && rec.inquiry_id->str() == *query.inquiry_id &&
                rec.role == Role::main && rec.case_id)
                mains.insert(rec.case_id->str());
        }
        std::erase_if(found, [&](const CaseRecord& rec) {
            if (rec.inquiry_id) return rec.inquiry_id->str() != *query.inquiry_id;
            return !(rec.main_case_id && mains.count(rec.main_case_id->str()));
        });
    }
    std::sort(found.begin(), found.end(),
              [](const CaseRecord& a, const CaseRecord& b) { return a.case_id < b.case_id; });
    if (query.after_case_id) {
        auto first = std::find_if(found.begin(), found.end(), [&](const CaseRecord& rec) {
            return rec.case_id && rec.case_id->str() > *query.after_case_id;
        });
        found.erase(found.begin(), first);
    }
    if (query.limit > 0 && found.size() > query.limit) found.resize(query.limit);
    return found;
}

}  // namespace ombuds
