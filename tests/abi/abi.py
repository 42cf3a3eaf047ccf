#!/usr/bin/env python3
# SPDX-License-Identifier: MPL-2.0
"""The C library's ABI against the baseline kept beside this script (libombuds.abi, the 1.0.0 ABI):
only additions pass. abidw (abigail-tools) describes the ABI from the library's debug information,
so the library must be built with -g (RelWithDebInfo); abidiff compares. Usage:
  abi.py check LIBRARY HEADERS_DIR SOURCE_DIR WORK_DIR   compare the library with the baseline
  abi.py baseline LIBRARY HEADERS_DIR SOURCE_DIR         write the baseline from the library
LIBRARY is the built libombuds.so.1, HEADERS_DIR the folder of the generated public header
(BUILD/capi/include). Exit 77 when abigail-tools is not installed.
"""
import re
import shutil
import subprocess
import sys
from pathlib import Path

BASELINE = Path(__file__).resolve().parent / "libombuds.abi"

# abidiff's exit status bits (abidiff's manual, "Return values").
ERROR, USAGE_ERROR, ABI_CHANGE, ABI_INCOMPATIBLE_CHANGE = 1, 2, 4, 8

# What abidiff may print when the only change is something added.
ADDITIONS_ONLY = [
    re.compile(r"(Functions|Variables) changes summary: 0 Removed, 0 Changed( \(\d+ filtered out\))?, "
               r"\d+ Added (function|variable)s?"),
    re.compile(r"(Function|Variable) symbols changes summary: 0 Removed, \d+ Added .*"),
    re.compile(r"\d+ Added (function|variable)s?( symbols? not referenced by debug info)?:"),
    re.compile(r"\s+\[A\] .*"),
]


def describe(library, headers, source_dir):
    """The ABI of the exported interfaces as abidw writes it: the public header's types only (the
    handles stay opaque), no machine paths (translation units named from the source folder)."""
    done = subprocess.run(["abidw", "--exported-interfaces-only", "--headers-dir", str(headers),
                           "--drop-private-types", "--no-corpus-path", "--no-comp-dir-path", "--no-show-locs",
                           "--no-elf-needed", "--type-id-style", "hash", str(library)],
                          stdout=subprocess.PIPE, encoding="utf-8", check=False)
    if done.returncode != 0:
        sys.exit(f"abidw failed on {library} (exit {done.returncode})")
    root = str(Path(source_dir).resolve()) + "/"
    text = re.sub(r"path='([^']*)'",
                  lambda m: "path='" + (m.group(1)[len(root):] if m.group(1).startswith(root)
                                        else Path(m.group(1)).name) + "'", done.stdout)
    symbols = set(re.findall(r"<elf-symbol name='([^']+)'", text))
    declared = set(re.findall(r"<function-decl name='[^']*' mangled-name='([^']+)'", text))
    if not symbols or symbols - declared:
        sys.exit(f"{library} has no debug information for {sorted(symbols - declared) or 'its functions'}: "
                 "build it with -g (CMAKE_BUILD_TYPE=RelWithDebInfo)")
    return text


def compare(old, new):
    """(True, report) when `new` has every function and type of `old` unchanged (it may add)."""
    done = subprocess.run(["abidiff", str(old), str(new)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          encoding="utf-8", check=False)
    status, report = done.returncode, done.stdout
    if status & (ERROR | USAGE_ERROR):
        sys.exit(f"abidiff failed (exit {status}):\n{report}")
    if status == 0:
        return True, report
    if status & ABI_INCOMPATIBLE_CHANGE:
        return False, report
    lines = [line for line in report.splitlines() if line.strip()]
    return all(any(p.fullmatch(line) for p in ADDITIONS_ONLY) for line in lines), report


def self_check(current, work):
    """The comparison refuses what it must: a removed function and a changed parameter type; and
    takes an added function."""
    function = r"\s*<function-decl name='ombuds_version' .*?</function-decl>"
    symbol = r"\s*<elf-symbol name='ombuds_version'[^>]*/>"
    without = re.sub(symbol, "", re.sub(function, "", current, flags=re.S))
    parameter = ("(<function-decl name='ombuds_status_name' [^>]*>\\s*<parameter type-id=')([^']+)(')")
    char_id = re.search(r"<type-decl name='char' [^>]*id='([^']+)'", current).group(1)
    changed = re.sub(parameter, lambda m: m.group(1) + char_id + m.group(3), current)
    cases = {"removed": without, "changed": changed}
    if any(text == current for text in cases.values()):
        sys.exit("self-check: the mutations did not apply (has abidw's output changed?)")
    paths = {}
    for name, text in cases.items():
        paths[name] = work / f"{name}.abi"
        paths[name].write_text(text, encoding="utf-8")
    current_path = work / "current.abi"
    expectations = [(current_path, paths["removed"], False, "a removed function"),
                    (current_path, paths["changed"], False, "a changed parameter type"),
                    (paths["removed"], current_path, True, "an added function")]
    for old, new, passes, what in expectations:
        if compare(old, new)[0] != passes:
            sys.exit(f"self-check: {what} was {'refused' if passes else 'taken'}")


def main(argv):
    if len(argv) < 5 or argv[1] not in ("check", "baseline") or (argv[1] == "check") != (len(argv) == 6):
        sys.exit(__doc__)
    if not shutil.which("abidw") or not shutil.which("abidiff"):
        print("abigail-tools is not installed: the ABI check is skipped (scripts/test.sh installs it)")
        return 77
    library, headers, source_dir = argv[2], argv[3], argv[4]
    current = describe(library, headers, source_dir)
    if argv[1] == "baseline":
        BASELINE.write_text(current, encoding="utf-8")
        print(f"wrote {BASELINE}")
        return 0
    work = Path(argv[5])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    (work / "current.abi").write_text(current, encoding="utf-8")
    self_check(current, work)
    passes, report = compare(BASELINE, work / "current.abi")
    print(report or "the ABI is the baseline's")
    if not passes:
        print("libombuds.so.1 changed incompatibly from its 1.0.0 ABI (tests/abi/libombuds.abi): only additions "
              "are allowed within major version 1", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
