"""A realistic, reproducible demo data set (pure: builds rows, writes nothing).

Each district gets its own diligence (how far it gets) and cadence (how often
it reports), so comparisons between districts mean something; a few districts
stop reporting weeks before today, so stale-data flags have something to show.
Every record's history is a sequence of updates spread over the year, each
with the values after the change, ending in the record's current state.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pandas as pd

from tracker.domain import calendar

BLOCKERS = (
    "در انتظار تخصیص اعتبار",
    "نبود پیمانکار واجد صلاحیت",
    "معارض ملکی",
    "منتظر مجوز پلیس راهور",
    "تداخل با عملیات آبفا",
)
PEOPLE = ("مهندس رضایی", "مهندس کریمی", "خانم احمدی", "آقای موسوی", "مهندس حسینی",
          "خانم نوری", "آقای قاسمی", "مهندس صادقی")
CONTRACTORS = ("شرکت راه‌سازان شهر", "شرکت سبزآفرینان", "شرکت عمران پایدار",
               "شرکت نور و فضا", "شرکت پیاده‌راه", None)
QUANTITY = {"m²": (800, 25000), "m": (200, 6000), "count": (2, 40), "site": (1, 12),
            "item": (3, 60)}


@dataclass(frozen=True)
class DistrictTraits:
    diligence: float  # 0..1, how far the district gets by year-end
    cadence_days: int  # typical days between two updates of one record
    silent_days: int  # days before "today" since the district last reported


def district_traits(districts: list[int], seed: int = 1405) -> dict[int, DistrictTraits]:
    rnd = random.Random(seed)
    traits = {}
    silent = set(rnd.sample(districts, k=max(1, len(districts) // 7)))
    for d in districts:
        traits[d] = DistrictTraits(
            diligence=round(rnd.uniform(0.35, 0.97), 2),
            cadence_days=rnd.choice((7, 10, 14, 21, 30, 45)),
            silent_days=rnd.randint(40, 90) if d in silent else rnd.randint(0, 6),
        )
    return traits


def data_year(today: date) -> int:
    """The program year in which the demo shows work (visits, findings): the current year
    once two months of it have passed, else the year before, whose history is complete."""
    year = calendar.current_year(today)
    return year if (today - calendar.year_start(year)).days >= 60 else year - 1


def generate(units: pd.DataFrame, clauses: pd.DataFrame, year: int, today: date,
             actor_id: int | None, seed: int = 1405,
             traits: dict[int, DistrictTraits] | None = None) -> tuple[list[dict], list[dict]]:
    """Status records and history rows for one program year, as of ``today``.

    ``units`` needs id, district, zone, name_fa; ``clauses`` needs id, number,
    measure_en, weight. Returns (records, history) as lists of dicts with the
    columns of the ``status`` and ``history`` tables.
    """
    rnd = random.Random(seed * 10007 + year)
    traits = traits or district_traits(sorted(int(d) for d in units["district"].unique()), seed)
    start, end = calendar.year_start(year), calendar.year_end(year)
    until = min(today, end)
    elapsed = max(0.0, min(1.0, ((until - start).days + 1) / calendar.days_in_year(year)))
    records: list[dict] = []
    history: list[dict] = []
    district_names = {int(r.district): r.name_fa for r in units.itertuples() if r.zone == 0}
    for u in units.itertuples():
        tr = traits[int(u.district)]
        who = f"دبیر طرح {district_names.get(int(u.district), u.district)}"
        last_day = until - timedelta(days=tr.silent_days)
        for c in clauses.itertuples():
            rec, hist = _record(rnd, tr, year, u, c, start, last_day, elapsed, actor_id, who)
            records.append(rec)
            history.extend(hist)
    return records, history


def _record(rnd, tr, year, u, c, start, last_day, elapsed, actor_id, who):
    low, high = QUANTITY.get(str(c.measure_en).split()[0], (5, 100))
    target = float(rnd.randint(low, high))
    rec = {"year": year, "unit_id": int(u.id), "clause_id": int(c.id), "status": "not_started",
           "target": target, "achieved": None, "progress": 0.0, "due_date": None,
           "responsible": rnd.choice(PEOPLE), "contractor": rnd.choice(CONTRACTORS),
           "budget": rnd.randint(2, 400) * 10_000_000, "notes": None, "evidence": None,
           "blocker": None, "updated_by": None, "updated_by_name": None, "updated_at": None,
           "version": 0}
    quarter_end = calendar.month_bounds(year, rnd.choice((3, 6, 9, 12)))[1]
    rec["due_date"] = quarter_end.isoformat()
    if rnd.random() < 0.04:
        final = dict(status="not_applicable", progress=0.0, achieved=None,
                     notes="این بند در این محدوده موضوعیت ندارد")
    else:
        reach = min(1.0, tr.diligence * rnd.uniform(0.6, 1.4))
        goal = 100.0 * min(1.0, reach * (0.3 + elapsed) * 1.15)
        if goal >= 97:
            goal = 100.0
        goal = round(goal, 0)
        idle = rnd.random() < 0.25 * (1.1 - tr.diligence) * (1.1 - elapsed)
        if goal <= 0 or idle or last_day < start:
            return rec, []
        blocked = rnd.random() < 0.12 * (1.2 - tr.diligence) and goal < 100
        status = "done" if goal >= 100 else ("blocked" if blocked else "in_progress")
        final = dict(status=status, progress=goal, achieved=round(target * goal / 100, 0))
        if status == "done":
            final["evidence"] = f"https://evidence.example.ir/{year}/{u.id}/{c.number}"
        if status == "blocked":
            final["blocker"] = rnd.choice(BLOCKERS)
    span = (last_day - start).days  # updates fall on days start .. last_day, never later
    n = max(1, min(40, int(span / tr.cadence_days * rnd.uniform(0.5, 1.2))))
    days = sorted(rnd.sample(range(span + 1), k=max(0, min(n, span + 1))))
    hist = []
    prev = {k: rec[k] for k in ("status", "progress", "achieved", "evidence", "blocker", "notes")}
    for i, day in enumerate(days):
        last = i == len(days) - 1
        if last:
            step = {**prev, **final}
        else:
            p = round(final["progress"] * (i + 1) / len(days) * rnd.uniform(0.8, 1.0), 0)
            step = {**prev, "status": "in_progress", "progress": p,
                    "achieved": round(target * p / 100, 0)}
            if final["status"] == "not_applicable":
                step = {**prev, **final}
        diff = {k: [prev.get(k), step.get(k)] for k in step if prev.get(k) != step.get(k)}
        if not diff:
            continue
        at = datetime.combine(start + timedelta(days=day), datetime.min.time(),
                              tzinfo=calendar.TEHRAN) + timedelta(hours=rnd.randint(8, 16),
                                                                  minutes=rnd.randint(0, 59))
        rec["version"] += 1
        hist.append({"kind": "status", "year": year, "unit_id": rec["unit_id"],
                     "clause_id": rec["clause_id"], "version": rec["version"],
                     "changed_at": calendar.utc_stamp(at.astimezone(UTC)),
                     "changed_by": actor_id, "changed_by_name": who,
                     "status": step["status"], "progress": step["progress"],
                     "achieved": step.get("achieved"),
                     "changes": json.dumps(diff, ensure_ascii=False)})
        prev = step
    rec.update({k: prev.get(k) for k in prev})
    if hist:
        rec["updated_by"], rec["updated_by_name"] = actor_id, who
        rec["updated_at"] = hist[-1]["changed_at"]
    return rec, hist
