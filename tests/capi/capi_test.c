/* SPDX-License-Identifier: MPL-2.0 */
/* The C API from C: every function, with good and bad arguments. Compiled as C99 with
 * -Wall -Wextra -Werror -pedantic. Usage: capi_test WORK_DIR
 * With OMBUDS_TEST_LOCATION (a PostgreSQL URI) the registers are schemas on that server. */
#define _POSIX_C_SOURCE 200112L /* setenv, getpid */

#include <ombuds/ombuds.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

/* The PostgreSQL location of the run, or NULL: SQLite. */
static const char* postgresql_base(void) {
    const char* base = getenv("OMBUDS_TEST_LOCATION");
    return base && *base ? base : NULL;
}

/* The register NAME of this run: NAME.db in the work directory, or a schema of its own on the
 * PostgreSQL server (the pseudonym key in the work directory: main sets OMBUDS_KEY_FILE). */
static const char* register_location(char* out, size_t size, const char* dir, const char* name) {
    if (postgresql_base())
        snprintf(out, size, "%s&schema=c99_%ld_%s", postgresql_base(), (long)getpid(), name);
    else
        snprintf(out, size, "%s/%s.db", dir, name);
    return out;
}

/* A register of its own that lives as long as its handle: SQLite's ":memory:", or on
 * PostgreSQL a schema of its own. */
static const char* memory_register(char* out, size_t size, const char* name) {
    if (!postgresql_base()) return ":memory:";
    return register_location(out, size, "", name);
}

static ombuds_record* complaint(const char* case_id, const char* role, const char* main_case_id) {
    ombuds_record* rec = NULL;
    CHECK_STATUS(OMBUDS_OK, ombuds_record_new(&rec));
    CHECK_STATUS(OMBUDS_OK, ombuds_record_set(rec, "case_id", case_id));
    CHECK_STATUS(OMBUDS_OK, ombuds_record_set(rec, "citizen", "211062-5629"));
    CHECK_STATUS(OMBUDS_OK, ombuds_record_set(rec, "kind", "Klage"));
    CHECK_STATUS(OMBUDS_OK, ombuds_record_set(rec, "role", role));
    CHECK_STATUS(OMBUDS_OK, ombuds_record_set(rec, "main_case_id", main_case_id));
    CHECK_STATUS(OMBUDS_OK, ombuds_record_set(rec, "received", "2024-03-04"));
    CHECK_STATUS(OMBUDS_OK, ombuds_record_set(rec, "unit", "BSF-JOB-SDP"));
    CHECK_STATUS(OMBUDS_OK, ombuds_record_set(rec, "theme", "slow_processing"));
    CHECK_STATUS(OMBUDS_OK, ombuds_record_set(rec, "action", "complaint_dialogue"));
    return rec;
}

static long count_cases(ombuds_db* db) {
    char* text = NULL;
    long cases = -1;
    if (ombuds_report(db, "{\"from\": \"2024-01-01\", \"to\": \"2024-12-31\", \"compare\": false}",
                      &text) == OMBUDS_OK) {
        const char* at = strstr(text, "\"cases\": ");
        if (at) cases = strtol(at + 9, NULL, 10);
    }
    ombuds_free(text);
    return cases;
}

static void test_basics(void) {
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", OMBUDS_VERSION_MAJOR, OMBUDS_VERSION_MINOR,
             OMBUDS_VERSION_PATCH);
    CHECK(strcmp(ombuds_version(), expected) == 0); /* the header and the library agree */
    CHECK(strcmp(ombuds_status_name(OMBUDS_OK), "OMBUDS_OK") == 0);
    CHECK(strcmp(ombuds_status_name(OMBUDS_INTERNAL), "OMBUDS_INTERNAL") == 0);
    CHECK(strcmp(ombuds_status_name(1234), "OMBUDS_UNKNOWN") == 0);
    CHECK_STATUS(OMBUDS_OK, ombuds_close(NULL));
    ombuds_free(NULL);
    ombuds_record_free(NULL);
    CHECK(ombuds_errmsg(NULL) != NULL);
}

