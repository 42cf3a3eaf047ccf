# SPDX-License-Identifier: MPL-2.0
"""No clear CPR number, in any spelling, in anything the C API returns or writes (issue 14).

Driven through the Python package (bindings/python, ctypes over libombuds): CPR numbers in every
spelling go into every field of a case, into case ids and queries, and into the labels and codes
of configuration files; every function that writes or returns text is called, and every string
it returns, every error message, and the register's files (the database, its WAL, its shared
memory and journal, read while the handle is open) are searched.
"""
import json
import os
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cpr_leaks import SPELLINGS, Numbers, describe, read_elsewhere  # noqa: E402

import ombuds  # noqa: E402

SOURCE = Path(os.environ.get("OMBUDS_SOURCE_DIR") or Path(__file__).resolve().parents[2])
FIELDS = list(ombuds.FIELDS)
BASE = dict(kind="complaint", role="main", received="2024-03-04", first_response="2024-03-05",
            closed="2024-04-01", unit="BSF-JOB-SDP", theme="slow_processing",
            action="complaint_dialogue", resolution="explained", channel="phone",
            contact="citizen", legal_ref="§ 7", note="Notat")
AUDIENCES = ("advisor", "administration", "public")
FORMATS = ("json", "md", "html", "csv")


class CapiPrivacyTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.numbers = Numbers()
        self.leaks = []
        self.calls = 0
        self.register_search_every = 1
        self.next_id = 0

    def tearDown(self):
        self.tmp.cleanup()

    # --- calling and searching ----------------------------------------------------------------
    def search(self, where, text):
        if text is None:
            return
        if not isinstance(text, str):
            text = json.dumps(text, ensure_ascii=False)
        for digits, place, spelling in self.numbers.find(text):
            self.leaks.append((where, digits, place, spelling))

    def call(self, db, name, *args, **kwargs):
        """Calls a method of the Database; searches what it returns or raises, then the
        register's files while the handle is open."""
        self.calls += 1
        result = None
        try:
            result = getattr(db, name)(*args, **kwargs)
            self.search(f"{name}: the result", result)
        except ombuds.ValidationError as e:
            self.search(f"{name}: ValidationError", str(e))
            self.search(f"{name}: violations", e.violations)
        except ombuds.Error as e:
            self.search(f"{name}: Error", str(e))
        # The register's files are read again every few calls: reading them after every call
        # of the long loops costs minutes. Fewer calls than the WAL's checkpoint interval, so
        # nothing written meanwhile has been overwritten.
        if self.calls % self.register_search_every == 0:
            self.search_register(db.path_for_search, f"after {name}")
        return result

    def search_register(self, db_path, when):
        for suffix in ("", "-wal", "-shm", "-journal"):
            path = Path(f"{db_path}{suffix}")
            if path.exists():
                for digits, place, spelling, member in self.numbers.find_in_file(
                        path, read=read_elsewhere):
                    self.leaks.append((f"{path.name} {when}", digits, place, spelling))

    def open(self, path, **options):
        try:
            db = ombuds.Database(path, **options)
        except ombuds.Error as e:
            self.search("open: Error", str(e))
            return None
        db.path_for_search = path
        return db

    def assert_no_leak(self):
        for path in sorted(self.dir.rglob("*")):
            if path.is_file() and not path.name.endswith(".json") and path.parent == self.dir:
                for digits, place, spelling, member in self.numbers.find_in_file(path):
                    self.leaks.append((f"{path.name} at the end", digits, place, spelling))
        self.assertGreater(self.calls, 0)
        unique = sorted(set(self.leaks))
        self.assertEqual(unique, [], "clear CPR numbers returned or written:\n" + describe(unique))

    # --- cases --------------------------------------------------------------------------------
    def case(self, **fields):
        self.next_id += 1
        case = dict(BASE, case_id=f"C{self.next_id}", inquiry_id=f"I{self.next_id}")
        case.update(fields)
        return case

    def citizens_with_cases(self, db):
        """Inserts a case per spelling with a CPR number as its citizen, and one with a CPR
        number in its note and its legal reference; returns [(citizen, case ids)]."""
        people = []
        for spelling, citizen in self.numbers.every_spelling("citizen").items():
            note = self.numbers.spell("note", spelling)
            ref = self.numbers.spell("legal_ref", spelling)
            first = self.case(citizen=citizen)
            second = self.case(citizen=citizen, note=f"Ringede fra {note} i dag",
                               legal_ref=f"§ 7 ({ref})")
            self.call(db, "insert", first)
            self.call(db, "insert", second)
            people.append((citizen, [first["case_id"], second["case_id"]]))
        return people

    # --- the tests ----------------------------------------------------------------------------
    def test_every_field_through_validate_insert_and_update(self):
        path = self.dir / "register.db"
        db = self.open(path)
        people = self.citizens_with_cases(db)
        stored = self.call(db, "cases")
        self.assertEqual(len(stored), 2 * len(SPELLINGS), "every spelling is a citizen")
        self.register_search_every = 20
        for field in FIELDS:
            for spelling, number in self.numbers.every_spelling(field).items():
                value = f"Tekst {number}" if field in ("note", "legal_ref") else number
                case = self.case(**{field: value})
                self.call(db, "validate", case)
                self.call(db, "insert", case)
                self.call(db, "validate_update", {"case_id": people[0][1][0], field: value})
                self.call(db, "update", {"case_id": people[0][1][0], field: value})
                self.call(db, "update", {"case_id": number, "note": "x"})
            self.search_register(path, f"after the calls with {field}")
        self.register_search_every = 1
        for spelling, number in self.numbers.every_spelling("field name").items():
            self.call(db, "validate", {number: "x"})
        # Inside a transaction, and rolled back.
        db.begin()
        self.call(db, "insert", self.case(note=self.numbers.spell("rolled back", "dot")))
        db.rollback()
        db.close()
        self.assert_no_leak()

    def test_reading_and_the_outputs(self):
        path = self.dir / "register.db"
        db = self.open(path)
        people = self.citizens_with_cases(db)
        for citizen, ids in people:
            for case_id in ids:
                found = self.call(db, "get", case_id)
                self.assertTrue(found["has_citizen"])
            self.call(db, "cases", citizen=citizen)
        # The notes went through, redacted.
        self.assertIn("Ringede fra XXXXXX-XXXX i dag", db.get(people[0][1][1])["note"])
        for spelling, number in self.numbers.every_spelling("query").items():
            self.call(db, "get", number)
            self.call(db, "cases", unit=number)
            self.call(db, "cases", inquiry_id=number)
            self.call(db, "cases", main_case_id=number)
            self.call(db, "cases", after_case_id=number)
            self.call(db, "cases", received_from=number)
            self.call(db, "delete", number)
            self.call(db, "export_citizen", f"ref:{number}")
            self.call(db, "report", number, "2024-12-31")
            self.call(db, "report", "2024-01-01", "2024-12-31", audience=number)
            self.call(db, "export", number, number)
            self.call(db, "anonymise", number)
            self.call(db, "catalogue", on=number)
        for lang in ("da", "en"):
            self.call(db, "catalogue", lang=lang)
        for audience in AUDIENCES:
            for fmt in FORMATS:
                self.call(db, "report", "2024-01-01", "2024-12-31", format=fmt, audience=audience)
        for fmt in ("csv", "jsonl"):
            self.call(db, "export", format=fmt)
            self.call(db, "export", "2024-01-01", "2024-12-31", format=fmt)
        excel = db._text_call(ombuds._lib.ombuds_export,
                              ombuds._json_argument({"format": "csv", "excel": True}))
        self.search("export excel", excel)
        for citizen, _ in people:
            insight = self.call(db, "export_citizen", citizen, format="jsonl")
            self.assertIn("XXXXXX-XXXX", insight)
            self.call(db, "export_citizen", citizen, format="csv")
        # Files: an import with a CPR number in its name and its rows.
        for spelling, number in self.numbers.every_spelling("file name", file_name=True).items():
            cases = self.dir / f"klage {number}.csv"
            row = self.case(note=self.numbers.spell("imported note", spelling),
                            citizen=self.numbers.spell("imported citizen", spelling))
            cases.write_text(";".join(row) + "\n" + ";".join(row.values()) + "\n",
                             encoding="utf-8")
            self.call(db, "import_file", cases, dry_run=True)
            self.call(db, "import_file", cases)
            self.call(db, "import_file", cases, skip_invalid=True)
            self.call(db, "import_file", self.dir / f"mangler {number}.csv")
            cases.unlink()
        for i, (citizen, ids) in enumerate(people):
            if i % 2 == 0:
                self.call(db, "erase_citizen", citizen)
        self.call(db, "anonymise", "2025-01-01")
        for citizen, ids in people:
            self.call(db, "erase_citizen", citizen)
            self.call(db, "export_citizen", citizen)
        db.close()
        self.assert_no_leak()

    def test_configuration_labels_and_codes(self):
        organisation = json.loads((SOURCE / "data" / "organisation.json").read_text("utf-8"))
        themes = json.loads((SOURCE / "data" / "themes.json").read_text("utf-8"))
        labels = iter(self.numbers.every_spelling("organisation label").values())
        organisation["name"] = f"Kommune {next(labels)}"
        for unit, number in zip(organisation["units"], labels):
            unit["label"] = f"{unit['label']} {number}"
        for group, number in zip(themes["groups"],
                                 self.numbers.every_spelling("theme label").values()):
            group["label"] = f"{group['label']} {number}"
            group["themes"][-1]["label"] = f"{group['themes'][-1]['label']} {number}"
        org_path, themes_path = self.dir / "org.json", self.dir / "themes.json"
        org_path.write_text(json.dumps(organisation, ensure_ascii=False), encoding="utf-8")
        themes_path.write_text(json.dumps(themes, ensure_ascii=False), encoding="utf-8")
        path = self.dir / "configured.db"
        db = self.open(path, organisation=org_path, themes=themes_path)
        self.citizens_with_cases(db)
        for lang in ("da", "en"):
            catalogue = self.call(db, "catalogue", lang=lang)
            self.assertIn("XXXXXX-XXXX", json.dumps(catalogue, ensure_ascii=False))
        for audience in AUDIENCES:
            for fmt in FORMATS:
                self.call(db, "report", "2024-01-01", "2024-12-31", format=fmt, audience=audience)
        self.call(db, "export", format="csv")
        db.close()
        # Codes that are CPR numbers: refused, and not echoed.
        for spelling in SPELLINGS:
            bad_org = json.loads(org_path.read_text("utf-8"))
            bad_org["units"].append({"code": self.numbers.spell("unit code", spelling),
                                     "label": "Enhed", "parent": "SSF"})
            bad_themes = json.loads(themes_path.read_text("utf-8"))
            bad_themes["groups"].append({
                "code": self.numbers.spell("theme group code", spelling), "label": "Gruppe",
                "themes": [{"code": self.numbers.spell("theme code", spelling), "label": "T"}]})
            bad_org_path, bad_themes_path = self.dir / "bad-org.json", self.dir / "bad-themes.json"
            bad_org_path.write_text(json.dumps(bad_org, ensure_ascii=False), encoding="utf-8")
            bad_themes_path.write_text(json.dumps(bad_themes, ensure_ascii=False),
                                       encoding="utf-8")
            for options in ({"organisation": bad_org_path}, {"themes": bad_themes_path}):
                for target in (self.dir / f"new-{spelling}.db", path):
                    other = self.open(target, **options)
                    if other is not None:
                        self.call(other, "catalogue")
                        self.call(other, "report", "2024-01-01", "2024-12-31", format="md")
                        other.close()
        self.assert_no_leak()


if __name__ == "__main__":
    unittest.main()
