"""Bulk loading of generated data (demo and benchmark databases only)."""

from __future__ import annotations

import sqlite_utils

from tracker.domain.errors import TrackerError, YearClosed
from tracker.store.tx import write_tx

_STATUS_COLS = ("year", "unit_id", "clause_id", "status", "target", "achieved", "progress",
                "due_date", "responsible", "contractor", "budget", "notes", "evidence",
                "blocker", "updated_by", "updated_by_name", "updated_at", "version")
_HISTORY_COLS = ("kind", "record_id", "year", "unit_id", "clause_id", "version", "changed_at",
                 "changed_by", "changed_by_name", "status", "progress", "achieved", "changes")


def has_history(db: sqlite_utils.Database) -> bool:
    return db.execute("SELECT 1 FROM history LIMIT 1").fetchone() is not None


def load_generated(db: sqlite_utils.Database, records: list[dict], history: list[dict]) -> int:
    """Replace a year's untouched records by generated ones, with their history.

    Refuses a database that already has history: generated data must never mix
    with real edits; refuses a closed year (YearClosed).
    """
    if has_history(db) and history:
        years = {h["year"] for h in history}
        for year in years:
            if db.execute("SELECT 1 FROM history WHERE year = ? LIMIT 1", [year]).fetchone():
                raise TrackerError("demo.refused")
    cols = ", ".join(_STATUS_COLS)
    marks = ", ".join("?" for _ in _STATUS_COLS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in _STATUS_COLS[3:])
    with write_tx(db):
        for year in sorted({r["year"] for r in records} | {h["year"] for h in history}):
            row = db.execute("SELECT closed FROM programs WHERE year = ?", [year]).fetchone()
            if row and row[0]:
                raise YearClosed("err.year_closed", year=year)
        db.conn.executemany(
            f"INSERT INTO status ({cols}) VALUES ({marks}) "
            f"ON CONFLICT (year, unit_id, clause_id) DO UPDATE SET {updates}",
            [tuple(r[c] for c in _STATUS_COLS) for r in records],
        )
        ids = {(y, u, c): i for i, y, u, c in
               db.execute("SELECT id, year, unit_id, clause_id FROM status").fetchall()}
        db.conn.executemany(
            f"INSERT INTO history ({', '.join(_HISTORY_COLS)}) "
            f"VALUES ({', '.join('?' for _ in _HISTORY_COLS)})",
            [tuple(ids[(h['year'], h['unit_id'], h['clause_id'])] if c == "record_id" else h[c]
                   for c in _HISTORY_COLS) for h in history],
        )
    return len(history)
