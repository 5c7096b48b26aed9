"""Field visits: record one (inspectors), correct one (logged, never silent), and the
corrective-action life cycle; reads of verdicts, gaps and actions.

Every write takes the acting user, checks permission here (never only in the page),
validates everything first and writes in one ``BEGIN IMMEDIATE`` transaction
(:func:`tracker.store.tx.write_tx`); any refusal writes nothing.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sqlite_utils

from tracker.domain import calendar, limits, verification
from tracker.domain.errors import PermissionDenied, RowProblem, ValidationFailed, YearClosed
from tracker.domain.model import VERDICTS, User, unit_parts
from tracker.domain.permissions import can_edit_unit, can_verify
from tracker.domain.plaintext import control_problem
from tracker.exchange import uploads
from tracker.store import blobs
from tracker.store.tx import write_tx
from tracker.store.visit_reads import EFFECTIVE, one

# a visit's writes (visits, items, files, corrective actions) leave other caches alone
VISIT_AREAS = ("visits",)

ANSWERS = ("yes", "no", "na")
MAX_TEXT = 2000
MAX_ACTION = 500


@dataclass
class VisitItem:
    """The verdict on one clause: checklist answers ``{item number: yes|no|na}``."""

    clause_id: int
    verdict: str
    answers: dict = field(default_factory=dict)
    findings: str = ""


@dataclass
class NewAction:
    """A corrective action the unit must take by ``due_date``."""

    description: str
    due_date: date
    clause_id: int | None = None


@dataclass
class Upload:
    """An uploaded evidence file as received: the sender's name and the bytes."""

    name: str
    data: bytes
    clause_id: int | None = None


# -- writes ------------------------------------------------------------------------

def record_visit(db: sqlite_utils.Database, actor: User, year: int, unit_id: int,
                 visit_date: date, items: Sequence[VisitItem], *, summary: str = "",
                 actions: Sequence[NewAction] = (), files: Sequence[Upload] = (),
                 now: str | None = None, uploads_root: Path | None = None,
                 today: date | None = None) -> int:
    """Submit a visit with its verdicts, evidence and corrective actions; returns its id.

    Only inspectors and admins may. Raises PermissionDenied, YearClosed or
    ValidationFailed (then nothing is written, no file is kept).
    """
    if not can_verify(actor):
        raise PermissionDenied("vis.err.not_inspector")
    stamp = now or calendar.utc_stamp()
    today = today or calendar.today_tehran()
    written: list[str] = []
    try:
        with write_tx(db, actor, VISIT_AREAS):
            _check_year(db, year)
            clauses = _clauses(db, year)
            problems = _check_visit(db, unit_id, visit_date, items, summary, actions, clauses,
                                    today)
            checked = _check_files(files, {i.clause_id for i in items}, clauses, problems)
            if problems:
                raise ValidationFailed(problems)
            cur = db.execute(
                "INSERT INTO visits (year, unit_id, visit_date, inspector_id, inspector_name,"
                " summary, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [year, unit_id, visit_date.isoformat(), actor.id, actor.display_name,
                 summary.strip(), stamp])
            visit_id = int(cur.lastrowid)
            for it in items:
                answers = {str(k): v for k, v in sorted(it.answers.items()) if v}
                db.execute(
                    "INSERT INTO visit_items (visit_id, clause_id, verdict, answers, findings)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [visit_id, it.clause_id, it.verdict, json.dumps(answers),
                     it.findings.strip()])
            for a in actions:
                cur = db.execute(
                    "INSERT INTO corrective_actions (visit_id, year, unit_id, clause_id,"
                    " description, due_date) VALUES (?, ?, ?, ?, ?, ?)",
                    [visit_id, year, unit_id, a.clause_id, a.description.strip(),
                     a.due_date.isoformat()])
                _event(db, int(cur.lastrowid), "created", "open", actor, stamp, "")
            for up, ok in checked:
                # kept once in the shared upload store (tracker.store.blobs), by content;
                # the row's stored_name stays a unique reference with the type's ending
                blob, created = blobs.put(ok.data, ok.sha256, ok.ext, uploads_root)
                if created:
                    written.append(blob)
                db.execute(
                    "INSERT INTO visit_files (visit_id, clause_id, stored_name, original_name,"
                    " mime, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [visit_id, up.clause_id, f"{secrets.token_hex(16)}.{ok.ext}",
                     ok.shown_name, ok.mime, ok.size, ok.sha256])
            return visit_id
    except BaseException:
        for blob in written:
            blobs.remove(blob, uploads_root)
        raise


