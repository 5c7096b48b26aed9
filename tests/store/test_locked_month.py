"""An edit to a locked month is refused, or cannot reach it.

(a) after the lock, resubmitting, saving, accepting, sending back and reopening a report
    of that period are refused with a clear message, and nothing is written;
(b) reopening the period needs a reason;
(c) live edits after the lock leave the month's official figures (the accepted snapshots,
    and the history as it stood at the lock for units without one) exactly as they were:
    compared with figures worked out by SQL before the edits.
"""

import json

import pytest

from tests.store.cycle_fixtures import cycle_users
from tracker.domain import calendar, league
from tracker.store import frozen
from tracker.store import periods as SP
from tracker.store import submissions as SS
from tracker.store.compare import last_updates
from tracker.store.records import STATUS, Change, apply_changes

# a scenario dated by hand (Aban 1405 and its deadlines): "today" is the day it was
# worked out for, whatever day the suite runs on (tests/conftest.py FIXED_TODAY)
pytestmark = pytest.mark.usefixtures("fixed_day")

YEAR = 1405
ABAN = 8


@pytest.fixture
def locked(db):
    """Aban 1405: zone 3/2 accepted at 55 % on clause 1, zone 3/1 submitted (not
    reviewed), every other unit without a submission; then the office locks it."""
    u = cycle_users(db)
    SP.generate_calendar(db, u["office"], YEAR)
    pid = db.execute("SELECT id FROM periods WHERE year = ? AND seq = ?", [YEAR, ABAN]
                     ).fetchone()[0]
    clauses = [r[0] for r in db.execute("SELECT id FROM clauses WHERE year = ? ORDER BY number",
                                        [YEAR])]
    _set(db, u["z32"], 302, clauses[0], {"status": "in_progress", "progress": 55})
    SS.submit(db, u["z32"], pid, 302, no_change=clauses)
    SS.review(db, u["d3"], pid, 302, accept=True)
    SS.submit(db, u["z31"], pid, 301, no_change=clauses)
    SP.lock_period(db, u["office"], pid)
    return u, pid, clauses


def _set(db, user, unit, clause, values):
    v = db.execute("SELECT version FROM status WHERE year = ? AND unit_id = ? AND clause_id = ?",
                   [YEAR, unit, clause]).fetchone()[0]
    apply_changes(db, user, STATUS, [Change(YEAR, unit, clause, v, values)])


def _written(db):
    return (db.execute("SELECT count(*) FROM submission_events").fetchone()[0],
            db.execute("SELECT group_concat(unit_id || ':' || state || ':' || version) FROM "
                       "(SELECT * FROM submissions ORDER BY unit_id)").fetchone()[0],
            db.execute("SELECT locked_at FROM periods WHERE year = ? AND seq = ?",
                       [YEAR, ABAN]).fetchone()[0])


# -- (a) acts on a locked period ----------------------------------------------------

def test_every_act_on_a_locked_period_is_refused(db, locked):
    u, pid, clauses = locked
    before = _written(db)
    acts = {
        "resubmit": lambda: SS.submit(db, u["z31"], pid, 301, no_change=clauses),
        "first submit": lambda: SS.submit(db, u["d4"], pid, 400, no_change=clauses),
        "save": lambda: SS.save_draft(db, u["d4"], pid, 400, clauses),
        "accept": lambda: SS.review(db, u["d3"], pid, 301, accept=True),
        "send back": lambda: SS.review(db, u["d3"], pid, 301, accept=False, comment="why?"),
        "reopen report": lambda: SS.reopen_submission(db, u["office"], pid, 302, "typo"),
        "district": lambda: SS.submit(db, u["d3"], pid, 300, no_change=clauses),
    }
    for name, act in acts.items():
        with pytest.raises(SS.CycleRefused) as e:
            act()
        assert e.value.key == "cyc.err.locked", name
        assert "locked" in e.value.message("en") and "قفل" in e.value.message("fa")
    assert _written(db) == before


# -- (b) reopening needs a reason ----------------------------------------------------

@pytest.mark.parametrize("reason", ["", "   ", None])
def test_reopening_the_period_without_a_reason_is_refused(db, locked, reason):
    u, pid, _clauses = locked
    before = _written(db)
    with pytest.raises(SP.CycleRefused) as e:
        SP.reopen_period(db, u["office"], pid, reason)
    assert e.value.key == "cyc.err.reason_needed"
    assert e.value.message("en") == "Write the reason for reopening."
    assert _written(db) == before


def test_reopening_is_the_office_s_and_logged(db, locked):
    u, pid, _clauses = locked
    with pytest.raises(SP.PermissionDenied):
        SP.reopen_period(db, u["d3"], pid, "a reason")
    SP.reopen_period(db, u["office"], pid, "a figure in clause 1")
    row = db.execute("SELECT act, by_name, comment FROM submission_events WHERE period_id = ?"
                     " ORDER BY id DESC LIMIT 1", [pid]).fetchone()
    assert row == ("reopen_period", "User office", "a figure in clause 1")
    assert not SP.is_locked(db, pid)


