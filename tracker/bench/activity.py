"""What a benchmark database holds besides the records: accounts for the capacity
test's sessions, plan lines, field visits and corrective actions (some resolved).

Everything goes through the store's write functions, as people's work would.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import sqlite_utils

from tracker.domain import calendar
from tracker.domain.model import Grant, User
from tracker.domain.planning import PRIORITIES
from tracker.store import users
from tracker.store import visits as store_visits
from tracker.store.plans import PLAN
from tracker.store.records import Change, apply_changes
from tracker.store.status import year_records

EDITORS = 20  # district editor accounts (bench-editor<d>) for the capacity test
READER = "bench-viewer"
_ACTIONS = ("اجرای عملیات طبق برنامه زمان‌بندی", "برگزاری مناقصه و انعقاد قرارداد",
            "تکمیل عملیات باقی‌مانده سال قبل")
_FINDING = "بخشی از کار انجام نشده و با گزارش منطقه همخوان نیست."
_ACTION = "رفع ایرادهای بازدید و ارسال عکس پس از اجرا"


def bench_password(username: str) -> str:
    """The password of a benchmark account (benchmark databases only)."""
    return f"{username}-pass-1405"


def editor_name(district: int) -> str:
    return f"bench-editor{district}"


def create_accounts(db: sqlite_utils.Database, actor: User, districts: list[int]) -> int:
    """A district editor for each of the first :data:`EDITORS` districts, and a viewer."""
    made = 0
    wanted = [(editor_name(d), f"Bench editor {d}", Grant("district_editor", d))
              for d in districts[:EDITORS]] + [(READER, "Bench viewer", Grant("viewer"))]
    for username, name, grant in wanted:
        if not users.username_taken(db, username):
            users.create_user(db, actor, username, name, bench_password(username), (grant,))
            made += 1
    return made


def add_plans(db: sqlite_utils.Database, actor: User, year: int, seed: int = 1405) -> int:
    """Plan lines of ``year`` for about two in three clauses of every unit."""
    rng = random.Random(seed)
    records = year_records(db, year)
    written = 0
    for _, part in records.groupby("district", sort=True):
        changes = []
        for r in part.itertuples(index=False):
            if rng.random() > 0.66:
                continue
            quarter = rng.randint(1, 4)
            values = {"actions": rng.choice(_ACTIONS), "priority": rng.choice(PRIORITIES),
                      "budget": rng.randint(5, 300) * 10_000_000,
                      "spring": int(r.status not in ("done", "not_applicable")
                                    and rng.random() < 0.3)}
            if r.target is not None and r.target == r.target:
                values["target"] = float(r.target)
            for q in range(quarter, 5):
                values[f"q{q}"] = 1
            changes.append(Change(year, int(r.unit_id), int(r.clause_id), 0, values,
                                  row=int(r.number)))
        if changes:
            written += apply_changes(db, actor, PLAN, changes)
    return written


def add_visits(db: sqlite_utils.Database, actor: User, year: int, today: date,
               seed: int = 1405) -> dict[str, int]:
    """Three visits per district (five clauses each; a third of the findings contradict
    the unit and get a corrective action; half of those actions resolved)."""
    rng = random.Random(seed)
    records = year_records(db, year)
    start = calendar.year_start(year)
    span = max(1, (today - start).days - 1)
    counts = {"visits": 0, "actions": 0, "resolved": 0}
    action_ids = []
    for district, part in records.groupby("district", sort=True):
        units = sorted(int(u) for u in part["unit_id"].unique())
        for uid in rng.sample(units, min(3, len(units))):
            unit = part[part["unit_id"] == uid]
            items, actions = [], []
            when = start + timedelta(days=rng.randrange(span))
            for r in unit.sample(min(5, len(unit)), random_state=rng.randrange(10**6)) \
                    .itertuples(index=False):
                if rng.random() < 0.33:
                    items.append(store_visits.VisitItem(int(r.clause_id), "non_compliant",
                                                        {1: "no"}, _FINDING))
                    actions.append(store_visits.NewAction(_ACTION, when + timedelta(days=30),
                                                          int(r.clause_id)))
                else:
                    items.append(store_visits.VisitItem(int(r.clause_id), "compliant"))
            store_visits.record_visit(db, actor, year, uid, when, items, actions=actions,
                                      today=today)
            counts["visits"] += 1
            counts["actions"] += len(actions)
        action_ids += [int(a) for (a,) in db.execute(
            "SELECT id FROM corrective_actions WHERE year = ? AND unit_id BETWEEN ? AND ?",
            [year, int(district) * 100, int(district) * 100 + 99]).fetchall()]
    for action_id in action_ids[::2]:
        store_visits.resolve_action(db, actor, action_id, "انجام شد")
        counts["resolved"] += 1
    return counts


def add_activity(db: sqlite_utils.Database, actor: User, year: int, today: date,
                 seed: int = 1405) -> dict[str, int]:
    """Accounts, plans and visits of the benchmark database's current ``year``."""
    districts = sorted({int(d) for (d,) in db.execute(
        "SELECT district FROM units WHERE zone = 0").fetchall()})
    out = {"accounts": create_accounts(db, actor, districts),
           "plan_lines": add_plans(db, actor, year, seed)}
    out.update(add_visits(db, actor, year, today, seed))
    return out
