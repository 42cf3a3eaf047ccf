// SPDX-License-Identifier: MPL-2.0
// The workbook writer other rooms use: tables, number formats, date cells, a bar chart, drop-down
// lists, a hidden sheet; checked by openpyxl (check_workbook.py) and read back by our reader.
#include "io/xlsx_workbook.hpp"

#include <gtest/gtest.h>

#include "io_test_support.hpp"

namespace ombuds {
namespace {

TEST(XlsxWorkbook, TablesFormatsChartsAndLists) {
    xlsx::Workbook book;
    xlsx::Sheet& numbers = book.add_sheet("Tal");
    xlsx::Sheet& lists = book.add_sheet("Lister");
    using xlsx::Cell;
    using xlsx::Format;
    auto next = numbers.table(0, {"Tema", "Antal", "Andel", "Snit", "Dato"},
                              {{{std::string("Manglende svar")},
                                {1234.0, Format::integer},
                                {0.125, Format::percent1},
                                {2.25, Format::decimal1},
                                {*Date::from_ymd(2024, 1, 25)}},
                               {{std::string("Partshøring")}, {3.0, Format::integer}},
                               {{std::string("=cmd|' /C calc'!A0")}, {7.0, Format::integer}}});
    EXPECT_EQ(next, 4u);
    numbers.bar_chart({"Sager pr. tema", 0, 1, 3, 0, {1}, 1, 7, true});
    for (std::uint32_t i = 0; i < 3; ++i)
        lists.text(i + 1, 0, std::vector<std::string>{"a", "b", "c"}[i]);
    numbers.list_validation(1, 99, 5, lists, 0, 1, 3, "Vælg fra listen");
    lists.hide();
    std::string bytes = book.close();
    ASSERT_TRUE(bytes.starts_with("PK"));

    test::Folder folder;
    auto path = folder / "tal.xlsx";
    test::write_bytes(path, bytes);
    EXPECT_EQ(test::run(std::string(OMBUDS_PYTHON3) +
                        " " OMBUDS_TEST_SCRIPTS_DIR "/check_workbook.py wrapper " +
                        test::shell_quoted(path)),
              0);
}

TEST(XlsxWorkbook, SheetNamesExcelAccepts) {
    xlsx::Workbook book;
    EXPECT_EQ(book.add_sheet("Sager: 2024/2025 [kopi]").name(), "Sager_ 2024_2025 _kopi_");
    EXPECT_EQ(book.add_sheet(std::string(40, 'x')).name().size(), 31u);
    EXPECT_EQ(book.add_sheet(std::string(40, 'x')).name(), std::string(27, 'x') + " 2");
    EXPECT_EQ(book.add_sheet("'").name(), "Ark");
    EXPECT_FALSE(book.close().empty());
}

TEST(XlsxWorkbook, NothingLeftBehind) {
    // Its temporary files go into a folder of this test's own, which must end up empty.
    test::Folder folder;
    const char* old = std::getenv("TMPDIR");
    std::string saved = old ? old : "";
    ::setenv("TMPDIR", folder.path().c_str(), 1);
    {
        xlsx::Workbook book;
        book.add_sheet("Sager").text(0, 0, "never closed");
    }
    {
        xlsx::Workbook book;
        book.add_sheet("Sager").text(0, 0, "closed");
        EXPECT_FALSE(book.close().empty());
    }
    if (old) {
        ::setenv("TMPDIR", saved.c_str(), 1);
    } else {
        ::unsetenv("TMPDIR");
    }
    EXPECT_TRUE(std::filesystem::is_empty(folder.path()));
}

TEST(XlsxWorkbook, RangeReferences) {
    EXPECT_EQ(xlsx::range_reference("Tal", 0, 1, 3), "'Tal'!$A$2:$A$4");
    EXPECT_EQ(xlsx::range_reference("Bob's", 27, 0, 0), "'Bob''s'!$AB$1:$AB$1");
}

}  // namespace
}  // namespace ombuds
