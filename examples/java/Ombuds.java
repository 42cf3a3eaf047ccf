// SPDX-License-Identifier: MPL-2.0
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.Map;

/**
 * A register of ombuds over its stable C API (libombuds.so.1) with JNA. Answers are the C API's
 * JSON text; parse them with the JSON library the host already uses.
 *
 * <p>An instance is one handle: use it from one thread at a time, and give each thread its own
 * (any number may share one register file). Close it, or use try-with-resources.
 */
public final class Ombuds implements AutoCloseable {
    // The statuses of ombuds.h.
    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int NOT_FOUND = 2;
    public static final int CONFLICT = 3;
    public static final int IO = 4;
    public static final int CORRUPT = 5;
    public static final int BUSY = 6;
    public static final int MISUSE = 7;
    public static final int NOMEM = 8;
    public static final int INTERNAL = 9;

    /** The C functions, declared as ombuds.h declares them. */
    interface Api extends Library {
        String ombuds_version();

        String ombuds_status_name(int status);

        int ombuds_open(String path, String optionsJson, PointerByReference outDb);

        int ombuds_close(Pointer db);

        String ombuds_errmsg(Pointer db);

        int ombuds_record_new(PointerByReference outRec);

        int ombuds_record_set(Pointer rec, String field, String value);

        int ombuds_record_clear(Pointer rec);

        void ombuds_record_free(Pointer rec);

        int ombuds_validate(Pointer db, Pointer rec, PointerByReference outJson);

        int ombuds_insert(Pointer db, Pointer rec, PointerByReference outJson);

        int ombuds_update(Pointer db, Pointer rec, PointerByReference outJson);

        int ombuds_validate_update(Pointer db, Pointer rec, PointerByReference outJson);

        int ombuds_get_case(Pointer db, String caseId, PointerByReference outJson);

        int ombuds_list_cases(Pointer db, String queryJson, PointerByReference outJson);

        int ombuds_catalogue(Pointer db, String requestJson, PointerByReference outJson);

        int ombuds_delete_case(Pointer db, String caseId);

        int ombuds_begin(Pointer db);

        int ombuds_commit(Pointer db);

        int ombuds_rollback(Pointer db);

        int ombuds_export_citizen(
            Pointer db, String citizen, String optionsJson, PointerByReference outText);

        int ombuds_erase_citizen(Pointer db, String citizen, PointerByReference outJson);

        int ombuds_report(Pointer db, String requestJson, PointerByReference outText);

        void ombuds_free(Pointer p);
    }

