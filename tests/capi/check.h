/* SPDX-License-Identifier: MPL-2.0 */
/* The checks of the C API's tests: a failed check is reported with its file and line and
 * counted; the test's main returns non-zero when `failures` is. C99. */
#ifndef OMBUDS_TESTS_CAPI_CHECK_H
#define OMBUDS_TESTS_CAPI_CHECK_H

#include <ombuds/ombuds.h>

#include <stdio.h>

static int failures = 0;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            ++failures;                                                              \
        }                                                                            \
    } while (0)

#define CHECK_STATUS(expected, call)                                                           \
    do {                                                                                       \
        int status_ = (call);                                                                  \
        if (status_ != (expected)) {                                                           \
            fprintf(stderr, "%s:%d: %s returned %s, expected %s\n", __FILE__, __LINE__, #call, \
                    ombuds_status_name(status_), ombuds_status_name(expected));                \
            ++failures;                                                                        \
        }                                                                                      \
    } while (0)

#endif
