"""Write transactions and the revision counter that page caches key on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from tracker.domain.errors import PermissionDenied

if TYPE_CHECKING:
    import sqlite_utils

    from tracker.domain.model import User


def check_active(db: sqlite_utils.Database, actor: User | None) -> None:
    """Inside an open write transaction: refuse an acting account that is disabled
    or no longer exists *now* (a ``User`` object may have been read before an
    administrator disabled it). Every store write that takes an actor calls this."""
    row = None if actor is None else db.execute(
        "SELECT active FROM users WHERE id = ?", [actor.id]).fetchone()
    if row is None or not row[0]:
        raise PermissionDenied("guard.account_inactive")


#: meta keys of the per-area revisions start with this ("rev:status", "rev:status:1405",
#: "rev:plans", "rev:visits", "rev:*")
AREA_PREFIX = "rev:"
#: the area a write bumps when it does not say which it changes: every cache misses
ANY_AREA = "*"


@contextmanager
def write_tx(db: sqlite_utils.Database, actor: User | None = None,
             areas: Iterable[str] | None = None, bump_revision: bool = True
             ) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; rolls back on any exception.

    With ``actor``, first refuses an account that is not active (:func:`check_active`),
    inside the same transaction as the write. Bumps ``meta.revision`` inside the
    transaction, so that any cache keyed on :func:`revision` misses after the commit;
    and the revision of each area in ``areas`` (such as ``"status"`` and
    ``"status:1405"``), or of :data:`ANY_AREA` when ``areas`` is None, so that caches
    keyed on :func:`area_revisions` miss only when what they read may have changed.
    ``bump_revision=False`` leaves both alone (accounts: they are not part of the data
    that page caches hold).
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        if actor is not None:
            check_active(db, actor)
        yield
        if bump_revision:
            db.execute(
                "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")
            bump_areas(db, [ANY_AREA] if areas is None else areas)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def bump_areas(db: sqlite_utils.Database, areas: Iterable[str]) -> None:
    """Add one to each area's revision (inside the caller's transaction)."""
    db.conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, '1') "
        "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
        [(AREA_PREFIX + a,) for a in sorted(set(areas))])


def revision(db: sqlite_utils.Database) -> int:
    """A number that changes with every committed write."""
    row = db.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
    return int(row[0]) if row else 0


def area_revisions(db: sqlite_utils.Database) -> dict[str, int]:
    """Every area's revision (an area never written has none: read it as 0), and the
    global one under ``""``; one indexed query."""
    rows = db.execute("SELECT key, value FROM meta WHERE key = 'revision' "
                      "OR (key >= ? AND key < ?)", [AREA_PREFIX, "rev;"]).fetchall()
    return {("" if k == "revision" else k[len(AREA_PREFIX):]): int(v) for k, v in rows}


def frame(db: sqlite_utils.Database, sql: str, params: list | tuple | None = None):
    """Run a read and return a pandas DataFrame with the query's column names."""
    return frame_of(rows(db, sql, params))


#: a read's column names and its rows as SQLite returned them
Rows = tuple[tuple[str, ...], list[tuple]]


def rows(db: sqlite_utils.Database, sql: str, params: list | tuple | None = None) -> Rows:
    """Run a read and return its column names and rows (plain Python values): pieces
    that can be joined (one district's rows after another's) before they become a frame."""
    cur = db.execute(sql, list(params or []))
    return tuple(d[0] for d in cur.description), cur.fetchall()


def frame_of(read: Rows):
    """The pandas DataFrame of a :func:`rows` read."""
    import pandas as pd

    columns, data = read
    return pd.DataFrame(data, columns=list(columns))


def frame_of_pieces(pieces: Sequence[Rows], columns: Sequence[str]):
    """One DataFrame of several :func:`rows` pieces with the same ``columns``, their
    rows one after another: the same frame (values and dtypes) as one query that
    returned all those rows, which a concatenation of frames is not (a piece with a
    column all NULL would turn it into objects)."""
    import pandas as pd

    return pd.DataFrame([r for _, data in pieces for r in data], columns=list(columns))
