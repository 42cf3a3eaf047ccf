# SPDX-License-Identifier: MPL-2.0
"""The reports an office sends during the year, checked against an independent count of the same
generated case file: a scoped quarter (--unit), the monthly series, the complaints' themes, three
two-dimensional tables (`ombuds table`, and Database.table over the C API), --title, the periods
as column headings, --kle and --per-area."""
import collections
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generated_cases  # noqa: E402

CLI = os.environ.get("OMBUDS_CLI", "ombuds")
KINDS = ["complaint", "inquiry", "investigation", "staff"]
Q1 = ("2025-01-01", "2025-03-31")
YEAR = ("2025-01-01", "2025-12-31")


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=300)


class ReportsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)
        cls.file = cls.dir / "cases.csv"
        cls.cases = generated_cases.generate(cls.file)
        cls.count = generated_cases.Counter(cls.cases)
        cls.db = cls.dir / "generated.db"
        cls.imported = run("import", cls.db, cls.file)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def json_of(self, *args):
        result = run(*args, "--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_the_case_file_is_stored_whole(self):
        self.assertEqual(self.imported.returncode, 0, self.imported.stderr)
        self.assertEqual(self.json_of("table", self.db, "--rows", "year", "--from", "2024-01-01",
                                      "--to", "2025-12-31")["total"], len(self.cases))

    def check_volume(self, volume, start, end, unit):
        cases = list(self.count.select(start, end, unit=unit))
        self.assertEqual(volume["cases"], len(cases))
        self.assertEqual(volume["main_cases"], sum(c["role"] == "main" for c in cases))
        for kind in KINDS:
            mine = [c for c in cases if c["kind"] == kind]
            self.assertEqual(volume["by_kind"][kind]["total"], len(mine), kind)
            self.assertEqual(volume["by_kind"][kind]["main"], sum(c["role"] == "main" for c in mine), kind)
        citizens = {c["citizen"] for c in cases if c["kind"] != "staff" and c["citizen"]}
        self.assertEqual(volume["citizens"], len(citizens))

    def test_scoped_quarter_of_one_administration(self):
        """ombuds report DB --from 2025-01-01 --to 2025-03-31 --unit SSF: every table counts the
        cases of SSF and the units below it only, beside the first quarter of 2024."""
        report = self.json_of("report", self.db, "--from", Q1[0], "--to", Q1[1], "--unit", "SSF")
        self.assertEqual(report["scope"]["code"], "SSF")
        self.check_volume(report["volume"], *Q1, "SSF")
        self.check_volume(report["volume"]["compare"], "2024-01-01", "2024-03-31", "SSF")
        themes = collections.Counter(c["theme"] for c in self.count.select(*Q1, unit="SSF") if c["kind"] != "staff")
        for row in report["themes"]:
            self.assertEqual(row["count"], themes[row["code"]], row["code"])
        self.assertEqual(sum(row["count"] for row in report["themes"]), sum(themes.values()))
        # Only SSF and the nodes below it in the organisation table.
        self.assertEqual([row["code"] for row in report["organisation"]], ["SSF"])
        units = collections.Counter(c["unit"] for c in self.count.select(*Q1, unit="SSF") if c["kind"] != "staff")
        for child in report["organisation"][0]["children"]:
            below = sum(n for code, n in units.items() if child["code"] in self.count.chain(code))
            self.assertEqual(child["count"], below, child["code"])

    def test_scoped_quarter_for_the_administration_hides_only_what_it_must(self):
        advisor = self.json_of("report", self.db, "--from", Q1[0], "--to", Q1[1], "--unit", "BUF")
        outside = self.json_of("report", self.db, "--from", Q1[0], "--to", Q1[1], "--unit", "BUF",
                               "--audience", "administration")
        self.assertEqual(outside["scope"]["code"], "BUF")
        shown = hidden = 0
        for mine, theirs in zip(outside["over_time"]["rows"], advisor["over_time"]["rows"]):
            for kind in KINDS:
                true = theirs["by_kind"][kind]
                if mine["by_kind"][kind] is None:
                    hidden += 1
                else:
                    shown += 1
                    self.assertEqual(mine["by_kind"][kind], true)
                if 1 <= true < 5:
                    self.assertIsNone(mine["by_kind"][kind])
        by_code = {row["code"]: row for row in advisor["themes"]}
        for row in outside["themes"]:
            if row["count"] is not None:
                self.assertEqual(row["count"], by_code[row["code"]]["count"])
            if 1 <= by_code[row["code"]]["count"] < 5:
                self.assertIsNone(row["count"])
        self.assertGreater(shown, 0)
        self.assertEqual(run("report", self.db, "--from", Q1[0], "--to", Q1[1], "--unit", "NOPE").returncode, 2)

    def test_monthly_series_beside_the_comparison_period(self):
        report = self.json_of("report", self.db, "--from", YEAR[0], "--to", YEAR[1])
        over_time = report["over_time"]
        self.assertEqual(over_time["interval"], "month")
        self.assertEqual(len(over_time["rows"]), 12)
        for year, rows in (("2025", over_time["rows"]), ("2024", over_time["compare_rows"])):
            for month, row in enumerate(rows, 1):
                prefix = f"{year}-{month:02d}"
                mine = collections.Counter(c["kind"] for c in self.cases if c["received"].startswith(prefix))
                self.assertEqual(row["from"], prefix + "-01")
                self.assertEqual({k: row["by_kind"][k] for k in KINDS}, {k: mine[k] for k in KINDS}, prefix)
                self.assertEqual(row["total"], sum(mine.values()))
        # Over 18 months: quarters.
        long = self.json_of("report", self.db, "--from", "2024-01-01", "--to", "2025-12-31", "--no-compare")
        self.assertEqual(long["over_time"]["interval"], "quarter")
        self.assertEqual([r["total"] for r in long["over_time"]["rows"]],
                         [sum(1 for c in self.cases if c["received"][:4] == str(y)
                              and (int(c["received"][5:7]) - 1) // 3 == q) for y in (2024, 2025) for q in range(4)])

    def test_complaints_themes_and_their_groups(self):
        report = self.json_of("report", self.db, "--from", YEAR[0], "--to", YEAR[1])
        now = collections.Counter(c["theme"] for c in self.count.select(*YEAR, kind="complaint"))
        before = collections.Counter(c["theme"] for c in self.count.select("2024-01-01", "2024-12-31",
                                                                           kind="complaint"))
        self.assertEqual({r["code"]: (r["count"], r["compare_count"]) for r in report["complaint_themes"]},
                         {t: (now[t], before[t]) for t in set(now) | set(before)})
        groups = collections.Counter(self.count.group_of[t] for t in now.elements())
        self.assertEqual({g["code"]: g["count"] for g in report["complaint_theme_groups"] if g["count"]},
                         dict(groups))
        counts = [r["count"] for r in report["complaint_themes"] if r["code"] != "other"]
        self.assertEqual(counts, sorted(counts, reverse=True))
        # Rejections beside the comparison period.
        rejected = collections.Counter(c["rejection_reason"] for c in self.count.select("2024-01-01", "2024-12-31")
                                       if c["rejection_reason"])
        for line in report["rejections"]:
            self.assertEqual(line["compare_count"], rejected[line["code"]], line["code"])
        # And the actions of each kind.
        for kind in ("complaint", "inquiry", "staff"):
            now = collections.Counter(c["action"] for c in self.count.select(*YEAR, kind=kind))
            before = collections.Counter(c["action"] for c in self.count.select("2024-01-01", "2024-12-31", kind=kind))
            lines = [line for line in report["actions"][kind] if line["code"]]
            self.assertEqual({line["code"]: (line["count"], line["compare_count"]) for line in lines},
                             {a: (now[a], before[a]) for a in set(now) | set(before)}, kind)

    def check_table(self, table, start, end, rows, cols=None, **where):
        truth = self.count.table(start, end, rows, cols, **where)
        # The cases that give no value are a row (column) with no code: "" in the count.
        col_codes = [code or "" for code in table["col_codes"]] if cols else [None]
        table = dict(table, row_codes=[code or "" for code in table["row_codes"]])
        for r, row_code in enumerate(table["row_codes"]):
            for c, col_code in enumerate(col_codes):
                self.assertEqual(table["cells"][r][c], truth[(row_code, col_code)], (row_code, col_code))
            self.assertEqual(table["row_totals"][r], sum(n for (rc, _), n in truth.items() if rc == row_code))
        if cols:
            for c, col_code in enumerate(col_codes):
                self.assertEqual(table["col_totals"][c], sum(n for (_, cc), n in truth.items() if cc == col_code))
        # Every count of the truth is in the table: no row or column left out.
        self.assertEqual(table["total"], sum(truth.values()))
        self.assertEqual(set(table["row_codes"]), {rc for rc, _ in truth})

    def test_three_two_dimensional_tables(self):
        table = self.json_of("table", self.db, "--rows", "unit:2", "--cols", "theme_group", "--where",
                             "kind=complaint", "--from", YEAR[0], "--to", YEAR[1])
        self.assertEqual((table["schema"], table["rows"], table["cols"]), ("ombuds.table/1", "unit:2", "theme_group"))
        self.assertEqual(table["where"], {"kind": ["complaint"]})
        self.check_table(table, *YEAR, "unit:2", "theme_group", kind="complaint")
        table = self.json_of("table", self.db, "--rows", "month", "--cols", "kind", "--where", "unit=SSF",
                             "--from", "2024-01-01", "--to", "2025-12-31")
        self.check_table(table, "2024-01-01", "2025-12-31", "month", "kind", unit="SSF")
        table = self.json_of("table", self.db, "--rows", "kle", "--cols", "area", "--where",
                             "theme=deadline_exceeded,slow_processing", "--where", "role=main",
                             "--from", YEAR[0], "--to", YEAR[1])
        self.check_table(table, *YEAR, "kle", "area", theme=["deadline_exceeded", "slow_processing"], role="main")

    def test_table_formats_and_usage_errors(self):
        args = ("table", self.db, "--rows", "kind", "--cols", "channel", "--from", YEAR[0], "--to", YEAR[1])
        md = run(*args)
        self.assertEqual(md.returncode, 0, md.stderr)
        self.assertIn("| I alt |", md.stdout)
        text = run(*args, "--format", "csv").stdout
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
        totals = next(r for r in rows if r and r[0] == "I alt")
        self.assertEqual(int(totals[-1].replace(".", "")), len(list(self.count.select(*YEAR))))
        self.assertEqual(run(*args, "--format", "xlsx", "--output", self.dir / "t.xlsx").returncode, 0)
        self.assertTrue((self.dir / "t.xlsx").read_bytes().startswith(b"PK"))
        for bad in (("--rows", "colour"), ("--rows", "kind", "--where", "kind=nothing"),
                    ("--rows", "kind", "--cols", "kind"), ("--rows", "kind", "--where", "kind")):
            result = run("table", self.db, *bad, "--from", YEAR[0], "--to", YEAR[1], "--lang", "en")
            self.assertEqual(result.returncode, 2, bad)
            self.assertTrue(result.stderr.strip(), bad)

    def test_public_table_hides_small_cells(self):
        advisor = self.json_of("table", self.db, "--rows", "unit", "--cols", "kind", "--from", Q1[0], "--to", Q1[1])
        public = self.json_of("table", self.db, "--rows", "unit", "--cols", "kind", "--from", Q1[0], "--to", Q1[1],
                              "--audience", "public")
        hidden = 0
        for r, row in enumerate(public["cells"]):
            for c, value in enumerate(row):
                true = advisor["cells"][r][c]
                self.assertEqual(public["suppressed"][r][c], value is None)
                if value is None:
                    hidden += 1
                else:
                    self.assertEqual(value, true)
                    self.assertFalse(1 <= value < 5)
        self.assertGreater(hidden, 0)

    def test_title_period_headings_and_kle_titles(self):
        kle = self.dir / "kle.json"
        kle.write_text(json.dumps({"27.24": "Hjælpemidler", "32.18": "Boligstøtte"}), encoding="utf-8")
        md = run("report", self.db, "--from", Q1[0], "--to", Q1[1], "--title", "Kvartalsoversigt", "--kle", kle,
                 "--format", "md", "--unit", "SSF")
        self.assertEqual(md.returncode, 0, md.stderr)
        self.assertIn("Kvartalsoversigt", md.stdout.splitlines()[0])
        self.assertIn("1. jan. – 31. mar. 2025", md.stdout)
        self.assertIn("1. jan. – 31. mar. 2024", md.stdout)
        self.assertNotIn("Sammenligning", md.stdout)
        self.assertIn("Hjælpemidler", md.stdout)
        year = run("report", self.db, "--from", YEAR[0], "--to", YEAR[1], "--format", "md").stdout
        self.assertRegex(year, r"\| 2025 \|.*\| 2024 \|")
        report = self.json_of("report", self.db, "--from", YEAR[0], "--to", YEAR[1], "--kle", kle)
        deadlines = collections.Counter((c["kle"][:5], c["unit"], c["theme"]) for c in self.count.select(*YEAR)
                                        if c["theme"] in ("deadline_exceeded", "slow_processing"))
        # No KLE number given: null.
        self.assertEqual({(d["kle"] or "", d["unit"], d["theme"]): d["count"] for d in report["deadlines"]},
                         dict(deadlines))
        titled = [d for d in report["deadlines"] if d["kle"] == "27.24"]
        self.assertTrue(titled and all(d["kle_title"] == "Hjælpemidler" for d in titled))
        broken = self.dir / "broken.json"
        broken.write_text('{"27": "x"}', encoding="utf-8")
        refused = run("report", self.db, "--from", Q1[0], "--to", Q1[1], "--kle", broken)
        self.assertEqual(refused.returncode, 2)
        self.assertIn("broken.json", refused.stderr)

    def test_per_area_writes_one_scoped_report_per_area(self):
        out = self.dir / "areas"
        result = run("report", self.db, "--from", Q1[0], "--to", Q1[1], "--per-area", "--dir", out,
                     "--format", "json", "--audience", "administration")
        self.assertEqual(result.returncode, 0, result.stderr)
        units, _, _ = generated_cases.catalogue()
        areas = [c for c, u in units.items() if not u.get("parent") and not u.get("external")]
        self.assertEqual(sorted(p.stem for p in out.iterdir()), sorted(areas))
        for area in areas:
            mine = json.loads((out / f"{area}.json").read_text(encoding="utf-8"))
            self.assertEqual(mine["scope"]["code"], area)
            alone = self.json_of("report", self.db, "--from", Q1[0], "--to", Q1[1], "--unit", area,
                                 "--audience", "administration")
            self.assertEqual(mine, alone)
        self.assertEqual(run("report", self.db, "--from", Q1[0], "--to", Q1[1], "--per-area").returncode, 2)

    def test_python_package_table_and_scoped_report(self):
        if not os.environ.get("OMBUDS_LIBRARY"):
            self.skipTest("OMBUDS_LIBRARY is not set")
        import ombuds
        with ombuds.Database(str(self.db)) as db:
            table = db.table("unit:2", cols="theme_group", where={"kind": "complaint"}, from_=YEAR[0], to=YEAR[1])
            self.check_table(table, *YEAR, "unit:2", "theme_group", kind="complaint")
            cli = self.json_of("table", self.db, "--rows", "unit:2", "--cols", "theme_group", "--where",
                               "kind=complaint", "--from", YEAR[0], "--to", YEAR[1])
            self.assertEqual(table, cli)
            self.assertIn("I alt", db.table("kind", from_=YEAR[0], to=YEAR[1], format="csv"))
            report = db.report(Q1[0], Q1[1], unit="SSF", title="Midtvejsstatus")
            self.assertEqual((report["scope"]["code"], report["title"]), ("SSF", "Midtvejsstatus"))
            self.check_volume(report["volume"], *Q1, "SSF")
            with self.assertRaises(ombuds.Error) as caught:
                db.table("colour", from_=YEAR[0], to=YEAR[1])
            self.assertEqual(caught.exception.status, 7)
            with self.assertRaises(ombuds.Error):
                db.table("kind", from_=YEAR[0], to=YEAR[1], format="xlsx")


if __name__ == "__main__":
    unittest.main()
