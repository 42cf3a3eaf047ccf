/* SPDX-License-Identifier: MPL-2.0 */
/* The life of one main case and its two follow-ups as a journal system lives it, through the C
 * API: arrival without an action, first response, closing, correction, a refused change,
 * read-back, listing, the catalogue, the insight export and erasure, with every status as
 * ombuds.h documents it. C99, -Wall -Wextra -Werror -pedantic. Usage: lifecycle_test WORK_DIR
 * With OMBUDS_TEST_LOCATION (a PostgreSQL URI) the registers are schemas on that server. */
#define _POSIX_C_SOURCE 200112L /* setenv, getpid */

#include <ombuds/ombuds.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

/* The register NAME of this run: NAME.db in the work directory, or with OMBUDS_TEST_LOCATION a
 * schema of its own on that PostgreSQL server, its key file where SQLite keeps it. */
static void register_location(char* out, size_t size, const char* dir, const char* name) {
    const char* base = getenv("OMBUDS_TEST_LOCATION");
    char key[4096];
    if (!base || !*base) {
        snprintf(out, size, "%s/%s.db", dir, name);
        return;
    }
    snprintf(out, size, "%s&schema=c%ld_%s", base, (long)getpid(), name);
    snprintf(key, sizeof key, "%s/%s.db.key", dir, name);
    setenv("OMBUDS_KEY_FILE", key, 1);
}

#define CPR "211062-5629"
#define OTHER_CPR "070761-4285"

/* Whether `text` holds `needle`; a NULL text holds nothing. */
static int has(const char* text, const char* needle) {
    return text != NULL && strstr(text, needle) != NULL;
}

/* How many times `needle` occurs in `text`. */
static int occurrences(const char* text, const char* needle) {
    int n = 0;
    const char* at = text;
    while (at && (at = strstr(at, needle)) != NULL) {
        ++n;
        at += strlen(needle);
    }
    return n;
}

/* Whether a flat JSON object in `text` holds both `member` and `other` (e.g. "\"rule\":\"x\""
 * and "\"field\":\"y\""), in any order. */
static int object_with(const char* text, const char* member, const char* other) {
    const char* at = text;
    while (at && (at = strstr(at, member)) != NULL) {
        const char *open = at, *close = strchr(at, '}');
        while (open > text && *open != '{') --open;
        if (close) {
            const char* found = strstr(open, other);
            if (found && found < close) return 1;
        }
        at += strlen(member);
    }
    return 0;
}

/* Whether the violations name `rule` on `field`. */
static int violation(const char* json, const char* rule, const char* field) {
    char member[128], other[128];
    snprintf(member, sizeof member, "\"rule\":\"%s\"", rule);
    snprintf(other, sizeof other, "\"field\":\"%s\"", field);
    return object_with(json, member, other);
}

/* A record of name/value pairs, ended by NULL: only the named fields are set, as a form sends
 * them (ombuds_update changes only those). */
static ombuds_record* record_of(const char* first, ...) {
    ombuds_record* rec = NULL;
    const char* name = first;
    va_list args;
    CHECK_STATUS(OMBUDS_OK, ombuds_record_new(&rec));
    va_start(args, first);
    while (name != NULL) {
        const char* value = va_arg(args, const char*);
        CHECK_STATUS(OMBUDS_OK, ombuds_record_set(rec, name, value));
        name = va_arg(args, const char*);
    }
    va_end(args);
    return rec;
}

/* Runs `call` on a record made of the pairs and frees it; returns the status, the answer in
 * *out_json (the caller frees it). */
typedef int (*record_call)(ombuds_db*, const ombuds_record*, char**);
static int with_record(ombuds_db* db, record_call call, char** out_json, ombuds_record* rec) {
    int status = call(db, rec, out_json);
    ombuds_record_free(rec);
    return status;
}

/* The stored case as JSON (the caller frees it); NULL when not found. */
static char* stored(ombuds_db* db, const char* case_id) {
    char* json = NULL;
    int status = ombuds_get_case(db, case_id, &json);
    CHECK(status == OMBUDS_OK || status == OMBUDS_NOT_FOUND);
    return json;
}