static void test_open_errors(const char* dir) {
    ombuds_db* db = (ombuds_db*)1;
    char path[4096], memory[4096];
    const char* scratch = memory_register(memory, sizeof memory, "open_errors");
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_open(NULL, NULL, &db));
    CHECK(db == NULL);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_open(scratch, NULL, NULL));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_open(scratch, "{not json", &db));
    CHECK(db == NULL);
    CHECK(strlen(ombuds_errmsg(NULL)) > 0);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_open(scratch, "{\"create\": \"yes\"}", &db));
    /* No such file, or no such schema. */
    register_location(path, sizeof path, dir, "missing");
    CHECK_STATUS(OMBUDS_NOT_FOUND, ombuds_open(path, "{\"create\": false}", &db));
    CHECK(db == NULL);
    CHECK_STATUS(OMBUDS_MISUSE,
                 ombuds_open(scratch, "{\"organisation_file\": \"/nonexistent.json\"}", &db));
    if (postgresql_base()) {
        /* A schema holding other tables (every database's information_schema) is no register. */
        snprintf(path, sizeof path, "%s&schema=information_schema", postgresql_base());
        CHECK_STATUS(OMBUDS_CORRUPT, ombuds_open(path, NULL, &db));
        CHECK(db == NULL);
    } else {
        /* A file that is not SQLite's. */
        FILE* junk;
        snprintf(path, sizeof path, "%s/junk.db", dir);
        junk = fopen(path, "wb");
        CHECK(junk != NULL);
        if (junk) {
            int i;
            for (i = 0; i < 4096; ++i) fputc('x', junk);
            fclose(junk);
        }
        snprintf(path, sizeof path, "%s/junk.db.key", dir);
        junk = fopen(path, "wb");
        if (junk) {
            /* A key ombuds accepts (random, private): the register itself is refused. */
            fputs("3f9a1c7e55d20b86e4a7c1f09b3d6e2a8c5f4b1d7e0a9c3b6f2d8e5a1c4b7f90\n", junk);
            fclose(junk);
            chmod(path, 0600);
        }
        snprintf(path, sizeof path, "%s/junk.db", dir);
        CHECK_STATUS(OMBUDS_CORRUPT, ombuds_open(path, NULL, &db));
    }
}

static void test_records(void) {
    ombuds_record* rec = NULL;
    char big[70000];
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_new(NULL));
    CHECK_STATUS(OMBUDS_OK, ombuds_record_new(&rec));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_set(rec, "colour", "red"));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_set(rec, "Case_ID", "K1"));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_set(rec, NULL, "K1"));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_set(NULL, "case_id", "K1"));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_set(rec, "note", "bad \xff\xfe utf-8"));
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_set(rec, "note", big));
    CHECK_STATUS(OMBUDS_OK, ombuds_record_set(rec, "note", "fin tekst æøå"));
    CHECK_STATUS(OMBUDS_OK, ombuds_record_set(rec, "note", NULL));
    CHECK_STATUS(OMBUDS_OK, ombuds_record_clear(rec));
    ombuds_record_free(rec);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_set(rec, "case_id", "K1")); /* freed */
}

/* A string of `size` bytes of 'a' (16 MiB and more: what a host may pass by mistake). */
static char* long_string(size_t size) {
    char* text = malloc(size + 1);
    if (text) {
        memset(text, 'a', size);
        text[size] = '\0';
    }
    return text;
}

/* Every function taking a handle refuses NULL and a closed handle with OMBUDS_MISUSE, sets its
 * output pointer to NULL, and the message is never NULL. */
