"""Reads for the year-end page: status records as of a day, spring-campaign items."""

from __future__ import annotations

import pandas as pd
import sqlite_utils

from tracker.store.compare import _LATEST, records_at
from tracker.store.tx import Rows, frame, frame_of, rows


def records_as_of(db: sqlite_utils.Database, year: int, until_stamp: str,
                  district: int | None = None) -> pd.DataFrame:
    """Each status record of ``year`` with its status, progress and achieved
    quantity as the history had them at ``until_stamp`` (UTC; a record without
    history by then is not started), plus its current target and due date
    (:func:`tracker.store.compare.records_at` with the clause texts)."""
    return records_at(db, year, until_stamp, district, detail=True)


#: the columns of :func:`open_totals_rows`
OPEN_TOTAL_COLUMNS = ("district", "open", "at_risk", "overdue")

# a number as pandas.to_numeric(errors="coerce") reads it: anything else is missing
_NUM = "CASE WHEN typeof({0}) IN ('integer', 'real') THEN CAST({0} AS REAL) END"
# the records as of the stamp that are not finished, with what the projection needs
_OPEN = (
    "SELECT u.district, s.due_date AS due, " + _NUM.format("s.target") + " AS target, "
    + _NUM.format("h.achieved") + " AS achieved, "
    "CAST(COALESCE(h.progress, 0.0) AS REAL) AS progress "
    "FROM status s JOIN units u ON u.id = s.unit_id "
    f"LEFT JOIN history h ON h.id = ({_LATEST}) "
    "WHERE s.year = ? AND COALESCE(h.status, 'not_started') NOT IN (?, ?)")


def open_totals_rows(db: sqlite_utils.Database, year: int, until_stamp: str, today: str,
                     elapsed: int, left: int, eps: float, finished: tuple[str, str],
                     district: int | None = None) -> Rows:
    """Per district (of one, if given): its records of ``year`` not finished as of
    ``until_stamp`` (status not in ``finished``), how many of them will not finish by
    the year's end at their pace so far, and how many are past their due date on
    ``today`` (ISO): the totals of :func:`tracker.domain.projection.project` and
    ``district_totals``, summed in SQLite with the same rules and the same arithmetic
    (``elapsed`` and ``left`` days, tolerance ``eps``), no record loaded.
    Columns: :data:`OPEN_TOTAL_COLUMNS`; a district with nothing open has no row."""
    params: list = [until_stamp, year, *finished]
    sql = _OPEN
    if district is not None:
        sql += " AND s.unit_id BETWEEN ? AND ? AND u.district = ?"
        params += [district * 100, district * 100 + 99, district]
    return rows(
        db,
        "WITH o AS (" + sql + "), g AS ("
        "  SELECT district, due, CASE WHEN COALESCE(target, 0) > 0 THEN target ELSE 100.0 END"
        "    AS goal, COALESCE(target, 0) > 0 AS has_target, achieved, progress FROM o),"
        " d AS ("
        "  SELECT district, due, goal, CASE WHEN has_target THEN COALESCE(achieved, "
        "    goal * progress / 100.0) ELSE progress END AS done FROM g)"
        " SELECT district, COUNT(*) AS open, "
        "  SUM(NOT (MAX(goal - done, 0.0) <= ? OR (? > 0 AND "
        "    done + (done / ?) * ? >= goal - ?))) AS at_risk, "
        "  SUM(due IS NOT NULL AND due != '' AND due < ?) AS overdue "
        "FROM d GROUP BY district ORDER BY district",
        [*params, eps, elapsed, max(elapsed, 1), left, eps, today])


def spring_items(db: sqlite_utils.Database, year: int,
                 district: int | None = None) -> pd.DataFrame:
    """The clauses whose year-end work is in the spring campaign (plan lines of
    ``year`` with spring = 1), with the record's current remaining work."""
    return frame_of(spring_items_rows(db, year, district=district))


#: the columns of :func:`spring_items`
SPRING_COLUMNS = ("id", "unit_id", "district", "zone", "clause_id", "number", "title_fa",
                  "title_en", "measure_fa", "measure_en", "status", "target", "achieved",
                  "progress", "budget", "owner", "version", "updated_by_name", "updated_at")


def spring_items_rows(db: sqlite_utils.Database, year: int,
                      district: int | None = None) -> Rows:
    """:func:`spring_items` as rows (:data:`SPRING_COLUMNS`), of one district if given:
    the districts' rows one after another are the city's."""
    sql = ("SELECT p.id, p.unit_id, u.district, u.zone, p.clause_id, c.number, c.title_fa, "
           "c.title_en, c.measure_fa, c.measure_en, s.status, s.target, s.achieved, "
           "s.progress, p.budget, p.owner, p.version, p.updated_by_name, p.updated_at "
           "FROM plans p JOIN units u ON u.id = p.unit_id JOIN clauses c ON c.id = p.clause_id "
           "LEFT JOIN status s ON s.year = p.year AND s.unit_id = p.unit_id "
           "AND s.clause_id = p.clause_id WHERE p.year = ? AND p.spring = 1")
    params: list = [year]
    if district is not None:
        sql += " AND p.unit_id BETWEEN ? AND ? AND u.district = ?"
        params += [district * 100, district * 100 + 99, district]
    return rows(db, sql + " ORDER BY u.district, u.zone, c.number", params)


def plan_line_versions(db: sqlite_utils.Database, year: int, unit_id: int) -> pd.DataFrame:
    """clause_id, version and spring flag of a unit's plan lines of ``year``."""
    return frame(db, "SELECT clause_id, version, spring FROM plans WHERE year = ? AND unit_id = ?",
                 [year, unit_id])
