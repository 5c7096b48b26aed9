"""Write transactions and the revision counter that page caches key on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from tracker.errors import PermissionDenied

if TYPE_CHECKING:
    import sqlite_utils

    from tracker.model import User


def check_active(db: sqlite_utils.Database, actor: User | None) -> None:
    """Inside an open write transaction: refuse an acting account that is disabled
    or no longer exists *now* (a ``User`` object may have been read before an
    administrator disabled it). Every store write that takes an actor calls this."""
    row = None if actor is None else db.execute(
        "SELECT active FROM users WHERE id = ?", [actor.id]).fetchone()
    if row is None or not row[0]:
        raise PermissionDenied("guard.account_inactive")


@contextmanager
def write_tx(db: sqlite_utils.Database, actor: User | None = None) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; rolls back on any exception.

    With ``actor``, first refuses an account that is not active (:func:`check_active`),
    inside the same transaction as the write. Bumps ``meta.revision`` inside the
    transaction, so that any cache keyed on :func:`revision` misses after the commit.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        if actor is not None:
            check_active(db, actor)
        yield
        db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")
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
