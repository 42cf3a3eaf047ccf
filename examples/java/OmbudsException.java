// SPDX-License-Identifier: MPL-2.0

/**
 * A call into ombuds did not succeed: the C API's status, ombuds_errmsg's message and, when the
 * rules refused the data (status INVALID), the violations as the C API's JSON array.
 */
public final class OmbudsException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String violations;

    public OmbudsException(int status, String message, String violations) {
        super(Ombuds.statusName(status) + ": " + message);
        this.status = status;
        this.violations = violations;
    }

    /** The status (Ombuds.INVALID, Ombuds.NOT_FOUND, ...). */
    public int status() { return status; }

    /** For INVALID: [{"rule", "field", "severity", "message"}, ...]; else null. */
    public String violations() { return violations; }
}