static void test_null_and_closed_handles(void) {
    ombuds_db *closed = NULL, *handles[2];
    ombuds_record *rec = complaint("C1", "main", NULL), *freed = NULL;
    char *out, memory[4096];
    int i;
    CHECK_STATUS(OMBUDS_OK,
                 ombuds_open(memory_register(memory, sizeof memory, "closed"), NULL, &closed));
    CHECK_STATUS(OMBUDS_OK, ombuds_close(closed));
    handles[0] = NULL;
    handles[1] = closed;
    for (i = 0; i < 2; ++i) {
        ombuds_db* db = handles[i];
        out = (char*)1;
        CHECK_STATUS(OMBUDS_MISUSE, ombuds_validate(db, rec, &out));
        CHECK(out == NULL);
        out = (char*)1;
        CHECK_STATUS(OMBUDS_MISUSE, ombuds_insert(db, rec, &out));
        CHECK(out == NULL);
        CHECK_STATUS(OMBUDS_MISUSE, ombuds_delete_case(db, "C1"));
        CHECK_STATUS(OMBUDS_MISUSE, ombuds_begin(db));
        CHECK_STATUS(OMBUDS_MISUSE, ombuds_commit(db));
        CHECK_STATUS(OMBUDS_MISUSE, ombuds_rollback(db));
        out = (char*)1;
        CHECK_STATUS(OMBUDS_MISUSE, ombuds_import_file(db, "/nonexistent.csv", NULL, &out));
        CHECK(out == NULL);
        out = (char*)1;
        CHECK_STATUS(OMBUDS_MISUSE,
                     ombuds_report(db, "{\"from\": \"2024-01-01\", \"to\": \"2024-12-31\"}", &out));
        CHECK(out == NULL);
        CHECK(ombuds_errmsg(db) != NULL);
    }
    CHECK(strlen(ombuds_errmsg(closed)) > 0);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_close(closed)); /* closing twice */

    /* A freed record is refused by every function that takes one. */
    CHECK_STATUS(OMBUDS_OK, ombuds_record_new(&freed));
    ombuds_record_free(freed);
    CHECK_STATUS(OMBUDS_OK,
                 ombuds_open(memory_register(memory, sizeof memory, "handles"), NULL, &handles[0]));
    out = (char*)1;
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_validate(handles[0], freed, &out));
    CHECK(out == NULL);
    CHECK(strstr(ombuds_errmsg(handles[0]), "record") != NULL);
    out = (char*)1;
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_insert(handles[0], freed, &out));
    CHECK(out == NULL);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_set(freed, "case_id", "C1"));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_clear(freed));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_clear(NULL));
    ombuds_record_free(freed); /* freeing twice is harmless */
    /* The handle still works after all that misuse. */
    CHECK_STATUS(OMBUDS_OK, ombuds_insert(handles[0], rec, NULL));
    CHECK(strcmp(ombuds_errmsg(handles[0]), "") == 0);
    CHECK_STATUS(OMBUDS_OK, ombuds_close(handles[0]));
    ombuds_record_free(rec);
}

/* Invalid UTF-8, empty strings, 16 MiB strings and unknown option keys on every string argument:
 * a status, never a crash. */
