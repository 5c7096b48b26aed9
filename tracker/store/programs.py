"""Program years: closing (with a final snapshot), reopening, the next year's
program copied from this one, and carrying unfinished work into its plan.

Each act is the coordination office's (``permissions.can_manage``), checked
here in the store, and logged in ``program_events``. Carry-over writes its
draft plan lines through the one write path, so a district editor may carry
over their own district.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import sqlite_utils

from tracker.domain import calendar, limits
from tracker.domain.errors import PermissionDenied, RowProblem, TrackerError, ValidationFailed
from tracker.domain.model import User
from tracker.domain.permissions import can_manage
from tracker.domain.plaintext import control_problem
from tracker.domain.planning import carry_over_lines
from tracker.domain.rollup import city_summary
from tracker.domain.validation import as_number
from tracker.store.evidence import purge_removed
from tracker.store.plans import PLAN
from tracker.store.records import Change, apply_changes
from tracker.store.status import year_records
from tracker.store.tx import check_active, frame, write_tx

CLAUSE_FIELDS = ("title_fa", "title_en", "deputy", "measure_fa", "measure_en", "weight")


def close_year(db: sqlite_utils.Database, actor: User, year: int,
               now: str | None = None) -> int:
    """Close ``year``: its records become read-only; a final snapshot of every
    status record is kept. Returns the snapshot's id."""
    _require_manager(actor)
    stamp = now or calendar.utc_stamp()
    with write_tx(db, actor):
        if _program(db, year)["closed"]:
            raise TrackerError("prog.already_closed", year=year)
        db.execute("UPDATE programs SET closed = 1, closed_at = ?, closed_by = ? WHERE year = ?",
                   [stamp, actor.display_name, year])
        records = year_records(db, year)
        event = _log(db, actor, year, "close", stamp, {"records": len(records)})
        cur = db.execute(
            "INSERT INTO year_snapshots (year, event_id, taken_at, taken_by_name, records, "
            "city_progress) VALUES (?, ?, ?, ?, ?, ?)",
            [year, event, stamp, actor.display_name, len(records),
             city_summary(records).progress],
        )
        snapshot = int(cur.lastrowid)
        db.execute(
            "INSERT INTO year_snapshot_records (snapshot_id, unit_id, clause_id, status, target, "
            "achieved, progress, due_date, budget, blocker, version) SELECT ?, unit_id, "
            "clause_id, status, target, achieved, progress, due_date, budget, blocker, version "
            "FROM status WHERE year = ?", [snapshot, year])
    purge_removed(db, year)  # removed evidence files leave the upload store
    return snapshot


