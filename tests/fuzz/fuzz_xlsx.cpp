// SPDX-License-Identifier: MPL-2.0
// Fuzz target: the xlsx reader (zip package, workbook, relationships, styles, shared strings,
// sheet) and the validator behind it. An input whose first byte is even is the workbook's bytes
// as they are; otherwise the rest is the XML of the sheet, the shared strings, the styles and the
// workbook, separated by NUL bytes, zipped here so the fuzzer reaches the XML handling past the
// zip's checksums. Any input must give records and issues, never a crash, and no issue may echo
// a CPR-like number or a control character.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "ombuds/case_file.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/validation.hpp"

namespace {

constexpr std::string_view default_parts[] = {
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>)",
    R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>)",
    R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>)",
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>)",
};
constexpr const char* part_names[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                      "xl/styles.xml", "xl/workbook.xml"};
constexpr std::string_view relations =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(</Relationships>)";

/// The parts zipped (stored, so building it is cheap); empty when libzip fails.
std::string zip_parts(std::string_view text) {
    std::vector<std::string_view> parts(std::begin(default_parts), std::end(default_parts));
    for (std::size_t i = 0; i < parts.size() && !text.empty(); ++i) {
        auto nul = text.find('\0');
        parts[i] = text.substr(0, nul);
        text = nul == std::string_view::npos ? std::string_view() : text.substr(nul + 1);
    }
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!buffer) return {};
    zip_source_keep(buffer);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    std::string out;
    if (archive) {
        auto add = [&](const char* name, std::string_view data) {
            zip_source_t* source = zip_source_buffer(archive, data.data(), data.size(), 0);
            if (!source) return;
            zip_int64_t index = zip_file_add(archive, name, source, ZIP_FL_ENC_UTF_8);
            if (index < 0) {
                zip_source_free(source);
                return;
            }
            zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
        };
        for (std::size_t i = 0; i < parts.size(); ++i) add(part_names[i], parts[i]);
        add("xl/_rels/workbook.xml.rels", relations);
        if (zip_close(archive) != 0) zip_discard(archive);
        if (zip_source_open(buffer) == 0) {
            char chunk[1 << 14];
            zip_int64_t got;
            while ((got = zip_source_read(buffer, chunk, sizeof chunk)) > 0)
                out.append(chunk, static_cast<std::size_t>(got));
            zip_source_close(buffer);
        }
    }
    zip_error_fini(&error);
    zip_source_free(buffer);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const ombuds::Configuration config = ombuds::load_configuration();
    if (size == 0) return 0;
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::string bytes =
        (data[0] & 1) == 0 ? std::string(input.substr(1)) : zip_parts(input.substr(1));
    ombuds::ReadOptions options;
    options.format = ombuds::FileFormat::xlsx;
    options.keep_cells = true;
    auto file = ombuds::read_case_text(bytes, "fuzz.xlsx", config, options);
    if (file.lines.size() != file.records.size() || file.rows.size() != file.records.size())
        std::abort();
    ombuds::Validator validator(
        config,
        ombuds::ValidationOptions{ombuds::Date::from_ymd(2026, 1, 1), ombuds::WriteMode::insert});
    ombuds::EmptyRegisterView nothing;
    auto issues = ombuds::file_issues(file, validator.validate_batch(file.records, nothing));
    for (const auto& issue : issues) {
        for (auto lang : {ombuds::Lang::da, ombuds::Lang::en}) {
            auto message = issue.violation.message(lang);
            if (ombuds::detail::redact(message) != message) std::abort();  // a CPR-like run leaked
            for (char c : message) {
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) std::abort();  // raw
            }
        }
        for (char c : issue.column) {
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) std::abort();
        }
    }
    return 0;
}