static void test_bad_strings(const char* dir) {
    const size_t huge = (size_t)16 << 20;
    char *big = long_string(huge), *big_request = NULL, path[4096], location[4096];
    const char* scratch = memory_register(location, sizeof location, "bad_strings");
    ombuds_db *db = NULL, *other = (ombuds_db*)1;
    ombuds_record* rec = NULL;
    char* out;
    CHECK(big != NULL);
    if (!big) return;

    /* ombuds_open */
    {
        char bad[4096];
        CHECK_STATUS(
            OMBUDS_MISUSE,
            ombuds_open(register_location(bad, sizeof bad, dir, "bad-\xff\xfe"), NULL, &other));
    }
    CHECK(other == NULL);
    CHECK(strstr(ombuds_errmsg(NULL), "UTF-8") != NULL);
    snprintf(path, sizeof path, "%s/bad-\xff\xfe.db", dir); /* a file name, for the import below */
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_open("", NULL, &other));
    if (postgresql_base()) {
        /* No schema name can be that long: refused before anything is sent. */
        char* big_location = malloc(strlen(postgresql_base()) + huge + 16);
        CHECK(big_location != NULL);
        if (big_location) {
            sprintf(big_location, "%s&schema=%s", postgresql_base(), big);
            CHECK_STATUS(OMBUDS_MISUSE, ombuds_open(big_location, NULL, &other));
            CHECK(strlen(ombuds_errmsg(NULL)) < 1000); /* the location shown cut, not echoed */
            free(big_location);
        }
    } else {
        CHECK_STATUS(OMBUDS_IO, ombuds_open(big, NULL, &other)); /* no such file name can exist */
        CHECK(strlen(ombuds_errmsg(NULL)) < 1000); /* the location shown cut, not echoed */
    }
    CHECK(other == NULL);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_open(scratch, "{\"key_file\": \"\xff\"}", &other));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_open(scratch, "{\"organisation\": \"org.json\"}", &other));
    CHECK(strstr(ombuds_errmsg(NULL), "organisation") != NULL);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_open(scratch, "[]", &other));
    CHECK(other == NULL);
    CHECK_STATUS(OMBUDS_OK, ombuds_open(scratch, "", &db));
    CHECK(db != NULL);

    /* ombuds_record_set */
    CHECK_STATUS(OMBUDS_OK, ombuds_record_new(&rec));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_set(rec, "", "x"));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_set(rec, big, "x"));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_set(rec, "case\xff", "x"));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_set(rec, "note", big));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_set(rec, "note", "\xc3")); /* truncated sequence */
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_set(rec, "note", "\xed\xa0\x80")); /* a surrogate */
    CHECK_STATUS(OMBUDS_OK, ombuds_record_set(rec, "note", ""));
    big[65536] = '\0'; /* the longest value taken */
    CHECK_STATUS(OMBUDS_OK, ombuds_record_set(rec, "case_id", big));
    big[65536] = 'a';
    out = NULL;
    CHECK_STATUS(OMBUDS_INVALID, ombuds_validate(db, rec, &out)); /* refused by the rules */
    CHECK(out != NULL && strstr(out, "\"field\":\"case_id\"") != NULL);
    ombuds_free(out);
    ombuds_record_free(rec);

    /* ombuds_delete_case */
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_delete_case(db, "K\xff"));
    CHECK(strstr(ombuds_errmsg(db), "UTF-8") != NULL);
    CHECK_STATUS(OMBUDS_NOT_FOUND, ombuds_delete_case(db, ""));
    CHECK_STATUS(OMBUDS_NOT_FOUND, ombuds_delete_case(db, big));
    CHECK(strlen(ombuds_errmsg(db)) < 4096); /* the message quotes a short prefix */

    /* ombuds_import_file */
    out = (char*)1;
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_import_file(db, path, NULL, &out)); /* path not UTF-8 */
    CHECK(out == NULL);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_import_file(db, NULL, NULL, &out));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_import_file(db, "", NULL, &out));
    CHECK_STATUS(OMBUDS_IO, ombuds_import_file(db, big, NULL, &out));
    CHECK(out == NULL);
    CHECK_STATUS(OMBUDS_MISUSE,
                 ombuds_import_file(db, "/nonexistent.csv", "{\"skip\": true}", &out));
    CHECK_STATUS(OMBUDS_MISUSE,
                 ombuds_import_file(db, "/nonexistent.csv", "{\"dry_run\": 1}", &out));
    CHECK(out == NULL);

    /* ombuds_report */
    out = (char*)1;
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_report(db,
                                              "{\"from\": \"2024-01-01\", \"to\": \"2024-12-31\", "
                                              "\"audiance\": \"public\"}",
                                              &out));
    CHECK(out == NULL);
    CHECK(strstr(ombuds_errmsg(db), "audiance") != NULL);
    CHECK_STATUS(OMBUDS_MISUSE,
                 ombuds_report(db, "{\"from\": \"2024-01-01\", \"to\": \"\xff\"}", &out));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_report(db, "", &out));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_report(db, big, &out)); /* not JSON */
    CHECK_STATUS(OMBUDS_MISUSE,
                 ombuds_report(db, "{\"from\": \"2024-01-01\", \"to\": \"2024-12-31\"}", NULL));
    CHECK_STATUS(OMBUDS_MISUSE,
                 ombuds_report(db, "{\"from\": \"2024-12-31\", \"to\": \"2024-01-01\"}", &out));
    CHECK_STATUS(OMBUDS_MISUSE,
                 ombuds_report(db, "{\"from\": \"2024-02-30\", \"to\": \"2024-12-31\"}", &out));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_report(db,
                                              "{\"from\": \"2024-01-01\", \"to\": \"2024-12-31\", "
                                              "\"compare_from\": \"2023-01-01\"}",
                                              &out));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_report(db,
                                              "{\"from\": \"2024-01-01\", \"to\": \"2024-12-31\", "
                                              "\"audience\": \"press\"}",
                                              &out));
    CHECK(out == NULL);
    /* Outside the office: a threshold below 3 and a comparison sharing days are refused. */
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_report(db,
                                              "{\"from\": \"2024-01-01\", \"to\": \"2024-12-31\", "
                                              "\"audience\": \"public\", \"min_count\": 2}",
                                              &out));
    CHECK(out == NULL);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_report(db,
                                              "{\"from\": \"2024-01-01\", \"to\": \"2024-12-31\", "
                                              "\"min_count\": \"5\"}",
                                              &out));
    CHECK_STATUS(OMBUDS_MISUSE,
                 ombuds_report(db,
                               "{\"from\": \"2024-01-01\", \"to\": \"2024-12-31\", \"audience\": "
                               "\"administration\", \"compare_from\": \"2023-07-01\", "
                               "\"compare_to\": \"2024-06-30\"}",
                               &out));
    CHECK(out == NULL);
    CHECK(strstr(ombuds_errmsg(db), "overlapper") != NULL);
    CHECK_STATUS(OMBUDS_OK, ombuds_report(db,
                                          "{\"from\": \"2024-01-01\", \"to\": \"2024-12-31\", "
                                          "\"audience\": \"public\", \"min_count\": 3}",
                                          &out));
    CHECK(out != NULL && strstr(out, "\"min_count\": 3") != NULL);
    ombuds_free(out);
    out = NULL;
    big_request = malloc(huge + 64);
    CHECK(big_request != NULL);
    if (big_request) {
        /* A 16 MiB JSON request, well formed, with a "from" that is no date. */
        strcpy(big_request, "{\"to\": \"2024-12-31\", \"from\": \"");
        memcpy(big_request + strlen(big_request), big, huge);
        strcpy(big_request + strlen("{\"to\": \"2024-12-31\", \"from\": \"") + huge, "\"}");
        CHECK_STATUS(OMBUDS_MISUSE, ombuds_report(db, big_request, &out));
        CHECK(out == NULL);
        free(big_request);
    }
    CHECK(ombuds_errmsg(db) != NULL);
    CHECK_STATUS(OMBUDS_OK, ombuds_close(db));
    free(big);
}