/* Arrival: registered open on the day it arrives, the advisor's effort not known yet. */
static void arrival(ombuds_db* db) {
    char* json = (char*)1;
    ombuds_record* form;

    /* A form validates as the caseworker types; each violation names its rule and field, and
     * every rule that can be checked is checked at once. */
    form = record_of("case_id", "S-101", "inquiry_id", "H-17", "citizen", CPR, "kind", "Klage",
                     "role", "Hovedsag", "received", "03-03-2025", "theme", "slow_processing",
                     "unit", "NOPE", NULL);
    CHECK_STATUS(OMBUDS_INVALID, ombuds_validate(db, form, &json));
    /* In the order documented: rule, field, severity, message. */
    CHECK(has(json,
              "[{\"rule\":\"unit.known\",\"field\":\"unit\",\"severity\":\"error\",\"message\":"));
    CHECK(!has(json, "field.required")); /* no action is no error while the case is open */
    CHECK(!has(json, "5629"));           /* never the CPR number, in any message */
    CHECK(strcmp(ombuds_errmsg(db), "posten blev afvist: unit.known (unit)") == 0);
    ombuds_free(json);

    /* Closing a case with no action is refused (closed.needs_action). */
    CHECK_STATUS(OMBUDS_OK, ombuds_record_set(form, "unit", "BSF-JOB-SDP"));
    CHECK_STATUS(OMBUDS_OK, ombuds_record_set(form, "closed", "2025-03-04"));
    CHECK_STATUS(OMBUDS_INVALID, ombuds_validate(db, form, &json));
    CHECK(violation(json, "closed.needs_action", "action"));
    ombuds_free(json);

    CHECK_STATUS(OMBUDS_OK, ombuds_record_set(form, "closed", ""));
    CHECK_STATUS(OMBUDS_OK, ombuds_validate(db, form, &json));
    CHECK(json != NULL && strcmp(json, "[]") == 0);
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_OK, ombuds_insert(db, form, &json));
    CHECK(json != NULL && strcmp(json, "[]") == 0);
    CHECK(strcmp(ombuds_errmsg(db), "") == 0);
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_INVALID, ombuds_insert(db, form, &json)); /* stored once */
    CHECK(has(json, "\"id.unique\""));
    ombuds_free(json);
    ombuds_record_free(form);

    /* Two follow-ups: further problems of the same matter, same citizen. */
    CHECK_STATUS(OMBUDS_OK,
                 with_record(db, ombuds_insert, NULL,
                             record_of("case_id", "S-102", "citizen", CPR, "kind", "complaint",
                                       "role", "follow_up", "main_case_id", "S-101", "received",
                                       "2025-03-03", "unit", "BSF-JOB-KH", "theme", "hearing",
                                       "note", "Borgeren ringede om partshøringen", NULL)));
    CHECK_STATUS(
        OMBUDS_OK,
        with_record(db, ombuds_insert, NULL,
                    record_of("case_id", "S-103", "citizen", CPR, "kind", "inquiry", "role",
                              "follow_up", "main_case_id", "S-101", "received", "2025-03-05",
                              "unit", "BSF-YDELSE-BS", "theme", "advice_request", NULL)));
    /* A follow-up of another citizen, or of a case that does not exist, is refused. */
    CHECK_STATUS(OMBUDS_INVALID,
                 with_record(db, ombuds_insert, &json,
                             record_of("case_id", "S-104", "citizen", OTHER_CPR, "kind",
                                       "complaint", "role", "follow_up", "main_case_id", "S-101",
                                       "received", "2025-03-05", "theme", "no_reply", NULL)));
    CHECK(has(json, "\"followup.requires_main\""));
    ombuds_free(json);
    json = stored(db, "S-104");
    CHECK(json == NULL); /* refused: nothing stored */
}

