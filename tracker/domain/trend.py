"""The score over time (pure): from per-hour changes to a daily, weekly or monthly line.

The score at the end of a period is the score of the records as they stood then
(the same definition as :func:`tracker.domain.rollup.weighted_progress`), computed from
the cumulative changes of Σ weight and Σ weight × progress of applicable records.
Weeks run Saturday to Friday (the Iranian week); months are Jalali months.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from tracker.domain import calendar


def daily_scores(base_weight: float, deltas: pd.DataFrame, start: date,
                 end: date) -> pd.DataFrame:
    """One row per Tehran day from ``start`` to ``end``: ``day`` (date) and ``score``.

    ``deltas`` holds ``hour`` (UTC ``YYYY-MM-DDTHH``), ``d_weight``, ``d_weighted``.
    A day's score is that of the records at the end of that day; None when nothing
    is applicable.
    """
    days = pd.date_range(start, end, freq="D")
    if days.empty:
        return pd.DataFrame({"day": [], "score": []})
    if deltas.empty:
        per_day = pd.DataFrame({"d_weight": 0.0, "d_weighted": 0.0}, index=days)
    else:
        stamps = pd.to_datetime(deltas["hour"] + ":00:00Z", utc=True)
        local = stamps.dt.tz_convert(calendar.TEHRAN).dt.tz_localize(None).dt.normalize()
        grouped = deltas.assign(day=local.values).groupby("day")[["d_weight", "d_weighted"]].sum()
        before = grouped[grouped.index < days[0]].sum()
        per_day = grouped.reindex(days, fill_value=0.0)
        per_day.iloc[0] += before
    weight = base_weight + per_day["d_weight"].cumsum()
    weighted = per_day["d_weighted"].cumsum()
    score = (weighted / weight).where(weight > 1e-9)
    return pd.DataFrame({"day": [d.date() for d in days],
                         "score": [None if pd.isna(s) else float(s) for s in score]})


def period_key(d: date, freq: str) -> date:
    """The last day of the period (day, Saturday–Friday week, Jalali month) holding ``d``."""
    if freq == "day":
        return d
    if freq == "week":
        return d + timedelta(days=(4 - d.weekday()) % 7)  # Friday ends the week
    if freq == "month":
        year, month = calendar.month_of(d)
        return calendar.month_bounds(year, month)[1]
    raise ValueError(f"unknown frequency {freq!r}")


def resample(daily: pd.DataFrame, freq: str) -> pd.DataFrame:
    """The score at the end of each period (the last day present in a period that has
    not ended yet): columns ``period_end`` (date), ``day`` (the day measured), ``score``."""
    if daily.empty:
        return pd.DataFrame({"period_end": [], "day": [], "score": []})
    keyed = daily.assign(period_end=[period_key(d, freq) for d in daily["day"]])
    last = keyed.groupby("period_end", sort=True).tail(1)
    return last[["period_end", "day", "score"]].reset_index(drop=True)
