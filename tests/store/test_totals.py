"""City totals summed in SQLite, checked against figures worked out by hand."""

import pytest

from tracker.domain.model import unit_id
from tracker.store.records import STATUS, Change, apply_changes
from tracker.store.totals import city_totals

YEAR = 1405


def _clauses(db):
    return db.execute("SELECT number, id, weight, deputy FROM clauses WHERE year = ? "
                      "ORDER BY number", [YEAR]).fetchall()


def test_city_totals_weigh_progress_and_leave_out_not_applicable(db, admin):
    (n1, c1, w1, _), (n2, c2, w2, _), (n3, c3, w3, _) = _clauses(db)[:3]
    apply_changes(db, admin, STATUS, [
        Change(YEAR, unit_id(3), c1, 0, {"status": "in_progress", "progress": 40.0}),
        Change(YEAR, unit_id(3), c2, 0, {"status": "done", "progress": 100.0,
                                         "notes": "تحویل شد"}),
        Change(YEAR, unit_id(4), c3, 0, {"status": "not_applicable",
                                         "notes": "موضوعیت ندارد"}),
    ])
    n_records = db.execute("SELECT count(*) FROM status WHERE year = ?", [YEAR]).fetchone()[0]
    sums = db.execute("SELECT sum(c.weight), sum(c.weight * coalesce(s.progress, 0)) "
                      "FROM status s JOIN clauses c ON c.id = s.clause_id "
                      "WHERE s.year = ? AND s.status != 'not_applicable'", [YEAR]).fetchone()
    got = city_totals(db, YEAR)
    assert got.total == n_records
    assert got.counts["done"] == 1 and got.counts["not_applicable"] == 1
    assert got.counts["in_progress"] == 1
    assert got.applicable == n_records - 1
    assert got.progress == pytest.approx(sums[1] / sums[0])
    # by hand, when the three records are the only ones written
    if n_records == 3:
        assert got.progress == pytest.approx((w1 * 40 + w2 * 100) / (w1 + w2))


def test_no_records_no_score(db):
    got = city_totals(db, 1300)
    assert got.progress is None and got.total == 0 and got.counts["done"] == 0


def test_one_deputys_clauses(db, admin):
    rows = _clauses(db)
    deputy = rows[0][3]
    theirs = [r for r in rows if r[3] == deputy]
    apply_changes(db, admin, STATUS, [
        Change(YEAR, unit_id(3), r[1], 0, {"status": "in_progress", "progress": 50.0})
        for r in theirs])
    got = city_totals(db, YEAR, deputy)
    n = db.execute("SELECT count(*) FROM status s JOIN clauses c ON c.id = s.clause_id "
                   "WHERE s.year = ? AND c.deputy = ?", [YEAR, deputy]).fetchone()[0]
    assert got.total == n and got.counts["in_progress"] == len(theirs)