/* First response, closing, and the corrections a caseworker makes on the way. */
static void responses_and_closing(ombuds_db* db) {
    char* json = NULL;

    /* The first response, with the advisor's effort now known. A date before the case arrived
     * is refused, and nothing changes. */
    CHECK_STATUS(OMBUDS_INVALID,
                 with_record(db, ombuds_validate_update, &json,
                             record_of("case_id", "S-101", "first_response", "2025-03-01", NULL)));
    CHECK(violation(json, "dates.order", "first_response"));
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_INVALID,
                 with_record(db, ombuds_update, &json,
                             record_of("case_id", "S-101", "first_response", "2025-03-01", "action",
                                       "complaint_dialogue", NULL)));
    ombuds_free(json);
    json = stored(db, "S-101");
    CHECK(has(json, "\"first_response\":\"\"") && has(json, "\"action\":\"\""));
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_OK,
                 with_record(db, ombuds_validate_update, &json,
                             record_of("case_id", "S-101", "first_response", "2025-03-04", "action",
                                       "Dialogbaseret hjælp "
                                       "til klageproces",
                                       NULL)));
    ombuds_free(json);
    json = stored(db, "S-101");
    CHECK(has(json, "\"first_response\":\"\"")); /* validate_update stores nothing */
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_OK,
                 with_record(db, ombuds_update, &json,
                             record_of("case_id", "S-101", "first_response", "04-03-2025", "action",
                                       "complaint_dialogue", NULL)));
    CHECK(json != NULL && strcmp(json, "[]") == 0);
    ombuds_free(json);

    /* An action that does not fit the kind is refused. */
    CHECK_STATUS(OMBUDS_INVALID,
                 with_record(db, ombuds_update, &json,
                             record_of("case_id", "S-103", "action", "meeting", NULL)));
    CHECK(violation(json, "action.fits_kind", "action"));
    ombuds_free(json);

    /* Closing the main case: resolution and the administration's response. */
    CHECK_STATUS(OMBUDS_OK,
                 with_record(db, ombuds_update, &json,
                             record_of("case_id", "S-101", "closed", "2025-04-10", "resolution",
                                       "new_decision", "admin_response", "agrees", NULL)));
    CHECK(json != NULL && strcmp(json, "[]") == 0);
    ombuds_free(json);

    /* A follow-up closed without the advisor's effort is refused; with it, stored, and a
     * complaint closed without a resolution is stored with a warning. */
    CHECK_STATUS(OMBUDS_INVALID,
                 with_record(db, ombuds_update, &json,
                             record_of("case_id", "S-102", "closed", "2025-04-01", NULL)));
    CHECK(has(json, "\"closed.needs_action\""));
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_OK, with_record(db, ombuds_update, &json,
                                        record_of("case_id", "S-102", "closed", "2025-04-01",
                                                  "action", "decision_explained", NULL)));
    CHECK(violation(json, "closed.needs_resolution", "resolution"));
    CHECK(object_with(json, "\"rule\":\"closed.needs_resolution\"", "\"severity\":\"warning\""));
    ombuds_free(json);

    /* Correction of unit and theme: only the named fields change. */
    CHECK_STATUS(OMBUDS_OK, with_record(db, ombuds_update, &json,
                                        record_of("case_id", "S-102", "unit", "BSF-JOB-SDP",
                                                  "theme", "reasons", NULL)));
    ombuds_free(json);
    json = stored(db, "S-102");
    CHECK(has(json, "\"unit\":\"BSF-JOB-SDP\"") && has(json, "\"theme\":\"reasons\""));
    CHECK(has(json, "\"closed\":\"2025-04-01\"") && has(json, "\"action\":\"decision_explained\""));
    CHECK(has(json, "\"note\":\"Borgeren ringede om partshøringen\""));
    ombuds_free(json);

    /* Clearing a field: "" clears it. The note goes; the rest stays. */
    CHECK_STATUS(OMBUDS_OK, with_record(db, ombuds_update, &json,
                                        record_of("case_id", "S-102", "note", "", NULL)));
    ombuds_free(json);
    json = stored(db, "S-102");
    CHECK(has(json, "\"note\":\"\"") && has(json, "\"theme\":\"reasons\""));
    ombuds_free(json);

    /* No such case: OMBUDS_NOT_FOUND, for a change and for its check. No case id: misuse. */
    json = (char*)1;
    CHECK_STATUS(OMBUDS_NOT_FOUND,
                 with_record(db, ombuds_update, &json,
                             record_of("case_id", "S-999", "closed", "2025-04-01", NULL)));
    CHECK(json == NULL);
    CHECK(has(ombuds_errmsg(db), "S-999"));
    CHECK_STATUS(OMBUDS_NOT_FOUND,
                 with_record(db, ombuds_validate_update, &json,
                             record_of("case_id", "S-999", "closed", "2025-04-01", NULL)));
    CHECK_STATUS(OMBUDS_MISUSE,
                 with_record(db, ombuds_update, &json, record_of("closed", "2025-04-01", NULL)));
    CHECK(json == NULL);
}

