# SPDX-License-Identifier: MPL-2.0
"""`ombuds demo` and `ombuds report` as a user runs them, and the HTML report in a browser."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

CLI = os.environ.get("OMBUDS_CLI", "ombuds")
SECTIONS = ["1. Omfang", "2. Fordeling på organisationen", "3. Temaer", "4. Indsats", "5. Afvisninger",
            "6. Kompleksitet", "7. Gentagne henvendelser", "8. Svartider", "9. Tilsynssager",
            "10. Medarbejderhenvendelser"]


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=300)


class DemoTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name) / "demo"
        cls.result = run("demo", "--dir", cls.dir)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_demo_writes_both_reports_in_danish(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        self.assertIn("report.html", self.result.stdout)
        for name in ("report.html", "report.md"):
            text = (self.dir / name).read_text(encoding="utf-8")
            for section in SECTIONS:
                self.assertIn(section, text, f"{name}: {section}")
            self.assertIn("Eksempel Kommune", text)
            self.assertIn(" %", text)
            self.assertRegex(text, r"\d+,\d %")  # decimal comma

    def test_report_command_formats_and_periods(self):
        db = self.dir / "demo.db"
        out = run("report", db, "--from", "2025-01-01", "--to", "2025-12-31", "--format", "json")
        self.assertEqual(out.returncode, 0, out.stderr)
        report = json.loads(out.stdout)
        self.assertEqual(report["schema"], "ombuds.report/1")
        self.assertEqual(report["compare"], {"from": "2024-01-01", "to": "2024-12-31"})
        self.assertGreater(report["volume"]["cases"], 700)
        self.assertGreater(report["volume"]["compare"]["cases"], 700)
        none = json.loads(run("report", db, "--from", "01-01-2025", "--to", "31.12.2025", "--format", "json",
                              "--no-compare").stdout)
        self.assertIsNone(none["compare"])
        self.assertIsNone(none["volume"]["compare"])
        half = json.loads(run("report", db, "--from", "2025-01-01", "--to", "2025-06-30", "--compare-from",
                              "2024-07-01", "--compare-to", "2024-12-31", "--format", "json",
                              "--audience", "public").stdout)
        self.assertEqual(half["audience"], "public")
        self.assertEqual(half["compare"]["from"], "2024-07-01")
        for fmt, marker in (("md", "# "), ("html", "<!DOCTYPE html>"), ("csv", ";")):
            result = run("report", db, "--from", "2025-01-01", "--to", "2025-12-31", "--format", fmt)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn(marker, result.stdout)
        target = self.dir / "out.html"
        self.assertEqual(run("report", db, "--from", "2025-01-01", "--to", "2025-12-31", "--output", target,
                             "--format", "html").returncode, 0)
        self.assertTrue(target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>"))

    def test_report_usage_errors(self):
        db = self.dir / "demo.db"
        self.assertEqual(run("report", db, "--from", "2025-01-01").returncode, 2)
        self.assertEqual(run("report", db, "--from", "2025-13-01", "--to", "2025-12-31").returncode, 2)
        self.assertEqual(run("report", db, "--from", "2025-12-31", "--to", "2025-01-01").returncode, 2)
        self.assertEqual(run("report", db, "--from", "2025-01-01", "--to", "2025-12-31", "--compare-from",
                             "2024-01-01").returncode, 2)
        self.assertEqual(run("report", db, "--from", "2025-01-01", "--to", "2025-12-31", "--format", "pdf").returncode, 2)
        self.assertEqual(run("report", self.dir / "missing.db", "--from", "2025-01-01", "--to", "2025-12-31").returncode, 2)

    def test_html_renders_in_a_browser(self):
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        if browser is None:
            self.skipTest("Chromium is not installed")
        page = (self.dir / "report.html").resolve()
        shot = self.dir / "report.png"
        common = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  f"--user-data-dir={self.dir / 'chromium'}"]
        dom = subprocess.run(common + ["--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
        self.assertEqual(dom.returncode, 0, dom.stderr[-2000:])
        for section in SECTIONS:
            self.assertIn(section, dom.stdout)
        self.assertIn("<svg", dom.stdout)
        subprocess.run(common + [f"--screenshot={shot}", "--window-size=1200,3000", page.as_uri()],
                       capture_output=True, timeout=120)
        self.assertTrue(shot.exists() and shot.stat().st_size > 20000, "the page rendered to an image")


if __name__ == "__main__":
    unittest.main()