static void test_validate_insert_delete(void) {
    ombuds_db* db = NULL;
    ombuds_record *main_case, *follow_up, *bad;
    char *json = NULL, memory[4096];
    CHECK_STATUS(OMBUDS_OK,
                 ombuds_open(memory_register(memory, sizeof memory, "validate"), NULL, &db));
    main_case = complaint("K1", "main", NULL);
    follow_up = complaint("K2", "follow_up", "K1");

    /* The follow-up before its main case is refused, naming the rule; nothing is stored. */
    CHECK_STATUS(OMBUDS_INVALID, ombuds_insert(db, follow_up, &json));
    CHECK(json != NULL && strstr(json, "followup.requires_main") != NULL);
    CHECK(json != NULL && strstr(json, "5629") == NULL); /* no CPR number in messages */
    ombuds_free(json);
    CHECK(strstr(ombuds_errmsg(db), "followup.requires_main") != NULL);

    CHECK_STATUS(OMBUDS_OK, ombuds_validate(db, main_case, &json));
    CHECK(json != NULL && strcmp(json, "[]") == 0);
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_OK, ombuds_insert(db, main_case, NULL));
    CHECK(strcmp(ombuds_errmsg(db), "") == 0);
    CHECK_STATUS(OMBUDS_OK, ombuds_insert(db, follow_up, &json));
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_INVALID, ombuds_insert(db, main_case, &json)); /* id.unique */
    CHECK(json != NULL && strstr(json, "id.unique") != NULL);
    ombuds_free(json);

    bad = complaint("K3", "main", NULL);
    CHECK_STATUS(OMBUDS_OK, ombuds_record_set(bad, "kind", "klagee"));
    CHECK_STATUS(OMBUDS_INVALID, ombuds_validate(db, bad, &json));
    CHECK(json != NULL && strstr(json, "\"code.known\"") != NULL &&
          strstr(json, "\"field\":\"kind\"") != NULL);
    ombuds_free(json);

    CHECK_STATUS(OMBUDS_CONFLICT, ombuds_delete_case(db, "K1"));
    CHECK_STATUS(OMBUDS_NOT_FOUND, ombuds_delete_case(db, "K9"));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_delete_case(db, NULL));
    CHECK_STATUS(OMBUDS_OK, ombuds_delete_case(db, "K2"));
    CHECK_STATUS(OMBUDS_OK, ombuds_delete_case(db, "K1"));
    CHECK(count_cases(db) == 0);

    CHECK_STATUS(OMBUDS_MISUSE, ombuds_validate(NULL, main_case, &json));
    CHECK(json == NULL);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_validate(db, NULL, &json));
    ombuds_record_free(main_case);
    ombuds_record_free(follow_up);
    ombuds_record_free(bad);
    CHECK_STATUS(OMBUDS_OK, ombuds_close(db));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_begin(db)); /* closed handle */
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_close(db));
}

