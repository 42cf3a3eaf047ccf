// SPDX-License-Identifier: MPL-2.0
#include "register/postgresql/pg_bulk.hpp"

#include <string>

#include "register/postgresql/pg_rows.hpp"
#include "register/postgresql/pg_schema.hpp"

namespace ombuds::store::postgresql {
namespace {

/// Rows are sent in pieces of about this size: large enough that sending costs little, small
/// enough to stay out of the way of memory.
constexpr std::size_t send_from = 1 << 20;

class CopyLoad final : public BulkLoad {
  public:
    explicit CopyLoad(Connection& c) : c_(c) {
        next_rowid_ =
            c_.query("SELECT nextval(pg_get_serial_sequence('cases', 'rowid'))").int64(0, 0);
        c_.copy_begin("COPY cases (rowid, " + column_list() + ") FROM STDIN (FORMAT binary)");
        buffer_ = copy_header();
    }
    ~CopyLoad() override { c_.copy_abort(); }
    CopyLoad(const CopyLoad&) = delete;
    CopyLoad& operator=(const CopyLoad&) = delete;

    void insert(const StoredRow& row) override {
        append_copy_tuple(row, next_rowid_++, buffer_);
        if (buffer_.size() >= send_from) {
            c_.copy_send(buffer_);
            buffer_.clear();
        }
    }
    void finish() override {
        buffer_ += copy_trailer();
        c_.copy_send(buffer_);
        buffer_.clear();
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
};

}  // namespace

std::unique_ptr<BulkLoad> start_copy(Connection& c) {
    return std::make_unique<CopyLoad>(c);
}

}  // namespace ombuds::store::postgresql
