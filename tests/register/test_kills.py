# SPDX-License-Identifier: MPL-2.0
"""SIGKILL at random moments during `ombuds erase` and `ombuds anonymise`: after every kill the
register passes integrity_check and the operation is wholly there or wholly absent."""
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import casegen  # noqa: E402

CLI = os.environ.get("OMBUDS_CLI", "ombuds")
LONG = os.environ.get("OMBUDS_LONG_TESTS", "0") == "1"
TRIALS = 100 if LONG else 10

BASE_CASES = 60000    # closed in 2024: what anonymise changes
ERASED_CASES = 60000  # all of one citizen: what erase removes
PERSON = casegen.cpr(900000)
BEFORE = "2025-01-01"


def run(*args, **kwargs):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=600, **kwargs)


def query(db, sql):
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchone()[0]


def integrity(db):
    return query(db, "PRAGMA integrity_check")


class KillTest(unittest.TestCase):
    """Each trial starts from a copy of one register built once."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)
        cls.pristine = cls.dir / "pristine.db"
        base = cls.dir / "base.csv"
        casegen.write(base, casegen.rows(BASE_CASES, prefix="BASE", seed=7))
        erased = casegen.rows(ERASED_CASES, prefix="ERASE", seed=9, citizen_offset=500000)
        for row in erased:  # one citizen with many cases, so erasing takes measurable time
            row["citizen"] = PERSON
            row["note"] = "Borgeren ringede"
        erase = cls.dir / "erase.csv"
        casegen.write(erase, erased)
        for path in (base, erase):
            result = run("import", cls.pristine, path)
            assert result.returncode == 0, result.stderr[-2000:]
        with sqlite3.connect(cls.pristine) as connection:
            connection.execute("UPDATE cases SET closed = '2024-12-31', resolution = 'explained' "
                               "WHERE case_id LIKE 'BASE%'")
        with sqlite3.connect(cls.pristine) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cls.citizens = query(cls.pristine, "SELECT count(DISTINCT citizen) FROM cases")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def copy(self, name):
        """A fresh copy of the pristine register (and its key) under `name`."""
        db = self.dir / name
        for suffix in ("", "-wal", "-shm", ".key"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        for suffix in ("", "-wal", ".key"):
            source = Path(f"{self.pristine}{suffix}")
            if source.exists():
                shutil.copyfile(source, f"{db}{suffix}")
        os.chmod(f"{db}.key", 0o600)
        return db

    def kill_trials(self, args, outcome, absent, whole):
        """Runs `ombuds ARGS` on fresh copies and kills it at a random moment within the time a
        whole run takes; `outcome(db)` must be `absent` or `whole` after every kill."""
        timing = self.copy("timing.db")
        started = time.monotonic()
        result = run(args[0], timing, *args[1:])
        duration = time.monotonic() - started
        self.assertEqual(result.returncode, 0, result.stderr[-2000:])
        self.assertEqual(outcome(timing), whole)
        rng = random.Random(11)
        outcomes = []
        for trial in range(TRIALS):
            db = self.copy("trial.db")
            process = subprocess.Popen([CLI, args[0], str(db), *args[1:]],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.0, duration * 1.1))
            process.send_signal(signal.SIGKILL)
            process.wait()
            with self.subTest(trial=trial):
                self.assertEqual(integrity(db), "ok")
                state = outcome(db)
                self.assertIn(state, (absent, whole))
                self.assertEqual(query(db, "SELECT count(DISTINCT citizen) FROM cases"),
                                 self.citizens - (1 if state == whole and args[0] == "erase" else 0))
                outcomes.append(state)
        print(f"\n{args[0]}: {duration:.2f} s a run; {outcomes.count(absent)} kills before the commit, "
              f"{outcomes.count(whole)} after", file=sys.stderr)
        self.assertIn(absent, outcomes, "no kill landed before the commit")
        # The register still works after a kill: the operation runs again to the end.
        result = run(args[0], db, *args[1:])
        self.assertEqual(result.returncode, 0, result.stderr[-2000:])
        self.assertEqual(outcome(db), whole)
        self.assertEqual(integrity(db), "ok")
        return outcomes

    def test_killed_erase_is_whole_or_absent(self):
        def outcome(db):
            erased = query(db, "SELECT count(*) FROM cases WHERE case_id LIKE 'ERASE%'")
            total = query(db, "SELECT count(*) FROM cases")
            self.assertEqual(total - erased, BASE_CASES)  # nothing else touched
            return erased

        self.kill_trials(["erase", "--citizen", PERSON], outcome, ERASED_CASES, 0)

    def test_killed_anonymise_is_whole_or_absent(self):
        def outcome(db):
            anonymised = query(db, "SELECT count(*) FROM cases WHERE citizen_key = 'anonymised'")
            notes = query(db, f"SELECT count(*) FROM cases WHERE closed < '{BEFORE}' AND note IS NOT NULL")
            open_notes = query(db, "SELECT count(*) FROM cases WHERE closed IS NULL AND note IS NOT NULL")
            self.assertEqual(open_notes, ERASED_CASES)  # open cases keep their notes
            # Pseudonyms and notes go together, in one transaction.
            self.assertIn((anonymised, notes), ((0, BASE_CASES), (BASE_CASES, 0)))
            return anonymised

        self.kill_trials(["anonymise", "--closed-before", BEFORE], outcome, 0, BASE_CASES)


if __name__ == "__main__":
    unittest.main()
