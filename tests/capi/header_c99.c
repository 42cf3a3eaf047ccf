/* SPDX-License-Identifier: MPL-2.0 */
/* ombuds.h must compile alone as strict C99. */
#include <ombuds/ombuds.h>
int ombuds_header_compiles_as_c99(void);
int ombuds_header_compiles_as_c99(void) {
    return OMBUDS_OK;
}
