// SPDX-License-Identifier: MPL-2.0
// Many records at once, for the import pipeline: a load into an empty register (pseudonyms
// computed on the preparing thread, rows stored on another, the report's columns written in the
// same transaction) and many writes into a register that holds cases.
#include <cstring>
#include <exception>
#include <optional>
#include <thread>
#include <utility>

#include "register/interner.hpp"
#include "register/register_impl.hpp"

namespace ombuds {
namespace {

std::string_view id_view(const std::optional<CaseId>& id) {
    return id ? id->view() : std::string_view();
}

/// A citizen's key (empty for an anonymous case): it stands one to one for the pseudonym.
std::string_view citizen_key(const CaseRecord& rec) {
    return rec.citizen.is_anonymous() ? std::string_view() : std::string_view(rec.citizen.key());
}

class EmptyRegisterLoad final : public Register::BulkLoad {
    /// How many records ahead the ids' tables are prefetched: enough to overlap the misses,
    /// few enough that the slots are still cached when their turn comes.
    static constexpr std::size_t prefetch_ahead = 4;

  public:
    EmptyRegisterLoad(Register::Impl& impl, std::unique_ptr<store::BulkLoad> load,
                      std::size_t expected)
        : impl_(impl), load_(std::move(load)), ids_(expected) {
        columns_.reserve(expected);
    }
    ~EmptyRegisterLoad() override {
        load_.reset();  // a load still going (a COPY) ends before the rollback
        if (!committed_) impl_.store->rollback();
    }

    Batch prepare(const CaseRecord* first, std::size_t count) override {
        Batch batch{first, count, {}, {}};
        batch.pseudonyms.resize(count * store::pseudonym_size);
        batch.numbers.resize(count * 2, -1);
        for (std::size_t i = 0; i < count; ++i) {
            const auto& rec = first[i];
            if (i + prefetch_ahead < count) {
                const auto& later = first[i + prefetch_ahead];
                ids_.prefetch(id_view(later.inquiry_id), citizen_key(later));
            }
            const std::string_view citizen = citizen_key(rec);
            char* pseudonym = batch.pseudonyms.data() + i * store::pseudonym_size;
            if (!citizen.empty()) {
                // A citizen's cases often follow one another: the pseudonym just computed.
                if (i > 0 && citizen_key(first[i - 1]) == citizen) {
                    std::memcpy(pseudonym, pseudonym - store::pseudonym_size,
                                store::pseudonym_size);
                } else {
                    impl_.require_key("to pseudonymise the file's citizens",
                                      "til at pseudonymisere filens borgere");
                    impl_.pseudonyms->pseudonym(citizen, pseudonym);
                }
            }
            // The register's numbers and the report's columns, as a scan would give them.
            auto assigned = ids_.add(id_view(rec.case_id), id_view(rec.inquiry_id), citizen,
                                     !id_view(rec.main_case_id).empty());
            columns_.push(rec, assigned.citizen, assigned.inquiry, CaseColumns::no_case);
            if (assigned.citizen != CaseColumns::anonymous) batch.numbers[2 * i] = assigned.citizen;
            if (assigned.inquiry != detail::Interner::absent)
                batch.numbers[2 * i + 1] = assigned.inquiry;
            else
                later_.push_back(prepared_ + i);  // a follow-up before its main case
        }
        prepared_ += count;
        return batch;
    }

    void store(const Batch& batch) override {
        for (std::size_t i = 0; i < batch.count; ++i) {
            const auto& rec = batch.first[i];
            std::string_view pseudonym;
            if (!rec.citizen.is_anonymous()) {
                pseudonym = std::string_view(batch.pseudonyms)
                                .substr(i * store::pseudonym_size, store::pseudonym_size);
            }
            store::StoredRow row(rec, impl_.config, pseudonym, impl_.key_id);
            auto number = [&](std::size_t k) -> std::optional<std::int64_t> {
                auto n = batch.numbers[2 * i + k];
                return n < 0 ? std::nullopt : std::optional<std::int64_t>(n);
            };
            row.set_numbers(number(0), number(1));
            load_->insert(row);
        }
    }

