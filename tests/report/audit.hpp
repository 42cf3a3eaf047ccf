// SPDX-License-Identifier: MPL-2.0
// One audit of disclosure control (issue 13): the report of a request for an outside audience
// against the advisor's report of the same cases. The attacker (attacker.hpp) reads only the
// published JSON; the truth comes from the advisor's report and the engine. A failure is a count
// from 1 to threshold-1 of the advisor's report that is shown or can be narrowed below the
// threshold, a shown figure that differs from the advisor's, or something the report shows that
// the attacker's relations cannot hold.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ombuds/report.hpp"

namespace ombuds::test {

struct Tally {
    int reports = 0;
    int unknowns = 0;  // counts of the advisor's report the attacker had to bound
    int small = 0;     // of them from 1 to threshold-1
    std::vector<std::string> failures;
};

/// Audits the report of `request` (an outside audience) over `columns`, adding to `tally`;
/// failures are prefixed with `name`.
void audit(const CaseColumns& columns, const Configuration& config, const ReportRequest& request,
           const std::string& name, Tally& tally);

/// The largest value of each unknown `keys` the attacker finds in the report of `request`.
std::map<std::string, double> attacker_bounds(const CaseColumns& columns,
                                              const Configuration& config,
                                              const ReportRequest& request,
                                              const std::vector<std::string>& keys);

/// The largest band value of each distribution, which the attacker is told.
std::map<std::string, std::uint32_t> largest_bands(const Statistics& statistics);

}  // namespace ombuds::test
