"""The monthly report's figures (pure: frames in, frames out).

Everything is "as of" the report day (the month's last day, or today if the month
is not over) from the history, so a report for a past month shows that month as
it was. The league table, grades and rank changes are :mod:`tracker.domain.league`'s;
rank change compares with the last day of the previous month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from tracker.domain import league
from tracker.domain.rollup import city_summary, progress_by

LAGGING = 5  # clauses listed as lagging


@dataclass
class MonthInputs:
    """What the store gives the report (see :func:`tracker.report.gather`)."""

    year: int
    month: int
    day: date  # the report day
    before_day: date | None  # last day of the previous month, None in Farvardin
    year_start: date
    stale_days: int
    records: pd.DataFrame  # compare.records_as_of(day)
    last: pd.DataFrame  # compare.last_updates(day)
    before: pd.DataFrame | None
    before_last: pd.DataFrame | None
    month_ends: dict[int, pd.DataFrame]  # month -> records_as_of(its end), 1..month
    changes: pd.DataFrame  # store.report.changes_between for the month
    clauses: pd.DataFrame  # number, title_fa, title_en, weight
    districts: pd.DataFrame  # district, name_fa, name_en


@dataclass
class MonthFigures:
    city_score: float | None
    city_before: float | None
    counts: dict[str, int]
    trend: pd.DataFrame  # month, score
    league: pd.DataFrame  # league.league_table + name_fa, name_en, score_before
    lagging: pd.DataFrame  # number, title_fa, title_en, score, blocked
    district_clauses: dict[int, pd.DataFrame]  # number, titles, score, counts, delta
    changes: pd.DataFrame  # district, names, updates, completed, blocked, score_delta
    official: bool = False  # the month is locked: its accepted snapshots are the figures


def month_figures(inp: MonthInputs) -> MonthFigures:
    """Every figure of the report."""
    city = city_summary(inp.records)
    before = city_summary(inp.before).progress if inp.before is not None else None
    trend = pd.DataFrame({
        "month": list(inp.month_ends),
        "score": [city_summary(f).progress for f in inp.month_ends.values()],
    })
    table = league.league_table(inp.records, inp.last, inp.day, inp.stale_days, inp.year_start,
                                inp.before, inp.before_last, inp.before_day)
    table = table.merge(inp.districts, on="district", how="left")
    if inp.before is not None:
        prev = progress_by(inp.before, "district")[["district", "progress"]]
        table = table.merge(prev.rename(columns={"progress": "score_before"}), on="district",
                            how="left")
    else:
        table["score_before"] = 0.0
    return MonthFigures(
        city_score=city.progress, city_before=before, counts=city.counts, trend=trend,
        league=table, lagging=lagging_clauses(inp.records, inp.clauses),
        district_clauses={int(d): district_clauses(inp.records, inp.before, inp.clauses, int(d))
                          for d in inp.districts["district"]},
        changes=month_changes(inp.changes, table),
    )


def clause_scores(records: pd.DataFrame) -> pd.DataFrame:
    """Per clause number: score and status counts."""
    return progress_by(records, "number")


def lagging_clauses(records: pd.DataFrame, clauses: pd.DataFrame,
                    n: int = LAGGING) -> pd.DataFrame:
    """The ``n`` clauses with the lowest city score (weightier first on ties)."""
    scores = clause_scores(records)[["number", "progress", "blocked", "done"]]
    out = clauses.merge(scores, on="number", how="inner").rename(columns={"progress": "score"})
    out = out.sort_values(["score", "weight"], ascending=[True, False], na_position="last")
    return out.head(n).reset_index(drop=True)


def district_clauses(records: pd.DataFrame, before: pd.DataFrame | None,
                     clauses: pd.DataFrame, district: int) -> pd.DataFrame:
    """One district's clauses: score now, change since the previous month, counts."""
    now = clause_scores(records[records["district"] == district])
    out = clauses.merge(now, on="number", how="left").rename(columns={"progress": "score"})
    if before is not None:
        prev = clause_scores(before[before["district"] == district])[["number", "progress"]]
        out = out.merge(prev.rename(columns={"progress": "score_before"}), on="number",
                        how="left")
    else:
        out["score_before"] = 0.0
    out["delta"] = out["score"] - out["score_before"]
    return out


def month_changes(changes: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Per district: saves, records done or blocked during the month, score change."""
    base = table[["district", "name_fa", "name_en", "score", "score_before"]]
    out = base.merge(changes, on="district", how="left")
    for col in ("updates", "completed", "blocked"):
        out[col] = out[col].fillna(0).astype(int)
    out["score_delta"] = out["score"] - out["score_before"]
    return out.sort_values("district").reset_index(drop=True)


def report_day(year: int, month: int, today: date) -> date:
    """The month's last day, or ``today`` while the month is still running."""
    from tracker.domain.calendar import month_bounds

    first, last = month_bounds(year, month)
    return max(first, min(last, today))


def previous_month_end(year: int, month: int) -> date | None:
    """The last day of the month before (None for Farvardin: the year had not begun)."""
    if month == 1:
        return None
    from tracker.domain.calendar import month_bounds

    return month_bounds(year, month)[0] - timedelta(days=1)
