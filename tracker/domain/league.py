"""The league table (pure): districts ranked by score, graded, with rank change.

* **Score**: :func:`tracker.domain.rollup.progress_by` per district (clause-weighted mean
  progress, not-applicable records excluded), shown to one decimal.
* **Grades** (the coordination office's five tiers), on the score:
  ≥ 85 خیلی مطلوب (excellent), ≥ 70 مطلوب (good), ≥ 55 متوسط (fair),
  ≥ 40 نامطلوب (poor), below 40 ضعیف (weak). No applicable record: no grade.
* **Rank**: fresh districts first, by score (highest first); then stale districts
  (:mod:`tracker.domain.stale`) by score; then districts without a score. Scores equal to
  one decimal share a rank and the next rank is skipped (1, 2, 2, 4).
* **Rank change**: the rank one Jalali month earlier (same day, or the month's last
  day) minus the rank now, both computed "as of" their day: +2 = up two places.
  None when the earlier day is before the year began.
* **Blocked / overdue**: how many clauses have at least one blocked record in the
  district (its district level or any zone), and how many have at least one record
  past its due date that is neither done nor not applicable.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import jdatetime
import pandas as pd

from tracker.domain import calendar
from tracker.domain.rollup import progress_by
from tracker.domain.stale import days_silent, district_staleness, unit_staleness

#: (grade key, lowest score of the grade), best first.
GRADES: tuple[tuple[str, float], ...] = (
    ("excellent", 85.0), ("good", 70.0), ("fair", 55.0), ("poor", 40.0), ("weak", 0.0),
)
GRADE_KEYS = tuple(g for g, _ in GRADES)


def grade(score: float | None) -> str | None:
    """The grade key of a score (see :data:`GRADES`); None without a score."""
    if score is None or pd.isna(score):
        return None
    for key, low in GRADES:
        if score >= low:
            return key
    return GRADE_KEYS[-1]


def rank(scores: pd.Series, stale: pd.Series | None = None) -> pd.Series:
    """Competition ranks (1, 2, 2, 4): fresh before stale, then score rounded to one
    decimal, highest first; missing scores last. Same index as ``scores``."""
    if scores.empty:
        return pd.Series(dtype="Int64")
    stale = stale if stale is not None else pd.Series(False, index=scores.index)
    rounded = pd.to_numeric(scores, errors="coerce").astype(float).round(1)
    tier = stale.astype(bool).astype(int) + rounded.isna().astype(int) * 2
    key = tier * 1000.0 - rounded.fillna(0.0)
    return key.rank(method="min").astype("Int64")

def month_before(d: date) -> date:
    """The same Jalali day one month earlier (the month's last day if shorter)."""
    j = jdatetime.date.fromgregorian(date=d)
    year, month = (j.year, j.month - 1) if j.month > 1 else (j.year - 1, 12)
    last = calendar.month_bounds(year, month)[1]
    last_day = jdatetime.date.fromgregorian(date=last).day
    return jdatetime.date(year, month, min(j.day, last_day)).togregorian()


def clause_counts(records: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Per district: ``blocked`` and ``overdue`` clause counts (see module doc)."""
    if records.empty:
        return pd.DataFrame(columns=["district", "blocked", "overdue"])
    due = records["due_date"].fillna("").astype(str)
    open_ = ~records["status"].isin(["done", "not_applicable"])
    flags = records.assign(
        _blocked=records["status"] == "blocked",
        _overdue=open_ & (due != "") & (due < as_of.isoformat()),
    )
    per_clause = flags.groupby(["district", "clause_id"])[["_blocked", "_overdue"]].any()
    out = per_clause.groupby("district").sum().astype(int)
    return out.rename(columns={"_blocked": "blocked", "_overdue": "overdue"}).reset_index()


#: the columns of :func:`district_rows` (and with ``counts``, :data:`COUNT_COLUMNS`)
ROW_COLUMNS = ("district", "score", "records", "blocked_records", "last_update",
               "days_silent", "stale_units", "units", "stale")
COUNT_COLUMNS = ("blocked", "overdue")


def district_rows(records: pd.DataFrame, last: pd.DataFrame, as_of: date, stale_days: int,
                  year_start: date, counts: bool = True) -> pd.DataFrame:
    """What the league shows of each district that its own records and units decide
    (no rank, no grade, score not rounded): :data:`ROW_COLUMNS`, and with ``counts``
    blocked and overdue clauses. One district's rows from its own records and units are
    its rows of the city's, so the city's can be joined from districts'
    (:func:`district_row_tuples`, :func:`rows_frame`, :func:`from_rows`).
    """
    rows = district_row_tuples(records, last, as_of, stale_days, year_start, counts)
    if rows is None:  # the empty frame (and its column types) pandas makes of nothing
        return _no_rows(progress_by(records, "district"), last, as_of, stale_days,
                        year_start, counts)
    return rows_frame(rows, counts)


def district_row_tuples(records: pd.DataFrame, last: pd.DataFrame, as_of: date,
                        stale_days: int, year_start: date,
                        counts: bool = True) -> tuple[tuple, ...] | None:
    """:func:`district_rows` as plain tuples, one per district (None without records).

    The same figures as :func:`tracker.domain.rollup.progress_by`, :func:`clause_counts`
    and :mod:`tracker.domain.stale`, counted in plain Python: on one district's hundred-odd
    records a pandas group-by costs more than the counting.
    """
    if records.empty:
        return None
    scores = progress_by(records, "district")
    quiet = _district_quiet(last, as_of, stale_days, year_start)
    missing = (None, float("nan"), float("nan"), float("nan"))
    per = _clause_flags(records, as_of) if counts else {}
    out = []
    for district, score, n, blocked in zip(scores["district"].tolist(),
                                           scores["progress"].tolist(),
                                           scores["records"].tolist(),
                                           scores["blocked"].tolist(), strict=True):
        last_update, silent, stale_units, units = quiet.get(district, missing)
        row = (district, score, n, blocked, last_update, silent, stale_units, units,
               bool(silent > stale_days))
        out.append(row + per.get(district, (0, 0)) if counts else row)
    return tuple(out)


def rows_frame(rows: Sequence[tuple], counts: bool = True) -> pd.DataFrame:
    """The frame of :func:`district_row_tuples` (of one or several districts)."""
    columns = ROW_COLUMNS + (COUNT_COLUMNS if counts else ())
    values = list(zip(*rows, strict=True))
    return pd.DataFrame({c: pd.Series(v, dtype=object) if c == "last_update" else list(v)
                         for c, v in zip(columns, values, strict=True)})


def _no_rows(scores: pd.DataFrame, last: pd.DataFrame, as_of: date, stale_days: int,
             year_start: date, counts: bool) -> pd.DataFrame:
    scores = scores[["district", "progress", "records", "blocked"]].rename(
        columns={"progress": "score", "blocked": "blocked_records"})
    stale = district_staleness(unit_staleness(last, as_of, stale_days, year_start), stale_days)
    out = scores.merge(stale, on="district", how="left")
    out["stale"] = out["stale"].fillna(False).astype(bool)
    if counts:
        out = out.merge(clause_counts(scores.iloc[:0], as_of), on="district", how="left")
    return out


def _district_quiet(last: pd.DataFrame, as_of: date, stale_days: int,
                    year_start: date) -> dict[int, tuple]:
    """Per district, from its units' last updates (:mod:`tracker.domain.stale`):
    (newest last update or None, days silent since it, stale units, units)."""
    out: dict[int, list] = {}
    for district, stamp in zip(last["district"], last["last_update"], strict=True):
        silent = days_silent(stamp, as_of, year_start)
        known = stamp if isinstance(stamp, str) else None
        row = out.setdefault(int(district), [None, silent, 0, 0])
        if known is not None and (row[0] is None or known > row[0]):
            row[0] = known
        row[1] = min(row[1], silent)
        row[2] += int(silent > stale_days)
        row[3] += 1
    return {d: tuple(v) for d, v in out.items()}


def _clause_flags(records: pd.DataFrame, as_of: date) -> dict[int, tuple[int, int]]:
    """Per district: (clauses with a blocked record, clauses with an overdue one)."""
    today = as_of.isoformat()
    blocked: dict[int, set] = {}
    overdue: dict[int, set] = {}
    for district, clause, status, due in zip(records["district"], records["clause_id"],
                                             records["status"], records["due_date"],
                                             strict=True):
        d = int(district)
        blocked.setdefault(d, set())
        overdue.setdefault(d, set())
        if status == "blocked":
            blocked[d].add(clause)
        if (status not in ("done", "not_applicable") and isinstance(due, str) and due
                and due < today):
            overdue[d].add(clause)
    return {d: (len(blocked[d]), len(overdue[d])) for d in blocked}


def from_rows(now: pd.DataFrame, before: pd.DataFrame | None = None) -> pd.DataFrame:
    """The league table (see :func:`league_table`) from every district's
    :func:`district_rows` now and, for the rank change, on the earlier day."""
    now = now.copy()
    now["rank"] = rank(now["score"], now["stale"])
    now["grade"] = [grade(s) for s in now["score"]]
    now["score"] = now["score"].astype(float).round(1)
    if before is not None:
        prev = before.assign(rank_before=rank(before["score"], before["stale"]))
        now = now.merge(prev[["district", "rank_before"]], on="district", how="left")
    else:
        now["rank_before"] = pd.Series(pd.NA, index=now.index, dtype="Int64")
    now["rank_change"] = (now["rank_before"] - now["rank"]).astype("Int64")
    cols = ["rank", "district", "score", "grade", "rank_before", "rank_change", "blocked",
            "overdue", "last_update", "days_silent", "stale", "stale_units", "units", "records"]
    return now.sort_values(["rank", "district"])[cols].reset_index(drop=True)


def league_table(records: pd.DataFrame, last: pd.DataFrame, as_of: date, stale_days: int,
                 year_start: date, before: pd.DataFrame | None = None,
                 before_last: pd.DataFrame | None = None,
                 before_day: date | None = None) -> pd.DataFrame:
    """The league table, one row per district, ranked.

    ``records``/``last`` are :func:`tracker.store.compare.records_as_of` and
    ``last_updates`` for ``as_of``; ``before``/``before_last`` the same for
    ``before_day`` (normally :func:`month_before`), for the rank change.
    Columns: rank, district, score, grade, rank_before, rank_change, blocked,
    overdue, last_update, days_silent, stale, stale_units, units, records.
    Further columns can be joined on ``district``.
    """
    now = district_rows(records, last, as_of, stale_days, year_start)
    prev = None
    if before is not None and before_last is not None and before_day is not None:
        prev = district_rows(before, before_last, before_day, stale_days, year_start,
                             counts=False)
    return from_rows(now, prev)
