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
from tracker.store.tx import Rows, frame, frame_of, rows

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
    out = frame_of(_records_at_rows(db, year, stamp, district, detail))
    if not detail:
        return out
    # the clause texts: read once per clause, not once per record (long strings)
    texts = frame(db, f"SELECT id, {', '.join(_TEXTS)} FROM clauses WHERE id IN "
                      "(SELECT DISTINCT clause_id FROM status WHERE year = ?)", [year])
    texts = texts.set_index("id")
    for i, col in enumerate(_TEXTS):
        out.insert(6 + i, col, out["clause_id"].map(texts[col]))
    return out


def _district_where(district: int | None, params: list) -> str:
    """The condition (and its parameters, appended) that keeps one district's records:
    unit ids are district * 100 + zone, a range on the (year, unit_id) index."""
    if district is None:
        return ""
    params += [district * 100, district * 100 + 99, district]
    return " AND s.unit_id BETWEEN ? AND ? AND u.district = ?"


def _records_at_rows(db: sqlite_utils.Database, year: int, stamp: str,
                     district: int | None = None, detail: bool = False) -> Rows:
    params: list = [stamp, year]
    where = "s.year = ?" + _district_where(district, params)
    return rows(
        db,
        "SELECT s.id, s.unit_id, u.district, u.zone, s.clause_id, c.number, c.deputy, "
        f"c.weight, {_DETAIL if detail else ''}COALESCE(h.status, 'not_started') AS status, "
        "COALESCE(h.progress, 0.0) AS progress, s.due_date, h.changed_at AS updated_at "
        "FROM status s JOIN clauses c ON c.id = s.clause_id JOIN units u ON u.id = s.unit_id "
        f"LEFT JOIN history h ON h.id = ({_LATEST}) "
        f"WHERE {where} ORDER BY u.district, u.zone, c.number",
        params,
    )


def records_as_of(db: sqlite_utils.Database, year: int,
                  as_of: date | str | None = None) -> pd.DataFrame:
    """Every record of ``year`` as it stood at the end of the Tehran day ``as_of``
    (:func:`records_at`), or now (the status table) when ``as_of`` is None.

    Columns: id, unit_id, district, zone, clause_id, number, deputy, weight, status,
    progress, due_date, updated_at (the last change on or before ``as_of``, or None).
    """
    return frame_of(records_as_of_rows(db, year, as_of))


#: the columns of :func:`records_as_of`
RECORD_COLUMNS = ("id", "unit_id", "district", "zone", "clause_id", "number", "deputy",
                  "weight", "status", "progress", "due_date", "updated_at")


def records_as_of_rows(db: sqlite_utils.Database, year: int, as_of: date | str | None = None,
                       district: int | None = None) -> Rows:
    """:func:`records_as_of` as rows (:data:`RECORD_COLUMNS`), of one district if given:
    the districts' rows one after another are the city's."""
    stamp = _stamp(as_of)
    if stamp is not None:
        return _records_at_rows(db, year, stamp, district)
    params: list = [year]
    return rows(
        db,
        "SELECT s.id, s.unit_id, u.district, u.zone, s.clause_id, c.number, c.deputy, "
        "c.weight, s.status, s.progress, s.due_date, "
        f"CASE WHEN s.version > 0 THEN s.updated_at END AS updated_at {_BASE}"
        f"{_district_where(district, params)} ORDER BY u.district, u.zone, c.number",
        params,
    )


def last_updates(db: sqlite_utils.Database, year: int,
                 as_of: date | str | None = None) -> pd.DataFrame:
    """Every unit with the stamp of its last status change in ``year`` on or before
    ``as_of`` (None if it never changed anything): unit_id, district, zone, last_update."""
    return frame_of(last_updates_rows(db, year, as_of))


#: the columns of :func:`last_updates`
LAST_UPDATE_COLUMNS = ("unit_id", "district", "zone", "last_update")


def last_updates_rows(db: sqlite_utils.Database, year: int, as_of: date | str | None = None,
                      district: int | None = None) -> Rows:
    """:func:`last_updates` as rows (:data:`LAST_UPDATE_COLUMNS`), of one district's
    units if given."""
    stamp = _stamp(as_of) or "9999"
    params: list = [year, stamp]
    where = ""
    if district is not None:
        where = " WHERE u.id BETWEEN ? AND ? AND u.district = ?"
        params += [district * 100, district * 100 + 99, district]
    return rows(
        db,
        # one index seek per unit (history_unit), not a scan of the year's history
        "SELECT u.id AS unit_id, u.district, u.zone, (SELECT MAX(h.changed_at) FROM history h "
        "  WHERE h.kind = 'status' AND h.year = ? AND h.unit_id = u.id AND h.changed_at <= ?)"
        f" AS last_update FROM units u{where} ORDER BY u.district, u.zone",
        params,
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
