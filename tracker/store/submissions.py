"""Submissions: a unit's update for a period, its review, and its history.

Every act takes the acting user; the rules (:mod:`tracker.domain.periods`) are checked here,
in the write path, inside one ``BEGIN IMMEDIATE`` transaction, and every act is logged
in ``submission_events`` (who, when, comment). Accepting or sending back notifies the
submitter; submitting notifies the reviewers.

A clause counts as *changed in the period* when its status record has a history row
stamped on or after the period's first day (Tehran); every applicable clause (its record
is not "not applicable") must be changed or confirmed "no change" before a submit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, time

import sqlite_utils

from tracker.domain import calendar
from tracker.domain import periods as P
from tracker.domain.errors import TrackerError, YearClosed
from tracker.domain.fmt import digits
from tracker.domain.model import User
from tracker.store import inbox
from tracker.store.periods import CycleRefused, _event, get_period, refused
from tracker.store.tx import write_tx
from tracker.store.zones_first import ZonesFirst, blocking_zones

SNAPSHOT_FIELDS = ("clause_id", "number", "status", "progress", "target", "achieved",
                   "due_date", "budget", "responsible", "version", "updated_at")


class MissingClauses(TrackerError):
    """A submit with clauses neither changed in the period nor confirmed "no change"."""

    def __init__(self, numbers: list[int]) -> None:
        super().__init__("cyc.err.missing_clauses", count=len(numbers))
        self.numbers = numbers

    def message(self, lang: str = "fa") -> str:
        from tracker.domain.i18n import t

        sep = "، " if lang == "fa" else ", "
        return t(self.key, lang, count=len(self.numbers),
                 clauses=sep.join(digits(n, lang) for n in self.numbers))


# -- reads -------------------------------------------------------------------------

def period_start_stamp(period: P.Period) -> str:
    """UTC stamp of 00:00 Tehran on the period's first day."""
    return calendar.utc_stamp(datetime.combine(period.starts, time(0, 0),
                                               tzinfo=calendar.TEHRAN))


def clause_checklist(db: sqlite_utils.Database, period: P.Period, unit_id: int) -> list[dict]:
    """Each applicable clause of the unit: ``{clause_id, number, title_fa, title_en,
    changed}`` (changed in the period), in clause order."""
    rows = db.execute(
        "SELECT c.id, c.number, c.title_fa, c.title_en, EXISTS (SELECT 1 FROM history h "
        " WHERE h.kind = 'status' AND h.year = c.year AND h.unit_id = ? AND h.clause_id = c.id"
        " AND h.changed_at >= ?) FROM clauses c LEFT JOIN status s ON s.clause_id = c.id"
        " AND s.year = c.year AND s.unit_id = ? WHERE c.year = ?"
        " AND COALESCE(s.status, 'not_started') != 'not_applicable' ORDER BY c.number",
        [unit_id, period_start_stamp(period), unit_id, period.year]).fetchall()
    return [{"clause_id": int(r[0]), "number": int(r[1]), "title_fa": r[2], "title_en": r[3],
             "changed": bool(r[4])} for r in rows]


def get_submission(db: sqlite_utils.Database, period_id: int, unit_id: int) -> dict | None:
    cur = db.execute("SELECT * FROM submissions WHERE period_id = ? AND unit_id = ?",
                     [period_id, unit_id])
    row = cur.fetchone()
    if row is None:
        return None
    d = dict(zip([c[0] for c in cur.description], row, strict=True))
    d["no_change"] = json.loads(d["no_change"] or "[]")
    d["snapshot"] = json.loads(d["snapshot"]) if d["snapshot"] else None
    return d


def submission_state(db: sqlite_utils.Database, period_id: int, unit_id: int) -> str:
    sub = get_submission(db, period_id, unit_id)
    return sub["state"] if sub else "not_started"


def events(db: sqlite_utils.Database, period_id: int, unit_id: int | None = None):
    """The history of a period (or of one unit in it), oldest first."""
    from tracker.store.tx import frame

    sql = ("SELECT id, unit_id, act, state, at, by_name, comment FROM submission_events "
           "WHERE period_id = ?")
    params: list = [period_id]
    if unit_id is not None:
        sql += " AND unit_id = ?"
        params.append(unit_id)
    return frame(db, sql + " ORDER BY id", params)