def add_correction(db: sqlite_utils.Database, actor: User, visit_id: int, clause_id: int,
                   field_name: str, new_value: str, reason: str,
                   now: str | None = None) -> int:
    """Correct a submitted visit's verdict or findings of one clause, with a reason.

    The visit itself never changes: the correction is logged (who, when, old, new, why)
    and readers apply the latest one. Only inspectors and admins may.
    """
    if not can_verify(actor):
        raise PermissionDenied("vis.err.not_inspector")
    stamp = now or calendar.utc_stamp()
    with write_tx(db, actor, VISIT_AREAS):
        if not (limits.sql_int(visit_id) and limits.sql_int(clause_id)):
            raise ValidationFailed([RowProblem(None, None, "vis.val.no_such_item", {})])
        item = one(db, "SELECT vi.id, v.year FROM visit_items vi JOIN visits v "
                        "ON v.id = vi.visit_id WHERE vi.visit_id = ? AND vi.clause_id = ?",
                    [visit_id, clause_id])
        if item is None:
            raise ValidationFailed([RowProblem(None, None, "vis.val.no_such_item", {})])
        _check_year(db, int(item["year"]))
        value = (new_value or "").strip()
        problems = []
        if field_name not in ("verdict", "findings"):
            raise ValueError(f"not correctable: {field_name!r}")
        if field_name == "verdict" and value not in VERDICTS:
            problems.append(RowProblem(None, "verdict", "vis.val.verdict", {"value": value}))
        if len(value) > MAX_TEXT:
            problems.append(RowProblem(None, field_name, "val.too_long", {"max": MAX_TEXT}))
        if not (reason or "").strip():
            problems.append(RowProblem(None, "reason", "vis.val.reason_needed", {}))
        for name, text in ((field_name, value), ("reason", reason)):
            if control_problem(text):
                problems.append(RowProblem(None, name, *control_problem(text)))
        old = _effective(db, int(item["id"]), field_name)
        if not problems and old == value:
            problems.append(RowProblem(None, field_name, "vis.val.no_change", {}))
        if problems:
            raise ValidationFailed(problems)
        cur = db.execute(
            "INSERT INTO visit_corrections (visit_id, visit_item_id, field, old_value,"
            " new_value, reason, at, by_id, by_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [visit_id, item["id"], field_name, old, value, reason.strip(), stamp, actor.id,
             actor.display_name])
        return int(cur.lastrowid)


def resolve_action(db: sqlite_utils.Database, actor: User, action_id: int, note: str = "",
                   now: str | None = None) -> str:
    """The unit says the action is done (its editors only); returns the new state."""
    stamp = now or calendar.utc_stamp()
    with write_tx(db, actor, VISIT_AREAS):
        action = _action(db, action_id)
        district, zone = unit_parts(int(action["unit_id"]))
        if not can_edit_unit(actor, district, zone):
            raise PermissionDenied("vis.err.not_your_unit")
        state = verification.next_state(action["status"], "resolve")
        _check_note(note, required=False)
        db.execute(
            "UPDATE corrective_actions SET status = ?, resolved_by = ?, resolved_by_name = ?,"
            " resolved_at = ?, resolution_note = ?, version = version + 1 WHERE id = ?",
            [state, actor.id, actor.display_name, stamp, note.strip(), action_id])
        _event(db, action_id, "resolve", state, actor, stamp, note)
        return state


def confirm_action(db: sqlite_utils.Database, actor: User, action_id: int,
                   accept: bool = True, note: str = "", now: str | None = None) -> str:
    """An inspector confirms a resolved action, or reopens it (a reason is needed)."""
    if not can_verify(actor):
        raise PermissionDenied("vis.err.not_inspector")
    stamp = now or calendar.utc_stamp()
    event = "confirm" if accept else "reopen"
    with write_tx(db, actor, VISIT_AREAS):
        action = _action(db, action_id)
        state = verification.next_state(action["status"], event)
        _check_note(note, required=not accept)
        if accept:
            db.execute(
                "UPDATE corrective_actions SET status = ?, confirmed_by = ?,"
                " confirmed_by_name = ?, confirmed_at = ?, version = version + 1 WHERE id = ?",
                [state, actor.id, actor.display_name, stamp, action_id])
        else:
            db.execute("UPDATE corrective_actions SET status = ?, version = version + 1 "
                       "WHERE id = ?", [state, action_id])
        _event(db, action_id, event, state, actor, stamp, note)
        return state


# -- helpers -----------------------------------------------------------------------

def _check_year(db: sqlite_utils.Database, year: int) -> None:
    row = db.execute("SELECT closed FROM programs WHERE year = ?",
                     [year]).fetchone() if limits.sql_int(year) else None
    if row is None:
        raise ValidationFailed([RowProblem(None, "year", "val.unknown_year", {"year": year})])
    if row[0]:
        raise YearClosed("err.year_closed", year=year)


def _clauses(db: sqlite_utils.Database, year: int) -> dict[int, int]:
    """clause id -> clause number, for the year's program."""
    return dict(db.execute("SELECT id, number FROM clauses WHERE year = ?", [year]).fetchall())


def _checklist_numbers(db: sqlite_utils.Database) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for number, item in db.execute("SELECT clause_number, item FROM checklist_items"):
        out.setdefault(int(number), set()).add(int(item))
    return out


