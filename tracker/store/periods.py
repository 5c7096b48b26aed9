"""Reporting periods in the store: generate a year's calendar, edit a period's dates
(office, before it opens), lock and reopen (office; reopening needs a reason); reads.

Every write takes the acting user and runs in one ``BEGIN IMMEDIATE`` transaction
(:func:`tracker.store.tx.write_tx`); any refusal writes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import sqlite_utils

from tracker.domain import calendar
from tracker.domain import periods as P
from tracker.domain.errors import PermissionDenied, RowProblem, TrackerError, ValidationFailed
from tracker.domain.model import User
from tracker.store.tx import frame, write_tx

_COLS = ("id, year, seq, cadence, starts, ends, opens, zone_deadline, district_deadline, "
         "accept_by, locks, locked_at, locked_by_name")
_DATES = ("starts", "ends", "opens", "zone_deadline", "district_deadline", "accept_by",
          "locks")


class CycleRefused(TrackerError):
    """A rule of the reporting cycle refused the act; nothing was written."""


def refused(exc: P.CycleError) -> CycleRefused:
    return CycleRefused(exc.key, **exc.params)


# -- reads -------------------------------------------------------------------------

def _period(row: dict) -> P.Period:
    return P.Period(year=int(row["year"]), seq=int(row["seq"]), cadence=row["cadence"],
                    id=int(row["id"]),
                    **{k: date.fromisoformat(row[k]) for k in _DATES})


def list_periods(db: sqlite_utils.Database, year: int) -> pd.DataFrame:
    """A year's periods in order (dates as ISO text; ``locked_at`` None while open)."""
    return frame(db, f"SELECT {_COLS} FROM periods WHERE year = ? ORDER BY starts", [year])


def year_periods(db: sqlite_utils.Database, year: int) -> list[P.Period]:
    return [_period(r) for r in list_periods(db, year).to_dict("records")]


def get_period(db: sqlite_utils.Database, period_id: int) -> dict:
    """One period as a dict (``period``: the domain object, plus ``locked_at``)."""
    cur = db.execute(f"SELECT {_COLS} FROM periods WHERE id = ?", [period_id])
    row = cur.fetchone()
    if row is None:
        raise ValidationFailed([RowProblem(None, "period", "cyc.val.no_such_period", {})])
    d = dict(zip([c[0] for c in cur.description], row, strict=True))
    d["period"] = _period(d)
    return d


def period_for_month(db: sqlite_utils.Database, year: int, month: int) -> dict | None:
    """The monthly period of a Jalali month, or None (no calendar, or weekly there)."""
    first, _ = calendar.month_bounds(year, month)
    row = db.execute("SELECT id FROM periods WHERE year = ? AND cadence = 'month' "
                     "AND starts = ?", [year, first.isoformat()]).fetchone()
    return get_period(db, int(row[0])) if row else None


# -- writes ------------------------------------------------------------------------

def _require_office(actor: User) -> None:
    if not P.is_office(actor):
        raise PermissionDenied("cyc.err.office_only")


def _event(db: sqlite_utils.Database, period_id: int, act: str, actor: User, stamp: str,
           comment: str = "", unit_id: int | None = None, submission_id: int | None = None,
           state: str | None = None) -> None:
    db.execute("INSERT INTO submission_events (period_id, unit_id, submission_id, act, state,"
               " at, by_id, by_name, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [period_id, unit_id, submission_id, act, state, stamp, actor.id,
                actor.display_name, (comment or "").strip()])