def reopen_year(db: sqlite_utils.Database, actor: User, year: int, reason: str,
                now: str | None = None) -> None:
    """Reopen a closed year (a logged act, with its reason); snapshots are kept."""
    _require_manager(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed([RowProblem(None, "reason", "prog.reason_needed", {})])
    if control_problem(reason):
        raise ValidationFailed([RowProblem(None, "reason", *control_problem(reason))])
    stamp = now or calendar.utc_stamp()
    with write_tx(db, actor):
        if not _program(db, year)["closed"]:
            raise TrackerError("prog.not_closed", year=year)
        db.execute("UPDATE programs SET closed = 0, closed_at = NULL, closed_by = NULL "
                   "WHERE year = ?", [year])
        _log(db, actor, year, "reopen", stamp, {"reason": reason})


def create_next_program(db: sqlite_utils.Database, actor: User, year: int,
                        now: str | None = None) -> int:
    """Create the program of ``year + 1`` by copying the clause catalogue of
    ``year`` (editable afterwards with :func:`update_clause`), with a not-started
    status record per unit and clause. Returns the number of clauses copied."""
    _require_manager(actor)
    stamp = now or calendar.utc_stamp()
    new = year + 1
    with write_tx(db, actor):
        source = _program(db, year)
        if db.execute("SELECT 1 FROM programs WHERE year = ?", [new]).fetchone():
            raise TrackerError("prog.exists", year=new)
        code = str(source["code"])
        code = re.sub(rf"{year}$", str(new), code) if code.endswith(str(year)) \
            else f"{code}_{new}"
        db.execute("INSERT INTO programs (year, code, title_fa, title_en, note) "
                   "VALUES (?, ?, ?, ?, ?)",
                   [new, code, source["title_fa"], source["title_en"],
                    f"copied from the program of {year}"])
        copied = db.execute(
            "INSERT INTO clauses (year, number, title_fa, title_en, deputy, measure_fa, "
            "measure_en, weight, source, confidence) SELECT ?, number, title_fa, title_en, "
            "deputy, measure_fa, measure_en, weight, source, confidence FROM clauses "
            "WHERE year = ? ORDER BY number", [new, year]).rowcount
        db.execute("INSERT OR IGNORE INTO status (year, unit_id, clause_id) "
                   "SELECT c.year, u.id, c.id FROM clauses c CROSS JOIN units u "
                   "WHERE c.year = ?", [new])
        _log(db, actor, new, "copy", stamp, {"from": year, "clauses": copied})
    return copied


def update_clause(db: sqlite_utils.Database, actor: User, clause_id: int, values: dict,
                  now: str | None = None) -> bool:
    """Change a clause of an open program (title, deputy, measure, weight); logged.
    Returns whether anything changed."""
    return update_clauses(db, actor, {clause_id: values}, now) > 0


def update_clauses(db: sqlite_utils.Database, actor: User, changes: dict[int, dict],
                   now: str | None = None) -> int:
    """Change several clauses at once (``{clause_id: {field: value}}``), all or
    nothing: every clause is checked before anything is written; each changed
    clause is logged. Returns how many clauses changed."""
    _require_manager(actor)
    for values in changes.values():
        unknown = set(values) - set(CLAUSE_FIELDS)
        if unknown:
            raise ValueError(f"not editable in a clause: {sorted(unknown)}")
    stamp = now or calendar.utc_stamp()
    with write_tx(db, actor):
        olds, problems = {}, []
        for clause_id, values in changes.items():
            if not limits.sql_int(clause_id):
                raise ValidationFailed([RowProblem(None, "clause", "val.unknown_clause", {})])
            cur = db.execute(f"SELECT year, number, {', '.join(CLAUSE_FIELDS)} FROM clauses "
                             "WHERE id = ?", [clause_id])
            row = cur.fetchone()
            if row is None:
                raise ValidationFailed([RowProblem(None, "clause", "val.unknown_clause", {})])
            old = dict(zip([d[0] for d in cur.description], row, strict=True))
            if _program(db, old["year"])["closed"]:
                raise TrackerError("err.year_closed", year=old["year"])
            problems += _clause_problems(db, old["number"], values)
            olds[clause_id] = old
        if problems:
            raise ValidationFailed(problems)
        changed = 0
        for clause_id, values in changes.items():
            old = olds[clause_id]
            diff = {k: [old[k], v] for k, v in values.items() if old[k] != v}
            if not diff:
                continue
            sets = ", ".join(f"{k} = ?" for k in diff)
            db.execute(f"UPDATE clauses SET {sets} WHERE id = ?",
                       [*(v[1] for v in diff.values()), clause_id])
            _log(db, actor, old["year"], "clause", stamp,
                 {"number": old["number"], "changes": diff})
            changed += 1
    return changed


def add_clause(db: sqlite_utils.Database, actor: User, year: int, values: dict,
               now: str | None = None) -> int:
    """Add a clause to an open program, numbered after the last one, with a
    not-started status record for every unit; logged. Returns its number."""
    _require_manager(actor)
    missing = [f for f in CLAUSE_FIELDS if f not in values]
    if missing:
        raise ValueError(f"a new clause needs {missing}")
    stamp = now or calendar.utc_stamp()
    with write_tx(db, actor):
        if _program(db, year)["closed"]:
            raise TrackerError("err.year_closed", year=year)
        number = db.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM clauses WHERE year = ?",
                            [year]).fetchone()[0]
        problems = _clause_problems(db, number, values)
        if problems:
            raise ValidationFailed(problems)
        cols = ", ".join(CLAUSE_FIELDS)
        marks = ", ".join("?" for _ in CLAUSE_FIELDS)
        clause_id = db.execute(
            f"INSERT INTO clauses (year, number, {cols}, source, confidence) "
            f"VALUES (?, ?, {marks}, ?, ?)",
            [year, number, *(values[f] for f in CLAUSE_FIELDS), "added in the app",
             "coordination office"]).lastrowid
        db.execute("INSERT OR IGNORE INTO status (year, unit_id, clause_id) "
                   "SELECT ?, u.id, ? FROM units u", [year, clause_id])
        _log(db, actor, year, "clause_added", stamp, {"number": number, "values": values})
    return int(number)