/* The main case keeps its follow-ups: changing its citizen, its date received or its role
 * would leave them without a valid main case, so the change is refused and nothing changes. */
static void refused_changes(ombuds_db* db) {
    char* json = NULL;
    CHECK_STATUS(OMBUDS_INVALID,
                 with_record(db, ombuds_update, &json,
                             record_of("case_id", "S-101", "citizen", OTHER_CPR, NULL)));
    CHECK(violation(json, "main.keeps_followups", "citizen"));
    CHECK(!has(json, "4285") && !has(json, "5629"));
    CHECK(has(ombuds_errmsg(db), "main.keeps_followups"));
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_INVALID,
                 with_record(db, ombuds_validate_update, &json,
                             record_of("case_id", "S-101", "received", "2025-03-04", NULL)));
    CHECK(violation(json, "main.keeps_followups", "received"));
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_INVALID, with_record(db, ombuds_update, &json,
                                             record_of("case_id", "S-101", "role", "follow_up",
                                                       "main_case_id", "S-102", NULL)));
    CHECK(has(json, "\"main.keeps_followups\""));
    ombuds_free(json);
    /* Nor can it be deleted while they exist. */
    CHECK_STATUS(OMBUDS_CONFLICT, ombuds_delete_case(db, "S-101"));
    CHECK(has(ombuds_errmsg(db), "main.delete_with_followups"));

    /* Within a transaction: a refused change leaves the transaction open and the others in it;
     * a rollback undoes them all. */
    CHECK_STATUS(OMBUDS_OK, ombuds_begin(db));
    CHECK_STATUS(OMBUDS_OK, with_record(db, ombuds_update, NULL,
                                        record_of("case_id", "S-103", "unit", "TMF-BYG", NULL)));
    CHECK_STATUS(OMBUDS_INVALID,
                 with_record(db, ombuds_update, NULL,
                             record_of("case_id", "S-101", "citizen", OTHER_CPR, NULL)));
    json = stored(db, "S-103");
    CHECK(has(json, "\"unit\":\"TMF-BYG\"")); /* the transaction's own state */
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_OK, ombuds_rollback(db));
    json = stored(db, "S-103");
    CHECK(has(json, "\"unit\":\"BSF-YDELSE-BS\""));
    ombuds_free(json);
    /* ... or a commit stores the rest. */
    CHECK_STATUS(OMBUDS_OK, ombuds_begin(db));
    CHECK_STATUS(OMBUDS_OK, with_record(db, ombuds_update, NULL,
                                        record_of("case_id", "S-103", "unit", "TMF-BYG", NULL)));
    CHECK_STATUS(OMBUDS_INVALID,
                 with_record(db, ombuds_update, NULL,
                             record_of("case_id", "S-101", "citizen", OTHER_CPR, NULL)));
    CHECK_STATUS(OMBUDS_OK, ombuds_commit(db));
    json = stored(db, "S-103");
    CHECK(has(json, "\"unit\":\"TMF-BYG\""));
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_OK,
                 with_record(db, ombuds_update, NULL,
                             record_of("case_id", "S-103", "unit", "BSF-YDELSE-BS", NULL)));
}

static void read_back(ombuds_db* db) {
    char* json = stored(db, "S-101");
    CHECK(has(json, "\"case_id\":\"S-101\"") && has(json, "\"inquiry_id\":\"H-17\""));
    CHECK(has(json, "\"kind\":\"complaint\"") && has(json, "\"role\":\"main\""));
    CHECK(has(json, "\"received\":\"2025-03-03\"") &&
          has(json, "\"first_response\":\"2025-03-04\""));
    CHECK(has(json, "\"closed\":\"2025-04-10\"") && has(json, "\"action\":\"complaint_dialogue\""));
    CHECK(has(json, "\"resolution\":\"new_decision\"") &&
          has(json, "\"admin_response\":\"agrees\""));
    CHECK(has(json, "\"has_citizen\":true") && has(json, "\"citizen_kind\":\"cpr\""));
    CHECK(has(json, "\"followups\":[\"S-102\",\"S-103\"]"));
    CHECK(!has(json, "\"citizen\":") && !has(json, "5629")); /* the citizen never leaves */
    ombuds_free(json);

    json = (char*)1;
    CHECK_STATUS(OMBUDS_NOT_FOUND, ombuds_get_case(db, "S-999", &json));
    CHECK(json == NULL);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_get_case(db, NULL, &json));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_get_case(db, "S-101", NULL));
}

