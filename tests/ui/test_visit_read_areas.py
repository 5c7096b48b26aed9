"""The reads of visits that read no status record stay cached across a status save,
and miss after a visit is recorded; those that read status records miss after both."""

from datetime import date

from tests.conftest import make_user
from tracker.domain.model import unit_id
from tracker.store import visit_reads, visits
from tracker.store.records import STATUS, Change, apply_changes

YEAR = 1405


def _clause(db):
    return db.execute("SELECT id FROM clauses WHERE year = ? AND number = 1",
                      [YEAR]).fetchone()[0]


def test_a_status_save_keeps_the_visit_list_cached(db, db_path, editor3, monkeypatch,
                                                    tmp_path):
    from tracker.ui import context

    monkeypatch.setenv("TRACKER_DB", str(db_path))
    context.clear_caches()
    context.read(visit_reads.list_visits, YEAR)
    context.read(visit_reads.verified_records, YEAR)
    misses = context._READS.misses
    apply_changes(db, editor3, STATUS, [Change(YEAR, unit_id(3), _clause(db), 0,
                                               {"status": "in_progress", "progress": 30.0})])
    assert context.read(visit_reads.list_visits, YEAR).empty
    assert context._READS.misses == misses  # the visit list: still cached
    context.read(visit_reads.verified_records, YEAR)
    assert context._READS.misses == misses + 1  # it reads status records: read again

    visits.record_visit(db, make_user("inspector"), YEAR, 302, date(2026, 11, 20),
                        [visits.VisitItem(clause_id=_clause(db), verdict="compliant")],
                        today=date(2026, 11, 21), uploads_root=tmp_path)
    assert len(context.read(visit_reads.list_visits, YEAR)) == 1  # seen at once
    assert context._READS.misses == misses + 2
    context.clear_caches()
