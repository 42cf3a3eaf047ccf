// SPDX-License-Identifier: MPL-2.0
// The in-memory side of scripts/bench.sh: reads a case file into the engine's columns once
// (timed as "load": parsing with the library's reader, then dense ids for citizens, inquiries
// and main cases), then times the engine (compute_statistics) alone, several runs, and reports
// the median.
// Memory is measured: the bytes the columns hold, and the peak bytes the engine allocates
// while computing (operator new is counted), each per case; and the process's peak RSS.
//
//   report_inmemory FILE --from DATE --to DATE [--repeat R] [--json OUT]
//
// Prints one line of key=value figures; --json writes the report JSON (as `ombuds report
// --format json` would) so scripts/bench.sh can check it against the peers too. Citizens are
// told apart by the parsed identity in memory only; nothing is written but the report.
#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#include "ombuds/case_columns.hpp"
#include "ombuds/case_file.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/report.hpp"
#include "ombuds/statistics.hpp"

namespace {

std::atomic<std::size_t> live_bytes{0};
std::atomic<std::size_t> peak_bytes{0};

void note_allocation(void* p) {
    if (!p) return;
    auto size = malloc_usable_size(p);
    auto now = live_bytes.fetch_add(size) + size;
    auto peak = peak_bytes.load();
    while (now > peak && !peak_bytes.compare_exchange_weak(peak, now)) {
    }
}

}  // namespace

// Not inlined, so GCC does not pair a call of operator new with the free() inside delete.
__attribute__((noinline)) void* operator new(std::size_t size) {
    void* p = std::malloc(size ? size : 1);
    if (!p) throw std::bad_alloc();
    note_allocation(p);
    return p;
}
__attribute__((noinline)) void operator delete(void* p) noexcept {
    if (p) live_bytes.fetch_sub(malloc_usable_size(p));
    std::free(p);
}
__attribute__((noinline)) void operator delete(void* p, std::size_t) noexcept {
    operator delete(p);
}

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Dense ids for keys, in order of first appearance.
class DenseIds {
  public:
    explicit DenseIds(std::uint32_t first) : next_(first) {}
    std::uint32_t operator()(const std::string& key) {
        auto [it, added] = ids_.try_emplace(key, next_);
        if (added) ++next_;
        return it->second;
    }
    std::uint32_t next() const noexcept { return next_; }
    void reserve(std::size_t n) { ids_.reserve(n); }

  private:
    std::unordered_map<std::string, std::uint32_t> ids_;
    std::uint32_t next_;
};

/// The register's columns from a parsed file: what Register::load_columns gives, without
/// pseudonyms (identities stay in this process's memory).
ombuds::CaseColumns to_columns(const ombuds::CaseFile& file) {
    using ombuds::CaseColumns;
    const auto& records = file.records;
    CaseColumns columns;
    columns.reserve(records.size());
    std::unordered_map<std::string, std::uint32_t> rows;
    rows.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (records[i].case_id)
            rows.emplace(records[i].case_id->str(), static_cast<std::uint32_t>(i));
    }
    DenseIds citizens(1), inquiries(0);
    citizens.reserve(records.size());
    inquiries.reserve(records.size());
    for (const auto& rec : records) {
        std::uint32_t citizen =
            rec.citizen.is_anonymous() ? CaseColumns::anonymous : citizens(rec.citizen.key());
        // A case without an inquiry id is its own inquiry.
        const auto& inquiry_key = rec.inquiry_id ? *rec.inquiry_id : *rec.case_id;
        std::uint32_t inquiry = inquiries("i" + inquiry_key.str());
        std::uint32_t main = CaseColumns::no_case;
        if (rec.main_case_id) {
            auto it = rows.find(rec.main_case_id->str());
            if (it != rows.end()) main = it->second;
        }
        columns.push(rec, citizen, inquiry, main);
    }
    columns.citizen_count = citizens.next() - 1;
    columns.inquiry_count = inquiries.next();
    return columns;
}

int usage() {
    std::cerr << "usage: report_inmemory FILE --from DATE --to DATE [--repeat R] [--json OUT]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) return usage();
    std::string path = args[0], from_text, to_text, json_path;
    int repeat = 7;
    for (std::size_t i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == "--from") {
            from_text = args[i + 1];
        } else if (args[i] == "--to") {
            to_text = args[i + 1];
        } else if (args[i] == "--repeat") {
            repeat = std::max(1, std::atoi(args[i + 1].c_str()));
        } else if (args[i] == "--json") {
            json_path = args[i + 1];
        } else {
            return usage();
        }
    }
    if (args.size() % 2 != 1) return usage();
    auto from = ombuds::Date::parse(from_text);
    auto to = ombuds::Date::parse(to_text);
    if (!from || !to) return usage();

    try {
        const auto config = ombuds::load_configuration();
        auto start = Clock::now();
        ombuds::CaseColumns columns;
        {
            auto file = ombuds::read_case_file(path, config);
            for (const auto& issue : file.issues) {
                if (ombuds::refuses_record(issue) || file.unreadable) {
                    std::cerr << "report_inmemory: " << path << " line " << issue.line
                              << " is refused (" << issue.column_name() << ")\n";
                    return 1;
                }
            }
            columns = to_columns(file);
        }
        const double load_seconds = seconds_since(start);
        const std::size_t n = columns.size();
        if (n == 0) {
            std::cerr << "report_inmemory: no cases in " << path << "\n";
            return 1;
        }

        ombuds::ReportRequest request;
        request.period = ombuds::Period{*from, *to};
        request.compare = ombuds::previous_year(request.period);
        std::vector<double> runs;
        std::size_t engine_bytes = 0;
        std::optional<ombuds::Statistics> report;
        for (int r = 0; r < repeat; ++r) {
            report.reset();
            auto before = live_bytes.load();
            peak_bytes.store(before);
            auto run_start = Clock::now();
            report = ombuds::compute_statistics(columns, config, request.period, request.compare);
            runs.push_back(seconds_since(run_start) * 1000.0);
            engine_bytes = std::max(engine_bytes, peak_bytes.load() - before);
        }
        std::sort(runs.begin(), runs.end());
        const double median_ms = runs[runs.size() / 2];

        if (!json_path.empty()) {
            std::ofstream out(json_path, std::ios::binary);
            // The advisor's report: every figure, as `ombuds report --format json` writes it.
            out << ombuds::render_report(ombuds::disclose(*report, config, request),
                                         ombuds::ReportFormat::json);
            if (!out) {
                std::cerr << "report_inmemory: cannot write " << json_path << "\n";
                return 2;
            }
        }
        struct rusage usage_now {};
        getrusage(RUSAGE_SELF, &usage_now);
        const double cases = static_cast<double>(n);
        const double column_bytes = static_cast<double>(columns.memory_bytes()) / cases;
        const double working_bytes = static_cast<double>(engine_bytes) / cases;
        std::printf(
            "cases=%zu load_s=%.3f report_ms=%.3f report_ms_min=%.3f column_bytes_per_case=%.1f "
            "engine_bytes_per_case=%.1f bytes_per_case=%.1f peak_rss_mb=%.1f\n",
            n, load_seconds, median_ms, runs.front(), column_bytes, working_bytes,
            column_bytes + working_bytes, static_cast<double>(usage_now.ru_maxrss) / 1024.0);
    } catch (const std::exception& e) {
        std::cerr << "report_inmemory: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
