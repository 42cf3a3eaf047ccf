# SPDX-License-Identifier: MPL-2.0
"""The `ombuds` command line as a user runs it: exit codes, messages, files. With
$OMBUDS_TEST_LOCATION (cli.postgresql.commands) its registers are schemas on that PostgreSQL
server, and the commands that may name a register (validate --register, taxonomy DB) name a new,
empty one there: they must answer as they do without one."""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "common"))
import backend  # noqa: E402

CLI = os.environ.get("OMBUDS_CLI", "ombuds")
SOURCE = Path(os.environ.get("OMBUDS_SOURCE_DIR", Path(__file__).resolve().parents[2]))

COLUMNS = ("case_id;inquiry_id;citizen;kind;role;main_case_id;received;matter_date;first_response;"
           "closed;unit;theme;action;resolution;admin_response;rejection_reason;legal_basis;"
           "legal_ref;kle;origin;channel;contact;note").split(";")

CPR = "211062-5629"
OTHER_CPR = "070761-4285"

BASE = [
    dict(case_id="K1", inquiry_id="H1", citizen=CPR, kind="complaint", role="main",
         received="2024-03-04", first_response="2024-03-05", closed="2024-04-01",
         unit="BSF-JOB-SDP", theme="slow_processing", action="complaint_dialogue",
         resolution="explained", channel="phone", contact="citizen"),
    dict(case_id="K2", inquiry_id="H1", citizen=CPR, kind="complaint", role="follow_up",
         main_case_id="K1", received="2024-03-04", first_response="2024-03-05",
         closed="2024-04-01", unit="BSF-JOB-SDP", theme="no_reply", action="meeting",
         resolution="apology"),
    dict(case_id="K3", inquiry_id="H2", citizen="cvr:12345678", kind="inquiry", role="main",
         received="2024-05-06", unit="TMF-BYG", theme="advice_request", action="guidance"),
    dict(case_id="K4", inquiry_id="H3", kind="staff", role="main", received="2024-06-03",
         unit="SSF", theme="process", action="advice"),
    dict(case_id="K5", inquiry_id="H4", citizen="ref:SBSYS-991", kind="investigation",
         role="main", received="2024-02-01", closed="2024-05-01", unit="SSF-AELDRE-VISI",
         action="investigated", resolution="criticism", admin_response="agrees",
         legal_basis="SEL", legal_ref="§ 112", kle="27.24.04", origin="own_initiative"),
    dict(case_id="K6", inquiry_id="H5", citizen=OTHER_CPR, kind="complaint", role="main",
         received="2024-09-02", matter_date="2022-01-10", first_response="2024-09-03",
         closed="2024-09-03", unit="BSF-YDELSE-BS", theme="decision_dissatisfaction",
         action="rejected", rejection_reason="time_barred", resolution="unresolved"),
    dict(case_id="K7", inquiry_id="H6", citizen=OTHER_CPR, kind="inquiry", role="main",
         received="2024-10-01", unit="SSF-VOKSEN-PSYK", theme="status_information",
         action="orientation"),
]


def write_cases(path, rows, separator=";"):
    lines = [separator.join(COLUMNS)]
    for row in rows:
        lines.append(separator.join(row.get(column, "") for column in COLUMNS))
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=300)


def empty_register(test, directory):
    """On PostgreSQL a new, empty register there (its key beside it for every command of the
    test); None on SQLite, where validate and taxonomy run without a register."""
    if not backend.on_postgresql():
        return None
    test.addCleanup(backend.use_key_beside(directory, "register.db"))
    register = backend.location(directory, "register.db")
    result = run("init", register)
    test.assertEqual(result.returncode, 0, result.stderr)
    return register


def changed(case_id, **fields):
    rows = [dict(row) for row in BASE]
    for row in rows:
        if row["case_id"] == case_id:
            row.update(fields)
    return rows


class ValidateTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = Path(self.dir.name) / "cases.csv"
        register = empty_register(self, self.dir.name)
        self.against = ["--register", register] if register else []

    def tearDown(self):
        self.dir.cleanup()

    def run_validate(self, *args):
        return run("validate", *args, *self.against)

    def validate(self, rows, *extra):
        write_cases(self.path, rows)
        return self.run_validate(self.path, *extra)

    def assert_refused(self, rows, rule, line=None):
        result = self.validate(rows)
        self.assertEqual(result.returncode, 1, result.stderr + result.stdout)
        self.assertIn(rule, result.stderr)
        if line is not None:
            self.assertIn(f"linje {line}", result.stderr)
        for cpr in (CPR, OTHER_CPR):
            self.assertNotIn(cpr, result.stderr + result.stdout)
            self.assertNotIn(cpr.replace("-", ""), result.stderr + result.stdout)
        return result

    def test_valid_file_is_accepted(self):
        result = self.validate(BASE)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("7 sager", result.stdout)

    def test_english_summary(self):
        write_cases(self.path, BASE)
        result = self.run_validate(self.path, "--lang", "en")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("7 cases read", result.stdout)

    def test_each_rule_refuses_naming_line_and_rule(self):
        cases = [
            ("followup.requires_main", changed("K2", main_case_id="K99"), 3),
            ("followup.requires_main", changed("K2", main_case_id="K3"), 3),
            ("main.no_parent", changed("K1", main_case_id="K3"), 2),
            ("rejection.reason_iff_rejected", changed("K3", rejection_reason="other"), 4),
            ("rejection.reason_iff_rejected", changed("K6", rejection_reason=""), 7),
            ("rejection.time_barred_needs_age", changed("K6", matter_date="2024-01-01"), 7),
            ("rejection.other_authority_unit", changed("K6", rejection_reason="other_authority"), 7),
            ("action.fits_kind", changed("K3", action="meeting"), 4),
            ("dates.order", changed("K1", closed="2024-03-01"), 2),
            ("dates.order", changed("K3", received="2999-01-01"), 4),
            ("unit.known", changed("K1", unit="NOPE"), 2),
            ("unit.known", changed("K1", unit="SSF-AELDRE-GENOPT"), 2),
            ("theme.known", changed("K1", theme="nope"), 2),
            ("theme.required", changed("K3", theme=""), 4),
            ("staff.no_personal_data", changed("K4", citizen=CPR), 5),
            ("staff.no_personal_data", changed("K4", note="fortroligt"), 5),
            ("investigation.origin", changed("K5", origin=""), 6),
            ("citizen.format", changed("K3", citizen="511062-5629"), 4),
            ("citizen.format", changed("K3", citizen="hr. Jensen"), 4),
            ("kle.format", changed("K5", kle="27.24"), 6),
            ("id.unique", BASE + [dict(BASE[2])], 9),
            ("field.required", changed("K3", kind=""), 4),
            ("code.known", changed("K3", kind="klagee"), 4),
            ("field.format", changed("K3", received="2024-13-45"), 4),
        ]
        for rule, rows, line in cases:
            with self.subTest(rule=rule, line=line):
                self.assert_refused(rows, rule, line)

    def test_warnings_are_reported_and_accepted(self):
        rows = BASE + [dict(BASE[6], case_id="K8", inquiry_id="H7", received="2024-11-01")]
        result = self.validate(rows)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("orientation.once_per_citizen", result.stderr)
        result = self.validate(changed("K1", resolution=""))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("closed.needs_resolution", result.stderr)

    def test_follow_up_before_its_main_case(self):
        rows = [BASE[1], BASE[0]] + BASE[2:]
        self.assertEqual(self.validate(rows).returncode, 0)

    def test_danish_labels_and_dates(self):
        rows = changed("K1", kind="Klage", role="HOVEDSAG", received="04-03-2024",
                       first_response="05.03.2024", action="dialogbaseret hjælp til klageproces")
        result = self.validate(rows)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_danish_excel_file(self):
        excel = SOURCE / "tests" / "io" / "data" / "danish_excel.csv"
        if not excel.exists():
            self.skipTest("tests/io/data/danish_excel.csv not present")
        result = self.run_validate(excel)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_english_messages(self):
        write_cases(self.path, changed("K1", unit="NOPE"))
        result = self.run_validate(self.path, "--lang", "en")
        self.assertEqual(result.returncode, 1)
        self.assertIn("line 2", result.stderr)
        self.assertIn("unit.known", result.stderr)

    def test_many_errors_are_capped(self):
        rows = [dict(BASE[2], case_id=f"X{i}", inquiry_id=f"Y{i}", unit="NOPE") for i in range(3000)]
        result = self.validate(rows)
        self.assertEqual(result.returncode, 1)
        self.assertIn("3000 sager", result.stdout)
        self.assertLessEqual(result.stderr.count("unit.known"), 100)
        self.assertIn("2900", result.stderr)

    def test_missing_file_is_an_io_error(self):
        result = self.run_validate(Path(self.dir.name) / "missing.csv")
        self.assertEqual(result.returncode, 2)

    def test_empty_and_junk_files_are_refused(self):
        self.path.write_bytes(b"")
        self.assertEqual(self.run_validate(self.path).returncode, 1)
        self.path.write_bytes(bytes(range(256)) * 50)
        result = self.run_validate(self.path)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("file.format", result.stderr)

    def test_a_line_of_100_mb(self):
        with open(self.path, "w", encoding="utf-8") as out:
            out.write(";".join(COLUMNS) + "\n")
            out.write("K" + "x" * (100 * 1024 * 1024) + ";H1;;complaint;main\n")
        result = self.run_validate(self.path)
        self.assertEqual(result.returncode, 1)
        self.assertIn("linje 2", result.stderr)
        self.assertIn("field.format", result.stderr)
        self.assertLess(len(result.stderr), 10000)  # the value is cut, not echoed whole

    def test_unknown_column_is_refused(self):
        self.path.write_text("case_id;kind;colour\nK1;complaint;red\n", encoding="utf-8")
        result = self.run_validate(self.path)
        self.assertEqual(result.returncode, 1)
        self.assertIn("colour", result.stderr)

    def test_usage_errors(self):
        self.assertEqual(self.run_validate().returncode, 2)
        self.assertEqual(run("frobnicate").returncode, 2)
        self.assertEqual(self.run_validate(self.path, "--lang", "fr").returncode, 2)
        write_cases(self.path, BASE)
        self.assertEqual(self.run_validate(self.path, "--organisation",
                             Path(self.dir.name) / "missing.json").returncode, 2)


