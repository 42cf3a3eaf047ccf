// SPDX-License-Identifier: MPL-2.0
// A SQLite VFS shim, in SQLite's own style (test_vfs / test_devsym), that passes every call to
// the default VFS and fails the N-th write-side I/O call (write, sync, truncate) with an I/O
// error, so a test can walk an operation through every failure point.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <cstring>

namespace ombuds::test {

class FaultyVfs {
  public:
    static constexpr const char* name = "ombuds-faulty";

    /// Registers the shim (once per process).
    static void install() {
        static bool installed = [] {
            real_ = sqlite3_vfs_find(nullptr);
            vfs_ = *real_;
            vfs_.zName = name;
            vfs_.szOsFile = static_cast<int>(sizeof(File)) + real_->szOsFile;
            vfs_.xOpen = &open;
            vfs_.pNext = nullptr;
            return sqlite3_vfs_register(&vfs_, 0) == SQLITE_OK;
        }();
        (void)installed;
    }

    /// Fail the n-th write-side call from now (n >= 1); 0 disables.
    static void fail_at(long n) {
        countdown_ = n;
        failures_ = 0;
    }
    static long failures() { return failures_; }

  private:
    struct File {
        sqlite3_file base;
        sqlite3_file* real;
    };

    static bool fault() {
        if (countdown_ <= 0) return false;
        if (--countdown_ == 0) {
            ++failures_;
            return true;
        }
        return false;
    }

    static sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }

    static int open(sqlite3_vfs*, sqlite3_filename path, sqlite3_file* file, int flags,
                    int* out_flags) {
        auto* shim = reinterpret_cast<File*>(file);
        shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
        int rc = real_->xOpen(real_, path, shim->real, flags, out_flags);
        if (rc != SQLITE_OK) {
            shim->base.pMethods = nullptr;
            return rc;
        }
        methods_ = *shim->real->pMethods;
        methods_.xClose = [](sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); };
        methods_.xRead = [](sqlite3_file* f, void* b, int n, sqlite3_int64 o) {
            return real(f)->pMethods->xRead(real(f), b, n, o);
        };
        methods_.xWrite = [](sqlite3_file* f, const void* b, int n, sqlite3_int64 o) {
            return fault() ? SQLITE_IOERR_WRITE : real(f)->pMethods->xWrite(real(f), b, n, o);
        };
        methods_.xTruncate = [](sqlite3_file* f, sqlite3_int64 size) {
            return fault() ? SQLITE_IOERR_TRUNCATE : real(f)->pMethods->xTruncate(real(f), size);
        };
        methods_.xSync = [](sqlite3_file* f, int flags) {
            return fault() ? SQLITE_IOERR_FSYNC : real(f)->pMethods->xSync(real(f), flags);
        };
        methods_.xFileSize = [](sqlite3_file* f, sqlite3_int64* size) {
            return real(f)->pMethods->xFileSize(real(f), size);
        };
        methods_.xLock = [](sqlite3_file* f, int l) {
            return real(f)->pMethods->xLock(real(f), l);
        };
        methods_.xUnlock = [](sqlite3_file* f, int l) {
            return real(f)->pMethods->xUnlock(real(f), l);
        };
        methods_.xCheckReservedLock = [](sqlite3_file* f, int* r) {
            return real(f)->pMethods->xCheckReservedLock(real(f), r);
        };
        methods_.xFileControl = [](sqlite3_file* f, int op, void* arg) {
            return real(f)->pMethods->xFileControl(real(f), op, arg);
        };
        methods_.xSectorSize = [](sqlite3_file* f) {
            return real(f)->pMethods->xSectorSize(real(f));
        };
        methods_.xDeviceCharacteristics = [](sqlite3_file* f) {
            return real(f)->pMethods->xDeviceCharacteristics(real(f));
        };
        methods_.xShmMap = [](sqlite3_file* f, int r, int s, int e, void volatile** p) {
            return real(f)->pMethods->xShmMap(real(f), r, s, e, p);
        };
        methods_.xShmLock = [](sqlite3_file* f, int o, int n, int fl) {
            return real(f)->pMethods->xShmLock(real(f), o, n, fl);
        };
        methods_.xShmBarrier = [](sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); };
        methods_.xShmUnmap = [](sqlite3_file* f, int d) {
            return real(f)->pMethods->xShmUnmap(real(f), d);
        };
        methods_.xFetch = [](sqlite3_file* f, sqlite3_int64 o, int n, void** p) {
            return real(f)->pMethods->xFetch(real(f), o, n, p);
        };
        methods_.xUnfetch = [](sqlite3_file* f, sqlite3_int64 o, void* p) {
            return real(f)->pMethods->xUnfetch(real(f), o, p);
        };
        shim->base.pMethods = &methods_;
        return SQLITE_OK;
    }

    static inline sqlite3_vfs* real_ = nullptr;
    static inline sqlite3_vfs vfs_{};
    static inline sqlite3_io_methods methods_{};
    static inline std::atomic<long> countdown_{0};
    static inline std::atomic<long> failures_{0};
};

}  // namespace ombuds::test
