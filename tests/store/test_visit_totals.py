"""The visits page's gap figures read only the records a visit judged."""

from datetime import date

from tests.conftest import make_user
from tracker.domain.model import unit_id
from tracker.store import visits as store
from tracker.store.records import STATUS, Change, apply_changes
from tracker.store.visit_reads import verified_gap, verified_records

YEAR = 1405


def _clause(db, number):
    return db.execute("SELECT id FROM clauses WHERE year = ? AND number = ?",
                      [YEAR, number]).fetchone()[0]


def test_with_no_visits_no_record_is_read(db):
    statements = []
    db.conn.set_trace_callback(statements.append)
    try:
        assert verified_records(db, YEAR).empty
        assert verified_gap(db, YEAR).empty
    finally:
        db.conn.set_trace_callback(None)
    assert not any("FROM status" in s and "visits" not in s for s in statements)


def test_only_the_judged_records_are_read(db, editor3, tmp_path):
    c1, c2 = _clause(db, 1), _clause(db, 2)
    apply_changes(db, editor3, STATUS, [
        Change(YEAR, unit_id(3, 2), c1, 0, {"status": "in_progress", "progress": 60.0}),
        Change(YEAR, unit_id(3, 2), c2, 0, {"status": "in_progress", "progress": 20.0}),
        Change(YEAR, unit_id(3, 1), c1, 0, {"status": "in_progress", "progress": 90.0})])
    store.record_visit(db, make_user("inspector"), YEAR, unit_id(3, 2), date(2026, 11, 20),
                       [store.VisitItem(c1, "compliant")], uploads_root=tmp_path,
                       today=date(2026, 11, 21))
    rows = verified_records(db, YEAR)
    assert rows[["unit_id", "clause_id", "progress"]].values.tolist() == [[302, c1, 60.0]]
    gap = verified_gap(db, YEAR)
    # one judged record: reported 60 %, verified 100 % (compliant), gap -40
    assert gap[["district", "reported", "verified", "gap"]].values.tolist() == [[3, 60.0, 100.0,
                                                                                -40.0]]
