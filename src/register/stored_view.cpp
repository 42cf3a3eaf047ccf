// SPDX-License-Identifier: MPL-2.0
// The stored cases as the validator sees them: look-ups in the store, citizens by pseudonym.
// A look-up by main case or citizen first makes sure of the indexes an import leaves out:
// validating a file against a register just imported would otherwise read every case per row.
#include "register/register_impl.hpp"

namespace ombuds {

std::optional<StoredCase> StoredView::find_case(std::string_view case_id) const {
    store::Row row;
    if (!impl_.store->find(case_id, row)) return std::nullopt;
    return StoredCase{store::decode_row(row, impl_.config).record};
}

std::vector<StoredCase> StoredView::followups(std::string_view case_id) const {
    std::vector<StoredCase> out;
    store::Selection selection;
    selection.main_case = std::string(case_id);
    impl_.store->ensure_indexes();
    impl_.store->scan(selection, store::all_columns(), [&](const store::Row& row, std::int64_t) {
        out.push_back(StoredCase{store::decode_row(row, impl_.config).record});
    });
    return out;
}

bool StoredView::has_followups(std::string_view case_id) const {
    impl_.store->ensure_indexes();
    return impl_.store->has_followups(case_id);
}

std::size_t StoredView::orientation_count(std::string_view token, int year,
                                          std::string_view excluding) const {
    if (token.empty()) return 0;
    impl_.store->ensure_indexes();
    return impl_.store->orientation_count(token, year, excluding);
}

std::string StoredView::citizen_token(const Citizen& citizen) const {
    return impl_.pseudonym(citizen);
}

}  // namespace ombuds
