// SPDX-License-Identifier: MPL-2.0
// Allocation-failure injection in SQLite's own style (test_malloc.c, malloc_common.tcl): the
// N-th allocation from now fails, once ("transient") or with every one after it too
// ("persistent"). Two allocators can be armed: SQLite's (a wrapper installed with
// SQLITE_CONFIG_MALLOC before SQLite initialises) and C++'s (the global operator new/new[]
// replaced in failing_allocator.cpp, throwing std::bad_alloc). Disarmed, both only pass
// through.
#pragma once

#include <sqlite3.h>

#include <atomic>

namespace ombuds::test {

class FailingAllocator {
  public:
    enum class Kind { sqlite, cxx };

    /// Wraps SQLite's allocator. Must run before anything initialises SQLite (first thing in
    /// main); returns false when that was too late.
    static bool install_sqlite();

    /// The n-th allocation of `kind` from now fails (n >= 1); with `persistent`, so does every
    /// later one until disarm().
    static void fail_at(Kind kind, long n, bool persistent) noexcept {
        disarm();
        kind_ = kind;
        persistent_ = persistent;
        failures_ = 0;
        calls_ = 0;
        countdown_ = n;
    }
    /// Counts allocations of `kind` without failing any (to size a walk).
    static void count(Kind kind) noexcept {
        fail_at(kind, 0, false);
        counting_ = true;
    }
    static void disarm() noexcept {
        countdown_ = 0;
        counting_ = false;
        paused_ = false;
    }
    /// Between pause() and resume() nothing fails and nothing is counted.
    static void pause() noexcept { paused_ = true; }
    static void resume() noexcept { paused_ = false; }
    /// How many allocations failed since fail_at().
    static long failures() noexcept { return failures_; }
    /// How many allocations of the armed kind were made since fail_at() or count().
    static long calls() noexcept { return calls_; }

    /// Called by the hooks: should this allocation of `kind` fail?
    static bool fail(Kind kind) noexcept {
        if (kind != kind_ || paused_) return false;
        if (counting_) {
            ++calls_;
            return false;
        }
        if (countdown_ <= 0) return false;
        ++calls_;
        if (failed_now()) {
            ++failures_;
            return true;
        }
        return false;
    }

  private:
    static bool failed_now() noexcept {
        long left = --countdown_;
        if (left == 0) {
            if (persistent_) countdown_ = 1;  // and fail every later call too, until disarmed
            return true;
        }
        return false;
    }

    static inline std::atomic<Kind> kind_{Kind::sqlite};
    static inline std::atomic<bool> persistent_{false};
    static inline std::atomic<bool> counting_{false};
    static inline std::atomic<bool> paused_{false};
    static inline std::atomic<long> countdown_{0};
    static inline std::atomic<long> failures_{0};
    static inline std::atomic<long> calls_{0};
};

}  // namespace ombuds::test