static void listing(ombuds_db* db) {
    char* json = NULL;
    /* A citizen's cases, as the journal system's party view shows them. */
    CHECK_STATUS(OMBUDS_OK, ombuds_list_cases(db, "{\"citizen\": \"" CPR "\"}", &json));
    CHECK(occurrences(json, "\"case_id\":") == 3);
    CHECK(has(json, "[{\"case_id\":\"S-101\"") && !has(json, "5629"));
    CHECK(!has(json, "\"note\":")); /* a list holds no notes */
    /* Each case as ombuds_get_case shows it, without the note. */
    CHECK(occurrences(json, "\"has_citizen\":true") == 3);
    CHECK(occurrences(json, "\"citizen_kind\":\"cpr\"") == 3);
    CHECK(has(json, "\"followups\":[\"S-102\",\"S-103\"]"));
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_OK, ombuds_list_cases(db, "{\"citizen\": \"" OTHER_CPR "\"}", &json));
    CHECK(json != NULL && strcmp(json, "[]") == 0);
    ombuds_free(json);

    /* The open cases (the caseworker's desk), and the closed. */
    CHECK_STATUS(OMBUDS_OK, ombuds_list_cases(db, "{\"open\": true}", &json));
    CHECK(occurrences(json, "\"case_id\":") == 1 && has(json, "\"case_id\":\"S-103\""));
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_OK, ombuds_list_cases(db, "{\"open\": false}", &json));
    CHECK(occurrences(json, "\"case_id\":") == 2 && has(json, "\"case_id\":\"S-101\"") &&
          has(json, "\"case_id\":\"S-102\""));
    ombuds_free(json);

    /* An inquiry, a main case's follow-ups, a part of the organisation, pages of one. */
    CHECK_STATUS(OMBUDS_OK, ombuds_list_cases(db, "{\"inquiry_id\": \"H-17\"}", &json));
    CHECK(occurrences(json, "\"case_id\":") == 3);
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_OK, ombuds_list_cases(db, "{\"main_case_id\": \"S-101\"}", &json));
    CHECK(occurrences(json, "\"case_id\":") == 2);
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_OK, ombuds_list_cases(db, "{\"unit\": \"BSF-JOB\"}", &json));
    CHECK(occurrences(json, "\"case_id\":") == 2);
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_OK,
                 ombuds_list_cases(db, "{\"limit\": 2, \"after_case_id\": \"S-101\"}", &json));
    CHECK(occurrences(json, "\"case_id\":") == 2 && has(json, "[{\"case_id\":\"S-102\""));
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_OK, ombuds_list_cases(db, NULL, &json));
    CHECK(occurrences(json, "\"case_id\":") == 3);
    ombuds_free(json);

    /* Misspelt keys, a citizen that is no citizen, an unknown unit: refused, never ignored. */
    json = (char*)1;
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_list_cases(db, "{\"opne\": true}", &json));
    CHECK(json == NULL && has(ombuds_errmsg(db), "opne"));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_list_cases(db, "{\"citizen\": \"511062-5629\"}", &json));
    CHECK(!has(ombuds_errmsg(db), "5629"));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_list_cases(db, "{\"unit\": \"NOPE\"}", &json));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_list_cases(db, "{\"open\": \"yes\"}", &json));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_list_cases(db, "{\"limit\": -1}", &json));
    CHECK(json == NULL);
}