def _check_visit(db, unit_id, visit_date, items, summary, actions, clauses, today):
    problems: list[RowProblem] = []
    if not limits.sql_int(unit_id) or not db.execute("SELECT 1 FROM units WHERE id = ?",
                                                     [unit_id]).fetchone():
        problems.append(RowProblem(None, "unit", "val.unknown_unit", {}))
    if not isinstance(visit_date, date):
        problems.append(RowProblem(None, "visit_date", "vis.val.date_needed", {}))
    elif visit_date > today:
        problems.append(RowProblem(None, "visit_date", "vis.val.future_date", {}))
    if not items:
        problems.append(RowProblem(None, "clauses", "vis.val.no_clauses", {}))
    if len(summary or "") > MAX_TEXT:
        problems.append(RowProblem(None, "summary", "val.too_long", {"max": MAX_TEXT}))
    if control_problem(summary):
        problems.append(RowProblem(None, "summary", *control_problem(summary)))
    checklists = _checklist_numbers(db)
    seen: set[int] = set()
    for it in items:
        number = clauses.get(it.clause_id)
        if number is None:
            problems.append(RowProblem(None, "clause", "val.unknown_clause", {}))
            continue
        if it.clause_id in seen:
            problems.append(RowProblem(number, "clause", "vis.val.clause_twice", {}))
        seen.add(it.clause_id)
        if it.verdict not in VERDICTS:
            problems.append(RowProblem(number, "verdict", "vis.val.verdict",
                                       {"value": str(it.verdict)}))
        elif it.verdict in verification.CONTRADICTING and not (it.findings or "").strip():
            problems.append(RowProblem(number, "findings", "vis.val.findings_needed", {}))
        if len(it.findings or "") > MAX_TEXT:
            problems.append(RowProblem(number, "findings", "val.too_long", {"max": MAX_TEXT}))
        if control_problem(it.findings):
            problems.append(RowProblem(number, "findings", *control_problem(it.findings)))
        known = checklists.get(number, set())
        for k, v in it.answers.items():
            if not str(k).isdigit() or int(k) not in known or (v and v not in ANSWERS):
                problems.append(RowProblem(number, "answers", "vis.val.answer", {"item": k}))
    for a in actions:
        row = clauses.get(a.clause_id) if a.clause_id is not None else None
        if a.clause_id is not None and a.clause_id not in seen:
            problems.append(RowProblem(row, "action", "vis.val.action_clause", {}))
        if not (a.description or "").strip():
            problems.append(RowProblem(row, "action", "vis.val.action_empty", {}))
        elif len(a.description) > MAX_ACTION:
            problems.append(RowProblem(row, "action", "val.too_long", {"max": MAX_ACTION}))
        elif control_problem(a.description):
            problems.append(RowProblem(row, "action", *control_problem(a.description)))
        if not isinstance(a.due_date, date):
            problems.append(RowProblem(row, "due", "vis.val.due_needed", {}))
        elif isinstance(visit_date, date) and a.due_date < visit_date:
            problems.append(RowProblem(row, "due", "vis.val.due_before_visit", {}))
    return problems


def _check_files(files, item_clauses, clauses, problems):
    lim = uploads.limits()
    if len(files) > lim.max_files:
        problems.append(RowProblem(None, "files", "vis.val.too_many_files",
                                   {"max": lim.max_files}))
        return []
    checked = []
    for up in files:
        ok, key, params = uploads.check_upload(up.name, up.data, lim)
        if ok is None:
            problems.append(RowProblem(None, "files", key, params))
            continue
        if up.clause_id is not None and up.clause_id not in item_clauses:
            problems.append(RowProblem(clauses.get(up.clause_id), "files",
                                       "vis.val.action_clause", {}))
            continue
        checked.append((up, ok))
    return checked


def _check_note(note: str, required: bool) -> None:
    if required and not (note or "").strip():
        raise ValidationFailed([RowProblem(None, "note", "vis.val.reason_needed", {})])
    if len(note or "") > MAX_ACTION:
        raise ValidationFailed([RowProblem(None, "note", "val.too_long", {"max": MAX_ACTION})])
    if control_problem(note):
        raise ValidationFailed([RowProblem(None, "note", *control_problem(note))])


def _effective(db: sqlite_utils.Database, item_id: int, field_name: str) -> str:
    row = db.execute(f"SELECT {EFFECTIVE.format(f=field_name)} FROM visit_items vi "
                     "WHERE vi.id = ?", [item_id]).fetchone()
    return str(row[0] or "")


def _action(db: sqlite_utils.Database, action_id: int) -> dict:
    """The action (id, year, unit_id, status, version); refused once its year is closed:
    a closed year's actions stay as they were at the close, like its records."""
    if not limits.sql_int(action_id):
        raise ValidationFailed([RowProblem(None, None, "vis.val.no_such_action", {})])
    row = one(db, "SELECT id, year, unit_id, status, version FROM corrective_actions "
                  "WHERE id = ?", [action_id])
    if row is None:
        raise ValidationFailed([RowProblem(None, None, "vis.val.no_such_action", {})])
    _check_year(db, int(row["year"]))
    return row


def _event(db, action_id: int, event: str, state: str, actor: User, stamp: str,
           note: str) -> None:
    db.execute("INSERT INTO action_events (action_id, event, status, at, by_id, by_name, note)"
               " VALUES (?, ?, ?, ?, ?, ?, ?)",
               [action_id, event, state, stamp, actor.id, actor.display_name,
                (note or "").strip()])
