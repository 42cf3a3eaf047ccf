// SPDX-License-Identifier: MPL-2.0
// Stores the records of a file on a second thread while the importing thread still parses the
// rest of it: parsing and storing each take about half of a large import. The importing thread
// prepares each batch (computes its pseudonyms), this thread only stores.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "ombuds/register.hpp"

namespace ombuds::import_detail {

class BackgroundStore {
  public:
    explicit BackgroundStore(Register::BulkLoad& load);
    ~BackgroundStore();
    BackgroundStore(const BackgroundStore&) = delete;
    BackgroundStore& operator=(const BackgroundStore&) = delete;

    /// On the reading thread: records [0, count) are parsed; hands over those not yet handed.
    void publish(const CaseRecord* first, std::size_t count);
    /// Waits until every published record is stored (or storing failed).
    void finish();
    std::size_t stored() const noexcept { return stored_; }
    /// The error that stopped storing, if any (after finish()).
    std::exception_ptr failure() const { return failure_; }

  private:
    void run() noexcept;

    Register::BulkLoad& load_;
    std::size_t handed_over_ = 0;  // reading thread only
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Register::BulkLoad::Batch> queue_;
    bool closed_ = false;
    std::atomic<bool> cancelled_ = false;
    std::atomic<std::size_t> stored_ = 0;
    std::exception_ptr failure_;  // storing thread until joined
    std::thread worker_;          // last: starts after everything it uses
};

}  // namespace ombuds::import_detail
