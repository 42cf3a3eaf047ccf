// SPDX-License-Identifier: MPL-2.0
#include "register/stored_row.hpp"

#include <algorithm>
#include <stdexcept>

namespace ombuds::store {
namespace {

/// The names of a type's extra columns, after the field's name.
template <class T>
constexpr std::array<std::string_view, detail::extra_columns<T>> extra_suffixes() {
    if constexpr (std::is_same_v<T, Citizen>) {
        return {"_key", "_kind"};
    } else if constexpr (std::is_same_v<T, ThemeRef>) {
        return {"_group"};
    } else {
        return {};
    }
}

std::vector<Column> make_columns() {
    std::vector<Column> out;
#define OMBUDS_COLUMN(name, type, required, danish, aliases)                                 \
    out.push_back(Column{#name, Field::name, std::is_same_v<type, Citizen>, required, false, \
                         std::is_same_v<type, std::optional<Date>>});                        \
    for (auto suffix : extra_suffixes<type>())                                               \
        out.push_back(Column{std::string(#name) + std::string(suffix), Field::name, false, false});
    OMBUDS_CASE_FIELDS(OMBUDS_COLUMN)
#undef OMBUDS_COLUMN
    out.push_back(Column{"citizen_no", Field::case_id, false, false, true});
    out.push_back(Column{"inquiry_no", Field::case_id, false, false, true});
    return out;
}

// --- encoding: a record's member into its column(s) ---------------------------------------

struct Encoder {
    const Configuration& config;
    std::string_view pseudonym;
    std::string_view key_id;
    char (*dates)[10];
    std::size_t date_count = 0;
    std::string* scratch;
    std::size_t scratch_count = 0;

    void operator()(const std::optional<CaseId>& v, Value* out) {
        if (v) out[0] = Value::text(v->view());
    }
    void operator()(const Citizen& c, Value* out) {
        if (c.is_anonymous()) return;
        out[0] = Value::blob(pseudonym);
        out[1] = Value::text(key_id);
        switch (c.kind()) {
            case Citizen::Type::cpr:
                out[2] = Value::text("cpr");
                break;
            case Citizen::Type::cvr:
                out[2] = Value::text("cvr");
                break;
            case Citizen::Type::ref:
                out[2] = Value::text("ref");
                break;
            default:
                break;
        }
    }
    template <class E>
    requires std::is_enum_v<E>
    void operator()(const std::optional<E>& v, Value* out) {
        if (v) out[0] = Value::text(code(*v));
    }
    void operator()(const std::optional<Date>& v, Value* out) {
        if (!v) return;
        char* buffer = dates[date_count++];
        v->write_iso(buffer);
        out[0] = Value::date(std::string_view(buffer, 10), v->days());
    }
    void operator()(const std::optional<UnitIndex>& v, Value* out) {
        if (v) out[0] = Value::text(config.organisation.unit(*v).code);
    }
    void operator()(const ThemeRef& v, Value* out) {
        if (v.theme) out[0] = Value::text(config.themes.theme(*v.theme).code);
        if (v.group) out[1] = Value::text(config.themes.group(*v.group).code);
    }
    void operator()(const std::optional<KleRef>& v, Value* out) {
        if (v) out[0] = Value::text(v->text());
    }
    /// Free text never keeps anything that looks like a CPR number.
    void operator()(const std::string& text, Value* out) {
        if (ombuds::detail::has_digit(text)) {  // digits of any script
            std::string& copy = scratch[scratch_count++];
            copy = ombuds::detail::redact(text);
            out[0] = Value::text(copy);
        } else {
            out[0] = Value::text(text);
        }
    }
};

// --- decoding: column(s) into a record's member --------------------------------------------

template <class E>
std::optional<E> code_from(std::string_view text) {
    for (std::size_t i = 0; i < code_count<E>; ++i) {
        if (code_names<E>[i] == text) return static_cast<E>(i);
    }
    return std::nullopt;
}

struct Decoder {
    const Configuration& config;
    DecodedCase& out;

    void operator()(std::optional<CaseId>& v, const Value* in) {
        if (!in[0].is_null()) v = CaseId::parse(in[0].bytes);
    }
    void operator()(Citizen& c, const Value* in) {
        if (in[0].is_null()) return;
        auto kind = in[2].bytes;
        out.anonymised = in[1].bytes == anonymised_key;
        Citizen::Type type = out.anonymised  ? Citizen::Type::pseudonym
                             : kind == "cpr" ? Citizen::Type::cpr
                             : kind == "cvr" ? Citizen::Type::cvr
                             : kind == "ref" ? Citizen::Type::ref
                                             : Citizen::Type::anonymous;
        c = Citizen::from_pseudonym(std::string(in[0].bytes), type);
        out.citizen_kind = out.anonymised ? std::string() : std::string(kind);
    }
    template <class E>
    requires std::is_enum_v<E>
    void operator()(std::optional<E>& v, const Value* in) {
        if (!in[0].is_null()) v = code_from<E>(in[0].bytes);
    }
    void operator()(std::optional<Date>& v, const Value* in) {
        if (!in[0].is_null()) v = Date::parse(in[0].bytes);
    }
    void operator()(std::optional<UnitIndex>& v, const Value* in) {
        if (!in[0].is_null()) v = config.organisation.find(in[0].bytes);
    }
    void operator()(ThemeRef& v, const Value* in) {
        if (!in[0].is_null()) v.theme = config.themes.find_theme(in[0].bytes);
        if (!in[1].is_null()) v.group = config.themes.find_group(in[1].bytes);
    }
    void operator()(std::optional<KleRef>& v, const Value* in) {
        if (!in[0].is_null()) v = KleRef::parse(in[0].bytes);
    }
    void operator()(std::string& v, const Value* in) { v = std::string(in[0].bytes); }
};

/// The first column of each field, in field order.
const std::array<std::size_t, field_count>& first_columns() {
    static const auto firsts = [] {
        std::array<std::size_t, field_count> out{};
        const auto& all = columns();
        for (std::size_t i = field_column_count; i-- > 0;)
            out[static_cast<std::size_t>(all[i].field)] = i;
        return out;
    }();
    return firsts;
}

}  // namespace

const std::vector<Column>& columns() {
    static const std::vector<Column> all = make_columns();
    return all;
}

const std::string& column_list() {
    static const std::string list = [] {
        std::string out;
        for (const auto& column : columns()) {
            if (!out.empty()) out += ", ";
            out += column.name;
        }
        return out;
    }();
    return list;
}

std::size_t column_of(Field field) noexcept {
    return first_columns()[static_cast<std::size_t>(field)];
}

const std::vector<std::size_t>& all_columns() {
    static const std::vector<std::size_t> all = [] {
        std::vector<std::size_t> out(column_count);
        for (std::size_t i = 0; i < out.size(); ++i) out[i] = i;
        return out;
    }();
    return all;
}

std::size_t column_named(std::string_view name) {
    const auto& all = columns();
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].name == name) return i;
    }
    throw std::out_of_range("no stored column " + std::string(name));
}

StoredRow::StoredRow(const CaseRecord& rec, const Configuration& config, std::string_view pseudonym,
                     std::string_view key_id) {
    Encoder encode{config, pseudonym, key_id, dates_, 0, scratch_, 0};
    for_each_field(
        rec, [&](Field field, const auto& member) { encode(member, &values_[column_of(field)]); });
}

DecodedCase decode_row(const Row& row, const Configuration& config) {
    DecodedCase decoded;
    Decoder decode{config, decoded};
    for_each_field(decoded.record,
                   [&](Field field, auto& member) { decode(member, &row[column_of(field)]); });
    return decoded;
}

}  // namespace ombuds::store
