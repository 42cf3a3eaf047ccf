/* SPDX-License-Identifier: MPL-2.0 */
/*
 * ombuds: the case register and statistics of a Danish citizens' advisor (borgerrådgiver).
 * The stable C API (C99). Link with -lombuds (libombuds.so.1) or pkg-config ombuds.
 *
 * Conventions
 * - All strings are UTF-8 and NUL-terminated. A string argument that is NULL where a string is
 *   required, or not valid UTF-8, is refused with OMBUDS_MISUSE.
 * - Options and requests are JSON objects; an unknown key is refused with OMBUDS_MISUSE (a
 *   misspelt option is never silently ignored).
 * - Every function that can fail returns an int status (OMBUDS_OK ... below). No C++ exception
 *   crosses this API and no call aborts the host process.
 * - Output pointers are set to NULL on failure. OMBUDS_INVALID is a refusal, not a failure: the
 *   violations are still returned where the function has a JSON output.
 * - Strings returned through char ** are owned by the caller and freed with ombuds_free(), never
 *   with free() (do not mix allocators).
 * - A handle is used by one thread at a time; separate handles may be used from separate threads
 *   and processes on one database file. Calls on a closed or unknown handle return
 *   OMBUDS_MISUSE.
 * - The C++ API (the headers include/ombuds/...hpp) may change between minor versions; this API is
 * stable within a major version, and status codes are only ever appended.
 */
#ifndef OMBUDS_OMBUDS_H
#define OMBUDS_OMBUDS_H