static void test_transactions(const char* dir) {
    ombuds_db* db = NULL;
    ombuds_record *a = complaint("T1", "main", NULL), *b = complaint("T2", "main", NULL);
    char path[4096];
    register_location(path, sizeof path, dir, "tx");
    CHECK_STATUS(OMBUDS_OK, ombuds_open(path, NULL, &db));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_commit(db));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_rollback(db));
    CHECK_STATUS(OMBUDS_OK, ombuds_begin(db));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_begin(db));
    CHECK_STATUS(OMBUDS_OK, ombuds_insert(db, a, NULL));
    CHECK_STATUS(OMBUDS_OK, ombuds_insert(db, b, NULL));
    CHECK_STATUS(OMBUDS_OK, ombuds_rollback(db));
    CHECK(count_cases(db) == 0);
    CHECK_STATUS(OMBUDS_OK, ombuds_begin(db));
    CHECK_STATUS(OMBUDS_OK, ombuds_insert(db, a, NULL));
    CHECK_STATUS(OMBUDS_OK, ombuds_insert(db, b, NULL));
    CHECK_STATUS(OMBUDS_OK, ombuds_commit(db));
    CHECK(count_cases(db) == 2);
    /* A transaction left open is rolled back by close. */
    CHECK_STATUS(OMBUDS_OK, ombuds_begin(db));
    CHECK_STATUS(OMBUDS_OK, ombuds_delete_case(db, "T1"));
    CHECK_STATUS(OMBUDS_OK, ombuds_close(db));
    CHECK_STATUS(OMBUDS_OK, ombuds_open(path, "{\"create\": false}", &db));
    CHECK(count_cases(db) == 2);
    CHECK_STATUS(OMBUDS_OK, ombuds_close(db));
    ombuds_record_free(a);
    ombuds_record_free(b);
}

