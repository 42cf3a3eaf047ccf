# SPDX-License-Identifier: MPL-2.0
"""8 processes x 500 single-case writes to one register: an exact final count and no busy error
returned to any caller. On a SQLite file, or on PostgreSQL when $OMBUDS_TEST_LOCATION names the
test server (python.postgresql.concurrency)."""
import multiprocessing
import os
import tempfile
import unittest
from pathlib import Path

import ombuds

WRITERS, WRITES = 8, 500


BASE = os.environ.get("OMBUDS_TEST_LOCATION", "")


def writer(path, key_file, n, queue):
    try:
        with ombuds.Database(path, key_file=key_file) as db:
            for i in range(WRITES):
                db.insert({"case_id": f"W{n}-{i}", "citizen": f"ref:{n}-{i}", "kind": "complaint", "role": "main",
                           "received": "2024-05-06", "unit": "BSF-JOB-SDP", "theme": "no_reply",
                           "action": "complaint_dialogue"})
        queue.put((n, None))
    except Exception as error:  # reported to the parent
        queue.put((n, f"{type(error).__name__}: {getattr(error, 'status', '')} {error}"))


class ConcurrencyTest(unittest.TestCase):
    def test_eight_writers(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = str(Path(tmp) / "shared.db")
            key_file = None
            if BASE:  # a schema of its own on the server, its key beside the test's files
                path, key_file = f"{BASE}&schema=concurrency{os.getpid()}", str(Path(tmp) / "shared.key")
            ombuds.Database(path, key_file=key_file).close()  # created once; the writers open it together
            context = multiprocessing.get_context("spawn")
            queue = context.Queue()
            processes = [context.Process(target=writer, args=(path, key_file, n, queue))
                         for n in range(WRITERS)]
            for p in processes:
                p.start()
            results = [queue.get(timeout=600) for _ in processes]
            for p in processes:
                p.join(timeout=60)
            self.assertEqual([error for _, error in results if error], [])
            with ombuds.Database(path, key_file=key_file) as db:
                report = db.report("2024-01-01", "2024-12-31", compare=False)
            self.assertEqual(report["volume"]["cases"], WRITERS * WRITES)
            self.assertEqual(report["volume"]["citizens"], WRITERS * WRITES)


if __name__ == "__main__":
    unittest.main()
