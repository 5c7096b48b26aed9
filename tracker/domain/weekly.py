"""What changed over a period (pure): records that became done or blocked, and the
score then and now. Inputs are frames of :func:`tracker.store.compare.records_as_of`."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from tracker.domain import rollup

WEEK_DAYS = 7


def week_start(today: date) -> date:
    """The last day before the week that ends ``today`` (changes after its end count)."""
    return today - timedelta(days=WEEK_DAYS)


def moves(now: pd.DataFrame, before: pd.DataFrame) -> dict:
    """How the records moved between ``before`` and ``now`` (matched on ``id``):
    ``done`` and ``blocked`` count the records that reached that status in the period,
    ``unblocked`` those that left "blocked"; ``score`` and ``score_before`` are the
    weighted scores (None when nothing is applicable)."""
    return {**move_counts(now, before), "score": rollup.weighted_progress(now),
            "score_before": rollup.weighted_progress(before)}


def move_counts(now: pd.DataFrame, before: pd.DataFrame) -> dict[str, int]:
    """The counts of :func:`moves` (``done``, ``blocked``, ``unblocked``): those of
    disjoint sets of records (a district's each) add up to those of their union."""
    was = before.set_index("id")["status"] if not before.empty else pd.Series(dtype=object)
    then = now["id"].map(was).astype(object).fillna("not_started")
    status = now["status"]
    return {
        "done": int(((status == "done") & (then != "done")).sum()),
        "blocked": int(((status == "blocked") & (then != "blocked")).sum()),
        "unblocked": int(((status != "blocked") & (then == "blocked")).sum()),
    }
