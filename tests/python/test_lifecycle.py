# SPDX-License-Identifier: MPL-2.0
"""The life of one main case and its two follow-ups as a journal system lives it, through the
Python package: arrival without an action, first response, closing, correction, a refused change,
read-back, listing, the catalogue, the insight export and erasure, with every status as
documented; and the one shape of ValidationError.violations."""
import csv
import io
import json
import sqlite3
import sys
import tempfile
import unittest
from pathlib import Path

import ombuds

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "common"))
import backend  # noqa: E402


def open_register(directory, name, **options):
    """The register `name` of a test: a file, or with $OMBUDS_TEST_LOCATION a schema of its own
    on that PostgreSQL server (python.postgresql.lifecycle)."""
    return ombuds.Database(backend.location(directory, name), key_file=backend.key_file(directory, name),
                           **options)

CPR = "211062-5629"
OTHER_CPR = "070761-4285"

MAIN = {"case_id": "S-101", "inquiry_id": "H-17", "citizen": CPR, "kind": "Klage", "role": "Hovedsag",
        "received": "03-03-2025", "unit": "BSF-JOB-SDP", "theme": "slow_processing"}
FOLLOW_UP = {"case_id": "S-102", "citizen": CPR, "kind": "complaint", "role": "follow_up", "main_case_id": "S-101",
             "received": "2025-03-03", "unit": "BSF-JOB-KH", "theme": "hearing",
             "note": "Borgeren ringede om partshøringen"}
SECOND_FOLLOW_UP = {"case_id": "S-103", "citizen": CPR, "kind": "inquiry", "role": "follow_up",
                    "main_case_id": "S-101", "received": "2025-03-05", "unit": "BSF-YDELSE-BS",
                    "theme": "advice_request"}

VIOLATION_KEYS = {"rule", "field", "severity", "message"}
FILE_VIOLATION_KEYS = VIOLATION_KEYS | {"line", "column"}


class LifecycleTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.db = open_register(self.dir, "lifecycle.db", busy_timeout_ms=5000)

    def tearDown(self):
        self.db.close()
        self.tmp.cleanup()

    def refused(self, call, *args):
        """The violations of a refused call (ValidationError, status INVALID)."""
        with self.assertRaises(ombuds.ValidationError) as refused:
            call(*args)
        self.assertEqual(refused.exception.status, ombuds.INVALID)
        for v in refused.exception.violations:
            self.assertEqual(set(v), VIOLATION_KEYS, v)
        return refused.exception.violations

    def status_of(self, call, *args):
        """The status of a call that fails with ombuds.Error."""
        with self.assertRaises(ombuds.Error) as failed:
            call(*args)
        self.assertNotIsInstance(failed.exception, ombuds.ValidationError)
        return failed.exception.status

    def test_lifecycle(self):
        db = self.db

        # Arrival: registered open on the day it arrives, the advisor's effort not known yet.
        violations = self.refused(db.validate, dict(MAIN, unit="NOPE"))
        self.assertEqual([(v["rule"], v["field"]) for v in violations], [("unit.known", "unit")])
        self.refused_rule(db.validate, dict(MAIN, closed="2025-03-04"), "closed.needs_action", "action")
        self.assertEqual(db.validate(MAIN), [])
        self.assertEqual(db.insert(MAIN), [])
        self.refused_rule(db.insert, MAIN, "id.unique", "case_id")
        self.assertEqual(db.insert(FOLLOW_UP), [])
        self.assertEqual(db.insert(SECOND_FOLLOW_UP), [])
        self.refused_rule(db.insert, dict(FOLLOW_UP, case_id="S-104", citizen=OTHER_CPR),
                          "followup.requires_main", "main_case_id")
        self.assertIsNone(db.get("S-104"))

        # First response, with the action now known; a date before arrival changes nothing.
        self.refused_rule(db.validate_update, {"case_id": "S-101", "first_response": "2025-03-01"},
                          "dates.order", "first_response")
        self.refused_rule(db.update, {"case_id": "S-101", "first_response": "2025-03-01",
                                      "action": "complaint_dialogue"}, "dates.order", "first_response")
        self.assertEqual((db.get("S-101")["first_response"], db.get("S-101")["action"]), ("", ""))
        self.assertEqual(db.validate_update({"case_id": "S-101", "first_response": "2025-03-04"}), [])
        self.assertEqual(db.get("S-101")["first_response"], "")
        self.assertEqual(db.update({"case_id": "S-101", "first_response": "04-03-2025",
                                    "action": "Dialogbaseret hjælp til klageproces"}), [])
        self.refused_rule(db.update, {"case_id": "S-103", "action": "meeting"}, "action.fits_kind", "action")

        # Closing with a resolution and the administration's response.
        self.assertEqual(db.update({"case_id": "S-101", "closed": "2025-04-10", "resolution": "new_decision",
                                    "admin_response": "agrees"}), [])
        self.refused_rule(db.update, {"case_id": "S-102", "closed": "2025-04-01"}, "closed.needs_action", "action")
        warnings = db.update({"case_id": "S-102", "closed": "2025-04-01", "action": "decision_explained"})
        self.assertEqual(warnings, [{"rule": "closed.needs_resolution", "field": "resolution", "severity": "warning",
                                     "message": warnings[0]["message"]}])

        # Correction of unit and theme: only the named fields change; "" clears; None keeps.
        db.update({"case_id": "S-102", "unit": "BSF-JOB-SDP", "theme": "reasons", "note": None})
        corrected = db.get("S-102")
        self.assertEqual((corrected["unit"], corrected["theme"], corrected["closed"], corrected["action"]),
                         ("BSF-JOB-SDP", "reasons", "2025-04-01", "decision_explained"))
        self.assertEqual(corrected["note"], "Borgeren ringede om partshøringen")
        db.update({"case_id": "S-102", "note": ""})
        self.assertEqual(db.get("S-102")["note"], "")
        self.assertEqual(self.status_of(db.update, {"case_id": "S-999", "closed": "2025-04-01"}), ombuds.NOT_FOUND)
        self.assertEqual(self.status_of(db.validate_update, {"case_id": "S-999"}), ombuds.NOT_FOUND)
        self.assertEqual(self.status_of(db.update, {"closed": "2025-04-01"}), ombuds.MISUSE)

        # The main case keeps its follow-ups: its citizen, date received and role stay.
        violations = self.refused_rule(db.update, {"case_id": "S-101", "citizen": OTHER_CPR},
                                       "main.keeps_followups", "citizen")
        self.assertNotIn("4285", json.dumps(violations))
        self.refused_rule(db.validate_update, {"case_id": "S-101", "received": "2025-03-04"},
                          "main.keeps_followups", "received")
        self.refused_rule(db.update, {"case_id": "S-101", "role": "follow_up", "main_case_id": "S-102"},
                          "main.keeps_followups", "role")
        self.assertEqual(self.status_of(db.delete, "S-101"), ombuds.CONFLICT)
        self.assertEqual(db.cases(citizen=CPR)[0]["case_id"], "S-101")  # still the citizen's

        # A transaction: a refused change inside leaves the rest to commit or roll back.
        with self.assertRaises(ombuds.ValidationError):
            with db.transaction():
                db.update({"case_id": "S-103", "unit": "TMF-BYG"})
                self.assertEqual(db.get("S-103")["unit"], "TMF-BYG")
                db.update({"case_id": "S-101", "citizen": OTHER_CPR})
        self.assertEqual(db.get("S-103")["unit"], "BSF-YDELSE-BS")

        # Read-back: the citizen never leaves the register, only that there is one and its kind.
        main = db.get("S-101")
        self.assertEqual({k: main[k] for k in ("case_id", "inquiry_id", "kind", "role", "received", "first_response",
                                               "closed", "action", "resolution", "admin_response")},
                         {"case_id": "S-101", "inquiry_id": "H-17", "kind": "complaint", "role": "main",
                          "received": "2025-03-03", "first_response": "2025-03-04", "closed": "2025-04-10",
                          "action": "complaint_dialogue", "resolution": "new_decision", "admin_response": "agrees"})
        self.assertEqual((main["has_citizen"], main["citizen_kind"], main["followups"]),
                         (True, "cpr", ["S-102", "S-103"]))
        self.assertNotIn("citizen", main)
        self.assertEqual(set(main) - {"has_citizen", "citizen_kind", "followups"},
                         set(ombuds.FIELDS) - {"citizen"})
        self.assertNotIn("5629", json.dumps(main))
        self.assertIsNone(db.get("S-999"))

        # Listing: a citizen's cases, the open ones, an inquiry's, a unit's, page by page.
        mine = db.cases(citizen=CPR)
        self.assertEqual([c["case_id"] for c in mine], ["S-101", "S-102", "S-103"])
        self.assertEqual(mine[0], {k: v for k, v in main.items() if k != "note"})  # as get(), without the note
        self.assertEqual(db.cases(citizen=OTHER_CPR), [])
        self.assertEqual([c["case_id"] for c in db.cases(open=True)], ["S-103"])
        self.assertEqual([c["case_id"] for c in db.cases(open=False)], ["S-101", "S-102"])
        self.assertEqual(len(db.cases(inquiry_id="H-17")), 3)
        self.assertEqual([c["case_id"] for c in db.cases(main_case_id="S-101")], ["S-102", "S-103"])
        self.assertEqual([c["case_id"] for c in db.cases(unit="BSF-JOB")], ["S-101", "S-102"])
        self.assertEqual([c["case_id"] for c in db.cases(limit=2, after_case_id="S-101")], ["S-102", "S-103"])
        self.assertEqual([c["case_id"] for c in db.cases(received_from="2025-03-04")], ["S-103"])
        self.assertEqual(self.status_of(db.cases, "511062-5629"), ombuds.MISUSE)
        self.assertEqual(self.status_of(lambda: db.cases(unit="NOPE")), ombuds.MISUSE)

        # The catalogue: a form's drop-downs, from the register's own configuration.
        catalogue = db.catalogue()
        lists = {entry["column"]: entry["codes"] for entry in catalogue["lists"]}
        self.assertIn({"code": "complaint", "da": "Klage", "en": "Complaint", "label": "Klage"}, lists["kind"])
        actions = {a["code"]: a["kinds"] for a in lists["action"]}
        self.assertEqual(actions["complaint_dialogue"], ["complaint"])
        self.assertEqual(sorted(actions["rejected"]), ["complaint", "inquiry", "investigation"])
        themes = {t["code"] for g in catalogue["theme_groups"] for t in g["themes"]}
        self.assertTrue({"slow_processing", "hearing", "advice_request"} <= themes)
        units = {u["code"]: u for u in catalogue["organisation"]["units"]}
        self.assertEqual(units["BSF-JOB-SDP"]["parent"], "BSF-JOB")
        rules = {r["code"]: r for r in catalogue["rules"]}
        self.assertEqual((rules["closed.needs_action"]["severity"], rules["closed.needs_action"]["field"]),
                         ("error", "action"))
        english = db.catalogue(lang="en", on="2025-03-03")
        kinds = next(e["codes"] for e in english["lists"] if e["column"] == "kind")
        self.assertIn("Complaint", [c["label"] for c in kinds])
        self.assertNotIn("SSF-AELDRE-GENOPT", [u["code"] for u in english["organisation"]["units"]])
        self.assertEqual(self.status_of(db.catalogue, "de"), ombuds.MISUSE)

        # The insight export: every case of the person, notes included, their id as given.
        rows = list(csv.DictReader(io.StringIO(db.export_citizen(CPR))))
        self.assertEqual([r["case_id"] for r in rows], ["S-101", "S-102", "S-103"])
        self.assertNotIn("citizen", rows[0])  # no citizen column (interfaces.md)
        lines = db.export_citizen(CPR, format="jsonl").splitlines()
        self.assertEqual([json.loads(line)["case_id"] for line in lines], ["S-101", "S-102", "S-103"])
        self.assertEqual(len(db.export_citizen(OTHER_CPR).splitlines()), 1)  # the header only
        self.assertNotIn("5629", db.export("2025-01-01", "2025-12-31"))  # the period export: never

        # Erasure: every case of the citizen, follow-ups with their main case.
        self.assertEqual(db.erase_citizen(CPR), {"erased": 3, "wal_clean": True})
        self.assertEqual(db.erase_citizen(CPR), {"erased": 0, "wal_clean": True})
        self.assertIsNone(db.get("S-101"))
        self.assertEqual(db.cases(citizen=CPR), [])
        self.assertEqual(self.status_of(db.erase_citizen, "not a citizen"), ombuds.MISUSE)

    def refused_rule(self, call, case, rule, field):
        violations = self.refused(call, case)
        self.assertIn((rule, field), [(v["rule"], v["field"]) for v in violations])
        return violations

    def test_open_options(self):
        with ombuds.Database(":memory:", lang="en", busy_timeout_ms=250) as db:
            violations = self.refused(db.validate, {"case_id": "E-1", "kind": "complaint", "role": "main",
                                                    "received": "2025-03-03", "closed": "2025-03-04"})
            messages = {v["rule"]: v["message"] for v in violations}
            self.assertTrue(messages["closed.needs_action"].startswith("A closed case must name"))
            with self.assertRaises(ombuds.Error) as missing:
                db.delete("E-1")
            self.assertIn("no case", str(missing.exception))
        for options in ({"lang": "de"}, {"busy_timeout_ms": -1}):
            with self.assertRaises(ombuds.Error) as refused:
                ombuds.Database(":memory:", **options)
            self.assertEqual(refused.exception.status, ombuds.MISUSE)


