// SPDX-License-Identifier: MPL-2.0
// Records: the text of the case-file columns of one case, and which of them were given.
#include <memory>

#include "handles.hpp"
#include "ombuds/detail/text.hpp"

using namespace ombuds::capi;

namespace {

constexpr std::size_t max_value_bytes = 65536;

ombuds::Field field_named(const char* field) {
    if (field == nullptr) throw misuse("the field name is NULL");
    std::string_view name(field);
    for (const auto& info : ombuds::field_table) {
        if (info.name == name) return info.field;
    }
    throw misuse("unknown field " + ombuds::detail::quote_value(name));
}

}  // namespace

extern "C" {

int ombuds_record_new(ombuds_record** out_rec) {
    if (out_rec) *out_rec = nullptr;
    return guarded(nullptr, ombuds::Lang::da, [&] {
        if (out_rec == nullptr) throw misuse("out_rec is NULL");
        auto rec = std::make_unique<ombuds_record>();
        register_handle(rec.get(), HandleType::record);
        *out_rec = rec.release();
        return OMBUDS_OK;
    });
}

int ombuds_record_set(ombuds_record* rec, const char* field, const char* value) {
    return guarded(nullptr, ombuds::Lang::da, [&] {
        auto& record = live_record(rec);
        auto which = static_cast<std::size_t>(field_named(field));
        std::string_view text = value ? std::string_view(value) : std::string_view();
        if (text.size() > max_value_bytes) throw misuse("the value is longer than 65536 bytes");
        if (!ombuds::detail::is_valid_utf8(text)) throw misuse("the value is not valid UTF-8");
        record.values[which].assign(text);
        record.set.set(which);
        return OMBUDS_OK;
    });
}

int ombuds_record_get(const ombuds_record* rec, const char* field, const char** out_value) {
    if (out_value) *out_value = nullptr;
    return guarded(nullptr, ombuds::Lang::da, [&] {
        const auto& record = live_record(rec);
        if (out_value == nullptr) throw misuse("out_value is NULL");
        auto which = static_cast<std::size_t>(field_named(field));
        *out_value = record.values[which].c_str();
        return OMBUDS_OK;
    });
}

int ombuds_record_clear(ombuds_record* rec) {
    return guarded(nullptr, ombuds::Lang::da, [&] {
        auto& record = live_record(rec);
        for (auto& value : record.values) value.clear();
        record.set.reset();
        return OMBUDS_OK;
    });
}

void ombuds_record_free(ombuds_record* rec) {
    if (rec == nullptr) return;
    guarded(nullptr, ombuds::Lang::da, [&] {
        if (unregister_handle(rec, HandleType::record)) delete rec;
        return OMBUDS_OK;
    });
}

}  // extern "C"
