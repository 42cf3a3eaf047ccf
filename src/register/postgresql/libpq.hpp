// SPDX-License-Identifier: MPL-2.0
// libpq, loaded when the first PostgreSQL register is opened: a program that keeps its registers
// in SQLite never loads it, nor the score of libraries it brings (Kerberos, LDAP, TLS), which
// cost every start of the command line, and of every program linking ombuds, several
// milliseconds. A machine without libpq still opens SQLite registers.
#pragma once

#include <libpq-fe.h>

namespace ombuds::store::postgresql {

// Every libpq function the backend calls, once: X(name) for PQname.
#define OMBUDS_LIBPQ_FUNCTIONS(X) \
    X(clear)                      \
    X(cmdTuples)                  \
    X(connectdb)                  \
    X(errorMessage)               \
    X(escapeIdentifier)           \
    X(exec)                       \
    X(execPrepared)               \
    X(finish)                     \
    X(freemem)                    \
    X(getisnull)                  \
    X(getlength)                  \
    X(getResult)                  \
    X(getvalue)                   \
    X(ntuples)                    \
    X(prepare)                    \
    X(putCopyData)                \
    X(putCopyEnd)                 \
    X(resultErrorField)           \
    X(resultStatus)               \
    X(sendQuery)                  \
    X(sendQueryParams)            \
    X(setClientEncoding)          \
    X(setNoticeProcessor)         \
    X(setSingleRowMode)           \
    X(status)                     \
    X(transactionStatus)

/// libpq's functions, with the signatures of the headers it was built against.
struct LibPq {
#define OMBUDS_LIBPQ_MEMBER(name) decltype(&::PQ##name) name = nullptr;
    OMBUDS_LIBPQ_FUNCTIONS(OMBUDS_LIBPQ_MEMBER)
#undef OMBUDS_LIBPQ_MEMBER
};

/// libpq, loaded on the first call (thread-safe); throws Error (io) naming the library when it
/// cannot be loaded, and tries again on the next call.
const LibPq& libpq();

/// Loads the library `soname`, as libpq() does the one ombuds was built against (tests).
LibPq load_libpq(const char* soname);

}  // namespace ombuds::store::postgresql
