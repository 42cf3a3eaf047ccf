// SPDX-License-Identifier: MPL-2.0
// The case-file reader on what Danish spreadsheets write, and on bad input.
#include "ombuds/case_file.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <sstream>
#include <thread>
#include <vector>

#include "io_test_support.hpp"

#include "ombuds/config_io.hpp"

namespace ombuds {
namespace {

const Configuration& config() {
    static const Configuration c = load_configuration();
    return c;
}

constexpr std::string_view header = "case_id;kind;role;received;action;theme;citizen;note\n";

bool has_issue(const CaseFile& file, Rule rule, std::size_t line) {
    return std::any_of(file.issues.begin(), file.issues.end(), [&](const FileIssue& i) {
        return i.violation.rule == rule && i.line == line;
    });
}

TEST(CaseFile, ReadsDanishExcelFile) {
    auto file = read_case_file(OMBUDS_TEST_DATA_DIR "/danish_excel.csv", config());
    EXPECT_FALSE(file.unreadable);
    ASSERT_EQ(file.records.size(), 6u);
    EXPECT_TRUE(file.issues.empty()) << file.issues.front().violation.message();
    EXPECT_EQ(file.records[0].kind, Kind::complaint);
    EXPECT_EQ(file.records[1].role, Role::follow_up);
    // The first record's note spans two lines: the second record starts on line 4.
    EXPECT_EQ(file.lines[0], 2u);
    EXPECT_EQ(file.lines[1], 4u);
    EXPECT_EQ(file.records[0].note,
              "Borgeren sagde: \"det går for langsomt\"; ønsker svar\nsnarest");
    EXPECT_EQ(file.records[4].legal_basis, LegalBasis::SEL);
    EXPECT_EQ(file.records[4].channel, Channel::open_hours);
    EXPECT_EQ(file.records[5].rejection_reason, RejectionReason::time_barred);
}

TEST(CaseFile, Utf8WithBomCommaAndLf) {
    std::string text =
        "\xEF\xBB\xBF"
        "case_id,kind,role,received,action,theme\nK1,Klage,hovedsag,2024-01-02,"
        "\"Møde med borger og forvaltning\",no_reply\n";
    auto file = read_case_text(text, "t.csv", config());
    ASSERT_EQ(file.records.size(), 1u);
    EXPECT_TRUE(file.issues.empty());
    EXPECT_EQ(file.records[0].action, Action::meeting);
    EXPECT_EQ(file.records[0].case_id->str(), "K1");
}

TEST(CaseFile, TabSeparated) {
    auto file = read_case_text(
        "case_id\tkind\trole\treceived\taction\nK1\tinquiry\tmain\t2024-01-02\tguidance\n", "t.tsv",
        config());
    ASSERT_EQ(file.records.size(), 1u);
    EXPECT_EQ(file.records[0].action, Action::guidance);
}

TEST(CaseFile, Windows1252) {
    std::string text =
        "case_id;kind;role;received;action;theme\r\nK1;Klage;F\xF8lgesag;2024-01-02;Afvist;"
        "Manglende inddragelse\r\n";
    auto file = read_case_text(text, "t.csv", config());
    ASSERT_EQ(file.records.size(), 1u);
    EXPECT_EQ(file.records[0].role, Role::follow_up);
}

TEST(CaseFile, UnknownDuplicateAndMissingColumns) {
    auto unknown = read_case_text("case_id;kind;colour\nK1;complaint;red\n", "t.csv", config());
    EXPECT_TRUE(unknown.unreadable);
    EXPECT_TRUE(std::any_of(unknown.issues.begin(), unknown.issues.end(),
                            [](const FileIssue& i) { return i.column == "colour"; }));
    auto duplicate = read_case_text("case_id;kind;role;received;action;kind\n", "t.csv", config());
    EXPECT_TRUE(duplicate.unreadable);
    EXPECT_TRUE(has_issue(duplicate, Rule::file_format, 1));
    auto missing =
        read_case_text("case_id;kind;role;action\nK1;complaint;main;meeting\n", "t.csv", config());
    EXPECT_TRUE(missing.unreadable);
    EXPECT_TRUE(has_issue(missing, Rule::field_required, 1));
}

TEST(CaseFile, EmptyBinaryAndHeaderOnly) {
    EXPECT_TRUE(read_case_text("", "t.csv", config()).unreadable);
    std::string binary(300, '\0');
    for (std::size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>(i);
    auto junk = read_case_text(binary, "t.csv", config());
    EXPECT_TRUE(junk.unreadable);
    EXPECT_TRUE(has_issue(junk, Rule::file_format, 0));
    EXPECT_TRUE(read_case_text(header, "t.csv", config()).unreadable);
}

TEST(CaseFile, RowProblemsNameTheirLine) {
    std::string text(header);
    text += "K1;complaint;main;2024-01-02;meeting;no_reply;;\n";
    text += "\n";  // blank lines are skipped but counted
    text += "K2;complaint;main;2024-13-02;meeting;no_reply;;;extra\n";
    text += "K3;complaint;main;2024-01-02;meeting;no_reply;;\"never closed\n";
    auto file = read_case_text(text, "t.csv", config());
    ASSERT_EQ(file.records.size(), 3u);
    EXPECT_EQ(file.lines[1], 4u);
    EXPECT_TRUE(has_issue(file, Rule::field_format, 4));  // the date
    EXPECT_TRUE(has_issue(file, Rule::file_format, 4));   // the extra cell
    EXPECT_TRUE(has_issue(file, Rule::file_format, 5));   // the open quote
    EXPECT_FALSE(has_issue(file, Rule::file_format, 2));
}

TEST(CaseFile, QuotedCellsAndLineEnds) {
    // Each way a cell can be written, with the line each record starts on.
    std::string text(header);
    const std::string row = "complaint;main;2024-01-02;meeting;no_reply;;";
    text += "K1;" + row + "\"two\nlines\"\n";            // line 2, quoted, a line feed inside
    text += "K2;" + row + "\"say \"\"hi\"\" now\"\r\n";  // line 4, doubled quotes, CRLF
    text += "K3;" + row + "\"crlf\r\ninside\"\n";        // line 5, CRLF inside quotes
    text += "K4;" + row + "\"cr\ralone\"\n";             // line 7, CR alone inside quotes
    text += "K5;" + row + "\"quoted\" after\n";          // line 9, text after the quote
    text += "K6;" + row + "plain \"quote\" kept\r";      // line 10, CR alone ends the line
    text += "\"K7\";" + row + "\"\"\n";                  // line 11, quoted id, empty quoted
    text += "K8;" + row + "\"last;at end\"";             // line 12, no line end at all
    auto file = read_case_text(text, "t.csv", config());
    ASSERT_EQ(file.records.size(), 8u);
    EXPECT_TRUE(file.issues.empty()) << file.issues.front().violation.message();
    std::vector<std::string> notes;
    for (const auto& rec : file.records) notes.push_back(rec.note);
    EXPECT_EQ(notes, (std::vector<std::string>{"two\nlines", "say \"hi\" now", "crlf\ninside",
                                               "cr\nalone", "quoted after", "plain \"quote\" kept",
                                               "", "last;at end"}));
    EXPECT_EQ(file.lines, (std::vector<std::size_t>{2, 4, 5, 7, 9, 10, 11, 12}));
    EXPECT_EQ(file.records[6].case_id->str(), "K7");
}

TEST(CaseFile, CitizenValuesAreNeverEchoed) {
    std::string text(header);
    text += "K1;complaint;main;2024-01-02;meeting;no_reply;511062-5629;\n";
    auto file = read_case_text(text, "t.csv", config());
    ASSERT_FALSE(file.issues.empty());
    for (const auto& issue : file.issues) {
        EXPECT_EQ(issue.violation.message().find("5629"), std::string::npos);
    }
}

TEST(CaseFile, JsonLines) {
    std::string text =
        R"({"case_id": "K1", "kind": "complaint", "role": "main", "received": "2024-01-02", "action": "meeting", "theme": "no_reply", "note": null})"
        "\n\n"
        R"({"case_id": 7, "kind": "inquiry", "role": "main", "received": "2024-01-02", "action": "guidance", "theme": "hearing"})"
        "\n"
        R"({"case_id": "K3", "colour": "red"})"
        "\n[1, 2]\n";
    auto file = read_case_text(text, "t.jsonl", config());
    EXPECT_EQ(file.format, FileFormat::jsonl);
    ASSERT_EQ(file.records.size(), 2u);
    EXPECT_EQ(file.records[1].case_id->str(), "7");
    EXPECT_EQ(file.lines[1], 3u);
    EXPECT_TRUE(has_issue(file, Rule::file_format, 4));
    EXPECT_TRUE(has_issue(file, Rule::file_format, 5));
}

TEST(CaseFile, WrittenFilesReadBack) {
    auto original = read_case_file(OMBUDS_TEST_DATA_DIR "/danish_excel.csv", config());
    for (auto format : {FileFormat::csv, FileFormat::jsonl}) {
        std::ostringstream out;
        write_case_file(out, format, original.records, config(), {}, true);
        auto back =
            read_case_text(out.str(), format == FileFormat::csv ? "x.csv" : "x.jsonl", config());
        ASSERT_EQ(back.records.size(), original.records.size());
        for (std::size_t i = 0; i < back.records.size(); ++i) {
            for (std::size_t f = 0; f < field_count; ++f) {
                auto field = static_cast<Field>(f);
                if (field == Field::citizen) continue;
                EXPECT_EQ(field_text(back.records[i], field, config()),
                          field_text(original.records[i], field, config()))
                    << "record " << i << " field " << column_name(field);
            }
        }
    }
}

TEST(CaseFile, RejectsFileReasonColumnIsIgnored) {
    auto file = read_case_text(
        "ombuds_reason;case_id;kind;role;received;action;theme\n\"linje 2: "
        "unit.known\";K1;complaint;main;2024-01-02;"
        "meeting;no_reply\n",
        "rejects.csv", config());
    EXPECT_FALSE(file.unreadable);
    EXPECT_TRUE(file.issues.empty());
}

TEST(CaseFile, MissingFileThrows) {
    EXPECT_THROW(read_case_file("/nonexistent/cases.csv", config()), InputError);
}

InputError::Reason refusal(const std::filesystem::path& path, const ReadOptions& options = {}) {
    try {
        read_case_file(path, config(), options);
    } catch (const InputError& e) {
        return e.reason();
    }
    return InputError::Reason::other;
}

TEST(CaseFile, RefusesWhatIsNotARegularFileOrTooLarge) {
    test::Folder folder;
    // A FIFO with no writer would block an open; one with a writer would never end.
    auto fifo = folder / "cases.csv";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_EQ(refusal(fifo), InputError::Reason::not_regular_file);
    EXPECT_EQ(refusal("/dev/zero"), InputError::Reason::not_regular_file);
    EXPECT_EQ(refusal(folder.path()), InputError::Reason::directory);
    auto big = folder / "big.csv";
    test::write_bytes(big, std::string(header) + std::string(4096, 'x'));
    ReadOptions options;
    options.limits.max_file_bytes = 1024;
    EXPECT_EQ(refusal(big, options), InputError::Reason::too_large);
    try {
        read_case_file(big, config(), options);
    } catch (const InputError& e) {
        EXPECT_NE(e.message(Lang::da).find("del den i flere filer"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("split it"), std::string::npos);
    }
    options.limits.max_file_bytes = 1 << 20;
    EXPECT_NO_THROW(read_case_file(big, config(), options));
}

TEST(CaseFile, FormulaCellsAreProtectedAndReadBackExactly) {
    // A note typed with a leading tab or = is written with a leading ', which the reader drops.
    std::string text(header);
    text += "K1;complaint;main;2024-01-02;meeting;no_reply;;\t=HYPERLINK(\"http://x\")\n";
    text += "K2;complaint;main;2024-01-02;meeting;no_reply;;@SUM(A1)\n";
    text += "K3;complaint;main;2024-01-02;meeting;no_reply;;-1 +cmd|' /C calc'!A0\n";
    text += "K4;complaint;main;2024-01-02;meeting;no_reply;;'=already protected\n";
    auto file = read_case_text(text, "t.csv", config());
    ASSERT_EQ(file.records.size(), 4u);
    EXPECT_EQ(file.records[3].note, "=already protected");
    for (auto format : {FileFormat::csv, FileFormat::xlsx}) {
        for (bool excel : {false, true}) {
            WriteOptions options;
            options.format = format;
            options.excel = excel;
            options.with_notes = true;
            std::ostringstream out;
            write_case_file(out, file.records, config(), options);
            if (format == FileFormat::csv) {
                std::string written = out.str();
                for (const char* live : {",=HYPERLINK", ";=HYPERLINK", ",@SUM", ";@SUM", ",-1 +cmd",
                                         ";-1 +cmd", ",=already", ";=already"})
                    EXPECT_EQ(written.find(live), std::string::npos) << live << "\n" << written;
                EXPECT_NE(written.find("'@SUM(A1)"), std::string::npos) << written;
            }
            auto back =
                read_case_text(out.str(), format == FileFormat::csv ? "x.csv" : "x.xlsx", config());
            ASSERT_EQ(back.records.size(), 4u);
            for (std::size_t i = 0; i < 4; ++i)
                EXPECT_EQ(back.records[i].note, file.records[i].note) << i;
        }
    }
}

void expect_same_records(const CaseFile& a, const CaseFile& b) {
    ASSERT_EQ(a.records.size(), b.records.size());
    for (std::size_t i = 0; i < a.records.size(); ++i) {
        for (std::size_t f = 0; f < field_count; ++f) {
            auto field = static_cast<Field>(f);
            EXPECT_EQ(field_text(a.records[i], field, config()),
                      field_text(b.records[i], field, config()))
                << "record " << i << " field " << column_name(field);
        }
        EXPECT_EQ(a.records[i].citizen.key(), b.records[i].citizen.key()) << i;
    }
}

TEST(CaseFile, ExcelExportsReadBackToTheSameRecords) {
    auto original = read_case_file(OMBUDS_TEST_DATA_DIR "/danish_excel.csv", config());
    ASSERT_TRUE(original.issues.empty());
    // The citizen column as an insight export writes it: what the person gave.
    std::vector<std::string> citizens;
    for (const auto& rec : original.records) {
        std::string key = rec.citizen.key();
        citizens.push_back(key.starts_with("cpr:") ? key.substr(4) : key);
    }
    for (auto format : {FileFormat::csv, FileFormat::xlsx}) {
        WriteOptions options;
        options.format = format;
        options.excel = true;
        options.with_notes = true;
        std::ostringstream out;
        write_case_file(out, original.records, config(), options, citizens);
        std::string bytes = out.str();
        if (format == FileFormat::csv) {
            // For Danish Excel: BOM, `;`, CRLF, Danish headers, labels, DD-MM-YYYY.
            EXPECT_TRUE(bytes.starts_with("\xEF\xBB\xBFSagsnr;Henvendelse;CPR;Sagstype;Rolle"))
                << bytes.substr(0, 80);
            EXPECT_NE(bytes.find("\r\n"), std::string::npos);
            EXPECT_NE(bytes.find(";Klage;Hovedsag;"), std::string::npos) << bytes;
            EXPECT_EQ(bytes.find(";complaint;"), std::string::npos);
            EXPECT_EQ(bytes.find(";2024-03-04"), std::string::npos) << bytes;
            EXPECT_NE(bytes.find(";04-03-2024;"), std::string::npos) << bytes;
        }
        auto back = read_case_text(bytes, format == FileFormat::csv ? "x.csv" : "x.xlsx", config());
        EXPECT_TRUE(back.issues.empty()) << back.issues.front().violation.message(Lang::en);
        expect_same_records(original, back);
    }
}

TEST(CaseFile, ChosenColumnsOnly) {
    auto original = read_case_file(OMBUDS_TEST_DATA_DIR "/danish_excel.csv", config());
    WriteOptions options;
    options.columns = {Field::case_id, Field::kind, Field::role, Field::received, Field::action};
    std::ostringstream out;
    write_case_file(out, original.records, config(), options);
    EXPECT_TRUE(out.str().starts_with("case_id,kind,role,received,action\n")) << out.str();
}

}  // namespace
}  // namespace ombuds