/* The form's drop-downs come from the register's own catalogue. */
static void catalogue(ombuds_db* db) {
    char* json = NULL;
    CHECK_STATUS(OMBUDS_OK, ombuds_catalogue(db, NULL, &json));
    CHECK(has(json, "\"column\": \"kind\""));
    CHECK(has(json, "\"code\": \"complaint\""));
    CHECK(has(json, "\"label\": \"Klage\""));
    /* Each action with the kinds it fits. */
    CHECK(object_with(json, "\"code\": \"complaint_dialogue\"",
                      "\"kinds\": [\n            \"complaint\"\n          ]"));
    CHECK(object_with(json, "\"code\": \"guidance\"",
                      "\"kinds\": [\n            \"inquiry\"\n          ]"));
    CHECK(has(json, "\"theme_groups\"") && has(json, "\"code\": \"slow_processing\""));
    CHECK(has(json, "\"code\": \"BSF-JOB-SDP\"") && has(json, "\"parent\": \"BSF-JOB\""));
    CHECK(has(json, "\"code\": \"SSF-AELDRE-GENOPT\"")); /* valid until 2020 */
    CHECK(object_with(json, "\"code\": \"closed.needs_action\"", "\"field\": \"action\""));
    CHECK(object_with(json, "\"code\": \"closed.needs_action\"", "\"severity\": \"error\""));
    ombuds_free(json);

    /* English labels; only the units valid on a day. */
    CHECK_STATUS(OMBUDS_OK,
                 ombuds_catalogue(db, "{\"lang\": \"en\", \"on\": \"2025-03-03\"}", &json));
    CHECK(has(json, "\"label\": \"Complaint\""));
    CHECK(has(json, "\"code\": \"BSF-JOB-SDP\"") && !has(json, "\"code\": \"SSF-AELDRE-GENOPT\""));
    ombuds_free(json);

    json = (char*)1;
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_catalogue(db, "{\"language\": \"en\"}", &json));
    CHECK(json == NULL);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_catalogue(db, "{\"lang\": \"de\"}", &json));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_catalogue(db, "{\"on\": \"2025-02-30\"}", &json));
}

/* What the person is told (the insight export), then erasure. */
static void insight_and_erasure(ombuds_db* db, const char* dir) {
    char *text = NULL, *json = NULL, path[4096];
    ombuds_db* other = NULL;

    CHECK_STATUS(OMBUDS_OK, ombuds_export_citizen(db, CPR, NULL, &text));
    CHECK(occurrences(text, "\n") == 4); /* the header and three cases */
    CHECK(occurrences(text, CPR) == 0);  /* no citizen column (interfaces.md) */
    CHECK(has(text, "S-101") && has(text, "S-102") && has(text, "S-103"));
    ombuds_free(text);
    CHECK_STATUS(OMBUDS_OK, ombuds_export_citizen(db, CPR, "{\"format\": \"jsonl\"}", &text));
    CHECK(occurrences(text, "\n") == 3 && has(text, "\"case_id\":\"S-101\""));
    ombuds_free(text);
    CHECK_STATUS(OMBUDS_OK, ombuds_export_citizen(db, OTHER_CPR, NULL, &text));
    CHECK(occurrences(text, "\n") == 1); /* the header only */
    ombuds_free(text);
    text = (char*)1;
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_export_citizen(db, "511062-5629", NULL, &text));
    CHECK(text == NULL && !has(ombuds_errmsg(db), "5629"));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_export_citizen(db, CPR, "{\"format\": \"pdf\"}", &text));

    /* The period export never holds a citizen or a note. */
    CHECK_STATUS(OMBUDS_OK,
                 ombuds_export(db, "{\"from\": \"2025-01-01\", \"to\": \"2025-12-31\"}", &text));
    CHECK(occurrences(text, "\n") == 4 && !has(text, "5629"));
    ombuds_free(text);

    /* Erasure, while a second handle on the register is open and then closed. */
    register_location(path, sizeof path, dir, "lifecycle");
    CHECK_STATUS(OMBUDS_OK, ombuds_open(path, "{\"create\": false}", &other));
    CHECK_STATUS(OMBUDS_OK, ombuds_erase_citizen(db, CPR, &json));
    CHECK(has(json, "\"erased\":3"));
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_OK, ombuds_close(other));
    CHECK_STATUS(OMBUDS_OK, ombuds_erase_citizen(db, CPR, &json));
    CHECK(json != NULL && strcmp(json, "{\"erased\":0,\"wal_clean\":true}") == 0);
    ombuds_free(json);
    json = stored(db, "S-101");
    CHECK(json == NULL);
    CHECK_STATUS(OMBUDS_OK, ombuds_list_cases(db, "{\"citizen\": \"" CPR "\"}", &json));
    CHECK(json != NULL && strcmp(json, "[]") == 0);
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_erase_citizen(db, "", &json));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_erase_citizen(db, NULL, &json));
    CHECK(json == NULL);
}

