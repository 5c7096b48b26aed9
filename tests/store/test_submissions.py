"""Submissions in the store: every act, who may do it, the history and the inbox."""

import json

import pytest

from tests.store.cycle_fixtures import cycle_users
from tracker.store import inbox
from tracker.store import periods as SP
from tracker.store import submissions as SS
from tracker.store.records import STATUS, Change, apply_changes

YEAR = 1405
# the periods below open and lock by the clock: "today" is the fixed day, 30 Aban 1405
pytestmark = pytest.mark.usefixtures("fixed_day")


@pytest.fixture
def cyc(db):
    users = cycle_users(db)
    SP.generate_calendar(db, users["office"], YEAR)
    aban = db.execute("SELECT id FROM periods WHERE year = ? AND seq = 8", [YEAR]).fetchone()[0]
    clauses = [r[0] for r in db.execute("SELECT id FROM clauses WHERE year = ? ORDER BY number",
                                        [YEAR])]
    return users, aban, clauses


def _change(db, user, unit_id, clause_id, progress):
    version = db.execute("SELECT version FROM status WHERE year = ? AND unit_id = ? AND "
                         "clause_id = ?", [YEAR, unit_id, clause_id]).fetchone()
    apply_changes(db, user, STATUS, [Change(YEAR, unit_id, clause_id,
                                            int(version[0]) if version else 0,
                                            {"status": "in_progress", "progress": progress})])


def test_submit_needs_every_clause(db, cyc):
    users, pid, clauses = cyc
    _change(db, users["z32"], 302, clauses[0], 40)
    with pytest.raises(SS.MissingClauses) as e:
        SS.submit(db, users["z32"], pid, 302, no_change=clauses[2:])
    # the first was changed in the period, the second neither changed nor confirmed
    number = db.execute("SELECT number FROM clauses WHERE id = ?", [clauses[1]]).fetchone()[0]
    assert e.value.numbers == [number]
    assert "clauses 2" in e.value.message("en")
    assert "۲" in e.value.message("fa")
    assert db.execute("SELECT count(*) FROM submissions").fetchone()[0] == 0
    assert SS.submit(db, users["z32"], pid, 302, no_change=clauses[1:]) == "submitted"
    sub = SS.get_submission(db, pid, 302)
    snap = {r["clause_id"]: r for r in sub["snapshot"]}
    assert snap[clauses[0]]["progress"] == 40
    assert sub["first_submitted_at"] == sub["submitted_at"]


def test_not_applicable_clause_needs_nothing(db, cyc):
    users, pid, clauses = cyc
    version = db.execute("SELECT version FROM status WHERE year = ? AND unit_id = 302 AND "
                         "clause_id = ?", [YEAR, clauses[0]]).fetchone()[0]
    apply_changes(db, users["z32"], STATUS, [Change(YEAR, 302, clauses[0], version,
                                                    {"status": "not_applicable"})])
    # changed now, so confirming the rest suffices either way; check the checklist
    period = SP.get_period(db, pid)["period"]
    listed = [c["clause_id"] for c in SS.clause_checklist(db, period, 302)]
    assert clauses[0] not in listed and len(listed) == len(clauses) - 1


def test_draft_then_submit_with_saved_confirmations(db, cyc):
    users, pid, clauses = cyc
    assert SS.save_draft(db, users["z32"], pid, 302, clauses) == "draft"
    assert SS.submission_state(db, pid, 302) == "draft"
    assert SS.submit(db, users["z32"], pid, 302) == "submitted"


