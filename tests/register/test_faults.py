# SPDX-License-Identifier: MPL-2.0
"""Faults from outside: damaged registers, wrong keys, unreadable paths. Every one is a clear
error (exit 2), never a crash, and never a partial import."""
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import casegen  # noqa: E402

CLI = os.environ.get("OMBUDS_CLI", "ombuds")


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=300)


class FaultTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.db = self.dir / "r.db"
        self.cases = self.dir / "c.csv"
        casegen.write(self.cases, casegen.rows(3000, prefix="F"))
        result = run("import", self.db, self.cases)
        self.assertEqual(result.returncode, 0, result.stderr)
        with sqlite3.connect(self.db) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def tearDown(self):
        self.tmp.cleanup()

    def assert_clean_failure(self, result):
        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertTrue(result.stderr.startswith("ombuds: "), result.stderr)
        self.assertNotIn("terminate", result.stderr)
        self.assertNotIn("Traceback", result.stderr)

    def test_damaged_pages(self):
        data = bytearray(self.db.read_bytes())
        page = 4096
        noise = random.Random(7)
        for offset in range(2 * page, len(data) - page, 7 * page):
            data[offset:offset + 512] = bytes(noise.randrange(256) for _ in range(512))
        self.db.write_bytes(bytes(data))
        for args in (("report", self.db, "--from", "2024-01-01", "--to", "2024-12-31"),
                     ("export", self.db),
                     ("import", self.db, self.cases, "--replace")):
            with self.subTest(command=args[0]):
                result = run(*args)
                # A damaged page may lie where this command does not read; then it succeeds.
                if result.returncode != 0:
                    self.assert_clean_failure(result)

    def test_truncated_register(self):
        data = self.db.read_bytes()
        self.db.write_bytes(data[: len(data) // 3])
        result = run("report", self.db, "--from", "2024-01-01", "--to", "2024-12-31")
        if result.returncode != 0:
            self.assert_clean_failure(result)

    def test_not_a_register(self):
        other = self.dir / "other.db"
        with sqlite3.connect(other) as connection:
            connection.execute("CREATE TABLE something (x)")
        # Keys ombuds accepts (random, private), so the register itself is what is refused.
        key = Path(str(other) + ".key")
        key.write_text(os.urandom(32).hex() + "\n")
        key.chmod(0o600)
        self.assert_clean_failure(run("import", other, self.cases))
        text = self.dir / "text.db"
        text.write_text("hello " * 2000)
        shutil.copyfile(key, str(text) + ".key")
        Path(str(text) + ".key").chmod(0o600)
        self.assert_clean_failure(run("report", text, "--from", "2024-01-01", "--to", "2024-12-31"))

    def test_damaged_key_file(self):
        key = Path(str(self.db) + ".key")
        key.write_text("not a key\n")
        self.assert_clean_failure(run("import", self.db, self.cases))
        key.write_text("")
        self.assert_clean_failure(run("import", self.db, self.cases))

    def test_unwritable_places(self):
        self.assert_clean_failure(run("import", self.dir / "no" / "such" / "dir" / "r.db", self.cases))
        self.assert_clean_failure(run("import", self.dir, self.cases))  # a directory
        out = run("report", self.db, "--from", "2024-01-01", "--to", "2024-12-31",
                  "--output", self.dir / "no" / "such" / "report.html")
        self.assert_clean_failure(out)

    def test_bad_configuration_files(self):
        org = self.dir / "org.json"
        for text in ("{", "[]", '{"units": [{"code": "A", "parent": "A"}]}', "\x00\x01\x02"):
            org.write_text(text)
            with self.subTest(text=text):
                self.assert_clean_failure(run("import", self.dir / "new.db", self.cases, "--organisation", org))
                self.assertFalse((self.dir / "new.db").exists(), "a refused configuration creates nothing")


if __name__ == "__main__":
    unittest.main()
