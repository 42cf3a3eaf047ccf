# SPDX-License-Identifier: MPL-2.0
"""No clear CPR number, in any spelling, in anything the `ombuds` command line writes (issue 14).

CPR numbers in every spelling go into every field of a case file, a header, file names, and the
labels and codes of configuration files; every command that writes is run on them, and every
file it leaves (the register, its WAL and journal, exports, reports, workbooks), its standard
output and its standard error are searched. The rejects file is the one exception (the rows as
typed, so they can be corrected): it must be readable by its owner only. Commands may refuse
the values (rule id.no_cpr, configuration codes); what is checked is what they write.
"""
import csv
import json
import os
import stat
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cpr_leaks import SPELLINGS, Numbers, describe  # noqa: E402


CLI = os.environ.get("OMBUDS_CLI", "ombuds")
SOURCE = Path(os.environ.get("OMBUDS_SOURCE_DIR") or Path(__file__).resolve().parents[2])

COLUMNS = ("case_id inquiry_id citizen kind role main_case_id received matter_date first_response "
           "closed unit theme action resolution admin_response rejection_reason legal_basis "
           "legal_ref kle origin channel contact note").split()
# A closed complaint that is valid as it is; each test row puts a CPR number in one field.
BASE = dict(kind="complaint", role="main", received="2024-03-04", first_response="2024-03-05",
            closed="2024-04-01", unit="BSF-JOB-SDP", theme="slow_processing",
            action="complaint_dialogue", resolution="explained", channel="phone",
            contact="citizen", legal_ref="§ 7", note="Notat")
PERIOD = ("--from", "2024-01-01", "--to", "2024-12-31")
FORMATS = ("json", "md", "html", "csv", "xlsx")
AUDIENCES = ("advisor", "administration", "public")


class Holder:
    """Another process holding a register open through the Python package, so the WAL stays
    when a command ends and can be searched. A process of its own: this one reads the
    register's files, and closing them would drop the holder's locks."""

    def __init__(self, db):
        self.db = db

    def __enter__(self):
        code = ("import sys, ombuds\n"
                "db = ombuds.Database(sys.argv[1])\n"
                "print(len(db.cases()), flush=True)\n"
                "sys.stdin.read()\n"
                "db.close()\n")
        self.process = subprocess.Popen([sys.executable, "-c", code, str(self.db)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.cases = int(self.process.stdout.readline())
        return self

    def __exit__(self, *exc):
        self.process.stdin.close()
        self.process.wait(timeout=60)
        self.process.stdout.close()
        return False


def write_csv(path, rows, columns=COLUMNS, separator=";"):
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(column, "") for column in columns])


