# SPDX-License-Identifier: MPL-2.0
"""The Python package over the C API (unittest, standard library only). With
$OMBUDS_TEST_LOCATION (python.postgresql.package) its registers are schemas on that PostgreSQL
server."""
import os
import sys
import tempfile
import threading
import unittest
from pathlib import Path

import ombuds

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "common"))
import backend  # noqa: E402

CASE = {"case_id": "K1", "inquiry_id": "H1", "citizen": "211062-5629", "kind": "Klage", "role": "hovedsag",
        "received": "04-03-2024", "unit": "BSF-JOB-SDP", "theme": "slow_processing",
        "action": "complaint_dialogue"}


def case(**changes):
    out = dict(CASE)
    out.update(changes)
    return out


def open_register(directory, name, **options):
    """The register `name` of a test: the file directory/name, or a schema of its own (its key
    file directory/name.key, unless the test names one)."""
    options.setdefault("key_file", backend.key_file(directory, name))
    return ombuds.Database(backend.location(directory, name), **options)


def memory_register(directory, name):
    """A register that lives as long as its handle: SQLite's ":memory:", or a schema of its own."""
    return open_register(directory, name) if backend.on_postgresql() else ombuds.Database(":memory:")


class DatabaseTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def test_version(self):
        self.assertRegex(ombuds.version(), r"^\d+\.\d+\.\d+$")

    def test_insert_validate_delete(self):
        with memory_register(self.dir, "insert_validate_delete") as db:
            self.assertEqual(db.validate(CASE), [])
            self.assertEqual(db.insert(CASE), [])
            with self.assertRaises(ombuds.ValidationError) as refused:
                db.insert(CASE)
            self.assertEqual(refused.exception.status, ombuds.INVALID)
            self.assertIn("id.unique", [v["rule"] for v in refused.exception.violations])
            follow_up = case(case_id="K2", role="follow_up", main_case_id="K1")
            db.insert(follow_up)
            with self.assertRaises(ombuds.Error) as conflict:
                db.delete("K1")
            self.assertEqual(conflict.exception.status, ombuds.CONFLICT)
            with self.assertRaises(ombuds.Error) as missing:
                db.delete("nope")
            self.assertEqual(missing.exception.status, ombuds.NOT_FOUND)
            db.delete("K2")
            db.delete("K1")

    def test_warnings_are_returned(self):
        with memory_register(self.dir, "warnings_are_returned") as db:
            warnings = db.insert(case(closed="2024-04-01", first_response="2024-03-05"))
            self.assertEqual([w["rule"] for w in warnings], ["closed.needs_resolution"])
            self.assertEqual(warnings[0]["severity"], "warning")

    def test_bad_fields(self):
        with memory_register(self.dir, "bad_fields") as db:
            with self.assertRaises(ombuds.Error) as unknown:
                db.insert(case(colour="red"))
            self.assertEqual(unknown.exception.status, ombuds.MISUSE)
            with self.assertRaises(ombuds.ValidationError) as refused:
                db.insert(case(citizen="511062-5629"))
            self.assertNotIn("5629", str(refused.exception.violations))

    def test_transaction(self):
        with open_register(self.dir, "tx.db") as db:
            with self.assertRaises(RuntimeError):
                with db.transaction():
                    db.insert(case(case_id="A"))
                    raise RuntimeError("stop")
            with db.transaction():
                db.insert(case(case_id="A"))
                db.insert(case(case_id="B"))
            self.assertEqual(db.report("2024-01-01", "2024-12-31", compare=False)["volume"]["cases"], 2)

    def test_import_and_report(self):
        path = self.dir / "cases.csv"
        path.write_text("case_id;citizen;kind;role;received;unit;theme;action\n"
                        "I1;211062-5629;complaint;main;2024-03-04;BSF-JOB-SDP;no_reply;meeting\n"
                        "I2;070761-4285;inquiry;main;2024-04-04;NOPE;advice_request;guidance\n", encoding="utf-8")
        with open_register(self.dir, "r.db") as db:
            with self.assertRaises(ombuds.ValidationError) as refused:
                db.import_file(path)
            self.assertEqual(refused.exception.violations[0]["rule"], "unit.known")
            self.assertEqual(refused.exception.violations[0]["line"], 3)
            trial = db.import_file(path, skip_invalid=True, dry_run=True)
            self.assertEqual((trial["read"], trial["rejected"]), (2, 1))
            self.assertEqual(db.report("2024-01-01", "2024-12-31", compare=False)["volume"]["cases"], 0)
            summary = db.import_file(path, skip_invalid=True)
            self.assertEqual((summary["imported"], summary["rejected"]), (1, 1))
            report = db.report("2024-01-01", "2024-12-31")
            self.assertEqual(report["schema"], "ombuds.report/1")
            self.assertEqual(report["compare"], {"from": "2023-01-01", "to": "2023-12-31", "name": "2023"})
            self.assertIsNone(db.report("2024-01-01", "2024-12-31", compare=False)["compare"])
            custom = db.report("2024-01-01", "2024-06-30", compare=("2023-07-01", "2023-12-31"), audience="public")
            self.assertEqual(custom["audience"], "public")
            # The one complaint is hidden outside the office, whatever the threshold (at least 3).
            hidden = db.report("2024-01-01", "2024-12-31", audience="public", min_count=3)
            self.assertEqual(hidden["min_count"], 3)
            self.assertIsNone(hidden["volume"]["cases"])
            self.assertTrue(hidden["volume"]["suppressed"])
            for min_count, compare in ((2, None), (5, ("2023-07-01", "2024-06-30"))):
                with self.assertRaises(ombuds.Error) as refused:
                    db.report("2024-01-01", "2024-12-31", audience="public", min_count=min_count, compare=compare)
                self.assertEqual(refused.exception.status, ombuds.MISUSE)
            html = db.report("2024-01-01", "2024-12-31", format="html")
            self.assertTrue(html.startswith("<!DOCTYPE html>"))
            with self.assertRaises(ombuds.Error) as bad:
                db.report("2024-01-01", "2024-12-31", format="pdf")
            self.assertEqual(bad.exception.status, ombuds.MISUSE)
            with self.assertRaises(ombuds.Error) as io:
                db.import_file(self.dir / "missing.csv")
            self.assertEqual(io.exception.status, ombuds.IO)

    def test_configuration_and_key_file(self):
        org = self.dir / "org.json"
        org.write_text('{"name": "Test", "units": [{"code": "A", "label": "Område A"}]}', encoding="utf-8")
        key = self.dir / "my.key"
        with open_register(self.dir, "c.db", organisation=org, key_file=key) as db:
            db.insert(case(unit="A"))
            with self.assertRaises(ombuds.ValidationError):
                db.insert(case(case_id="K2", unit="BSF-JOB-SDP"))
        self.assertTrue(key.exists())
        none = backend.location(self.dir, "none.db")
        with self.assertRaises(ombuds.Error) as missing:
            open_register(self.dir, "none.db", create=False)  # no such file, or no such schema
        self.assertEqual(missing.exception.status, ombuds.NOT_FOUND)
        self.assertIn(str(none).rsplit("schema=", 1)[1] if backend.on_postgresql() else "none.db",
                      str(missing.exception))

    def test_closed_database(self):
        db = memory_register(self.dir, "closed_database")
        db.close()
        db.close()
        with self.assertRaises(ombuds.Error) as closed:
            db.insert(CASE)
        self.assertEqual(closed.exception.status, ombuds.MISUSE)

    @unittest.skipIf("libasan" in os.environ.get("LD_PRELOAD", ""), "ASan holds freed memory in quarantine")
    def test_no_leak_over_100000_calls(self):
        def rss_kib():
            with open("/proc/self/status") as status:
                return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))

        with memory_register(self.dir, "no_leak_over_100000_calls") as db:
            for _ in range(5000):  # warm up allocator pools and caches
                db.validate(CASE)
            before = rss_kib()
            for _ in range(100000):
                db.validate(CASE)
            growth = rss_kib() - before
        self.assertLess(growth, 4096, f"memory grew by {growth} KiB over 100,000 calls")

    def test_threads_with_their_own_handles(self):
        open_register(self.dir, "threads.db").close()
        errors = []

        def work(n):
            try:
                with open_register(self.dir, "threads.db") as db:
                    with db.transaction():
                        for i in range(50):
                            db.insert(case(case_id=f"T{n}-{i}", citizen=f"ref:{n}-{i}"))
            except Exception as error:  # reported below
                errors.append(error)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        with open_register(self.dir, "threads.db") as db:
            self.assertEqual(db.report("2024-01-01", "2024-12-31", compare=False)["volume"]["cases"], 200)


if __name__ == "__main__":
    unittest.main()
