// SPDX-License-Identifier: MPL-2.0
#include "import/background_store.hpp"

namespace ombuds::import_detail {

BackgroundStore::BackgroundStore(Register::BulkLoad& load)
    : load_(load), worker_([this] { run(); }) {}

BackgroundStore::~BackgroundStore() {
    cancelled_ = true;
    finish();
}

void BackgroundStore::publish(const CaseRecord* first, std::size_t count) {
    if (count <= handed_over_) return;
    auto batch = load_.prepare(first + handed_over_, count - handed_over_);
    handed_over_ = count;
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(batch));
    }
    ready_.notify_one();
}

void BackgroundStore::finish() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    ready_.notify_one();
    if (worker_.joinable()) worker_.join();
}

void BackgroundStore::run() noexcept {
    for (;;) {
        Register::BulkLoad::Batch batch;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [&] { return !queue_.empty() || closed_; });
            if (queue_.empty()) return;
            batch = std::move(queue_.front());
            queue_.pop_front();
        }
        if (failure_ || cancelled_) continue;  // drain without storing
        try {
            load_.store(batch);
            stored_.fetch_add(batch.count, std::memory_order_relaxed);
        } catch (...) {
            failure_ = std::current_exception();
        }
    }
}

}  // namespace ombuds::import_detail
