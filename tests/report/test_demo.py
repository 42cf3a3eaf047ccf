# SPDX-License-Identifier: MPL-2.0
"""`ombuds demo` and `ombuds report` as a user runs them, and the HTML report in a browser."""
import csv
import html.parser
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

CLI = os.environ.get("OMBUDS_CLI", "ombuds")
SECTIONS = ["1. Omfang", "2. Fordeling på organisationen", "3. Temaer", "4. Indsats", "5. Afvisninger",
            "6. Kompleksitet", "7. Gentagne henvendelser", "8. Svartider", "9. Tilsynssager",
            "10. Medarbejderhenvendelser", "11. Udvikling over tid", "12. Hvad handler klagerne om?",
            "13. Overskredne frister og lang sagsbehandling"]


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=300)


def labelled(tables, title, cells):
    """Adds a row under its label: the first cell, or the second in a ranked table (#, Tema)."""
    rows = tables.setdefault(title, {})
    if cells[0] in ("#", "\\#"):  # the header of a ranked table
        rows["#"] = cells
    elif "#" in rows:
        rows[cells[1]] = cells
    else:
        rows[cells[0]] = cells


def md_tables(text):
    """{(section, table): {row label: [cells]}} of a Markdown report."""
    tables, section, title = {}, None, None
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:]
        elif line.startswith("### "):
            title = line[4:]
        elif line.startswith("| ") and not line.startswith("|---"):
            labelled(tables, (section, title), [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]])
    return tables


def csv_tables(text):
    tables, title = {}, None
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"):
        if len(row) == 1:
            title = row[0]
        elif len(row) > 1:
            labelled(tables, title, row)
    return tables