static void test_import_and_report(const char* dir) {
    ombuds_db* db = NULL;
    char path[4096], memory[4096], *json = NULL, *text = NULL;
    FILE* file;
    snprintf(path, sizeof path, "%s/cases.csv", dir);
    file = fopen(path, "w");
    CHECK(file != NULL);
    if (!file) return;
    fputs(
        "case_id;citizen;kind;role;main_case_id;received;unit;theme;action\n"
        "I1;211062-5629;complaint;main;;2024-03-04;BSF-JOB-SDP;no_reply;meeting\n"
        "I2;211062-5629;complaint;follow_up;I1;2024-03-04;BSF-JOB-SDP;hearing;meeting\n"
        "I3;070761-4285;inquiry;main;;2024-04-04;NOPE;advice_request;guidance\n",
        file);
    fclose(file);
    CHECK_STATUS(OMBUDS_OK,
                 ombuds_open(memory_register(memory, sizeof memory, "import"), NULL, &db));
    CHECK_STATUS(OMBUDS_INVALID, ombuds_import_file(db, path, NULL, &json));
    CHECK(json != NULL && strstr(json, "\"imported\":0") != NULL &&
          strstr(json, "unit.known") != NULL);
    CHECK(json != NULL && strstr(json, "\"line\":4") != NULL);
    ombuds_free(json);
    CHECK(count_cases(db) == 0);
    CHECK_STATUS(OMBUDS_INVALID, ombuds_import_file(db, path, "{\"dry_run\": true}", &json));
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_OK, ombuds_import_file(
                                db, path, "{\"skip_invalid\": true, \"dry_run\": true}", &json));
    CHECK(json != NULL && strstr(json, "\"rejected\":1") != NULL);
    ombuds_free(json);
    CHECK(count_cases(db) == 0); /* a dry run stores nothing */
    CHECK_STATUS(OMBUDS_OK, ombuds_import_file(db, path, "{\"skip_invalid\": true}", &json));
    CHECK(json != NULL && strstr(json, "\"imported\":2") != NULL &&
          strstr(json, "\"rejected\":1") != NULL);
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_IO, ombuds_import_file(db, "/nonexistent/cases.csv", NULL, &json));
    CHECK(json == NULL);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_import_file(db, path, "{\"format\": \"xls\"}", &json));

    CHECK_STATUS(OMBUDS_OK,
                 ombuds_report(db, "{\"from\": \"2024-01-01\", \"to\": \"2024-12-31\"}", &text));
    CHECK(text != NULL && strstr(text, "\"schema\": \"ombuds.report/1\"") != NULL);
    CHECK(text != NULL &&
          strstr(text, "\"from\": \"2023-01-01\"") != NULL); /* default comparison */
    ombuds_free(text);
    CHECK_STATUS(
        OMBUDS_OK,
        ombuds_report(
            db, "{\"from\": \"2024-01-01\", \"to\": \"2024-12-31\", \"format\": \"html\"}", &text));
    CHECK(text != NULL && strncmp(text, "<!DOCTYPE html>", 15) == 0);
    ombuds_free(text);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_report(db, "{\"from\": \"2024-01-01\"}", &text));
    CHECK(text == NULL);
    CHECK(strlen(ombuds_errmsg(db)) > 0);
    CHECK_STATUS(
        OMBUDS_MISUSE,
        ombuds_report(db, "{\"from\": \"2024-01-01\", \"to\": \"2024-12-31\", \"format\": \"pdf\"}",
                      &text));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_report(db, "[1]", &text));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_report(db, NULL, &text));
    CHECK_STATUS(OMBUDS_OK, ombuds_close(db));
}

