"""Write transactions and the revision counter that page caches key on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


@contextmanager
def write_tx(db: sqlite_utils.Database, bump_revision: bool = True) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; rolls back on any exception.

    Bumps ``meta.revision`` inside the transaction, so that any cache keyed on
    :func:`revision` misses after the commit; ``bump_revision=False`` leaves it alone
    (accounts: they are not part of the data that page caches hold).
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        if bump_revision:
            db.execute(
                "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def revision(db: sqlite_utils.Database) -> int:
    """A number that changes with every committed write."""
    row = db.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
    return int(row[0]) if row else 0


def frame(db: sqlite_utils.Database, sql: str, params: list | tuple | None = None):
    """Run a read and return a pandas DataFrame with the query's column names."""
    import pandas as pd

    cur = db.execute(sql, list(params or []))
    return pd.DataFrame(cur.fetchall(), columns=[d[0] for d in cur.description])
