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


def thread_db(path: str | Path | None = None) -> sqlite_utils.Database:
    """The calling thread's own connection (one per Streamlit session thread)."""
    key = str(Path(path) if path is not None else config.db_path())
    cache = getattr(_local, "dbs", None)
    if cache is None:
        cache = _local.dbs = {}
    db = cache.get(key)
    if db is None:
        db = cache[key] = connect(key)
    return db


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
