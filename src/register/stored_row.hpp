// SPDX-License-Identifier: MPL-2.0
// How a case is kept by a store: its fields as column values, derived from the field list
// (fields.hpp), with the citizen only as its pseudonym and free text with anything that looks
// like a CPR number redacted. Every backend stores the same columns, and no backend is ever
// handed a clear citizen: a StoredRow cannot be made from one.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ombuds/config.hpp"
#include "ombuds/record.hpp"

namespace ombuds::store {

/// One stored value: NULL, text (codes, ISO dates, ids, free text), a blob (a pseudonym) or an
/// integer (the register's own numbers). A date a StoredRow holds carries its day number too
/// (days since 1970-01-01), for a backend that keeps dates as dates.
struct Value {
    enum class Type : std::uint8_t { null, text, blob, integer };
    Type type = Type::null;
    std::string_view bytes;
    std::int64_t number = 0;

    static Value text(std::string_view t) noexcept {
        return t.empty() ? Value{} : Value{Type::text, t, 0};
    }
    static Value date(std::string_view iso, std::int32_t days) noexcept {
        return Value{Type::text, iso, days};
    }
    static Value blob(std::string_view b) noexcept { return Value{Type::blob, b, 0}; }
    static Value integer(std::int64_t n) noexcept { return Value{Type::integer, {}, n}; }
    bool is_null() const noexcept { return type == Type::null; }
};

namespace detail {
/// Columns a field's type needs beyond its own: the citizen's key id and kind, the theme's
/// group.
template <class T>
inline constexpr std::size_t extra_columns = 0;
template <>
inline constexpr std::size_t extra_columns<Citizen> = 2;
template <>
inline constexpr std::size_t extra_columns<ThemeRef> = 1;
}  // namespace detail

/// How many columns the fields of a stored case take.
inline constexpr std::size_t field_column_count = 0
#define OMBUDS_STORED_COLUMNS(name, type, required, danish, aliases) \
    +1 + detail::extra_columns<type>
    OMBUDS_CASE_FIELDS(OMBUDS_STORED_COLUMNS)
#undef OMBUDS_STORED_COLUMNS
    ;

/// The register's own columns after the fields' (not part of a case): the dense numbers the
/// report counts citizens and inquiries by, assigned when a case is stored, so a changed case's
/// report values are known without rereading every case.
inline constexpr std::size_t citizen_number_column = field_column_count;
inline constexpr std::size_t inquiry_number_column = field_column_count + 1;

/// How many columns a stored case has.
inline constexpr std::size_t column_count = field_column_count + 2;

/// One stored column.
struct Column {
    std::string name;
    Field field;            // the field it stores (for the register's own columns: case_id)
    bool blob = false;      // holds a pseudonym
    bool required = false;  // never NULL (a required field's first column)
    bool number = false;    // one of the register's own numbers (an integer)
    bool date = false;      // a date: ISO text in a row (a backend may keep it as its date type)
};

/// Every stored column, in order: each field's own column, named as the field, followed by its
/// type's extra columns (`citizen_key`, `citizen_kind`, `theme_group`).
const std::vector<Column>& columns();
/// The stored columns as SQL: "case_id, inquiry_id, ..." in the order of columns() (every
/// backend's names are the same).
const std::string& column_list();
/// The first column of a field.
std::size_t column_of(Field field) noexcept;
/// The indexes of every column (a scan that reads whole cases).
const std::vector<std::size_t>& all_columns();
/// A column by name; throws std::out_of_range for an unknown name.
std::size_t column_named(std::string_view name);

/// A stored case's values, as a backend reads them (views valid until its next read).
using Row = std::array<Value, column_count>;

/// The size of a pseudonym in bytes.
inline constexpr std::size_t pseudonym_size = 32;
/// Marks the pseudonyms `anonymise` gave in place of a citizen's (citizen_key).
inline constexpr std::string_view anonymised_key = "anonymised";

/// A case ready for a store. `pseudonym` is the citizen's (pseudonym_size bytes) and empty for
/// an anonymous case; `key_id` names the key that made it. Views into `rec` and `config`, which
/// must outlive the row.
class StoredRow {
  public:
    StoredRow(const CaseRecord& rec, const Configuration& config, std::string_view pseudonym,
              std::string_view key_id);
    /// The citizen's and the inquiry's numbers (none: NULL, assigned later).
    void set_numbers(std::optional<std::int64_t> citizen, std::optional<std::int64_t> inquiry) {
        values_[citizen_number_column] = citizen ? Value::integer(*citizen) : Value{};
        values_[inquiry_number_column] = inquiry ? Value::integer(*inquiry) : Value{};
    }
    StoredRow(const StoredRow&) = delete;
    StoredRow& operator=(const StoredRow&) = delete;

    const Value& value(std::size_t column) const noexcept { return values_[column]; }
    const Row& values() const noexcept { return values_; }
    std::string_view case_id() const noexcept { return values_[0].bytes; }

  private:
    Row values_{};
    char dates_[4][10];       // the four dates as ISO text
    std::string scratch_[2];  // legal_ref and note, redacted when they hold digits
};

/// What a stored row holds: the record (the citizen as Citizen::pseudonym, or anonymous) and
/// the citizen's kind when known ("cpr", "cvr", "ref").
struct DecodedCase {
    CaseRecord record;
    std::string citizen_kind;
    bool anonymised = false;  // the citizen's pseudonym was replaced by `anonymise`
};

/// Reads a stored row back. Codes, units and themes no longer known are left empty.
DecodedCase decode_row(const Row& row, const Configuration& config);

/// The pseudonym of a stored row's citizen; empty for an anonymous case.
inline std::string_view row_pseudonym(const Row& row) noexcept {
    return row[column_of(Field::citizen)].bytes;
}

}  // namespace ombuds::store
