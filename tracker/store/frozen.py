"""The frozen month: after a period locks, its accepted snapshots are the month's official
figures. A unit without an accepted submission in that period takes its last accepted
figures of an earlier period of the year (flagged ``carried``); one that never had any
keeps its figures from the history as of the month's end, or as of the lock when the
office locked before the month ended (flagged ``history``): an edit made after the lock,
even on the month's last day, never changes the locked month's figures."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pandas as pd
import sqlite_utils

from tracker.domain import calendar
from tracker.domain.model import unit_parts
from tracker.store.compare import records_at
from tracker.store.periods import period_for_month
from tracker.store.tx import frame

COLS = ["id", "unit_id", "district", "zone", "clause_id", "number", "deputy", "weight",
        "status", "progress", "due_date", "updated_at"]


def locked_period(db: sqlite_utils.Database, year: int, month: int) -> dict | None:
    """The month's period when it is locked, else None."""
    cur = period_for_month(db, year, month)
    return cur if cur and cur["locked_at"] else None


def history_stamp(month_end: date, locked_at: str) -> str:
    """Up to when the history counts for a locked month: the end of its last day, but
    never the lock's second or later (an edit stamped in the lock's own second may have
    come after it; stamps have whole seconds)."""
    before_lock = calendar.utc_stamp(calendar.parse_stamp(locked_at) - timedelta(seconds=1))
    return min(calendar.end_of_day_utc(month_end), before_lock)


def frozen_clauses(db: sqlite_utils.Database, period_id: int, year: int) -> pd.DataFrame:
    """``clause_id, deputy, weight`` of the year's clauses as kept at the period's lock
    (the clauses as they are now for a period locked without them: generated data)."""
    kept = frame(db, "SELECT clause_id, deputy, weight FROM frozen_clauses WHERE period_id = ?",
                 [period_id])
    if not kept.empty:
        return kept
    return frame(db, "SELECT id AS clause_id, deputy, weight FROM clauses WHERE year = ?",
                 [year])


def frozen_records(db: sqlite_utils.Database, year: int,
                   month: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(records, sources)`` of a locked month: records with the columns of
    :func:`tracker.store.compare.records_as_of`, and per unit its ``source``
    (``accepted``, ``carried`` or ``history``) and the ``period_seq`` the figures come from.
    Raises ValueError when the month is not locked."""
    cur = locked_period(db, year, month)
    if cur is None:
        raise ValueError(f"{year}/{month} is not locked")
    period = cur["period"]
    rows = db.execute(
        "SELECT s.unit_id, s.snapshot, p.seq, p.id FROM submissions s JOIN periods p ON"
        " p.id = s.period_id WHERE p.year = ? AND p.starts <= ? AND s.state = 'accepted'"
        " AND s.snapshot IS NOT NULL ORDER BY s.unit_id, p.starts DESC",
        [year, period.starts.isoformat()]).fetchall()
    best: dict[int, tuple] = {}
    for uid, snap, seq, pid in rows:
        best.setdefault(int(uid), (snap, int(seq), int(pid)))
    clauses = frozen_clauses(db, period.id, year)
    ids = frame(db, "SELECT id, unit_id, clause_id FROM status WHERE year = ?", [year])
    live = records_at(db, year, history_stamp(period.ends, cur["locked_at"]))
    # the clauses as they were at the lock: a later weight, or a clause added since,
    # does not reach the month
    live = live.drop(columns=["deputy", "weight"]).merge(clauses, on="clause_id")[COLS]
    parts, sources = [], []
    for uid in sorted(int(u) for u in live["unit_id"].unique()):
        if uid in best:
            snap, seq, pid = best[uid]
            df = pd.DataFrame(json.loads(snap))
            district, zone = unit_parts(uid)
            df["unit_id"], df["district"], df["zone"] = uid, district, zone
            parts.append(df)
            sources.append({"unit_id": uid, "source": "accepted" if pid == period.id
                            else "carried", "period_seq": seq})
        else:
            parts.append(live[live["unit_id"] == uid])
            sources.append({"unit_id": uid, "source": "history", "period_seq": None})
    snap_rows = pd.concat([p for p in parts if "deputy" not in p.columns] or
                          [pd.DataFrame(columns=["unit_id", "clause_id"])], ignore_index=True)
    if not snap_rows.empty:
        snap_rows = snap_rows.merge(clauses, on="clause_id", how="left").merge(
            ids, on=["unit_id", "clause_id"], how="left")
        for col in COLS:
            if col not in snap_rows.columns:
                snap_rows[col] = None
        snap_rows = snap_rows[COLS]
    hist_rows = [p for p in parts if "deputy" in p.columns]
    out = pd.concat([snap_rows, *hist_rows], ignore_index=True)[COLS]
    out["progress"] = out["progress"].astype(float)
    out = out.sort_values(["district", "zone", "number"]).reset_index(drop=True)
    return out, pd.DataFrame(sources, columns=["unit_id", "source", "period_seq"])


def month_of_day(day: date) -> tuple[int, int]:
    return calendar.month_of(day)
