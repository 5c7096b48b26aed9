"""Reporting periods and submissions: the pure rules of the reporting cycle.

A **period** covers a slice of the program year (``starts`` .. ``ends``, a Jalali month
by default) and carries five Jalali dates the office may edit before it opens:

===================  =======================================================
``opens``            the first day a unit may submit (default: the period's first day)
``zone_deadline``    zones submit by this day (default: the 3rd of the next month)
``district_deadline``  districts review their zones and submit (default: the 5th)
``accept_by``        the office accepts the districts (default: the 7th)
``locks``            the period locks on this day (default: the 8th); the accepted
                     snapshots are then final
===================  =======================================================

The last month (Esfand, 29 or 30 days) takes its deadlines from Farvardin of the next
year. A **weekly** cadence (e.g. Esfand's spring campaign) uses 7-day slices (the last one
shorter) with deadlines 1, 2, 3 and 4 days after the slice ends.

A **submission** is one unit's update for one period. Its states and acts::

    not_started --save--> draft --submit--> submitted --accept--> accepted
    not_started/draft/changes_requested --submit--> submitted
    submitted --send_back (comment)--> changes_requested
    accepted --reopen (office, reason)--> changes_requested

A zone's submission is reviewed by its district's editor; a district's (the district's
own, zone 0) by the coordination office (admin). Only the unit's editor or the office
submits. Nothing moves once the period is locked.

No I/O here: no streamlit, no store.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import jdatetime

from tracker.domain.model import User, unit_parts

STATES = ("not_started", "draft", "submitted", "changes_requested", "accepted")
ACTS = ("save", "submit", "accept", "send_back", "reopen")
DATE_FIELDS = ("opens", "zone_deadline", "district_deadline", "accept_by", "locks")

#: default offsets, in days of the next month: zones by the 3rd, districts by the 5th,
#: the office accepts by the 7th, the period locks on the 8th.
MONTH_DAYS = {"zone_deadline": 3, "district_deadline": 5, "accept_by": 7, "locks": 8}
#: weekly periods: days after the week's last day.
WEEK_DAYS = {"zone_deadline": 1, "district_deadline": 2, "accept_by": 3, "locks": 4}

_FROM = {
    "save": ("not_started", "draft", "changes_requested"),
    "submit": ("not_started", "draft", "changes_requested"),
    "accept": ("submitted",),
    "send_back": ("submitted",),
    "reopen": ("accepted",),
}
_TO = {"save": "draft", "submit": "submitted", "accept": "accepted",
       "send_back": "changes_requested", "reopen": "changes_requested"}


class CycleError(Exception):
    """A rule of the cycle refused an act: ``key`` names the message, ``params`` fill it."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class Period:
    """One reporting period (dates are Gregorian ``date``; shown as Jalali)."""

    year: int
    seq: int
    cadence: str  # 'month' or 'week'
    starts: date
    ends: date
    opens: date
    zone_deadline: date
    district_deadline: date
    accept_by: date
    locks: date
    id: int | None = None

    def deadline_for(self, zone: int) -> date:
        """A zone's deadline, or the district's (zone 0)."""
        return self.zone_deadline if zone else self.district_deadline


# -- calendars -----------------------------------------------------------------------

def _jalali_day(year: int, month: int, day: int) -> date:
    if month > 12:
        year, month = year + 1, month - 12
    return jdatetime.date(year, month, day).togregorian()


def month_periods(year: int) -> list[Period]:
    """The default calendar: the twelve Jalali months of ``year`` (Esfand 29 or 30 days)."""
    out = []
    for month in range(1, 13):
        starts = _jalali_day(year, month, 1)
        ends = _jalali_day(year, month + 1, 1) - timedelta(days=1)
        dl = {k: _jalali_day(year, month + 1, d) for k, d in MONTH_DAYS.items()}
        out.append(Period(year, month, "month", starts, ends, starts, **dl))
    return out


def week_periods(year: int, first: date, last: date, start_seq: int) -> list[Period]:
    """7-day periods from ``first`` to ``last`` (the last one may be shorter)."""
    out = []
    seq, day = start_seq, first
    while day <= last:
        ends = min(day + timedelta(days=6), last)
        dl = {k: ends + timedelta(days=d) for k, d in WEEK_DAYS.items()}
        out.append(Period(year, seq, "week", day, ends, day, **dl))
        seq, day = seq + 1, ends + timedelta(days=1)
    return out


def calendar_with_weekly_month(year: int, month: int) -> list[Period]:
    """The monthly calendar with ``month`` split into weeks (e.g. Esfand's campaign)."""
    months = month_periods(year)
    chosen = months[month - 1]
    weeks = week_periods(year, chosen.starts, chosen.ends, start_seq=month)
    out = months[:month - 1] + weeks
    nxt = month + len(weeks)
    out += [replace(p, seq=nxt + i) for i, p in enumerate(months[month:])]
    return out


# -- validation ----------------------------------------------------------------------

