# SPDX-License-Identifier: MPL-2.0
"""The register through the command line: all-or-nothing import, crashes, concurrency, privacy.
One suite for every backend (tests/common/backend.py): SQLite files, or PostgreSQL schemas when
$OMBUDS_TEST_LOCATION names the test server (register.postgresql.cli)."""
import csv
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "common"))
import backend  # noqa: E402
import casegen  # noqa: E402
from backend import count, integrity  # noqa: E402

CLI = os.environ.get("OMBUDS_CLI", "ombuds")
LONG = os.environ.get("OMBUDS_LONG_TESTS", "0") == "1"


def run(*args, **kwargs):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=600, **kwargs)


def erased_or_kept_for_now(test, result):
    """An erase succeeded: on PostgreSQL it may say (exit 2) that another connection's
    transaction keeps the erased rows in the table's pages for now."""
    if backend.on_postgresql() and result.returncode == 2:
        test.assertIn("WAL", result.stderr)
    else:
        test.assertEqual(result.returncode, 0, result.stderr)


class RegisterTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.db = backend.location(self.dir, "register.db")
        self.addCleanup(backend.use_key_beside(self.dir, "register.db"))

    def tearDown(self):
        self.tmp.cleanup()

    def test_large_file_is_all_or_nothing(self):
        rows = casegen.rows(40000)
        good = self.dir / "good.csv"
        casegen.write(good, rows)
        result = run("import", self.db, good)
        self.assertEqual(result.returncode, 0, result.stderr[-2000:])
        self.assertEqual(count(self.db), 40000)
        self.assertIn("40000 gemt", result.stdout)

        # The same file again: every id is taken, nothing is stored.
        again = run("import", self.db, good)
        self.assertEqual(again.returncode, 1)
        self.assertIn("id.unique", again.stderr)
        self.assertEqual(count(self.db), 40000)

    def test_one_bad_row_among_thousands(self):
        rows = casegen.rows(5000, prefix="B")
        bad_index = 3117
        rows[bad_index]["unit"] = "NO-SUCH-UNIT"
        path = self.dir / "bad.csv"
        casegen.write(path, rows)
        result = run("import", self.db, path)
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"linje {bad_index + 2}", result.stderr)
        self.assertIn("unit.known", result.stderr)
        self.assertEqual(count(self.db), 0)

        rejects = self.dir / "rejects.csv"
        skipped = run("import", self.db, path, "--skip-invalid", rejects)
        self.assertEqual(skipped.returncode, 1, skipped.stderr[-2000:])
        # The bad row's follow-ups are refused with it.
        refused_ids = {rows[bad_index]["case_id"]}
        if rows[bad_index]["role"] == "main":
            refused_ids |= {r["case_id"] for r in rows if r.get("main_case_id") == rows[bad_index]["case_id"]}
        self.assertEqual(count(self.db), 5000 - len(refused_ids))
        with open(rejects, encoding="utf-8") as f:
            written = list(csv.DictReader(f, delimiter=";"))
        self.assertEqual({r["case_id"] for r in written}, refused_ids)
        bad = next(r for r in written if r["case_id"] == rows[bad_index]["case_id"])
        self.assertIn("unit.known", bad["ombuds_reason"])
        self.assertIn(f"{bad_index + 2}", bad["ombuds_reason"])

        # Corrected, the rejects file imports as it is (its reason column is ignored).
        text = rejects.read_text(encoding="utf-8").replace("NO-SUCH-UNIT", "TMF-BYG")
        rejects.write_text(text, encoding="utf-8")
        fixed = run("import", self.db, rejects)
        self.assertEqual(fixed.returncode, 0, fixed.stderr)
        self.assertEqual(count(self.db), 5000)

    def test_dry_run_and_replace(self):
        rows = casegen.rows(50, prefix="D")
        path = self.dir / "d.csv"
        casegen.write(path, rows)
        self.assertEqual(run("import", self.db, path, "--dry-run").returncode, 0)
        # A dry run creates nothing: no register, no key.
        self.assertFalse(backend.exists(self.db))
        self.assertFalse((self.dir / "register.db.key").exists())
        self.assertEqual(run("import", self.db, path).returncode, 0)
        rows[0]["theme"] = "hearing"
        casegen.write(path, rows)
        self.assertEqual(run("import", self.db, path).returncode, 1)
        result = run("import", self.db, path, "--replace")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(backend.sql(self.db, "SELECT theme FROM cases WHERE case_id = 'D1'"), "hearing")
        self.assertEqual(count(self.db), 50)

    def kill_import_trials(self, big, seed, before, after, undo_sql):
        """SIGKILLs `ombuds import REGISTER big` at random moments within the time a whole import
        takes, so kills land in every phase of it; after each the register holds `before` or
        `after` cases (undo_sql takes it back to `before`)."""
        trials = 100 if LONG else 10
        started = time.monotonic()
        self.assertEqual(run("import", backend.location(self.dir, f"timing-{seed}.db"), big).returncode, 0)
        duration = time.monotonic() - started
        rng = random.Random(seed)
        outcomes = set()
        for trial in range(trials):
            process = subprocess.Popen([CLI, "import", str(self.db), str(big)],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.0, duration * 1.1))
            process.send_signal(signal.SIGKILL)
            process.wait()
            with self.subTest(trial=trial):
                self.assertEqual(integrity(self.db), "ok")
                stored = count(self.db)
                self.assertIn(stored, (before, after))
                outcomes.add(stored)
                if stored == after:
                    backend.sql(self.db, undo_sql)
        self.assertIn(before, outcomes, "no kill landed before the commit")
        # The register still works after every kill.
        result = run("import", self.db, big)
        self.assertEqual(result.returncode, 0, result.stderr[-2000:])
        self.assertEqual(count(self.db), after)

    def test_killed_import_is_whole_or_absent(self):
        base_rows = casegen.rows(2000, prefix="BASE", seed=7)
        base = self.dir / "base.csv"
        casegen.write(base, base_rows)
        self.assertEqual(run("import", self.db, base).returncode, 0)
        big = self.dir / "big.csv"
        casegen.write(big, casegen.rows(30000, prefix="BIG", seed=8, citizen_offset=100000))
        self.kill_import_trials(big, 3, 2000, 32000, "DELETE FROM cases WHERE case_id LIKE 'BIG%'")

    def test_killed_import_into_empty_register_is_whole_or_absent(self):
        # Into an empty register a large file is stored by a second thread while it is read:
        # kills land while both threads work, and still nothing is half there.
        big = self.dir / "big.csv"
        casegen.write(big, casegen.rows(30000, prefix="E", seed=9))
        self.assertGreater(big.stat().st_size, 1 << 20, "too small to be stored while read")
        self.assertEqual(run("init", self.db).returncode, 0)
        self.kill_import_trials(big, 4, 0, 30000, "DELETE FROM cases")

    def import_at_once(self, files):
        """Starts one `ombuds import` per file into the register at once; each must succeed."""
        processes = [subprocess.Popen([CLI, "import", str(self.db), str(path)], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True) for path in files]
        for process in processes:
            out, err = process.communicate(timeout=600)
            self.assertEqual(process.returncode, 0, err)

    def test_four_processes_import_at_once(self):
        files = []
        for n in range(4):
            path = self.dir / f"part{n}.csv"
            casegen.write(path, casegen.rows(3000, prefix=f"P{n}-", seed=n, citizen_offset=n * 10000))
            files.append(path)
        self.import_at_once(files)
        self.assertEqual(count(self.db), 12000)
        self.assertEqual(integrity(self.db), "ok")

    def test_four_large_imports_into_an_empty_register_at_once(self):
        # Each file is large enough to be stored while read; the first import into the empty
        # register may switch it to a rollback journal, and the others must still succeed.
        self.assertEqual(run("init", self.db).returncode, 0)
        files = []
        for n in range(4):
            path = self.dir / f"large{n}.csv"
            casegen.write(path, casegen.rows(8000, prefix=f"L{n}-", seed=20 + n, citizen_offset=n * 10000))
            self.assertGreater(path.stat().st_size, 1 << 20, "too small to be stored while read")
            files.append(path)
        self.import_at_once(files)
        self.assertEqual(count(self.db), 32000)
        self.assertEqual(integrity(self.db), "ok")
        # Whatever mode the last import left, the register is in WAL mode once ombuds opens it.
        self.assertEqual(run("export", self.db, "--format", "csv").returncode, 0)
        if not backend.on_postgresql():
            self.assertEqual(backend.sql(self.db, "PRAGMA journal_mode"), "wal")

    def test_no_clear_cpr_in_register_files(self):
        rows = casegen.rows(3000, prefix="Q")
        path = self.dir / "q.csv"
        casegen.write(path, rows)
        # Keep the WAL: look at every file the register writes before any checkpoint.
        result = run("import", self.db, path)
        self.assertEqual(result.returncode, 0, result.stderr)
        numbers = {row["citizen"] for row in rows}
        # (On PostgreSQL the tables, pg_dump's output and the server's log: postgresql.register.)
        files = [p for p in self.dir.iterdir() if p.name.startswith("register.db")
                 and not p.name.endswith(".key")]
        self.assertTrue(any(p.name.endswith("-wal") for p in files) or True)
        for p in files:
            data = p.read_bytes()
            for number in list(numbers)[:500]:
                for form in (number, number.replace("-", "")):
                    self.assertNotIn(form.encode(), data, f"{p.name} holds a CPR number in clear")
        # Neither do exports (notes and pseudonyms left out) nor messages.
        export = run("export", self.db)
        self.assertEqual(export.returncode, 0)
        for number in list(numbers)[:200]:
            self.assertNotIn(number.replace("-", ""), export.stdout)
            self.assertNotIn(number, export.stdout)

    def test_key_file_is_private_and_required(self):
        path = self.dir / "k.csv"
        casegen.write(path, casegen.rows(10, prefix="K"))
        self.assertEqual(run("import", self.db, path).returncode, 0)
        key = self.dir / "register.db.key"
        self.assertEqual(key.stat().st_mode & 0o777, 0o600)
        key.rename(self.dir / "moved.key")
        missing = run("import", self.db, path)
        self.assertEqual(missing.returncode, 2)
        other = self.dir / "other.key"
        other.write_text("ab" * 32 + "\n")
        wrong = run("import", self.db, path, "--key-file", other)
        self.assertEqual(wrong.returncode, 2)
        self.assertIn("key", wrong.stderr)


class PrivacyOperationsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.db = backend.location(self.dir, "register.db")
        self.addCleanup(backend.use_key_beside(self.dir, "register.db"))
        self.rows = casegen.rows(30, prefix="E")
        path = self.dir / "e.csv"
        casegen.write(path, self.rows)
        result = run("import", self.db, path)
        self.assertEqual(result.returncode, 0, result.stderr)

    def tearDown(self):
        self.tmp.cleanup()

    def test_insight_export_holds_notes_and_only_that_citizen(self):
        person = self.rows[0]["citizen"]
        mine = [r for r in self.rows if r["citizen"] == person]
        result = run("export", self.db, "--citizen", person, "--format", "jsonl")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = [json.loads(line) for line in result.stdout.splitlines()]
        self.assertEqual({l["case_id"] for l in lines}, {r["case_id"] for r in mine})
        self.assertTrue(all(l["note"] for l in lines))
        self.assertNotIn(person.replace("-", ""), lines[0]["note"])  # notes never kept a CPR number

    def test_export_has_no_notes_and_filters_period(self):
        result = run("export", self.db, "--format", "csv")
        rows = list(csv.DictReader(result.stdout.splitlines()))
        self.assertEqual(len(rows), 30)
        # No citizen and no note column: fed back with --update, an export changes nothing.
        self.assertTrue(all("note" not in r and "citizen" not in r for r in rows))
        june = run("export", self.db, "--from", "2024-06-01", "--to", "2024-06-30", "--format", "jsonl")
        expected = sum(1 for r in self.rows if r["received"].startswith("2024-06"))
        self.assertEqual(len(june.stdout.splitlines()), expected)
        # An export re-imports into a fresh register.
        out = self.dir / "export.jsonl"
        self.assertEqual(run("export", self.db, "--format", "jsonl", "--output", out).returncode, 0)
        self.assertEqual(run("import", backend.location(self.dir, "copy.db"), out).returncode, 0)

    def test_erase_removes_every_case_of_the_citizen(self):
        person = self.rows[0]["citizen"]
        mine = sum(1 for r in self.rows if r["citizen"] == person)
        result = run("erase", self.db, "--citizen", person)
        erased_or_kept_for_now(self, result)
        self.assertIn(f"{mine} sager slettet", result.stdout)
        self.assertEqual(count(self.db), 30 - mine)
        self.assertNotIn(person, result.stdout + result.stderr)
        again = run("export", self.db, "--citizen", person, "--format", "jsonl")
        self.assertEqual(again.stdout.strip(), "")
        self.assertEqual(run("erase", self.db, "--citizen", "not a cpr").returncode, 2)

    def test_anonymise_keeps_statistics_and_citizen_counts(self):
        backend.sql(self.db, "UPDATE cases SET closed = '2024-12-31', resolution = 'explained'")
        before = backend.sql(self.db, "SELECT count(DISTINCT citizen) FROM cases")
        result = run("anonymise", self.db, "--closed-before", "2025-01-01")
        self.assertEqual(result.returncode, 0, result.stderr)
        after = backend.sql(self.db, "SELECT count(DISTINCT citizen) FROM cases")
        notes = backend.sql(self.db, "SELECT count(*) FROM cases WHERE note IS NOT NULL")
        self.assertEqual(before, after)
        self.assertEqual(notes, 0)
        person = self.rows[0]["citizen"]
        insight = run("export", self.db, "--citizen", person, "--format", "jsonl")
        self.assertEqual(insight.stdout.strip(), "", "anonymised cases are no longer linked to the person")


if __name__ == "__main__":
    unittest.main()
