// SPDX-License-Identifier: MPL-2.0
#include "register/postgresql/libpq.hpp"

#include <dlfcn.h>

#include <string>
#include <type_traits>

#include "ombuds/error.hpp"

#ifndef OMBUDS_LIBPQ_SONAME
#define OMBUDS_LIBPQ_SONAME "libpq.so.5"
#endif

namespace ombuds::store::postgresql {
namespace {

[[noreturn]] void refuse(const char* soname, const char* reason) {
    const std::string library = soname;
    const std::string why = reason ? std::string(" (") + reason + ")" : std::string();
    throw Error(ErrorKind::io,
                "PostgreSQL's client library " + library +
                    " cannot be loaded: install it (Debian: libpq5) to use a register on "
                    "PostgreSQL" +
                    why,
                "PostgreSQL's klientbibliotek " + library +
                    " kan ikke indlæses: installér det (Debian: libpq5) for at bruge et register "
                    "på PostgreSQL" +
                    why);
}

}  // namespace

LibPq load_libpq(const char* soname) {
    // Never closed: the functions stay in use until the process ends.
    void* library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!library) refuse(soname, dlerror());
    LibPq api;
    auto resolve = [&](const char* symbol, auto& function) {
        void* found = dlsym(library, symbol);
        if (!found) refuse(soname, (std::string("no ") + symbol).c_str());
        function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(found);
    };
#define OMBUDS_LIBPQ_RESOLVE(name) resolve("PQ" #name, api.name);
    OMBUDS_LIBPQ_FUNCTIONS(OMBUDS_LIBPQ_RESOLVE)
#undef OMBUDS_LIBPQ_RESOLVE
    return api;
}

const LibPq& libpq() {
    static const LibPq loaded = load_libpq(OMBUDS_LIBPQ_SONAME);
    return loaded;
}

}  // namespace ombuds::store::postgresql
