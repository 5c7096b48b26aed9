"""Stale data (pure): which units and districts have gone quiet.

A unit (a district's own district-level work, or a zone) is *stale* on a day when
its last status change of the year is more than N days before that day
(N = ``TRACKER_STALE_DAYS``, 30 by default, or the page's choice). A unit that never
changed anything counts as silent since the first day of the year.

A district is stale when its newest change, across its district level and all its
zones, is more than N days old: the whole district has gone quiet. How many of its
units are stale is reported beside it.

Silence is not rewarded: the league table ranks every stale district below every
fresh one (see :func:`tracker.domain.league.rank`), whatever their scores, and the grid
and the table flag them.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from tracker.domain import calendar


def tehran_day(stamp: object) -> date | None:
    """The Tehran calendar day of a stored UTC stamp (None if missing)."""
    if stamp is None or (isinstance(stamp, float) and stamp != stamp) or stamp == "":
        return None
    return calendar.parse_stamp(str(stamp)).astimezone(calendar.TEHRAN).date()


def days_silent(last_update: object, as_of: date, year_start: date) -> int:
    """Whole days from the last change (or from the day before the year began, if
    there was none) to ``as_of``."""
    last = tehran_day(last_update)
    since = last if last is not None else year_start - timedelta(days=1)
    return max(0, (as_of - since).days)


def is_stale(silent: int, days: int) -> bool:
    """Stale: silent for more than ``days`` days."""
    return silent > days


def unit_staleness(last: pd.DataFrame, as_of: date, days: int,
                   year_start: date) -> pd.DataFrame:
    """``last`` (unit_id, district, zone, last_update) with ``days_silent`` and ``stale``."""
    out = last.copy()
    out["days_silent"] = [days_silent(s, as_of, year_start) for s in out["last_update"]]
    out["stale"] = out["days_silent"] > days
    return out


def district_staleness(units: pd.DataFrame, days: int) -> pd.DataFrame:
    """Per district from :func:`unit_staleness`: ``last_update`` (newest of its units),
    ``days_silent`` (of that newest change), ``stale``, ``stale_units`` and ``units``."""
    if units.empty:
        return pd.DataFrame(columns=["district", "last_update", "days_silent", "stale",
                                     "stale_units", "units"])
    grouped = units.groupby("district", sort=True)
    out = pd.DataFrame({
        "last_update": grouped["last_update"].max(),
        "days_silent": grouped["days_silent"].min().astype(int),
        "stale_units": grouped["stale"].sum().astype(int),
        "units": grouped.size().astype(int),
    })
    out["stale"] = out["days_silent"] > days
    out["last_update"] = out["last_update"].astype(object).where(out["last_update"].notna(), None)
    return out.reset_index()
