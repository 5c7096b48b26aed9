"""What evidence and comment writes share: the record a file or comment belongs to, the
acting account as stored, the open-year check and the record's history rows."""

from __future__ import annotations

import json

import sqlite_utils

from tracker.domain.errors import PermissionDenied, RowProblem, ValidationFailed, YearClosed
from tracker.domain.model import User
from tracker.store.users import get_user

KINDS = {"status": "status", "plan": "plans"}


def load_record(db: sqlite_utils.Database, kind: str, record_id: int | None) -> dict | None:
    """A status record or plan line (id, year, unit_id, clause_id, version, and for a
    status record status, progress, achieved, evidence, notes); ``None`` if unknown."""
    if kind not in KINDS or record_id is None:
        return None
    extra = ("status, progress, achieved, evidence, notes" if kind == "status"
             else "NULL AS status, NULL AS progress, NULL AS achieved, NULL AS evidence, notes")
    cur = db.execute(f"SELECT id, year, unit_id, clause_id, version, {extra} "
                     f"FROM {KINDS[kind]} WHERE id = ?", [int(record_id)])
    row = cur.fetchone()
    return None if row is None else dict(zip([d[0] for d in cur.description], row,
                                             strict=True))


def record_id_for(db: sqlite_utils.Database, kind: str, year: int, unit_id: int,
                  clause_id: int) -> int | None:
    """The id of the record of (year, unit, clause), or ``None``."""
    if kind not in KINDS:
        return None
    row = db.execute(f"SELECT id FROM {KINDS[kind]} WHERE year = ? AND unit_id = ? "
                     "AND clause_id = ?", [year, unit_id, clause_id]).fetchone()
    return int(row[0]) if row else None


def require_record(db: sqlite_utils.Database, kind: str, record_id: int | None) -> dict:
    rec = load_record(db, kind, record_id)
    if rec is None:
        raise ValidationFailed([RowProblem(None, None, "ev.val.no_record", {})])
    return rec


def acting_user(db: sqlite_utils.Database, user: User) -> User:
    """The acting account as the store holds it now (active, with its current grants):
    a ``User`` kept from before the account was disabled or its roles changed is refused
    or judged by what it may do today."""
    stored = get_user(db, user.id)
    if stored is None or stored.username.lower() != user.username.lower():
        raise PermissionDenied("ev.err.account")
    return stored


def check_open(db: sqlite_utils.Database, year: int) -> None:
    row = db.execute("SELECT closed FROM programs WHERE year = ?", [year]).fetchone()
    if row is None:
        raise ValidationFailed([RowProblem(None, "year", "val.unknown_year", {"year": year})])
    if row[0]:
        raise YearClosed("err.year_closed", year=year)


def write_history(db: sqlite_utils.Database, kind: str, rec: dict, user: User, stamp: str,
                  changes: dict) -> None:
    """One history row of kind ``<kind>_file`` for the record ``rec`` (its version and
    figures unchanged), so file changes sit in the record's history without touching
    the status trends, which read kind ``status`` only."""
    db.execute(
        "INSERT INTO history (kind, record_id, year, unit_id, clause_id, version, changed_at,"
        " changed_by, changed_by_name, status, progress, achieved, changes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [f"{kind}_file", rec["id"], rec["year"], rec["unit_id"], rec["clause_id"],
         rec["version"], stamp, user.id, user.display_name, rec.get("status"),
         rec.get("progress"), rec.get("achieved"), json.dumps(changes, ensure_ascii=False)],
    )
