"""Bulk writes of generated benchmark data (benchmark databases only).

History indexes are dropped while the rows go in and built again afterwards from
their own definitions (one sort instead of millions of random index inserts).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import sqlite_utils

from tracker.migrations import perf
from tracker.store.tx import write_tx

MARK = "bench_scale"  # meta key that marks a benchmark database
_STATUS_COLS = ("year", "unit_id", "clause_id", "status", "target", "achieved", "progress",
                "due_date", "responsible", "contractor", "budget", "notes", "evidence",
                "blocker", "updated_by", "updated_by_name", "updated_at", "version")
_HISTORY_COLS = ("kind", "record_id", "year", "unit_id", "clause_id", "version", "changed_at",
                 "changed_by", "changed_by_name", "status", "progress", "achieved", "changes")
CHUNK = 250_000


def bench_mark(db: sqlite_utils.Database) -> str | None:
    """The scale a benchmark database was built at, or None for any other database."""
    try:
        row = db.execute("SELECT value FROM meta WHERE key = ?", [MARK]).fetchone()
    except Exception:  # no meta table: not ours either
        return None
    return row[0] if row else None


def mark(db: sqlite_utils.Database, scale: str) -> None:
    with write_tx(db):
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [MARK, scale])


def fast_load_pragmas(db: sqlite_utils.Database) -> None:
    """No fsync while a fresh benchmark file is filled (it is rebuilt on any failure)."""
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -400000")


def drop_history_indexes(db: sqlite_utils.Database) -> list[str]:
    """Drop the history table's indexes (and the trend trigger: :func:`create_indexes`
    rebuilds the sums); returns their CREATE statements."""
    perf.drop_trend_trigger(db)
    rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                      "AND tbl_name = 'history' AND sql IS NOT NULL").fetchall()
    for name, _ in rows:
        db.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in rows]


def create_indexes(db: sqlite_utils.Database, statements: Iterable[str]) -> None:
    for sql in statements:
        db.execute(sql)
    perf.rebuild_trend(db)
    db.execute("ANALYZE")


def load_year(db: sqlite_utils.Database, records: pd.DataFrame, history: pd.DataFrame) -> int:
    """Write one year's records (upsert by key) and their history rows."""
    cols = ", ".join(_STATUS_COLS)
    marks = ", ".join("?" for _ in _STATUS_COLS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in _STATUS_COLS[3:])
    year = int(records["year"].iloc[0])
    with write_tx(db):
        db.conn.executemany(
            f"INSERT INTO status ({cols}) VALUES ({marks}) "
            f"ON CONFLICT (year, unit_id, clause_id) DO UPDATE SET {updates}",
            _rows(records, _STATUS_COLS))
        ids = pd.DataFrame(db.execute("SELECT id, unit_id, clause_id FROM status WHERE year = ?",
                                      [year]).fetchall(),
                           columns=["record_id", "unit_id", "clause_id"])
    hist = history.merge(ids, on=["unit_id", "clause_id"], how="left", sort=False)
    sql = (f"INSERT INTO history ({', '.join(_HISTORY_COLS)}) "
           f"VALUES ({', '.join('?' for _ in _HISTORY_COLS)})")
    for start in range(0, len(hist), CHUNK):
        with write_tx(db):
            db.conn.executemany(sql, _rows(hist.iloc[start:start + CHUNK], _HISTORY_COLS))
    return len(hist)


def close_years(db: sqlite_utils.Database, years: Iterable[int], stamp: str,
                by: str) -> None:
    """Mark past program years closed, as the year-end close would."""
    with write_tx(db):
        db.conn.executemany("UPDATE programs SET closed = 1, closed_at = ?, closed_by = ? "
                            "WHERE year = ?", [(stamp, by, int(y)) for y in years])


def _rows(frame: pd.DataFrame, cols: tuple[str, ...]) -> Iterable[tuple]:
    """Plain Python tuples (None for missing values) for executemany."""
    columns = []
    for c in cols:
        values = frame[c].to_numpy()
        if values.dtype.kind == "f":
            columns.append([None if v != v else v for v in values.tolist()])
        elif values.dtype.kind == "O":
            columns.append([None if v is None or v != v else v for v in values.tolist()])
        else:
            columns.append(np.asarray(values).tolist())
    return zip(*columns, strict=True)


# -- the raw queries of a page -------------------------------------------------------

def trace(db: sqlite_utils.Database, callback) -> None:
    """Call ``callback(sql)`` with every statement the connection runs (parameters bound)."""
    db.conn.set_trace_callback(callback)


def reads_only(statements: Iterable[str]) -> list[str]:
    """The distinct reads among recorded statements, in first-seen order."""
    seen: dict[str, None] = {}
    for sql in statements:
        head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if head in ("SELECT", "WITH") and sql not in seen:
            seen[sql] = None
    return list(seen)


def time_statements(db: sqlite_utils.Database, statements: Iterable[str]) -> float:
    """Milliseconds to run the statements and fetch every row."""
    import time

    began = time.perf_counter()
    for sql in statements:
        db.execute(sql).fetchall()
    return (time.perf_counter() - began) * 1000


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Districts, zones, program years, records, history rows, plan lines, visits and
    corrective actions of a database."""
    q = {"districts": "SELECT count(*) FROM units WHERE zone = 0",
         "zones": "SELECT count(*) FROM units WHERE zone > 0",
         "years": "SELECT count(*) FROM programs",
         "records": "SELECT count(*) FROM status",
         "history": "SELECT max(rowid) FROM history",
         "plans": "SELECT count(*) FROM plans",
         "visits": "SELECT count(*) FROM visits",
         "actions": "SELECT count(*) FROM corrective_actions"}
    return {k: int(db.execute(sql).fetchone()[0] or 0) for k, sql in q.items()}


def first_record(db: sqlite_utils.Database, year: int) -> tuple | None:
    """(unit_id, clause_id, version, progress) of the year's first status record."""
    return db.execute("SELECT unit_id, clause_id, version, progress FROM status "
                      "WHERE year = ? ORDER BY id LIMIT 1", [year]).fetchone()


def editor_districts(db: sqlite_utils.Database, prefix: str) -> list[int]:
    """Districts of the benchmark's editor accounts (``<prefix><district>``), in order."""
    rows = db.execute("SELECT username FROM users WHERE username LIKE ? AND active = 1",
                      [prefix + "%"]).fetchall()
    return sorted(int(u[len(prefix):]) for (u,) in rows if u[len(prefix):].isdigit())