/* Anonymisation of cases closed long ago keeps every count and drops pseudonyms and notes. */
static void anonymisation(ombuds_db* db) {
    char* json = NULL;
    CHECK_STATUS(OMBUDS_OK,
                 with_record(db, ombuds_insert, NULL,
                             record_of("case_id", "A-1", "citizen", OTHER_CPR, "kind", "inquiry",
                                       "role", "main", "received", "2025-01-06", "theme",
                                       "advice_request", "action", "guidance", "closed",
                                       "2025-01-07", "note", "Vejledt om aktindsigt", NULL)));
    CHECK_STATUS(OMBUDS_OK, ombuds_anonymise(db, "{\"closed_before\": \"2025-02-01\"}", &json));
    CHECK(json != NULL && strcmp(json, "{\"cases\":1,\"citizens\":1}") == 0);
    ombuds_free(json);
    json = stored(db, "A-1");
    CHECK(has(json, "\"note\":\"\"") && has(json, "\"has_citizen\":true") &&
          has(json, "\"citizen_kind\":null"));
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_OK, ombuds_anonymise(db, "{\"closed_before\": \"2025-02-01\"}", &json));
    CHECK(json != NULL && strcmp(json, "{\"cases\":0,\"citizens\":0}") == 0);
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_anonymise(db, NULL, &json));
    CHECK(json == NULL);
}

/* The open options: busy_timeout_ms and the language of messages. */
static void open_options(const char* dir) {
    ombuds_db* db = NULL;
    char *json = NULL, path[4096];
    FILE* file;
    CHECK_STATUS(OMBUDS_OK,
                 ombuds_open(":memory:", "{\"busy_timeout_ms\": 250, \"lang\": \"en\"}", &db));
    CHECK_STATUS(OMBUDS_INVALID,
                 with_record(db, ombuds_validate, &json,
                             record_of("case_id", "E-1", "kind", "complaint", "role", "main",
                                       "received", "2025-03-03", "closed", "2025-03-04", NULL)));
    CHECK(has(json, "A closed case must name the advisor's effort"));
    CHECK(has(json, "Complaints and other inquiries need a theme"));
    CHECK(has(ombuds_errmsg(db), "the record was refused: "));
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_NOT_FOUND, ombuds_delete_case(db, "E-1"));
    CHECK(has(ombuds_errmsg(db), "no case"));
    snprintf(path, sizeof path, "%s/refused.csv", dir);
    file = fopen(path, "w");
    CHECK(file != NULL);
    if (file) {
        fputs("case_id;kind;role;received;theme\nE-2;complaint;main;2025-03-03;nope\n", file);
        fclose(file);
    }
    CHECK_STATUS(OMBUDS_INVALID, ombuds_import_file(db, path, NULL, &json));
    CHECK(has(json, "The theme is not in the theme catalogue"));
    CHECK(strcmp(ombuds_errmsg(db), "the file was refused: 1 errors") == 0);
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_OK, ombuds_close(db));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_open(":memory:", "{\"lang\": \"de\"}", &db));
    CHECK(db == NULL);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_open(":memory:", "{\"busy_timeout_ms\": -1}", &db));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_open(":memory:", "{\"busy_timeout_ms\": \"60\"}", &db));
    CHECK(db == NULL);
}

/* Another process writing past the busy timeout is OMBUDS_BUSY; a register without its key
 * file opens, reads and reports, and what needs the key is OMBUDS_IO. */
