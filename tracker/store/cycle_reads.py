"""Reads of the reporting cycle: the completion board, on-time rates, and what a person
owes (My work)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import sqlite_utils

from tracker.domain import calendar
from tracker.domain import periods as P
from tracker.domain.model import User, unit_parts
from tracker.store.periods import get_period, year_periods
from tracker.store.tx import frame


def _day(stamp: str | None) -> date | None:
    if stamp is None or (isinstance(stamp, float) and stamp != stamp) or not stamp:
        return None
    return calendar.today_tehran(calendar.parse_stamp(stamp))


def board(db: sqlite_utils.Database, period_id: int, today: date | None = None,
          district: int | None = None) -> pd.DataFrame:
    """Every unit (district level and zones, or one district's) with its submission in
    the period: state (``not_started`` when none), deadline, first submitted, last
    submitted, reviewed, days late, late."""
    today = today or calendar.today_tehran()
    period: P.Period = get_period(db, period_id)["period"]
    sql = ("SELECT u.id AS unit_id, u.district, u.zone, u.name_fa, u.name_en,"
           " COALESCE(s.state, 'not_started') AS state, s.first_submitted_at, s.submitted_at,"
           " s.submitted_by_name, s.reviewed_at, s.reviewed_by_name, s.comment"
           " FROM units u LEFT JOIN submissions s ON s.unit_id = u.id AND s.period_id = ?")
    params: list = [period_id]
    if district is not None:
        sql += " WHERE u.district = ?"
        params.append(district)
    df = frame(db, sql + " ORDER BY u.district, u.zone", params)
    deadlines = [period.deadline_for(int(z)) for z in df["zone"]]
    firsts = [_day(s) for s in df["first_submitted_at"]]
    df["deadline"] = [d.isoformat() for d in deadlines]
    df["days_late"] = [P.days_late(d, f, today) for d, f in zip(deadlines, firsts, strict=True)]
    df["late"] = df["days_late"] > 0
    return df


def on_time_rates(db: sqlite_utils.Database, year: int,
                  today: date | None = None) -> pd.DataFrame:
    """Per district: submissions due so far in the year (its own and its zones', one per
    period whose deadline has passed), how many came in on time, and the rate (0–100,
    None while nothing is due)."""
    today = today or calendar.today_tehran()
    periods = year_periods(db, year)
    units = frame(db, "SELECT id, district, zone FROM units ORDER BY id")
    subs = frame(db, "SELECT s.period_id, s.unit_id, s.first_submitted_at FROM submissions s"
                     " JOIN periods p ON p.id = s.period_id WHERE p.year = ?", [year])
    first = {(int(r.period_id), int(r.unit_id)): _day(r.first_submitted_at)
             for r in subs.itertuples(index=False)}
    rows: dict[int, list] = {int(d): [] for d in units["district"].unique()}
    for p in periods:
        for u in units.itertuples(index=False):
            rows[int(u.district)].append((p.deadline_for(int(u.zone)),
                                          first.get((p.id, int(u.id)))))
    out = []
    for district, pairs in sorted(rows.items()):
        due = [(d, s) for d, s in pairs if P.is_due(d, today)]
        ok = sum(1 for d, s in due if s is not None and s <= d)
        out.append({"district": district, "due": len(due), "on_time": ok,
                    "rate": P.on_time_rate(pairs, today)})
    return pd.DataFrame(out, columns=["district", "due", "on_time", "rate"])


# -- My work -------------------------------------------------------------------------

WORK_COLS = ["kind", "due", "unit_id", "period_id", "state", "count", "detail"]


def _own_units(db: sqlite_utils.Database, user: User) -> list[int]:
    """The units the user submits for: a zone editor's zone, a district editor's
    district level (the office submits nothing of its own)."""
    out = []
    for g in user.grants:
        if g.role == "zone_editor" and g.district is not None and g.zone is not None:
            out.append(g.district * 100 + g.zone)
        elif g.role == "district_editor" and g.district is not None:
            out.append(g.district * 100)
    return sorted(set(out))


def _edit_units(db: sqlite_utils.Database, user: User) -> list[int]:
    """Units whose corrective actions and plan lines are the user's to fix."""
    out: set[int] = set()
    for g in user.grants:
        if g.role == "zone_editor" and g.district is not None and g.zone is not None:
            out.add(g.district * 100 + g.zone)
        elif g.role == "district_editor" and g.district is not None:
            out |= {int(r[0]) for r in db.execute("SELECT id FROM units WHERE district = ?",
                                                  [g.district])}
    return sorted(out)


def open_periods(db: sqlite_utils.Database, today: date) -> list[dict]:
    """Periods that have opened and are not locked (nor past their lock day), soonest
    deadline first."""
    rows = frame(db, "SELECT id FROM periods WHERE opens <= ? AND locks > ? AND locked_at IS "
                     "NULL ORDER BY zone_deadline", [today.isoformat(), today.isoformat()])
    return [get_period(db, int(i)) for i in rows["id"]]


def my_work(db: sqlite_utils.Database, user: User, today: date | None = None) -> pd.DataFrame:
    """What ``user`` owes, soonest first: ``submit`` (a unit's update due), ``review`` (a
    submission waiting for them), ``action`` (an open corrective action), ``plan`` (plan
    lines missing a target, budget or owner, counted per unit)."""
    today = today or calendar.today_tehran()
    items: list[dict] = []
    own = _own_units(db, user)
    periods = open_periods(db, today)
    for cur in periods:
        p: P.Period = cur["period"]
        states = dict(db.execute("SELECT unit_id, state FROM submissions WHERE period_id = ?",
                                 [p.id]).fetchall())
        for uid in own:
            state = states.get(uid, "not_started")
            if state in ("not_started", "draft", "changes_requested"):
                items.append({"kind": "submit", "due": p.deadline_for(unit_parts(uid)[1]),
                              "unit_id": uid, "period_id": p.id, "state": state})
        for uid, state in states.items():
            if state == "submitted" and P.is_reviewer(user, int(uid)):
                zone = unit_parts(int(uid))[1]
                items.append({"kind": "review", "due": p.district_deadline if zone
                              else p.accept_by, "unit_id": int(uid), "period_id": p.id,
                              "state": state})
    units = _edit_units(db, user)
    if units:
        marks = ", ".join("?" for _ in units)
        for r in db.execute(
                "SELECT a.unit_id, a.due_date, a.description, a.id FROM corrective_actions a "
                f"JOIN programs g ON g.year = a.year WHERE g.closed = 0 AND a.status = 'open' "
                f"AND a.unit_id IN ({marks}) ORDER BY a.due_date", units).fetchall():
            items.append({"kind": "action", "due": date.fromisoformat(r[1]), "unit_id": int(r[0]),
                          "detail": r[2]})
        for r in db.execute(
                "SELECT p.year, p.unit_id, count(*) FROM plans p JOIN programs g ON g.year ="
                " p.year WHERE g.closed = 0 AND p.year > ? AND p.unit_id IN (" + marks + ")"
                " AND (p.target IS NULL OR p.target <= 0 OR p.budget IS NULL OR"
                " p.owner IS NULL OR trim(p.owner) = '') GROUP BY p.year, p.unit_id",
                [calendar.current_year(today), *units]).fetchall():
            items.append({"kind": "plan", "due": calendar.year_end(int(r[0]) - 1),
                          "unit_id": int(r[1]), "count": int(r[2])})
    df = pd.DataFrame(items, columns=WORK_COLS)
    if df.empty:
        return df
    df["due"] = [d.isoformat() for d in df["due"]]
    return df.sort_values(["due", "kind", "unit_id"], kind="stable").reset_index(drop=True)


def unit_titles(db: sqlite_utils.Database) -> dict[int, dict]:
    """Every unit's ``{"unit_fa", "unit_en"}`` (a district's name, or "district / zone"),
    in one query: what the cycle's pages label units with."""
    rows = db.execute("SELECT u.id, u.name_fa, u.name_en, d.name_fa, d.name_en, u.zone FROM"
                      " units u LEFT JOIN units d ON d.id = u.district * 100").fetchall()
    out = {}
    for uid, fa, en, dfa, den, zone in rows:
        out[int(uid)] = ({"unit_fa": f"{dfa} / {fa}", "unit_en": f"{den} / {en}"}
                         if zone and dfa else {"unit_fa": fa, "unit_en": en})
    return out
