"""The one write path: permission, validation, stale versions, history, atomicity."""

import json
import threading

import pytest

from tests.conftest import make_user
from tracker.db import connect
from tracker.domain.errors import Conflict, PermissionDenied, ValidationFailed, YearClosed
from tracker.domain.model import unit_id
from tracker.store.records import STATUS, Change, apply_changes
from tracker.store.status import record_by_key, record_history, unit_records

YEAR = 1405


def clause_id(db, number=1, year=YEAR):
    return db.execute("SELECT id FROM clauses WHERE year = ? AND number = ?",
                      [year, number]).fetchone()[0]


def change(db, district=3, zone=0, number=1, version=0, **values):
    return Change(YEAR, unit_id(district, zone), clause_id(db, number), version, values, row=number)


def history_count(db):
    return db.execute("SELECT count(*) FROM history").fetchone()[0]


def test_a_save_writes_the_record_and_its_history(db, editor3):
    n = apply_changes(db, editor3, STATUS, [change(db, status="in_progress", progress=40)],
                      now="2026-11-01T08:00:00Z")
    assert n == 1
    rec = record_by_key(db, YEAR, 300, clause_id(db))
    assert (rec["status"], rec["progress"], rec["version"]) == ("in_progress", 40.0, 1)
    assert rec["updated_by_name"] == editor3.display_name
    hist = record_history(db, "status", rec["id"])
    assert len(hist) == 1
    assert json.loads(hist.iloc[0]["changes"]) == {"status": ["not_started", "in_progress"],
                                                   "progress": [0.0, 40]}
    assert hist.iloc[0]["changed_by_name"] == editor3.display_name


def test_history_keeps_every_version(db, editor3):
    apply_changes(db, editor3, STATUS, [change(db, status="in_progress", progress=10)])
    apply_changes(db, editor3, STATUS, [change(db, version=1, progress=60)])
    rec = record_by_key(db, YEAR, 300, clause_id(db))
    hist = record_history(db, "status", rec["id"])
    assert list(hist["version"]) == [2, 1]
    assert json.loads(hist.iloc[0]["changes"]) == {"progress": [10.0, 60]}


def test_history_is_append_only(db, editor3):
    apply_changes(db, editor3, STATUS, [change(db, progress=10, status="in_progress")])
    with pytest.raises(Exception, match="append-only"):
        db.execute("UPDATE history SET progress = 99")
    with pytest.raises(Exception, match="append-only"):
        db.execute("DELETE FROM history")


def test_a_stale_version_is_refused_and_the_first_value_stands(db, editor3, admin):
    apply_changes(db, admin, STATUS, [change(db, status="in_progress", progress=30)])
    with pytest.raises(Conflict) as err:
        apply_changes(db, editor3, STATUS, [change(db, version=0, progress=90)])
    info = err.value.conflicts[0]
    assert (info.expected_version, info.current_version) == (0, 1)
    assert info.changed_by == admin.display_name
    assert info.changes == {"progress": [30.0, 90]}
    assert record_by_key(db, YEAR, 300, clause_id(db))["progress"] == 30.0
    assert "someone else" in err.value.message("en")
    assert "کاربر دیگری" in err.value.message("fa")


def test_invalid_rows_write_nothing_of_the_batch(db, editor3):
    good = change(db, number=1, status="in_progress", progress=50)
    bad = change(db, number=2, progress=140)
    done_bare = change(db, number=3, status="done")
    with pytest.raises(ValidationFailed) as err:
        apply_changes(db, editor3, STATUS, [good, bad, done_bare])
    assert {(p.row, p.field) for p in err.value.problems} == {(2, "progress"), (3, "evidence")}
    assert history_count(db) == 0
    assert record_by_key(db, YEAR, 300, clause_id(db, 1))["version"] == 0


def test_district_editor_cannot_touch_another_district(db, editor3):
    before = history_count(db)
    with pytest.raises(PermissionDenied) as err:
        apply_changes(db, editor3, STATUS, [change(db, district=4, progress=10)])
    assert "District 4" in err.value.message("en")
    assert history_count(db) == before


def test_district_editor_edits_its_zones(db, editor3):
    assert apply_changes(db, editor3, STATUS, [change(db, zone=2, status="in_progress",
                                                      progress=5)]) == 1


def test_one_forbidden_row_refuses_the_whole_batch(db, editor3):
    batch = [change(db, district=3, progress=10, status="in_progress"),
             change(db, district=5, progress=10, status="in_progress")]
    with pytest.raises(PermissionDenied):
        apply_changes(db, editor3, STATUS, batch)
    assert history_count(db) == 0


@pytest.mark.parametrize("role,district,zone,target,allowed", [
    ("admin", None, None, (7, 3), True),
    ("district_editor", 3, None, (3, 0), True),
    ("district_editor", 3, None, (3, 5), True),
    ("district_editor", 3, None, (4, 0), False),
    ("zone_editor", 3, 2, (3, 2), True),
    ("zone_editor", 3, 2, (3, 1), False),
    ("zone_editor", 3, 2, (3, 0), False),
    ("zone_editor", 3, 2, (4, 2), False),
    ("inspector", None, None, (3, 0), False),
    ("viewer", None, None, (3, 0), False),
])
def test_permission_matrix_in_the_write_path(db, role, district, zone, target, allowed):
    user = make_user(role, district, zone)
    c = change(db, district=target[0], zone=target[1], status="in_progress", progress=1)
    if allowed:
        assert apply_changes(db, user, STATUS, [c]) == 1
    else:
        with pytest.raises(PermissionDenied):
            apply_changes(db, user, STATUS, [c])
        assert history_count(db) == 0


def test_a_closed_year_refuses_writes(db, admin):
    db.execute("UPDATE programs SET closed = 1 WHERE year = ?", [YEAR])
    with pytest.raises(YearClosed) as err:
        apply_changes(db, admin, STATUS, [change(db, progress=5, status="in_progress")])
    assert "۱۴۰۵" in err.value.message("fa")
    assert history_count(db) == 0


def test_an_unchanged_value_makes_no_version(db, editor3):
    assert apply_changes(db, editor3, STATUS, [change(db, status="not_started")]) == 0
    assert history_count(db) == 0


def test_a_save_bumps_the_revision(db, editor3):
    from tracker.store.tx import revision

    before = revision(db)
    apply_changes(db, editor3, STATUS, [change(db, status="in_progress", progress=3)])
    assert revision(db) == before + 1


def test_concurrent_editors_lose_no_update(db_path, admin):
    """22 threads, each with its own connection, each saving its own district."""
    setup = connect(db_path)
    cid = clause_id(setup)
    errors = []

    def work(d):
        conn = connect(db_path)
        try:
            user = make_user("district_editor", d)
            for i in range(5):
                rec = record_by_key(conn, YEAR, unit_id(d), cid)
                apply_changes(conn, user, STATUS, [Change(YEAR, unit_id(d), cid, rec["version"],
                                                          {"status": "in_progress",
                                                           "progress": float(i + 1)})])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(d,)) for d in range(1, 23)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert setup.execute("SELECT count(*) FROM history").fetchone()[0] == 22 * 5
    versions = {r[0] for r in setup.execute(
        "SELECT version FROM status WHERE clause_id = ? AND unit_id % 100 = 0", [cid])}
    assert versions == {5}


def test_unit_records_lists_every_clause(db):
    assert len(unit_records(db, YEAR, 301)) == 20
