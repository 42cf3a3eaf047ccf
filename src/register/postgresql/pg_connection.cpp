// SPDX-License-Identifier: MPL-2.0
#include "register/postgresql/pg_connection.hpp"

#include <cstring>
#include <exception>

#include "register/postgresql/libpq.hpp"
#include "register/postgresql/pg_error.hpp"

namespace ombuds::store::postgresql {
namespace {

/// Notices (a table that already exists, ...) are not for the user's terminal.
void ignore_notice(void*, const char*) {}

std::uint64_t big_endian(const char* data, std::size_t size) noexcept {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < size; ++i)
        value = (value << 8) | static_cast<unsigned char>(data[i]);
    return value;
}

}  // namespace

// --- Result --------------------------------------------------------------------------------

void Result::Clear::operator()(pg_result* result) const noexcept {
    libpq().clear(result);
}

Result::Result(pg_result* result) noexcept : result_(result) {}

int Result::rows() const noexcept {
    return result_ ? libpq().ntuples(result_.get()) : 0;
}

bool Result::null(int row, int column) const noexcept {
    return libpq().getisnull(result_.get(), row, column) != 0;
}

std::string_view Result::bytes(int row, int column) const noexcept {
    return {libpq().getvalue(result_.get(), row, column),
            static_cast<std::size_t>(libpq().getlength(result_.get(), row, column))};
}

std::int64_t Result::int64(int row, int column) const noexcept {
    if (null(row, column)) return 0;
    auto value = bytes(row, column);
    return static_cast<std::int64_t>(big_endian(value.data(), value.size()));
}

bool Result::boolean(int row, int column) const noexcept {
    auto value = bytes(row, column);
    return !value.empty() && value[0] != 0;
}

std::int32_t Result::days(int row, int column) const noexcept {
    if (null(row, column)) return 0;
    auto value = bytes(row, column);
    return static_cast<std::int32_t>(
        static_cast<std::uint32_t>(big_endian(value.data(), value.size())));
}

std::size_t Result::changed() const noexcept {
    const char* tuples = result_ ? libpq().cmdTuples(result_.get()) : "";
    return static_cast<std::size_t>(std::strtoull(tuples, nullptr, 10));
}

// --- Params --------------------------------------------------------------------------------

Params& Params::add(unsigned type, const char* data, int length) {
    types_.push_back(type);
    values_.push_back(data);
    lengths_.push_back(length);
    formats_.push_back(1);
    return *this;
}

Params& Params::text(std::string_view value) {
    // A zero-length value still needs a pointer, or it would be NULL.
    return add(text_oid, value.empty() ? "" : value.data(), static_cast<int>(value.size()));
}

Params& Params::blob(std::string_view value) {
    return add(bytea_oid, value.empty() ? "" : value.data(), static_cast<int>(value.size()));
}

template <int Bytes>
Params& Params::add_number(unsigned type, std::uint64_t value) {
    auto& bytes = integers_.emplace_back();
    put_big_endian<Bytes>(bytes.data(), value);
    return add(type, bytes.data(), Bytes);
}

Params& Params::int64(std::int64_t value) {
    return add_number<8>(int8_oid, static_cast<std::uint64_t>(value));
}

Params& Params::date(std::int32_t days) {
    return add_number<4>(date_oid, static_cast<std::uint32_t>(days - postgresql_epoch_days));
}

Params& Params::null(unsigned type) {
    return add(type, nullptr, 0);
}

// --- Connection ----------------------------------------------------------------------------

Connection::Connection(Location location, int lock_timeout_ms) : location_(std::move(location)) {
    connection_ = libpq().connectdb(location_.conninfo.c_str());
    if (!connection_ || libpq().status(connection_) != CONNECTION_OK) {
        try {
            throw_connect_error(location_, connection_);
        } catch (...) {
            libpq().finish(connection_);
            connection_ = nullptr;
            throw;
        }
    }
    libpq().setNoticeProcessor(connection_, ignore_notice, nullptr);
    try {
        if (libpq().setClientEncoding(connection_, "UTF8") != 0) fail(nullptr);
        exec("SET search_path = " + identifier(location_.schema) +
             "; SET lock_timeout = " + std::to_string(lock_timeout_ms) +
             "; SET application_name = 'ombuds'; SET client_min_messages = warning");
    } catch (...) {
        libpq().finish(connection_);
        connection_ = nullptr;
        throw;
    }
}

Connection::~Connection() {
    libpq().finish(connection_);
}

std::string Connection::identifier(std::string_view name) const {
    char* quoted = libpq().escapeIdentifier(connection_, name.data(), name.size());
    if (!quoted) fail(nullptr);
    std::string out(quoted);
    libpq().freemem(quoted);
    return out;
}

