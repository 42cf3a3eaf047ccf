/* SPDX-License-Identifier: MPL-2.0 */
#include <ombuds/ombuds.h>
#include <stdio.h>

int main(void) {
    ombuds_db* db = NULL;
    char* text = NULL;
    int status = ombuds_open(":memory:", NULL, &db);
    if (status != OMBUDS_OK) return 1;
    status = ombuds_report(db, "{\"from\": \"2024-01-01\", \"to\": \"2024-12-31\"}", &text);
    printf("ombuds %s: %s\n", ombuds_version(),
           status == OMBUDS_OK ? "report ok" : ombuds_errmsg(db));
    ombuds_free(text);
    ombuds_close(db);
    return status == OMBUDS_OK ? 0 : 1;
}
