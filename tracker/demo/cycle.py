"""Demo data of the reporting cycle: every program year's calendar, and a realistic run of
submissions in the current year up to "today".

Deterministic (a fixed seed). Periods whose lock day has passed are locked with most
units accepted (a few submitted late, a few sent back once, a few never submitted); in
the periods being collected today (in the first week of a year, last year's Esfand too)
some zones have submitted and some were accepted.
District 3 (the demo accounts' district) is left untouched in the open period, so a
walk-through starts from "not started". Demo accounts get e-mail addresses
(``<username>@demo.tracker.example``); ``district3`` reads English mail, the rest Persian.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time, timedelta

import sqlite_utils

from tracker.domain import calendar
from tracker.domain.model import User, unit_parts
from tracker.store import cycle_bulk
from tracker.store import periods as SP
from tracker.store.compare import records_as_of
from tracker.store.users import get_user_by_username, set_profile

KEEP_CLEAN = 3  # the demo accounts' district: untouched in the open period
EMAIL_DOMAIN = "demo.tracker.example"
ENGLISH = ("district3",)


def _stamp(day: date, hour: int) -> str:
    return calendar.utc_stamp(datetime.combine(day, time(hour, 0), tzinfo=calendar.TEHRAN))


def _snapshots(db, year: int, day: date) -> dict[int, str]:
    recs = records_as_of(db, year, day)
    out = {}
    for uid, g in recs.groupby("unit_id"):
        rows = [{"clause_id": int(r.clause_id), "number": int(r.number), "status": r.status,
                 "progress": float(r.progress), "due_date": r.due_date,
                 "updated_at": r.updated_at if isinstance(r.updated_at, str) else None}
                for r in g.itertuples(index=False)]
        out[int(uid)] = json.dumps(rows, ensure_ascii=False)
    return out


def _demo_accounts(db, actor: User) -> None:
    for name in ("admin", "district3", "zone3-2", "inspector", "viewer"):
        u = get_user_by_username(db, name)
        if u is None:
            continue
        set_profile(db, actor, u.id, u.display_name, f"{name}@{EMAIL_DOMAIN}")
        cycle_bulk.set_language(db, actor, u.id, "en" if name in ENGLISH else "fa")


def load_demo_cycle(db: sqlite_utils.Database, actor: User, today: date | None = None,
                    seed: int = 1405, snapshots: bool = True) -> int:
    """Calendars for every year and the current year's submissions; returns how many
    submissions were made. ``snapshots=False`` (the benchmark's big databases) stores
    no snapshots (the frozen month then falls back to the history)."""
    today = today or calendar.today_tehran()
    SP.ensure_calendars(db, actor)
    _demo_accounts(db, actor)
    year = calendar.current_year(today)
    units = [int(r[0]) for r in db.execute("SELECT id FROM units ORDER BY id")]
    rng = random.Random(seed)
    subs, events, locks = [], [], []
    collecting = []  # periods of earlier years still collected today (last Esfand)
    for y in sorted({int(r[0]) for r in db.execute("SELECT year FROM periods")}):
        if y < year:  # earlier years: every period locked on its lock day, if it has come
            done = [p for p in SP.year_periods(db, y) if p.locks <= today]
            locks += [(p.id, _stamp(p.locks, 8)) for p in done]
            collecting += [p for p in SP.year_periods(db, y) if p.locks > today]
    for p in [*collecting, *SP.year_periods(db, year)]:
        if p.opens > today:
            break
        past = p.locks <= today
        snaps = _snapshots(db, p.year, min(p.zone_deadline, today)) if snapshots else {}
        for uid in units:
            district, zone = unit_parts(uid)
            deadline = p.deadline_for(zone)
            if past:
                if rng.random() < 0.06:
                    continue  # never submitted
                day = deadline + timedelta(days=rng.choice((-3, -2, -1, -1, 0, 0, 0, 1, 2, 4)))
            else:
                if district == KEEP_CLEAN or zone == 0 or rng.random() < 0.55:
                    continue
                day = min(today, p.opens + timedelta(days=rng.randint(20, 40)))
            subs.append(_submission(rng, p, uid, day, today, past, snaps.get(uid), events))
        if past:
            locks.append((p.id, _stamp(p.locks, 8)))
    events.sort(key=lambda e: e["at"])
    return cycle_bulk.load_generated_cycle(db, subs, events, locks)


def _submission(rng, p, uid: int, day: date, today: date, past: bool, snapshot,
                events: list) -> dict:
    district, zone = unit_parts(uid)
    editor = f"ویرایشگر ناحیه {zone} منطقه {district}" if zone else f"ویرایشگر منطقه {district}"
    reviewer = f"ویرایشگر منطقه {district}" if zone else "اداره کل هماهنگی"
    first = _stamp(day, 10)
    ev = {"period_id": p.id, "unit_id": uid}
    events.append(ev | {"act": "submit", "state": "submitted", "at": first, "by_name": editor})
    last = first
    review_day = min(day + timedelta(days=1), today)
    if past and rng.random() < 0.1:  # sent back once, fixed and resubmitted
        back = _stamp(review_day, 12)
        events.append(ev | {"act": "send_back", "state": "changes_requested", "at": back,
                            "by_name": reviewer,
                            "comment": "ارقام بند ۲ با مستندات نمی‌خواند؛ اصلاح شود."})
        review_day = min(review_day + timedelta(days=1), today)
        last = _stamp(review_day, 9)
        events.append(ev | {"act": "submit", "state": "submitted", "at": last,
                            "by_name": editor})
    accepted = past or rng.random() < 0.5
    row = {"period_id": p.id, "unit_id": uid, "state": "accepted" if accepted else "submitted",
           "no_change": "[]", "snapshot": snapshot, "first_submitted_at": first,
           "submitted_at": last, "submitted_by_name": editor, "comment": ""}
    if accepted:
        at = _stamp(review_day, 15)
        row |= {"reviewed_at": at, "reviewed_by_name": reviewer}
        events.append(ev | {"act": "accept", "state": "accepted", "at": at,
                            "by_name": reviewer})
    return row
