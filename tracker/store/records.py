"""The one write path for versioned records (status records, plan lines).

:func:`apply_changes` takes the acting user and a batch of changes, and in one
``BEGIN IMMEDIATE`` transaction: refuses a closed year, checks permission for
every row, refuses stale versions, validates each record as it would become,
then writes the records and their append-only history. Any refusal writes
nothing of the batch.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlite_utils

from tracker.domain import calendar, limits

# the types of a change are the domain's (tracker.domain.changes); re-exported for the callers
from tracker.domain.changes import STATUS, Change, RecordKind  # noqa: F401
from tracker.domain.errors import (
    Conflict,
    ConflictInfo,
    PermissionDenied,
    RowProblem,
    ValidationFailed,
    YearClosed,
)
from tracker.domain.model import User, unit_parts
from tracker.domain.permissions import can_edit_unit
from tracker.store.tx import write_tx


def _status_context(db: sqlite_utils.Database, c: Change, current: dict | None) -> dict:
    """What a status record's validator sees beyond its own fields: the evidence files
    attached and the program's rule for "done" (tracker.store.evidence)."""
    from tracker.store.evidence import done_context

    return done_context(db, c.year, "status", (current or {}).get("id"))


#: extra validation context per kind of record (history.kind -> reader)
CONTEXT = {"status": _status_context}


def apply_changes(db: sqlite_utils.Database, user: User, kind: RecordKind,
                  changes: Sequence[Change], now: str | None = None) -> int:
    """Write a batch of changes atomically; returns how many records changed.

    Raises YearClosed, PermissionDenied, Conflict or ValidationFailed and then
    writes nothing.
    """
    stamp = now or calendar.utc_stamp()
    # only the caches of this kind of record (and of these years, and of these years'
    # districts: "status:1405:3") go stale
    areas = [kind.table, *(f"{kind.table}:{y}" for y in {c.year for c in changes}),
             *(f"{kind.table}:{y}:{d}" for y, d in {(c.year, _district_of(c)) for c in changes})]
    with write_tx(db, user, areas):
        _check_years_open(db, {c.year for c in changes})
        _check_permission(db, user, changes)
        plans = [_plan(db, kind, c) for c in changes]
        conflicts = [p.conflict for p in plans if p.conflict]
        if conflicts:
            raise Conflict(conflicts)
        problems = [pr for p in plans for pr in p.problems]
        if problems:
            raise ValidationFailed(problems)
        written = 0
        for p in plans:
            if p.diff:
                _write(db, kind, user, p, stamp)
                written += 1
        return written


def _district_of(c: Change) -> int | str:
    """The district of a change's unit (its revision: "status:<year>:<district>"); a
    unit id that is not a number bumps "?", and is refused before anything is written."""
    return unit_parts(c.unit_id)[0] if limits.sql_int(c.unit_id) else "?"


@dataclass
class _Planned:
    change: Change
    current: dict | None
    new: dict
    diff: dict
    conflict: ConflictInfo | None = None
    problems: list[RowProblem] = field(default_factory=list)


def _check_years_open(db: sqlite_utils.Database, years: set[int]) -> None:
    for year in sorted(years):
        row = db.execute("SELECT closed FROM programs WHERE year = ?",
                         [year]).fetchone() if limits.sql_int(year) else None
        if row is None:
            raise ValidationFailed([RowProblem(None, "year", "val.unknown_year", {"year": year})])
        if row[0]:
            raise YearClosed("err.year_closed", year=year)


def _check_permission(db: sqlite_utils.Database, user: User, changes: Sequence[Change]) -> None:
    for c in changes:
        if not (limits.sql_int(c.unit_id) and limits.sql_int(c.clause_id)):
            raise ValidationFailed([RowProblem(c.row, "unit", "val.unknown_unit", {})])
        district, zone = unit_parts(c.unit_id)
        if not can_edit_unit(user, district, zone):
            raise PermissionDenied("err.unit_forbidden", unit=_unit_label(db, c.unit_id))


def _unit_label(db: sqlite_utils.Database, unit_id: int) -> str:
    row = db.execute("SELECT name_fa, name_en FROM units WHERE id = ?", [unit_id]).fetchone()
    if row is None:
        return str(unit_id)
    district, zone = unit_parts(unit_id)
    if zone:
        d = db.execute("SELECT name_fa, name_en FROM units WHERE id = ?",
                       [district * 100]).fetchone()
        return f"{d[0]} / {row[0]} — {d[1]} / {row[1]}" if d else row[0]
    return f"{row[0]} — {row[1]}"


