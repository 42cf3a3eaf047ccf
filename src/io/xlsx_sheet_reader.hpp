// SPDX-License-Identifier: MPL-2.0
// A worksheet's XML as rows of cells for the record builder: shared strings, inline strings,
// numbers, booleans, errors and date cells (by their style's number format).
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "record_builder.hpp"
#include "xlsx_cells.hpp"
#include "xlsx_package.hpp"

namespace ombuds::io::xlsx {

class SheetReader : public XmlHandler {
  public:
    SheetReader(RecordBuilder& builder, const std::vector<std::string>& strings,
                const std::vector<bool>& date_styles, bool date1904)
        : builder_(builder),
          limits_(builder.options().limits),
          strings_(strings),
          date_styles_(date_styles),
          date1904_(date1904) {}

    void start(std::string_view name, const char** attributes) override {
        if (name == "sheetData") {
            in_data_ = true;
        } else if (!in_data_) {
            return;
        } else if (name == "row") {
            start_row(attribute(attributes, "r"));
        } else if (name == "c") {
            start_cell(attributes);
        } else if (in_cell_ && (name == "v" || (name == "t" && in_inline_ && phonetic_ == 0))) {
            in_text_ = true;
        } else if (in_cell_ && name == "is") {
            in_inline_ = true;
        } else if (in_cell_ && name == "rPh") {
            ++phonetic_;
        } else if (in_cell_ && name == "f") {
            has_formula_ = true;
        }
    }

    void end(std::string_view name) override {
        if (!in_data_) return;
        if (name == "v" || name == "t") {
            in_text_ = false;
        } else if (name == "rPh") {
            --phonetic_;
        } else if (name == "is") {
            in_inline_ = false;
        } else if (name == "c") {
            end_cell();
        } else if (name == "row") {
            end_row();
        } else if (name == "sheetData") {
            in_data_ = false;
            finish();
        }
    }

    void text(std::string_view chars) override {
        if (!in_text_) return;
        if (value_.size() + chars.size() > max_cell_bytes)
            return fail(Hint::workbook_damaged, cell_name());
        value_.append(chars);
    }

    /// After the sheet: a sheet without a header or without cases is not a case file.
    void finish_sheet() {
        if (error || stopped_) return;
        CaseFile& file = builder_.file();
        if (!header_done_ || builder_.record_count() == 0) {
            builder_.file_issue(0, Rule::file_format, Field::case_id,
                                header_done_ ? Hint::no_cases : Hint::empty_file);
            file.unreadable = true;
        }
    }

  private:
    void start_row(std::optional<std::string_view> number) {
        std::uint64_t row = row_ + 1;
        if (number) {
            auto [end, error] =
                std::from_chars(number->data(), number->data() + number->size(), row);
            if (error != std::errc() || end != number->data() + number->size() || row == 0)
                return fail(Hint::workbook_damaged, "row");
        }
        if (row > limits_.max_rows) return fail(Hint::limit_rows, std::to_string(limits_.max_rows));
        row_ = row;
        column_ = 0;
        cells_.assign(header_done_ ? builder_.width() : 0, std::string());
        kinds_.assign(cells_.size(), CellKind::text);
        extra_.clear();
        formulas_.clear();
    }

    void start_cell(const char** attributes) {
        in_cell_ = true;
        has_formula_ = false;
        in_inline_ = false;
        phonetic_ = 0;
        value_.clear();
        auto type = attribute(attributes, "t");
        type_ = type ? std::string(*type) : std::string("n");
        style_ = 0;
        if (auto style = attribute(attributes, "s")) {
            auto [end, error] =
                std::from_chars(style->data(), style->data() + style->size(), style_);
            if (error != std::errc()) return fail(Hint::workbook_damaged, "s");
        }
        std::uint64_t column = column_;
        if (auto reference = attribute(attributes, "r")) {
            column = 0;
            std::size_t letters = 0;
            for (char c : *reference) {
                if (c < 'A' || c > 'Z') break;
                column = column * 26 + static_cast<std::uint64_t>(c - 'A' + 1);
                if (++letters > 4) return fail(Hint::workbook_damaged, "r");
            }
            if (letters == 0) return fail(Hint::workbook_damaged, "r");
            --column;
        }
        if (column >= limits_.max_columns)
            return fail(Hint::limit_columns, std::to_string(limits_.max_columns));
        if (++cell_count_ > limits_.max_cells)
            return fail(Hint::limit_cells, std::to_string(limits_.max_cells));
        column_ = column;
    }

