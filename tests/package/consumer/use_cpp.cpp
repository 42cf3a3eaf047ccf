// SPDX-License-Identifier: MPL-2.0
#include <iostream>

#include "ombuds/config_io.hpp"
#include "ombuds/register.hpp"
#include "ombuds/report.hpp"
#include "ombuds/version.hpp"

int main() {
    auto reg = ombuds::Register::open(":memory:");
    ombuds::ReportRequest request;
    request.period =
        ombuds::Period{*ombuds::Date::from_ymd(2024, 1, 1), *ombuds::Date::from_ymd(2024, 12, 31)};
    auto report = ombuds::compute_report(reg.load_columns(), reg.config(), request);
    std::cout << "ombuds " << OMBUDS_VERSION_STRING << ": " << reg.config().organisation.name()
              << ", " << report.volume.cases.value() << " cases\n";
    return 0;
}
