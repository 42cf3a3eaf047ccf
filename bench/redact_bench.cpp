// SPDX-License-Identifier: MPL-2.0
// Redaction speed: what an import does to every legal_ref and note (the generator's texts, as
// the register redacts them: only text with a digit goes through redact), a note that holds a
// CPR number, and a message made printable.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "case_generator.hpp"
#include "ombuds/detail/text.hpp"

namespace {

/// The free texts of generated cases, in the mix an import sees them.
std::vector<std::string> free_texts() {
    std::vector<std::string> texts;
    for (const auto& legal : ombuds::bench::detail::legal_texts) texts.emplace_back(legal.ref);
    for (auto note : ombuds::bench::detail::notes) texts.emplace_back(note);
    texts.emplace_back(ombuds::bench::detail::other_reason_text);
    return texts;
}

void BM_RedactFreeText(benchmark::State& state) {
    const auto texts = free_texts();
    std::string scratch;
    std::size_t bytes = 0;
    for (auto _ : state) {
        for (const auto& text : texts) {
            if (ombuds::detail::has_digit(text)) {
                scratch = ombuds::detail::redact(text);
                benchmark::DoNotOptimize(scratch.data());
            }
            bytes += text.size();
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * texts.size()));
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_RedactFreeText);

void BM_RedactNoteWithCpr(benchmark::State& state) {
    const std::string note =
        "Borgeren (cpr 150345-4447) ringede den 25-01-2024 om sag 32.18.08 og beløbet 1.250 kr.";
    for (auto _ : state) {
        auto redacted = ombuds::detail::redact(note);
        benchmark::DoNotOptimize(redacted.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_RedactNoteWithCpr);

void BM_Printable(benchmark::State& state) {
    const std::string message =
        "klager.csv, linje 4: unit: Enheden findes ikke i organisationen: 'BSF-JOB-SDP'";
    for (auto _ : state) {
        auto shown = ombuds::detail::printable(message);
        benchmark::DoNotOptimize(shown.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Printable);

}  // namespace

BENCHMARK_MAIN();