def test_full_review_cycle_and_history(db, cyc):
    users, pid, clauses = cyc
    z, d, o = users["z32"], users["d3"], users["office"]
    SS.submit(db, z, pid, 302, no_change=clauses)
    # the district's editor was told a review waits
    assert inbox.unread_count(db, d.id) == 1
    with pytest.raises(SS.CycleRefused) as e:
        SS.review(db, d, pid, 302, accept=False, comment=" ")
    assert e.value.key == "cyc.err.comment_needed"
    assert SS.submission_state(db, pid, 302) == "submitted"
    for wrong in (users["d4"], z, o):
        with pytest.raises(SS.CycleRefused):
            SS.review(db, wrong, pid, 302, accept=True)
    assert SS.review(db, d, pid, 302, accept=False, comment="clause 1 figures?") == \
        "changes_requested"
    msgs = inbox.messages(db, z.id)
    assert list(msgs["kind"]) == ["sent_back"]
    assert msgs["params"][0]["comment"] == "clause 1 figures?"
    assert SS.submit(db, z, pid, 302) == "submitted"
    assert SS.review(db, d, pid, 302, accept=True) == "accepted"
    assert inbox.unread_count(db, z.id) == 2
    # the district submits its own level once every zone is accepted; the office reviews it
    with pytest.raises(SS.CycleRefused):
        SS.submit(db, z, pid, 300, no_change=clauses)
    others = [r[0] for r in db.execute("SELECT id FROM units WHERE district = 3 AND zone > 0"
                                       " AND id != 302 ORDER BY id")]
    for uid in others:
        SS.submit(db, o, pid, uid, no_change=clauses)
        SS.review(db, d, pid, uid, accept=True)
    SS.submit(db, d, pid, 300, no_change=clauses)
    with pytest.raises(SS.CycleRefused):
        SS.review(db, d, pid, 300, accept=True)
    assert SS.review(db, o, pid, 300, accept=True) == "accepted"
    log = db.execute("SELECT unit_id, act, state, by_name, comment FROM submission_events "
                     "WHERE period_id = ? ORDER BY id", [pid]).fetchall()
    assert log == [
        (302, "submit", "submitted", "User z32", ""),
        (302, "send_back", "changes_requested", "User d3", "clause 1 figures?"),
        (302, "submit", "submitted", "User z32", ""),
        (302, "accept", "accepted", "User d3", ""),
        *[row for uid in others for row in ((uid, "submit", "submitted", "User office", ""),
                                            (uid, "accept", "accepted", "User d3", ""))],
        (300, "submit", "submitted", "User d3", ""),
        (300, "accept", "accepted", "User office", ""),
    ]


def test_accepted_snapshot_and_lock_are_final(db, cyc):
    users, pid, clauses = cyc
    z, d, o = users["z32"], users["d3"], users["office"]
    SS.submit(db, z, pid, 302, no_change=clauses)
    SS.review(db, d, pid, 302, accept=True)
    with pytest.raises(SS.CycleRefused):
        SS.submit(db, z, pid, 302)
    with pytest.raises(Exception, match="accepted snapshot"):
        db.execute("UPDATE submissions SET snapshot = '[]' WHERE unit_id = 302")
    SP.lock_period(db, o, pid)
    for act in (lambda: SS.reopen_submission(db, o, pid, 302, "typo"),
                lambda: SS.submit(db, users["z31"], pid, 301, no_change=clauses)):
        with pytest.raises(SS.CycleRefused) as e:
            act()
        assert e.value.key == "cyc.err.locked"
    with pytest.raises(Exception, match="locked"):
        db.execute("UPDATE submissions SET comment = 'x' WHERE unit_id = 302")
    SP.reopen_period(db, o, pid, "a correction")
    with pytest.raises(SS.CycleRefused) as e:
        SS.reopen_submission(db, o, pid, 302, "")
    assert e.value.key == "cyc.err.comment_needed"
    assert SS.reopen_submission(db, o, pid, 302, "typo in clause 3") == "changes_requested"
    snap = json.loads(db.execute("SELECT snapshot FROM submissions WHERE unit_id = 302"
                                 ).fetchone()[0])
    assert len(snap) == len(clauses)


def test_not_open_yet_and_closed_year(db, cyc):
    users, _pid, clauses = cyc
    azar = db.execute("SELECT id FROM periods WHERE year = ? AND seq = 9", [YEAR]).fetchone()[0]
    with pytest.raises(SS.CycleRefused) as e:
        SS.submit(db, users["z32"], azar, 302, no_change=clauses)
    assert e.value.key == "cyc.err.not_open"
    db.execute("UPDATE programs SET closed = 1 WHERE year = ?", [YEAR])
    from tracker.domain.errors import YearClosed
    with pytest.raises(YearClosed):
        SS.submit(db, users["z32"], _pid, 302, no_change=clauses)
