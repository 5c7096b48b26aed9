"""Year-end projection (pure): the pace so far, where it leads by the last day of
Esfand, and the pace needed to finish.

For a program year and a day ``today`` inside it:

    left     = calendar.days_left(year, today)        days still to work, today included
    elapsed  = days_in_year(year) - left              days already behind us
    done     = achieved quantity as of today (from history)
    pace     = done / elapsed                         per day (None before the year starts)
    projected = done + pace × left                    at the end of Esfand
    required = (target - done) / left                 per day, to finish in time
    speedup  = required / pace                        how many times faster it must go

A clause with a quantity target is measured in its own unit; without one its
progress percentage stands in (target 100). Done and not-applicable records are
finished and are not projected.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from tracker.domain import calendar

FINISHED = ("done", "not_applicable")
#: the tolerance of "finished" and "on track" (a rounding error is not work left)
EPS = 1e-9
_EPS = EPS


def elapsed_days(year: int, today: date) -> int:
    """Days of ``year`` before ``today`` (0 on 1 Farvardin, the whole year after it)."""
    return calendar.days_in_year(year) - calendar.days_left(year, today)


def project(records: pd.DataFrame, year: int, today: date) -> pd.DataFrame:
    """The unfinished records of ``records`` with their projection.

    ``records`` needs status, target, achieved, progress and due_date as of
    ``today`` (other columns are kept). Adds: in_percent, goal, done, remaining,
    pace, projected, on_track, required, speedup, overdue.
    """
    left = calendar.days_left(year, today)
    elapsed = elapsed_days(year, today)
    df = records[~records["status"].isin(FINISHED)].copy()
    target = pd.to_numeric(df["target"], errors="coerce")
    achieved = pd.to_numeric(df["achieved"], errors="coerce")
    progress = pd.to_numeric(df["progress"], errors="coerce").fillna(0.0)
    has_target = target.fillna(0) > 0
    df["in_percent"] = ~has_target
    df["goal"] = target.where(has_target, 100.0).astype(float)
    from_progress = df["goal"] * progress / 100.0
    done = achieved.where(has_target & achieved.notna(), from_progress)
    df["done"] = done.where(has_target, progress).astype(float)
    df["remaining"] = (df["goal"] - df["done"]).clip(lower=0.0)
    if elapsed > 0:
        df["pace"] = df["done"] / elapsed
        df["projected"] = df["done"] + df["pace"] * left
    else:
        df["pace"] = np.nan
        df["projected"] = np.nan
    df["on_track"] = (df["remaining"] <= _EPS) | (df["projected"] >= df["goal"] - _EPS)
    df["required"] = df["remaining"] / left if left > 0 else np.nan
    pace = df["pace"].where(df["pace"] > 0)
    df["speedup"] = (df["required"] / pace).where(~df["on_track"])
    due = df["due_date"].astype(object).where(df["due_date"].notna(), "")
    df["overdue"] = (due != "") & (due.astype(str) < today.isoformat())
    return df


def district_totals(projected: pd.DataFrame) -> pd.DataFrame:
    """Per district: unfinished records, those that will not finish, overdue ones."""
    if projected.empty:
        return pd.DataFrame(columns=["district", "open", "at_risk", "overdue"])
    g = projected.assign(at_risk=~projected["on_track"]).groupby("district")
    return pd.DataFrame({
        "open": g.size(),
        "at_risk": g["at_risk"].sum().astype(int),
        "overdue": g["overdue"].sum().astype(int),
    }).reset_index()
