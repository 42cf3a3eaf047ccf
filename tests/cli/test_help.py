# SPDX-License-Identifier: MPL-2.0
"""Every help text and usage error of `ombuds` is Danish by default and English with --lang en.

The commands are read from `ombuds --help`, so a command added later is checked too. A text is
taken as English when it holds a word that is English and not Danish, and as Danish when it holds
a Danish word or a letter æ, ø or å; the lists below are short and plain on purpose.
"""
import os
import re
import subprocess
import tempfile
import unittest
from pathlib import Path

CLI = os.environ.get("OMBUDS_CLI", "ombuds")

# Words of English that are not also Danish words (so "register", "note", "import" are not here).
ENGLISH = {
    "the", "of", "and", "or", "is", "are", "to", "with", "without", "default", "file", "files",
    "print", "this", "each", "row", "rows", "only", "stored", "when", "case", "cases", "write",
    "first", "last", "day", "period", "its", "into", "not", "no", "one", "every", "show", "check",
    "create", "remove", "store", "directory", "sheet", "workbook", "language", "messages",
    "display", "help", "exit", "version", "citizen", "citizens", "notes", "report", "which",
    "given", "from", "required", "expected", "unexpected", "invalid", "convert", "could", "value",
    "missing", "command", "subcommand", "usage", "options", "positionals", "subcommands", "text",
    "needs", "excludes", "unknown", "date", "write", "see", "catalogue", "key",
    "smallest", "shown", "outside", "office", "comparison", "earlier", "lists", "drop", "down",
    "validate", "compute", "delete", "follow", "refused", "while", "build", "bundled", "example",
    "data", "changes", "replaces", "whole", "reasons", "valid", "nothing", "against", "allow",
}
# Words of Danish that are not also English words.
DANISH = {
    "og", "eller", "af", "til", "med", "uden", "den", "det", "sager", "sag", "fil", "filen",
    "registret", "første", "sidste", "dag", "skal", "ikke", "vis", "skriv", "gem", "hver",
    "række", "kun", "hvor", "ingen", "mindst", "borger", "borgers", "notater", "angives",
    "ugyldig", "uventet", "ukendt", "kommando", "kommandoer", "tilvalg", "argumenter", "brug",
    "tekst", "dato", "værdi", "mangler", "vælg", "se", "fx", "skriv", "hører", "sammen",
}
# Names and Danish terms an English text may hold: the example organisation, the office's title.
DANISH_IN_ENGLISH = {"borgerrådgiver", "eksempel", "kommune"}

LABELS_DA = ("Brug:", "Tilvalg:")
LABELS_EN = ("Usage:", "Options:")
# CLI11's own words, which a Danish help must not show.
CLI11_ENGLISH = ("Usage", "Options", "Positionals", "Subcommands", "REQUIRED", "TEXT", "INT",
                 "FLOAT", "Needs", "Excludes", "Env")


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=120)


def words(text):
    """The words of a text a person reads: option names, variables, file names and quoted values
    left out (they are names, not language)."""
    text = re.sub(r"'[^']*'", " ", text)
    text = re.sub(r"ombuds( \w+)?", " ", text)
    text = re.sub(r"--?[\w-]+", " ", text)
    text = re.sub(r"\$\w+", " ", text)
    text = re.sub(r"\S+\.\S+", " ", text)
    return [word.lower() for word in re.findall(r"[^\W\d_]+", text)]


def english_words(text):
    return sorted({word for word in words(text) if word in ENGLISH})


def danish_words(text):
    found = {word for word in words(text)
             if word in DANISH or (re.search("[æøå]", word) and word not in DANISH_IN_ENGLISH)}
    return sorted(found)


def commands(help_text, heading):
    """The commands listed under a heading of the top-level help."""
    lines = help_text.splitlines()
    start = lines.index(heading) + 1
    found = []
    for line in lines[start:]:
        match = re.match(r"^  (\S+)\s{2,}", line)
        if not match:
            break
        found.append(match.group(1))
    return found


