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
            finally:
                call("DELETE", f"/session/{session}")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    unittest.main()
