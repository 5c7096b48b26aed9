"""Jalali (Solar Hijri) dates in the Asia/Tehran time zone.

Dates are stored as ISO Gregorian strings (``YYYY-MM-DD``) and timestamps as UTC
(``YYYY-MM-DDTHH:MM:SSZ``); people see and type Jalali dates. The Jalali arithmetic
is jdatetime's; this module only adapts it to the tracker's conventions.

The municipal (program) year runs from 1 Farvardin to the last day of Esfand (29,
or 30 in a leap year). "Today" and "the current year" are always those of Tehran,
not of the server.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

import jdatetime

from tracker.domain import clock
from tracker.domain.errors import TrackerError
from tracker.domain.fmt import digits, to_ascii_digits
from tracker.domain.i18n import t

TEHRAN = clock.TEHRAN

#: Jalali years that ``parse_jalali`` accepts. The bounds keep a Gregorian year typed
#: by mistake (``2026/03/21``) from being read as a Jalali date six centuries ahead.
MIN_YEAR = 1300
MAX_YEAR = 1499

_STAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

# Invisible marks that copying Persian text tends to bring along (RLM, LRM, ZWNJ,
# ZWJ, ALM, bidi embeddings/isolates, BOM).
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c"
        "\u202d\u202e\u2066\u2067\u2068\u2069\ufeff",
    )
)
_SEP = r"\s*[/\-.\u2212\u2010\u2011\u2013]\s*"  # / - . and the dashes people paste
_JALALI_RE = re.compile(rf"([0-9]{{4}}){_SEP}([0-9]{{1,2}}){_SEP}([0-9]{{1,2}})")


class BadDate(TrackerError):
    """Text that is not a valid Jalali date; key ``cal.bad_date`` with param ``text``."""

    def __init__(self, text: str) -> None:
        super().__init__("cal.bad_date", text=text)


# --- time stamps ----------------------------------------------------------------------


def now_utc() -> datetime:
    """The current instant as an aware UTC datetime (from ``tracker.domain.clock``)."""
    return clock.now_utc()


def utc_stamp(dt: datetime | None = None) -> str:
    """``dt`` (default: now) as a stored UTC stamp ``YYYY-MM-DDTHH:MM:SSZ``.

    Seconds are truncated. A naive ``dt`` is refused (its zone is unknown).
    """
    if dt is None:
        dt = now_utc()
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("utc_stamp needs an aware datetime")
    return dt.astimezone(UTC).strftime(_STAMP_FORMAT)


def parse_stamp(stamp: str) -> datetime:
    """A stored stamp as an aware UTC datetime.

    Accepts ``...Z`` and explicit offsets; a stamp without a zone (as SQLite's
    ``CURRENT_TIMESTAMP`` writes it) is taken to be UTC.
    """
    dt = datetime.fromisoformat(stamp.strip())
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def today_tehran(now: datetime | None = None) -> date:
    """The Gregorian date in Tehran now (or at the aware instant ``now``)."""
    if now is None:
        now = now_utc()
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("today_tehran needs an aware datetime")
    return now.astimezone(TEHRAN).date()


def end_of_day_utc(d: date) -> str:
    """The UTC stamp of 23:59:59 of the Tehran day ``d``.

    For "as of" queries: ``changed_at <= end_of_day_utc(d)`` keeps everything
    stamped on or before that Tehran day (stamps have whole seconds).
    """
    last = datetime.combine(d, time(23, 59, 59), tzinfo=TEHRAN)
    return utc_stamp(last)


# --- years ----------------------------------------------------------------------------


def current_year(today: date | None = None) -> int:
    """The Jalali year of ``today`` (default: today in Tehran)."""
    if today is None:
        today = today_tehran()
    return _jalali(today).year


def is_leap(year: int) -> bool:
    """Whether the Jalali ``year`` has 366 days (Esfand has 30 days)."""
    return jdatetime.date(year, 1, 1).isleap()


def days_in_year(year: int) -> int:
    """365 or 366."""
    return 366 if is_leap(year) else 365


def year_start(year: int) -> date:
    """The Gregorian date of 1 Farvardin of ``year``."""
    return jdatetime.date(year, 1, 1).togregorian()


def year_end(year: int) -> date:
    """The Gregorian date of the last day of Esfand (29, or 30 in a leap year)."""
    return jdatetime.date(year, 12, 30 if is_leap(year) else 29).togregorian()


def days_left(year: int, today: date | None = None) -> int:
    """Days of ``year`` left, counting ``today`` itself: ``(year_end - today) + 1``.

    On the last day of Esfand it is 1; after the year it is 0; before the year has
    begun it is the whole year (``days_in_year``). ``today`` defaults to today in
    Tehran.
    """
    if today is None:
        today = today_tehran()
    left = (year_end(year) - today).days + 1
    return max(0, min(left, days_in_year(year)))


def year_options(years: list[int], lang: str) -> dict[int, str]:
    """``{year: label}`` for a picker, in the given order, with the language's digits."""
    return {y: digits(y, lang) for y in years}


