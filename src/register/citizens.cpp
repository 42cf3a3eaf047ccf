// SPDX-License-Identifier: MPL-2.0
// What the register does for one citizen or for citizens as a whole: the insight export,
// erasure (gone from every file) and anonymisation per citizen.
#include <unordered_set>

#include "register/register_impl.hpp"

namespace ombuds {
namespace {

/// Citizens are parsed from the caller's text and never kept in clear.
Citizen parse_citizen_argument(std::string_view text) {
    auto [citizen, error] = Citizen::parse(text);
    if (error != Citizen::ParseError::none || citizen.is_anonymous()) {
        throw Error(ErrorKind::misuse, "not a valid citizen (CPR, cvr:NNNNNNNN or ref:...)");
    }
    return citizen;
}

}  // namespace

std::vector<CaseRecord> Register::citizen_cases(std::string_view citizen_text) {
    Citizen citizen = parse_citizen_argument(citizen_text);
    impl_->require_key("to find a citizen's cases", "til at finde en borgers sager");
    impl_->refresh_config();
    store::Selection selection;
    selection.pseudonym = impl_->pseudonym(citizen);
    impl_->store->ensure_indexes();
    std::vector<CaseRecord> records;
    impl_->store->scan(selection, store::all_columns(), [&](const store::Row& row, std::int64_t) {
        records.push_back(store::decode_row(row, impl_->config).record);
    });
    std::stable_sort(records.begin(), records.end(), [](const CaseRecord& a, const CaseRecord& b) {
        return a.received < b.received;
    });
    return records;
}

EraseResult Register::erase_citizen(std::string_view citizen_text) {
    Citizen citizen = parse_citizen_argument(citizen_text);
    impl_->require_key("to find the citizen to erase", "til at finde borgeren, der skal slettes");
    const std::string token = impl_->pseudonym(citizen);
    EraseResult result;
    Impl::Write write(*impl_);
    impl_->store->ensure_indexes();
    // A follow-up shares its main case's citizen, so erasing a citizen leaves none dangling;
    // should a register hold one anyway (written by another tool), erasing its main case alone
    // is refused (main.keeps_followups).
    std::unordered_set<std::string> erased;
    std::vector<std::string> mains;
    store::Selection mine;
    mine.pseudonym = token;
    impl_->store->scan(mine, {store::column_of(Field::case_id), store::column_of(Field::role)},
                       [&](const store::Row& row, std::int64_t) {
                           erased.emplace(row[store::column_of(Field::case_id)].bytes);
                           if (row[store::column_of(Field::role)].bytes == code(Role::main))
                               mains.emplace_back(row[store::column_of(Field::case_id)].bytes);
                       });
    for (const auto& main : mains) {
        for (const auto& followup : impl_->view.followups(main)) {
            if (followup.record.case_id && !erased.count(followup.record.case_id->str())) {
                throw Error(ErrorKind::conflict,
                            std::string(rule_code(Rule::main_keeps_followups)) + ": " +
                                std::string(rule_info(Rule::main_keeps_followups).en) + ": " +
                                detail::quote_value(main));
            }
        }
    }
    result.erased = impl_->store->remove_citizen(token);
    impl_->store->audit("erase", result.erased);
    write.commit();
    // Inside the caller's transaction the content stays in the log until it commits.
    result.clean = impl_->explicit_transaction ? false : impl_->store->purge();
    return result;
}

AnonymiseResult Register::anonymise_closed_before(Date date) {
    AnonymiseResult result;
    Impl::Write write(*impl_);
    // Each citizen's cases share one random token: unlinkable to the person, but every count
    // of unique citizens, in any period, stays the same.
    std::vector<std::pair<std::string, std::string>> replacements;
    for (auto& pseudonym : impl_->store->citizens_closed_before(date)) {
        auto random = detail::Pseudonymiser::random_key();
        replacements.emplace_back(
            std::move(pseudonym),
            std::string(reinterpret_cast<const char*>(random.data()), random.size()));
    }
    result.citizens = replacements.size();
    if (!replacements.empty())
        result.cases = impl_->store->replace_citizens(replacements, store::anonymised_key);
    result.cases += impl_->store->remove_anonymous_notes(date);
    impl_->store->audit("anonymise", result.cases);
    write.commit();
    if (!impl_->explicit_transaction) impl_->store->purge();
    return result;
}

}  // namespace ombuds
