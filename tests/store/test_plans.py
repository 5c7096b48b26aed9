"""Plan lines through the one write path: history, permission, conflicts, closed years."""

import json

import pytest

from tests.conftest import make_user
from tracker.domain.errors import Conflict, PermissionDenied, ValidationFailed, YearClosed
from tracker.domain.model import unit_id
from tracker.store import programs
from tracker.store.plans import PLAN, plan_history, unit_plan, year_plans
from tracker.store.records import Change, apply_changes

YEAR = 1405


def clause_id(db, number=1, year=YEAR):
    return db.execute("SELECT id FROM clauses WHERE year = ? AND number = ?",
                      [year, number]).fetchone()[0]


def line(db, district=3, zone=0, number=1, version=0, **values):
    return Change(YEAR, unit_id(district, zone), clause_id(db, number), version, values,
                  row=number)


def test_a_plan_line_is_written_with_its_history(db, editor3):
    n = apply_changes(db, editor3, PLAN, [line(db, target=120, budget=5_000_000, q2=True,
                                               priority="high", owner="خانم نوری")],
                      now="2026-11-01T08:00:00Z")
    assert n == 1
    plan = unit_plan(db, YEAR, 300)
    row = plan[plan["number"] == 1].iloc[0]
    assert (row["target"], row["budget"], row["q2"], row["q1"], row["priority"]) == \
        (120, 5_000_000, 1, 0, "high")
    assert row["version"] == 1 and row["updated_by_name"] == editor3.display_name
    assert len(plan) == 20 and (plan[plan["number"] != 1]["version"] == 0).all()
    hist = plan_history(db, int(row["id"]))
    assert len(hist) == 1 and json.loads(hist.iloc[0]["changes"])["target"] == [None, 120]
    h = db.execute("SELECT kind, year, unit_id, clause_id FROM history").fetchall()
    assert h == [("plan", YEAR, 300, clause_id(db))]


def test_permission_is_checked_in_the_store(db, editor3, viewer):
    with pytest.raises(PermissionDenied):
        apply_changes(db, editor3, PLAN, [line(db, district=4, target=1)])
    with pytest.raises(PermissionDenied):
        apply_changes(db, viewer, PLAN, [line(db, target=1)])
    zone_editor = make_user("zone_editor", 3, 2)
    apply_changes(db, zone_editor, PLAN, [line(db, zone=2, target=1)])
    with pytest.raises(PermissionDenied):
        apply_changes(db, zone_editor, PLAN, [line(db, zone=1, target=1)])
    assert len(year_plans(db, YEAR)) == 1


def test_a_stale_version_is_refused_and_nothing_is_written(db, editor3, admin):
    apply_changes(db, admin, PLAN, [line(db, target=10)])
    with pytest.raises(Conflict) as exc:
        apply_changes(db, editor3, PLAN, [line(db, number=2, target=3),
                                          line(db, version=0, target=99)])
    assert exc.value.conflicts[0].changed_by == admin.display_name
    assert len(year_plans(db, YEAR)) == 1


def test_bad_values_are_refused(db, editor3):
    with pytest.raises(ValidationFailed) as exc:
        apply_changes(db, editor3, PLAN, [line(db, budget=-5, priority="urgent")])
    assert {p.key for p in exc.value.problems} == {"val.negative", "plan.val.priority"}
    assert year_plans(db, YEAR).empty


def test_a_closed_year_refuses_plan_lines(db, editor3, admin):
    programs.close_year(db, admin, YEAR)
    with pytest.raises(YearClosed) as exc:
        apply_changes(db, editor3, PLAN, [line(db, target=1)])
    assert "1405" in exc.value.message("en")
    assert year_plans(db, YEAR).empty
