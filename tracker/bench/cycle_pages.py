"""Who the benchmark measures the reporting-cycle pages as, and the period it shows.

My work is measured as a district editor with dues (the district's own report, reviews
of its zones, corrective actions, plan lines) and the completion board as the office, on
the period being collected today with submissions in every state (not started, draft,
submitted, changes requested, accepted). :func:`prepare` makes sure the benchmark
database has them, through the store's write path, acting as the office and the
district's editor; it is idempotent (a state already present is left alone).
"""

from __future__ import annotations

from pathlib import Path

from tracker.db import connect
from tracker.domain import calendar
from tracker.domain import periods as P
from tracker.domain.errors import TrackerError
from tracker.store import periods as SP
from tracker.store import submissions as SS
from tracker.store.users import get_user_by_username

#: the district whose editor My work is measured as
DISTRICT = 1


def _year(db) -> int | None:
    row = db.execute("SELECT max(year) FROM programs WHERE closed = 0").fetchone()
    if row[0] is None:
        row = db.execute("SELECT max(year) FROM programs").fetchone()
    return int(row[0]) if row and row[0] is not None else None


def _states(db, period_id: int, district: int) -> dict[int, str]:
    rows = db.execute("SELECT u.id, COALESCE(s.state, 'not_started') FROM units u LEFT JOIN "
                      "submissions s ON s.unit_id = u.id AND s.period_id = ? WHERE "
                      "u.district = ? AND u.zone > 0 ORDER BY u.zone",
                      [period_id, district]).fetchall()
    return {int(u): s for u, s in rows}


def _fill_states(db, period: P.Period, office, editor, district: int) -> None:
    """Drive the district's zones so that the period holds every state (a not-started
    zone is kept when there is one to spare)."""
    clauses = [int(r[0]) for r in db.execute("SELECT id FROM clauses WHERE year = ?",
                                             [period.year])]
    pid = int(period.id)

    def take(*wanted: str) -> int | None:
        states = _states(db, pid, district)
        spare = [u for u, s in states.items() if s == "not_started"]
        for state in wanted:
            pool = [u for u, s in states.items() if s == state]
            if state == "not_started" and len(pool) < 2:
                continue
            if pool:
                return pool[0] if state != "not_started" else spare[-1]
        return None

    def have(state: str) -> bool:
        return state in _states(db, pid, district).values()

    if not have("draft"):
        uid = take("not_started")
        if uid:
            SS.save_draft(db, office, pid, uid, [])
    if not have("changes_requested"):
        uid = take("submitted", "not_started", "draft")
        if uid:
            if SS.submission_state(db, pid, uid) != "submitted":
                SS.submit(db, office, pid, uid, no_change=clauses)
            SS.review(db, editor, pid, uid, accept=False, comment="benchmark: figures?")
    if not have("accepted"):
        uid = take("submitted", "not_started", "draft")
        if uid:
            if SS.submission_state(db, pid, uid) != "submitted":
                SS.submit(db, office, pid, uid, no_change=clauses)
            SS.review(db, editor, pid, uid, accept=True)
    if not have("submitted"):
        uid = take("not_started", "draft")
        if uid:
            SS.submit(db, office, pid, uid, no_change=clauses)


def prepare(db_path: Path) -> dict[str, dict]:
    """``{page path: {"username", "query"}}`` for My work and the periods page, after
    making sure the current period has submissions in every state (see module doc)."""
    from tracker.bench.runner import bench_editor  # the benchmark's own editor accounts

    db = connect(db_path)
    try:
        editor = bench_editor(db, DISTRICT)
        out = {"my-work": {"username": editor.username, "query": {}},
               "periods": {"username": "admin", "query": {}}}
        year = _year(db)
        period = P.current_period(SP.year_periods(db, year), calendar.today_tehran()) \
            if year else None
        office = get_user_by_username(db, "admin")
        if period is None or office is None:
            return out
        out["periods"]["query"] = {"year": str(year), "period": str(period.seq)}
        try:
            _fill_states(db, period, office, editor, DISTRICT)
        except TrackerError:  # a locked or closed period: measure it as it is
            pass
        return out
    finally:
        db.conn.close()
