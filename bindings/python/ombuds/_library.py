# SPDX-License-Identifier: MPL-2.0
"""Finding libombuds and declaring its C functions (one table, checked at import)."""
import ctypes
import ctypes.util
import os
from pathlib import Path

# The major version of the C API this package is written against (libombuds.so.1).
API_MAJOR = 1


def _find_library():
    candidates = []
    if os.environ.get("OMBUDS_LIBRARY"):
        candidates.append(os.environ["OMBUDS_LIBRARY"])
    here = Path(__file__).resolve().parent
    candidates += [str(here / f"libombuds.so.{API_MAJOR}"), str(here / "libombuds.so")]
    found = ctypes.util.find_library("ombuds")
    if found:
        candidates.append(found)
    candidates.append(f"libombuds.so.{API_MAJOR}")
    errors = []
    for candidate in candidates:
        try:
            return ctypes.CDLL(candidate)
        except OSError as error:
            errors.append(f"{candidate}: {error}")
    raise ImportError("libombuds not found (set OMBUDS_LIBRARY): " + "; ".join(errors))


lib = _find_library()

db_p = ctypes.c_void_p
rec_p = ctypes.c_void_p
out_str = ctypes.POINTER(ctypes.c_void_p)
text = ctypes.c_char_p
status = ctypes.c_int

# One table of every function: (name, argtypes, restype). restype is always set: the default
# c_int would cut 64-bit pointers.
FUNCTIONS = [
    ("ombuds_version", [], text),
    ("ombuds_status_name", [ctypes.c_int], text),
    ("ombuds_field_count", [], ctypes.c_int),
    ("ombuds_field_name", [ctypes.c_int], text),
    ("ombuds_open", [text, text, ctypes.POINTER(db_p)], status),
    ("ombuds_close", [db_p], status),
    ("ombuds_errmsg", [db_p], text),
    ("ombuds_record_new", [ctypes.POINTER(rec_p)], status),
    ("ombuds_record_set", [rec_p, text, text], status),
    ("ombuds_record_get", [rec_p, text, ctypes.POINTER(text)], status),
    ("ombuds_record_clear", [rec_p], status),
    ("ombuds_record_free", [rec_p], None),
    ("ombuds_validate", [db_p, rec_p, out_str], status),
    ("ombuds_insert", [db_p, rec_p, out_str], status),
    ("ombuds_update", [db_p, rec_p, out_str], status),
    ("ombuds_validate_update", [db_p, rec_p, out_str], status),
    ("ombuds_get_case", [db_p, text, out_str], status),
    ("ombuds_list_cases", [db_p, text, out_str], status),
    ("ombuds_catalogue", [db_p, text, out_str], status),
    ("ombuds_delete_case", [db_p, text], status),
    ("ombuds_begin", [db_p], status),
    ("ombuds_commit", [db_p], status),
    ("ombuds_rollback", [db_p], status),
    ("ombuds_import_file", [db_p, text, text, out_str], status),
    ("ombuds_report", [db_p, text, out_str], status),
    ("ombuds_table", [db_p, text, out_str], status),
    ("ombuds_export", [db_p, text, out_str], status),
    ("ombuds_export_citizen", [db_p, text, text, out_str], status),
    ("ombuds_erase_citizen", [db_p, text, out_str], status),
    ("ombuds_anonymise", [db_p, text, out_str], status),
    ("ombuds_free", [ctypes.c_void_p], None),
]

for _name, _args, _res in FUNCTIONS:
    try:
        _function = getattr(lib, _name)
    except AttributeError:
        raise ImportError(f"libombuds lacks {_name}: the library is older than this package") from None
    _function.argtypes = _args
    _function.restype = _res


def version():
    """The library's version, "MAJOR.MINOR.PATCH"."""
    return lib.ombuds_version().decode()


if int(version().split(".")[0]) != API_MAJOR:
    raise ImportError(f"libombuds {version()} does not match this package (major {API_MAJOR})")

# The case-file columns, from the library (never a copy of its list).
FIELDS = tuple(lib.ombuds_field_name(i).decode() for i in range(lib.ombuds_field_count()))
