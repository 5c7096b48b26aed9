"""Consistent backups of the live database, and checked restores.

A backup uses SQLite's online backup API in one step, so it is a snapshot of one
committed state even while the app keeps writing (WAL readers do not block
writers). It is written to a temporary file beside the target and renamed into
place only once complete and checked.

A restore first checks the backup (``PRAGMA integrity_check``, the migrations
table, the tracker's own tables), copies it to a temporary file beside the live
database and checks that copy. A database that does not exist yet is then
renamed into place. A live database (WAL mode, possibly open in the app) is never
replaced under the app's feet: the checked copy is loaded into it with the same
backup API, which swaps every page in one transaction, and the revision counter
is moved past its old value so every page cache sees the restored data.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from tracker.domain.errors import TrackerError
from tracker.store.tx import ANY_AREA, AREA_PREFIX

REQUIRED_TABLES = ("_sqlite_migrations", "meta", "units", "programs", "clauses", "status",
                   "history")


class BackupError(TrackerError):
    """A backup that cannot be made or a file that cannot be restored."""


def backup(source: str | Path, target: str | Path) -> Path:
    """Write a consistent copy of the database ``source`` to ``target``."""
    source, target = Path(source), Path(target)
    if not source.exists():
        raise BackupError("io.backup.missing", path=str(source))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(target)
    try:
        src = sqlite3.connect(str(source), timeout=30)
        try:
            _copy(src, tmp)
        finally:
            src.close()
        check(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def backup_bytes(source: str | Path) -> bytes:
    """A consistent copy of ``source`` as bytes (for a download)."""
    with tempfile.TemporaryDirectory() as folder:
        path = backup(source, Path(folder) / "backup.db")
        return path.read_bytes()


def check(path: str | Path) -> None:
    """Raise :class:`BackupError` unless ``path`` is a sound tracker database."""
    path = Path(path)
    if not path.is_file():
        raise BackupError("io.backup.missing", path=str(path))
    with path.open("rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
            raise BackupError("io.backup.not_db", path=str(path))
    conn = sqlite3.connect(str(path))
    try:
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
        except sqlite3.DatabaseError as exc:
            raise BackupError("io.backup.corrupt", path=str(path), detail=str(exc)) from None
        if result != ["ok"]:
            raise BackupError("io.backup.corrupt", path=str(path), detail="; ".join(result[:5]))
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            raise BackupError("io.backup.not_tracker", path=str(path), tables=", ".join(missing))
        if not conn.execute("SELECT 1 FROM _sqlite_migrations WHERE migration_set = 'core'"
                            ).fetchone():
            raise BackupError("io.backup.not_tracker", path=str(path), tables="core")
    finally:
        conn.close()


def restore(source: str | Path, target: str | Path) -> Path:
    """Replace the database ``target`` by the backup ``source``, after checking it."""
    source, target = Path(source), Path(target)
    check(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(target)
    try:
        src = sqlite3.connect(str(source))
        try:
            _copy(src, tmp)
        finally:
            src.close()
        check(tmp)
        if not target.exists():
            os.replace(tmp, target)
            return target
        _load_into_live(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _load_into_live(checked: Path, target: Path) -> None:
    live = sqlite3.connect(str(target), timeout=30, isolation_level=None)
    try:
        live.execute("PRAGMA busy_timeout = 30000")
        before = _revision(live)
        before_any = _revision(live, _ANY)
        src = sqlite3.connect(str(checked))
        try:
            src.backup(live)
        finally:
            src.close()
        live.execute("PRAGMA journal_mode = WAL")
        live.execute("UPDATE meta SET value = ? WHERE key = 'revision'",
                     [str(max(before, _revision(live)) + 1)])
        # every per-area cache key holds the revision of "any area": past all it was
        live.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                     [_ANY, str(max(before_any, _revision(live, _ANY)) + 1)])
    finally:
        live.close()


_ANY = AREA_PREFIX + ANY_AREA


def _revision(conn: sqlite3.Connection, key: str = "revision") -> int:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    except sqlite3.DatabaseError:
        return 0
    return int(row[0]) if row else 0


def _copy(src: sqlite3.Connection, path: Path) -> None:
    dest = sqlite3.connect(str(path))
    try:
        src.backup(dest)  # pages=-1: one step, one consistent snapshot
        dest.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
    finally:
        dest.close()


def _temp_beside(target: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(name)