class ValidateKeyFileTest(unittest.TestCase):
    """validate --register pseudonymises the file's citizens with the register's key: it takes
    the key from where the office keeps it (--key-file), and without it says so in Danish."""

    def test_key_file_elsewhere(self):
        if backend.on_postgresql():
            self.skipTest("a key kept away from a register file")
        environment = {k: v for k, v in os.environ.items() if k != "OMBUDS_KEY_FILE"}

        def ombuds(*args):
            return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True,
                                  timeout=300, env=environment)

        with tempfile.TemporaryDirectory() as directory:
            directory = Path(directory)
            register, key = directory / "register.db", directory / "keys" / "office.key"
            key.parent.mkdir()
            first, later = directory / "first.csv", directory / "later.csv"
            write_cases(first, BASE[:3])
            write_cases(later, BASE[3:])
            result = ombuds("import", register, first, "--key-file", key)
            self.assertEqual(result.returncode, 0, result.stderr)
            result = ombuds("validate", later, "--register", register)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn("nøglefilen", result.stderr)
            self.assertIn("mangler", result.stderr)
            result = ombuds("validate", later, "--register", register, "--key-file", key)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("4 sager", result.stdout)
            for cpr in (CPR, OTHER_CPR):
                self.assertNotIn(cpr, result.stdout + result.stderr)


