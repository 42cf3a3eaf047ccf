# SPDX-License-Identifier: MPL-2.0
"""ombuds: the case register and statistics of a Danish citizens' advisor (borgerrådgiver).

A pure-Python package over the stable C API (libombuds.so.1) with ctypes; no compiled extension.

    import ombuds
    with ombuds.Database("register.db") as db:
        db.insert({"case_id": "K1", "kind": "complaint", ...})
        report = db.report("2025-01-01", "2025-12-31")     # a dict (the report JSON)

The library is found through the environment variable OMBUDS_LIBRARY, then beside this package,
then on the system's search path.
"""
import ctypes
import ctypes.util
import json
import os
from pathlib import Path

__all__ = ["Database", "Error", "ValidationError", "version", "FIELDS",
           "OK", "INVALID", "NOT_FOUND", "CONFLICT", "IO", "CORRUPT", "BUSY", "MISUSE", "NOMEM", "INTERNAL"]

OK, INVALID, NOT_FOUND, CONFLICT, IO, CORRUPT, BUSY, MISUSE, NOMEM, INTERNAL = range(10)
API_MAJOR = 0  # the library's major version this package is written against (0.x: the 1.0 ABI to be)

FIELDS = ("case_id", "inquiry_id", "citizen", "kind", "role", "main_case_id", "received", "matter_date",
          "first_response", "closed", "unit", "theme", "action", "resolution", "admin_response",
          "rejection_reason", "legal_basis", "legal_ref", "kle", "origin", "channel", "contact", "note")


class Error(Exception):
    """A call into ombuds failed; `.status` is the C API's status code."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class ValidationError(Error):
    """The data was refused by the rules; `.violations` lists {rule, field, severity, message}."""

    def __init__(self, message, violations):
        super().__init__(INVALID, message)
        self.violations = violations


def _find_library():
    candidates = []
    if os.environ.get("OMBUDS_LIBRARY"):
        candidates.append(os.environ["OMBUDS_LIBRARY"])
    here = Path(__file__).resolve().parent
    candidates += [str(here / "libombuds.so.1"), str(here / "libombuds.so")]
    found = ctypes.util.find_library("ombuds")
    if found:
        candidates.append(found)
    candidates.append("libombuds.so.1")
    errors = []
    for candidate in candidates:
        try:
            return ctypes.CDLL(candidate)
        except OSError as error:
            errors.append(f"{candidate}: {error}")
    raise ImportError("libombuds not found (set OMBUDS_LIBRARY): " + "; ".join(errors))


_lib = _find_library()

_db_p = ctypes.c_void_p
_rec_p = ctypes.c_void_p
_out_str = ctypes.POINTER(ctypes.c_void_p)

# One table of every function: (name, argtypes, restype). restype is always set: the default
# c_int would cut 64-bit pointers.
_FUNCTIONS = [
    ("ombuds_version", [], ctypes.c_char_p),
    ("ombuds_status_name", [ctypes.c_int], ctypes.c_char_p),
    ("ombuds_open", [ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(_db_p)], ctypes.c_int),
    ("ombuds_close", [_db_p], ctypes.c_int),
    ("ombuds_errmsg", [_db_p], ctypes.c_char_p),
    ("ombuds_record_new", [ctypes.POINTER(_rec_p)], ctypes.c_int),
    ("ombuds_record_set", [_rec_p, ctypes.c_char_p, ctypes.c_char_p], ctypes.c_int),
    ("ombuds_record_clear", [_rec_p], ctypes.c_int),
    ("ombuds_record_free", [_rec_p], None),
    ("ombuds_validate", [_db_p, _rec_p, _out_str], ctypes.c_int),
    ("ombuds_insert", [_db_p, _rec_p, _out_str], ctypes.c_int),
    ("ombuds_delete_case", [_db_p, ctypes.c_char_p], ctypes.c_int),
    ("ombuds_begin", [_db_p], ctypes.c_int),
    ("ombuds_commit", [_db_p], ctypes.c_int),
    ("ombuds_rollback", [_db_p], ctypes.c_int),
    ("ombuds_import_file", [_db_p, ctypes.c_char_p, ctypes.c_char_p, _out_str], ctypes.c_int),
    ("ombuds_report", [_db_p, ctypes.c_char_p, _out_str], ctypes.c_int),
    ("ombuds_free", [ctypes.c_void_p], None),
]

for _name, _args, _res in _FUNCTIONS:
    try:
        _function = getattr(_lib, _name)
    except AttributeError:
        raise ImportError(f"libombuds lacks {_name}: the library is older than this package") from None
    _function.argtypes = _args
    _function.restype = _res


def version():
    """The library's version, "MAJOR.MINOR.PATCH"."""
    return _lib.ombuds_version().decode()


if int(version().split(".")[0]) != API_MAJOR:
    raise ImportError(f"libombuds {version()} does not match this package (major {API_MAJOR})")


# The column names, encoded once: a record is filled field by field on every call.
_FIELD_NAMES = {name: name.encode() for name in FIELDS}


def _encode(value):
    if type(value) is str:  # the common case first: isinstance against os.PathLike is slow
        return value.encode("utf-8")
    if value is None:
        return None
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        value = str(value)
    return value.encode("utf-8")


def _take_string(pointer):
    """Copies a string ombuds returned, then frees it with ombuds_free."""
    if not pointer:
        return None
    try:
        return ctypes.string_at(pointer).decode("utf-8")
    finally:
        _lib.ombuds_free(pointer)


