"""Demo plan lines: the current year's plan (so plan against actual shows
something), its spring-campaign items, the next year's program and its draft
lines carried over from what is unfinished. Everything goes through the store."""

from __future__ import annotations

import random

import sqlite_utils

from tracker.domain.model import User
from tracker.domain.planning import PRIORITIES
from tracker.store import programs
from tracker.store.plans import PLAN
from tracker.store.records import Change, apply_changes
from tracker.store.reference import list_programs
from tracker.store.tx import frame

ACTIONS = ("اجرای عملیات طبق برنامه زمان‌بندی", "برگزاری مناقصه و انعقاد قرارداد",
           "تکمیل عملیات باقی‌مانده سال قبل", "اجرا با نیروی خدماتی منطقه",
           "هماهنگی با معاونت فنی و عمرانی و اجرا")


def load_demo_plans(db: sqlite_utils.Database, actor: User, year: int | None = None,
                    seed: int = 1405) -> int:
    """Plan lines for ``year`` (default: the latest program year; district-level units),
    spring items, the next program and its carried-over drafts. Returns the lines written."""
    years = [int(y) for y in list_programs(db)["year"]]
    if not years or (year is not None and year not in years):
        return 0
    year = max(years) if year is None else year
    rnd = random.Random(seed)
    records = frame(db, "SELECT s.unit_id, s.clause_id, c.number, s.status, s.target, "
                        "s.budget, s.responsible, s.contractor FROM status s "
                        "JOIN clauses c ON c.id = s.clause_id JOIN units u ON u.id = s.unit_id "
                        "WHERE s.year = ? AND u.zone = 0 ORDER BY s.unit_id, c.number", [year])
    changes = []
    for r in records.itertuples(index=False):
        quarter = rnd.randint(1, 4)
        unfinished = r.status not in ("done", "not_applicable")
        values = {"actions": rnd.choice(ACTIONS),
                  "target": None if r.target is None else float(r.target),
                  "budget": None if r.budget is None else int(r.budget),
                  "contractor": r.contractor, "owner": r.responsible,
                  "priority": rnd.choice(PRIORITIES),
                  "spring": int(unfinished and rnd.random() < 0.3)}
        for q in range(quarter, 5):
            values[f"q{q}"] = 1
        changes.append(Change(year, int(r.unit_id), int(r.clause_id), 0, values,
                              row=int(r.number)))
    written = apply_changes(db, actor, PLAN, changes) if changes else 0
    if year + 1 not in years:
        programs.create_next_program(db, actor, year)
    written += programs.carry_over(db, actor, year)
    # some districts have already costed part of their draft
    drafts = frame(db, "SELECT p.unit_id, p.clause_id, c.number, p.version FROM plans p "
                       "JOIN clauses c ON c.id = p.clause_id JOIN units u ON u.id = p.unit_id "
                       "WHERE p.year = ? AND u.district % 3 = 0 ORDER BY p.id", [year + 1])
    costed = [Change(year + 1, int(d.unit_id), int(d.clause_id), int(d.version),
                     {"budget": rnd.randint(5, 300) * 10_000_000,
                      "priority": rnd.choice(PRIORITIES), "q1": 1, "q2": 1},
                     row=int(d.number))
              for d in drafts.itertuples(index=False) if rnd.random() < 0.6]
    if costed:
        apply_changes(db, actor, PLAN, costed)
    return written