class HtmlTables(html.parser.HTMLParser):
    """{table title (h3): {row label: [cells]}} of the HTML report."""
    def __init__(self, text):
        super().__init__()
        self.tables, self.title, self.row, self.cell, self.in_h3 = {}, None, None, None, False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "h3":
            self.in_h3, self.title = True, ""
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "h3":
            self.in_h3 = False
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row:
            labelled(self.tables, self.title, self.row)
            self.row = None

    def handle_data(self, data):
        if self.in_h3:
            self.title += data
        elif self.cell is not None:
            self.cell += data


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
        self.assertEqual((report["compare"]["from"], report["compare"]["to"]), ("2024-01-01", "2024-12-31"))
        self.assertEqual(report["compare"]["name"], "2024")  # the column heading of the period
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
        # The workbook: a front sheet and a sheet per section, the charts as native charts.
        import zipfile
        book = self.dir / "report.xlsx"
        result = run("report", db, "--from", "2025-01-01", "--to", "2025-12-31", "--format", "xlsx", "--output", book)
        self.assertEqual(result.returncode, 0, result.stderr)
        with zipfile.ZipFile(book) as workbook:
            names = workbook.namelist()
            sheets = workbook.read("xl/workbook.xml").decode("utf-8")
        self.assertEqual(sum(n.startswith("xl/worksheets/sheet") for n in names), 1 + len(SECTIONS))
        self.assertGreaterEqual(sum(n.startswith("xl/charts/chart") for n in names), 5)
        for name in ("11 ", "12 ", "13 "):
            self.assertIn(f'name="{name}', sheets)
        target = self.dir / "out.html"
        self.assertEqual(run("report", db, "--from", "2025-01-01", "--to", "2025-12-31", "--output", target,
                             "--format", "html").returncode, 0)
        self.assertTrue(target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>"))

    def test_public_report_shows_only_the_advisors_figures(self):
        """The demo's public 2025 report in md, csv and html: every figure is the advisor's or
        the one symbol for a hidden figure; never "< 5"."""
        db = self.dir / "demo.db"
        period = ("--from", "2025-01-01", "--to", "2025-12-31")
        for fmt, parse in (("md", md_tables), ("csv", csv_tables), ("html", lambda t: HtmlTables(t).tables)):
            public = run("report", db, *period, "--format", fmt, "--audience", "public")
            advisor = run("report", db, *period, "--format", fmt)
            self.assertEqual(public.returncode, 0, public.stderr)
            self.assertNotIn("< 5", public.stdout)
            self.assertNotIn("&lt; 5", public.stdout)
            hidden = compared = 0
            mine, theirs = parse(public.stdout), parse(advisor.stdout)
            for title, rows in mine.items():
                for label, cells in rows.items():
                    if "eller flere" in label:
                        continue  # the open band sums the advisor's bands
                    self.assertIn(label, theirs[title], f"{fmt}: {title}: {label}")
                    for mine_cell, their_cell in zip(cells, theirs[title][label]):
                        if mine_cell == "x":
                            hidden += 1
                        else:
                            compared += 1
                            self.assertEqual(mine_cell, their_cell, f"{fmt}: {title}: {label}")
            self.assertGreater(hidden, 20, fmt)
            self.assertGreater(compared, 200, fmt)
            self.assertIn("x", public.stdout)

    def test_min_count_and_overlapping_comparison(self):
        db = self.dir / "demo.db"
        period = ("--from", "2025-01-01", "--to", "2025-12-31", "--format", "json")
        three = run("report", db, *period, "--audience", "public", "--min-count", "3")
        self.assertEqual(three.returncode, 0, three.stderr)
        self.assertEqual(json.loads(three.stdout)["min_count"], 3)
        five = json.loads(run("report", db, *period, "--audience", "public").stdout)
        self.assertEqual(five["min_count"], 5)
        # A lower threshold shows more: 4 investigations' worth of cells, say.
        self.assertLess(three.stdout.count("null"), json.dumps(five).count("null"))
        low = run("report", db, *period, "--audience", "public", "--min-count", "2", "--lang", "en")
        self.assertEqual(low.returncode, 2)
        self.assertIn("at least 3", low.stderr)
        overlap = ("--compare-from", "2024-07-01", "--compare-to", "2025-06-30")
        refused = run("report", db, *period, "--audience", "administration", *overlap)
        self.assertEqual(refused.returncode, 2)
        self.assertIn("overlapper", refused.stderr)
        self.assertEqual(run("report", db, *period, *overlap).returncode, 0)  # the office's own

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
        """Headless Chromium through chromedriver (W3C WebDriver over plain HTTP): the tables and
        charts are there, the page itself made no network request, and a screenshot is kept."""
        browser = shutil.which("chromium")
        driver = shutil.which("chromedriver")
        if browser is None or driver is None:
            self.skipTest("Chromium and chromedriver are not installed (Debian: chromium chromium-driver)")
        import base64
        import socket
        import time
        import urllib.request

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen([driver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"

        def call(method, path, body=None):
            data = None if body is None else json.dumps(body).encode()
            request = urllib.request.Request(base + path, data=data, method=method,
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=120) as response:
                return json.loads(response.read())["value"]

        try:
            for _ in range(100):
                try:
                    call("GET", "/status")
                    break
                except OSError:
                    time.sleep(0.1)
            options = {"binary": browser,
                       "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                "--window-size=1200,2400", f"--user-data-dir={self.dir / 'chromium'}"]}
            session = call("POST", "/session", {"capabilities": {"alwaysMatch": {
                "goog:chromeOptions": options, "goog:loggingPrefs": {"performance": "ALL"}}}})["sessionId"]
            try:
                page = (self.dir / "report.html").resolve().as_uri()
                call("POST", f"/session/{session}/url", {"url": page})
                title = call("GET", f"/session/{session}/title")
                self.assertIn("Eksempel Kommune", title)
                find = lambda css: call("POST", f"/session/{session}/elements",
                                        {"using": "css selector", "value": css})
                self.assertGreaterEqual(len(find("section")), 10)
                self.assertGreaterEqual(len(find("table")), 15)
                self.assertGreaterEqual(len(find("svg rect.bar")), 10)
                self.assertEqual(call("POST", f"/session/{session}/execute/sync",
                                      {"script": "return document.documentElement.lang", "args": []}), "da")
                # Every network request the page started (the browser's own housekeeping aside).
                log = call("POST", f"/session/{session}/se/log", {"type": "performance"})
                requests = []
                for entry in log:
                    message = json.loads(entry["message"])["message"]
                    if message.get("method") == "Network.requestWillBeSent":
                        url = message["params"]["request"]["url"]
                        # Only the report's own requests: the browser's start page makes its own.
                        if message["params"].get("documentURL") == page and url != page:
                            requests.append(url)
                self.assertEqual(requests, [], "the report page loads nothing from anywhere")
                # The check can fail: a page that loads an image is caught.
                control = self.dir / "control.html"
                control.write_text('<!DOCTYPE html><img src="http://127.0.0.1:9/x.png">', encoding="utf-8")
                call("POST", f"/session/{session}/url", {"url": control.resolve().as_uri()})
                caught = [json.loads(e["message"])["message"] for e in
                          call("POST", f"/session/{session}/se/log", {"type": "performance"})]
                self.assertTrue(any(m.get("method") == "Network.requestWillBeSent"
                                    and m["params"].get("documentURL") == control.resolve().as_uri()
                                    and "127.0.0.1:9" in m["params"]["request"]["url"] for m in caught))
                call("POST", f"/session/{session}/url", {"url": page})
                png = base64.b64decode(call("GET", f"/session/{session}/screenshot"))
                artefacts = Path(os.environ.get("OMBUDS_ARTEFACTS", self.dir))
                artefacts.mkdir(parents=True, exist_ok=True)
                (artefacts / "report.png").write_bytes(png)
                self.assertGreater(len(png), 20000)
                # The time chart (section 11), the complaints' themes (section 12) and the theme
                # chart with its pooled bar, each drawn and kept as a picture of its own.
                script = """const out = {};
                    for (const f of document.querySelectorAll('figure')) {
                        const r = f.getBoundingClientRect();
                        out[f.querySelector('figcaption').firstChild.textContent] = {
                            width: r.width, height: r.height, polylines: f.querySelectorAll('polyline').length,
                            bars: f.querySelectorAll('rect.bar').length,
                            labels: [...f.querySelectorAll('text.label')].map(t => t.textContent),
                            clipped: [...f.querySelectorAll('svg text')].filter(t => {
                                const box = t.getBoundingClientRect(), svg = f.querySelector('svg')
                                    .getBoundingClientRect();
                                return box.left < svg.left - 0.5 || box.right > svg.right + 0.5 ||
                                       box.top < svg.top - 0.5 || box.bottom > svg.bottom + 0.5;
                            }).map(t => t.textContent)};
                    }
                    return out;"""
                figures = call("POST", f"/session/{session}/execute/sync", {"script": script, "args": []})
                self.assertGreaterEqual(figures["Sager pr. måned"]["polylines"], 2)  # the period and the comparison
                self.assertGreater(figures["Klagernes største temaer"]["bars"], 3)
                pooled = [label for label in figures["De største temaer"]["labels"] if label.startswith("Andre (")]
                self.assertEqual(len(pooled), 1, figures["De største temaer"]["labels"])
                self.assertRegex(pooled[0], r"^Andre \(\d+ temaer\)$")
                for caption, figure in figures.items():
                    self.assertEqual(figure["clipped"], [], caption)  # labels never clipped
                    self.assertGreater(figure["height"], 50, caption)
                charts = (("report_time_chart", "Sager pr. måned"),
                          ("report_complaint_themes", "Klagernes største temaer"),
                          ("report_pooled_themes", "De største temaer"))
                for name, caption in charts:
                    found = call("POST", f"/session/{session}/execute/sync", {"script": """
                        for (const f of document.querySelectorAll('figure'))
                            if (f.querySelector('figcaption').firstChild.textContent === arguments[0]) {
                                f.scrollIntoView(); return f; }
                        return null;""", "args": [caption]})
                    self.assertIsNotNone(found, caption)
                    element = next(iter(found.values()))
                    shot = base64.b64decode(call("GET", f"/session/{session}/element/{element}/screenshot"))
                    (artefacts / f"{name}.png").write_bytes(shot)
                    self.assertGreater(len(shot), 3000, caption)
            finally:
                call("DELETE", f"/session/{session}")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    unittest.main()
