// SPDX-License-Identifier: MPL-2.0
// The hooks of failing_allocator.hpp: SQLite's allocator wrapped (as SQLite's test_malloc.c does)
// and the replaceable global operator new/new[] of this test program. The library's code, the C
// API's shared library included, allocates through these: the program's definitions take
// precedence over libstdc++'s.
#include "failing_allocator.hpp"

#include <cstdlib>
#include <new>

namespace ombuds::test {
namespace {

sqlite3_mem_methods real_methods{};

void* sqlite_malloc(int n) {
    if (FailingAllocator::fail(FailingAllocator::Kind::sqlite)) return nullptr;
    return real_methods.xMalloc(n);
}

void* sqlite_realloc(void* p, int n) {
    if (FailingAllocator::fail(FailingAllocator::Kind::sqlite)) return nullptr;
    return real_methods.xRealloc(p, n);
}

void* cxx_allocate(std::size_t n) {
    if (FailingAllocator::fail(FailingAllocator::Kind::cxx)) throw std::bad_alloc();
    if (n == 0) n = 1;
    void* p = std::malloc(n);
    if (p == nullptr) throw std::bad_alloc();
    return p;
}

void* cxx_allocate_nothrow(std::size_t n) noexcept {
    if (FailingAllocator::fail(FailingAllocator::Kind::cxx)) return nullptr;
    return std::malloc(n == 0 ? 1 : n);
}

}  // namespace

bool FailingAllocator::install_sqlite() {
    if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_methods) != SQLITE_OK) return false;
    sqlite3_mem_methods wrapped = real_methods;
    wrapped.xMalloc = &sqlite_malloc;
    wrapped.xRealloc = &sqlite_realloc;
    return sqlite3_config(SQLITE_CONFIG_MALLOC, &wrapped) == SQLITE_OK;
}

}  // namespace ombuds::test

// Every plain and array form, the nothrow ones and the sized deletes, so no allocation made here
// is freed by another allocator (AddressSanitizer checks the pairing).
void* operator new(std::size_t n) {
    return ombuds::test::cxx_allocate(n);
}
void* operator new[](std::size_t n) {
    return ombuds::test::cxx_allocate(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    return ombuds::test::cxx_allocate_nothrow(n);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
    return ombuds::test::cxx_allocate_nothrow(n);
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete[](void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    std::free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
    std::free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
    std::free(p);
}
