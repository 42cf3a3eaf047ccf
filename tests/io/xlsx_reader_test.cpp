// SPDX-License-Identifier: MPL-2.0
// The xlsx reader on workbooks written by openpyxl and part by part as Excel writes them, and on
// damaged and hostile ones (make_workbooks.py writes them before these tests run).
#include <gtest/gtest.h>

#include <unistd.h>

#include "io_test_support.hpp"

namespace ombuds {
namespace {

using test::config;
using test::has_hint;
using test::has_issue;
using test::workbook;

std::string issues_of(const CaseFile& file) {
    std::string out;
    for (const auto& issue : file.issues)
        out += std::to_string(issue.line) + ": " + issue.violation.message(Lang::en) + "\n";
    return out;
}

TEST(XlsxReader, EveryKindOfCellOpenpyxlWrites) {
    ReadOptions options;
    options.keep_cells = true;
    auto file = read_case_file(workbook("types.xlsx"), config(), options);
    EXPECT_EQ(file.format, FileFormat::xlsx);
    EXPECT_FALSE(file.unreadable) << issues_of(file);
    EXPECT_EQ(file.layout.sheet, "Sager");
    ASSERT_EQ(file.records.size(), 4u) << issues_of(file);
    // Rows are lines: the header is row 1, the blank row 5 is skipped.
    EXPECT_EQ(file.lines, (std::vector<std::size_t>{2, 3, 4, 6}));
    const auto& first = file.records[0];
    EXPECT_EQ(first.case_id->str(), "K1");
    EXPECT_EQ(first.kind, Kind::complaint);
    EXPECT_EQ(first.received, Date::from_ymd(2024, 1, 25));  // a date cell, DD-MM-YYYY
    EXPECT_EQ(first.action, Action::meeting);
    EXPECT_EQ(first.citizen.key(), "cpr:0101585000");  // text keeps the leading zero
    // A whole number, a date-time cell, a number in a text column.
    EXPECT_EQ(file.records[1].case_id->str(), "1002");
    EXPECT_EQ(file.records[1].received, Date::from_ymd(2024, 2, 29));
    EXPECT_EQ(file.records[1].note, "12.5");
    // A date typed as text into a text cell; a boolean.
    EXPECT_EQ(file.records[2].received, Date::from_ymd(2024, 1, 25));
    EXPECT_EQ(file.records[2].note, "TRUE");
    // A date by a custom format with a locale.
    EXPECT_EQ(file.records[3].received, Date::from_ymd(2023, 12, 31));
    // The CPR number Excel made a number lost its leading 0: the message says so.
    ASSERT_TRUE(has_hint(file, Hint::cpr_leading_zero)) << issues_of(file);
    // A formula without a computed value is named by its cell.
    auto formula = std::find_if(file.issues.begin(), file.issues.end(), [](const FileIssue& i) {
        return i.violation.hint == Hint::formula_without_value;
    });
    ASSERT_NE(formula, file.issues.end()) << issues_of(file);
    EXPECT_EQ(formula->line, 6u);
    EXPECT_EQ(formula->violation.field, Field::note);
    EXPECT_NE(formula->violation.message(Lang::da).find("H6"), std::string::npos);
    // The cells as read, with their kinds, for a rejects file.
    ASSERT_EQ(file.rows.size(), 4u);
    EXPECT_EQ(file.rows[0].cells[3], "2024-01-25");
    EXPECT_EQ(file.rows[0].kinds[3], CellKind::date);
    EXPECT_EQ(file.rows[1].cells[6], "101585000");
    EXPECT_EQ(file.rows[1].kinds[6], CellKind::number);
    EXPECT_EQ(file.header.front(), "Sagsnr");
}

TEST(XlsxReader, FirstVisibleSheetOrTheOneNamed) {
    auto first = read_case_file(workbook("sheets.xlsx"), config());
    ASSERT_EQ(first.records.size(), 1u) << issues_of(first);  // "Lister" is hidden
    EXPECT_EQ(first.records[0].case_id->str(), "O1");
    EXPECT_EQ(first.layout.sheet, "Oversigt");
    ReadOptions options;
    options.sheet = "sager 2024";  // any letter case
    auto named = read_case_file(workbook("sheets.xlsx"), config(), options);
    ASSERT_EQ(named.records.size(), 2u) << issues_of(named);
    EXPECT_EQ(named.records[1].case_id->str(), "S2");
    options.sheet = "Sager 2025";
    auto missing = read_case_file(workbook("sheets.xlsx"), config(), options);
    EXPECT_TRUE(missing.unreadable);
    ASSERT_TRUE(has_hint(missing, Hint::sheet_missing));
    auto message = missing.issues.front().violation.message(Lang::da);
    EXPECT_NE(message.find("'Sager 2024'"), std::string::npos) << message;
    EXPECT_NE(message.find("intet ark ved navn 'Sager 2025'"), std::string::npos) << message;
}

TEST(XlsxReader, WhatExcelWritesAndOpenpyxlDoesNot) {
    auto file = read_case_file(workbook("excel_strings.xlsx"), config());
    ASSERT_EQ(file.records.size(), 3u) << issues_of(file);
    EXPECT_EQ(file.lines, (std::vector<std::size_t>{3, 4, 5}));
    const auto& rich = file.records[0];
    EXPECT_EQ(rich.case_id->str(), "E1");   // an inline string, no cell reference
    EXPECT_EQ(rich.kind, Kind::complaint);  // rich text runs, the phonetic run left out
    EXPECT_EQ(rich.role, Role::main);       // inline rich text
    EXPECT_EQ(rich.received, Date::from_ymd(2024, 1, 25));             // a custom date format
    EXPECT_EQ(rich.action, Action::meeting);                           // a formula's cached text
    EXPECT_EQ(rich.note, "to\r\nlinjer _x0041_");                      // Office's escapes
    EXPECT_EQ(file.records[1].received, Date::from_ymd(2024, 1, 26));  // t="d"
    EXPECT_EQ(file.records[1].note, "TRUE");
    EXPECT_EQ(file.records[2].received, Date::from_ymd(2024, 1, 26));  // a date-time, built-in
    EXPECT_EQ(file.records[2].note, "#N/A");
    EXPECT_TRUE(has_hint(file, Hint::extra_cells));  // H5, beyond the header
}

TEST(XlsxReader, Dates1904) {
    auto file = read_case_file(workbook("dates_1904.xlsx"), config());
    ASSERT_EQ(file.records.size(), 1u) << issues_of(file);
    EXPECT_EQ(file.records[0].received, Date::from_ymd(2024, 1, 25));
}

TEST(XlsxReader, RecognisedByContentNotByName) {
    test::Folder folder;
    auto renamed = folder / "cases.csv";
    std::filesystem::copy_file(workbook("types.xlsx"), renamed);
    auto file = read_case_file(renamed, config());
    EXPECT_EQ(file.format, FileFormat::xlsx);
    EXPECT_EQ(file.records.size(), 4u);
    EXPECT_FALSE(has_hint(file, Hint::encoding));
    EXPECT_FALSE(has_hint(file, Hint::binary));
}

TEST(XlsxReader, WhatIsNoWorkbookIsNamed) {
    const std::pair<const char*, Hint> cases[] = {
        {"damaged.xlsx", Hint::workbook_damaged}, {"spreadsheet.ods", Hint::opendocument},
        {"archive.zip", Hint::zip_not_workbook},  {"old.xls", Hint::old_workbook},
        {"entity.xlsx", Hint::workbook_damaged},
    };
    for (const auto& [name, hint] : cases) {
        auto file = read_case_file(workbook(name), config());
        EXPECT_TRUE(file.unreadable) << name;
        EXPECT_TRUE(file.records.empty()) << name;
        EXPECT_TRUE(has_hint(file, hint)) << name << "\n" << issues_of(file);
        for (auto lang : {Lang::da, Lang::en}) {
            auto message = file.issues.front().violation.message(lang);
            EXPECT_EQ(message.find("lol"), std::string::npos) << message;
        }
    }
}

TEST(XlsxReader, ZipBombIsRefusedBeforeItIsUnpacked) {
    auto file = read_case_file(workbook("bomb.xlsx"), config());
    EXPECT_TRUE(file.unreadable);
    EXPECT_TRUE(has_hint(file, Hint::limit_ratio)) << issues_of(file);
    // With a higher ratio allowed, the total size still stops it.
    ReadOptions options;
    options.limits.max_ratio = 1'000'000;
    options.limits.max_unpacked_bytes = 64 << 20;
    auto total = read_case_file(workbook("bomb.xlsx"), config(), options);
    EXPECT_TRUE(has_hint(total, Hint::limit_unpacked)) << issues_of(total);
}

TEST(XlsxReader, LimitsOnStringsRowsColumnsAndCells) {
    ReadOptions options;
    options.limits.max_strings = 1000;
    auto strings = read_case_file(workbook("many_strings.xlsx"), config(), options);
    EXPECT_TRUE(has_hint(strings, Hint::limit_strings)) << issues_of(strings);
    auto far = read_case_file(workbook("far_cell.xlsx"), config());
    EXPECT_TRUE(has_hint(far, Hint::limit_rows)) << issues_of(far);
    options = {};
    options.limits.max_columns = 4;
    auto wide = read_case_file(workbook("types.xlsx"), config(), options);
    EXPECT_TRUE(has_hint(wide, Hint::limit_columns)) << issues_of(wide);
    options = {};
    options.limits.max_cells = 20;
    auto many = read_case_file(workbook("types.xlsx"), config(), options);
    EXPECT_TRUE(has_hint(many, Hint::limit_cells)) << issues_of(many);
    EXPECT_TRUE(many.unreadable);
}

TEST(XlsxReader, SheetOnlyForWorkbooks) {
    ReadOptions options;
    options.sheet = "Sager";
    auto file = read_case_text("case_id;kind\n", "t.csv", config(), options);
    EXPECT_TRUE(file.unreadable);
    EXPECT_TRUE(has_hint(file, Hint::sheet_not_workbook));
}

TEST(XlsxReader, RecordsHandedOverOnceRead) {
    std::size_t handed = 0;
    ReadOptions options;
    options.batch_size = 1;
    options.on_records = [&](const CaseRecord*, std::size_t count) { handed = count; };
    auto file = read_case_file(workbook("types.xlsx"), config(), options);
    EXPECT_EQ(handed, file.records.size());
}

}  // namespace
}  // namespace ombuds