    // The library: -Dombuds.library=/path/to/libombuds.so.1, else libombuds from the system's
    // search path. Strings cross as UTF-8 whatever the JVM's default charset.
    private static final Api API = Native.load(System.getProperty("ombuds.library", "ombuds"),
        Api.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));

    private Pointer db;
    private Pointer record;

    private Ombuds(Pointer db) { this.db = db; }

    /** The library's version, "MAJOR.MINOR.PATCH". */
    public static String version() { return API.ombuds_version(); }

    /** Opens (by default creating) a register; options as ombuds_open takes them, or null. */
    public static Ombuds open(String path, String optionsJson) {
        PointerByReference out = new PointerByReference();
        int status = API.ombuds_open(path, optionsJson, out);
        if (status != OK) throw new OmbudsException(status, API.ombuds_errmsg(null), null);
        return new Ombuds(out.getValue());
    }

    @Override
    public void close() {
        if (record != null) API.ombuds_record_free(record);
        record = null;
        if (db != null) API.ombuds_close(db);
        db = null;
    }

    /** Checks a case (column name to text; null: not given) and stores nothing. */
    public String validate(Map<String, String> fields) { return recordCall(Call.VALIDATE, fields); }

    /** Validates and stores a new case. Returns the warnings (a JSON array). */
    public String insert(Map<String, String> fields) { return recordCall(Call.INSERT, fields); }

    /** Changes the fields given of a stored case ("" clears one; those not given are kept). */
    public String update(Map<String, String> change) { return recordCall(Call.UPDATE, change); }

    /** Checks a change as update would make it; stores nothing. */
    public String validateUpdate(Map<String, String> change) {
        return recordCall(Call.VALIDATE_UPDATE, change);
    }

    /** One stored case as JSON, its note included; null when there is no such case. */
    public String getCase(String caseId) {
        PointerByReference out = new PointerByReference();
        int status = API.ombuds_get_case(handle(), caseId, out);
        String json = take(out);
        if (status == NOT_FOUND) return null;
        check(status, null);
        return json;
    }

    /** Stored cases as a JSON array, selected by a query as ombuds_list_cases takes it. */
    public String listCases(String queryJson) {
        PointerByReference out = new PointerByReference();
        int status = API.ombuds_list_cases(handle(), queryJson, out);
        return answer(status, out);
    }

    /** The code lists in force (a form's drop-downs). */
    public String catalogue(String requestJson) {
        PointerByReference out = new PointerByReference();
        int status = API.ombuds_catalogue(handle(), requestJson, out);
        return answer(status, out);
    }

    public void deleteCase(String caseId) { check(API.ombuds_delete_case(handle(), caseId), null); }

    public void begin() { check(API.ombuds_begin(handle()), null); }

    public void commit() { check(API.ombuds_commit(handle()), null); }

    public void rollback() { check(API.ombuds_rollback(handle()), null); }

    /** The insight export of one citizen, notes included: personal data. */
    public String exportCitizen(String citizen, String optionsJson) {
        PointerByReference out = new PointerByReference();
        int status = API.ombuds_export_citizen(handle(), citizen, optionsJson, out);
        return answer(status, out);
    }

    /** Erases every case of a citizen: {"erased": n, "wal_clean": bool}. */
    public String eraseCitizen(String citizen) {
        PointerByReference out = new PointerByReference();
        int status = API.ombuds_erase_citizen(handle(), citizen, out);
        return answer(status, out);
    }

    /** The report of a period, as ombuds_report takes the request. */
    public String report(String requestJson) {
        PointerByReference out = new PointerByReference();
        int status = API.ombuds_report(handle(), requestJson, out);
        return answer(status, out);
    }

    private enum Call { VALIDATE, INSERT, UPDATE, VALIDATE_UPDATE }

    private String recordCall(Call call, Map<String, String> fields) {
        Pointer db = handle();
        if (record == null) {
            PointerByReference out = new PointerByReference();
            check(API.ombuds_record_new(out), null);
            record = out.getValue();
        }
        API.ombuds_record_clear(record);
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getValue() == null) continue;
            int status = API.ombuds_record_set(record, field.getKey(), field.getValue());
            if (status != OK) {
                throw new OmbudsException(
                    status, "field " + field.getKey() + ": unknown, or a bad value", null);
            }
        }
        PointerByReference out = new PointerByReference();
        int status;
        switch (call) {
            case VALIDATE:
                status = API.ombuds_validate(db, record, out);
                break;
            case INSERT:
                status = API.ombuds_insert(db, record, out);
                break;
            case UPDATE:
                status = API.ombuds_update(db, record, out);
                break;
            default:
                status = API.ombuds_validate_update(db, record, out);
                break;
        }
        String violations = take(out);
        check(status, violations);
        return violations;
    }

    private String answer(int status, PointerByReference out) {
        String text = take(out);
        check(status, null);
        return text;
    }

    /** Copies a string ombuds returned and frees it with ombuds_free. */
    private static String take(PointerByReference out) {
        Pointer p = out.getValue();
        if (p == null) return null;
        try {
            return p.getString(0, "UTF-8");
        } finally {
            API.ombuds_free(p);
        }
    }

    private void check(int status, String violations) {
        if (status != OK) throw new OmbudsException(status, API.ombuds_errmsg(db), violations);
    }

    private Pointer handle() {
        if (db == null) throw new OmbudsException(MISUSE, "the register is closed", null);
        return db;
    }

    /** The name of a status, "OMBUDS_OK", .... */
    public static String statusName(int status) { return API.ombuds_status_name(status); }
}
