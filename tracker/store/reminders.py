"""Reminders: one click on the board (to one unit or every late one), and the schedule
``tracker remind`` runs (N days before a deadline, on the day, daily while late, and a
daily digest for reviewers).

Every message goes to the inbox once per ``dedupe_key`` (the day is part of it), so the
schedule may run every few minutes and never repeats itself; each recipient with an
e-mail address also gets it queued in the outbox (:mod:`tracker.store.outbox`) under the
same key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlite_utils

from tracker.domain import calendar
from tracker.domain import periods as P
from tracker.domain.errors import PermissionDenied
from tracker.domain.model import User, unit_parts
from tracker.store import inbox, outbox
from tracker.store.periods import _event, get_period
from tracker.store.submissions import message_params, unit_names
from tracker.store.tx import write_tx

WAITING = ("not_started", "draft", "changes_requested")


@dataclass
class RemindResult:
    """What a run posted: inbox messages and e-mails queued, by kind."""

    posted: int = 0
    queued: int = 0
    kinds: dict = field(default_factory=dict)


def _kind(deadline: date, today: date, days_before: int) -> str | None:
    if today > deadline:
        return "late"
    if today == deadline:
        return "due_today"
    if (deadline - today).days == days_before:
        return "due_soon"
    return None


def _notify(db, result: RemindResult, recipients, kind: str, params: dict, key: str,
            stamp: str) -> None:
    for r in recipients:
        dkey = f"{key}:{r}"
        if inbox.post(db, r, kind, params, dkey, stamp):
            result.posted += 1
            result.kinds[kind] = result.kinds.get(kind, 0) + 1
        if outbox.enqueue_message(db, r, kind, params, dkey, stamp):
            result.queued += 1


def _waiting_units(db, period_id: int) -> dict[int, str]:
    states = dict(db.execute("SELECT unit_id, state FROM submissions WHERE period_id = ?",
                             [period_id]).fetchall())
    return {int(u): states.get(int(u), "not_started")
            for (u,) in db.execute("SELECT id FROM units ORDER BY id")
            if states.get(int(u), "not_started") in WAITING}


def remind_units(db: sqlite_utils.Database, actor: User, period_id: int,
                 unit_ids: list[int] | None = None, today: date | None = None) -> RemindResult:
    """Remind units of a period now (the board's button): ``unit_ids``, or every late
    unit when None. The office may remind any unit; a district editor its zones.
    Idempotent per unit and day."""
    today = today or calendar.today_tehran()
    stamp = calendar.utc_stamp()
    result = RemindResult()
    with write_tx(db):
        period: P.Period = get_period(db, period_id)["period"]
        waiting = _waiting_units(db, period_id)
        if unit_ids is None:
            targets = [u for u in waiting
                       if today > period.deadline_for(unit_parts(u)[1])]
        else:
            targets = [int(u) for u in unit_ids if int(u) in waiting]
        for uid in targets:
            district, zone = unit_parts(uid)
            if not (P.is_office(actor) or (zone and P.is_reviewer(actor, uid))):
                raise PermissionDenied("cyc.err.remind_forbidden")
        for uid in targets:
            deadline = period.deadline_for(unit_parts(uid)[1])
            kind = "late" if today > deadline else ("due_today" if today == deadline
                                                    else "due_soon")
            params = message_params(db, period, uid, days=abs((deadline - today).days))
            _notify(db, result, inbox.unit_editors(db, uid), kind, params,
                    f"manual:{period_id}:{uid}:{today.isoformat()}", stamp)
            _event(db, period_id, "remind", actor, stamp, unit_id=uid)
    return result


def run_schedule(db: sqlite_utils.Database, today: date | None = None,
                 days_before: int = 2) -> RemindResult:
    """Post whatever is due today (safe to run any number of times a day)."""
    today = today or calendar.today_tehran()
    stamp = calendar.utc_stamp()
    result = RemindResult()
    with write_tx(db):
        rows = db.execute("SELECT id FROM periods WHERE opens <= ? AND locks > ? AND "
                          "locked_at IS NULL ORDER BY zone_deadline",
                          [today.isoformat(), today.isoformat()]).fetchall()
        digests: dict[int, list[int]] = {}
        for (pid,) in rows:
            period: P.Period = get_period(db, int(pid))["period"]
            for uid in _waiting_units(db, int(pid)):
                deadline = period.deadline_for(unit_parts(uid)[1])
                kind = _kind(deadline, today, days_before)
                if kind is None:
                    continue
                params = message_params(db, period, uid, days=abs((deadline - today).days))
                _notify(db, result, inbox.unit_editors(db, uid), kind, params,
                        f"auto:{kind}:{pid}:{uid}:{today.isoformat()}", stamp)
            for (uid,) in db.execute("SELECT unit_id FROM submissions WHERE period_id = ? "
                                     "AND state = 'submitted' ORDER BY unit_id", [pid]):
                for r in inbox.unit_reviewers(db, int(uid)):
                    digests.setdefault(r, []).append(int(uid))
        for r, units in digests.items():
            names = [unit_names(db, u) for u in units]
            params = {"count": len(units), "units_fa": [n["unit_fa"] for n in names],
                      "units_en": [n["unit_en"] for n in names]}
            _notify(db, result, [r], "digest", params, f"digest:{today.isoformat()}", stamp)
    return result
