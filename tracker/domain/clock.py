"""The one clock of the app: every "now" and every "today" comes from here.

Nothing else reads the wall clock for a date or a time stamp (a CI test checks this).

``TRACKER_TODAY=YYYY-MM-DD`` (a Gregorian date, read on every call) moves the clock to
that day in Tehran while the time of day runs on as usual: tests, the demo and
rehearsals of a deadline set it; elapsed time (idle sign-out, lockouts) still passes
normally. Unset, the clock is the wall clock.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

ENV = "TRACKER_TODAY"
TEHRAN = ZoneInfo("Asia/Tehran")


class BadToday(ValueError):
    """``TRACKER_TODAY`` holds something that is not an ISO date."""


@lru_cache(maxsize=8)
def _parse(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadToday(f"{ENV}={text!r} is not a date of the form YYYY-MM-DD") from None


def fixed_today() -> date | None:
    """The day ``TRACKER_TODAY`` sets, or ``None`` when the clock is the wall clock."""
    text = os.environ.get(ENV, "").strip()
    return _parse(text) if text else None


def now_utc() -> datetime:
    """The current instant, aware, in UTC (moved to ``TRACKER_TODAY``'s day if set)."""
    real = datetime.now(UTC)
    day = fixed_today()
    if day is None:
        return real
    shift = day - real.astimezone(TEHRAN).date()
    return real + timedelta(days=shift.days)


def today_tehran() -> date:
    """Today's Gregorian date in Tehran."""
    return now_utc().astimezone(TEHRAN).date()
