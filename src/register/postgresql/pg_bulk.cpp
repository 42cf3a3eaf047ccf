// SPDX-License-Identifier: MPL-2.0
#include "register/postgresql/pg_bulk.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "register/postgresql/pg_rows.hpp"
#include "register/postgresql/pg_schema.hpp"

namespace ombuds::store::postgresql {
namespace {

/// Rows are sent in pieces of about this size: large enough that sending costs little, small
/// enough to stay out of the way of memory.
constexpr std::size_t send_from = 1 << 20;
/// Pieces encoded ahead of the one being sent.
constexpr std::size_t queued_at_most = 2;

/// Sends the COPY's data on a thread of its own. Sending a piece waits until the server has
/// read most of it; on one thread the rows' encoding and the server's storing took turns, each
/// idle while the other worked.
class Sender {
  public:
    explicit Sender(Connection& c) : c_(c), thread_([this] { run(); }) {}
    ~Sender() { stop(); }
    Sender(const Sender&) = delete;
    Sender& operator=(const Sender&) = delete;

    /// Queues a full piece (waiting while others are); returns an empty one to fill. Rethrows
    /// what stopped the sending.
    std::string hand_over(std::string full) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return queue_.size() < queued_at_most || failure_; });
        if (failure_) std::rethrow_exception(failure_);
        queue_.push_back(std::move(full));
        std::string empty;
        if (!spare_.empty()) {
            empty = std::move(spare_.back());
            spare_.pop_back();
        }
        changed_.notify_all();
        return empty;
    }
    /// Waits until every piece is sent, and ends the thread: the connection is the caller's
    /// again. Rethrows what stopped the sending.
    void finish() {
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return (queue_.empty() && !sending_) || failure_; });
        }
        stop();
        if (failure_) std::rethrow_exception(failure_);
    }

  private:
    void run() noexcept {
        std::unique_lock lock(mutex_);
        for (;;) {
            changed_.wait(lock, [&] { return !queue_.empty() || closed_; });
            if (closed_) return;
            std::string piece = std::move(queue_.front());
            queue_.pop_front();
            sending_ = true;
            lock.unlock();
            std::exception_ptr failed;
            try {
                c_.copy_send(piece);
            } catch (...) {
                failed = std::current_exception();
            }
            piece.clear();
            lock.lock();
            sending_ = false;
            spare_.push_back(std::move(piece));
            failure_ = failed;
            changed_.notify_all();
            if (failure_) return;
        }
    }
    /// Ends the thread; what is still queued is dropped (the COPY is being abandoned).
    void stop() noexcept {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
        }
        changed_.notify_all();
        if (thread_.joinable()) thread_.join();
    }

    Connection& c_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::string> queue_;
    std::vector<std::string> spare_;  // sent pieces, their memory used again
    bool sending_ = false;
    bool closed_ = false;
    std::exception_ptr failure_;
    std::thread thread_;  // last: starts after everything it uses
};

class CopyLoad final : public BulkLoad {
  public:
    explicit CopyLoad(Connection& c) : c_(c) {
        next_rowid_ =
            c_.query("SELECT nextval(pg_get_serial_sequence('cases', 'rowid'))").int64(0, 0);
        c_.copy_begin("COPY cases (rowid, " + column_list() +
                      ") FROM STDIN (FORMAT binary, FREEZE)");
        buffer_ = copy_header();
        sender_.emplace(c_);
    }
    ~CopyLoad() override {
        sender_.reset();  // the connection is this thread's again
        c_.copy_abort();
    }
    CopyLoad(const CopyLoad&) = delete;
    CopyLoad& operator=(const CopyLoad&) = delete;

    void insert(const StoredRow& row) override {
        append_copy_tuple(row, next_rowid_++, buffer_);
        if (buffer_.size() >= send_from) buffer_ = sender_->hand_over(std::move(buffer_));
    }
    void finish() override {
        buffer_ += copy_trailer();
        sender_->hand_over(std::move(buffer_));
        buffer_.clear();
        sender_->finish();
        sender_.reset();
        c_.copy_end();
        // The sequence goes on after the rows (nextval gave their first rowid).
        c_.query("SELECT setval(pg_get_serial_sequence('cases', 'rowid'), $1)",
                 Params().int64(next_rowid_ - 1));
        create_indexes_and_logging(c_);
    }

  private:
    Connection& c_;
    std::string buffer_;
    std::int64_t next_rowid_ = 1;
    std::optional<Sender> sender_;
};

}  // namespace

std::unique_ptr<BulkLoad> start_copy(Connection& c) {
    return std::make_unique<CopyLoad>(c);
}

}  // namespace ombuds::store::postgresql
