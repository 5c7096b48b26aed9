"""Closing and reopening a year, the next program, carry-over through the write path."""

import json
from contextlib import contextmanager

import pytest

from tracker.domain.errors import PermissionDenied, TrackerError, ValidationFailed, YearClosed
from tracker.domain.model import unit_id
from tracker.domain.rollup import city_summary
from tracker.store import programs
from tracker.store.plans import PLAN, year_plans
from tracker.store.records import STATUS, Change, apply_changes
from tracker.store.reference import list_clauses, list_programs
from tracker.store.status import year_records

YEAR = 1405


@contextmanager
def raises_key(key):
    with pytest.raises(TrackerError) as exc:
        yield
    assert exc.value.key == key


def cid(db, number, year=YEAR):
    return db.execute("SELECT id FROM clauses WHERE year = ? AND number = ?",
                      [year, number]).fetchone()[0]


def status(db, user, district, zone, number, **values):
    apply_changes(db, user, STATUS, [Change(YEAR, unit_id(district, zone), cid(db, number), 0,
                                            values, row=number)])


def closed(db, year):
    progs = list_programs(db)
    return bool(progs.loc[progs["year"] == year, "closed"].iloc[0])


def test_closing_makes_the_year_read_only_and_keeps_a_snapshot(db, admin, editor3):
    status(db, editor3, 3, 0, 1, status="in_progress", progress=40)
    snap = programs.close_year(db, admin, YEAR, now="2027-03-21T08:00:00Z")
    assert closed(db, YEAR)
    with pytest.raises(YearClosed) as exc:
        status(db, editor3, 3, 0, 2, status="in_progress", progress=10)
    assert exc.value.message("fa") == "سال ۱۴۰۵ بسته شده و فقط خواندنی است."
    with pytest.raises(YearClosed):  # the coordination office too
        status(db, admin, 3, 0, 2, status="in_progress", progress=10)
    snaps = programs.snapshots(db, YEAR)
    n = len(year_records(db, YEAR))
    assert snaps.iloc[0]["id"] == snap and snaps.iloc[0]["records"] == n
    assert snaps.iloc[0]["city_progress"] == pytest.approx(
        city_summary(year_records(db, YEAR)).progress)
    rows = programs.snapshot_records(db, snap)
    assert len(rows) == n
    kept = rows[(rows["unit_id"] == 300) & (rows["clause_id"] == cid(db, 1))].iloc[0]
    assert (kept["status"], kept["progress"], kept["version"]) == ("in_progress", 40, 1)
    event = programs.program_events(db, YEAR).iloc[0]
    assert (event["action"], event["actor_name"]) == ("close", admin.display_name)
    with raises_key("prog.already_closed"):
        programs.close_year(db, admin, YEAR)


def test_only_the_coordination_office_closes_and_reopens(db, admin, editor3, viewer):
    for user in (editor3, viewer):
        with pytest.raises(PermissionDenied):
            programs.close_year(db, user, YEAR)
    programs.close_year(db, admin, YEAR)
    with pytest.raises(PermissionDenied):
        programs.reopen_year(db, editor3, YEAR, "اصلاح")
    assert closed(db, YEAR)


def test_reopening_is_logged_with_its_reason(db, admin, editor3):
    with raises_key("prog.not_closed"):
        programs.reopen_year(db, admin, YEAR, "x")
    programs.close_year(db, admin, YEAR)
    with pytest.raises(ValidationFailed):
        programs.reopen_year(db, admin, YEAR, "   ")
    programs.reopen_year(db, admin, YEAR, "اصلاح گزارش منطقه ۳")
    assert not closed(db, YEAR)
    status(db, editor3, 3, 0, 2, status="in_progress", progress=10)  # writable again
    events = programs.program_events(db, YEAR)
    assert events["action"].tolist() == ["reopen", "close"]
    assert json.loads(events.iloc[0]["details"]) == {"reason": "اصلاح گزارش منطقه ۳"}
    assert len(programs.snapshots(db, YEAR)) == 1  # the snapshot is kept


def test_events_are_append_only(db, admin):
    programs.close_year(db, admin, YEAR)
    with pytest.raises(Exception, match="append-only"):
        db.execute("DELETE FROM program_events")


def test_next_program_copies_the_catalogue_and_is_editable(db, admin, editor3):
    with pytest.raises(PermissionDenied):
        programs.create_next_program(db, editor3, YEAR)
    n = programs.create_next_program(db, admin, YEAR)
    old, new = list_clauses(db, YEAR), list_clauses(db, YEAR + 1)
    assert n == len(old) == len(new)
    cols = ["number", "title_fa", "title_en", "deputy", "measure_en", "weight"]
    assert new[cols].equals(old[cols])
    assert len(year_records(db, YEAR + 1)) == len(year_records(db, YEAR))
    with raises_key("prog.exists"):
        programs.create_next_program(db, admin, YEAR)
    first = int(new.iloc[0]["id"])
    assert programs.update_clause(db, admin, first, {"title_en": "Asphalt, phase 2",
                                                     "weight": 4.0})
    assert list_clauses(db, YEAR + 1).iloc[0]["title_en"] == "Asphalt, phase 2"
    assert list_clauses(db, YEAR).iloc[0]["title_en"] == old.iloc[0]["title_en"]
    with pytest.raises(ValidationFailed):
        programs.update_clause(db, admin, first, {"weight": 0})
    assert programs.program_events(db, YEAR + 1)["action"].tolist() == ["clause", "copy"]


def test_carry_over_writes_drafts_for_exactly_the_unfinished(db, admin, editor3):
    status(db, editor3, 3, 0, 1, status="in_progress", target=100, achieved=40)
    status(db, editor3, 3, 0, 2, status="done", target=10, achieved=10, notes="تمام")
    status(db, editor3, 3, 0, 3, status="blocked", target=30, achieved=5, blocker="معارض")
    status(db, editor3, 3, 0, 4, status="not_applicable")
    with raises_key("prog.no_next"):
        programs.carry_over(db, admin, YEAR)
    programs.create_next_program(db, admin, YEAR)
    with pytest.raises(PermissionDenied):  # not their district
        programs.carry_over(db, editor3, YEAR, district=4)
    n = programs.carry_over(db, editor3, YEAR, district=3)
    lines = year_plans(db, YEAR + 1)
    units = db.execute("SELECT count(*) FROM units WHERE district = 3").fetchone()[0]
    assert n == len(lines) == units * 20 - 2  # every unit × clause but the done and n/a
    mine = lines[lines["unit_id"] == 300].set_index("number")
    assert 2 not in mine.index and 4 not in mine.index
    assert mine.loc[1, "target"] == 60 and mine.loc[3, "target"] == 25
    assert mine.loc[3, "blocker"] == "معارض" and mine.loc[1, "carried_from"] == YEAR
    hist = db.execute("SELECT count(*) FROM history WHERE kind = 'plan' AND year = ?",
                      [YEAR + 1]).fetchone()[0]
    assert hist == n
    # a planner's edit survives a second carry-over, which adds nothing
    row = lines[(lines["unit_id"] == 300) & (lines["number"] == 1)].iloc[0]
    apply_changes(db, editor3, PLAN, [Change(YEAR + 1, 300, int(row["clause_id"]),
                                             int(row["version"]), {"target": 75}, row=1)])
    assert programs.carry_over(db, editor3, YEAR, district=3) == 0
    again = year_plans(db, YEAR + 1)
    assert again.loc[again["id"] == row["id"], "target"].iloc[0] == 75
