"""Reads for comparing districts: records "as of" a date, last updates, city trend.

The state of a record as of a Tehran day ``d`` is its latest history row with
``changed_at <= end_of_day_utc(d)``; a record with no such row was not started
then (status ``not_started``, progress 0). ``as_of=None`` means now: the status
table itself. Due dates are not versioned, so "as of" views use today's due date.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import sqlite_utils

from tracker.domain import calendar
from tracker.store.tx import frame

_BASE = (
    "FROM status s JOIN clauses c ON c.id = s.clause_id JOIN units u ON u.id = s.unit_id "
    "WHERE s.year = ?"
)


def _stamp(as_of: date | str | None) -> str | None:
    if as_of is None:
        return None
    d = date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    return calendar.end_of_day_utc(d)


# The latest history row of record s.id with changed_at <= the stamp: one seek in the
# covering index history_asof (kind, record_id, changed_at, version), no sort.
_LATEST = ("SELECT x.id FROM history x WHERE x.kind = 'status' AND x.record_id = s.id "
           "AND x.changed_at <= ? ORDER BY x.changed_at DESC, x.version DESC LIMIT 1")
_TEXTS = ("title_fa", "title_en", "measure_fa", "measure_en")
_DETAIL = "s.target, s.blocker, h.achieved, "


def records_at(db: sqlite_utils.Database, year: int, stamp: str,
               district: int | None = None, detail: bool = False) -> pd.DataFrame:
    """Every record of ``year`` (of one district, if given) as the history had it at the
    UTC ``stamp``: its latest history row by (changed_at, version) with changed_at <=
    ``stamp``; a record without one was not started (status ``not_started``, progress 0).

    Columns: id, unit_id, district, zone, clause_id, number, deputy, weight, status,
    progress, due_date, updated_at (that row's changed_at, or None); with ``detail`` also
    title_fa, title_en, measure_fa, measure_en, target, blocker and achieved (as of the
    stamp). Target, due date and blocker are not versioned: today's values.
    """
    where, params = "s.year = ?", [stamp, year]
    if district is not None:
        where += " AND u.district = ?"
        params.append(district)
    out = frame(
        db,
        "SELECT s.id, s.unit_id, u.district, u.zone, s.clause_id, c.number, c.deputy, "
        f"c.weight, {_DETAIL if detail else ''}COALESCE(h.status, 'not_started') AS status, "
        "COALESCE(h.progress, 0.0) AS progress, s.due_date, h.changed_at AS updated_at "
        "FROM status s JOIN clauses c ON c.id = s.clause_id JOIN units u ON u.id = s.unit_id "
        f"LEFT JOIN history h ON h.id = ({_LATEST}) "
        f"WHERE {where} ORDER BY u.district, u.zone, c.number",
        params,
    )
    if not detail:
        return out
    # the clause texts: read once per clause, not once per record (long strings)
    texts = frame(db, f"SELECT id, {', '.join(_TEXTS)} FROM clauses WHERE id IN "
                      "(SELECT DISTINCT clause_id FROM status WHERE year = ?)", [year])
    texts = texts.set_index("id")
    for i, col in enumerate(_TEXTS):
        out.insert(6 + i, col, out["clause_id"].map(texts[col]))
    return out


def records_as_of(db: sqlite_utils.Database, year: int,
                  as_of: date | str | None = None) -> pd.DataFrame:
    """Every record of ``year`` as it stood at the end of the Tehran day ``as_of``
    (:func:`records_at`), or now (the status table) when ``as_of`` is None.

    Columns: id, unit_id, district, zone, clause_id, number, deputy, weight, status,
    progress, due_date, updated_at (the last change on or before ``as_of``, or None).
    """
    stamp = _stamp(as_of)
    if stamp is None:
        return frame(
            db,
            "SELECT s.id, s.unit_id, u.district, u.zone, s.clause_id, c.number, c.deputy, "
            "c.weight, s.status, s.progress, s.due_date, "
            f"CASE WHEN s.version > 0 THEN s.updated_at END AS updated_at {_BASE} "
            "ORDER BY u.district, u.zone, c.number",
            [year],
        )
    return records_at(db, year, stamp)


def last_updates(db: sqlite_utils.Database, year: int,
                 as_of: date | str | None = None) -> pd.DataFrame:
    """Every unit with the stamp of its last status change in ``year`` on or before
    ``as_of`` (None if it never changed anything): unit_id, district, zone, last_update."""
    stamp = _stamp(as_of) or "9999"
    return frame(
        db,
        # one index seek per unit (history_unit), not a scan of the year's history
        "SELECT u.id AS unit_id, u.district, u.zone, (SELECT MAX(h.changed_at) FROM history h "
        "  WHERE h.kind = 'status' AND h.year = ? AND h.unit_id = u.id AND h.changed_at <= ?)"
        " AS last_update FROM units u ORDER BY u.district, u.zone",
        [year, stamp],
    )


def trend_deltas(db: sqlite_utils.Database, year: int,
                 district: int | None = None) -> tuple[float, pd.DataFrame]:
    """What the city (or one district) score is made of, change by change.

    Returns ``(base_weight, deltas)``: ``base_weight`` is the summed weight of every
    record of the year (all start applicable, progress 0); ``deltas`` has one row per
    UTC hour with a change: ``hour`` (``YYYY-MM-DDTHH``), ``d_weight`` (change of the
    applicable weight) and ``d_weighted`` (change of Σ weight × progress). Cumulative
    sums of the deltas give the score at any moment (see :mod:`tracker.domain.trend`).
    """
    where, params = "s.year = ?", [year]
    if district is not None:
        where += " AND s.unit_id / 100 = ?"
        params.append(district)
    base = db.execute(
        f"SELECT COALESCE(SUM(c.weight), 0) FROM status s JOIN clauses c ON c.id = s.clause_id "
        f"WHERE {where}", params).fetchone()[0]
    # kept up to date by a trigger on history (tracker/migrations/perf.py)
    deltas = frame(
        db,
        "SELECT hour, d_weight, d_weighted FROM trend_hourly WHERE year = ? AND district = ? "
        "ORDER BY hour",
        [year, 0 if district is None else district],
    )
    return float(base or 0.0), deltas
