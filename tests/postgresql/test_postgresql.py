# SPDX-License-Identifier: MPL-2.0
"""A register on PostgreSQL against the SQLite register and against the server's failures, with
the command line as a user drives it: the same generated cases give byte-identical reports,
exports and tables on both; a SIGKILL during a large import leaves it wholly there or wholly
absent; a server restarted in the middle of a write gives a clear I/O error and stores nothing;
no CPR number in clear reaches a table, pg_dump's output or the server's log."""
import glob
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "register"))
import casegen  # noqa: E402

CLI = os.environ.get("OMBUDS_CLI", "ombuds")
GENERATE = os.environ.get("OMBUDS_GENERATE", "generate_cases")
BASE = os.environ.get("OMBUDS_TEST_LOCATION", "")
SERVER_DIR = os.environ.get("OMBUDS_TEST_PG_DIR", "")
LONG = os.environ.get("OMBUDS_LONG_TESTS", "0") == "1"
BINDIRS = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
BINDIR = BINDIRS[-1] if BINDIRS else ""


def run(*args, env=None, timeout=600):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env=env)


def server_sql(sql, base=None):
    """The rows psql prints for `sql` on the test server (unaligned, tab-separated)."""
    result = subprocess.run([f"{BINDIR}/psql", base or BASE, "-X", "-A", "-t", "-F", "\t", "-c", sql],
                            capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return result.stdout.strip()


def as_server_owner(*args):
    """Runs a server program as the server's owner (nobody when the tests run as root)."""
    command = list(args)
    if os.getuid() == 0:
        command = ["runuser", "-u", "nobody", "--", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def copying(base=None):
    """Whether a COPY into a register's cases is running on the server."""
    return server_sql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY cases%' "
                      "AND pid <> pg_backend_pid()", base) != "0"


@unittest.skipUnless(BASE and BINDIR, "no PostgreSQL test server (postgresql-15 not installed)")
class PostgresqlRegisterTest(unittest.TestCase):
    schemas = 0

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.env = dict(os.environ, OMBUDS_KEY_FILE=str(self.dir / "register.key"))

    def tearDown(self):
        self.tmp.cleanup()

    def location(self):
        """A register of its own: a new schema."""
        PostgresqlRegisterTest.schemas += 1
        self.schema = f"py{os.getpid()}_{PostgresqlRegisterTest.schemas}"
        return f"{BASE}&schema={self.schema}"

    def generate(self, cases, name="cases.csv", seed=5):
        path = self.dir / name
        result = subprocess.run([GENERATE, str(cases), str(path), "--first-year", "2024",
                                 "--years", "2", "--seed", str(seed)], capture_output=True,
                                text=True, timeout=600)
        self.assertEqual(result.returncode, 0, result.stderr)
        return path

    def test_the_documented_setup_gives_each_office_its_own_register(self):
        document = Path(__file__).resolve().parents[2] / "docs" / "postgresql.md"
        setup = document.read_text(encoding="utf-8").split("```sql\n", 1)[1].split("```", 1)[0]
        database, office = setup.split("-- One office", 1)
        for name, sql in (("database", database), ("aarhus", "-- One office" + office),
                          ("odense", ("-- One office" + office).replace("aarhus", "odense"))):
            script = self.dir / f"{name}.sql"
            script.write_text(sql, encoding="utf-8")
            done = subprocess.run([f"{BINDIR}/psql", BASE, "-X", "-q", "-v", "ON_ERROR_STOP=1",
                                   "-f", str(script)], capture_output=True, text=True, timeout=120)
            self.assertEqual(done.returncode, 0, done.stderr)
        server = BASE.split("?", 1)[1].replace("user=ombuds", "").strip("&")
        aarhus = f"postgresql:///ombuds?{server}&user=aarhus&schema=aarhus"
        cases = self.dir / "cases.csv"
        casegen.write(cases, casegen.rows(200, prefix="A"))
        result = run("import", aarhus, cases, env=self.env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(run("erase", aarhus, "--citizen", casegen.cpr(1), env=self.env).returncode, 0)
        self.assertEqual(run("anonymise", aarhus, "--closed-before", "2025-01-01",
                             env=self.env).returncode, 0)
        # Odense's role reaches its own register, and not Aarhus'.
        odense_env = dict(self.env, OMBUDS_KEY_FILE=str(self.dir / "odense.key"))
        odense = f"postgresql:///ombuds?{server}&user=odense&schema=odense"
        self.assertEqual(run("import", odense, cases, env=odense_env).returncode, 0)
        trespass = f"postgresql:///ombuds?{server}&user=odense&schema=aarhus"
        refused = run("report", trespass, "--from", "2024-01-01", "--to", "2024-12-31",
                      "--lang", "en", env=odense_env)
        self.assertEqual(refused.returncode, 2, refused.stderr)
        self.assertIn("no privilege", refused.stderr)

    def test_same_reports_exports_and_tables_as_sqlite(self):
        cases = self.generate(20000)
        sqlite, postgresql = self.dir / "r.db", self.location()
        for register in (sqlite, postgresql):
            result = run("import", register, cases, env=self.env)
            self.assertEqual(result.returncode, 0, result.stderr[-2000:])
        # A correction through --update, so both have logged changes since their snapshot.
        corrected = self.dir / "corrected.csv"
        lines = cases.read_text(encoding="utf-8").splitlines()
        header = lines[0].split(";")
        with open(corrected, "w", encoding="utf-8") as out:
            out.write("case_id;closed\n")
            for line in lines[1:200]:
                out.write(line.split(";")[header.index("case_id")] + ";\n")
        period = ["--from", "2025-01-01", "--to", "2025-12-31"]
        commands = [["report", *period, "--format", fmt, "--audience", audience]
                    for fmt in ("json", "md", "html", "csv")
                    for audience in ("advisor", "administration", "public")]
        commands += [["export", *period, "--format", "csv"],
                     ["export", "--from", "2024-01-01", "--to", "2025-12-31", "--format", "jsonl"],
                     ["table", *period, "--rows", "unit:2", "--cols", "theme_group", "--format", "csv"],
                     ["table", *period, "--rows", "kind", "--cols", "channel", "--where",
                      "kind=complaint", "--format", "csv"]]
        for round_ in ("after the import", "after an update", "from the snapshot"):
            if round_ == "after an update":
                for register in (sqlite, postgresql):
                    result = run("import", register, corrected, "--update", env=self.env)
                    self.assertEqual(result.returncode, 0, result.stderr[-2000:])
            for command in commands:
                with self.subTest(round=round_, command=" ".join(command)):
                    outputs = [run(command[0], register, *command[1:], env=self.env)
                               for register in (sqlite, postgresql)]
                    for output in outputs:
                        self.assertEqual(output.returncode, 0, output.stderr[-2000:])
                    self.assertGreater(len(outputs[0].stdout), 100)
                    self.assertEqual(outputs[0].stdout, outputs[1].stdout)

    def test_killed_import_is_whole_or_absent(self):
        cases = self.generate(30000)
        trials = 100 if LONG else 10
        rng = random.Random(3)
        outcomes = []
        for trial in range(trials):
            register = self.location()
            process = subprocess.Popen([CLI, "import", register, str(cases)], env=self.env,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # Killed at a random moment while the rows are stored, or just before.
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and process.poll() is None and not copying():
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.6))
            process.send_signal(signal.SIGKILL)
            process.wait()
            # What the killed client did not commit is invisible at once, and the server rolls
            # it back when it notices the client gone. Killed before it made the register (the
            # COPY seen was another test's): nothing stored either.
            made = server_sql(f"SELECT to_regclass('{self.schema}.cases') IS NOT NULL") == "t"
            stored = server_sql(f"SELECT count(*) FROM {self.schema}.cases") if made else "0"
            with self.subTest(trial=trial):
                self.assertIn(stored, ("0", "30000"))
            outcomes.append(stored)
            # The register still works: the import runs again to the end.
            if trial == trials - 1:
                result = run("import", register, cases, "--replace", env=self.env)
                self.assertEqual(result.returncode, 0, result.stderr[-2000:])
                self.assertEqual(server_sql(f"SELECT count(*) FROM {self.schema}.cases"), "30000")
        print(f"\nimport: {outcomes.count('0')} kills before the commit, "
              f"{outcomes.count('30000')} after", file=sys.stderr)
        self.assertIn("0", outcomes, "no kill landed before the commit")

    def test_server_restarted_during_a_write(self):
        # A server of its own, so the restart disturbs no other test.
        server = f"/tmp/ombuds-pgr-{os.getpid()}"
        script = Path(__file__).resolve().parent / "server.sh"
        started = subprocess.run([str(script), "start", server], capture_output=True, text=True,
                                 timeout=300)
        self.assertEqual(started.returncode, 0, started.stdout + started.stderr)
        self.addCleanup(subprocess.run, [str(script), "stop", server], capture_output=True,
                        timeout=300)
        base = f"postgresql:///postgres?host={server}&user=ombuds"
        cases = self.generate(200000)
        register = f"{base}&schema=restarted"
        process = subprocess.Popen([CLI, "import", register, str(cases)], env=self.env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not copying(base):
            self.assertIsNone(process.poll(), "the import ended before its rows were stored")
            time.sleep(0.01)
        restart = as_server_owner(f"{BINDIR}/pg_ctl", "-D", f"{server}/data", "-l",
                                  f"{server}/server.log", "-m", "fast", "-w", "restart")
        self.assertEqual(restart.returncode, 0, restart.stderr)
        _, stderr = process.communicate(timeout=300)
        self.assertEqual(process.returncode, 2, stderr)
        self.assertIn("forbindelsen til PostgreSQL-serveren blev afbrudt", stderr)
        self.assertNotIn("terminate called", stderr)
        self.assertEqual(server_sql("SELECT count(*) FROM restarted.cases", base), "0")
        # The register works after the restart: the same import stores every case.
        result = run("import", register, cases, env=self.env)
        self.assertEqual(result.returncode, 0, result.stderr[-2000:])
        self.assertEqual(server_sql("SELECT count(*) FROM restarted.cases", base), "200000")

    def test_no_clear_cpr_in_tables_dump_or_log(self):
        rows = casegen.rows(3000, prefix="P", seed=4)
        numbers = sorted({row["citizen"] for row in rows})
        cases = self.dir / "people.csv"
        casegen.write(cases, rows)
        self.assertIn(numbers[1], cases.read_text(encoding="utf-8"))  # in citizens and notes
        register = self.location()
        result = run("import", register, cases, env=self.env)
        self.assertEqual(result.returncode, 0, result.stderr[-2000:])
        # Refused rows too: a duplicate id and an unknown unit, next to a citizen's number.
        refused = self.dir / "refused.csv"
        casegen.write(refused, [dict(rows[0]), dict(rows[1], case_id="NEW", unit="NO-SUCH")])
        self.assertEqual(run("import", register, refused, env=self.env).returncode, 1)
        erased = numbers[0]
        # 2 when another connection's transaction keeps the erased rows in the table's pages
        # for now (another test running on the server): the cases are erased either way.
        self.assertIn(run("erase", register, "--citizen", erased, env=self.env).returncode, (0, 2))
        dump = subprocess.run([f"{BINDIR}/pg_dump", BASE, "--schema", self.schema],
                              capture_output=True, text=True, timeout=300)
        self.assertEqual(dump.returncode, 0, dump.stderr)
        self.assertIn("CREATE TABLE", dump.stdout)
        log = Path(SERVER_DIR, "server.log").read_text(encoding="utf-8", errors="replace")
        tables = server_sql(f"SELECT string_agg(t::text, ' ') FROM {self.schema}.cases t")
        for name, text in (("pg_dump", dump.stdout), ("server log", log), ("cases", tables)):
            digits = re.sub(r"[^0-9]", "", text)
            for number in numbers:
                with self.subTest(where=name, cpr=number):
                    self.assertNotIn(number, text)
                    self.assertNotIn(number.replace("-", ""), text)
            self.assertNotIn(erased.replace("-", ""), digits)


if __name__ == "__main__":
    unittest.main()
