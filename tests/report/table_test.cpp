// SPDX-License-Identifier: MPL-2.0
// `ombuds table` (table.hpp): dimensions and filters as written, counts with row and column
// totals against cases counted by hand, nodes of the organisation taking the nodes below them,
// time and KLE axes, disclosure for an outside audience, and the formats.
#include "ombuds/table.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "columns_builder.hpp"
#include "ombuds/config_io.hpp"

namespace ombuds {
namespace {

using nlohmann::json;
using test::ColumnsBuilder;
using test::Row;

using test::config;

/// 2024: 10 complaints in BSF-JOB-SDP (March), 6 in TMF-BYG (April, KLE 27.24), 2 inquiries in
/// TMF-BYG (May), one complaint without a unit; one complaint of 2023.
CaseColumns sample() {
    ColumnsBuilder b(config());
    for (int i = 0; i < 10; ++i)
        b.add(Row{.received = "2024-03-04", .theme = "no_reply", .unit = "BSF-JOB-SDP"});
    for (int i = 0; i < 6; ++i) {
        b.add(Row{
            .received = "2024-04-04", .theme = "hearing", .unit = "TMF-BYG", .kle = "27.24.04"});
    }
    for (int i = 0; i < 2; ++i) {
        b.add(Row{.received = "2024-05-04",
                  .kind = Kind::inquiry,
                  .theme = "advice_request",
                  .unit = "TMF-BYG",
                  .action = Action::guidance});
    }
    b.add(Row{.received = "2024-06-04", .theme = "no_reply"});
    b.add(Row{.received = "2023-06-04", .theme = "no_reply", .unit = "TMF-BYG"});
    return b.columns;
}

TableRequest request(const char* rows, const char* cols = nullptr,
                     std::vector<const char*> where = {}) {
    TableRequest r;
    r.period = test::period("2024-01-01", "2024-12-31");
    r.rows = parse_dimension(rows).value();
    if (cols) r.cols = parse_dimension(cols).value();
    for (auto filter : where) r.where.push_back(parse_filter(filter));
    return r;
}

std::uint32_t cell(const CountTable& t, const std::string& row, const std::string& col) {
    for (std::size_t r = 0; r < t.row_codes.size(); ++r) {
        for (std::size_t c = 0; c < t.col_codes.size(); ++c) {
            if (t.row_codes[r] == row && t.col_codes[c] == col) return t.cells[r][c].value();
        }
    }
    return 0;
}

TEST(Dimensions, EveryNameOfTheInterfaceAndNothingElse) {
    for (const char* name : {"kind", "role", "area", "unit", "theme", "theme_group", "action",
                             "resolution", "admin_response", "rejection_reason", "legal_basis",
                             "kle", "channel", "contact", "origin", "month", "quarter", "year"}) {
        auto spec = parse_dimension(name);
        ASSERT_TRUE(spec) << name;
        EXPECT_EQ(dimension_text(*spec), name);
    }
    EXPECT_EQ(parse_dimension("unit:2")->level, 2);
    EXPECT_EQ(dimension_text(*parse_dimension("unit:2")), "unit:2");
    EXPECT_EQ(parse_dimension("kle:1")->level, 1);
    for (const char* bad : {"", "colour", "unit:", "unit:x", "kind:2", "kle:3", "unit:0"})
        EXPECT_FALSE(parse_dimension(bad)) << bad;
    EXPECT_EQ(parse_filter("theme=no_reply, hearing").values,
              (std::vector<std::string>{"no_reply", "hearing"}));
    for (const char* bad : {"kind", "colour=red", "kind="})
        EXPECT_THROW(parse_filter(bad), ReportRequestError) << bad;
}

TEST(Table, CountsWithRowAndColumnTotals) {
    auto t = compute_table(sample(), config(), request("area", "kind"));
    EXPECT_EQ(t.total.value(), 19u);
    EXPECT_EQ(cell(t, "BSF", "complaint"), 10u);
    EXPECT_EQ(cell(t, "TMF", "complaint"), 6u);
    EXPECT_EQ(cell(t, "TMF", "inquiry"), 2u);
    EXPECT_EQ(cell(t, "", "complaint"), 1u);  // no unit: a row of its own, last
    EXPECT_EQ(t.row_codes.back(), "");
    EXPECT_EQ(t.col_codes, (std::vector<std::string>{"complaint", "inquiry"}));  // only with cases
    std::uint32_t sum = 0;
    for (const auto& total : t.col_totals) sum += total.value();
    EXPECT_EQ(sum, 19u);
    EXPECT_EQ(t.col_totals[1].value(), 2u);
}

TEST(Table, FiltersAndTimeAndKle) {
    // A node takes the nodes below it.
    auto t = compute_table(sample(), config(), request("month", nullptr, {"unit=TMF"}));
    EXPECT_EQ(t.row_codes, (std::vector<std::string>{"2024-04", "2024-05"}));
    EXPECT_EQ(t.total.value(), 8u);
    t = compute_table(sample(), config(), request("kle", "theme", {"kind=complaint"}));
    EXPECT_EQ(cell(t, "27.24", "hearing"), 6u);
    EXPECT_EQ(cell(t, "", "no_reply"), 11u);
    t = compute_table(sample(), config(), request("quarter", nullptr, {"theme=no_reply,hearing"}));
    EXPECT_EQ(t.row_codes, (std::vector<std::string>{"2024-Q1", "2024-Q2"}));
    EXPECT_EQ(t.row_totals[1].value(), 7u);
    auto two_levels = request("unit:2", "year");
    two_levels.period = test::period("2023-01-01", "2024-12-31");
    t = compute_table(sample(), config(), two_levels);
    EXPECT_EQ(cell(t, "BSF-JOB", "2024"), 10u);
    EXPECT_EQ(cell(t, "TMF-BYG", "2023"), 1u);
    EXPECT_THROW(compute_table(sample(), config(), request("kind", nullptr, {"unit=NOPE"})),
                 ReportRequestError);
    EXPECT_THROW(compute_table(sample(), config(), request("kind", "kind")), ReportRequestError);
}

TEST(Table, AnOutsideAudienceSeesNoSmallCount) {
    auto r = request("area", "kind");
    r.audience = Audience::public_;
    auto t = compute_table(sample(), config(), r);
    EXPECT_TRUE(t.any_hidden);
    for (std::size_t row = 0; row < t.cells.size(); ++row) {
        for (const auto& c : t.cells[row]) {
            if (c.shown()) {
                EXPECT_TRUE(c.value() == 0 || c.value() >= 5);
            }
        }
        if (t.row_totals[row].shown()) {
            EXPECT_GE(t.row_totals[row].value(), 5u);
        }
    }
    auto text = render_table(t, TableFormat::json);
    auto j = json::parse(text);
    EXPECT_EQ(j["schema"], "ombuds.table/1");
    EXPECT_EQ(j["audience"], "public");
    for (std::size_t row = 0; row < j["cells"].size(); ++row) {
        for (std::size_t c = 0; c < j["cells"][row].size(); ++c)
            EXPECT_EQ(j["cells"][row][c].is_null(), j["suppressed"][row][c].get<bool>());
    }
}

TEST(Table, Formats) {
    auto t = compute_table(sample(), config(), request("area", "kind"));
    auto j = json::parse(render_table(t, TableFormat::json));
    for (const char* key :
         {"schema", "period", "audience", "rows", "cols", "where", "row_labels", "col_labels",
          "cells", "row_totals", "col_totals", "total", "suppressed"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["rows"], "area");
    EXPECT_EQ(j["total"], 19);
    auto md = render_table(t, TableFormat::md);
    EXPECT_NE(md.find("| I alt |"), std::string::npos) << md;
    auto csv = render_table(t, TableFormat::csv);
    EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
    EXPECT_NE(csv.find("I alt;"), std::string::npos);
    EXPECT_EQ(render_table(t, TableFormat::xlsx).rfind("PK\x03\x04", 0), 0u);
    t.request.lang = Lang::en;
    EXPECT_NE(render_table(t, TableFormat::md).find("Total"), std::string::npos);
}

}  // namespace
}  // namespace ombuds
