// SPDX-License-Identifier: MPL-2.0
// The rowids of a register's cases in storage order, kept as runs of consecutive rowids: a load
// into an empty register is one run, and a register that has seen deletions a few more, so the
// column snapshot keeps them in a few bytes where one number per case would be as large as a
// column (and cost every report reading it).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace ombuds::register_detail {

class RowidRuns {
  public:
    struct Run {
        std::int64_t first;
        std::int64_t count;
    };

    /// `count` consecutive rowids from `first`.
    static RowidRuns consecutive(std::int64_t first, std::size_t count) {
        RowidRuns runs;
        if (count > 0) runs.append_run(first, static_cast<std::int64_t>(count));
        return runs;
    }

    /// Runs as stored, when they are rowids in rising order and `size` in all; else nullopt
    /// (a damaged snapshot).
    static std::optional<RowidRuns> from_runs(const std::vector<Run>& stored, std::size_t size) {
        RowidRuns runs;
        std::int64_t next = std::numeric_limits<std::int64_t>::min();
        for (const auto& run : stored) {
            if (run.count <= 0 || run.first < next ||
                run.first > std::numeric_limits<std::int64_t>::max() - run.count ||
                static_cast<std::uint64_t>(run.count) > size - runs.size_)
                return std::nullopt;
            runs.append_run(run.first, run.count);
            next = run.first + run.count;
        }
        if (runs.size_ != size) return std::nullopt;
        return runs;
    }

    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    const std::vector<Run>& runs() const noexcept { return runs_; }
    std::int64_t back() const { return runs_.back().first + runs_.back().count - 1; }

    /// Appends a rowid above every one held.
    void push_back(std::int64_t rowid) {
        if (!runs_.empty() && rowid == back() + 1) {
            ++runs_.back().count;
            ++size_;
        } else {
            append_run(rowid, 1);
        }
    }

    /// The position of the first rowid not below `rowid`, and whether it is `rowid`.
    std::pair<std::size_t, bool> find(std::int64_t rowid) const {
        auto after = std::upper_bound(runs_.begin(), runs_.end(), rowid,
                                      [](std::int64_t r, const Run& run) { return r < run.first; });
        if (after == runs_.begin()) return {0, false};
        const auto k = static_cast<std::size_t>(after - runs_.begin()) - 1;
        const Run& run = runs_[k];
        if (rowid < run.first + run.count)
            return {starts_[k] + static_cast<std::size_t>(rowid - run.first), true};
        return {starts_[k] + static_cast<std::size_t>(run.count), false};
    }

    /// Calls `f(position, rowid)` for each rowid in order.
    template <class F>
    void for_each(F&& f) const {
        std::size_t position = 0;
        for (const auto& run : runs_) {
            for (std::int64_t i = 0; i < run.count; ++i) f(position++, run.first + i);
        }
    }

  private:
    void append_run(std::int64_t first, std::int64_t count) {
        runs_.push_back(Run{first, count});
        starts_.push_back(size_);
        size_ += static_cast<std::size_t>(count);
    }

    std::vector<Run> runs_;
    std::vector<std::size_t> starts_;  // the position of each run's first rowid
    std::size_t size_ = 0;
};

}  // namespace ombuds::register_detail