# --- months and quarters --------------------------------------------------------------


def month_name(month: int, lang: str) -> str:
    """The Jalali month's name: ``9`` → ``آذر`` (fa) or ``Azar`` (en)."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be in 1..12, not {month!r}")
    return t(f"cal.month.{month}", lang)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """Gregorian first and last day of the Jalali ``month`` of ``year``."""
    first = jdatetime.date(year, month, 1)
    if month == 12:
        after = jdatetime.date(year + 1, 1, 1)
    else:
        after = jdatetime.date(year, month + 1, 1)
    return first.togregorian(), after.togregorian() - timedelta(days=1)


def month_of(d: date) -> tuple[int, int]:
    """The Jalali ``(year, month)`` of the Gregorian date ``d``."""
    j = _jalali(d)
    return j.year, j.month


def jalali_quarter(d: date) -> int:
    """The Jalali quarter of ``d``: 1 = Farvardin–Khordad ... 4 = Dey–Esfand."""
    return (_jalali(d).month - 1) // 3 + 1


# --- converting, showing and reading dates -------------------------------------------


def to_jalali(d: date | str | None) -> jdatetime.date | None:
    """A Gregorian date (or ISO ``YYYY-MM-DD`` string) as a Jalali date.

    ``None``, ``""`` and missing values (NaN, NaT) give ``None``. An aware datetime
    is first moved to Tehran time; a malformed string raises ``ValueError``.
    """
    if d is None or _is_missing(d):
        return None
    if isinstance(d, str):
        d = d.strip()
        if not d:
            return None
        d = date.fromisoformat(d)
    if isinstance(d, datetime):
        if d.tzinfo is not None:
            d = d.astimezone(TEHRAN)
        d = d.date()
    return jdatetime.date.fromgregorian(date=d)


def format_date(d: date | str | None, lang: str) -> str:
    """``1405/09/01`` (Persian digits in fa, ASCII in en); ``""`` when missing."""
    j = to_jalali(d)
    if j is None:
        return ""
    return digits(f"{j.year:04d}/{j.month:02d}/{j.day:02d}", lang)


def format_long(d: date | str | None, lang: str) -> str:
    """``۱ آذر ۱۴۰۵`` (fa) or ``1 Azar 1405`` (en); ``""`` when missing."""
    j = to_jalali(d)
    if j is None:
        return ""
    return f"{digits(j.day, lang)} {month_name(j.month, lang)} {digits(j.year, lang)}"


def format_stamp(stamp: str | None, lang: str) -> str:
    """A UTC stamp as Tehran's Jalali date and time: ``۱۴۰۵/۰۹/۰۱ ۲۰:۱۹``."""
    if stamp is None or _is_missing(stamp) or not str(stamp).strip():
        return ""
    local = parse_stamp(stamp).astimezone(TEHRAN)
    return f"{format_date(local.date(), lang)} {digits(local.strftime('%H:%M'), lang)}"


def parse_jalali(text: str) -> date:
    """Typed Jalali date → Gregorian date.

    Accepts ASCII, Persian and Arabic-Indic digits; ``/``, ``-`` or ``.`` between
    year, month and day; one- or two-digit month and day; surrounding spaces and
    invisible direction marks. The year must be four digits in
    ``MIN_YEAR..MAX_YEAR``. Anything else (empty text, month 13, Esfand 30 in a
    common year, ...) raises ``BadDate``.
    """
    raw = text if isinstance(text, str) else ""
    cleaned = to_ascii_digits(raw.translate(_INVISIBLE)).strip()
    m = _JALALI_RE.fullmatch(cleaned)
    if m is None:
        raise BadDate(_shown(raw))
    year, month, day = (int(g) for g in m.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadDate(_shown(raw))
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError:
        raise BadDate(_shown(raw)) from None


# --- helpers --------------------------------------------------------------------------


def _shown(text: str, limit: int = 40) -> str:
    """The typed text as the error message quotes it: trimmed, and cut if long."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _jalali(d: date) -> jdatetime.date:
    j = to_jalali(d)
    if j is None:
        raise ValueError("a date is needed")
    return j


def _is_missing(value: object) -> bool:
    """NaN, NaT or NA (pandas' missing values) without importing pandas."""
    if type(value).__name__ == "NAType":
        return True
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return False
