// SPDX-License-Identifier: MPL-2.0
// Fuzz target: the column snapshot's decoder and what reads its columns. A small register is made
// once; each input becomes its stored snapshot, and a report is computed from what loading the
// columns gives. The input is the parts, each a two-byte little-endian length and its bytes.
// When the first byte is odd, the register's own header is kept (its magic, format and
// fingerprint), so the fuzzer reaches the columns past the checks it cannot guess. Whatever the
// bytes, loading must give columns the engine counts without a crash: a damaged snapshot is
// rebuilt from the cases, never trusted.
#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ombuds/case_file.hpp"
#include "ombuds/config_io.hpp"
#include "ombuds/import.hpp"
#include "ombuds/register.hpp"
#include "ombuds/report.hpp"

namespace {

namespace fs = std::filesystem;

constexpr std::string_view cases =
    "case_id;inquiry_id;citizen;kind;role;main_case_id;received;first_response;closed;unit;"
    "theme;action;resolution;rejection_reason\n"
    "S-1;;2110625629;complaint;main;;2025-01-06;2025-01-08;2025-02-03;BSF-JOB-SDP;"
    "slow_processing;complaint_dialogue;explained;\n"
    "S-2;;2110625629;complaint;follow_up;S-1;2025-02-10;;;BSF-JOB-SDP;no_reply;complaint_dialogue;;"
    "\n"
    "S-3;;;inquiry;main;;2025-03-03;;2025-03-04;TMF-VEJ;advice_request;orientation;;\n"
    "S-4;;0707614285;complaint;main;;2024-11-20;2024-11-21;2024-12-01;SSF-AELDRE-HJEM;"
    "caseworker_conduct;rejected;;outside_mandate\n";

struct Fixture {
    fs::path dir;
    fs::path db;
    std::string header;  // the register's own snapshot header (part 0)
    std::optional<ombuds::Register> reg;
    ombuds::ReportRequest request;

    Fixture() {
        dir = fs::temp_directory_path() / ("ombuds-fuzz-snapshot-" + std::to_string(::getpid()));
        fs::create_directories(dir);
        db = dir / "r.db";
        ombuds::RegisterOptions options;
        options.today = ombuds::Date::from_ymd(2026, 1, 15);
        options.key_file = dir / "r.db.key";
        reg.emplace(ombuds::Register::open(db, options));
        auto config = ombuds::load_configuration();
        auto file = ombuds::read_case_text(std::string(cases), "fuzz.csv", config);
        ombuds::import_cases(*reg, file);
        reg->load_columns();  // writes the snapshot whose header is kept
        SQLite::Database raw(db.string(), SQLite::OPEN_READONLY);
        SQLite::Statement part(raw, "SELECT data FROM column_snapshot WHERE part = 0");
        if (part.executeStep()) header = part.getColumn(0).getString();
        request.period = ombuds::Period{*ombuds::Date::from_ymd(2025, 1, 1),
                                        *ombuds::Date::from_ymd(2025, 12, 31)};
        request.compare = ombuds::previous_year(request.period);
    }
    ~Fixture() {
        reg.reset();
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
    Fixture(const Fixture&) = delete;
    Fixture& operator=(const Fixture&) = delete;
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

/// The parts an input holds: a two-byte length, then that many bytes (fewer at the end).
std::vector<std::string> parts_of(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> parts;
    std::size_t at = 0;
    while (at + 2 <= size) {
        std::size_t length = data[at] | (static_cast<std::size_t>(data[at + 1]) << 8);
        at += 2;
        length = std::min(length, size - at);
        parts.emplace_back(reinterpret_cast<const char*>(data + at), length);
        at += length;
    }
    return parts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    auto& f = fixture();
    auto parts = parts_of(data + 1, size - 1);
    if ((data[0] & 1) != 0 && !parts.empty()) parts[0] = f.header;
    {
        SQLite::Database raw(f.db.string(), SQLite::OPEN_READWRITE);
        SQLite::Transaction write(raw);
        raw.exec("DELETE FROM column_snapshot; DELETE FROM snapshot_changes");
        SQLite::Statement insert(raw, "INSERT INTO column_snapshot (part, data) VALUES (?, ?)");
        for (std::size_t i = 0; i < parts.size(); ++i) {
            insert.reset();
            insert.bind(1, static_cast<int>(i));
            insert.bind(2, parts[i].data(), static_cast<int>(parts[i].size()));
            insert.exec();
        }
        write.commit();
    }
    try {
        auto columns = f.reg->load_columns();
        if (columns.size() != 4) std::abort();  // the register's cases, whatever the snapshot
        auto report = ombuds::compute_report(columns, f.reg->config(), f.request);
        (void)ombuds::render_report(report, ombuds::ReportFormat::json);
    } catch (const ombuds::Error&) {
        // A clear error is an answer; only a crash or a wrong count is a finding.
    }
    return 0;
}
