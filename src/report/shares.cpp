// SPDX-License-Identifier: MPL-2.0
// Whether a shown share is fixed by what is shown (shares.hpp). With T the total, line i gets
// its whole tenths, 1000 c_i / T rounded down, and one more when fewer lines rank above it by
// remainder (1000 c mod T; earlier lines first on a tie) than there are tenths left over. So it
// gets the extra tenth when
//     room - G > 0,  room = 1000 - (whole tenths of the shown lines) - (shown lines above i),
//     G = sum over hidden lines j of (whole tenths of x_j) + [j above i],
// where x_j are the hidden counts, each at least 1, adding up to the rest. The share is known
// when that holds for every such x or for none: G's least and most value decide. They are found
// exactly (dynamic programming over the rest) when that is cheap, else bounded by what the
// remainders allow, a wider range that can only make fewer shares known.
#include "report/shares.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "ombuds/statistics.hpp"

namespace ombuds::report_detail {
namespace {

struct Line {
    std::uint64_t total;
    std::uint64_t mine;  // the remainder of line i
    std::size_t index;   // of line i

    std::int64_t whole(std::uint64_t count) const {
        return static_cast<std::int64_t>(count * 1000 / total);
    }
    std::uint64_t remainder(std::uint64_t count) const { return count * 1000 % total; }
    /// Whether line j with remainder r ranks above line i.
    bool above(std::size_t j, std::uint64_t r) const {
        return r > mine || (r == mine && j < index);
    }
};

using Range = std::pair<std::int64_t, std::int64_t>;

/// G's least and most value over every split of `rest`, exactly.
std::optional<Range> exact(const Line& line, const std::vector<std::size_t>& hidden,
                           std::uint64_t rest) {
    constexpr auto none = std::numeric_limits<std::int64_t>::max();
    std::vector<std::int64_t> low(rest + 1, none), high(rest + 1, -none);
    low[0] = high[0] = 0;
    for (auto j : hidden) {
        std::vector<std::int64_t> next_low(rest + 1, none), next_high(rest + 1, -none);
        for (std::uint64_t used = 0; used < rest; ++used) {
            if (low[used] == none) continue;
            for (std::uint64_t v = 1; used + v <= rest; ++v) {
                auto g = line.whole(v) + (line.above(j, line.remainder(v)) ? 1 : 0);
                next_low[used + v] = std::min(next_low[used + v], low[used] + g);
                next_high[used + v] = std::max(next_high[used + v], high[used] + g);
            }
        }
        low.swap(next_low);
        high.swap(next_high);
    }
    if (low[rest] == none) return std::nullopt;
    return Range{low[rest], high[rest]};
}

/// A range that holds G for every split, from the remainders alone. The hidden remainders r_j
/// are multiples of gcd(1000, T) below T whose sum is R = 1000 x rest mod T plus k T, and then
/// G = floor(1000 rest / T) - k + (the hidden lines above i). Per count of hidden lines above
/// i (among the lines before i and after it, whose ties differ), the sums the remainders can
/// reach give the k that are possible.
Range bounded(const Line& line, const std::vector<std::size_t>& hidden, std::uint64_t rest) {
    const std::int64_t total = static_cast<std::int64_t>(line.total);
    const std::int64_t step = std::gcd<std::int64_t>(1000, total);
    const std::int64_t top = total - step;  // the largest remainder
    const auto mine = static_cast<std::int64_t>(line.mine);
    const std::int64_t base = static_cast<std::int64_t>(rest * 1000 / line.total);
    const std::int64_t offset = static_cast<std::int64_t>(rest * 1000 % line.total);
    std::int64_t before = 0, after = 0;
    for (auto j : hidden) (j < line.index ? before : after) += 1;
    // Above i: before i, a remainder of at least mine; after i, more than mine.
    const std::int64_t above_before = mine, below_before = mine - step;
    const std::int64_t above_after = mine + step, below_after = mine;
    Range range{std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()};
    for (std::int64_t a = 0; a <= before; ++a) {
        for (std::int64_t b = 0; b <= after; ++b) {
            if ((b > 0 && above_after > top) || (before - a > 0 && below_before < 0)) continue;
            const std::int64_t least = a * above_before + b * above_after;
            const std::int64_t most =
                a * top + (before - a) * below_before + b * top + (after - b) * below_after;
            // The k with offset + k total within [least, most].
            const std::int64_t k_low =
                std::max<std::int64_t>(0, (least - offset + total - 1) / total);
            const std::int64_t k_high = (most - offset) >= 0 ? (most - offset) / total : -1;
            if (k_low > k_high) continue;
            range.first = std::min(range.first, base - k_high + a + b);
            range.second = std::max(range.second, base - k_low + a + b);
        }
    }
    return range;
}

}  // namespace

std::optional<std::int32_t> known_share(const std::vector<std::uint64_t>& counts,
                                        const std::vector<bool>& hidden, std::size_t line_index) {
    const auto tenths = largest_remainder_tenths(counts);
    std::uint64_t total = 0, rest = 0;
    std::vector<std::size_t> hidden_lines;
    for (std::size_t j = 0; j < counts.size(); ++j) {
        total += counts[j];
        if (hidden[j]) {
            rest += counts[j];
            hidden_lines.push_back(j);
        }
    }
    if (hidden_lines.empty() || total == 0) return tenths[line_index];
    const Line line{total, counts[line_index] * 1000 % total, line_index};
    std::int64_t room = 1000;
    for (std::size_t j = 0; j < counts.size(); ++j) {
        if (hidden[j]) continue;
        room -= line.whole(counts[j]);
        if (j != line_index && line.above(j, line.remainder(counts[j]))) room -= 1;
    }
    const std::uint64_t parts = hidden_lines.size();
    std::optional<Range> range;
    if (parts * rest * rest <= 2'000'000) {
        range = exact(line, hidden_lines, rest);
    } else {
        range = bounded(line, hidden_lines, rest);
    }
    if (!range || range->first > range->second) return std::nullopt;
    const bool always = room - range->second > 0, never = room - range->first <= 0;
    if (!always && !never) return std::nullopt;
    return tenths[line_index];
}

}  // namespace ombuds::report_detail
