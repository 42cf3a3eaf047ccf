// SPDX-License-Identifier: MPL-2.0
// The register's numbers: one citizen number per citizen (by pseudonym) and one inquiry number
// per inquiry, given when a case is stored: the number another case of the same citizen or
// inquiry has, else the next one. The report counts unique citizens and inquiries by them, so a
// changed case's values for the report are known without reading every case again.
#include <charconv>

#include "register/register_impl.hpp"

namespace ombuds {
namespace {

constexpr const char* next_citizen_key = "next_citizen_no";
constexpr const char* next_inquiry_key = "next_inquiry_no";

}  // namespace

std::int64_t Register::Impl::next_number(bool citizen) {
    if (many) {
        if (!many_next_numbers) many_next_numbers = next_numbers();
        if (many_next_numbers) {
            auto& next = citizen ? many_next_numbers->first : many_next_numbers->second;
            return next++;
        }
        // Unreadable stored numbers: the way below says so.
    }
    const char* key = citizen ? next_citizen_key : next_inquiry_key;
    auto stored = store->meta(key);
    // Citizen numbers start at 1 (0 is the report's anonymous), inquiry numbers at 0.
    std::int64_t number = stored ? std::stoll(*stored) : (citizen ? 1 : 0);
    store->set_meta(key, std::to_string(number + 1));
    return number;
}

std::optional<std::pair<std::int64_t, std::int64_t>> Register::Impl::next_numbers() {
    auto read = [this](const char* key, std::int64_t first) -> std::optional<std::int64_t> {
        auto stored = store->meta(key);
        if (!stored) return first;
        std::int64_t value = 0;
        auto [end, error] = std::from_chars(stored->data(), stored->data() + stored->size(), value);
        if (error != std::errc() || end != stored->data() + stored->size()) return std::nullopt;
        return value;
    };
    auto citizen = read(next_citizen_key, 1);
    auto inquiry = read(next_inquiry_key, 0);
    if (!citizen || !inquiry) return std::nullopt;
    return std::pair{*citizen, *inquiry};
}

void Register::Impl::set_next_numbers(std::int64_t citizen, std::int64_t inquiry) {
    store->set_meta(next_citizen_key, std::to_string(citizen));
    store->set_meta(next_inquiry_key, std::to_string(inquiry));
}

Register::Impl::Numbers Register::Impl::numbers_for(const CaseRecord& rec,
                                                    const std::string& pseudonym) {
    store->ensure_indexes();
    Numbers numbers;
    if (!pseudonym.empty()) {
        numbers.citizen = store->citizen_number(pseudonym);
        if (!numbers.citizen) numbers.citizen = next_number(true);
    }
    if (rec.inquiry_id) {
        numbers.inquiry = store->inquiry_number(rec.inquiry_id->view());
        if (!numbers.inquiry) numbers.inquiry = next_number(false);
        return numbers;
    }
    store::Row row;
    if (rec.role == Role::follow_up && rec.main_case_id) {
        // A follow-up without an inquiry id is in its main case's inquiry; when the main case
        // is not stored yet (later in the same file) the number comes once it is.
        if (store->find(rec.main_case_id->view(), row) &&
            row[store::inquiry_number_column].type == store::Value::Type::integer)
            numbers.inquiry = row[store::inquiry_number_column].number;
        return numbers;
    }
    // A case of its own inquiry keeps the number it had when it is stored again.
    if (rec.case_id && store->find(rec.case_id->view(), row) &&
        row[store::column_of(Field::inquiry_id)].is_null() &&
        row[store::inquiry_number_column].type == store::Value::Type::integer)
        numbers.inquiry = row[store::inquiry_number_column].number;
    else
        numbers.inquiry = next_number(false);
    return numbers;
}

void Register::Impl::number_missing() {
    // Every row without its numbers, in storage order; a follow-up waits for its main case's
    // inquiry number, and one whose main case is missing becomes an inquiry of its own.
    const std::vector<std::size_t> wanted = store::all_columns();
    for (bool last_round = false;;) {
        store::Selection unnumbered;
        unnumbered.unnumbered = true;
        std::vector<std::pair<std::int64_t, DecodedNumbers>> rows;
        store->scan(unnumbered, wanted, [&](const store::Row& row, std::int64_t rowid) {
            auto decoded = store::decode_row(row, config);
            rows.emplace_back(rowid, DecodedNumbers{std::move(decoded.record),
                                                    std::string(store::row_pseudonym(row))});
        });
        if (rows.empty()) return;
        bool progress = false;
        for (auto& [rowid, found] : rows) {
            auto numbers = numbers_for(found.record, found.pseudonym);
            if (!numbers.inquiry && last_round) numbers.inquiry = next_number(false);
            if (!numbers.inquiry) continue;
            store->set_numbers(rowid, numbers.citizen, numbers.inquiry);
            progress = true;
        }
        if (!progress) last_round = true;
    }
}

}  // namespace ombuds