def unit_names(db: sqlite_utils.Database, unit_id: int) -> dict:
    """``{"unit_fa", "unit_en"}``: a district's name, or "district / zone"."""
    row = db.execute("SELECT u.name_fa, u.name_en, d.name_fa, d.name_en, u.zone FROM units u "
                     "LEFT JOIN units d ON d.id = u.district * 100 WHERE u.id = ?",
                     [unit_id]).fetchone()
    if row is None:
        return {"unit_fa": str(unit_id), "unit_en": str(unit_id)}
    if row[4] and row[2]:
        return {"unit_fa": f"{row[2]} / {row[0]}", "unit_en": f"{row[3]} / {row[1]}"}
    return {"unit_fa": row[0], "unit_en": row[1]}


def message_params(db: sqlite_utils.Database, period: P.Period, unit_id: int,
                   **extra: object) -> dict:
    """What a message about a unit's submission needs, in both languages."""
    from tracker.domain.model import unit_parts

    zone = unit_parts(unit_id)[1]
    return {"unit_id": unit_id, "period_id": period.id, **unit_names(db, unit_id),
            "period_fa": P.period_label(period, "fa"), "period_en": P.period_label(period, "en"),
            "deadline": period.deadline_for(zone).isoformat(), **extra}


def _snapshot(db: sqlite_utils.Database, year: int, unit_id: int) -> str:
    cur = db.execute(
        "SELECT s.clause_id, c.number, s.status, s.progress, s.target, s.achieved, s.due_date,"
        " s.budget, s.responsible, s.version, s.updated_at FROM status s JOIN clauses c"
        " ON c.id = s.clause_id WHERE s.year = ? AND s.unit_id = ? ORDER BY c.number",
        [year, unit_id])
    rows = [dict(zip(SNAPSHOT_FIELDS, r, strict=True)) for r in cur.fetchall()]
    return json.dumps(rows, ensure_ascii=False)


# -- writes ------------------------------------------------------------------------

def _open_for(db: sqlite_utils.Database, period_id: int, unit_id: int) -> tuple[dict, dict]:
    """The period (checked: year open, unit known) and the current submission (or a
    not-started placeholder)."""
    cur = get_period(db, period_id)
    year = cur["period"].year
    closed = db.execute("SELECT closed FROM programs WHERE year = ?", [year]).fetchone()
    if closed and closed[0]:
        raise YearClosed("err.year_closed", year=year)
    if not db.execute("SELECT 1 FROM units WHERE id = ?", [unit_id]).fetchone():
        raise CycleRefused("val.unknown_unit")
    sub = get_submission(db, period_id, unit_id) or {"id": None, "state": "not_started",
                                                     "no_change": [], "version": 0}
    return cur, sub


def _move(db, actor: User, cur: dict, sub: dict, unit_id: int, act: str,
          comment: str = "") -> str:
    try:
        return P.next_state(sub["state"], act, actor, unit_id,
                            locked=bool(cur["locked_at"]), comment=comment)
    except P.CycleError as exc:
        raise refused(exc) from None


def _clean_ids(ids: Iterable[int] | None) -> list[int]:
    return sorted({int(i) for i in ids or []})


def save_draft(db: sqlite_utils.Database, actor: User, period_id: int, unit_id: int,
               no_change: Iterable[int]) -> str:
    """Keep the unit's "no change" confirmations without submitting; returns the state."""
    stamp = calendar.utc_stamp()
    with write_tx(db):
        cur, sub = _open_for(db, period_id, unit_id)
        state = _move(db, actor, cur, sub, unit_id, "save")
        ids = _clean_ids(no_change)
        sid = _upsert(db, sub, period_id, unit_id,
                      {"state": state, "no_change": json.dumps(ids)})
        _event(db, period_id, "save", actor, stamp, unit_id=unit_id, submission_id=sid,
               state=state)
        return state


