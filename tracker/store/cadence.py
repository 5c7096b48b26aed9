"""A different cadence for part of a year, chosen by the office: a monthly period split
into weekly ones (e.g. Esfand's spring campaign), before it opens.

:func:`weekly_preview` is the read the periods page shows; :func:`make_weekly` the write.
The write takes the acting user, runs in one ``BEGIN IMMEDIATE`` transaction, and is
refused (nothing written) unless the actor is the office, the month's period is still a
monthly one, has not opened and has no submissions, and the weeks' dates are in order and
overlap no other period. The monthly period's row becomes the first week (its history
stays with it), the other weeks are added, the later periods are numbered on, and the act
is logged in the period's history.
"""

from __future__ import annotations

from datetime import date

import sqlite_utils

from tracker.domain import calendar
from tracker.domain import periods as P
from tracker.domain.errors import PermissionDenied, RowProblem, ValidationFailed, YearClosed
from tracker.domain.model import User
from tracker.store.periods import _DATES, CycleRefused, _event, period_for_month, year_periods
from tracker.store.tx import write_tx


class NotMonthly(CycleRefused):
    """The month has no monthly period to split (no calendar, or weekly already)."""

    def __init__(self, month: int) -> None:
        super().__init__("cyc.err.cadence_not_monthly", month=month)
        self.month = month

    def message(self, lang: str = "fa") -> str:
        from tracker.domain.i18n import t

        return t(self.key, lang, month=calendar.month_name(self.month, lang))


def month_period(db: sqlite_utils.Database, year: int, month: int) -> P.Period | None:
    """The monthly period of a Jalali month, or None (no calendar, or already weekly)."""
    cur = period_for_month(db, year, month)
    return cur["period"] if cur else None


def weekly_preview(db: sqlite_utils.Database, year: int, month: int) -> list[P.Period]:
    """The weeks the month would be split into (empty when it has no monthly period)."""
    period = month_period(db, year, month)
    return P.weeks_of(period) if period else []


def _check(db: sqlite_utils.Database, year: int, month: int, today: date) -> P.Period:
    period = month_period(db, year, month)
    if period is None:
        raise NotMonthly(month)
    closed = db.execute("SELECT closed FROM programs WHERE year = ?", [year]).fetchone()
    if closed and closed[0]:
        raise YearClosed("err.year_closed", year=year)
    weeks = P.weeks_of(period)
    if today >= min(w.opens for w in [period, *weeks]):
        raise CycleRefused("cyc.err.cadence_opened")
    if db.execute("SELECT 1 FROM submissions WHERE period_id = ?", [period.id]).fetchone():
        raise CycleRefused("cyc.err.cadence_submissions")
    others = [p for p in year_periods(db, year) if p.id != period.id]
    problems = []
    for i, week in enumerate(weeks):
        problems += P.check_period(week, others + weeks[:i])
    if problems:
        raise ValidationFailed([RowProblem(None, "period", k, prm) for k, prm in problems])
    return period


def make_weekly(db: sqlite_utils.Database, actor: User, year: int, month: int,
                today: date | None = None) -> list[P.Period]:
    """Split the month's period into weeks (the office, before it opens); returns the
    weeks. Raises PermissionDenied, CycleRefused or ValidationFailed, writing nothing."""
    if not P.is_office(actor):
        raise PermissionDenied("cyc.err.office_only")
    today = today or calendar.today_tehran()
    stamp = calendar.utc_stamp()
    with write_tx(db):
        period = _check(db, year, month, today)
        weeks = P.weeks_of(period)
        extra = len(weeks) - 1
        # number the later periods on (two steps, so that (year, seq) stays unique)
        db.execute("UPDATE periods SET seq = -seq WHERE year = ? AND seq > ?",
                   [year, period.seq])
        db.execute("UPDATE periods SET seq = -seq + ? WHERE year = ? AND seq < 0",
                   [extra, year])
        first, rest = weeks[0], weeks[1:]
        db.execute("UPDATE periods SET cadence = 'week', " + ", ".join(f"{k} = ?" for k in _DATES)
                   + " WHERE id = ?", [*[getattr(first, k).isoformat() for k in _DATES],
                                        period.id])
        for w in rest:
            db.execute(
                "INSERT INTO periods (year, seq, cadence, starts, ends, opens, zone_deadline,"
                " district_deadline, accept_by, locks) VALUES (?, ?, 'week', ?, ?, ?, ?, ?, ?, ?)",
                [w.year, w.seq, *[getattr(w, k).isoformat() for k in _DATES]])
        _event(db, period.id, "cadence", actor, stamp,
               f"{calendar.month_name(month, 'en')} {year}: {len(weeks)} weeks")
        return [p for p in year_periods(db, year) if p.cadence == "week"
                and period.starts <= p.starts <= period.ends]