/* ombuds_table: a count by two dimensions with its totals, and its misuses. */
static void test_table(void) {
    ombuds_db* db = NULL;
    ombuds_record* rec = NULL;
    char *json = NULL, *text = NULL, memory[4096];
    const char* cases[][4] = {{"T1", "complaint", "no_reply", "meeting"},
                              {"T2", "complaint", "hearing", "meeting"},
                              {"T3", "inquiry", "advice_request", "guidance"}};
    int i;
    CHECK_STATUS(OMBUDS_OK,
                 ombuds_open(memory_register(memory, sizeof memory, "table"), NULL, &db));
    for (i = 0; i < 3; ++i) {
        CHECK_STATUS(OMBUDS_OK, ombuds_record_new(&rec));
        ombuds_record_set(rec, "case_id", cases[i][0]);
        ombuds_record_set(rec, "kind", cases[i][1]);
        ombuds_record_set(rec, "role", "main");
        ombuds_record_set(rec, "received", "2024-03-04");
        ombuds_record_set(rec, "unit", "BSF-JOB-SDP");
        ombuds_record_set(rec, "theme", cases[i][2]);
        ombuds_record_set(rec, "action", cases[i][3]);
        CHECK_STATUS(OMBUDS_OK, ombuds_insert(db, rec, &json));
        ombuds_free(json);
        ombuds_record_free(rec);
    }
    CHECK_STATUS(OMBUDS_OK, ombuds_table(db,
                                         "{\"rows\": \"kind\", \"cols\": \"theme_group\", "
                                         "\"from\": \"2024-01-01\", \"to\": \"2024-12-31\"}",
                                         &text));
    CHECK(text != NULL && strstr(text, "\"schema\": \"ombuds.table/1\"") != NULL);
    CHECK(text != NULL && strstr(text, "\"total\": 3") != NULL);
    ombuds_free(text);
    CHECK_STATUS(OMBUDS_OK, ombuds_table(db,
                                         "{\"rows\": \"theme\", \"where\": {\"kind\": "
                                         "[\"complaint\"]}, \"from\": \"2024-01-01\", "
                                         "\"to\": \"2024-12-31\", \"format\": \"csv\"}",
                                         &text));
    CHECK(text != NULL && strstr(text, "I alt;2") != NULL);
    ombuds_free(text);
    text = (char*)1;
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_table(db,
                                             "{\"rows\": \"colour\", \"from\": \"2024-01-01\", "
                                             "\"to\": \"2024-12-31\"}",
                                             &text));
    CHECK(text == NULL);
    CHECK(strstr(ombuds_errmsg(db), "colour") != NULL || strstr(ombuds_errmsg(db), "rows") != NULL);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_table(db, "{\"rows\": \"kind\"}", &text));
    CHECK_STATUS(OMBUDS_MISUSE,
                 ombuds_table(db,
                              "{\"rows\": \"kind\", \"where\": {\"kind\": \"nothing\"}, "
                              "\"from\": \"2024-01-01\", \"to\": \"2024-12-31\"}",
                              &text));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_table(db,
                                             "{\"rows\": \"kind\", \"format\": \"xlsx\", "
                                             "\"from\": \"2024-01-01\", \"to\": \"2024-12-31\"}",
                                             &text));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_table(db, NULL, &text));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_table(NULL, "{}", &text));
    CHECK_STATUS(OMBUDS_OK, ombuds_close(db));
}

int main(int argc, char** argv) {
    const char* dir = argc > 1 ? argv[1] : ".";
    if (postgresql_base()) {
        char key[4096];
        snprintf(key, sizeof key, "%s/registers.key", dir);
        setenv("OMBUDS_KEY_FILE", key, 1);
    }
    test_basics();
    test_open_errors(dir);
    test_records();
    test_null_and_closed_handles();
    test_bad_strings(dir);
    test_validate_insert_delete();
    test_transactions(dir);
    test_import_and_report(dir);
    test_table();
    if (failures) {
        fprintf(stderr, "%d checks failed\n", failures);
        return 1;
    }
    printf("all C API checks passed\n");
    return 0;
}
