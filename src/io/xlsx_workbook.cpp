// SPDX-License-Identifier: MPL-2.0
#include "xlsx_workbook.hpp"

#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "ombuds/detail/formula.hpp"

// libxlsxwriter 1.1.4 (Debian 12) never frees its copy of a drop-down list's formula: a few bytes
// per list, once per workbook. LeakSanitizer is told so (its stack ends inside the library,
// built without frame pointers), so a sanitized run reports leaks of ours only.
#if defined(__SANITIZE_ADDRESS__)
#define OMBUDS_LSAN_SUPPRESSIONS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OMBUDS_LSAN_SUPPRESSIONS 1
#endif
#endif
#ifdef OMBUDS_LSAN_SUPPRESSIONS
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libxlsxwriter.so\n";
}
#endif

namespace ombuds::xlsx {

struct Workbook::Impl {
    std::filesystem::path folder;  // private (0700), removed with everything in it
    std::string tmpdir;            // libxlsxwriter's own temporary files go there too
    lxw_workbook* book = nullptr;
    std::array<lxw_format*, 9> formats{};

    ~Impl() {
        if (book) lxw_workbook_free(book);
        std::error_code ignored;
        if (!folder.empty()) std::filesystem::remove_all(folder, ignored);
    }
};

namespace {

void check(lxw_error error) {
    if (error != LXW_NO_ERROR)
        throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(error));
}

lxw_datetime datetime_of(Date date) {
    lxw_datetime value{};
    value.year = date.year();
    value.month = date.month();
    value.day = date.day();
    return value;
}

/// A sheet name Excel accepts: at most 31 characters, none of []:*?/\ and no quote at either end.
std::string valid_sheet_name(std::string_view name) {
    std::string out;
    std::size_t characters = 0;
    for (std::size_t i = 0; i < name.size() && characters < 31; ++i) {
        char c = name[i];
        if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos ||
            static_cast<unsigned char>(c) < 0x20)
            c = '_';
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++characters;
        if (characters > 31) break;
        out += c;
    }
    while (out.size() > 1 && (static_cast<unsigned char>(out.back()) & 0xC0) == 0xC0)
        out.pop_back();  // a character cut in the middle
    while (!out.empty() && out.front() == '\'') out.erase(out.begin());
    while (!out.empty() && out.back() == '\'') out.pop_back();
    return out.empty() ? std::string("Ark") : out;
}

}  // namespace

std::string range_reference(std::string_view sheet, std::uint16_t column, std::uint32_t first_row,
                            std::uint32_t last_row) {
    std::string quoted = "'";
    for (char c : sheet) {
        if (c == '\'') quoted += '\'';
        quoted += c;
    }
    quoted += "'!";
    auto cell = [&](std::uint32_t row) {
        std::string letters;
        for (std::uint32_t n = column + 1u; n > 0; n = (n - 1) / 26)
            letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
        return "$" + letters + "$" + std::to_string(row + 1);
    };
    return quoted + cell(first_row) + ":" + cell(last_row);
}