def submit(db: sqlite_utils.Database, actor: User, period_id: int, unit_id: int,
           no_change: Iterable[int] | None = None, today=None) -> str:
    """Submit the unit's update: every applicable clause changed in the period or
    confirmed "no change" (``no_change``: clause ids; None keeps the saved ones).

    Raises CycleRefused (not the editor, wrong state, locked, not open yet),
    ZonesFirst (a district whose zones are not all accepted; names them),
    MissingClauses (lists them), YearClosed; then nothing is written.
    """
    stamp = calendar.utc_stamp()
    today = today or calendar.today_tehran()
    with write_tx(db):
        cur, sub = _open_for(db, period_id, unit_id)
        period: P.Period = cur["period"]
        state = _move(db, actor, cur, sub, unit_id, "submit")
        if today < period.opens:
            raise CycleRefused("cyc.err.not_open",
                               date=calendar.format_date(period.opens, "fa"))
        district, zone = divmod(unit_id, 100)
        if not zone:
            waiting = blocking_zones(db, period_id, district)
            if waiting:
                raise ZonesFirst(waiting)
        ids = _clean_ids(sub["no_change"] if no_change is None else no_change)
        checklist = clause_checklist(db, period, unit_id)
        missing = [c["number"] for c in checklist
                   if not c["changed"] and c["clause_id"] not in ids]
        if missing:
            raise MissingClauses(missing)
        values = {"state": state, "no_change": json.dumps(ids),
                  "snapshot": _snapshot(db, period.year, unit_id),
                  "submitted_at": stamp, "submitted_by": actor.id,
                  "submitted_by_name": actor.display_name,
                  "reviewed_at": None, "reviewed_by": None, "reviewed_by_name": None}
        if not sub.get("first_submitted_at"):
            values["first_submitted_at"] = stamp
        sid = _upsert(db, sub, period_id, unit_id, values)
        _event(db, period_id, "submit", actor, stamp, unit_id=unit_id, submission_id=sid,
               state=state)
        inbox.post_many(db, inbox.unit_reviewers(db, unit_id), "review_waiting",
                        message_params(db, period, unit_id, by=actor.display_name),
                        f"review:{sid}:{stamp}", stamp)
        return state


def review(db: sqlite_utils.Database, actor: User, period_id: int, unit_id: int,
           accept: bool, comment: str = "") -> str:
    """The reviewer accepts the submission, or sends it back (a comment is required).
    The submitter is notified."""
    act = "accept" if accept else "send_back"
    stamp = calendar.utc_stamp()
    with write_tx(db):
        cur, sub = _open_for(db, period_id, unit_id)
        state = _move(db, actor, cur, sub, unit_id, act, comment)
        _upsert(db, sub, period_id, unit_id,
                {"state": state, "reviewed_at": stamp, "reviewed_by": actor.id,
                 "reviewed_by_name": actor.display_name, "comment": (comment or "").strip()})
        _event(db, period_id, act, actor, stamp, comment, unit_id=unit_id,
               submission_id=sub["id"], state=state)
        if sub.get("submitted_by"):
            inbox.post(db, int(sub["submitted_by"]), "accepted" if accept else "sent_back",
                       message_params(db, cur["period"], unit_id, by=actor.display_name,
                                      comment=(comment or "").strip()),
                       f"{act}:{sub['id']}:{stamp}", stamp)
        return state


def reopen_submission(db: sqlite_utils.Database, actor: User, period_id: int, unit_id: int,
                      reason: str) -> str:
    """The office reopens an accepted submission (reason required, logged)."""
    stamp = calendar.utc_stamp()
    with write_tx(db):
        cur, sub = _open_for(db, period_id, unit_id)
        state = _move(db, actor, cur, sub, unit_id, "reopen", reason)
        _upsert(db, sub, period_id, unit_id, {"state": state, "comment": reason.strip()})
        _event(db, period_id, "reopen", actor, stamp, reason, unit_id=unit_id,
               submission_id=sub["id"], state=state)
        if sub.get("submitted_by"):
            inbox.post(db, int(sub["submitted_by"]), "sent_back",
                       message_params(db, cur["period"], unit_id, by=actor.display_name,
                                      comment=reason.strip()), f"reopen:{sub['id']}:{stamp}", stamp)
        return state


def _upsert(db: sqlite_utils.Database, sub: dict, period_id: int, unit_id: int,
            values: dict) -> int:
    if sub.get("id") is None:
        row = {"period_id": period_id, "unit_id": unit_id, "version": 1} | values
        cur = db.execute(f"INSERT INTO submissions ({', '.join(row)}) VALUES "
                         f"({', '.join('?' for _ in row)})", list(row.values()))
        return int(cur.lastrowid)
    sets = ", ".join(f"{k} = ?" for k in values)
    db.execute(f"UPDATE submissions SET {sets}, version = version + 1 WHERE id = ?",
               [*values.values(), sub["id"]])
    return int(sub["id"])
