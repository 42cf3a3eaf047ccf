// SPDX-License-Identifier: MPL-2.0
// Many records at once, for the import pipeline: a load into an empty register (pseudonyms
// computed on the preparing thread, rows stored on another, the report's columns written in the
// same transaction) and many writes into a register that holds cases.
#include <exception>
#include <thread>

#include "register/register_impl.hpp"

namespace ombuds {
namespace {

class EmptyRegisterLoad final : public Register::BulkLoad {
  public:
    EmptyRegisterLoad(Register::Impl& impl, std::unique_ptr<store::BulkLoad> load)
        : impl_(impl), load_(std::move(load)) {}
    ~EmptyRegisterLoad() override {
        if (!committed_) impl_.store->rollback();
    }

    Batch prepare(const CaseRecord* first, std::size_t count) const override {
        Batch batch{first, count, {}};
        batch.pseudonyms.resize(count * store::pseudonym_size);
        for (std::size_t i = 0; i < count; ++i) {
            const auto& citizen = first[i].citizen;
            if (citizen.is_anonymous()) continue;
            impl_.require_key("to pseudonymise the file's citizens");
            impl_.pseudonyms->pseudonym(citizen.key(),
                                        batch.pseudonyms.data() + i * store::pseudonym_size);
        }
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
            load_->insert(store::StoredRow(rec, impl_.config, pseudonym, impl_.key_id));
        }
    }

    void commit(std::span<const CaseRecord> records, std::string_view operation) override {
        // The report's columns are built on a thread of their own while the store builds its
        // indexes, so the first report after the import need not scan.
        std::optional<CaseColumns> columns;
        std::exception_ptr failure;
        {
            std::jthread build([&] {
                try {
                    columns = register_detail::columns_of_new_records(records);
                } catch (...) {
                    failure = std::current_exception();
                }
            });
            load_->finish();
        }
        if (failure) std::rethrow_exception(failure);
        register_detail::write_snapshot(impl_, *columns);
        impl_.store->audit(operation, records.size());
        impl_.store->commit();
        committed_ = true;
    }

  private:
    Register::Impl& impl_;
    std::unique_ptr<store::BulkLoad> load_;
    bool committed_ = false;
};

}  // namespace

std::unique_ptr<Register::BulkLoad> Register::bulk_load(std::size_t expected_bytes) {
    if (impl_->explicit_transaction) return nullptr;
    impl_->refresh_config();
    auto load = impl_->store->bulk_load(expected_bytes);
    if (!load) return nullptr;
    return std::make_unique<EmptyRegisterLoad>(*impl_, std::move(load));
}

void Register::begin_many(std::size_t rows) {
    impl_->refresh_config();
    impl_->store->begin_write();
    try {
        impl_->store->begin_many(rows);
    } catch (...) {
        impl_->store->rollback();
        throw;
    }
}

void Register::commit_many(std::string_view operation, std::size_t cases) {
    impl_->store->finish_many();
    impl_->store->audit(operation, cases);
    impl_->store->commit();
}

void Register::rollback_many() noexcept {
    impl_->store->rollback();
}

}  // namespace ombuds
