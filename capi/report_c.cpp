// SPDX-License-Identifier: MPL-2.0
// The report of a period, in any of its formats and for any audience.
#include <algorithm>
#include <limits>

#include "handles.hpp"
#include "ombuds/report.hpp"

using namespace ombuds::capi;

extern "C" {

int ombuds_report(ombuds_db* db, const char* request_json, char** out_text) {
    if (out_text) *out_text = nullptr;
    return guarded(db, [&] {
        auto& handle = live_db(db);
        if (out_text == nullptr) throw misuse("out_text is NULL");
        if (request_json == nullptr) throw misuse("the request is NULL");
        json request = parse_options(
            request_json, {"from", "to", "compare_from", "compare_to", "compare", "format",
                           "audience", "lang", "min_count", "unit", "title"});
        auto from = date_option(request, "from");
        auto to = date_option(request, "to");
        if (!from || !to) throw misuse("the request needs \"from\" and \"to\"");
        if (*to < *from) throw misuse("\"to\" is before \"from\"");
        ombuds::ReportRequest report_request;
        report_request.period = ombuds::Period{*from, *to};
        auto compare_from = date_option(request, "compare_from");
        auto compare_to = date_option(request, "compare_to");
        if (!bool_option(request, "compare", true)) {
            if (compare_from || compare_to)
                throw misuse(
                    "\"compare\": false cannot be combined with \"compare_from\"/\"compare_to\"");
            report_request.compare.reset();
        } else if (compare_from || compare_to) {
            if (!compare_from || !compare_to)
                throw misuse("\"compare_from\" and \"compare_to\" go together");
            if (*compare_to < *compare_from)
                throw misuse("\"compare_to\" is before \"compare_from\"");
            report_request.compare = ombuds::Period{*compare_from, *compare_to};
        } else {
            report_request.compare = ombuds::previous_year(report_request.period);
        }
        auto format_text = string_option(request, "format");
        auto format = ombuds::parse_report_format(format_text.empty() ? "json" : format_text);
        // A workbook is bytes with zeros in them, which a C string cannot carry.
        if (!format || *format == ombuds::ReportFormat::xlsx)
            throw misuse("\"format\" must be json, md, html or csv");
        if (auto audience = string_option(request, "audience"); !audience.empty()) {
            auto parsed = ombuds::parse_audience(audience);
            if (!parsed) throw misuse("\"audience\" must be advisor, administration or public");
            report_request.audience = *parsed;
        }
        report_request.lang = lang_option(request, "lang").value_or(handle.lang);
        if (auto min_count = integer_option(request, "min_count")) {
            report_request.min_count = static_cast<int>(std::clamp<std::int64_t>(
                *min_count, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
        }
        report_request.unit = string_option(request, "unit");
        report_request.title = string_option(request, "title");
        ombuds::check_report_request(report_request);  // an overlapping comparison: misuse
        auto columns = handle.reg->load_columns();
        auto report = ombuds::compute_report(columns, handle.reg->config(), report_request);
        *out_text = c_string(ombuds::render_report(report, *format));
        return OMBUDS_OK;
    });
}

}  // extern "C"
