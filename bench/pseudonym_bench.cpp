// SPDX-License-Identifier: MPL-2.0
// Pseudonym speed: the keyed HMAC-SHA-256 of a citizen key, computed once per case an import
// stores (without an allocation, as the import does) and from several threads at once.
#include <benchmark/benchmark.h>

#include <array>
#include <string>
#include <vector>

#include "register/pseudonym.hpp"

namespace {

const ombuds::detail::Pseudonymiser& pseudonymiser() {
    static const ombuds::detail::Pseudonymiser p(ombuds::detail::Pseudonymiser::random_key());
    return p;
}

std::vector<std::string> citizen_keys() {
    std::vector<std::string> keys;
    for (int i = 0; i < 1000; ++i) {
        std::string digits = std::to_string(1000000000LL + 7919LL * i);
        keys.push_back("cpr:" + digits.substr(digits.size() - 10));
    }
    return keys;
}

void BM_Pseudonym(benchmark::State& state) {
    const auto keys = citizen_keys();
    const auto& p = pseudonymiser();
    char out[ombuds::detail::Pseudonymiser::pseudonym_size];
    std::size_t at = 0;
    for (auto _ : state) {
        p.pseudonym(keys[at], out);
        benchmark::DoNotOptimize(out);
        at = at + 1 == keys.size() ? 0 : at + 1;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Pseudonym);
BENCHMARK(BM_Pseudonym)->Threads(2)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
