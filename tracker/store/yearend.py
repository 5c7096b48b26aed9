"""Reads for the year-end page: status records as of a day, spring-campaign items."""

from __future__ import annotations

import pandas as pd
import sqlite_utils

from tracker.store.compare import records_at
from tracker.store.tx import frame


def records_as_of(db: sqlite_utils.Database, year: int, until_stamp: str,
                  district: int | None = None) -> pd.DataFrame:
    """Each status record of ``year`` with its status, progress and achieved
    quantity as the history had them at ``until_stamp`` (UTC; a record without
    history by then is not started), plus its current target and due date
    (:func:`tracker.store.compare.records_at` with the clause texts)."""
    return records_at(db, year, until_stamp, district, detail=True)


def spring_items(db: sqlite_utils.Database, year: int,
                 district: int | None = None) -> pd.DataFrame:
    """The clauses whose year-end work is in the spring campaign (plan lines of
    ``year`` with spring = 1), with the record's current remaining work."""
    sql = ("SELECT p.id, p.unit_id, u.district, u.zone, p.clause_id, c.number, c.title_fa, "
           "c.title_en, c.measure_fa, c.measure_en, s.status, s.target, s.achieved, "
           "s.progress, p.budget, p.owner, p.version, p.updated_by_name, p.updated_at "
           "FROM plans p JOIN units u ON u.id = p.unit_id JOIN clauses c ON c.id = p.clause_id "
           "LEFT JOIN status s ON s.year = p.year AND s.unit_id = p.unit_id "
           "AND s.clause_id = p.clause_id WHERE p.year = ? AND p.spring = 1")
    params: list = [year]
    if district is not None:
        sql += " AND u.district = ?"
        params.append(district)
    return frame(db, sql + " ORDER BY u.district, u.zone, c.number", params)


def plan_line_versions(db: sqlite_utils.Database, year: int, unit_id: int) -> pd.DataFrame:
    """clause_id, version and spring flag of a unit's plan lines of ``year``."""
    return frame(db, "SELECT clause_id, version, spring FROM plans WHERE year = ? AND unit_id = ?",
                 [year, unit_id])
