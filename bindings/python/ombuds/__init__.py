# SPDX-License-Identifier: MPL-2.0
"""ombuds: the case register and statistics of a Danish citizens' advisor (borgerrådgiver).

A pure-Python package over the stable C API (libombuds.so.1) with ctypes; no compiled extension.

    import ombuds
    with ombuds.Database("register.db") as db:
        db.insert({"case_id": "K1", "kind": "complaint", ...})
        db.update({"case_id": "K1", "closed": "2025-02-03", "resolution": "explained"})
        report = db.report("2025-01-01", "2025-12-31")     # a dict (the report JSON)

The library is found through the environment variable OMBUDS_LIBRARY, then beside this package,
then on the system's search path.
"""
import ctypes
import json
import os

from ._library import API_MAJOR, FIELDS, lib as _lib, version

__all__ = ["Database", "Error", "ValidationError", "version", "FIELDS", "API_MAJOR",
           "OK", "INVALID", "NOT_FOUND", "CONFLICT", "IO", "CORRUPT", "BUSY", "MISUSE", "NOMEM", "INTERNAL"]

OK, INVALID, NOT_FOUND, CONFLICT, IO, CORRUPT, BUSY, MISUSE, NOMEM, INTERNAL = range(10)


class Error(Exception):
    """A call into ombuds failed; `.status` is the C API's status code."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class ValidationError(Error):
    """The data was refused by the rules. `.violations` is always a list of
    {"rule", "field", "severity", "message"}, with "line" and "column" too where a file was read."""

    def __init__(self, message, violations):
        super().__init__(INVALID, message)
        self.violations = violations


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


def _json_argument(options):
    return _encode(json.dumps({k: v for k, v in options.items() if v is not None}))


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
        handle = ctypes.c_void_p()
        status = _lib.ombuds_record_new(ctypes.byref(handle))
        if status != OK:
            raise Error(status, "cannot create a record")
        self.handle = handle

    def fill(self, fields):
        _lib.ombuds_record_clear(self.handle)
        for name, value in fields.items():
            # None means "not given" (an update keeps the stored value); "" clears.
            if value is None:
                continue
            status = _lib.ombuds_record_set(self.handle, _FIELD_NAMES.get(name) or _encode(name), _encode(value))
            if status != OK:
                # An unknown name is not echoed: it may be anything, a CPR number too.
                if name in _FIELD_NAMES:
                    raise Error(status, f"field {name!r}: a value that is not valid UTF-8 or is too long")
                raise Error(status, "an unknown field (the fields are ombuds.FIELDS)")

    def close(self):
        if self.handle:
            _lib.ombuds_record_free(self.handle)
            self.handle = None


class Database:
    """A register (a SQLite file, or ":memory:"), created when it does not exist.

    organisation, themes: configuration files (JSON); key_file: the pseudonym key file;
    busy_timeout_ms: how long to wait for another writer; lang: "da" or "en" for messages.
    A Database is used by one thread at a time; use one per thread.
    """

    def __init__(self, path, organisation=None, themes=None, key_file=None, create=True,
                 busy_timeout_ms=None, lang=None):
        options = {"create": bool(create), "busy_timeout_ms": busy_timeout_ms, "lang": lang}
        for key, value in (("organisation_file", organisation), ("themes_file", themes), ("key_file", key_file)):
            if value is not None:
                options[key] = os.fspath(value)
        self._record = None
        self._handle = None
        handle = ctypes.c_void_p()
        status = _lib.ombuds_open(_encode(path), _json_argument(options), ctypes.byref(handle))
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

    def _text_call(self, function, *args):
        out = ctypes.c_void_p()
        status = function(self._db(), *args, ctypes.byref(out))
        text = _take_string(out)
        self._check(status)
        return text

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

    def update(self, change):
        """Changes a stored case: `change` names case_id and the fields to change ("" clears a
        field; fields left out are kept). Validated as the whole resulting case. Returns the
        warnings; raises ValidationError when refused, Error NOT_FOUND when there is no case."""
        return self._record_call(_lib.ombuds_update, change)

    def validate_update(self, change):
        """Checks a change as update() would make it; stores nothing."""
        return self._record_call(_lib.ombuds_validate_update, change)

    def get(self, case_id):
        """One stored case as a dict (every column but the citizen, with its note, "has_citizen",
        "citizen_kind" and "followups"); None when there is no such case."""
        out = ctypes.c_void_p()
        status = _lib.ombuds_get_case(self._db(), _encode(case_id), ctypes.byref(out))
        text = _take_string(out)
        if status == NOT_FOUND:
            return None
        self._check(status)
        return json.loads(text)

    def cases(self, citizen=None, inquiry_id=None, main_case_id=None, open=None, received_from=None,
              received_to=None, unit=None, limit=None, after_case_id=None):
        """Stored cases ordered by case id, each a dict as get() gives it but without the note,
        selected by any of the arguments; `limit` and `after_case_id` page through them.
        `citizen` needs the key."""
        query = {"citizen": citizen, "inquiry_id": inquiry_id, "main_case_id": main_case_id, "open": open,
                 "received_from": None if received_from is None else str(received_from),
                 "received_to": None if received_to is None else str(received_to),
                 "unit": unit, "limit": limit, "after_case_id": after_case_id}
        return json.loads(self._text_call(_lib.ombuds_list_cases, _json_argument(query)))

    def delete(self, case_id):
        """Deletes a case; Error with status NOT_FOUND, or CONFLICT while follow-ups exist."""
        self._check(_lib.ombuds_delete_case(self._db(), _encode(case_id)))

    def catalogue(self, lang="da", on=None):
        """Every code list in force for this register (a form's drop-downs)."""
        request = {"lang": lang, "on": None if on is None else str(on)}
        return json.loads(self._text_call(_lib.ombuds_catalogue, _json_argument(request)))

    def begin(self):
        self._check(_lib.ombuds_begin(self._db()))

    def commit(self):
        self._check(_lib.ombuds_commit(self._db()))

    def rollback(self):
        self._check(_lib.ombuds_rollback(self._db()))

    def transaction(self):
        """A context manager: many writes stored together on success, none on an exception."""
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
    def import_file(self, path, replace=False, update=False, skip_invalid=False, dry_run=False):
        """Imports a case file (CSV or JSON Lines), all or nothing. Returns the summary
        {"read", "imported", "rejected", "errors"}; raises ValidationError when refused (its
        violations carry "line" and "column")."""
        options = {"replace": replace, "update": update, "skip_invalid": skip_invalid, "dry_run": dry_run}
        out = ctypes.c_void_p()
        status = _lib.ombuds_import_file(self._db(), _encode(path), _json_argument(options), ctypes.byref(out))
        text = _take_string(out)
        summary = json.loads(text) if text else None
        if status == INVALID and summary is not None:
            errors = [e for e in summary["errors"] if e["severity"] == "error"]
            raise ValidationError(f"refused: {len(errors)} errors", summary["errors"])
        self._check(status)
        return summary

    def export(self, from_=None, to=None, format="csv"):
        """The period export (no citizens, no notes) as text."""
        options = {"from": None if from_ is None else str(from_), "to": None if to is None else str(to),
                   "format": format}
        return self._text_call(_lib.ombuds_export, _json_argument(options))

    def export_citizen(self, citizen, format="csv"):
        """The insight export of one citizen (notes included) as text. Needs the key."""
        return self._text_call(_lib.ombuds_export_citizen, _encode(citizen), _json_argument({"format": format}))

    def erase_citizen(self, citizen):
        """Erases every case of a citizen; returns {"erased", "wal_clean"}. Needs the key."""
        return json.loads(self._text_call(_lib.ombuds_erase_citizen, _encode(citizen)))

    def anonymise(self, closed_before):
        """Anonymises the citizens all of whose cases are closed before a date; returns
        {"cases", "citizens"}."""
        return json.loads(self._text_call(_lib.ombuds_anonymise,
                                          _json_argument({"closed_before": str(closed_before)})))

    def report(self, from_, to, compare=None, format="json", audience="advisor", lang="da", min_count=None,
               unit=None, title=None):
        """The report of a period. compare: None (the same dates a year earlier), a (from, to)
        pair, or False. min_count: the smallest count an outside audience is shown (at least 3;
        default the register's, 5). unit: the code of the node of the organisation every table is
        scoped to (with the nodes below it); title: the report's title. Returns a dict for json,
        else the text (md, html, csv)."""
        request = {"from": str(from_), "to": str(to), "format": format, "audience": audience, "lang": lang}
        if min_count is not None:
            request["min_count"] = int(min_count)
        if unit is not None:
            request["unit"] = str(unit)
        if title is not None:
            request["title"] = str(title)
        if compare is False:
            request["compare"] = False
        elif compare is not None:
            request["compare_from"], request["compare_to"] = (str(compare[0]), str(compare[1]))
        text = self._text_call(_lib.ombuds_report, _json_argument(request))
        return json.loads(text) if format == "json" else text

    def table(self, rows, cols=None, where=None, from_=None, to=None, audience="advisor", format="json",
              lang="da", min_count=None):
        """Any count of the cases received from from_ to to by one or two dimensions ("kind",
        "unit:2", "theme_group", ...), with row and column totals. where: {dimension: code or
        [codes]}. Returns a dict for json (schema ombuds.table/1), else the text (md, csv)."""
        if from_ is None or to is None:
            raise TypeError("table() needs from_ and to")
        request = {"rows": rows, "from": str(from_), "to": str(to), "audience": audience,
                   "format": format, "lang": lang}
        if cols is not None:
            request["cols"] = cols
        if where:
            request["where"] = {str(k): (v if isinstance(v, str) else [str(x) for x in v])
                                for k, v in where.items()}
        if min_count is not None:
            request["min_count"] = int(min_count)
        text = self._text_call(_lib.ombuds_table, _json_argument(request))
        return json.loads(text) if format == "json" else text
