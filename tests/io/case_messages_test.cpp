// SPDX-License-Identifier: MPL-2.0
// Messages of the case-file reader: what is wrong and how to fix it, wholly Danish or wholly
// English; values that are hostile (long, escape sequences, invisible characters) shown safely.
#include <gtest/gtest.h>

#include "io_test_support.hpp"
#include "ombuds/validation.hpp"

namespace ombuds {
namespace {

using test::config;
using test::has_hint;

constexpr std::string_view header = "Sagsnr;Sagstype;Rolle;Modtaget;Indsats;Tema;CPR\n";

CaseFile read(const std::string& rows) {
    return read_case_text(std::string(header) + rows, "t.csv", config());
}

const FileIssue* issue_on(const CaseFile& file, Field field) {
    for (const auto& issue : file.issues) {
        if (issue.violation.field == field) return &issue;
    }
    return nullptr;
}

TEST(CaseMessages, NineDigitCprSaysExcelDroppedTheZero) {
    auto file = read(
        "K1;Klage;Hovedsag;25-01-2024;Møde med borger og forvaltning;no_reply;"
        "101585000\n");
    const auto* issue = issue_on(file, Field::citizen);
    ASSERT_NE(issue, nullptr);
    EXPECT_EQ(issue->violation.hint, Hint::cpr_leading_zero);
    auto da = issue->violation.message(Lang::da);
    auto en = issue->violation.message(Lang::en);
    EXPECT_NE(da.find("Excel har sandsynligvis fjernet et 0 forrest"), std::string::npos) << da;
    EXPECT_NE(da.find("Formatér kolonnen som tekst"), std::string::npos) << da;
    EXPECT_NE(en.find("Excel has probably dropped a leading 0"), std::string::npos) << en;
    for (const auto& message : {da, en}) {
        EXPECT_EQ(message.find("101585000"), std::string::npos);
        EXPECT_EQ(message.find("5000"), std::string::npos);
    }
}

TEST(CaseMessages, LabelOneLetterOffGetsOneErrorWithASuggestion) {
    auto file = read(
        "K1;Klage;Hovedsag;25-01-2024;Møde med borger og forvaltning;"
        "Manglende svr;\n");
    const auto* issue = issue_on(file, Field::theme);
    ASSERT_NE(issue, nullptr);
    EXPECT_EQ(issue->violation.message(Lang::da),
              "Temaet findes ikke i temakataloget: 'Manglende svr'; mente du 'Manglende svar'?");
    EXPECT_EQ(issue->violation.message(Lang::en),
              "The theme is not in the theme catalogue: 'Manglende svr'; did you mean "
              "'Manglende svar'?");
    // The validator would add theme.required for the same cell; file_issues leaves it out.
    Validator validator(config(), ValidationOptions{Date::from_ymd(2026, 1, 1), WriteMode::insert});
    EmptyRegisterView nothing;
    auto issues = file_issues(file, validator.validate_batch(file.records, nothing));
    auto on_theme = std::count_if(issues.begin(), issues.end(), [](const FileIssue& i) {
        return i.violation.field == Field::theme;
    });
    EXPECT_EQ(on_theme, 1);
    // Codes and units are suggested the same way; a short list says its values.
    auto codes = read("K1;Klagee;Hovedsg;25-01-2024;Mode med borger og forvaltning;no_reply;\n");
    auto kind = issue_on(codes, Field::kind);
    ASSERT_NE(kind, nullptr);
    EXPECT_EQ(kind->violation.suggestion, "Klage");
    EXPECT_EQ(issue_on(codes, Field::role)->violation.suggestion, "Hovedsag");
    EXPECT_EQ(issue_on(codes, Field::action)->violation.suggestion,
              "Møde med borger og forvaltning");
    auto far = read("K1;Klage;Biperson;25-01-2024;meeting;no_reply;\n");
    EXPECT_EQ(issue_on(far, Field::role)->violation.message(Lang::da),
              "Ukendt kode: 'Biperson'; gyldige værdier: Hovedsag, Følgesag");
}

TEST(CaseMessages, InvisibleCharactersAreNamed) {
    // A no-break space inside a label: the value looks valid, the message shows why it is not.
    auto file = read("K1;Klage;Hovedsag;25-01-2024;meeting;Manglende\xC2\xA0svar;\n");
    const auto* issue = issue_on(file, Field::theme);
    ASSERT_NE(issue, nullptr);
    EXPECT_EQ(issue->violation.hint, Hint::invisible_did_you_mean);
    EXPECT_EQ(issue->violation.message(Lang::da),
              "Temaet findes ikke i temakataloget: 'Manglende<hårdt mellemrum U+00A0>svar' "
              "indeholder usynlige tegn; uden dem står der 'Manglende svar'. Slet dem og skriv "
              "værdien igen");
    EXPECT_NE(issue->violation.message(Lang::en).find("<no-break space U+00A0>"),
              std::string::npos);
    // A zero-width space, a soft hyphen, a tab inside a value.
    auto more = read("K1;Kla\xE2\x80\x8Bge;Hoved\xC2\xADsag;25-01-2024;mee\tting;no_reply;\n");
    EXPECT_NE(issue_on(more, Field::kind)
                  ->violation.message(Lang::da)
                  .find("<nulbreddemellemrum U+200B>"),
              std::string::npos);
    EXPECT_NE(issue_on(more, Field::role)->violation.message(Lang::en).find("<soft hyphen U+00AD>"),
              std::string::npos);
    EXPECT_NE(issue_on(more, Field::action)->violation.message(Lang::en).find("<tab U+0009>"),
              std::string::npos);
    // A CPR number spelt with a no-break space is the same citizen (every spelling is read).
    auto spelt = read(
        "K1;Klage;Hovedsag;25-01-2024;meeting;no_reply;211062\xC2\xA0"
        "5629\n");
    EXPECT_EQ(issue_on(spelt, Field::citizen), nullptr);
    // In a citizen that cannot be read, the character is named but the value never shown.
    auto citizen = read(
        "K1;Klage;Hovedsag;25-01-2024;meeting;no_reply;21106\xC2\xA0"
        "25629\n");
    ASSERT_NE(issue_on(citizen, Field::citizen), nullptr);
    auto message = issue_on(citizen, Field::citizen)->violation.message(Lang::da);
    EXPECT_NE(message.find("<hårdt mellemrum U+00A0>"), std::string::npos) << message;
    EXPECT_EQ(message.find("5629"), std::string::npos) << message;
}

TEST(CaseMessages, DatesSayWhichFormIsExpected) {
    auto file = read(
        "K1;Klage;Hovedsag;01/13/2024;meeting;no_reply;\n"
        "K2;Klage;Hovedsag;i går;meeting;no_reply;\n");
    ASSERT_EQ(file.records.size(), 2u);
    EXPECT_EQ(file.issues[0].violation.hint, Hint::no_such_date);
    EXPECT_EQ(file.issues[1].violation.message(Lang::da),
              "Værdien har ikke det rigtige format: ventede en dato som 25-01-2024 (DD-MM-ÅÅÅÅ), "
              "25.01.2024, 25/1/2024 eller 2024-01-25, ikke 'i går'");
    EXPECT_NE(file.issues[1].violation.message(Lang::en).find("expected a date such as"),
              std::string::npos);
}

TEST(CaseMessages, DanishHeadersAndEveryDateForm) {
    auto file = read_case_text(
        "SAGSNR;sags-type;Rolle;Modtaget;Indsats;Tema;Forholdets dato;Første svar;Afsluttet;"
        "Løsning\n"
        "K1;Klage;Hovedsag;2024-01-25;meeting;no_reply;25-01-2023;25.01.2024;25/1/2024;Kritik\n"
        "K2;Klage;Hovedsag;2024-01-25 00:00:00;meeting;no_reply;2024-01-25 0:00:00;"
        "25-01-2024 00:00;25.01.2024 00.00.00;Kritik\n",
        "t.csv", config());
    ASSERT_EQ(file.records.size(), 2u);
    EXPECT_TRUE(file.issues.empty()) << file.issues.front().violation.message(Lang::en);
    for (const auto& rec : file.records) {
        EXPECT_EQ(rec.received, Date::from_ymd(2024, 1, 25));
        EXPECT_EQ(rec.first_response, Date::from_ymd(2024, 1, 25));
        EXPECT_EQ(rec.closed, Date::from_ymd(2024, 1, 25));
    }
}

TEST(CaseMessages, HeaderProblemsInBothLanguages) {
    auto file = read_case_text("Sagsnr;Sagstype;Rolle;Modtagt;Indsats\n", "t.csv", config());
    ASSERT_TRUE(file.unreadable);
    ASSERT_GE(file.issues.size(), 2u);
    EXPECT_EQ(
        file.issues[0].violation.message(Lang::da),
        "Filen kan ikke læses som en sagsfil: ukendt kolonne 'Modtagt'; mente du 'Modtaget'?");
    EXPECT_EQ(file.issues[1].violation.message(Lang::en),
              "The field is required: the column 'Modtaget' (received) is missing");
}

TEST(CaseMessages, HostileHeadersAreCutAndEscaped) {
    std::string huge(5 << 20, 'x');
    auto file = read_case_text("case_id;" + huge + "\nK1;y\n", "t.csv", config());
    ASSERT_FALSE(file.issues.empty());
    EXPECT_LT(file.issues[0].column.size(), 100u);
    EXPECT_LT(file.issues[0].violation.message(Lang::da).size(), 200u);
    auto escape = read_case_text("case_id;\x1B]0;owned\x07\x1B[2J\nK1;y\n", "t.csv", config());
    for (const auto& issue : escape.issues) {
        EXPECT_EQ(issue.column.find('\x1B'), std::string::npos);
        EXPECT_EQ(issue.violation.message(Lang::en).find('\x1B'), std::string::npos);
        EXPECT_EQ(issue.violation.message(Lang::en).find('\x07'), std::string::npos);
    }
    auto jsonl = read_case_text(R"({"case_id": "K1", "\u001b[31mred": "x"})"
                                "\n",
                                "t.jsonl", config());
    ASSERT_FALSE(jsonl.issues.empty());
    EXPECT_EQ(jsonl.issues[0].column, "<U+001B>[31mred");
    EXPECT_EQ(jsonl.issues[0].violation.message(Lang::da).find('\x1B'), std::string::npos);
}

TEST(CaseMessages, EveryHintInBothLanguages) {
    for (const auto& info : hint_table) {
        EXPECT_FALSE(info.da.empty()) << static_cast<int>(info.hint);
        EXPECT_FALSE(info.en.empty()) << static_cast<int>(info.hint);
        if (info.hint != Hint::none) {
            EXPECT_NE(info.da, info.en) << static_cast<int>(info.hint);
        }
    }
    // No English word of the old messages is left in a Danish one.
    for (const std::string& text :
         {std::string("\xFF\xFE"), std::string(""), std::string("case_id;kind\nK1;x;y\n"),
          std::string("case_id\n\"open")}) {
        auto file = read_case_text(text, "t.csv", config());
        for (const auto& issue : file.issues) {
            auto da = issue.violation.message(Lang::da);
            for (const char* english : {"encoding", "empty file", "column", "more cells",
                                        "quote not closed", "missing", "binary"})
                EXPECT_EQ(da.find(english), std::string::npos) << da;
        }
    }
}

TEST(CaseMessages, ValidatorDetailsInBothLanguages) {
    auto file = read_case_text(
        "Sagsnr;Sagstype;Rolle;Modtaget;Indsats;Tema;Hovedsag\n"
        "F1;Klage;Følgesag;25-01-2024;meeting;no_reply;M9\n"
        "F2;Klage;Følgesag;25-01-2024;meeting;no_reply;F2\n"
        "F3;Klage;Hovedsag;25-01-2099;meeting;no_reply;\n",
        "t.csv", config());
    Validator validator(config(), ValidationOptions{Date::from_ymd(2026, 1, 1), WriteMode::insert});
    EmptyRegisterView nothing;
    auto issues = file_issues(file, validator.validate_batch(file.records, nothing));
    std::string da, en;
    for (const auto& issue : issues) {
        da += issue.violation.message(Lang::da) + "\n";
        en += issue.violation.message(Lang::en) + "\n";
    }
    EXPECT_NE(da.find("hovedsagen 'M9' findes ikke"), std::string::npos) << da;
    EXPECT_NE(da.find("'F2' er sagen selv"), std::string::npos) << da;
    EXPECT_NE(da.find("2099-01-25 ligger efter i dag (2026-01-01)"), std::string::npos) << da;
    EXPECT_NE(en.find("the main case 'M9' does not exist"), std::string::npos) << en;
    EXPECT_EQ(da.find("missing"), std::string::npos) << da;
    EXPECT_EQ(da.find("itself"), std::string::npos) << da;
}

}  // namespace
}  // namespace ombuds
