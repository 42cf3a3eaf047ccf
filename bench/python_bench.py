#!/usr/bin/env python3
# SPDX-License-Identifier: MPL-2.0
"""Per-call cost through the Python package: validating one case, inserting one case alone and
inside a transaction. Prints microseconds per call.
Usage: OMBUDS_LIBRARY=.../libombuds.so PYTHONPATH=bindings/python python3 bench/python_bench.py [N]"""
import sys
import tempfile
import time
from pathlib import Path

import ombuds

CASE = {"case_id": "K1", "inquiry_id": "H1", "citizen": "211062-5629", "kind": "complaint", "role": "main",
        "received": "2024-03-04", "first_response": "2024-03-05", "closed": "2024-04-01", "unit": "BSF-JOB-SDP",
        "theme": "slow_processing", "action": "complaint_dialogue", "resolution": "explained", "channel": "phone"}


def per_call(label, n, function):
    started = time.perf_counter()
    for i in range(n):
        function(i)
    elapsed = time.perf_counter() - started
    print(f"{label:<28} {elapsed / n * 1e6:8.1f} µs/call  ({n} calls)")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    with tempfile.TemporaryDirectory() as tmp:
        with ombuds.Database(Path(tmp) / "validate.db") as db:
            per_call("validate", n, lambda i: db.validate(CASE))
        with ombuds.Database(Path(tmp) / "alone.db") as db:
            per_call("insert alone", min(n, 2000), lambda i: db.insert(dict(CASE, case_id=f"A{i}")))
        with ombuds.Database(Path(tmp) / "batch.db") as db:
            with db.transaction():
                per_call("insert in a transaction", n, lambda i: db.insert(dict(CASE, case_id=f"B{i}")))


if __name__ == "__main__":
    main()
