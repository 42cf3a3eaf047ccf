// SPDX-License-Identifier: MPL-2.0
// One libpq connection to a register's database: statements prepared once, parameters and
// results in binary (text as its bytes, bytea as its bytes, bigint as 8 bytes, date as a day
// number of 4 bytes), rows streamed
// one at a time, COPY, and every failure thrown as ombuds::Error (pg_error.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "register/postgresql/pg_location.hpp"

struct pg_conn;
struct pg_result;

namespace ombuds::store::postgresql {

inline constexpr unsigned bytea_oid = 17;
inline constexpr unsigned int8_oid = 20;
inline constexpr unsigned text_oid = 25;
inline constexpr unsigned date_oid = 1082;
/// PostgreSQL counts days from 2000-01-01, ombuds::Date from 1970-01-01.
inline constexpr std::int32_t postgresql_epoch_days = 10957;

/// A libpq result, cleared with this object.
class Result {
  public:
    Result() = default;
    explicit Result(pg_result* result) noexcept;
    Result(Result&&) noexcept = default;
    Result& operator=(Result&&) noexcept = default;

    int rows() const noexcept;
    bool null(int row, int column) const noexcept;
    std::string_view bytes(int row, int column) const noexcept;
    /// A bigint (int8) in binary; 0 when NULL.
    std::int64_t int64(int row, int column) const noexcept;
    /// A boolean in binary.
    bool boolean(int row, int column) const noexcept;
    /// A date in binary as PostgreSQL's day number (days since 2000-01-01); 0 when NULL.
    std::int32_t days(int row, int column) const noexcept;
    /// The number of rows a command changed.
    std::size_t changed() const noexcept;
    pg_result* release() noexcept { return result_.release(); }

  private:
    struct Clear {
        void operator()(pg_result* result) const noexcept;
    };
    std::unique_ptr<pg_result, Clear> result_;
};

/// Writes the low `Bytes` bytes of a value, most significant first, as PostgreSQL's binary
/// format has numbers; returns the end.
template <int Bytes>
char* put_big_endian(char* at, std::uint64_t value) noexcept {
    for (int i = Bytes - 1; i >= 0; --i) *at++ = static_cast<char>((value >> (8 * i)) & 0xFF);
    return at;
}

/// The parameters of one statement, each with its type, sent in binary. Views of text and bytea
/// values must outlive the call they are passed to.
class Params {
  public:
    Params& text(std::string_view value);
    Params& blob(std::string_view value);
    Params& int64(std::int64_t value);
    /// A date by its day number (days since 1970-01-01, Date::days()), sent as PostgreSQL's.
    Params& date(std::int32_t days);
    Params& null(unsigned type);

    int size() const noexcept { return static_cast<int>(types_.size()); }
    const unsigned* types() const noexcept { return types_.data(); }
    const char* const* values() const noexcept { return values_.data(); }
    const int* lengths() const noexcept { return lengths_.data(); }
    const int* formats() const noexcept { return formats_.data(); }

  private:
    Params& add(unsigned type, const char* data, int length);
    /// A number of `Bytes` bytes, kept here and sent big-endian.
    template <int Bytes>
    Params& add_number(unsigned type, std::uint64_t value);
    std::vector<unsigned> types_;
    std::vector<const char*> values_;
    std::vector<int> lengths_;
    std::vector<int> formats_;
    std::deque<std::array<char, 8>> integers_;
};

class Connection {
  public:
    /// Connects, quietly (no notices on stderr), with the register's schema as search path and
    /// `lock_timeout_ms` as the longest wait for a lock. Throws Error (io) when it cannot.
    Connection(Location location, int lock_timeout_ms);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    const Location& location() const noexcept { return location_; }

    /// Runs SQL text: one or more statements without parameters.
    void exec(const std::string& sql);
    /// Runs SQL text of several statements; the first result of rows (text format).
    Result exec_first(const std::string& sql);
    /// Runs a statement prepared once per connection; results in binary.
    Result query(const std::string& sql, const Params& params = {});
    /// Runs a statement and calls `row` with each result row (a result of one row) as it comes,
    /// never holding them all.
    void stream(const std::string& sql, const Params& params,
                const std::function<void(const Result& row)>& row);

    /// COPY ... FROM STDIN: begins, sends data, ends (throws when the server refused it).
    void copy_begin(const std::string& sql);
    void copy_send(std::string_view data);
    void copy_end();
    /// Abandons a COPY in progress (the server fails it, and so its transaction).
    void copy_abort() noexcept;
    bool copying() const noexcept { return copying_; }
    /// Whether the open transaction failed (every statement is refused until a rollback).
    bool transaction_failed() const noexcept;

    /// Quotes an identifier for SQL text.
    std::string identifier(std::string_view name) const;

    /// Throws the Error for a failed result (or, with none, the connection's failure).
    [[noreturn]] void fail(const pg_result* result) const;

  private:
    const std::string& prepared(const std::string& sql);
    Result checked(pg_result* result) const;

    Location location_;
    pg_conn* connection_ = nullptr;
    std::unordered_map<std::string, std::string> statements_;  // SQL -> prepared name
    bool copying_ = false;
};

}  // namespace ombuds::store::postgresql