def generate_calendar(db: sqlite_utils.Database, actor: User, year: int,
                      weekly_month: int | None = None) -> int:
    """Create ``year``'s default calendar (the twelve months, or with ``weekly_month``
    split into weeks); returns how many periods were created (0 if it has one)."""
    _require_office(actor)
    if not db.execute("SELECT 1 FROM programs WHERE year = ?", [year]).fetchone():
        raise ValidationFailed([RowProblem(None, "year", "val.unknown_year", {"year": year})])
    cal = (P.calendar_with_weekly_month(year, weekly_month) if weekly_month
           else P.month_periods(year))
    with write_tx(db):
        if db.execute("SELECT 1 FROM periods WHERE year = ?", [year]).fetchone():
            return 0
        for p in cal:
            db.execute(
                "INSERT INTO periods (year, seq, cadence, starts, ends, opens, zone_deadline,"
                " district_deadline, accept_by, locks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [p.year, p.seq, p.cadence, *[getattr(p, k).isoformat() for k in _DATES]])
        return len(cal)


def ensure_calendars(db: sqlite_utils.Database, actor: User) -> int:
    """Generate the default calendar of every program year that has none."""
    years = [int(r[0]) for r in db.execute("SELECT year FROM programs ORDER BY year")]
    return sum(generate_calendar(db, actor, y) for y in years)


def edit_period(db: sqlite_utils.Database, actor: User, period_id: int,
                dates: dict[str, date], today: date | None = None) -> None:
    """Change a period's dates (any of ``opens``, ``zone_deadline``,
    ``district_deadline``, ``accept_by``, ``locks``): the office only, before the period
    opens; the dates must run in order and the period must not overlap another."""
    _require_office(actor)
    unknown = set(dates) - set(P.DATE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    today = today or calendar.today_tehran()
    stamp = calendar.utc_stamp()
    with write_tx(db):
        cur = get_period(db, period_id)
        old: P.Period = cur["period"]
        if today >= old.opens:
            raise CycleRefused("cyc.err.already_open")
        new = replace(old, **dates)
        others = [p for p in year_periods(db, old.year) if p.id != old.id]
        problems = P.check_period(new, others)
        if problems:
            raise ValidationFailed([RowProblem(None, "period", k, prm) for k, prm in problems])
        db.execute("UPDATE periods SET opens = ?, zone_deadline = ?, district_deadline = ?,"
                   " accept_by = ?, locks = ? WHERE id = ?",
                   [*[getattr(new, k).isoformat() for k in P.DATE_FIELDS], period_id])
        changed = ", ".join(f"{k}: {getattr(old, k)} → {getattr(new, k)}" for k in dates
                            if getattr(old, k) != getattr(new, k))
        _event(db, period_id, "edit_period", actor, stamp, changed)


def _freeze_clauses(db: sqlite_utils.Database, period_id: int) -> None:
    """Keep the year's clauses (deputy, weight) as they are at the lock with the period."""
    db.execute("DELETE FROM frozen_clauses WHERE period_id = ?", [period_id])
    db.execute("INSERT INTO frozen_clauses (period_id, clause_id, deputy, weight) SELECT"
               " p.id, c.id, c.deputy, c.weight FROM periods p JOIN clauses c ON c.year ="
               " p.year WHERE p.id = ?", [period_id])


def lock_period(db: sqlite_utils.Database, actor: User, period_id: int) -> None:
    """Lock a period (office): its accepted snapshots become the month's figures, with
    the clauses' weights as they are at the lock."""
    _require_office(actor)
    stamp = calendar.utc_stamp()
    with write_tx(db):
        cur = get_period(db, period_id)
        if cur["locked_at"]:
            raise CycleRefused("cyc.err.locked")
        db.execute("UPDATE periods SET locked_at = ?, locked_by_name = ? WHERE id = ?",
                   [stamp, actor.display_name, period_id])
        _freeze_clauses(db, period_id)
        _event(db, period_id, "lock", actor, stamp)


def reopen_period(db: sqlite_utils.Database, actor: User, period_id: int,
                  reason: str) -> None:
    """Unlock a locked period (office); the reason is required and logged."""
    _require_office(actor)
    if not (reason or "").strip():
        raise CycleRefused("cyc.err.reason_needed")
    stamp = calendar.utc_stamp()
    with write_tx(db):
        cur = get_period(db, period_id)
        if not cur["locked_at"]:
            raise CycleRefused("cyc.err.not_locked")
        db.execute("UPDATE periods SET locked_at = NULL, locked_by_name = NULL WHERE id = ?",
                   [period_id])
        _event(db, period_id, "reopen_period", actor, stamp, reason)


def is_locked(db: sqlite_utils.Database, period_id: int) -> bool:
    row = db.execute("SELECT locked_at FROM periods WHERE id = ?", [period_id]).fetchone()
    return bool(row and row[0])


def lock_due(db: sqlite_utils.Database, actor: User, today: date | None = None) -> list[int]:
    """Lock every period whose lock day has come (the schedule runs this); returns ids."""
    _require_office(actor)
    today = today or calendar.today_tehran()
    stamp = calendar.utc_stamp()
    with write_tx(db):
        ids = [int(r[0]) for r in db.execute(
            "SELECT id FROM periods WHERE locked_at IS NULL AND locks <= ? ORDER BY starts",
            [today.isoformat()])]
        for pid in ids:
            db.execute("UPDATE periods SET locked_at = ?, locked_by_name = ? WHERE id = ?",
                       [stamp, actor.display_name, pid])
            _freeze_clauses(db, pid)
            _event(db, pid, "lock", actor, stamp, "")
    return ids


def recently_locked(db: sqlite_utils.Database, since_stamp: str) -> list[P.Period]:
    """Monthly periods locked at or after ``since_stamp`` (their report goes out)."""
    rows = db.execute("SELECT id FROM periods WHERE cadence = 'month' AND locked_at >= ? "
                      "ORDER BY starts", [since_stamp]).fetchall()
    return [get_period(db, int(r[0]))["period"] for r in rows]