    std::string cell_name() const {
        std::string letters;
        for (std::uint64_t n = column_ + 1; n > 0; n = (n - 1) / 26)
            letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
        return letters + std::to_string(row_);
    }

    void end_cell() {
        in_cell_ = false;
        const bool had_value = !value_.empty();
        CellKind kind = CellKind::text;
        std::string text;
        if (type_ == "s") {
            std::size_t index = 0;
            auto [end, error] =
                std::from_chars(value_.data(), value_.data() + value_.size(), index);
            if (error != std::errc() || index >= strings_.size())
                return fail(Hint::workbook_damaged, cell_name());
            text = strings_[index];
        } else if (type_ == "inlineStr" || type_ == "str" || type_ == "e") {
            text = decode_escapes(std::move(value_));
        } else if (type_ == "b") {
            kind = CellKind::boolean;
            text = value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : value_;
        } else if (type_ == "d") {
            kind = CellKind::date;
            text = value_;
        } else if (!value_.empty()) {
            bool date = style_ < date_styles_.size() && date_styles_[style_];
            double number = 0;
            auto [end, error] =
                std::from_chars(value_.data(), value_.data() + value_.size(), number);
            std::optional<std::string> as_date;
            if (date && error == std::errc()) as_date = serial_date_text(number, date1904_);
            kind = as_date ? CellKind::date : CellKind::number;
            text = as_date ? *as_date : number_text(value_);
        }
        if (has_formula_ && !had_value) formulas_.push_back(column_);
        if (!header_done_) {
            if (cells_.size() <= column_) {
                cells_.resize(column_ + 1);
                kinds_.resize(column_ + 1, CellKind::text);
            }
        } else if (column_ >= cells_.size()) {
            if (extra_.empty() && !detail::trim(text).empty()) extra_ = std::move(text);
            ++column_;
            return;
        }
        cells_[column_] = std::move(text);
        kinds_[column_] = kind;
        ++column_;
    }

    void end_row() {
        if (stopped_) return;
        views_.assign(cells_.begin(), cells_.end());
        if (!extra_.empty()) views_.push_back(extra_);
        if (!header_done_) {
            bool blank = std::all_of(cells_.begin(), cells_.end(), [](const std::string& cell) {
                return detail::trim(cell).empty();
            });
            if (blank) return;
            header_done_ = true;
            if (!builder_.header(views_)) {
                stopped_ = true;
                finish();
            }
            return;
        }
        std::size_t before = builder_.record_count();
        builder_.row(views_, row_, false, kinds_);
        if (builder_.record_count() == before) return;
        for (auto column : formulas_) {
            column_ = column;
            auto field = builder_.field_of_column(column);
            builder_.file().issues.push_back(
                FileIssue{row_,
                          before,
                          Violation(Rule::field_format, field.value_or(Field::case_id),
                                    Hint::formula_without_value, cell_name()),
                          {}});
        }
    }

    RecordBuilder& builder_;
    const ReadLimits& limits_;
    const std::vector<std::string>& strings_;
    const std::vector<bool>& date_styles_;
    const bool date1904_;
    bool in_data_ = false;
    bool in_cell_ = false;
    bool in_text_ = false;
    bool in_inline_ = false;
    bool has_formula_ = false;
    bool header_done_ = false;
    bool stopped_ = false;
    int phonetic_ = 0;
    std::string type_;
    std::size_t style_ = 0;
    std::string value_;
    std::uint64_t row_ = 0;
    std::uint64_t column_ = 0;
    std::uint64_t cell_count_ = 0;
    std::vector<std::string> cells_;
    std::vector<CellKind> kinds_;
    std::string extra_;
    std::vector<std::uint64_t> formulas_;
    std::vector<std::string_view> views_;
};

}  // namespace ombuds::io::xlsx
