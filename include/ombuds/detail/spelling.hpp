// SPDX-License-Identifier: MPL-2.0
// "Did you mean ...": the known value nearest to a refused one, within two edits (a letter
// added, left out, changed, or two letters swapped), compared in any letter case.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ombuds/detail/invisible.hpp"
#include "ombuds/detail/text.hpp"

namespace ombuds::detail {

/// The most edits a suggestion may be away from what was typed.
inline constexpr std::size_t max_suggestion_edits = 2;

/// The characters of a text, folded to lower case.
inline std::u32string folded_chars(std::string_view text) {
    std::string folded = fold_case(text);
    std::u32string out;
    out.reserve(folded.size());
    for (std::size_t i = 0; i < folded.size();) {
        auto c = decode_utf8(folded, i);
        out += c.code;
        i += c.length;
    }
    return out;
}

/// The edit distance (insertions, deletions, substitutions, adjacent swaps) between a and b, or
/// limit + 1 when it is larger than limit.
inline std::size_t edit_distance(const std::u32string& a, const std::u32string& b,
                                 std::size_t limit) {
    std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
    if (gap > limit) return limit + 1;
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        std::size_t row_best = current[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
            row_best = std::min(row_best, current[j]);
        }
        if (row_best > limit) return limit + 1;
        before.swap(previous);
        previous.swap(current);
    }
    return std::min(previous[b.size()], limit + 1);
}

/// Collects candidates and keeps the one nearest to a typed value. Two candidates that are
/// equally near and name different things give no suggestion: guessing would mislead.
class Suggester {
  public:
    explicit Suggester(std::string_view typed)
        : typed_(folded_chars(trim(without_invisible(typed)))) {}

    /// Considers a candidate text naming thing `id`.
    void consider(std::string_view candidate, std::size_t id) {
        if (typed_.empty() || candidate.empty()) return;
        auto chars = folded_chars(candidate);
        // Short words are two edits from too much ("BL" and "SEL"): at most a third of the word.
        std::size_t limit =
            std::min(max_suggestion_edits, std::max<std::size_t>(1, chars.size() / 3));
        std::size_t distance = edit_distance(typed_, chars, limit);
        if (distance > limit) return;
        if (!best_ || distance < distance_) {
            best_ = std::string(candidate);
            id_ = id;
            distance_ = distance;
            ambiguous_ = false;
        } else if (distance == distance_ && id != id_) {
            ambiguous_ = true;
        }
    }

    /// The nearest candidate as it is written, when there is exactly one.
    std::optional<std::string> best() const {
        if (!best_ || ambiguous_) return std::nullopt;
        return best_;
    }

  private:
    std::u32string typed_;
    std::optional<std::string> best_;
    std::size_t id_ = 0;
    std::size_t distance_ = 0;
    bool ambiguous_ = false;
};

}  // namespace ombuds::detail
