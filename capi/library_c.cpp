// SPDX-License-Identifier: MPL-2.0
// The library as a whole: its version, status names, the case-file fields, freeing answers.
#include <cstdlib>

#include "handles.hpp"
#include "ombuds/version.hpp"

extern "C" {

const char* ombuds_version(void) {
    return OMBUDS_VERSION_STRING;
}

const char* ombuds_status_name(int status) {
    switch (status) {
        case OMBUDS_OK:
            return "OMBUDS_OK";
        case OMBUDS_INVALID:
            return "OMBUDS_INVALID";
        case OMBUDS_NOT_FOUND:
            return "OMBUDS_NOT_FOUND";
        case OMBUDS_CONFLICT:
            return "OMBUDS_CONFLICT";
        case OMBUDS_IO:
            return "OMBUDS_IO";
        case OMBUDS_CORRUPT:
            return "OMBUDS_CORRUPT";
        case OMBUDS_BUSY:
            return "OMBUDS_BUSY";
        case OMBUDS_MISUSE:
            return "OMBUDS_MISUSE";
        case OMBUDS_NOMEM:
            return "OMBUDS_NOMEM";
        case OMBUDS_INTERNAL:
            return "OMBUDS_INTERNAL";
        default:
            return "OMBUDS_UNKNOWN";
    }
}

int ombuds_field_count(void) {
    return static_cast<int>(ombuds::field_count);
}

const char* ombuds_field_name(int index) {
    if (index < 0 || static_cast<std::size_t>(index) >= ombuds::field_count) return nullptr;
    // The names are string literals of the field list: static storage, NUL-terminated.
    return ombuds::field_table[static_cast<std::size_t>(index)].name.data();
}

void ombuds_free(void* p) {
    std::free(p);
}

}  // extern "C"
