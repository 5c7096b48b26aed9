"""Reads of status records and their history."""

from __future__ import annotations

import pandas as pd
import sqlite_utils

from tracker.store.tx import frame

_RECORD_COLS = (
    "s.id, s.year, s.unit_id, u.district, u.zone, s.clause_id, c.number, c.title_fa, "
    "c.title_en, c.deputy, c.measure_fa, c.measure_en, c.weight, s.status, s.target, "
    "s.achieved, s.progress, s.due_date, s.responsible, s.contractor, s.budget, s.notes, "
    "s.evidence, s.blocker, s.updated_by_name, s.updated_at, s.version"
)


def unit_records(db: sqlite_utils.Database, year: int, unit_id: int) -> pd.DataFrame:
    """Every clause's record for one unit and year, with the clause's catalogue data."""
    return frame(
        db,
        f"SELECT {_RECORD_COLS} FROM status s JOIN clauses c ON c.id = s.clause_id "
        "JOIN units u ON u.id = s.unit_id WHERE s.year = ? AND s.unit_id = ? ORDER BY c.number",
        [year, unit_id],
    )


def year_records(db: sqlite_utils.Database, year: int,
                 district: int | None = None) -> pd.DataFrame:
    """The figures roll-ups need for a year (optionally one district)."""
    sql = ("SELECT s.id, s.unit_id, u.district, u.zone, s.clause_id, c.number, c.deputy, "
           "c.weight, s.status, s.progress, s.target, s.achieved, s.due_date, s.updated_at "
           "FROM status s JOIN clauses c ON c.id = s.clause_id JOIN units u ON u.id = s.unit_id "
           "WHERE s.year = ?")
    params: list = [year]
    if district is not None:
        # unit ids are district * 100 + zone: a range on the (year, unit_id) index
        sql += " AND s.unit_id BETWEEN ? AND ? AND u.district = ?"
        params += [district * 100, district * 100 + 99, district]
    return frame(db, sql, params)


def record_history(db: sqlite_utils.Database, kind: str, record_id: int) -> pd.DataFrame:
    """A record's history, newest first: version, when, who, the changed fields."""
    return frame(
        db,
        "SELECT version, changed_at, changed_by_name, status, progress, achieved, changes "
        "FROM history WHERE kind = ? AND record_id = ? ORDER BY version DESC",
        [kind, record_id],
    )


def record_by_key(db: sqlite_utils.Database, year: int, unit_id: int,
                  clause_id: int) -> dict | None:
    """One status record as a dict, or None."""
    df = frame(db, "SELECT * FROM status WHERE year = ? AND unit_id = ? AND clause_id = ?",
               [year, unit_id, clause_id])
    return None if df.empty else df.iloc[0].to_dict()
