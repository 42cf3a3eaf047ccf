#!/usr/bin/env python3
# SPDX-License-Identifier: MPL-2.0
"""The code samples of a document, as the tests build and run them, so the document and the tests
cannot drift apart.

A sample is every fenced block whose info string is the language and the sample's name
(```c lifecycle.c), joined in the order they appear; what it prints is the block tagged
```text NAME output. Usage:
  doc_samples.py extract DOC NAME OUT          write the sample NAME to OUT (untouched if equal)
  doc_samples.py run DOC NAME WORK_DIR [--built-from SOURCE] CMD...
      run CMD in a new WORK_DIR (an argument {sample} is the sample, extracted there) and compare
      what it prints with the document's output block; with --built-from, first check that the
      program was built from the document's sample as it is now (else: rebuild)
"""
import difflib
import shutil
import subprocess
import sys
from pathlib import Path


def blocks(document, tag):
    """The text of every fenced block whose info string ends with `tag`, in order."""
    found, current = [], None
    for line in Path(document).read_text(encoding="utf-8").splitlines(keepends=True):
        fence = line.strip()
        if current is None:
            if fence.startswith("```") and fence[3:].split()[1:] == tag.split():
                current = []
        elif fence == "```":
            found.append("".join(current))
            current = None
        else:
            current.append(line)
    if current is not None:
        sys.exit(f"{document}: a block tagged {tag!r} is never closed")
    return found


def sample(document, name):
    parts = blocks(document, name)
    if not parts:
        sys.exit(f"{document}: no sample named {name!r}")
    return "\n".join(parts)


def extract(document, name, out):
    text = sample(document, name)
    out = Path(out)
    if not out.exists() or out.read_text(encoding="utf-8") != text:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")


def run(document, name, work, command):
    if command[:1] == ["--built-from"]:
        source = Path(command[1])
        if not source.exists() or source.read_text(encoding="utf-8") != sample(document, name):
            sys.exit(f"{command[2]} was not built from the sample {name} of {document} as it is now: rebuild")
        command = command[2:]
    expected = blocks(document, name + " output")
    if len(expected) != 1:
        sys.exit(f"{document}: one block tagged {name + ' output'!r} expected, found {len(expected)}")
    work = Path(work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    path = work / name
    path.write_text(sample(document, name), encoding="utf-8")
    command = [str(path) if arg == "{sample}" else arg for arg in command]
    done = subprocess.run(command, cwd=work, stdout=subprocess.PIPE, encoding="utf-8", check=False)
    if done.stdout != expected[0]:
        sys.stdout.writelines(difflib.unified_diff(expected[0].splitlines(keepends=True),
                                                   done.stdout.splitlines(keepends=True),
                                                   f"{document}: {name} output", "printed"))
        sys.exit(f"{name} printed otherwise than {document} shows")
    if done.returncode != 0:
        sys.exit(f"{name} exited with {done.returncode}")
    print(f"{name}: as {document} shows")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "extract":
        extract(*sys.argv[2:])
    elif len(sys.argv) >= 6 and sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    else:
        sys.exit(__doc__)
