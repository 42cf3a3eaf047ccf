// SPDX-License-Identifier: MPL-2.0
// Any count of a period's cases by one or two dimensions, with filters and totals: `ombuds
// table` for a program.
#include <algorithm>
#include <limits>

#include "handles.hpp"
#include "ombuds/table.hpp"

using namespace ombuds::capi;

namespace {

ombuds::DimensionSpec dimension_option(const json& request, const char* key) {
    auto text = string_option(request, key);
    auto spec = ombuds::parse_dimension(text);
    if (!spec) {
        throw misuse(std::string("\"") + key + "\" must be one of " + ombuds::dimension_names());
    }
    return *spec;
}

/// "where": {"kind": "complaint", "unit": ["BUF", "SSF"]}, the form the table's JSON echoes.
std::vector<ombuds::TableFilter> filters(const json& request) {
    std::vector<ombuds::TableFilter> result;
    auto where = request.find("where");
    if (where == request.end() || where->is_null()) return result;
    if (!where->is_object()) throw misuse("\"where\" must be an object of dimensions and codes");
    for (auto it = where->begin(); it != where->end(); ++it) {
        auto spec = ombuds::parse_dimension(it.key());
        if (!spec) {
            throw misuse("\"where\": \"" + it.key() + "\" is not a dimension; use one of " +
                         ombuds::dimension_names());
        }
        ombuds::TableFilter filter{*spec, {}};
        auto add = [&](const json& value) {
            if (!value.is_string() || value.get<std::string>().empty())
                throw misuse("\"where\": the values of \"" + it.key() + "\" must be codes");
            filter.values.push_back(value.get<std::string>());
        };
        if (it->is_array()) {
            for (const auto& value : *it) add(value);
        } else {
            add(*it);
        }
        if (filter.values.empty()) throw misuse("\"where\": \"" + it.key() + "\" needs a value");
        result.push_back(std::move(filter));
    }
    return result;
}

}  // namespace

extern "C" {

int ombuds_table(ombuds_db* db, const char* request_json, char** out_text) {
    if (out_text) *out_text = nullptr;
    return guarded(db, [&] {
        auto& handle = live_db(db);
        if (out_text == nullptr) throw misuse("out_text is NULL");
        if (request_json == nullptr) throw misuse("the request is NULL");
        json request = parse_options(request_json, {"rows", "cols", "where", "from", "to",
                                                    "audience", "format", "lang", "min_count"});
        auto from = date_option(request, "from");
        auto to = date_option(request, "to");
        if (!from || !to) throw misuse("the request needs \"from\" and \"to\"");
        if (*to < *from) throw misuse("\"to\" is before \"from\"");
        ombuds::TableRequest table_request;
        table_request.period = ombuds::Period{*from, *to};
        if (string_option(request, "rows").empty()) throw misuse("the request needs \"rows\"");
        table_request.rows = dimension_option(request, "rows");
        if (!string_option(request, "cols").empty())
            table_request.cols = dimension_option(request, "cols");
        table_request.where = filters(request);
        auto format_text = string_option(request, "format");
        auto format = ombuds::parse_table_format(format_text.empty() ? "json" : format_text);
        // A workbook is bytes with zeros in them, which a C string cannot carry.
        if (!format || *format == ombuds::TableFormat::xlsx)
            throw misuse("\"format\" must be json, md or csv");
        if (auto audience = string_option(request, "audience"); !audience.empty()) {
            auto parsed = ombuds::parse_audience(audience);
            if (!parsed) throw misuse("\"audience\" must be advisor, administration or public");
            table_request.audience = *parsed;
        }
        table_request.lang = lang_option(request, "lang").value_or(handle.lang);
        if (auto min_count = integer_option(request, "min_count")) {
            table_request.min_count = static_cast<int>(std::clamp<std::int64_t>(
                *min_count, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
        }
        auto columns = handle.reg->load_columns();
        auto table = ombuds::compute_table(columns, handle.reg->config(), table_request);
        *out_text = c_string(ombuds::render_table(table, *format));
        return OMBUDS_OK;
    });
}

}  // extern "C"