void Connection::fail(const pg_result* result) const {
    throw_error(location_, connection_, result);
}

Result Connection::checked(pg_result* raw) const {
    Result result(raw);
    auto status = raw ? libpq().resultStatus(raw) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_COPY_IN &&
        status != PGRES_SINGLE_TUPLE)
        fail(raw);
    return result;
}

void Connection::exec(const std::string& sql) {
    checked(libpq().exec(connection_, sql.c_str()));
}

Result Connection::exec_first(const std::string& sql) {
    if (!libpq().sendQuery(connection_, sql.c_str())) fail(nullptr);
    Result first, failure;
    bool have_first = false, failed = false;
    while (pg_result* raw = libpq().getResult(connection_)) {
        Result result(raw);
        auto status = libpq().resultStatus(raw);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            if (!failed) failure = std::move(result);
            failed = true;
        } else if (status == PGRES_TUPLES_OK && !have_first) {
            first = std::move(result);
            have_first = true;
        }
    }
    if (failed) checked(failure.release());
    return first;
}

const std::string& Connection::prepared(const std::string& sql) {
    auto found = statements_.find(sql);
    if (found != statements_.end()) return found->second;
    std::string name = "ombuds_" + std::to_string(statements_.size());
    checked(libpq().prepare(connection_, name.c_str(), sql.c_str(), 0, nullptr));
    return statements_.emplace(sql, std::move(name)).first->second;
}

Result Connection::query(const std::string& sql, const Params& params) {
    // Parameter types are given with each call: a statement's parameters are typed by its
    // first use, and the binary values must be what the server expects.
    if (params.size() == 0) {
        const auto& name = prepared(sql);
        return checked(
            libpq().execPrepared(connection_, name.c_str(), 0, nullptr, nullptr, nullptr, 1));
    }
    auto found = statements_.find(sql);
    if (found == statements_.end()) {
        std::string name = "ombuds_" + std::to_string(statements_.size());
        checked(
            libpq().prepare(connection_, name.c_str(), sql.c_str(), params.size(), params.types()));
        found = statements_.emplace(sql, std::move(name)).first;
    }
    return checked(libpq().execPrepared(connection_, found->second.c_str(), params.size(),
                                        params.values(), params.lengths(), params.formats(), 1));
}

void Connection::stream(const std::string& sql, const Params& params,
                        const std::function<void(const Result&)>& row) {
    if (!libpq().sendQueryParams(connection_, sql.c_str(), params.size(), params.types(),
                                 params.values(), params.lengths(), params.formats(), 1))
        fail(nullptr);
    libpq().setSingleRowMode(connection_);
    // Every result is read to the end, even after a failure, so the connection stays usable.
    bool failed = false;
    Result failure;
    std::exception_ptr thrown;
    while (pg_result* raw = libpq().getResult(connection_)) {
        Result result(raw);
        auto status = libpq().resultStatus(raw);
        if (status == PGRES_SINGLE_TUPLE) {
            if (failed || thrown) continue;
            try {
                row(result);
            } catch (...) {
                thrown = std::current_exception();
            }
        } else if (status != PGRES_TUPLES_OK && !failed) {
            failed = true;
            failure = std::move(result);
        }
    }
    if (thrown) std::rethrow_exception(thrown);
    if (failed) checked(failure.release());
}

void Connection::copy_begin(const std::string& sql) {
    Result result(libpq().exec(connection_, sql.c_str()));
    // checked() accepts PGRES_COPY_IN.
    checked(result.release());
    copying_ = true;
}

void Connection::copy_send(std::string_view data) {
    if (libpq().putCopyData(connection_, data.data(), static_cast<int>(data.size())) != 1)
        fail(nullptr);
}

void Connection::copy_end() {
    copying_ = false;
    if (libpq().putCopyEnd(connection_, nullptr) != 1) fail(nullptr);
    Result last;
    bool failed = false;
    while (pg_result* raw = libpq().getResult(connection_)) {
        Result result(raw);
        if (libpq().resultStatus(raw) != PGRES_COMMAND_OK && !failed) {
            failed = true;
            last = std::move(result);
        }
    }
    if (failed) checked(last.release());
}

}  // namespace ombuds::store::postgresql

namespace ombuds::store::postgresql {

void Connection::copy_abort() noexcept {
    if (!copying_) return;
    copying_ = false;
    libpq().putCopyEnd(connection_, "abandoned by ombuds");
    while (pg_result* raw = libpq().getResult(connection_)) libpq().clear(raw);
}

bool Connection::transaction_failed() const noexcept {
    return libpq().transactionStatus(connection_) == PQTRANS_INERROR;
}

}  // namespace ombuds::store::postgresql