Workbook::Workbook() : impl_(std::make_unique<Impl>()) {
    std::error_code ec;
    auto temporary = std::filesystem::temp_directory_path(ec);
    if (ec) temporary = "/tmp";
    std::string pattern = (temporary / "ombuds-xlsx-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("xlsx: no temporary folder");
    impl_->folder = pattern;
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    impl_->tmpdir = impl_->folder.string();
    options.tmpdir = impl_->tmpdir.data();
    std::string file = (impl_->folder / "book.xlsx").string();
    impl_->book = workbook_new_opt(file.c_str(), &options);
    if (!impl_->book) throw std::runtime_error("xlsx: the workbook cannot be created");

    auto add = [&](Format format) {
        lxw_format* f = workbook_add_format(impl_->book);
        impl_->formats[static_cast<std::size_t>(format)] = f;
        return f;
    };
    add(Format::general);
    auto* header = add(Format::header);
    format_set_bold(header);
    format_set_bg_color(header, 0xDDE4EE);
    format_set_text_wrap(header);
    format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
    auto* title = add(Format::title);
    format_set_bold(title);
    format_set_font_size(title, 14);
    format_set_num_format(add(Format::text), "@");
    auto* wrap = add(Format::wrap);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(add(Format::date), "dd-mm-yyyy");
    format_set_num_format(add(Format::integer), "#,##0");
    format_set_num_format(add(Format::decimal1), "#,##0.0");
    format_set_num_format(add(Format::percent1), "0.0%");
}

Workbook::~Workbook() = default;

Sheet& Workbook::add_sheet(std::string_view name) {
    std::string base = valid_sheet_name(name);
    std::string unique = base;
    for (int n = 2; workbook_get_worksheet_by_name(impl_->book, unique.c_str()); ++n)
        unique = base.substr(0, 27) + " " + std::to_string(n);
    lxw_worksheet* sheet = workbook_add_worksheet(impl_->book, unique.c_str());
    if (!sheet) throw std::runtime_error("xlsx: the sheet cannot be added");
    sheets_.push_back(std::unique_ptr<Sheet>(new Sheet(*this, sheet, unique)));
    return *sheets_.back();
}

std::string Workbook::close() {
    lxw_workbook* book = impl_->book;
    impl_->book = nullptr;  // workbook_close frees it, whatever it returns
    check(workbook_close(book));
    std::ifstream in(impl_->folder / "book.xlsx", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) throw std::runtime_error("xlsx: the workbook cannot be read back");
    return bytes;
}

void Sheet::write(std::uint32_t row, std::uint16_t column, const Cell& cell) {
    lxw_format* format = book_.impl_->formats[static_cast<std::size_t>(cell.format)];
    if (const auto* text = std::get_if<std::string>(&cell.value)) {
        if (text->empty()) {
            check(worksheet_write_blank(sheet_, row, column, format));
        } else {
            std::string safe = detail::protect_cell(*text);
            check(worksheet_write_string(sheet_, row, column, safe.c_str(), format));
        }
    } else if (const auto* number = std::get_if<double>(&cell.value)) {
        check(worksheet_write_number(sheet_, row, column, *number, format));
    } else if (const auto* date = std::get_if<Date>(&cell.value)) {
        lxw_datetime value = datetime_of(*date);
        check(
            worksheet_write_datetime(sheet_, row, column, &value,
                                     book_.impl_->formats[static_cast<std::size_t>(Format::date)]));
    } else {
        check(worksheet_write_blank(sheet_, row, column, format));
    }
}

void Sheet::text(std::uint32_t row, std::uint16_t column, std::string_view text, Format format) {
    write(row, column, Cell{std::string(text), format});
}

void Sheet::number(std::uint32_t row, std::uint16_t column, double value, Format format) {
    write(row, column, Cell{value, format});
}

void Sheet::date(std::uint32_t row, std::uint16_t column, Date value) {
    write(row, column, Cell{value, Format::date});
}

std::uint32_t Sheet::table(std::uint32_t row, const std::vector<std::string>& headers,
                           const std::vector<std::vector<Cell>>& rows) {
    for (std::size_t c = 0; c < headers.size(); ++c)
        text(row, static_cast<std::uint16_t>(c), headers[c], Format::header);
    ++row;
    for (const auto& cells : rows) {
        for (std::size_t c = 0; c < cells.size(); ++c)
            write(row, static_cast<std::uint16_t>(c), cells[c]);
        ++row;
    }
    return row;
}

void Sheet::columns(std::uint16_t first, std::uint16_t last, double width,
                    std::optional<Format> format) {
    lxw_format* f = format ? book_.impl_->formats[static_cast<std::size_t>(*format)] : nullptr;
    check(worksheet_set_column(sheet_, first, last, width, f));
}

void Sheet::list_validation(std::uint32_t first_row, std::uint32_t last_row, std::uint16_t column,
                            const Sheet& source, std::uint16_t source_column,
                            std::uint32_t source_first, std::uint32_t source_last,
                            const std::string& error) {
    std::string formula =
        "=" + range_reference(source.name(), source_column, source_first, source_last);
    std::string message = error;
    lxw_data_validation validation{};
    validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    validation.value_formula = formula.data();
    validation.error_message = message.data();
    validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    check(
        worksheet_data_validation_range(sheet_, first_row, column, last_row, column, &validation));
}

void Sheet::date_validation(std::uint32_t first_row, std::uint32_t last_row, std::uint16_t column,
                            const std::string& error) {
    std::string message = error;
    lxw_data_validation validation{};
    validation.validate = LXW_VALIDATION_TYPE_DATE;
    validation.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    validation.minimum_datetime = datetime_of(Date::first());
    validation.maximum_datetime = datetime_of(Date::last());
    validation.error_message = message.data();
    validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    check(
        worksheet_data_validation_range(sheet_, first_row, column, last_row, column, &validation));
}

void Sheet::freeze_header_row() {
    worksheet_freeze_panes(sheet_, 1, 0);
}

void Sheet::autofilter(std::uint32_t last_row, std::uint16_t last_column) {
    check(worksheet_autofilter(sheet_, 0, 0, last_row, last_column));
}

void Sheet::hide() {
    worksheet_hide(sheet_);
}

void Sheet::bar_chart(const BarChart& spec) {
    lxw_chart* chart =
        workbook_add_chart(book_.impl_->book, spec.horizontal ? LXW_CHART_BAR : LXW_CHART_COLUMN);
    if (!chart) throw std::runtime_error("xlsx: the chart cannot be added");
    std::string categories =
        "=" + range_reference(name_, spec.category_column, spec.first_row, spec.last_row);
    for (auto column : spec.value_columns) {
        std::string values = "=" + range_reference(name_, column, spec.first_row, spec.last_row);
        lxw_chart_series* series = chart_add_series(chart, categories.c_str(), values.c_str());
        if (!series) throw std::runtime_error("xlsx: the chart cannot be added");
        std::string series_name =
            "=" + range_reference(name_, column, spec.header_row, spec.header_row);
        series_name = series_name.substr(0, series_name.rfind(':'));  // one cell
        chart_series_set_name(series, series_name.c_str());
    }
    if (!spec.title.empty()) chart_title_set_name(chart, spec.title.c_str());
    if (spec.value_columns.size() < 2) chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    check(worksheet_insert_chart(sheet_, spec.at_row, spec.at_column, chart));
}

}  // namespace ombuds::xlsx
