"""Per-area revisions: a write bumps the areas it changes, and only those."""

from tests.conftest import make_user
from tracker.domain.model import unit_id
from tracker.store.plans import PLAN
from tracker.store.records import STATUS, Change, apply_changes
from tracker.store.tx import area_revisions, write_tx

YEAR = 1405


def _clause(db, number=1):
    return db.execute("SELECT id FROM clauses WHERE year = ? AND number = ?",
                      [YEAR, number]).fetchone()[0]


def _meta(db):
    """The revisions straight from the meta table (not through area_revisions)."""
    rows = db.execute("SELECT key, value FROM meta WHERE key LIKE 'rev:%' "
                      "OR key = 'revision'").fetchall()
    return {k: int(v) for k, v in rows}


def _diff(before, after):
    return {k: after[k] - before.get(k, 0) for k in after if after[k] != before.get(k, 0)}


def test_a_status_save_bumps_status_its_year_and_its_district_only(db, editor3):
    before = _meta(db)
    apply_changes(db, editor3, STATUS, [Change(YEAR, unit_id(3), _clause(db), 0,
                                               {"status": "in_progress", "progress": 10.0})])
    assert _diff(before, _meta(db)) == {"revision": 1, "rev:status": 1, "rev:status:1405": 1,
                                        "rev:status:1405:3": 1}


def test_a_save_in_two_districts_bumps_each_district_once(db, admin):
    before = _meta(db)
    apply_changes(db, admin, STATUS, [
        Change(YEAR, unit_id(3), _clause(db), 0, {"status": "in_progress", "progress": 10.0}),
        Change(YEAR, unit_id(3, 1), _clause(db), 0, {"progress": 5.0}),
        Change(YEAR, unit_id(7), _clause(db, 2), 0, {"progress": 20.0})])
    assert _diff(before, _meta(db)) == {"revision": 1, "rev:status": 1, "rev:status:1405": 1,
                                        "rev:status:1405:3": 1, "rev:status:1405:7": 1}


def test_a_plan_save_bumps_plans_its_year_and_its_district_only(db, editor3):
    before = _meta(db)
    apply_changes(db, editor3, PLAN, [Change(YEAR, unit_id(3), _clause(db), 0, {"target": 5})])
    assert _diff(before, _meta(db)) == {"revision": 1, "rev:plans": 1, "rev:plans:1405": 1,
                                        "rev:plans:1405:3": 1}


def test_a_visit_bumps_visits_only(db, tmp_path):
    from tracker.store import visits

    inspector = make_user("inspector")
    item = visits.VisitItem(clause_id=_clause(db), verdict="compliant")
    before = _meta(db)
    from datetime import date

    visits.record_visit(db, inspector, YEAR, 302, date(2026, 11, 20), [item],
                        today=date(2026, 11, 21), uploads_root=tmp_path)
    assert _diff(before, _meta(db)) == {"revision": 1, "rev:visits": 1}


def test_a_write_that_names_no_area_bumps_any_area(db):
    before = _meta(db)
    with write_tx(db):
        pass
    assert _diff(before, _meta(db)) == {"revision": 1, "rev:*": 1}


def test_area_revisions_reads_them_all_in_one_query(db, editor3):
    apply_changes(db, editor3, STATUS, [Change(YEAR, unit_id(3), _clause(db), 0,
                                               {"status": "in_progress", "progress": 10.0})])
    revs = area_revisions(db)
    meta = _meta(db)
    assert revs[""] == meta["revision"]
    assert revs["status:1405"] == meta["rev:status:1405"]
    assert "plans" not in revs or revs["plans"] == meta.get("rev:plans")


def test_a_refused_write_bumps_nothing(db, viewer):
    import pytest

    from tracker.domain.errors import PermissionDenied

    before = _meta(db)
    with pytest.raises(PermissionDenied):
        apply_changes(db, viewer, STATUS, [Change(YEAR, unit_id(3), _clause(db), 0,
                                                  {"progress": 10.0})])
    assert _meta(db) == before