    void finish_storing(std::span<const CaseRecord> records) override {
        if (finished_storing_) return;
        // The follow-ups' main rows are found on a thread of their own while the store builds
        // its indexes (the rows are stored without them).
        ids_.release_citizens();
        std::exception_ptr main_rows_failure;
        std::jthread main_rows([&] {
            try {
                find_main_rows(records);
            } catch (...) {
                main_rows_failure = std::current_exception();
            }
        });
        load_->finish();
        main_rows.join();
        if (main_rows_failure) std::rethrow_exception(main_rows_failure);
        finished_storing_ = true;
    }

    void commit(std::span<const CaseRecord> records, std::string_view operation) override {
        finish_storing(records);
        ids_.finish(columns_);  // the inquiries of follow-ups before their main case
        auto& store = *impl_.store;
        for (auto i : later_) {
            if (auto rowid = store.rowid_of(records[i].case_id->view())) {
                std::optional<std::int64_t> citizen;
                if (columns_.citizen[i] != CaseColumns::anonymous) citizen = columns_.citizen[i];
                store.set_numbers(*rowid, citizen, columns_.inquiry[i]);
            }
        }
        impl_.set_next_numbers(std::int64_t{columns_.citizen_count} + 1, columns_.inquiry_count);
        // Into an empty table the rows took consecutive rowids, in the order stored; the
        // snapshot is written only when that holds (else the first report scans).
        if (!records.empty()) {
            auto first = store.rowid_of(records.front().case_id->view());
            auto last = store.rowid_of(records.back().case_id->view());
            if (first && last && *last - *first + 1 == static_cast<std::int64_t>(records.size())) {
                register_detail::write_snapshot(
                    impl_, columns_,
                    register_detail::RowidRuns::consecutive(*first, records.size()));
            }
        }
        store.audit(operation, records.size());
        store.commit();
        committed_ = true;
    }

  private:
    void find_main_rows(std::span<const CaseRecord> records) {
        detail::MainRows mains(records.size());
        for (const auto& rec : records) mains.add(id_view(rec.case_id), id_view(rec.main_case_id));
        mains.finish(columns_.main_row);
    }

    Register::Impl& impl_;
    std::unique_ptr<store::BulkLoad> load_;
    detail::CaseIds ids_;
    CaseColumns columns_;
    std::size_t prepared_ = 0;
    std::vector<std::size_t> later_;  // records whose inquiry number waits for their main case
    bool finished_storing_ = false;
    bool committed_ = false;
};

}  // namespace

std::unique_ptr<Register::BulkLoad> Register::bulk_load(std::size_t expected_bytes) {
    if (impl_->explicit_transaction) return nullptr;
    impl_->refresh_config();
    auto load = impl_->store->bulk_load();
    if (!load) return nullptr;
    return std::make_unique<EmptyRegisterLoad>(*impl_, std::move(load), expected_bytes / 160);
}

void Register::begin_many(std::size_t rows) {
    impl_->refresh_config();
    impl_->store->begin_write();
    try {
        impl_->store->ensure_indexes();  // validation against the register looks cases up
        impl_->store->begin_many(rows);
    } catch (...) {
        impl_->store->rollback();
        throw;
    }
    impl_->many = true;
    impl_->many_next_numbers.reset();
    impl_->pending_followup_inquiries.clear();
}

void Register::commit_many(std::string_view operation, std::size_t cases) {
    impl_->store->finish_many();
    impl_->many = false;
    if (auto next = std::exchange(impl_->many_next_numbers, std::nullopt))
        impl_->set_next_numbers(next->first, next->second);
    auto pending = std::move(impl_->pending_followup_inquiries);
    impl_->pending_followup_inquiries.clear();
    for (const auto& [main_case_id, inquiry] : pending)
        impl_->store->set_followups_inquiry(main_case_id, inquiry);
    // A follow-up stored before its main case (later in the same file) gets its inquiry now.
    if (impl_->store->has_unnumbered()) impl_->number_missing();
    impl_->store->audit(operation, cases);
    impl_->store->commit();
}

void Register::rollback_many() noexcept {
    impl_->many = false;
    impl_->many_next_numbers.reset();
    impl_->pending_followup_inquiries.clear();
    impl_->store->rollback();
}

}  // namespace ombuds