def entries(help_text):
    """(name part, description) of every option and argument line of a help text; a description
    CLI11 puts on a line of its own (after a long name part) is joined to its name part."""
    found = []
    pending = None
    for line in help_text.splitlines():
        if pending is not None and re.match(r"^ {10,}\S", line):
            found.append((pending, line.strip()))
            pending = None
            continue
        pending = None
        match = re.match(r"^  (\S.*?)\s{2,}(\S.*)$", line)
        if match:
            found.append((match.group(1), match.group(2)))
        elif re.match(r"^  \S", line):
            pending = line.strip()
    return found


def descriptions(help_text):
    """The text of a help a person reads as language: the command's description and every
    option's, without the option and argument names."""
    lines = help_text.splitlines()
    first = lines[0] if lines else ""
    return [first] + [description for _, description in entries(help_text)]


class HelpTest(unittest.TestCase):
    def test_danish_and_english_list_the_same_commands(self):
        da, en = run("--help"), run("--help", "--lang", "en")
        self.assertEqual(da.returncode, 0, da.stderr)
        self.assertEqual(en.returncode, 0, en.stderr)
        self.assertIn("Kommandoer:", da.stdout.splitlines())
        self.assertIn("Subcommands:", en.stdout.splitlines())
        listed = commands(da.stdout, "Kommandoer:")
        self.assertEqual(listed, commands(en.stdout, "Subcommands:"))
        for expected in ("validate", "import", "init", "template", "report", "show", "delete",
                         "export", "erase", "anonymise", "taxonomy", "demo"):
            self.assertIn(expected, listed)

    def test_top_level_help_is_danish_and_english(self):
        self.assert_languages("--help")

    def assert_languages(self, *args):
        da = run(*args)
        en = run(*args, "--lang", "en")
        self.assertEqual(da.returncode, 0, da.stderr)
        self.assertEqual(en.returncode, 0, en.stderr)
        for label in LABELS_DA:
            self.assertIn(label, da.stdout)
        for label in LABELS_EN:
            self.assertIn(label, en.stdout)
        for word in CLI11_ENGLISH:
            self.assertNotRegex(da.stdout, rf"\b{word}\b", f"{args}: CLI11's '{word}' in Danish")
        da_texts, en_texts = descriptions(da.stdout), descriptions(en.stdout)
        self.assertEqual(len(da_texts), len(en_texts), f"{args}: the same options in both")
        for text in da_texts:
            self.assertEqual(english_words(text), [], f"{args}: English in the Danish help: {text}")
        for text in en_texts:
            self.assertEqual(danish_words(text), [], f"{args}: Danish in the English help: {text}")
        for da_text, en_text in zip(da_texts, en_texts):
            self.assertNotEqual(da_text, en_text, f"{args}: not translated: {da_text}")
        return da, en

    def test_every_command_listed_has_danish_and_english_help(self):
        listed = commands(run("--help").stdout, "Kommandoer:")
        self.assertGreaterEqual(len(listed), 12)
        for command in listed:
            with self.subTest(command=command):
                da, en = self.assert_languages(command, "--help")
                self.assertIn(f"ombuds {command}", da.stdout)
                self.assertIn(f"ombuds {command}", en.stdout)
                # Every option has a description in both.
                for name, description in entries(da.stdout) + entries(en.stdout):
                    self.assertTrue(description, f"{command}: {name} has no description")

    def test_language_may_come_anywhere(self):
        self.assertIn("Usage:", run("--lang", "en", "import", "--help").stdout)
        self.assertIn("Usage:", run("import", "--lang=en", "--help").stdout)
        self.assertIn("Brug:", run("import", "--lang", "da", "--help").stdout)

    def test_the_checks_can_fail(self):
        # The word lists find the languages in CLI11's own English and in a Danish sentence.
        self.assertEqual(english_words("Print this help message and exit"),
                         ["and", "exit", "help", "print", "this"])
        self.assertEqual(danish_words("Første dag i perioden"), ["dag", "første"])
        self.assertEqual(english_words("Sagsfilen (CSV, JSON Lines eller Excel .xlsx)"), [])
        self.assertEqual(danish_words("Organisation JSON (default: Eksempel Kommune)"), [])
        self.assertEqual(entries("Tilvalg:\n  --citizen TEKST SKAL ANGIVES\n"
                                 "                              CPR eller ref\n"),
                         [("--citizen TEKST SKAL ANGIVES", "CPR eller ref")])