class RegisterMistakesTest(unittest.TestCase):
    """The mistakes an office makes first with a register file are told in Danish, in English
    with --lang en, naming the file."""

    def test_missing_directory_and_foreign_file(self):
        if backend.on_postgresql():
            self.skipTest("a register file's mistakes")
        with tempfile.TemporaryDirectory() as directory:
            directory = Path(directory)
            foreign = directory / "budget.db"
            foreign.write_bytes(b"not a database at all, but a spreadsheet's bytes" * 100)
            for target, danish, english in [
                    (directory / "missing.db", "intet sådant register", "no such register"),
                    (directory, "er en mappe", "is a directory"),
                    (foreign, "ikke et ombuds-register", "not an ombuds register")]:
                with self.subTest(target=target.name):
                    period = ("--from", "2025-01-01", "--to", "2025-12-31")
                    result = run("report", target, *period)
                    self.assertNotEqual(result.returncode, 0)
                    self.assertIn(danish, result.stderr)
                    self.assertIn(str(target), result.stderr)
                    result = run("report", target, *period, "--lang", "en")
                    self.assertIn(english, result.stderr)


class TaxonomyTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        register = empty_register(self, self.dir.name)
        self.register = [register] if register else []

    def taxonomy(self, *args):
        return run("taxonomy", *self.register, *args)

    def test_markdown_lists_every_code_with_its_danish_label(self):
        result = self.taxonomy("--format", "md")
        self.assertEqual(result.returncode, 0, result.stderr)
        for code, label in [("complaint", "Klage"), ("follow_up", "Følgesag"),
                            ("complaint_dialogue", "Dialogbaseret hjælp til klageproces"),
                            ("reopened", "Genoptaget af forvaltningen"),
                            ("will_not_follow", "Følger ikke henstilling"),
                            ("time_barred", "Forholdet ligger mere end et år tilbage"),
                            ("digital_post", "Digital Post"), ("representative", "Repræsentant/bisidder"),
                            ("FVL", "Forvaltningsloven"), ("own_initiative", "Egen drift"),
                            ("decision_dissatisfaction", "Utilfreds med afgørelsen"),
                            ("equal_treatment", "Ligebehandling og diskrimination"),
                            ("other", "Andet")]:
            self.assertIn(code, result.stdout)
            self.assertIn(label, result.stdout)

    def test_markdown_lists_every_code_of_domain_md(self):
        domain = SOURCE.parent / "shared" / "spec" / "domain.md"
        if not domain.exists():
            self.skipTest("../shared/spec/domain.md not beside the checkout")
        listing = self.taxonomy("--format", "md").stdout
        text = domain.read_text(encoding="utf-8")
        start, end = text.index("### Inquiry"), text.index("## Validation rules")
        import re
        codes = set(re.findall(r"`([a-zA-Z_]+)` [A-ZÆØÅ]", text[start:end]))
        self.assertGreater(len(codes), 100)
        missing = sorted(code for code in codes if f"`{code}`" not in listing and f"| {code} |" not in listing)
        self.assertEqual(missing, [])

    def test_json_parses(self):
        result = self.taxonomy("--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        json.loads(result.stdout)


class OutputTest(unittest.TestCase):
    def test_output_to_a_pipe_keeps_the_pipe(self):
        # --output to a device or a pipe writes into it; renaming a finished file over it would
        # replace it (as once happened to /dev/null).
        with tempfile.TemporaryDirectory() as tmp:
            cases, db, fifo = Path(tmp) / "cases.csv", backend.location(tmp, "r.db"), Path(tmp) / "pipe"
            self.addCleanup(backend.use_key_beside(tmp, "r.db"))
            write_cases(cases, BASE)
            self.assertEqual(run("import", db, cases).returncode, 0)
            os.mkfifo(fifo)
            reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
            result = run("export", db, "--format", "csv", "--output", fifo)
            written = reader.communicate(timeout=60)[0].decode()
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertTrue(fifo.is_fifo())
            self.assertIn("K1", written)
            self.assertEqual(written.count("\n"), len(BASE) + 1)


if __name__ == "__main__":
    unittest.main()
