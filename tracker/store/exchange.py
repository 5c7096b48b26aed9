"""Reads for templates, exports and imports, and the import's write.

The import itself (reading a file, checking every row) is pure and lives in
:mod:`tracker.exchange.importing`; this module gives it what the database knows and
writes the checked rows through the one write path, ``apply_changes``.
"""

from __future__ import annotations

import pandas as pd
import sqlite_utils

from tracker.domain.errors import Conflict, RowProblem, ValidationFailed
from tracker.domain.model import User
from tracker.exchange import importing
from tracker.store import records as store_records
from tracker.store.tx import frame

_COLS = (
    "s.id, s.year, s.unit_id, u.district, u.zone, u.name_fa AS unit_fa, u.name_en AS unit_en, "
    "s.clause_id, c.number, c.title_fa, c.title_en, c.measure_fa, c.measure_en, c.weight, "
    "s.status, s.target, s.achieved, s.progress, s.due_date, s.responsible, s.contractor, "
    "s.budget, s.notes, s.evidence, s.blocker, s.updated_by_name, s.updated_at, s.version"
)


def exchange_records(db: sqlite_utils.Database, year: int,
                     district: int | None = None) -> pd.DataFrame:
    """Every record of a year (or of one district), with unit names and clause titles,
    ordered as the template lists them: district, zone, clause number."""
    sql = (f"SELECT {_COLS} FROM status s JOIN clauses c ON c.id = s.clause_id "
           "JOIN units u ON u.id = s.unit_id WHERE s.year = ?")
    params: list = [year]
    if district is not None:
        sql += " AND u.district = ?"
        params.append(district)
    return frame(db, sql + " ORDER BY u.district, u.zone, c.number", params)


def catalog(db: sqlite_utils.Database, years: set[int]) -> importing.Catalog:
    """What an import is checked against: units, programs, clauses and the current
    records of the ``years`` named in the file."""
    wanted = sorted(years)
    marks = ", ".join("?" for _ in wanted) or "NULL"
    units = frame(db, "SELECT id, district, zone FROM units")
    programs = frame(db, "SELECT year, closed FROM programs")
    clauses = frame(db, f"SELECT id, year, number FROM clauses WHERE year IN ({marks})", wanted)
    records = frame(
        db,
        "SELECT year, unit_id, clause_id, status, target, achieved, progress, due_date, "
        "responsible, contractor, budget, notes, evidence, blocker, version "
        f"FROM status WHERE year IN ({marks})",
        wanted,
    )
    return importing.Catalog(units=units, programs=programs, clauses=clauses, records=records)


def run_import(db: sqlite_utils.Database, user: User, data: bytes,
               lang: str = "fa") -> importing.ImportResult:
    """Read, check and (only if every row is good) write a filled template.

    Raises :class:`tracker.exchange.importing.ImportRefused` for a file that cannot be read
    at all. Row problems come back in the result and then nothing is written; a
    refusal by the write path itself (someone saved in between, a closed year)
    comes back the same way.
    """
    table = importing.read_table(data)
    checked = importing.check_rows(table, catalog(db, importing.years_in(table)), user)
    if checked.problems or not checked.changes:
        return checked
    try:
        written = store_records.apply_changes(db, user, store_records.STATUS, checked.changes)
    except ValidationFailed as exc:
        return checked.with_problems(exc.problems)
    except Conflict as exc:
        return checked.with_problems(
            [RowProblem(c.row, "version", "io.val.stale", {"version": c.current_version})
             for c in exc.conflicts])
    return checked.written_as(written)
