"""A full copy of the demo database for the planning tests.

``demo_db_copy`` copies the file alone; while the demo database's last writes
are still in its write-ahead log (``demo.db-wal``) such a copy misses them, so
these tests copy through SQLite's backup API, which reads the log too.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def full_copy(src: Path, dst: Path) -> Path:
    """Copy the SQLite database ``src`` (with what its WAL holds) to ``dst``."""
    with sqlite3.connect(src) as source, sqlite3.connect(dst) as target:
        source.backup(target)
    source.close()
    target.close()
    return dst
