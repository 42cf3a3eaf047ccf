# SPDX-License-Identifier: MPL-2.0
"""CPR numbers in every spelling an office produces, and a search for them in anything written.

Each number handed out is unique to the place it is put (a field, a header, a file name, a
configuration label) and the spelling it has, so a number found tells where it came from. The
search is this test's own, not the library's redaction: it undoes the encodings a file may use
(HTML and XML entities, JSON's \\u escapes, zip containers), maps every decimal digit form to
ASCII, drops blanks, dashes, invisible characters and the marks between groups, and looks for the
ten digits.
"""
import html
import io
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path


def _fullwidth(digits):
    return "".join(chr(0xFF10 + int(d)) for d in digits)


# issue 14's spellings: the digits d (ten ASCII digits) as an office may type or paste them.
SPELLINGS = {
    "hyphen": lambda d: f"{d[:6]}-{d[6:]}",
    "plain": lambda d: d,
    "dot": lambda d: f"{d[:6]}.{d[6:]}",
    "en dash": lambda d: f"{d[:6]}\u2013{d[6:]}",
    "no-break space": lambda d: f"{d[:6]}\u00a0{d[6:]}",
    "spaced hyphen": lambda d: f"{d[:6]} - {d[6:]}",
    "slash": lambda d: f"{d[:6]}/{d[6:]}",
    "non-breaking hyphen": lambda d: f"{d[:6]}\u2011{d[6:]}",
    "pairs with hyphens": lambda d: f"{d[0:2]}-{d[2:4]}-{d[4:6]}-{d[6:]}",
    "pairs with spaces": lambda d: f"{d[0:2]} {d[2:4]} {d[4:6]} {d[6:]}",
    "full-width digits": lambda d: f"{_fullwidth(d[:6])}-{_fullwidth(d[6:])}",
    "full-width digits and hyphen": lambda d: f"{_fullwidth(d[:6])}\uff0d{_fullwidth(d[6:])}",
}

# Marks between the groups of a number, beside what Unicode calls spaces, dashes and format
# characters: dot, slash, backslash (Markdown's escapes), underscore, minus, their full-width
# and small forms, middle dots.
_MARKS = ".-/\\_\u00b7\u2024\u2027\u2043\u2044\u2212\u2215\ufe58\ufe63\uff0d\uff0e\uff0f\uff3f"


def _table():
    table = {}
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        category = unicodedata.category(ch)
        if category == "Nd":
            digit = unicodedata.digit(ch)
            if ch != str(digit):
                table[cp] = str(digit)
        elif ch.isspace() or category in ("Zs", "Zl", "Zp", "Pd", "Cf", "Mn") or ch in _MARKS:
            table[cp] = None
    return table


_TABLE = _table()
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_RUN = re.compile(r"[0-9]{10,}")


def normalise(text):
    """The text with encodings undone, every digit ASCII and every separator gone."""
    text = html.unescape(text)
    text = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text.translate(_TABLE)


class Numbers:
    """Hands out CPR numbers, one per (place, spelling), and finds them again."""

    def __init__(self):
        self._by_digits = {}
        self._next = 0

    def digits(self, place, spelling):
        """Ten digits of a CPR number that is valid by date (day, month, a 1900s year by the
        seventh digit), unique to this place and spelling."""
        k = self._next
        self._next += 1
        day, month, year = 1 + k % 28, 1 + (k // 28) % 12, 41 + k // 336
        digits = f"{day:02}{month:02}{year:02}{4000 + k:04}"
        self._by_digits[digits] = (place, spelling)
        return digits

    def spell(self, place, spelling):
        return SPELLINGS[spelling](self.digits(place, spelling))

    def every_spelling(self, place, file_name=False):
        """{spelling: the number spelled} for one place; for a file name, every spelling a file
        name can hold (not the slash)."""
        return {spelling: self.spell(place, spelling) for spelling in SPELLINGS
                if not (file_name and spelling == "slash")}

    def find(self, text):
        """[(digits, place, spelling)] of every number handed out that the text holds."""
        found = []
        for match in _RUN.finditer(normalise(text)):
            run = match.group(0)
            for i in range(len(run) - 9):
                origin = self._by_digits.get(run[i:i + 10])
                if origin is not None:
                    found.append((run[i:i + 10], *origin))
        return found

    def find_in_bytes(self, data):
        found = self.find(data.decode("utf-8", "replace"))
        # Windows-1252 files (the office's CSV) put the digits in the same bytes; one decoding of
        # every byte keeps the ASCII digits in place where UTF-8 replaced a stray byte.
        found += self.find(data.decode("latin-1"))
        return sorted(set(found))

    def find_in_file(self, path, read=None):
        """What a file holds, a zip container (xlsx) member by member too. `read` reads the file:
        a process holding a register open must not open its files itself, as closing any
        descriptor of a file drops every POSIX lock the process holds on it (SQLite's too)."""
        path = Path(path)
        data = read(path) if read else path.read_bytes()
        found = [(d, p, s, "") for d, p, s in self.find_in_bytes(data)]
        if data[:4] == b"PK\x03\x04":
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    for member in archive.namelist():
                        found += [(d, p, s, member)
                                  for d, p, s in self.find_in_bytes(archive.read(member))]
            except zipfile.BadZipFile:
                pass
        return found

    def find_in_tree(self, root, skip=()):
        """[(where, digits, place, spelling)] for every file below root (its content, and its
        name and the names of its folders), `skip` aside."""
        found = []
        root = Path(root)
        for path in sorted(root.rglob("*")):
            if path in skip:
                continue
            for d, p, s in self.find(str(path.relative_to(root))):
                found.append((f"the name {path.relative_to(root)}", d, p, s))
            if path.is_file() and not path.is_symlink():
                for d, p, s, member in self.find_in_file(path):
                    where = str(path.relative_to(root)) + (f" ({member})" if member else "")
                    found.append((where, d, p, s))
        return found


def read_elsewhere(path):
    """A file's bytes read by another process (see Numbers.find_in_file)."""
    return subprocess.run(["cat", str(path)], capture_output=True, check=True).stdout


def describe(leaks):
    """One line per leak: where it was found, and where the number was put in which spelling."""
    return "\n".join(f"{where}: {digits[:6]}-{digits[6:]} put in {place} ({spelling})"
                     for where, digits, place, spelling in leaks)
