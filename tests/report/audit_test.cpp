// SPDX-License-Identifier: MPL-2.0
// The attacker's audit of disclosure control (issue 13), as tau-ARGUS audits a table: for each
// generated register and each outside audience, the attacker builds every relation the published
// report holds from its JSON alone and bounds each unknown with a linear program (COIN-OR CLP);
// audit.hpp says what fails. 1,000 registers; 5,000 with OMBUDS_LONG_TESTS=1.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <set>

#include "attacker.hpp"
#include "audit.hpp"
#include "ombuds/config_io.hpp"
#include "register_generator.hpp"

namespace ombuds {
namespace {

using nlohmann::json;

const Configuration& config() {
    static const Configuration c = load_configuration();
    return c;
}

TEST(Audit, GeneratedRegistersRevealNoSmallCount) {
    const bool long_run =
        std::getenv("OMBUDS_LONG_TESTS") && std::string(std::getenv("OMBUDS_LONG_TESTS")) == "1";
    const int registers = long_run ? 5000 : 1000;
    test::Tally tally;
    for (int r = 0; r < registers; ++r) {
        auto columns =
            test::RegisterGenerator(config(), 1000 + static_cast<std::uint64_t>(r)).make();
        ReportRequest request;
        request.period = test::period("2024-01-01", "2024-12-31");
        if (r % 10 != 9) request.compare = previous_year(request.period);
        if (r % 7 == 3) request.min_count = 3;
        if (r % 11 == 5) request.min_count = 7;
        for (auto audience : {Audience::administration, Audience::public_}) {
            request.audience = audience;
            test::audit(
                columns, config(), request,
                "register " + std::to_string(r) + " (" + std::string(audience_code(audience)) + ")",
                tally);
        }
        if (tally.failures.size() > 30) break;
    }
    for (std::size_t i = 0; i < tally.failures.size() && i < 30; ++i)
        ADD_FAILURE() << tally.failures[i];
    EXPECT_TRUE(tally.failures.empty()) << tally.failures.size() << " failures";
    // The registers are small enough that the audit has work to do.
    EXPECT_GT(tally.small, registers);
    std::cout << tally.reports << " reports audited, " << tally.unknowns << " unknowns bounded, "
              << tally.small << " of them counts below the threshold\n";
}

/// The advisor's report with only its small counts (and their shares) hidden: primary
/// suppression alone, as the reports of issue 13 did before.
void hide_small_only(json& node, int threshold, bool bands = false) {
    static const std::set<std::string> counts = {
        "count",      "compare_count",   "main",      "follow_up",  "total",
        "citizens",   "anonymous_cases", "inquiries", "cases",      "main_cases",
        "follow_ups", "closed",          "measured",  "open_at_end"};
    if (node.is_object()) {
        bool hidden = false;
        for (auto it = node.begin(); it != node.end(); ++it) {
            bool is_count = bands ? (it.key() == "citizens" || it.key() == "main_cases")
                                  : counts.count(it.key()) > 0;
            if (is_count && it->is_number_integer() && it->get<int>() >= 1 &&
                it->get<int>() < threshold) {
                *it = nullptr;
                hidden = true;
                std::string pct = it.key() == "compare_count" ? "compare_pct" : "pct";
                if (node.contains(pct)) node[pct] = nullptr;
            } else if (it->is_structured()) {
                hide_small_only(*it, threshold,
                                bands || it.key() == "complexity" || it.key() == "repeat_contact");
            }
        }
        if (hidden) node["suppressed"] = true;
    } else if (node.is_array()) {
        for (auto& item : node) hide_small_only(item, threshold, bands);
    }
}

TEST(Audit, FindsWhatHidingTheSmallCountsAloneGivesAway) {
    // The audit can fail: the same registers with only their small counts hidden give counts
    // away through totals, groups, bands and shares.
    int given_away = 0;
    for (int r = 0; r < 40; ++r) {
        auto columns =
            test::RegisterGenerator(config(), 1000 + static_cast<std::uint64_t>(r)).make();
        ReportRequest request;
        request.period = test::period("2024-01-01", "2024-12-31");
        request.compare = previous_year(request.period);
        auto statistics = compute_statistics(columns, config(), request.period, request.compare);
        json weak =
            json::parse(render_report(disclose(statistics, config(), request), ReportFormat::json));
        json truth = weak;
        hide_small_only(weak, 5);
        test::Attacker attacker(weak, config().themes, test::largest_bands(statistics));
        test::Attacker reader(truth, config().themes, test::largest_bands(statistics));
        ASSERT_TRUE(attacker.consistent());
        for (const auto& key : attacker.unknowns()) {
            auto value = reader.published().find(key);
            if (value == reader.published().end() || !value->second) continue;
            if (*value->second >= 1 && *value->second < 5 && attacker.most(key) < 5 - 1e-6)
                ++given_away;
        }
    }
    EXPECT_GT(given_away, 40);
}

}  // namespace
}  // namespace ombuds
