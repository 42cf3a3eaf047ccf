// SPDX-License-Identifier: MPL-2.0
// The rejects file: the refused rows as typed, written as the input was, corrected and read
// again to the records the corrected original gives.
#include "ombuds/rejects.hpp"

#include <gtest/gtest.h>

#include "io/encoding.hpp"
#include "io_test_support.hpp"
#include "ombuds/validation.hpp"

namespace ombuds {
namespace {

using test::config;

struct Checked {
    CaseFile file;
    std::vector<FileIssue> issues;
    std::vector<bool> refused;
};

Checked check(std::string_view bytes, std::string_view name) {
    ReadOptions options;
    options.keep_cells = true;
    Checked out{read_case_text(bytes, name, config(), options), {}, {}};
    Validator validator(config(), ValidationOptions{Date::from_ymd(2026, 1, 1), WriteMode::insert});
    EmptyRegisterView nothing;
    out.issues = file_issues(out.file, validator.validate_batch(out.file.records, nothing));
    out.refused.assign(out.file.records.size(), false);
    for (const auto& issue : out.issues) {
        if (refuses_record(issue) && issue.record < out.refused.size())
            out.refused[issue.record] = true;
    }
    return out;
}

std::string rejects_of(const Checked& checked, Lang lang = Lang::da) {
    return rejects_file(checked.file,
                        rejected_records(checked.file, checked.issues, checked.refused, lang));
}

void replace(std::string& text, std::string_view from, std::string_view to) {
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
}

void expect_same(const std::vector<CaseRecord>& a, const std::vector<CaseRecord>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        for (std::size_t f = 0; f < field_count; ++f) {
            auto field = static_cast<Field>(f);
            EXPECT_EQ(field_text(a[i], field, config()), field_text(b[i], field, config()))
                << i << " " << column_name(field);
        }
        EXPECT_EQ(a[i].citizen.key(), b[i].citizen.key()) << i;
    }
}

// As Danish Excel saves CSV: `;`, Windows-1252, CRLF, Danish headers and labels.
const std::string danish_header =
    "Sagsnr;Sagstype;Rolle;Modtaget;Afsluttet;Indsats;Tema;CPR;Note\r\n";
const std::string good =
    "K1;Klage;Hovedsag;25-01-2024;;M\xF8"
    "de med borger og forvaltning;"
    "Manglende svar;0101585000;f\xF8rste\r\n";
const std::string bad_cpr =
    "K2;Klage;Hovedsag;25-01-2024;;Afvist;Manglende svar;101585000;"
    "=HYPERLINK(\"x\")\r\n";
const std::string bad_closed =
    "K3;Klage;Hovedsag;25-01-2024;31-04-2024;meeting;"
    "Manglende svar;;\"to;\r\nlinjer\"\r\n";
const std::string bad_theme =
    "K4;Anden henvendelse;Hovedsag;25.1.2024;;Vejledning;"
    "Manglende svr;;\r\n";

TEST(Rejects, CsvAsTypedInTheInputsEncodingSeparatorAndLineEnds) {
    auto input = check(danish_header + good + bad_cpr + bad_closed + bad_theme, "sager.csv");
    ASSERT_EQ(input.file.layout.encoding, TextEncoding::windows_1252);
    ASSERT_EQ(input.file.layout.line_end, "\r\n");
    EXPECT_EQ(input.refused, (std::vector<bool>{false, true, true, true}));
    std::string rejects = rejects_of(input);
    // The reasons first, then the columns as the file had them; the values as typed.
    EXPECT_TRUE(rejects.starts_with("ombuds_reason;" + danish_header)) << rejects;
    EXPECT_NE(rejects.find(";101585000;\"'=HYPERLINK(\"\"x\"\")\"\r\n"), std::string::npos)
        << rejects;
    EXPECT_NE(rejects.find(";31-04-2024;meeting;Manglende svar;;\"to;\nlinjer\"\r\n"),
              std::string::npos)
        << rejects;
    EXPECT_NE(rejects.find(";25.1.2024;;Vejledning;Manglende svr;;\r\n"), std::string::npos);
    EXPECT_NE(rejects.find("linje 4: Afsluttet: field.format:"), std::string::npos) << rejects;
    EXPECT_NE(rejects.find("mente du 'Manglende svar'?"), std::string::npos) << rejects;
    EXPECT_EQ(rejects.find("K1;"), std::string::npos);
    EXPECT_EQ(rejects.find('\xC3'), std::string::npos) << "not UTF-8: Windows-1252 as the input";

    // Read again unchanged, the same rows are refused for the same reasons: nothing is stored
    // blank instead.
    auto again = check(rejects, "afviste.csv");
    EXPECT_EQ(again.refused, (std::vector<bool>{true, true, true}));
    // Corrected, the rejects file gives what the corrected original gives.
    std::string fixed = rejects;
    replace(fixed, ";101585000;", ";0101585000;");
    replace(fixed, ";Afvist;", ";meeting;");
    replace(fixed, ";31-04-2024;", ";30-04-2024;");
    replace(fixed, ";Manglende svr;", ";Manglende svar;");
    auto corrected = check(fixed, "afviste.csv");
    EXPECT_EQ(corrected.refused, (std::vector<bool>{false, false, false}));
    for (const auto& issue : corrected.issues) EXPECT_FALSE(issue.violation.is_error());
    std::string original_fixed = danish_header + bad_cpr + bad_closed + bad_theme;
    replace(original_fixed, ";101585000;", ";0101585000;");
    replace(original_fixed, ";Afvist;", ";meeting;");
    replace(original_fixed, ";31-04-2024;", ";30-04-2024;");
    replace(original_fixed, ";Manglende svr;", ";Manglende svar;");
    expect_same(corrected.file.records, check(original_fixed, "sager.csv").file.records);
}

TEST(Rejects, Utf8WithBomCommaAndLfStayAsTheyWere) {
    std::string text =
        "\xEF\xBB\xBF"
        "case_id,kind,role,received,action,theme,citizen\n"
        "K1,complaint,main,2024-01-25,meeting,no_reply,211062-562\n";
    auto input = check(text, "cases.csv");
    std::string rejects = rejects_of(input, Lang::en);
    EXPECT_TRUE(
        rejects.starts_with("\xEF\xBB\xBF"
                            "ombuds_reason,case_id,kind"))
        << rejects;
    EXPECT_NE(rejects.find(",211062-562\n"), std::string::npos);
    EXPECT_EQ(rejects.find('\r'), std::string::npos);
    EXPECT_NE(rejects.find("line 2: citizen: citizen.format:"), std::string::npos) << rejects;
    // A rejects file's own reasons are replaced in their column, not added again.
    auto twice = rejects_of(check(rejects, "rejects.csv"), Lang::en);
    EXPECT_TRUE(
        twice.starts_with("\xEF\xBB\xBF"
                          "ombuds_reason,case_id,kind"))
        << twice;
    EXPECT_EQ(twice.find("ombuds_reason", 5), std::string::npos) << twice;
}

TEST(Rejects, JsonLinesKeepTheirValues) {
    std::string text =
        R"({"case_id": "J1", "kind": "Klage", "role": "main", "received": "2024-01-25", "action": "meeting", "theme": "no_reply", "citizen": "101585000"})"
        "\n";
    auto input = check(text, "cases.jsonl");
    std::string rejects = rejects_of(input);
    EXPECT_TRUE(rejects.starts_with(R"({"ombuds_reason":"linje 1: citizen: citizen.format:)"))
        << rejects;
    EXPECT_NE(rejects.find(R"("citizen":"101585000"})"), std::string::npos) << rejects;
    auto again = check(rejects, "rejects.jsonl");
    ASSERT_EQ(again.file.records.size(), 1u);
    EXPECT_TRUE(again.refused[0]);
    expect_same(again.file.records, input.file.records);
}

TEST(Rejects, WorkbookGivesWorkbookWithCellsOfTheSameKind) {
    ReadOptions options;
    options.keep_cells = true;
    Checked input{read_case_file(test::workbook("types.xlsx"), config(), options), {}, {}};
    input.issues = input.file.issues;
    input.refused.assign(input.file.records.size(), false);
    for (const auto& issue : input.issues) {
        if (refuses_record(issue)) input.refused[issue.record] = true;
    }
    ASSERT_EQ(input.refused, (std::vector<bool>{false, true, false, true}));
    std::string rejects = rejects_of(input);
    ASSERT_TRUE(rejects.starts_with("PK"));
    ReadOptions again_options;
    again_options.keep_cells = true;
    auto again = read_case_text(rejects, "afviste.xlsx", config(), again_options);
    EXPECT_EQ(again.layout.sheet, "Sager");
    ASSERT_EQ(again.records.size(), 2u);
    EXPECT_EQ(again.header[0], "ombuds_reason");
    EXPECT_EQ(std::vector<std::string>(again.header.begin() + 1, again.header.end()),
              input.file.header);
    expect_same(again.records, {input.file.records[1], input.file.records[3]});
    // The date cell is a date cell again, the number a number.
    EXPECT_EQ(again.rows[0].kinds[4], CellKind::date);
    EXPECT_EQ(again.rows[0].kinds[7], CellKind::number);
    EXPECT_EQ(again.rows[0].cells[7], "101585000");
}

}  // namespace
}  // namespace ombuds
