"""Plan lines: the record kind for the one write path, and reads.

Plan lines are written only through :func:`tracker.store.records.apply_changes`
with :data:`PLAN`, so they share the status records' history (kind ``plan``),
permission, closed-year and stale-version rules.
"""

from __future__ import annotations

import pandas as pd
import sqlite_utils

from tracker.domain.changes import RecordKind
from tracker.domain.planning import normalize_plan, validate_plan
from tracker.store.tx import frame

PLAN = RecordKind(
    name="plan",
    table="plans",
    fields=("actions", "target", "budget", "q1", "q2", "q3", "q4", "contractor", "priority",
            "spring", "owner", "notes", "blocker", "carried_from"),
    normalize=normalize_plan,
    validate=validate_plan,
    defaults={"q1": 0, "q2": 0, "q3": 0, "q4": 0, "spring": 0},
)

_LINE_COLS = ("p.actions, p.target, p.budget, p.q1, p.q2, p.q3, p.q4, p.contractor, "
              "p.priority, p.spring, p.owner, p.notes, p.blocker, p.carried_from, "
              "p.updated_by_name, p.updated_at")
_CLAUSE_COLS = "c.number, c.title_fa, c.title_en, c.deputy, c.measure_fa, c.measure_en"


def unit_plan(db: sqlite_utils.Database, year: int, unit_id: int) -> pd.DataFrame:
    """Every clause of ``year`` for one unit, with its plan line if it has one
    (a clause without a line has version 0 and empty fields)."""
    df = frame(
        db,
        f"SELECT p.id, ? AS year, ? AS unit_id, c.id AS clause_id, {_CLAUSE_COLS}, "
        f"{_LINE_COLS}, COALESCE(p.version, 0) AS version FROM clauses c "
        "LEFT JOIN plans p ON p.clause_id = c.id AND p.year = c.year AND p.unit_id = ? "
        "WHERE c.year = ? ORDER BY c.number",
        [year, unit_id, unit_id, year],
    )
    for name in ("q1", "q2", "q3", "q4", "spring"):
        df[name] = df[name].fillna(0).astype(int)
    return df


def year_plans(db: sqlite_utils.Database, year: int,
               district: int | None = None) -> pd.DataFrame:
    """The plan lines of a year (optionally one district), with unit and clause data."""
    sql = (f"SELECT p.id, p.year, p.unit_id, u.district, u.zone, p.clause_id, {_CLAUSE_COLS}, "
           f"{_LINE_COLS}, p.version FROM plans p JOIN clauses c ON c.id = p.clause_id "
           "JOIN units u ON u.id = p.unit_id WHERE p.year = ?")
    params: list = [year]
    if district is not None:
        sql += " AND u.district = ?"
        params.append(district)
    return frame(db, sql + " ORDER BY u.district, u.zone, c.number", params)


def plan_actuals(db: sqlite_utils.Database, year: int,
                 district: int | None = None) -> pd.DataFrame:
    """Status figures of ``year`` for the units and clauses that have a plan line."""
    sql = ("SELECT s.unit_id, s.clause_id, s.status, s.achieved, s.progress FROM status s "
           "JOIN plans p ON p.year = s.year AND p.unit_id = s.unit_id "
           "AND p.clause_id = s.clause_id JOIN units u ON u.id = s.unit_id WHERE s.year = ?")
    params: list = [year]
    if district is not None:
        sql += " AND u.district = ?"
        params.append(district)
    return frame(db, sql, params)


def plan_history(db: sqlite_utils.Database, record_id: int) -> pd.DataFrame:
    """A plan line's history, newest first."""
    return frame(db, "SELECT version, changed_at, changed_by_name, changes FROM history "
                     "WHERE kind = 'plan' AND record_id = ? ORDER BY version DESC", [record_id])