def check_period(period: Period, others: list[Period]) -> list[tuple[str, dict]]:
    """Problems with a period's dates: ``[(message key, params)]``, empty when good.

    The dates must run in order (starts ≤ ends, opens ≤ zones' deadline ≤ districts'
    deadline ≤ acceptance ≤ lock, and the zones' deadline not before the period starts),
    and the period must not overlap another period of the year.
    """
    problems: list[tuple[str, dict]] = []
    if period.starts > period.ends:
        problems.append(("cyc.val.ends_before_start", {}))
    chain = [("opens", period.opens), ("zone_deadline", period.zone_deadline),
             ("district_deadline", period.district_deadline),
             ("accept_by", period.accept_by), ("locks", period.locks)]
    for (a, da), (b, db_) in zip(chain, chain[1:], strict=False):
        if da > db_:
            problems.append(("cyc.val.out_of_order", {"first": a, "second": b}))
    if period.zone_deadline < period.starts:
        problems.append(("cyc.val.deadline_before_start", {}))
    for o in others:
        if o.id is not None and o.id == period.id:
            continue
        if period.starts <= o.ends and o.starts <= period.ends:
            problems.append(("cyc.val.overlap", {"seq": o.seq}))
    return problems


# -- who may do what -----------------------------------------------------------------

def is_office(user: User) -> bool:
    return user.has_role("admin")


def is_unit_editor(user: User, unit_id: int) -> bool:
    """The unit's own editor: a zone's zone editor, a district's district editor, or the
    office. (A district editor reviews its zones; it does not submit for them.)"""
    district, zone = unit_parts(unit_id)
    for g in user.grants:
        if g.role == "admin":
            return True
        if zone and g.role == "zone_editor" and g.district == district and g.zone == zone:
            return True
        if not zone and g.role == "district_editor" and g.district == district:
            return True
    return False


def is_reviewer(user: User, unit_id: int) -> bool:
    """A zone's reviewer is its district's editor; a district's is the office."""
    district, zone = unit_parts(unit_id)
    if not zone:
        return is_office(user)
    return any(g.role == "district_editor" and g.district == district for g in user.grants)


def next_state(state: str, act: str, user: User, unit_id: int, *, locked: bool,
               comment: str = "") -> str:
    """The state after ``act`` by ``user`` on a submission in ``state``.

    Raises :class:`CycleError` when the period is locked, the act is not allowed from
    this state, the user may not do it, or a send-back or reopen has no comment.
    """
    if act not in ACTS:
        raise ValueError(f"unknown act {act!r}")
    if locked:
        raise CycleError("cyc.err.locked")
    if act in ("save", "submit"):
        allowed = is_unit_editor(user, unit_id)
    elif act == "reopen":
        allowed = is_office(user)
    else:
        allowed = is_reviewer(user, unit_id)
    if not allowed:
        raise CycleError(f"cyc.err.not_allowed_{act}")
    if state not in _FROM[act]:
        raise CycleError("cyc.err.bad_state", act=act, state=state)
    if act in ("send_back", "reopen") and not comment.strip():
        raise CycleError("cyc.err.comment_needed")
    if act == "save":  # a draft stays a draft; a sent-back submission stays sent back
        return "changes_requested" if state == "changes_requested" else "draft"
    return _TO[act]


# -- late and on time ----------------------------------------------------------------

def days_late(deadline: date, first_submitted: date | None, today: date) -> int:
    """Days past ``deadline``: until the first submission, or until today when none."""
    end = first_submitted if first_submitted is not None else today
    return max(0, (end - deadline).days)


def is_late(deadline: date, first_submitted: date | None, today: date) -> bool:
    return days_late(deadline, first_submitted, today) > 0


def is_due(deadline: date, today: date) -> bool:
    """A deadline counts for the on-time rate once it has passed (today is after it)."""
    return today > deadline


def on_time_rate(rows: list[tuple[date, date | None]], today: date) -> float | None:
    """Share (0–100) of submissions whose deadline has passed that came in on time.

    ``rows`` are ``(deadline, first submitted day or None)``; ``None`` when no deadline
    has passed yet.
    """
    due = [(d, s) for d, s in rows if is_due(d, today)]
    if not due:
        return None
    ok = sum(1 for d, s in due if s is not None and s <= d)
    return 100.0 * ok / len(due)


def current_period(periods: list[Period], today: date) -> Period | None:
    """The period whose report is being collected today: the latest one that has opened
    and has not locked; else the latest one that has opened."""
    opened = [p for p in periods if p.opens <= today]
    live = [p for p in opened if today < p.locks]
    pool = live or opened
    return min(pool, key=lambda p: p.zone_deadline) if live else (
        max(pool, key=lambda p: p.starts) if pool else None)


def period_label(period: Period, lang: str) -> str:
    """``آبان ۱۴۰۵`` / ``Aban 1405`` for a month; the week's span for a week."""
    from tracker.domain import calendar
    from tracker.domain.fmt import digits
    from tracker.domain.i18n import t

    if period.cadence == "month":
        month = calendar.month_of(period.starts)[1]
        return f"{calendar.month_name(month, lang)} {digits(period.year, lang)}"
    return t("cyc.week_label", lang, start=calendar.format_date(period.starts, lang),
             end=calendar.format_date(period.ends, lang))


def weeks_of(period: Period) -> list[Period]:
    """A monthly period split into 7-day periods (the last one shorter), numbered from
    the month's own number; what the office previews before choosing a weekly cadence."""
    return week_periods(period.year, period.starts, period.ends, start_seq=period.seq)