# -- (c) live edits after the lock ---------------------------------------------------

def _official_by_sql(db, clauses):
    """The locked month's figures per (unit, clause), by hand: zone 3/2 from its accepted
    snapshot, every other unit from the status table as it is now (nothing was edited
    for them in the year: the seeded records stand)."""
    snap = json.loads(db.execute("SELECT snapshot FROM submissions WHERE unit_id = 302 AND "
                                 "state = 'accepted'").fetchone()[0])
    out = {(302, r["clause_id"]): (r["status"], float(r["progress"] or 0)) for r in snap}
    for uid, cid, status, progress in db.execute(
            "SELECT unit_id, clause_id, status, progress FROM status WHERE year = ? AND "
            "unit_id != 302", [YEAR]):
        out[(uid, cid)] = (status, float(progress or 0))
    return out


def _frozen(db):
    recs, _src = frozen.frozen_records(db, YEAR, ABAN)
    return {(int(r.unit_id), int(r.clause_id)): (r.status, float(r.progress))
            for r in recs.itertuples(index=False)}


def _district_score(db, district):
    recs, _src = frozen.frozen_records(db, YEAR, ABAN)
    day = calendar.month_bounds(YEAR, ABAN)[1]
    table = league.league_table(recs, last_updates(db, YEAR, day), day, 30,
                                calendar.year_start(YEAR))
    return float(table.set_index("district").loc[district, "score"])


def test_live_edits_after_the_lock_leave_the_month_unchanged(db, locked):
    u, pid, clauses = locked
    expected = _official_by_sql(db, clauses)
    assert expected[(302, clauses[0])] == ("in_progress", 55.0)
    assert _frozen(db) == expected
    score3, score4 = _district_score(db, 3), _district_score(db, 4)
    # later the same day (the lock was on the month's last day) and by every role:
    _set(db, u["z32"], 302, clauses[0], {"status": "in_progress", "progress": 95})  # accepted
    _set(db, u["z31"], 301, clauses[0], {"status": "in_progress", "progress": 80})  # submitted
    _set(db, u["d3"], 300, clauses[1], {"status": "blocked", "progress": 10,
                                      "blocker": "waiting for funds"})  # no submission
    _set(db, u["office"], 401, clauses[2], {"status": "in_progress", "progress": 99})
    live = dict(((r[0], r[1]), (r[2], float(r[3]))) for r in db.execute(
        "SELECT unit_id, clause_id, status, progress FROM status WHERE year = ? AND "
        "(unit_id, clause_id) IN (VALUES (302, ?), (301, ?), (300, ?), (401, ?))",
        [YEAR, clauses[0], clauses[0], clauses[1], clauses[2]]))
    assert live[(302, clauses[0])] == ("in_progress", 95.0)  # the live figures did change
    assert live[(300, clauses[1])] == ("blocked", 10.0)
    assert _frozen(db) == expected
    assert (_district_score(db, 3), _district_score(db, 4)) == (score3, score4)


def test_the_history_counts_up_to_the_lock_never_after():
    day = calendar.month_bounds(YEAR, ABAN)[1]  # 1405/08/30 = 2026-11-21
    # locked on the month's last day: the second before the lock
    assert frozen.history_stamp(day, "2026-11-21T09:00:00Z") == "2026-11-21T08:59:59Z"
    # locked after the month: the end of its last day, Tehran (20:29:59 UTC)
    assert frozen.history_stamp(day, "2026-11-29T05:00:00Z") == "2026-11-21T20:29:59Z"


def _weights_by_sql(db):
    return dict(db.execute("SELECT id, weight FROM clauses WHERE year = ?", [YEAR]).fetchall())


def test_a_clause_changed_or_added_after_the_lock_leaves_the_month_unchanged(db, locked):
    from tracker.store import programs

    u, _pid, clauses = locked
    weights = _weights_by_sql(db)  # as they stood at the lock
    figures = _frozen(db)
    score3 = _district_score(db, 3)
    programs.update_clauses(db, u["office"], {clauses[0]: {"weight": weights[clauses[0]] * 5},
                                              clauses[1]: {"deputy": "technical"}})
    programs.add_clause(db, u["office"], YEAR, {
        "title_fa": "بند تازه", "title_en": "New clause", "deputy": "technical",
        "measure_fa": "عدد", "measure_en": "count", "weight": 3.0})
    assert _weights_by_sql(db)[clauses[0]] == weights[clauses[0]] * 5  # live: changed
    recs, _src = frozen.frozen_records(db, YEAR, ABAN)
    assert _frozen(db) == figures  # no new clause, same statuses and progress
    assert dict(zip(recs["clause_id"], recs["weight"], strict=False)) == weights
    assert _district_score(db, 3) == score3