class UsageErrorTest(unittest.TestCase):
    """A usage error is exit 2 with one line on standard error, Danish unless --lang en."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        directory = Path(cls.tmp.name)
        cls.db = directory / "r.db"
        cls.cases = directory / "cases.csv"
        cls.cases.write_text("case_id;kind;role;received;action\n", encoding="utf-8")
        # Some checks come after the register is opened: those commands are given one.
        cls.existing = directory / "existing.db"
        created = run("init", cls.existing)
        assert created.returncode == 0, created.stderr
        period = ("--from", "2025-01-01", "--to", "2025-12-31")
        # (what, arguments, a Danish phrase, the English phrase)
        cls.cases_of_errors = [
            ("no command", (), "vælg en kommando", "a command is required"),
            ("unknown command", ("frobnicate",), "ukendt kommando", "unknown command"),
            ("missing argument", ("validate",), "FIL skal angives", "FILE is required"),
            ("missing option", ("report", cls.db, "--from", "2025-01-01"), "--to skal angives",
             "--to is required"),
            ("missing value", ("report", cls.db, "--to", "2025-12-31", "--from"),
             "mangler en værdi", "a value is missing"),
            ("required option of erase", ("erase", cls.db), "--citizen skal angives",
             "--citizen is required"),
            ("unknown option", ("validate", cls.cases, "--frobnicate"), "uventet argument",
             "unexpected argument"),
            ("extra argument", ("show", cls.db, "K1", "K2"), "uventet argument",
             "unexpected argument"),
            ("bad date", ("report", cls.db, "--from", "2025-13-01", "--to", "2025-12-31"),
             "er ikke en dato", "is not a date"),
            ("bad date of anonymise", ("anonymise", cls.db, "--closed-before", "i går"),
             "er ikke en dato", "is not a date"),
            ("bad number", ("report", cls.db, *period, "--min-count", "fem"),
             "er ikke en gyldig værdi", "is not a valid value"),
            ("bad format", ("report", cls.db, *period, "--format", "pdf"), "eller", "or"),
            ("bad audience", ("report", cls.db, *period, "--audience", "alle"), "eller", "or"),
            ("from without to", ("export", cls.existing, "--from", "2025-01-01"), "hører sammen",
             "go together"),
            ("replace and update", ("import", cls.db, cls.cases, "--replace", "--update"),
             "kan ikke bruges sammen", "exclude each other"),
        ]

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_usage_errors_are_danish_by_default_and_english_with_lang_en(self):
        for what, args, danish, english in self.cases_of_errors:
            with self.subTest(what=what):
                da = run(*args)
                en = run("--lang", "en", *args)
                self.assertEqual(da.returncode, 2, da.stderr)
                self.assertEqual(en.returncode, 2, en.stderr)
                self.assertIn(danish, da.stderr)
                self.assertIn(english, en.stderr)
                self.assertEqual(english_words(da.stderr), [], da.stderr)
                self.assertEqual(danish_words(en.stderr), [], en.stderr)
                self.assertEqual(da.stdout + en.stdout, "")
                self.assertFalse(self.db.exists(), "a usage error creates nothing")

    def test_bad_language(self):
        result = run("--lang", "fr", "taxonomy")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--lang", result.stderr)


if __name__ == "__main__":
    unittest.main()
