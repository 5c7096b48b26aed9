"""Demo field visits for the demo database: some findings contradict "done" claims.

Deterministic (a fixed seed): the same demo database always gets the same visits.
Visits go through :func:`tracker.store.visits.record_visit`, like an inspector's.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import sqlite_utils

from tracker.demo.records import data_year
from tracker.domain import calendar
from tracker.domain.model import User
from tracker.store import visits as store
from tracker.store.status import year_records
from tracker.store.users import get_user_by_username

DISTRICTS = (3, 6, 12, 20, 2, 14)
_FINDINGS = (
    ("بخشی از کار انجام نشده و با گزارش منطقه همخوان نیست.",
     "Part of the work is not done and does not match the district's report."),
    ("کیفیت اجرا پایین است و ایرادهای آشکار دارد.",
     "Poor workmanship with visible defects."),
    ("مستندات ادعای انجام کار در محل دیده نشد.",
     "No evidence of the claimed work was seen on site."),
)
_ACTION = ("رفع ایرادهای بازدید و ارسال عکس پس از اجرا",
           "Fix the defects found and send photos after the work")


def load_demo_visits(db: sqlite_utils.Database, actor: User, today: date | None = None,
                     seed: int = 1405) -> int:
    """Record a handful of demo visits in the year that shows work (``demo.data_year``),
    each on or before ``today``; returns how many."""
    today = today or calendar.today_tehran()
    year = data_year(today)
    last = min(today, calendar.year_end(year))
    records = year_records(db, year)
    if records.empty:
        return 0
    inspector = get_user_by_username(db, "inspector") or actor
    rng = random.Random(seed)
    count = 0
    for i, district in enumerate(DISTRICTS):
        mine = records[records["district"] == district]
        if mine.empty:
            continue
        zone_units = sorted(int(u) for u in mine["unit_id"].unique())
        uid = zone_units[min(1 + i % 2, len(zone_units) - 1)]
        unit = mine[mine["unit_id"] == uid].sort_values("number")
        done = unit[(unit["status"] == "done") | (unit["progress"] >= 80)]
        others = unit[~unit.index.isin(done.index) & (unit["status"] != "not_applicable")]
        picked = list(done.head(3)["clause_id"]) + list(others.head(1)["clause_id"])
        if not picked:
            continue
        items, actions = [], []
        visit_date = last - timedelta(days=10 + 9 * i)
        for j, cid in enumerate(picked):
            claimed = cid in set(done["clause_id"])
            if claimed and (i + j) % 2 == 0:
                verdict = "non_compliant" if rng.random() < 0.5 else "partly"
                fa, en = _FINDINGS[(i + j) % len(_FINDINGS)]
                items.append(store.VisitItem(int(cid), verdict, {1: "no", 2: "yes"},
                                             f"{fa}\n{en}"))
                actions.append(store.NewAction(f"{_ACTION[0]} — {_ACTION[1]}",
                                               visit_date + timedelta(days=30), int(cid)))
            else:
                items.append(_by_progress(int(cid), float(unit.loc[unit["clause_id"] == cid,
                                                                   "progress"].iloc[0])))
        store.record_visit(db, inspector, year, uid, visit_date, items,
                           summary="بازدید میدانی نمونه — demo field visit", actions=actions,
                           today=today)
        count += 1
    # The demo loader is the last step of `tracker demo`: fold the WAL into the file so a
    # plain copy of the database file (tests, hand-outs) holds everything.
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return count


def _by_progress(clause_id: int, progress: float) -> store.VisitItem:
    """A finding that agrees with the unit's own figure."""
    if progress >= 70:
        return store.VisitItem(clause_id, "compliant", {1: "yes", 2: "yes"}, "")
    fa, en = ("کار در جریان است و با پیشرفت اعلام‌شده همخوان است.",
              "Work is under way, in line with the reported progress.")
    verdict = "partly" if progress >= 30 else "non_compliant"
    return store.VisitItem(clause_id, verdict, {1: "no"}, f"{fa}\n{en}")
