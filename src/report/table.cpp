// SPDX-License-Identifier: MPL-2.0
// `ombuds table`: one pass over the columns counts the cases of the period that pass every
// filter by the value ids of the row and column dimensions (rows get a slot when first seen, so
// a dimension of many possible values, such as KLE subjects, costs only what is there); then the
// table is declared to disclosure control (each row total holds its row, each column total its
// column, the total both) and hidden where an outside audience must not see.
#include <algorithm>
#include <limits>

#include "ombuds/table.hpp"
#include "report/report_draft.hpp"
#include "report/table_axes.hpp"

namespace ombuds {
namespace {

using report_detail::Axis;
using report_detail::CellId;

struct Filter {
    Axis axis;
    std::vector<std::uint8_t> takes;
};

/// The axis a filter is read on: units by the unit a case names (a node takes those below it),
/// KLE by the subject.
DimensionSpec filter_axis(DimensionSpec spec) {
    if (spec.dimension == Dimension::area || spec.dimension == Dimension::unit)
        return {Dimension::unit, 0};
    if (spec.dimension == Dimension::kle) return {Dimension::kle, 2};
    return spec;
}

}  // namespace

CountTable compute_table(const CaseColumns& cases, const Configuration& config,
                         const TableRequest& request) {
    ReportRequest as_report;
    as_report.period = request.period;
    as_report.audience = request.audience;
    as_report.min_count = request.min_count;
    check_report_request(as_report);
    if (request.period.to < request.period.from) {
        throw ReportRequestError(
            "The period ends before it begins (\"to\" is before \"from\").",
            "Perioden slutter, før den begynder (\"to\" ligger før \"from\").");
    }
    if (request.cols && *request.cols == request.rows) {
        throw ReportRequestError("--rows and --cols name the same dimension; choose two.",
                                 "--rows og --cols angiver samme dimension; vælg to forskellige.");
    }
    const Axis rows = report_detail::make_axis(cases, config, request.rows, request.period,
                                               request.lang, request.kle_titles);
    std::optional<Axis> cols;
    if (request.cols) {
        cols = report_detail::make_axis(cases, config, *request.cols, request.period, request.lang,
                                        request.kle_titles);
    }
    std::vector<Filter> filters;
    for (const auto& filter : request.where) {
        Filter f{report_detail::make_axis(cases, config, filter_axis(filter.dimension),
                                          request.period, request.lang, request.kle_titles),
                 {}};
        f.takes = report_detail::filter_mask(filter, f.axis, config, request.period);
        filters.push_back(std::move(f));
    }

    // The one pass. Columns are indexed by value id; rows by a slot given when first seen.
    constexpr auto unseen = std::numeric_limits<std::uint32_t>::max();
    const std::size_t width = cols ? cols->values : 1;
    std::vector<std::uint32_t> row_slot(rows.values, unseen);
    std::vector<std::uint32_t> slot_value;
    std::vector<std::uint32_t> counts;
    const std::int32_t from = request.period.from.days(), to = request.period.to.days();
    const std::size_t n = cases.size();
    for (std::size_t i = 0; i < n; ++i) {
        const std::int32_t received = cases.received[i];
        if (received < from || received > to) continue;
        bool taken = true;
        for (const auto& filter : filters) taken = taken && filter.takes[filter.axis.value(i)];
        if (!taken) continue;
        const auto row_value = rows.value(i);
        auto& slot = row_slot[row_value];
        if (slot == unseen) {
            slot = static_cast<std::uint32_t>(slot_value.size());
            slot_value.push_back(row_value);
            counts.resize(slot_value.size() * width, 0);
        }
        ++counts[slot * width + (cols ? cols->value(i) : 0)];
    }

    // Rows and columns in their value order ("none given" last), those with a case only.
    std::vector<std::uint32_t> row_order = slot_value;
    std::sort(row_order.begin(), row_order.end());
    std::vector<std::uint32_t> col_values;
    for (std::uint32_t c = 0; c < width; ++c) {
        for (auto value : row_order) {
            if (counts[row_slot[value] * width + c] == 0) continue;
            col_values.push_back(c);
            break;
        }
    }

    CountTable table;
    table.request = request;
    table.threshold = disclosure_threshold(config, as_report);
    table.organisation_name = config.organisation.name();
    for (auto value : row_order) {
        table.row_codes.push_back(rows.codes[value]);
        table.row_labels.push_back(rows.labels[value]);
    }
    if (cols) {
        for (auto value : col_values) {
            table.col_codes.push_back(cols->codes[value]);
            table.col_labels.push_back(cols->labels[value]);
        }
    }
    // Every figure's place is final before the draft keeps pointers to it.
    table.cells.assign(row_order.size(), std::vector<Count>(col_values.size()));
    table.row_totals.resize(row_order.size());
    table.col_totals.resize(cols ? col_values.size() : 0);

    report_detail::Draft draft(request.audience != Audience::advisor, table.threshold);
    auto& cells = draft.cells();
    std::vector<std::vector<CellId>> column_cells(col_values.size());
    std::vector<CellId> row_total_cells;
    std::uint64_t total = 0;
    for (std::size_t r = 0; r < row_order.size(); ++r) {
        std::vector<CellId> row_cells;
        std::uint64_t row_total = 0;
        for (std::size_t c = 0; c < col_values.size(); ++c) {
            auto value = counts[row_slot[row_order[r]] * width + col_values[c]];
            row_cells.push_back(draft.shown(table.cells[r][c], value));
            column_cells[c].push_back(row_cells.back());
            row_total += value;
        }
        total += row_total;
        if (cols) {
            row_total_cells.push_back(draft.shown(table.row_totals[r], row_total));
            cells.sum(row_total_cells.back(), row_cells);
        } else {
            row_total_cells.push_back(row_cells.front());
            draft.also(table.row_totals[r], row_cells.front());
        }
    }
    auto total_cell = draft.shown(table.total, total);
    cells.sum(total_cell, row_total_cells);
    if (cols) {
        std::vector<CellId> col_total_cells;
        for (std::size_t c = 0; c < col_values.size(); ++c) {
            std::uint64_t sum = 0;
            for (auto cell : column_cells[c]) sum += static_cast<std::uint64_t>(cells.value(cell));
            col_total_cells.push_back(draft.shown(table.col_totals[c], sum));
            cells.sum(col_total_cells.back(), column_cells[c]);
        }
        cells.sum(total_cell, col_total_cells);
    }
    table.any_hidden = draft.finish();
    return table;
}

}  // namespace ombuds
