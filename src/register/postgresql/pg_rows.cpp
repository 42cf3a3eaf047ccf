// SPDX-License-Identifier: MPL-2.0
#include "register/postgresql/pg_rows.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <optional>

namespace ombuds::store::postgresql {
namespace {

unsigned type_of(const Column& column) noexcept {
    return column.number ? int8_oid : column.blob ? bytea_oid : column.date ? date_oid : text_oid;
}

/// A stored row's date as PostgreSQL's day number (the StoredRow keeps its own beside its text).
std::int32_t postgresql_days(const Value& date) noexcept {
    return static_cast<std::int32_t>(date.number) - postgresql_epoch_days;
}

/// A PostgreSQL day number as ISO text in `into`.
Value date_text(std::int32_t days, std::array<char, 10>& into) {
    // In 64 bits: 'infinity' is the largest day number.
    const std::int64_t since_1970 = std::int64_t{days} + postgresql_epoch_days;
    std::optional<Date> date;
    if (since_1970 >= INT32_MIN && since_1970 <= INT32_MAX)
        date = Date::from_days(static_cast<std::int32_t>(since_1970));
    if (date) {
        date->write_iso(into.data());
    } else {
        constexpr std::string_view no_date = "0000-00-00";
        std::copy(no_date.begin(), no_date.end(), into.begin());
    }
    return Value{Value::Type::text, std::string_view(into.data(), into.size()), 0};
}

}  // namespace

Params row_params(const StoredRow& row) {
    Params params;
    const auto& all = columns();
    for (std::size_t i = 0; i < column_count; ++i) {
        const Value& value = row.value(i);
        switch (value.type) {
            case Value::Type::null:
                params.null(type_of(all[i]));
                break;
            case Value::Type::text:
                all[i].date ? params.date(static_cast<std::int32_t>(value.number))
                            : params.text(value.bytes);
                break;
            case Value::Type::blob:
                params.blob(value.bytes);
                break;
            case Value::Type::integer:
                params.int64(value.number);
                break;
        }
    }
    return params;
}

void append_copy_tuple(const StoredRow& row, std::int64_t rowid, std::string& out) {
    const auto& all = columns();
    // Sized first and written in place: a million rows, a byte at a time, cost more than the
    // rows' encoding.
    std::size_t size = 2 + 4 + 8 + 4 * column_count;
    for (std::size_t i = 0; i < column_count; ++i) {
        const Value& value = row.value(i);
        if (value.type == Value::Type::integer)
            size += 8;
        else if (value.type != Value::Type::null)
            size += all[i].date ? 4 : value.bytes.size();
    }
    const std::size_t start = out.size();
    out.resize(start + size);
    char* at = out.data() + start;
    at = put_big_endian<2>(at, column_count + 1);
    at = put_big_endian<4>(at, 8);
    at = put_big_endian<8>(at, static_cast<std::uint64_t>(rowid));
    for (std::size_t i = 0; i < column_count; ++i) {
        const Value& value = row.value(i);
        if (value.type == Value::Type::null) {
            at = put_big_endian<4>(at, 0xFFFFFFFFu);  // -1: NULL
        } else if (value.type == Value::Type::integer) {
            at = put_big_endian<4>(at, 8);
            at = put_big_endian<8>(at, static_cast<std::uint64_t>(value.number));
        } else if (all[i].date) {
            at = put_big_endian<4>(at, 4);
            at = put_big_endian<4>(at, static_cast<std::uint32_t>(postgresql_days(value)));
        } else {
            at = put_big_endian<4>(at, value.bytes.size());
            at = std::copy(value.bytes.begin(), value.bytes.end(), at);
        }
    }
}

std::string copy_header() {
    // The signature, then flags and the header extension's length: both 0.
    return std::string("PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0", 19);
}

std::string copy_trailer() {
    return std::string("\377\377", 2);
}

void read_row(const Result& result, int row, const std::vector<std::size_t>& wanted, Row& out,
              DateText& dates, int first) {
    const auto& all = columns();
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        const int at = first + static_cast<int>(i);
        const Column& column = all[wanted[i]];
        Value& value = out[wanted[i]];
        if (result.null(row, at))
            value = Value{};
        else if (column.number)
            value = Value::integer(result.int64(row, at));
        else if (column.blob)
            value = Value::blob(result.bytes(row, at));
        else if (column.date)
            value = date_text(result.days(row, at), dates[wanted[i]]);
        else
            value = Value{Value::Type::text, result.bytes(row, at), 0};
    }
}

std::string select_list(const std::vector<std::size_t>& wanted) {
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < wanted.size(); ++i)
        sql += (i ? ", " : "") + columns()[wanted[i]].name;
    return sql;
}

}  // namespace ombuds::store::postgresql