class CliPrivacyTest(unittest.TestCase):
    """Each test puts its files in in/ and lets ombuds write into out/; out/ is searched."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.inputs = Path(self.tmp.name) / "in"
        self.out = Path(self.tmp.name) / "out"
        self.inputs.mkdir()
        self.out.mkdir()
        self.numbers = Numbers()
        self.leaks = []
        self.rejects = []  # rejects files: searched for their mode only
        self.commands = 0
        self.next_id = 0

    def tearDown(self):
        self.tmp.cleanup()

    # --- running and searching -------------------------------------------------------------
    def ombuds(self, *args, watch=None):
        """Runs the CLI in out/; searches its standard output and error, and the register files
        of `watch` (a register path) right after it, while its WAL may still be there."""
        result = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True,
                                timeout=300, cwd=self.out)
        self.commands += 1
        shown = " ".join(str(a) for a in args[:2])
        for stream, text in (("stdout", result.stdout), ("stderr", result.stderr)):
            for digits, place, spelling in self.numbers.find(text):
                self.leaks.append((f"ombuds {shown}...: {stream}", digits, place, spelling))
        self.assertLess(result.returncode, 3, f"{args}: {result.stderr}")  # never a crash
        if watch is not None:
            self.search_register(watch, f"after ombuds {shown}")
        return result

    def search_register(self, db, when):
        for suffix in ("", "-wal", "-shm", "-journal"):
            path = Path(f"{db}{suffix}")
            if path.exists():
                for digits, place, spelling, member in self.numbers.find_in_file(path):
                    self.leaks.append((f"{path.name} {when}", digits, place, spelling))

    def search_outputs(self, skip_names=()):
        """Every file below out/ (content and name), the rejects files aside; names under
        `skip_names` (an output the test itself named with a CPR number) by content only."""
        for path in self.rejects:
            if path.exists():
                self.assertEqual(stat.S_IMODE(path.stat().st_mode), 0o600,
                                 f"{path.name} holds the rows as typed: owner only")
        for where, digits, place, spelling in self.numbers.find_in_tree(self.out,
                                                                        skip=set(self.rejects)):
            if where.startswith("the name ") and any(n in where for n in skip_names):
                continue
            self.leaks.append((where, digits, place, spelling))

    def assert_no_leak(self):
        self.search_outputs()
        self.assertGreater(self.commands, 0)
        unique = sorted(set(self.leaks))
        self.assertEqual(unique, [], "clear CPR numbers written:\n" + describe(unique))

    # --- inputs -------------------------------------------------------------------------------
    def row(self, **fields):
        self.next_id += 1
        row = dict(BASE, case_id=f"P{self.next_id}", inquiry_id=f"H{self.next_id}")
        row.update(fields)
        return row

    def rows_with_cpr_in(self, field):
        """A row per spelling with a CPR number in `field` (the note, the legal reference and
        the citizen in running text or alone)."""
        rows = []
        for spelling, number in self.numbers.every_spelling(field).items():
            value = number
            if field == "note":
                value = f"Borgeren ({number}) ringede"
            elif field == "legal_ref":
                value = f"§ 7, jf. {number}"
            rows.append(self.row(**{field: value}))
        return rows

    def valid_rows(self):
        """Rows every spelling of which should be stored: the citizen, the note, the legal ref.
        Each citizen has three cases, so the notes are in the citizen's insight export."""
        citizens = self.rows_with_cpr_in("citizen")
        notes, refs = self.rows_with_cpr_in("note"), self.rows_with_cpr_in("legal_ref")
        for citizen, note, ref in zip(citizens, notes, refs):
            note["citizen"] = ref["citizen"] = citizen["citizen"]
        return citizens + notes + refs

    def register_with_cases(self, name="register.db"):
        """A register of the valid rows (whichever of them ombuds accepts)."""
        db = self.out / name
        cases = self.inputs / f"{name}.csv"
        rows = self.valid_rows()
        write_csv(cases, rows)
        rejects = self.out / f"{name}.rejects.csv"
        self.rejects.append(rejects)
        result = self.ombuds("import", db, cases, "--skip-invalid", rejects)
        self.assertEqual(result.returncode, 0, result.stderr)
        return db, rows

    # --- the tests ----------------------------------------------------------------------------
    def test_every_field_and_header(self):
        db = self.out / "register.db"
        self.assertEqual(self.ombuds("init", db).returncode, 0)
        with Holder(db):  # another connection: the WAL stays to be searched
            everything = []
            for field in COLUMNS:
                rows = self.rows_with_cpr_in(field)
                everything += rows
                cases = self.inputs / f"{field}.csv"
                write_csv(cases, rows)
                self.ombuds("validate", cases)
                self.ombuds("validate", cases, "--register", db, "--lang", "en")
                self.ombuds("import", db, cases, "--dry-run")
                self.ombuds("import", db, cases, watch=db)
            # Every row in one file: refused whole, then with the valid rows stored.
            every = self.inputs / "every.csv"
            write_csv(every, everything)
            self.ombuds("import", db, every, watch=db)
            rejects = self.out / "rejects.csv"
            self.rejects.append(rejects)
            self.ombuds("import", db, every, "--replace", "--skip-invalid", rejects, watch=db)
            # The rejects file holds the rows as typed, every number in it (so the search works
            # on what ombuds writes).
            typed = {digits for digits, *_ in self.numbers.find_in_file(rejects)}
            self.assertGreaterEqual(len(typed), len(everything) - 3 * len(SPELLINGS))
            # JSON Lines, the same rows.
            jsonl = self.inputs / "every.jsonl"
            jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in everything),
                             encoding="utf-8")
            self.ombuds("validate", jsonl)
            self.ombuds("import", db, jsonl, "--replace", watch=db)
            # A header that is a CPR number, in each spelling.
            for spelling, number in self.numbers.every_spelling("header").items():
                cases = self.inputs / f"header {list(SPELLINGS).index(spelling)}.csv"
                write_csv(cases, [self.row()], columns=COLUMNS + [number])
                self.ombuds("validate", cases)
                self.ombuds("import", db, cases, watch=db)
        self.search_register(db, "at the end")
        self.assert_no_leak()

    def test_file_names(self):
        db = self.out / "register.db"
        rows = [self.row(), self.row(unit="NOPE")]
        for spelling, number in self.numbers.every_spelling("file name", file_name=True).items():
            cases = self.inputs / f"klage_{number}.csv"
            write_csv(cases, rows)
            self.ombuds("validate", cases)
            self.ombuds("import", db, cases)
            self.ombuds("import", db, cases, "--lang", "en")
        for spelling, number in self.numbers.every_spelling("missing file name", file_name=True).items():
            self.ombuds("validate", self.inputs / f"borger {number}.csv")
        # An output the user names with a CPR number: the messages about it do not show it.
        named = self.out / "named"
        named.mkdir()
        for spelling, number in self.numbers.every_spelling("output name", file_name=True).items():
            self.ombuds("report", db, *PERIOD, "--format", "md", "--output", named / f"{number}.md")
            self.ombuds("export", db, "--output", named / f"{number}.csv")
        self.search_outputs(skip_names=("named",))
        self.leaks = [leak for leak in self.leaks if not leak[0].startswith("the name named")]
        self.assertEqual(sorted(set(self.leaks)), [], describe(sorted(set(self.leaks))))

    def test_register_commands(self):
        db, rows = self.register_with_cases()
        citizens = [r["citizen"] for r in rows[:len(SPELLINGS)]]
        with Holder(db) as holder:
            self.assertEqual(holder.cases, len(rows), "every spelling is a citizen")
            for audience in AUDIENCES:
                for fmt in FORMATS:
                    self.ombuds("report", db, *PERIOD, "--format", fmt, "--audience", audience,
                                "--output", f"report-{audience}.{fmt}", watch=db)
                self.ombuds("report", db, *PERIOD, "--format", "md", "--audience", audience)
            for fmt in ("csv", "jsonl", "xlsx"):
                self.ombuds("export", db, "--format", fmt, "--output", f"export.{fmt}", watch=db)
            self.ombuds("export", db, "--excel", "--output", "export-excel.csv")
            self.ombuds("export", db, *PERIOD, "--format", "jsonl")
            for i, citizen in enumerate(citizens):
                self.ombuds("export", db, "--citizen", citizen, "--format", "jsonl")
                self.ombuds("export", db, "--citizen", citizen, "--output", f"insight-{i}.csv")
            self.ombuds("export", db, "--citizen", citizens[0], "--format", "xlsx",
                        "--output", "insight.xlsx")
            # The notes went through: redacted, with the rest of their text.
            insight = (self.out / "insight-1.csv").read_text(encoding="utf-8")
            self.assertIn("Borgeren (XXXXXX-XXXX) ringede", insight)
            for row in rows:
                self.ombuds("show", db, row["case_id"])
            self.ombuds("taxonomy", db, "--format", "md")
            self.ombuds("template", "template.xlsx", "--register", db)
            # Corrections: a two-column file of notes, and whole rows again.
            correction = self.inputs / "rettelser.csv"
            notes = self.numbers.every_spelling("correction note")
            with open(correction, "w", encoding="utf-8", newline="") as out:
                out.write("Sagsnr;Note\r\n")
                for r, n in zip(rows, notes.values()):
                    out.write(f"{r['case_id']};Ny oplysning {n}\r\n")
            self.ombuds("import", db, correction, "--update", watch=db)
            wal = Path(f"{db}-wal")
            self.assertTrue(wal.exists() and wal.stat().st_size > 0, "the WAL was searched")
            replaced = self.inputs / "igen.csv"
            write_csv(replaced, rows)
            self.ombuds("import", db, replaced, "--replace", watch=db)
            for row in rows[:3]:
                self.ombuds("delete", db, row["case_id"], watch=db)
            for i, citizen in enumerate(citizens):
                if i % 2 == 0:
                    self.ombuds("erase", db, "--citizen", citizen, watch=db)
            self.ombuds("anonymise", db, "--closed-before", "2025-01-01", watch=db)
            for i, citizen in enumerate(citizens):
                self.ombuds("export", db, "--citizen", citizen)
                self.ombuds("erase", db, "--citizen", citizen, watch=db)
        self.search_register(db, "at the end")
        self.assert_no_leak()

    def test_cpr_numbers_as_arguments(self):
        db, rows = self.register_with_cases()
        for spelling, number in self.numbers.every_spelling("argument").items():
            self.ombuds(number)
            self.ombuds("show", db, number)
            self.ombuds("delete", db, number)
            self.ombuds("show", db, rows[0]["case_id"], number)
            self.ombuds("report", db, "--from", number, "--to", "2024-12-31")
            self.ombuds("report", db, *PERIOD, "--audience", number)
            self.ombuds("report", db, *PERIOD, "--format", number)
            self.ombuds("report", db, *PERIOD, "--min-count", number)
            self.ombuds("report", db, *PERIOD, "--compare-from", number, "--compare-to", number)
            self.ombuds("export", db, "--format", number)
            self.ombuds("export", db, "--from", number, "--to", number)
            self.ombuds("anonymise", db, "--closed-before", number)
            self.ombuds("validate", self.inputs / "register.db.csv", "--sheet", number)
            self.ombuds("taxonomy", "--format", number)
            self.ombuds("import", db, self.inputs / "register.db.csv", number)
            self.ombuds("--lang", number, "taxonomy")
            self.ombuds("erase", db, "--citizen", f"ref:{number}")
            self.ombuds("erase", db, "--citizen", number[:-1])
            self.ombuds("export", db, "--citizen", f"{number}x")
            self.ombuds(f"--{number}")
            self.ombuds("import", db, self.inputs / "register.db.csv", f"--{number}=1")
        self.assert_no_leak()

    def configuration(self, place, code_spelling=None):
        """The example organisation and the default themes with CPR numbers in their labels and
        name (each spelling once), or with one code that is a CPR number."""
        organisation = json.loads((SOURCE / "data" / "organisation.json").read_text("utf-8"))
        themes = json.loads((SOURCE / "data" / "themes.json").read_text("utf-8"))
        if code_spelling is None:
            labels = iter(self.numbers.every_spelling(f"{place} organisation label").values())
            organisation["name"] = f"Kommune {next(labels)}"
            for unit, number in zip(organisation["units"], labels):
                unit["label"] += f" {number}"
            labels = iter(self.numbers.every_spelling(f"{place} theme label").values())
            for group, number in zip(themes["groups"], labels):
                group["label"] += f" ({number})"
                group["themes"][0]["label"] += f" {next(labels, number)}"
        else:
            unit_code = self.numbers.spell(f"{place} unit code", code_spelling)
            organisation["units"].append({"code": unit_code, "label": "Enhed", "parent": "SSF"})
            group_code = self.numbers.spell(f"{place} theme group code", code_spelling)
            theme_code = self.numbers.spell(f"{place} theme code", code_spelling)
            themes["groups"].append({"code": group_code, "label": "Gruppe",
                                     "themes": [{"code": theme_code, "label": "Tema"}]})
        name = f"{place}-{list(SPELLINGS).index(code_spelling) if code_spelling else 'labels'}"
        org_path, themes_path = self.inputs / f"{name}-org.json", self.inputs / f"{name}-themes.json"
        org_path.write_text(json.dumps(organisation, ensure_ascii=False), encoding="utf-8")
        themes_path.write_text(json.dumps(themes, ensure_ascii=False), encoding="utf-8")
        return org_path, themes_path

    def test_configuration_labels_and_codes(self):
        org, themes = self.configuration("config")
        config = ("--organisation", org, "--themes", themes)
        db = self.out / "configured.db"
        self.ombuds("init", db, *config, watch=db)
        cases = self.inputs / "valid.csv"
        write_csv(cases, self.valid_rows())
        rejects = self.out / "configured.rejects.csv"
        self.rejects.append(rejects)
        with Holder(db):
            self.ombuds("validate", cases, *config)
            self.ombuds("import", db, cases, *config, "--skip-invalid", rejects, watch=db)
            for audience in AUDIENCES:
                for fmt in FORMATS:
                    self.ombuds("report", db, *PERIOD, "--format", fmt, "--audience", audience,
                                "--output", f"configured-{audience}.{fmt}", watch=db)
            self.ombuds("export", db, "--excel", "--output", "configured-excel.csv")
            self.ombuds("export", db, "--format", "xlsx", "--output", "configured.xlsx")
            self.ombuds("taxonomy", db, "--format", "md")
            self.ombuds("taxonomy", db, "--format", "json")
            self.ombuds("template", "configured-template.xlsx", "--register", db)
        self.ombuds("taxonomy", *config, "--format", "md")
        self.ombuds("template", "template.xlsx", *config)
        # The labels went into the report, redacted.
        report = (self.out / "configured-advisor.html").read_text(encoding="utf-8")
        self.assertIn("Kommune XXXXXX-XXXX", report)
        for spelling in SPELLINGS:
            org, themes = self.configuration("code", spelling)
            for config in (("--organisation", org), ("--themes", themes)):
                other = self.out / f"code-{list(SPELLINGS).index(spelling)}.db"
                self.ombuds("init", other, *config)
                self.ombuds("validate", cases, *config)
                self.ombuds("import", db, cases, *config, watch=db)
                self.ombuds("taxonomy", *config, "--format", "json")
                self.ombuds("template", f"code-{list(SPELLINGS).index(spelling)}.xlsx", *config)
        self.search_register(db, "at the end")
        self.assert_no_leak()

    def test_demo_directory_named_with_a_cpr_number(self):
        number = self.numbers.spell("demo directory", "en dash")
        self.ombuds("demo", "--dir", f"demo {number}")
        self.ombuds("demo", "--dir", f"demo {number}", "--lang", "en")
        self.search_outputs(skip_names=("demo ",))
        self.leaks = [leak for leak in self.leaks if not leak[0].startswith("the name demo ")]
        self.assertEqual(sorted(set(self.leaks)), [], describe(sorted(set(self.leaks))))


class MatcherTest(unittest.TestCase):
    """The search finds what it is meant to find."""

    def test_every_spelling_is_found_in_every_encoding(self):
        numbers = Numbers()
        for spelling, number in numbers.every_spelling("test").items():
            with self.subTest(spelling=spelling):
                self.assertEqual(len(numbers.find(f"x {number} y")), 1)
                self.assertEqual(len(numbers.find(json.dumps(number))), 1)
                escaped = "".join(f"&#{ord(c)};" if not c.isascii() else c for c in number)
                self.assertEqual(len(numbers.find(f"<td>{escaped}</td>")), 1)
                self.assertEqual(len(numbers.find_in_bytes(number.encode("utf-8"))), 1)
                self.assertEqual(numbers.find("XXXXXX-XXXX " + number[:5]), [])

    def test_zip_members_are_searched(self):
        import zipfile
        numbers = Numbers()
        number = numbers.spell("zip", "en dash")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "book.xlsx"
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr("xl/sharedStrings.xml", f"<t>{number}</t>")
            found = numbers.find_in_tree(tmp)
            self.assertTrue(any("sharedStrings" in where for where, *_ in found), found)


if __name__ == "__main__":
    unittest.main()
