"""Reads for the summary page: the status changes of a period (counts and the latest)."""

from __future__ import annotations

import pandas as pd
import sqlite_utils

from tracker.store.tx import Rows, frame, rows

_WINDOW = "h.kind = 'status' AND h.year = ? AND h.changed_at > ? AND h.changed_at <= ?"


def change_counts(db: sqlite_utils.Database, year: int, since: str, until: str) -> dict:
    """How many status changes of ``year`` were saved with ``since < changed_at <=
    until`` (UTC stamps), by how many units and how many people."""
    row = db.execute(
        "SELECT COUNT(*), COUNT(DISTINCT h.unit_id), COUNT(DISTINCT h.changed_by) "
        f"FROM history h WHERE {_WINDOW}", [year, since, until]).fetchone()
    return {"changes": int(row[0]), "units": int(row[1]), "people": int(row[2])}


#: the columns of :func:`change_counts_rows`
CHANGE_COUNT_COLUMNS = ("district", "changes", "units")


def change_counts_rows(db: sqlite_utils.Database, year: int, since: str, until: str,
                       district: int | None = None) -> Rows:
    """Per district (of one, if given) with a change in the window of
    :func:`change_counts`: how many status changes and by how many units (both add up
    over districts to the city's). One district's are read through its units' index
    entries, not the whole city's changes of the window."""
    params: list = [year, since, until]
    source = "history h"
    if district is not None:
        source = "history h INDEXED BY history_unit"
        params += [district * 100, district * 100 + 99]
    return rows(
        db,
        "SELECT h.unit_id / 100 AS district, COUNT(*) AS changes, "
        f"COUNT(DISTINCT h.unit_id) AS units FROM {source} WHERE {_WINDOW}"
        + (" AND h.unit_id BETWEEN ? AND ?" if district is not None else "")
        + " GROUP BY h.unit_id / 100 ORDER BY district", params)


def latest_changes(db: sqlite_utils.Database, year: int, since: str, until: str,
                   limit: int = 12) -> pd.DataFrame:
    """The ``limit`` latest status changes of ``year`` in the same window, newest first:
    changed_at, district, zone, number, title_fa, title_en, status, progress,
    changed_by_name."""
    return frame(
        db,
        "SELECT h.changed_at, u.district, u.zone, c.number, c.title_fa, c.title_en, "
        "h.status, h.progress, h.changed_by_name FROM history h "
        "JOIN units u ON u.id = h.unit_id JOIN clauses c ON c.id = h.clause_id "
        f"WHERE {_WINDOW} ORDER BY h.changed_at DESC, h.id DESC LIMIT ?",
        [year, since, until, int(limit)],
    )