#ifdef __cplusplus
extern "C" {
#endif

#if defined(OMBUDS_C_BUILDING) && defined(__GNUC__)
#define OMBUDS_API __attribute__((visibility("default")))
#else
#define OMBUDS_API
#endif

/* The version of this header; ombuds_version() gives the library's at run time. The major
 * version names the ABI (the SONAME libombuds.so.1 until 1.0 ships it as 1). \since 0.1 */
#define OMBUDS_VERSION_MAJOR 0
#define OMBUDS_VERSION_MINOR 1
#define OMBUDS_VERSION_PATCH 0

/* Status codes. \since 0.1 */
#define OMBUDS_OK 0
#define OMBUDS_INVALID 1 /* validation refused the data */
#define OMBUDS_NOT_FOUND 2
#define OMBUDS_CONFLICT 3 /* e.g. deleting a main case that has follow-up cases */
#define OMBUDS_IO 4
#define OMBUDS_CORRUPT 5 /* not an ombuds register, damaged, or the key does not match */
#define OMBUDS_BUSY 6    /* another process held the database past the busy timeout */
#define OMBUDS_MISUSE 7  /* NULL or bad argument, closed handle, wrong call order */
#define OMBUDS_NOMEM 8
#define OMBUDS_INTERNAL 9

typedef struct ombuds_db ombuds_db;
typedef struct ombuds_record ombuds_record;

/* The library's version, "MAJOR.MINOR.PATCH". Static storage; never NULL. */
OMBUDS_API const char* ombuds_version(void);

/* The name of a status, "OMBUDS_OK", ...; "OMBUDS_UNKNOWN" for other values. Static storage. */
OMBUDS_API const char* ombuds_status_name(int status);

/* Opens (by default creating) a register. `path` ":memory:" opens a temporary register with a
 * temporary pseudonym key. `options_json` may be NULL, else a JSON object with any of
 * {"organisation_file": str, "themes_file": str, "key_file": str, "create": bool,
 * "allow_network_filesystem": bool}. Without "key_file": $OMBUDS_KEY_FILE, else PATH.key.
 * OMBUDS_NOT_FOUND when the file does not exist and "create" is false; OMBUDS_INVALID for a
 * configuration file that is refused; OMBUDS_CORRUPT for a file that is not a register or whose
 * key does not match.
 * On success *out_db is a new handle owned by the caller (release with ombuds_close). On
 * failure *out_db is NULL and ombuds_errmsg(NULL) tells why (per thread). */
OMBUDS_API int ombuds_open(const char* path, const char* options_json, ombuds_db** out_db);

/* Closes a handle; an open transaction is rolled back. NULL is fine (returns OMBUDS_OK). */
OMBUDS_API int ombuds_close(ombuds_db* db);

/* The last error on this handle, in English, valid until the next call on the handle; "" when
 * the last call succeeded. With NULL: the calling thread's last failed ombuds_open. Never NULL. */
OMBUDS_API const char* ombuds_errmsg(const ombuds_db* db);

/* A record: the text of the case-file columns (interfaces.md) of one case. */
OMBUDS_API int ombuds_record_new(ombuds_record** out_rec);

/* Sets one field by its column name ("case_id", "kind", ...). `value` NULL or "" clears it.
 * OMBUDS_MISUSE for an unknown field, a value that is not valid UTF-8 or longer than 65536
 * bytes. Values are checked against the rules only by ombuds_validate and ombuds_insert. */
OMBUDS_API int ombuds_record_set(ombuds_record* rec, const char* field, const char* value);

/* Clears every field, so one record can be reused for many cases. */
OMBUDS_API int ombuds_record_clear(ombuds_record* rec);

/* Frees a record; NULL is fine. */
OMBUDS_API void ombuds_record_free(ombuds_record* rec);

/* Validates a record against the rules and the register; stores nothing.
 * *out_json (if out_json is not NULL): a JSON array of violations
 * [{"rule", "field", "severity", "message"}] (Danish messages; warnings only on OMBUDS_OK).
 * Returns OMBUDS_OK, or OMBUDS_INVALID when an error refuses the record. */
OMBUDS_API int ombuds_validate(ombuds_db* db, const ombuds_record* rec, char** out_json);

/* Validates and stores a record: stored exactly when the status is OMBUDS_OK. Inside
 * ombuds_begin/ombuds_commit it becomes part of that transaction. *out_json as above. */
OMBUDS_API int ombuds_insert(ombuds_db* db, const ombuds_record* rec, char** out_json);

/* Deletes a case. OMBUDS_NOT_FOUND, or OMBUDS_CONFLICT while follow-up cases are attached.
 * Inside ombuds_begin/ombuds_commit it becomes part of that transaction. */
OMBUDS_API int ombuds_delete_case(ombuds_db* db, const char* case_id);

/* Group many inserts in one transaction: all stored on commit, none after rollback.
 * OMBUDS_MISUSE for begin inside a transaction, commit or rollback outside one. */
OMBUDS_API int ombuds_begin(ombuds_db* db);
OMBUDS_API int ombuds_commit(ombuds_db* db);
OMBUDS_API int ombuds_rollback(ombuds_db* db);

/* Imports a case file (CSV or JSON Lines), all or nothing. `options_json` may be NULL, else
 * {"replace": bool, "skip_invalid": bool, "dry_run": bool, "format": "csv"|"jsonl"}.
 * *out_json: {"read", "imported", "rejected", "errors": [{"line", "column", "rule", "severity",
 * "message"}]} (warnings included). OMBUDS_INVALID when errors refused the file; with
 * skip_invalid: OMBUDS_OK when at least one record passed (stored, or with dry_run would be),
 * the refused records counted in "rejected". OMBUDS_IO when the file cannot be read. */
OMBUDS_API int ombuds_import_file(ombuds_db* db, const char* path, const char* options_json,
                                  char** out_json);

/* Computes the report. `request_json`: {"from", "to", "compare_from"?, "compare_to"?,
 * "compare"?: false, "format"?: "json"|"md"|"html"|"csv", "audience"?: "advisor"|
 * "administration"|"public", "lang"?: "da"|"en", "min_count"?: integer}. Without compare
 * fields the comparison is the same dates one year earlier. For "administration" and "public"
 * small counts are hidden: "min_count" is the smallest count shown (default: the register's
 * configuration, 5), never below 3; a comparison period that overlaps the period is refused
 * (OMBUDS_MISUSE), as is a "min_count" below 3. *out_text: the report (JSON: schema
 * "ombuds.report/1"). */
OMBUDS_API int ombuds_report(ombuds_db* db, const char* request_json, char** out_text);

/* Frees any string ombuds returned; NULL is fine. */
OMBUDS_API void ombuds_free(void* p);

#ifdef __cplusplus
}
#endif

#endif /* OMBUDS_OMBUDS_H */
