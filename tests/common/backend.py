# SPDX-License-Identifier: MPL-2.0
"""The backend a register suite runs against (standard library only): SQLite files by default,
or the PostgreSQL server named by $OMBUDS_TEST_LOCATION (ctest registers such a suite a second
time with it, beside the throwaway server of tests/postgresql). A test asks for a register by
name and gets a file in its directory or a schema of its own, and runs SQL on it as another
program would."""
import glob
import hashlib
import os
import sqlite3
import subprocess
from pathlib import Path

BASE = os.environ.get("OMBUDS_TEST_LOCATION", "")
_BINDIRS = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
PSQL = f"{_BINDIRS[-1]}/psql" if _BINDIRS else "psql"


def on_postgresql():
    return bool(BASE)


def location(directory, name):
    """The register `name` of a test: the file directory/name, or a schema of its own."""
    if not BASE:
        return Path(directory) / name
    digest = hashlib.sha256(f"{os.getpid()}/{directory}/{name}".encode()).digest()[:8]
    # Letters only: a run of digits in a name can read as a CPR number, which every message
    # masks, and a test looking for the name in a message would not find it.
    letters = "".join("abcdefghijklmnop"[b >> 4] + "abcdefghijklmnop"[b & 15] for b in digest)
    return f"{BASE}&schema=t{letters}"


def use_key_beside(directory, name):
    """On PostgreSQL the key of the register `name` is directory/name.key, where SQLite keeps
    it by default ($OMBUDS_KEY_FILE, for every command of the test). Returns an undo."""
    if not BASE:
        return lambda: None
    before = os.environ.get("OMBUDS_KEY_FILE")
    os.environ["OMBUDS_KEY_FILE"] = str(Path(directory) / f"{name}.key")

    def undo():
        if before is None:
            os.environ.pop("OMBUDS_KEY_FILE", None)
        else:
            os.environ["OMBUDS_KEY_FILE"] = before
    return undo


def key_file(directory, name):
    """The key file a test names when it opens the register `name`: on PostgreSQL
    directory/name.key (where SQLite keeps it by default); None on SQLite."""
    return str(Path(directory) / f"{name}.key") if BASE else None


def sql(register, sqlite_sql, postgresql_sql=None):
    """Runs SQL on a register as another program would; the first column of the first row
    (None when there is none). `postgresql_sql` when the dialects differ."""
    if not BASE:
        with sqlite3.connect(register) as connection:
            row = connection.execute(sqlite_sql).fetchone()
        return None if row is None else row[0]
    base, schema = str(register).rsplit("&schema=", 1)
    statement = postgresql_sql or sqlite_sql
    result = subprocess.run([PSQL, base, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                             f"SET search_path = {schema}; {statement}"],
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    lines = result.stdout.splitlines()
    if not lines:
        return None
    value = lines[0]
    return int(value) if value.lstrip("-").isdigit() else value


def count(register):
    return sql(register, "SELECT count(*) FROM cases")


def integrity(register):
    """SQLite's integrity check; PostgreSQL checks its pages itself."""
    return sql(register, "PRAGMA integrity_check", "SELECT 'ok'")


def exists(register):
    if not BASE:
        return Path(register).exists()
    schema = str(register).rsplit("&schema=", 1)[1]
    base = str(register).rsplit("&schema=", 1)[0]
    result = subprocess.run([PSQL, base, "-X", "-A", "-t", "-c",
                             f"SELECT count(*) FROM pg_namespace WHERE nspname = '{schema}'"],
                            capture_output=True, text=True, timeout=60)
    return result.stdout.strip() != "0"