class BusyTest(unittest.TestCase):
    def test_busy_timeout(self):
        with tempfile.TemporaryDirectory() as tmp:
            anonymous = dict(MAIN, case_id="B-2", citizen=None)
            with open_register(tmp, "busy.db") as writer, \
                    open_register(tmp, "busy.db", busy_timeout_ms=100) as other:
                with writer.transaction():
                    writer.insert(MAIN)
                    with self.assertRaises(ombuds.Error) as busy:
                        other.insert(anonymous)
                    self.assertEqual(busy.exception.status, ombuds.BUSY)
                self.assertEqual(other.insert(anonymous), [])
                self.assertEqual(len(writer.cases()), 2)


class ViolationShapeTest(unittest.TestCase):
    """ValidationError.violations has one shape whichever call refused: rule, field, severity,
    message; plus line and column where a file was read."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def violations(self, call, *args):
        with self.assertRaises(ombuds.ValidationError) as refused:
            call(*args)
        self.assertTrue(refused.exception.violations)
        return refused.exception.violations

    def assert_shape(self, violations, keys):
        for v in violations:
            self.assertEqual(set(v), keys, v)
            for key in VIOLATION_KEYS:
                self.assertIsInstance(v[key], str, (key, v))
            self.assertIn(v["severity"], ("error", "warning"))
            self.assertTrue(v["rule"] and v["message"])
            if "line" in keys:
                self.assertIsInstance(v["line"], int)
                self.assertIsInstance(v["column"], str)

    def test_one_shape(self):
        with open_register(self.dir, "r.db") as db:
            db.insert(MAIN)
            db.insert(FOLLOW_UP)
            for call, argument in ((db.validate, dict(MAIN, case_id="X", kind="klagee")),
                                   (db.insert, MAIN),
                                   (db.update, {"case_id": "S-101", "citizen": OTHER_CPR}),
                                   (db.validate_update, {"case_id": "S-102", "received": "31-02-2025"})):
                self.assert_shape(self.violations(call, argument), VIOLATION_KEYS)
            files = {
                "rows.csv": "case_id;kind;role;received;theme\nF1;complaint;main;2025-03-03;nope\n"
                            "F2;klage;main;2025-03-03;\n",
                "header.csv": "case_id;kind;rolle;received;colour\nF1;complaint;main;2025-03-03;red\n",
                "empty.csv": "",
                "binary.csv": "\x00\x01\x02 not a case file",
                "lines.jsonl": '{"case_id": "F1", "kind": "complaint"}\n[1, 2]\n',
            }
            for name, text in files.items():
                path = self.dir / name
                path.write_text(text, encoding="utf-8")
                violations = self.violations(db.import_file, path)
                self.assert_shape(violations, FILE_VIOLATION_KEYS)
                # A handler written for a form reads them the same way.
                self.assertTrue(all(v["field"] is not None for v in violations), name)
            # The warnings an accepted import reports have that shape too.
            path = self.dir / "warn.csv"
            path.write_text("case_id;kind;role;received;theme;action;closed\n"
                            "W1;complaint;main;2025-03-03;hearing;meeting;2025-03-04\n", encoding="utf-8")
            summary = db.import_file(path)
            self.assertEqual([e["rule"] for e in summary["errors"]], ["closed.needs_resolution"])
            self.assert_shape(summary["errors"], FILE_VIOLATION_KEYS)


class SchemaMigrationTest(unittest.TestCase):
    """A register of the previous schema (action NOT NULL) opens, keeps its cases and then takes a
    case without an action."""

    @unittest.skipIf(backend.on_postgresql(), "SQLite's schema 3")
    def test_schema_3_register_takes_open_cases_without_action(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "old.db"
            with ombuds.Database(path) as db:
                db.insert(dict(MAIN, action="complaint_dialogue"))
            # Make it what version 1.0.0 wrote: schema 3, action NOT NULL.
            con = sqlite3.connect(path)
            (sql,) = con.execute("SELECT sql FROM sqlite_master WHERE name = 'cases'").fetchone()
            self.assertNotIn("action TEXT NOT NULL", sql)
            columns = ", ".join(row[1] for row in con.execute("PRAGMA table_info(cases)"))
            con.executescript(
                sql.replace("CREATE TABLE cases", "CREATE TABLE cases_v3")
                .replace("action TEXT", "action TEXT NOT NULL")
                + f"; INSERT INTO cases_v3 (rowid, {columns}) SELECT rowid, {columns} FROM cases;"
                " DROP TABLE cases; ALTER TABLE cases_v3 RENAME TO cases;"
                " CREATE UNIQUE INDEX cases_case_id ON cases(case_id);"
                " UPDATE meta SET value = '3' WHERE key = 'schema_version'; PRAGMA user_version = 3;")
            con.close()
            with self.assertRaises(sqlite3.IntegrityError):  # the old schema refuses an empty action
                con = sqlite3.connect(path)
                try:
                    con.execute("INSERT INTO cases (case_id, kind, role, received) "
                                "VALUES ('x', 'complaint', 'main', '2025-03-03')")
                finally:
                    con.rollback()
                    con.close()
            with ombuds.Database(path, create=False) as db:
                self.assertEqual(db.get("S-101")["action"], "complaint_dialogue")
                self.assertEqual(db.insert(FOLLOW_UP), [])
                self.assertEqual(db.get("S-102")["action"], "")
                self.assertEqual([c["case_id"] for c in db.cases(open=True)], ["S-101", "S-102"])
            con = sqlite3.connect(path)
            self.assertGreater(con.execute("PRAGMA user_version").fetchone()[0], 3)
            self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            con.close()


if __name__ == "__main__":
    unittest.main()