static void busy_and_missing_key(const char* dir) {
    ombuds_db *writer = NULL, *other = NULL;
    char path[4096], key[4096], moved[4096], *json = NULL;
    register_location(path, sizeof path, dir, "busy");
    snprintf(key, sizeof key, "%s/busy.db.key", dir);
    snprintf(moved, sizeof moved, "%s/busy.key.elsewhere", dir);
    CHECK_STATUS(OMBUDS_OK, ombuds_open(path, NULL, &writer));
    CHECK_STATUS(OMBUDS_OK, ombuds_open(path, "{\"busy_timeout_ms\": 100}", &other));
    CHECK_STATUS(OMBUDS_OK, ombuds_begin(writer));
    CHECK_STATUS(OMBUDS_OK, with_record(writer, ombuds_insert, NULL,
                                        record_of("case_id", "B-1", "citizen", CPR, "kind",
                                                  "complaint", "role", "main", "received",
                                                  "2025-03-03", "theme", "no_reply", NULL)));
    CHECK_STATUS(OMBUDS_BUSY,
                 with_record(other, ombuds_insert, NULL,
                             record_of("case_id", "B-2", "kind", "complaint", "role", "main",
                                       "received", "2025-03-03", "theme", "no_reply", NULL)));
    CHECK(strlen(ombuds_errmsg(other)) > 0);
    CHECK_STATUS(OMBUDS_OK, ombuds_commit(writer));
    CHECK_STATUS(OMBUDS_OK,
                 with_record(other, ombuds_insert, NULL,
                             record_of("case_id", "B-2", "kind", "complaint", "role", "main",
                                       "received", "2025-03-03", "theme", "no_reply", NULL)));
    CHECK_STATUS(OMBUDS_OK, ombuds_close(other));
    CHECK_STATUS(OMBUDS_OK, ombuds_close(writer));

    CHECK(rename(key, moved) == 0);
    CHECK_STATUS(OMBUDS_OK, ombuds_open(path, "{\"create\": false}", &other));
    CHECK_STATUS(OMBUDS_OK, ombuds_get_case(other, "B-1", &json));
    CHECK(has(json, "\"has_citizen\":true"));
    ombuds_free(json);
    CHECK_STATUS(OMBUDS_IO, ombuds_list_cases(other, "{\"citizen\": \"" CPR "\"}", &json));
    CHECK(json == NULL && has(ombuds_errmsg(other), "key"));
    CHECK_STATUS(OMBUDS_IO, ombuds_export_citizen(other, CPR, NULL, &json));
    CHECK_STATUS(OMBUDS_IO, ombuds_erase_citizen(other, CPR, &json));
    CHECK_STATUS(OMBUDS_IO, with_record(other, ombuds_update, NULL,
                                        record_of("case_id", "B-2", "citizen", OTHER_CPR, NULL)));
    CHECK_STATUS(OMBUDS_OK, with_record(other, ombuds_update, NULL,
                                        record_of("case_id", "B-2", "unit", "TMF-VEJ", NULL)));
    CHECK_STATUS(OMBUDS_OK, with_record(other, ombuds_update, NULL,
                                        record_of("case_id", "B-1", "unit", "TMF-VEJ", NULL)));
    CHECK_STATUS(OMBUDS_OK, ombuds_close(other));
    CHECK(rename(moved, key) == 0);
}

/* A record reads back what was set; the field list comes from the library. */
static void records_and_fields(void) {
    ombuds_record* rec = record_of("case_id", "S-1", "note", "æøå", NULL);
    const char* value = (const char*)1;
    int i, count = ombuds_field_count();
    CHECK_STATUS(OMBUDS_OK, ombuds_record_get(rec, "note", &value));
    CHECK(value != NULL && strcmp(value, "æøå") == 0);
    CHECK_STATUS(OMBUDS_OK, ombuds_record_get(rec, "action", &value));
    CHECK(value != NULL && strcmp(value, "") == 0);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_get(rec, "colour", &value));
    CHECK(value == NULL);
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_get(rec, "note", NULL));
    CHECK_STATUS(OMBUDS_MISUSE, ombuds_record_get(NULL, "note", &value));
    CHECK(count > 20);
    CHECK(strcmp(ombuds_field_name(0), "case_id") == 0);
    CHECK(ombuds_field_name(-1) == NULL && ombuds_field_name(count) == NULL);
    for (i = 0; i < count; ++i)
        CHECK_STATUS(OMBUDS_OK, ombuds_record_get(rec, ombuds_field_name(i), &value));
    ombuds_record_free(rec);
}

int main(int argc, char** argv) {
    const char* dir = argc > 1 ? argv[1] : ".";
    char path[4096];
    ombuds_db* db = NULL;
    register_location(path, sizeof path, dir, "lifecycle");
    if (ombuds_open(path, "{\"busy_timeout_ms\": 5000}", &db) != OMBUDS_OK) {
        fprintf(stderr, "cannot open %s: %s\n", path, ombuds_errmsg(NULL));
        return 1;
    }
    arrival(db);
    responses_and_closing(db);
    refused_changes(db);
    read_back(db);
    listing(db);
    catalogue(db);
    insight_and_erasure(db, dir);
    anonymisation(db);
    CHECK_STATUS(OMBUDS_OK, ombuds_close(db));
    open_options(dir);
    busy_and_missing_key(dir);
    records_and_fields();
    if (failures) {
        fprintf(stderr, "%d checks failed\n", failures);
        return 1;
    }
    printf("the lifecycle passed\n");
    return 0;
}
