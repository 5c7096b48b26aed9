"""Totals computed in SQLite: pages that show a handful of figures do not load the
records behind them (their cost does not grow with rows they do not show)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.domain.model import STATUSES
from tracker.domain.rollup import Summary

if TYPE_CHECKING:
    import sqlite_utils


def city_totals(db: sqlite_utils.Database, year: int, deputy: str | None = None) -> Summary:
    """The city's score and records per status of ``year`` now (optionally one deputy's
    clauses), with the same rules as :func:`tracker.domain.rollup.summarize`: the clause-weighted
    mean progress over the records that are not "not applicable"."""
    sql = ("SELECT s.status, count(*), sum(c.weight), sum(c.weight * coalesce(s.progress, 0)) "
           "FROM status s JOIN clauses c ON c.id = s.clause_id WHERE s.year = ?")
    params: list = [year]
    if deputy:
        sql += " AND c.deputy = ?"
        params.append(deputy)
    rows = db.execute(sql + " GROUP BY s.status", params).fetchall()
    counts = {s: 0 for s in STATUSES}
    weight = weighted = 0.0
    for status, n, w, wp in rows:
        counts[status] = counts.get(status, 0) + int(n)
        if status != "not_applicable":
            weight += float(w or 0)
            weighted += float(wp or 0)
    total = sum(counts.values())
    progress = weighted / weight if total and weight > 0 else None
    return Summary(progress=progress, counts={s: counts[s] for s in STATUSES}, total=total,
                   applicable=total - counts["not_applicable"])
