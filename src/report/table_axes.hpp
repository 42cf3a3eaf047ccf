// SPDX-License-Identifier: MPL-2.0
// The dimensions of `ombuds table` as look-ups: a case's value of a dimension is read from one
// column (a code, a unit, a theme, a KLE subject, the day received) and turned into a value id
// by a table made once per request, so the count's one pass costs two look-ups per dimension.
// Value ids follow the order a table shows them in (codes as declared, the configuration's
// order, KLE subjects and time in order), with "none given" last.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ombuds/case_columns.hpp"
#include "ombuds/table.hpp"

namespace ombuds::report_detail {

struct Axis {
    // The column the value is read from: exactly one is set.
    const std::uint8_t* code = nullptr;
    const std::uint16_t* index = nullptr;
    const std::int32_t* day = nullptr;
    std::int32_t first_day = 0;  // the period's first day (day columns)
    /// Per raw value (a code, an index, or days after first_day): the value id.
    std::vector<std::uint32_t> value_of;
    std::uint32_t values = 0;                // value ids are 0 .. values-1
    std::vector<std::string> codes, labels;  // per value id; the code is empty for "none given"

    std::uint32_t value(std::size_t row) const noexcept {
        std::uint32_t raw = code    ? code[row]
                            : index ? index[row]
                                    : static_cast<std::uint32_t>(day[row] - first_day);
        return value_of[raw];
    }
};

/// The axis of a dimension over `cases` for cases received in `period`.
Axis make_axis(const CaseColumns& cases, const Configuration& config, DimensionSpec spec,
               Period period, Lang lang, const KleTitles& kle_titles);

/// Which value ids of `axis` (made for `filter.dimension`, units at level 0) the filter takes:
/// one byte per value id. Throws ReportRequestError naming a value that names nothing.
std::vector<std::uint8_t> filter_mask(const TableFilter& filter, const Axis& axis,
                                      const Configuration& config, Period period);

/// The dimension's name as a heading ("Sagstype", "Enhed, niveau 2").
std::string dimension_label(DimensionSpec spec, Lang lang);

}  // namespace ombuds::report_detail