def _plan(db: sqlite_utils.Database, kind: RecordKind, c: Change) -> _Planned:
    current = _load(db, kind, c)
    problems: list[RowProblem] = []
    unknown = set(c.values) - set(kind.fields)
    if unknown:
        raise ValueError(f"not editable in {kind.name}: {sorted(unknown)}")
    if not _clause_in_year(db, c.clause_id, c.year):
        problems.append(RowProblem(c.row, "clause", "val.unknown_clause", {}))
    if not db.execute("SELECT 1 FROM units WHERE id = ?", [c.unit_id]).fetchone():
        problems.append(RowProblem(c.row, "unit", "val.unknown_unit", {}))
    base = current or {**{f: None for f in kind.fields}, **kind.defaults, "version": 0}
    version = int(base.get("version") or 0)
    if version != c.expected_version:
        return _Planned(c, current, base, {}, conflict=_conflict(db, kind, c, base))
    merged = {f: base.get(f) for f in kind.fields} | dict(c.values)
    new = kind.normalize(merged, set(c.values))
    reader = CONTEXT.get(kind.name)
    extra = reader(db, c, current) if reader else {}
    for fld, key, params in kind.validate(new | extra):
        problems.append(RowProblem(c.row, fld, key, params))
    diff = {f: [base.get(f), new.get(f)] for f in kind.fields if not _same(base.get(f), new.get(f))}
    return _Planned(c, current, new, diff, problems=problems)


def _load(db: sqlite_utils.Database, kind: RecordKind, c: Change) -> dict | None:
    cur = db.execute(
        f"SELECT * FROM {kind.table} WHERE year = ? AND unit_id = ? AND clause_id = ?",
        [c.year, c.unit_id, c.clause_id],
    )
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def _clause_in_year(db: sqlite_utils.Database, clause_id: int, year: int) -> bool:
    return bool(db.execute("SELECT 1 FROM clauses WHERE id = ? AND year = ?",
                           [clause_id, year]).fetchone())


def _conflict(db: sqlite_utils.Database, kind: RecordKind, c: Change, base: dict) -> ConflictInfo:
    theirs = {f: [base.get(f), v] for f, v in c.values.items() if not _same(base.get(f), v)}
    return ConflictInfo(
        row=c.row, record_id=int(base.get("id") or 0), expected_version=c.expected_version,
        current_version=int(base.get("version") or 0), changed_by=base.get("updated_by_name"),
        changed_at=base.get("updated_at"), changes=theirs,
    )


def _write(db: sqlite_utils.Database, kind: RecordKind, user: User, p: _Planned,
           stamp: str) -> None:
    c = p.change
    version = int((p.current or {}).get("version") or 0) + 1
    values = {f: p.new.get(f) for f in kind.fields}
    meta = {"updated_by": user.id, "updated_by_name": user.display_name,
            "updated_at": stamp, "version": version}
    if p.current is None:
        row = {"year": c.year, "unit_id": c.unit_id, "clause_id": c.clause_id} | values | meta
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cur = db.execute(f"INSERT INTO {kind.table} ({cols}) VALUES ({marks})", list(row.values()))
        record_id = cur.lastrowid
    else:
        record_id = p.current["id"]
        row = values | meta
        sets = ", ".join(f"{k} = ?" for k in row)
        db.execute(f"UPDATE {kind.table} SET {sets} WHERE id = ?", [*row.values(), record_id])
    db.execute(
        "INSERT INTO history (kind, record_id, year, unit_id, clause_id, version, changed_at,"
        " changed_by, changed_by_name, status, progress, achieved, changes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [kind.name, record_id, c.year, c.unit_id, c.clause_id, version, stamp, user.id,
         user.display_name, p.new.get("status"), p.new.get("progress"), p.new.get("achieved"),
         json.dumps(p.diff, ensure_ascii=False)],
    )


def _same(a: object, b: object) -> bool:
    if _empty(a) and _empty(b):
        return True
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return a == b


def _empty(v: object) -> bool:
    return v is None or v == "" or (isinstance(v, float) and v != v)


def check_changes(db: sqlite_utils.Database, kind: RecordKind,
                  changes: Sequence[Change]) -> list[RowProblem]:
    """Every validation problem of ``changes`` as they would be written; writes nothing.

    A page whose grid also holds cells it could not read (a bad date) calls this to
    report every problem of the save at once; the save itself still goes through
    :func:`apply_changes`. Rows saved by someone else meanwhile are left to it.
    """
    return [pr for c in changes for pr in _plan(db, kind, c).problems]
