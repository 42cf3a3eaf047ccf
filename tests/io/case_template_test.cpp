// SPDX-License-Identifier: MPL-2.0
// The template workbook: as openpyxl sees it, and filled in as a person would (fill_template.py),
// read back as .xlsx, as the CSV LibreOffice saves from it (`;`, Windows-1252) and as the .xlsx
// LibreOffice saves from it, without a single format error and to identical records.
#include "ombuds/case_template.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "io_test_support.hpp"
#include "ombuds/validation.hpp"

namespace ombuds {
namespace {

using test::config;
using test::run;
using test::shell_quoted;

std::string issues_of(const CaseFile& file) {
    std::string out;
    for (const auto& issue : file.issues)
        out += std::to_string(issue.line) + " " + std::string(issue.column_name()) + ": " +
               issue.violation.message(Lang::en) + "\n";
    return out;
}

/// LibreOffice headless converts a workbook; its profile in the test's folder, so runs at the
/// same time do not share one.
void convert(const test::Folder& folder, const std::filesystem::path& input,
             const std::string& filter, const std::filesystem::path& outdir) {
    std::string command = std::string(OMBUDS_SOFFICE) + " -env:UserInstallation=file://" +
                          (folder / "profile").string() + " --headless --norestore --convert-to " +
                          shell_quoted(filter) + " --outdir " + shell_quoted(outdir) + " " +
                          shell_quoted(input) + " >/dev/null 2>&1";
    ASSERT_EQ(run(command), 0) << command;
}

TEST(CaseTemplate, AsOpenpyxlSeesIt) {
    test::Folder folder;
    auto path = folder / "skabelon.xlsx";
    test::write_bytes(path, case_template_xlsx(config()));
    EXPECT_EQ(run(std::string(OMBUDS_PYTHON3) +
                  " " OMBUDS_TEST_SCRIPTS_DIR "/check_workbook.py template " + shell_quoted(path)),
              0);
    // LibreOffice opens it: its CSV of the first sheet is the Danish header row.
    convert(folder, path, "csv:Text - txt - csv (StarCalc):59,34,76,1", folder.path());
    auto csv = test::read_bytes(folder / "skabelon.csv");
    EXPECT_TRUE(csv.starts_with("\"Sagsnr\";\"Henvendelse\";\"CPR\";\"Sagstype\"")) << csv;
    // Empty, it is a case file with no cases (not a damaged one).
    auto empty = read_case_file(path, config());
    EXPECT_TRUE(empty.unreadable);
    ASSERT_EQ(empty.issues.size(), 1u) << issues_of(empty);
    EXPECT_EQ(empty.issues[0].violation.hint, Hint::no_cases);
}

TEST(CaseTemplate, FilledInItImportsWithoutAFormatErrorAsXlsxAndAsLibreOfficeCsv) {
    ASSERT_TRUE(std::string(OMBUDS_SOFFICE).size() > 0) << "LibreOffice (soffice) is needed";
    test::Folder folder;
    auto blank = folder / "skabelon.xlsx";
    auto filled = folder / "sager.xlsx";
    test::write_bytes(blank, case_template_xlsx(config()));
    ASSERT_EQ(run(std::string(OMBUDS_PYTHON3) + " " OMBUDS_TEST_SCRIPTS_DIR "/fill_template.py " +
                  shell_quoted(blank) + " " + shell_quoted(filled)),
              0);
    // The CSV Danish LibreOffice writes: `;`, quotes, Windows-1252 (charset 1), from row 1.
    std::filesystem::create_directories(folder / "csv");
    convert(folder, filled, "csv:Text - txt - csv (StarCalc):59,34,1,1", folder / "csv");
    std::filesystem::create_directories(folder / "lo");
    convert(folder, filled, "xlsx:Calc MS Excel 2007 XML", folder / "lo");

    auto from_xlsx = read_case_file(filled, config());
    auto from_csv = read_case_file(folder / "csv" / "sager.csv", config());
    auto from_libreoffice = read_case_file(folder / "lo" / "sager.xlsx", config());
    // LibreOffice's own spellings: date cells by the template's format, date-time cells that a
    // program wrote as its own default format, and dates typed as text.
    std::string csv = test::read_bytes(folder / "csv" / "sager.csv");
    EXPECT_NE(csv.find(";2024-01-25 0:00:00;"), std::string::npos) << csv.substr(0, 2000);
    EXPECT_NE(csv.find(";\"3.2.2024\";"), std::string::npos) << csv.substr(0, 2000);
    EXPECT_NE(csv.find(";\"26-02-2024\";"), std::string::npos) << csv.substr(0, 2000);
    EXPECT_NE(csv.find(";02-03-2024;"), std::string::npos) << csv.substr(0, 2000);
    EXPECT_EQ(from_csv.layout.separator, ';');
    EXPECT_EQ(from_csv.layout.encoding, TextEncoding::windows_1252);
    EXPECT_EQ(from_libreoffice.format, FileFormat::xlsx);
    for (const auto* file : {&from_xlsx, &from_csv, &from_libreoffice}) {
        EXPECT_FALSE(file->unreadable) << file->name;
        EXPECT_TRUE(file->issues.empty()) << file->name << "\n" << issues_of(*file);
        ASSERT_EQ(file->records.size(), 65u) << file->name;
    }
    for (std::size_t i = 0; i < from_xlsx.records.size(); ++i) {
        for (const auto* other : {&from_csv, &from_libreoffice}) {
            for (std::size_t f = 0; f < field_count; ++f) {
                auto field = static_cast<Field>(f);
                EXPECT_EQ(field_text(from_xlsx.records[i], field, config()),
                          field_text(other->records[i], field, config()))
                    << other->name << " record " << i << " " << column_name(field);
            }
            EXPECT_EQ(from_xlsx.records[i].citizen.key(), other->records[i].citizen.key()) << i;
        }
    }
    // The five cases of each kind are valid; their CPR number kept its leading 0.
    EXPECT_EQ(from_xlsx.records[0].citizen.key(), "cpr:0101585000");
    EXPECT_EQ(from_xlsx.records[0].note,
              "Borgeren sagde: \"det går for langsomt\"; ønsker svar\nsnarest");
    Validator validator(config(), ValidationOptions{Date::from_ymd(2026, 1, 1), WriteMode::insert});
    std::vector<CaseRecord> cases(from_xlsx.records.begin(), from_xlsx.records.begin() + 5);
    EmptyRegisterView nothing;
    auto violations = validator.validate_batch(cases, nothing);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        for (const auto& v : violations[i])
            EXPECT_FALSE(v.is_error())
                << i << " " << rule_code(v.rule) << " " << v.message(Lang::en);
    }
}

TEST(CaseTemplate, AnExportWorkbookOpensInLibreOfficeAndReadsBack) {
    test::Folder folder;
    auto original = read_case_file(OMBUDS_TEST_DATA_DIR "/danish_excel.csv", config());
    ASSERT_TRUE(original.issues.empty());
    WriteOptions options;
    options.format = FileFormat::xlsx;
    options.excel = true;
    options.with_notes = true;
    std::ostringstream out;
    write_case_file(out, original.records, config(), options);
    auto path = folder / "eksport.xlsx";
    test::write_bytes(path, out.str());
    std::filesystem::create_directories(folder / "csv");
    convert(folder, path, "csv:Text - txt - csv (StarCalc):59,34,1,1", folder / "csv");
    auto back = read_case_file(folder / "csv" / "eksport.csv", config());
    EXPECT_TRUE(back.issues.empty()) << issues_of(back);
    ASSERT_EQ(back.records.size(), original.records.size());
    for (std::size_t i = 0; i < back.records.size(); ++i) {
        for (std::size_t f = 0; f < field_count; ++f) {
            auto field = static_cast<Field>(f);
            if (field == Field::citizen) continue;
            EXPECT_EQ(field_text(back.records[i], field, config()),
                      field_text(original.records[i], field, config()))
                << i << " " << column_name(field);
        }
    }
}

}  // namespace
}  // namespace ombuds