def carry_over(db: sqlite_utils.Database, actor: User, from_year: int,
               district: int | None = None, now: str | None = None) -> int:
    """Write draft plan lines of ``from_year + 1`` for the unfinished records of
    ``from_year`` (optionally of one district). Lines that already exist are left
    as the planners made them. Returns the number of lines written."""
    new = from_year + 1
    check_active(db, actor)  # also when nothing is left to carry (apply_changes checks again)
    _program(db, from_year)
    if not limits.sql_int(new) or not db.execute("SELECT 1 FROM programs WHERE year = ?",
                                                 [new]).fetchone():
        raise TrackerError("prog.no_next", year=new)
    sql = ("SELECT s.unit_id, c.number, s.status, s.target, s.achieved, s.progress, "
           "s.blocker, s.contractor, s.responsible FROM status s "
           "JOIN clauses c ON c.id = s.clause_id JOIN units u ON u.id = s.unit_id "
           "WHERE s.year = ?")
    params: list = [from_year]
    if district is not None:
        sql += " AND u.district = ?"
        params.append(district)
    records = frame(db, sql, params)
    clauses = frame(db, "SELECT id, number FROM clauses WHERE year = ?", [new])
    lines = carry_over_lines(records, clauses, from_year)
    existing = {(u, c) for u, c in db.execute(
        "SELECT unit_id, clause_id FROM plans WHERE year = ?", [new]).fetchall()}
    changes = []
    for line in lines.itertuples(index=False):
        if (line.unit_id, line.clause_id) in existing:
            continue
        values = {"target": None if pd.isna(line.target) else float(line.target),
                  "blocker": _text(line.blocker), "contractor": _text(line.contractor),
                  "owner": _text(line.owner), "carried_from": from_year}
        changes.append(Change(year=new, unit_id=int(line.unit_id), clause_id=int(line.clause_id),
                              expected_version=0, values=values, row=int(line.number)))
    if not changes:
        return 0
    written = apply_changes(db, actor, PLAN, changes, now=now)
    with write_tx(db, actor):
        _log(db, actor, new, "carry_over", now or calendar.utc_stamp(),
             {"from": from_year, "district": district, "lines": written})
    return written


def program_events(db: sqlite_utils.Database, year: int | None = None) -> pd.DataFrame:
    """The logged acts on program years, newest first."""
    sql = "SELECT id, year, action, at, actor_name, details FROM program_events"
    params: list = []
    if year is not None:
        sql += " WHERE year = ?"
        params.append(year)
    return frame(db, sql + " ORDER BY id DESC", params)


def snapshots(db: sqlite_utils.Database, year: int) -> pd.DataFrame:
    """The final snapshots kept at each closing of ``year``, newest first."""
    return frame(db, "SELECT id, year, taken_at, taken_by_name, records, city_progress "
                     "FROM year_snapshots WHERE year = ? ORDER BY id DESC", [year])


def snapshot_records(db: sqlite_utils.Database, snapshot_id: int) -> pd.DataFrame:
    return frame(db, "SELECT unit_id, clause_id, status, target, achieved, progress, due_date, "
                     "budget, blocker, version FROM year_snapshot_records WHERE snapshot_id = ? "
                     "ORDER BY unit_id, clause_id", [snapshot_id])


def _require_manager(actor: User) -> None:
    if not can_manage(actor):
        raise PermissionDenied("err.forbidden")


def _program(db: sqlite_utils.Database, year: int) -> dict:
    if not limits.sql_int(year):
        raise ValidationFailed([RowProblem(None, "year", "val.unknown_year", {"year": year})])
    cur = db.execute("SELECT year, code, title_fa, title_en, closed FROM programs "
                     "WHERE year = ?", [year])
    row = cur.fetchone()
    if row is None:
        raise ValidationFailed([RowProblem(None, "year", "val.unknown_year", {"year": year})])
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def _log(db: sqlite_utils.Database, actor: User, year: int, action: str, stamp: str,
         details: dict) -> int:
    cur = db.execute("INSERT INTO program_events (year, action, at, actor_id, actor_name, "
                     "details) VALUES (?, ?, ?, ?, ?, ?)",
                     [year, action, stamp, actor.id, actor.display_name,
                      json.dumps(details, ensure_ascii=False)])
    return int(cur.lastrowid)


def _clause_problems(db: sqlite_utils.Database, number: int, values: dict) -> list[RowProblem]:
    problems = []
    for name in ("title_fa", "title_en", "measure_fa", "measure_en"):
        if name in values and not str(values[name] or "").strip():
            problems.append(RowProblem(number, name, "prog.val.required", {}))
        elif name in values and control_problem(values[name]):
            problems.append(RowProblem(number, name, *control_problem(values[name])))
    if "weight" in values:
        weight = as_number(values["weight"])  # None for text, inf and nan
        if weight is None or weight <= 0:
            problems.append(RowProblem(number, "weight", "prog.val.weight", {}))
        elif limits.problem("weight", weight):
            key, params = limits.problem("weight", weight)
            problems.append(RowProblem(number, "weight", key, params))
    if "deputy" in values and not db.execute("SELECT 1 FROM deputies WHERE code = ?",
                                             [values["deputy"]]).fetchone():
        problems.append(RowProblem(number, "deputy", "prog.val.deputy", {}))
    return problems


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(value).strip() or None
