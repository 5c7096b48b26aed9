"""A read of one year and one district is keyed on that district's revisions: a status
save in district 3 leaves district 5's reads cached and the next rerun still sees every
save in its own district. The visits page's district figures are read that way."""

from datetime import date

import pytest

from tests.conftest import make_user
from tracker.domain.model import unit_id
from tracker.store import visit_reads, visits
from tracker.store.plans import PLAN, plan_actuals
from tracker.store.records import STATUS, Change, apply_changes
from tracker.store.status import year_records

YEAR = 1405


@pytest.fixture
def ctx(db_path, monkeypatch):
    from tracker.ui import context

    monkeypatch.setenv("TRACKER_DB", str(db_path))
    context.clear_caches()
    yield context
    context.clear_caches()


def _clause(db, number: int = 1) -> int:
    return db.execute("SELECT id FROM clauses WHERE year = ? AND number = ?",
                      [YEAR, number]).fetchone()[0]


def _save(db, district: int, progress: float, number: int = 1) -> None:
    editor = make_user("district_editor", district, uid=900 + district)
    version = db.execute("SELECT version FROM status WHERE year = ? AND unit_id = ? AND "
                         "clause_id = ?", [YEAR, unit_id(district), _clause(db, number)]
                         ).fetchone()[0]
    apply_changes(db, editor, STATUS, [Change(YEAR, unit_id(district), _clause(db, number),
                                              version, {"status": "in_progress",
                                                        "progress": progress})])


def _progress(frame, district: int, number: int = 1) -> float:
    row = frame[(frame["unit_id"] == unit_id(district)) & (frame["number"] == number)]
    return float(row["progress"].iloc[0])


def test_a_save_in_district_3_leaves_district_5s_read_cached(db, ctx):
    ctx.read(year_records, YEAR, 5)
    ctx.read(year_records, YEAR, 3)
    ctx.read(year_records, YEAR)
    misses = ctx._READS.misses

    _save(db, 3, 30.0)  # from another connection, as another process would
    assert _progress(ctx.read(year_records, YEAR, 5), 5) == 0.0
    assert ctx._READS.misses == misses  # district 5: still cached
    assert _progress(ctx.read(year_records, YEAR, 3), 3) == 30.0  # seen at once
    assert ctx._READS.misses == misses + 1
    assert _progress(ctx.read(year_records, YEAR), 3) == 30.0  # the city's: read again
    assert ctx._READS.misses == misses + 2

    _save(db, 5, 45.0)
    assert _progress(ctx.read(year_records, YEAR, 5), 5) == 45.0
    assert ctx._READS.misses == misses + 3
    ctx.read(year_records, YEAR, 3)
    assert ctx._READS.misses == misses + 3  # district 3: cached again


def test_a_plan_save_in_district_3_leaves_district_5s_plan_reads_cached(db, ctx):
    ctx.read(plan_actuals, YEAR, 5)
    ctx.read(plan_actuals, YEAR, 3)
    misses = ctx._READS.misses
    apply_changes(db, make_user("district_editor", 3, uid=903), PLAN,
                  [Change(YEAR, unit_id(3), _clause(db), 0, {"target": 5})])
    ctx.read(plan_actuals, YEAR, 5)
    assert ctx._READS.misses == misses
    ctx.read(plan_actuals, YEAR, 3)
    assert ctx._READS.misses == misses + 1


def test_a_district_read_without_a_district_is_the_citys(db, ctx):
    ctx.read(year_records, YEAR, None)
    misses = ctx._READS.misses
    _save(db, 7, 10.0)
    assert _progress(ctx.read(year_records, YEAR, None), 7) == 10.0
    assert ctx._READS.misses == misses + 1


def _visit(db, tmp_path, district: int, verdict: str) -> None:
    visits.record_visit(db, make_user("inspector"), YEAR, unit_id(district),
                        date(2026, 11, 20),
                        [visits.VisitItem(clause_id=_clause(db), verdict=verdict,
                                          findings="" if verdict == "compliant" else
                                          "نیمه‌کاره")],
                        today=date(2026, 11, 21), uploads_root=tmp_path)


def test_the_district_gap_follows_saves_in_its_district_only(db, ctx, tmp_path):
    _visit(db, tmp_path, 3, "partly")
    _visit(db, tmp_path, 5, "compliant")
    _save(db, 3, 90.0)  # claimed 90 % where the visit found the work partly done

    row = ctx.read(visit_reads.district_gap, YEAR, 3).iloc[0]
    # by hand: one checked clause, verdict "partly" scores 50, the claim is 90 % (≥ 80)
    assert (int(row["district"]), row["verified"], row["reported"], row["gap"]) == \
        (3, 50.0, 90.0, 40.0)
    assert (int(row["checked"]), int(row["mismatches"])) == (1, 1)
    five = ctx.read(visit_reads.district_gap, YEAR, 5).iloc[0]
    assert (five["verified"], five["reported"], int(five["mismatches"])) == (100.0, 0.0, 0)
    assert ctx.read(visit_reads.district_gap, YEAR, 8).empty  # no visit there

    misses = ctx._READS.misses
    _save(db, 5, 60.0)
    assert float(ctx.read(visit_reads.district_gap, YEAR, 3).iloc[0]["reported"]) == 90.0
    assert ctx._READS.misses == misses  # district 3's figures: still cached
    assert float(ctx.read(visit_reads.district_gap, YEAR, 5).iloc[0]["reported"]) == 60.0
    assert ctx._READS.misses == misses + 1

    _save(db, 3, 50.0)  # no longer a contradicted claim
    row = ctx.read(visit_reads.district_gap, YEAR, 3).iloc[0]
    assert (row["reported"], row["gap"], int(row["mismatches"])) == (50.0, 0.0, 0)


def test_a_status_save_leaves_the_plan_lines_cached(db, ctx):
    from tracker.store.plans import unit_plan, year_plans

    ctx.read(year_plans, YEAR)
    ctx.read(unit_plan, YEAR, unit_id(3))
    ctx.read(plan_actuals, YEAR, 3)
    misses = ctx._READS.misses
    _save(db, 3, 30.0)
    ctx.read(year_plans, YEAR)
    ctx.read(unit_plan, YEAR, unit_id(3))
    assert ctx._READS.misses == misses  # they read no status record
    ctx.read(plan_actuals, YEAR, 3)
    assert ctx._READS.misses == misses + 1  # it does
