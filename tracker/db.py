"""Opening the SQLite database: pragmas, per-thread connections, migrations.

Only the store (``tracker.store``) and migrations use the connection for SQL.
"""

from __future__ import annotations

import importlib
import pkgutil
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from tracker import config

if TYPE_CHECKING:  # sqlite_utils imports pandas (~0.3 s): only when a connection opens
    import sqlite_utils

_local = threading.local()


def connect(path: str | Path | None = None) -> sqlite_utils.Database:
    """A new connection with WAL, foreign keys and a busy timeout.

    The connection is in autocommit mode (``isolation_level=None``) so that the
    store controls transactions itself with ``BEGIN IMMEDIATE``.
    """
    path = Path(path) if path is not None else config.db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=10, isolation_level=None,
                           check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    import sqlite_utils

    return sqlite_utils.Database(conn)


class _Lease:
    """A pooled connection lent to one thread; back in the pool when the thread ends
    (its thread-local data, which holds the lease, is then released)."""

    __slots__ = ("db", "key")

    def __init__(self, key: str, db: sqlite_utils.Database) -> None:
        self.key, self.db = key, db

    def __del__(self) -> None:
        try:
            with _pool_lock:
                _pool.setdefault(self.key, []).append(self.db)
        except Exception:  # interpreter shutdown
            pass


_pool: dict[str, list[sqlite_utils.Database]] = {}
_pool_lock = threading.Lock()


def thread_db(path: str | Path | None = None) -> sqlite_utils.Database:
    """The calling thread's own connection, for as long as the thread lives.

    Streamlit runs every script run in a new thread: the connection is taken from a
    pool of idle ones (opened only when none is idle) and goes back when the thread
    ends, so a rerun does not open a new SQLite connection, and no two threads ever
    share one at the same time. A connection is returned between transactions (the
    store's writes commit or roll back before they return).
    """
    key = str(Path(path) if path is not None else config.db_path())
    leases = getattr(_local, "leases", None)
    if leases is None:
        leases = _local.leases = {}
    lease = leases.get(key)
    if lease is None:
        with _pool_lock:
            idle = _pool.get(key)
            db = idle.pop() if idle else None
        lease = leases[key] = _Lease(key, db if db is not None else connect(key))
    return lease.db


def pooled_connections(path: str | Path) -> int:
    """How many idle connections the pool holds for ``path`` (for tests)."""
    with _pool_lock:
        return len(_pool.get(str(Path(path)), []))


def migration_sets() -> list:
    """Every ``Migrations`` set under ``tracker.migrations``, in ``ORDER``."""
    import tracker.migrations as pkg

    modules = [importlib.import_module(f"{pkg.__name__}.{m.name}")
               for m in pkgutil.iter_modules(pkg.__path__)]
    modules.sort(key=lambda m: (getattr(m, "ORDER", 100), m.__name__))
    return [m.migrations for m in modules]


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Create or upgrade the schema; returns the names of migrations applied."""
    applied = []
    for mset in migration_sets():
        pending = [m.name for m in mset.pending(db)]
        if pending:
            mset.apply(db)
            applied += [f"{mset.name}.{name}" for name in pending]
    return applied


def open_db(path: str | Path | None = None) -> sqlite_utils.Database:
    """Connect and bring the schema up to date (for the CLI and tests)."""
    db = connect(path)
    migrate(db)
    return db
