// SPDX-License-Identifier: MPL-2.0
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A journal system's life of one case with two follow-ups, from Java through the C API: arrival
 * without an action, first response, closing, correction, a refused change, read-back, listing,
 * the catalogue, the insight export and erasure. Exits 1 when ombuds answers otherwise than
 * documented.
 *
 * <p>java -cp classes:/usr/share/java/jna.jar -Dombuds.library=.../libombuds.so.1 Lifecycle
 * REGISTER
 */
public final class Lifecycle {
    private static final String CPR = "211062-5629";
    private static final String OTHER_CPR = "070761-4285";

    private Lifecycle() {}

    /** A case's fields in order: name, value, name, value, .... */
    private static Map<String, String> fields(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) out.put(pairs[i], pairs[i + 1]);
        return out;
    }

    private static void expect(boolean holds, String what) {
        if (!holds) throw new AssertionError("not as documented: " + what);
    }

    /** The failure of a call that must fail (its status, message and violations). */
    private static OmbudsException refused(Runnable call) {
        try {
            call.run();
        } catch (OmbudsException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: Lifecycle REGISTER");
            System.exit(2);
        }
        System.out.println("ombuds " + Ombuds.version());
        try (Ombuds db = Ombuds.open(args[0], "{\"busy_timeout_ms\": 5000}")) {
            lifecycle(db, args[0]);
        }
        System.out.println("the lifecycle passed");
    }

    private static void lifecycle(Ombuds db, String path) throws Exception {
        // Arrival: registered open the day it arrives; the advisor's effort is not known yet.
        Map<String, String> main = fields("case_id", "S-101", "inquiry_id", "H-17", "citizen", CPR,
            "kind", "Klage", "role", "Hovedsag", "received", "03-03-2025", "unit", "BSF-JOB-SDP",
            "theme", "slow_processing");
        expect(db.validate(main).equals("[]"), "an open case needs no action");
        expect(db.insert(main).equals("[]"), "stored without warnings");
        db.insert(fields("case_id", "S-102", "citizen", CPR, "kind", "complaint", "role",
            "follow_up", "main_case_id", "S-101", "received", "2025-03-03", "unit", "BSF-JOB-KH",
            "theme", "hearing"));
        db.insert(fields("case_id", "S-103", "citizen", CPR, "kind", "inquiry", "role", "follow_up",
            "main_case_id", "S-101", "received", "2025-03-05", "unit", "BSF-YDELSE-BS", "theme",
            "advice_request"));
        System.out.println("arrival: S-101 with follow-ups S-102 and S-103, open, no action yet");

        // Closing without an action is refused, naming the rule and the field.
        OmbudsException e =
            refused(() -> db.update(fields("case_id", "S-102", "closed", "2025-04-01")));
        expect(e.status() == Ombuds.INVALID, "INVALID");
        expect(e.violations().contains("\"rule\":\"closed.needs_action\",\"field\":\"action\""),
            "closed.needs_action on action");
        System.out.println("refused: " + e.getMessage());

        // First response, then closing with the resolution and the administration's response.
        db.update(fields(
            "case_id", "S-101", "first_response", "2025-03-04", "action", "complaint_dialogue"));
        expect(db.update(fields("case_id", "S-101", "closed", "2025-04-10", "resolution",
                             "new_decision", "admin_response", "agrees"))
                   .equals("[]"),
            "closed without warnings");
        String warnings = db.update(
            fields("case_id", "S-102", "closed", "2025-04-01", "action", "decision_explained"));
        expect(warnings.contains("\"closed.needs_resolution\""), "a warning, and stored");
        System.out.println("closed: S-101 and S-102");

        // Correction of unit and theme: only the fields given change.
        db.update(fields("case_id", "S-102", "unit", "BSF-JOB-SDP", "theme", "reasons"));
        String corrected = db.getCase("S-102");
        expect(corrected.contains("\"unit\":\"BSF-JOB-SDP\"")
                && corrected.contains("\"theme\":\"reasons\"")
                && corrected.contains("\"action\":\"decision_explained\""),
            "corrected, the rest kept");

        // The main case keeps its follow-ups: its citizen cannot change under them.
        e = refused(() -> db.update(fields("case_id", "S-101", "citizen", OTHER_CPR)));
        expect(e.status() == Ombuds.INVALID
                && e.violations().contains("\"rule\":\"main.keeps_followups\""),
            "main.keeps_followups");
        expect(!e.violations().contains("4285"), "no CPR number in violations");
        e = refused(() -> db.deleteCase("S-101"));
        expect(e.status() == Ombuds.CONFLICT, "CONFLICT");
        e = refused(() -> db.update(fields("case_id", "S-999", "closed", "2025-04-01")));
        expect(e.status() == Ombuds.NOT_FOUND, "NOT_FOUND");
        System.out.println("refused: the main case's citizen stays while it has follow-ups");

        // Read-back and listing: the citizen never leaves the register.
        String stored = db.getCase("S-101");
        expect(stored.contains("\"closed\":\"2025-04-10\"")
                && stored.contains("\"has_citizen\":true")
                && stored.contains("\"citizen_kind\":\"cpr\"")
                && stored.contains("\"followups\":[\"S-102\",\"S-103\"]")
                && !stored.contains("5629"),
            "read back");
        expect(db.getCase("S-999") == null, "no such case");
        String mine = db.listCases("{\"citizen\": \"" + CPR + "\"}");
        expect(mine.split("\"case_id\":", -1).length - 1 == 3, "the citizen's three cases");
        String open = db.listCases("{\"open\": true}");
        expect(open.startsWith("[{\"case_id\":\"S-103\"") && open.split("\"case_id\":").length == 2,
            "one open case");
        System.out.println("open cases: S-103");

        // The form's drop-downs, from the register's own catalogue.
        String catalogue = db.catalogue("{\"lang\": \"en\", \"on\": \"2025-03-03\"}");
        expect(catalogue.contains("\"code\": \"complaint_dialogue\"")
                && catalogue.contains("\"code\": \"BSF-JOB-SDP\""),
            "catalogue");

        // A handle per thread: another thread reads the same register through its own handle.
        String[] seen = new String[1];
        Thread reader = new Thread(() -> {
            try (Ombuds own = Ombuds.open(path, "{\"create\": false}")) {
                seen[0] = own.listCases("{\"open\": false}");
            }
        });
        reader.start();
        reader.join();
        expect(seen[0] != null && seen[0].split("\"case_id\":").length == 3, "two closed cases");

        // The insight export, then erasure.
        String insight = db.exportCitizen(CPR, null);
        expect(insight.split("\n").length == 4, "a header and three cases");
        String erased = db.eraseCitizen(CPR);
        expect(erased.equals("{\"erased\":3,\"wal_clean\":true}"), "erased: " + erased);
        expect(db.getCase("S-101") == null && db.listCases(null).equals("[]"), "gone");
        System.out.println("erased: " + erased);

        // Misuse is a status, never a crash.
        e = refused(() -> db.listCases("{\"opne\": true}"));
        expect(e.status() == Ombuds.MISUSE && e.getMessage().contains("opne"), "MISUSE");
    }
}