class _Record:
    """An ombuds_record, filled from a dict of case-file columns; reused from call to call."""

    def __init__(self):
        handle = _rec_p()
        status = _lib.ombuds_record_new(ctypes.byref(handle))
        if status != OK:
            raise Error(status, "cannot create a record")
        self.handle = handle

    def fill(self, fields):
        _lib.ombuds_record_clear(self.handle)
        for name, value in fields.items():
            if value is None:
                continue
            status = _lib.ombuds_record_set(self.handle, _FIELD_NAMES.get(name) or _encode(name), _encode(value))
            if status != OK:
                raise Error(status, f"field {name!r}: unknown field, or a value that is not valid UTF-8 "
                                    "or is too long")

    def close(self):
        if self.handle:
            _lib.ombuds_record_free(self.handle)
            self.handle = None


class Database:
    """A register (a SQLite file, or ":memory:"), created when it does not exist.

    organisation, themes: configuration files (JSON); key_file: the pseudonym key file.
    A Database is used by one thread at a time; use one per thread.
    """

    def __init__(self, path, organisation=None, themes=None, key_file=None, create=True):
        options = {"create": bool(create)}
        for key, value in (("organisation_file", organisation), ("themes_file", themes), ("key_file", key_file)):
            if value is not None:
                options[key] = os.fspath(value)
        self._record = None
        handle = _db_p()
        status = _lib.ombuds_open(_encode(path), _encode(json.dumps(options)), ctypes.byref(handle))
        if status != OK:
            raise Error(status, _lib.ombuds_errmsg(None).decode("utf-8", "replace"))
        self._handle = handle

    # --- lifetime ------------------------------------------------------------------------
    def close(self):
        if getattr(self, "_record", None):
            self._record.close()
            self._record = None
        if getattr(self, "_handle", None):
            _lib.ombuds_close(self._handle)
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone
            pass

    def _db(self):
        if not getattr(self, "_handle", None):
            raise Error(MISUSE, "the database is closed")
        return self._handle

    def _check(self, status):
        if status != OK:
            message = _lib.ombuds_errmsg(self._handle).decode("utf-8", "replace") if self._handle else ""
            raise Error(status, message or _lib.ombuds_status_name(status).decode())

    # --- cases -------------------------------------------------------------------------------
    def _record_call(self, function, case):
        handle = self._db()
        if self._record is None:
            self._record = _Record()
        self._record.fill(case)
        out = ctypes.c_void_p()
        status = function(handle, self._record.handle, ctypes.byref(out))
        text = _take_string(out)
        violations = json.loads(text) if text and text != "[]" else []
        if status == INVALID:
            errors = [v for v in violations if v["severity"] == "error"]
            rules = ", ".join(f"{v['rule']} ({v['field']})" for v in errors)
            raise ValidationError(f"refused: {rules}", violations)
        self._check(status)
        return violations

    def validate(self, case):
        """Checks a case (a dict of case-file columns) against the rules and the register; stores
        nothing. Returns the warnings; raises ValidationError when refused."""
        return self._record_call(_lib.ombuds_validate, case)

    def insert(self, case):
        """Validates and stores a case. Returns the warnings; raises ValidationError when refused."""
        return self._record_call(_lib.ombuds_insert, case)

    def delete(self, case_id):
        """Deletes a case; Error with status NOT_FOUND, or CONFLICT while follow-ups exist."""
        self._check(_lib.ombuds_delete_case(self._db(), _encode(case_id)))

    def begin(self):
        self._check(_lib.ombuds_begin(self._db()))

    def commit(self):
        self._check(_lib.ombuds_commit(self._db()))

    def rollback(self):
        self._check(_lib.ombuds_rollback(self._db()))

    def transaction(self):
        """A context manager: many inserts stored together on success, none on an exception."""
        database = self

        class _Transaction:
            def __enter__(self):
                database.begin()
                return database

            def __exit__(self, exc_type, exc, tb):
                if exc_type is None:
                    database.commit()
                else:
                    database.rollback()
                return False

        return _Transaction()

    # --- files and reports -----------------------------------------------------------------
    def import_file(self, path, replace=False, skip_invalid=False, dry_run=False):
        """Imports a case file (CSV or JSON Lines), all or nothing. Returns the summary
        {"read", "imported", "rejected", "errors"}; raises ValidationError when refused."""
        options = {"replace": replace, "skip_invalid": skip_invalid, "dry_run": dry_run}
        out = ctypes.c_void_p()
        status = _lib.ombuds_import_file(self._db(), _encode(path), _encode(json.dumps(options)), ctypes.byref(out))
        text = _take_string(out)
        summary = json.loads(text) if text else None
        if status == INVALID and summary is not None:
            raise ValidationError(f"refused: {len([e for e in summary['errors'] if e['severity'] == 'error'])} errors",
                                  summary["errors"])
        self._check(status)
        return summary

    def report(self, from_, to, compare=None, format="json", audience="advisor", lang="da", min_count=None):
        """The report of a period. compare: None (the same dates a year earlier), a (from, to)
        pair, or False. min_count: the smallest count an outside audience is shown (at least 3;
        default the register's, 5). Returns a dict for json, else the text (md, html, csv)."""
        request = {"from": str(from_), "to": str(to), "format": format, "audience": audience, "lang": lang}
        if min_count is not None:
            request["min_count"] = int(min_count)
        if compare is False:
            request["compare"] = False
        elif compare is not None:
            request["compare_from"], request["compare_to"] = (str(compare[0]), str(compare[1]))
        out = ctypes.c_void_p()
        status = _lib.ombuds_report(self._db(), _encode(json.dumps(request)), ctypes.byref(out))
        text = _take_string(out)
        self._check(status)
        return json.loads(text) if format == "json" else text
