"""Every store write refuses an acting account that is disabled or gone at the time of
the write, even when the ``User`` object was read before (issue 13, item 6)."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from tracker.db import open_db
from tracker.domain.errors import PermissionDenied
from tracker.domain.i18n import t
from tracker.domain.model import Grant, User
from tracker.exchange import templates
from tracker.store import checklists, exchange, programs, users, visits
from tracker.store.plans import PLAN
from tracker.store.records import STATUS, Change, apply_changes
from tracker.store.tx import revision
from tracker.store.users import get_user_by_username, system_user

PASSWORD = "a good password 1405"


def _fingerprint(db) -> str:
    """A hash of every row of every table (meta.revision included)."""
    h = hashlib.sha256()
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    for name in tables:
        h.update(name.encode())
        rows = []
        for row in db.execute(f"SELECT * FROM [{name}]"):
            rows.append(repr(row))
        h.update("".join(sorted(rows)).encode())
    return h.hexdigest()


@pytest.fixture
def stale(fixed_demo_db_copy):
    """The database and the demo users read *before* their accounts were disabled."""
    db = open_db(fixed_demo_db_copy)  # made on 30 Aban 1405: the years and dates below
    held = {n: get_user_by_username(db, n) for n in ("admin", "district3", "zone3-2",
                                                      "inspector")}
    system = system_user(db)
    users.create_user(db, system, "admin2", "Second admin", PASSWORD, (Grant("admin"),))
    for user in held.values():
        users.set_active(db, system, user.id, False)
    yield db, held
    db.conn.close()


def _record(db, district: int, zone: int = 0, year: int = 1405):
    return db.execute("SELECT unit_id, clause_id, version FROM status WHERE year = ? AND "
                      "unit_id = ? ORDER BY clause_id LIMIT 1",
                      [year, district * 100 + zone]).fetchone()


def _writes(db, held):
    """(name, callable) for every write path the store has."""
    admin, d3, z32, insp = (held[n] for n in ("admin", "district3", "zone3-2", "inspector"))
    unit, clause, version = _record(db, 3)
    zunit, zclause, zversion = _record(db, 3, 2)
    plan = db.execute("SELECT unit_id, clause_id, version FROM plans WHERE year = 1406 AND "
                      "unit_id = 300 LIMIT 1").fetchone()
    clause_1405 = db.execute("SELECT id FROM clauses WHERE year = 1405 AND number = 1"
                             ).fetchone()[0]
    visit = db.execute("SELECT v.id, vi.clause_id FROM visits v JOIN visit_items vi ON "
                       "vi.visit_id = v.id WHERE v.year = 1405 LIMIT 1").fetchone()
    open_action = db.execute("SELECT id FROM corrective_actions WHERE year = 1405 AND "
                             "unit_id = 300 AND status = 'open' LIMIT 1").fetchone()
    resolved = db.execute("SELECT id FROM corrective_actions WHERE year = 1405 AND "
                          "status = 'resolved' LIMIT 1").fetchone()
    other = get_user_by_username(db, "viewer")
    items = checklists.checklist_items(db)
    frame = templates.headed(
        templates.records_frame(exchange.exchange_records(db, 1405, 3), "en"), "en")
    frame.loc[0, t("field.progress", "en")] = 42
    csv = frame.to_csv(index=False).encode()
    calls = [
        ("status (district editor)", lambda: apply_changes(
            db, d3, STATUS, [Change(1405, unit, clause, version, {"progress": 33.0})])),
        ("status (zone editor)", lambda: apply_changes(
            db, z32, STATUS, [Change(1405, zunit, zclause, zversion, {"progress": 33.0})])),
        ("status (admin)", lambda: apply_changes(
            db, admin, STATUS, [Change(1405, unit, clause, version, {"progress": 34.0})])),
        ("import", lambda: _import(db, d3, csv)),
        ("close_year", lambda: programs.close_year(db, admin, 1405)),
        ("reopen_year", lambda: programs.reopen_year(db, admin, 1404, "why not")),
        ("create_next_program", lambda: programs.create_next_program(db, admin, 1406)),
        ("update_clause", lambda: programs.update_clause(
            db, admin, clause_1405, {"title_en": "Changed"})),
        ("add_clause", lambda: programs.add_clause(db, admin, 1405, {
            "title_fa": "بند", "title_en": "Clause", "deputy": "technical",
            "measure_fa": "عدد", "measure_en": "count", "weight": 1.0})),
        ("carry_over", lambda: programs.carry_over(db, admin, 1405, 3)),
        ("record_visit", lambda: visits.record_visit(
            db, insp, 1405, 300, date(2026, 11, 10),
            [visits.VisitItem(clause_1405, "compliant")], today=date(2026, 11, 21))),
        ("add_correction", lambda: visits.add_correction(
            db, insp, visit[0], visit[1], "findings", "changed", "a reason")),
        ("replace_checklists", lambda: checklists.replace_checklists(db, admin, items)),
        ("create_user", lambda: users.create_user(
            db, admin, "newbie", "New", PASSWORD, (Grant("viewer"),))),
        ("set_active", lambda: users.set_active(db, admin, other.id, False)),
        ("reset_password", lambda: users.reset_password(db, admin, other.id, PASSWORD)),
        ("set_grants", lambda: users.set_grants(db, admin, other.id, (Grant("admin"),))),
        ("set_profile", lambda: users.set_profile(db, admin, other.id, "Renamed", None)),
    ]
    if plan:
        calls.append(("plan", lambda: apply_changes(
            db, d3, PLAN, [Change(1406, plan[0], plan[1], plan[2], {"target": 5.0})])))
    if open_action:
        calls.append(("resolve_action", lambda: visits.resolve_action(
            db, d3, open_action[0], "done")))
    if resolved:
        calls.append(("confirm_action", lambda: visits.confirm_action(db, insp, resolved[0])))
    return calls


def _import(db, user, data):
    result = exchange.run_import(db, user, data, "en")
    if result.written:
        return result
    raise PermissionDenied(result.problems[0].key if result.problems else "nothing")


def test_every_write_refuses_a_user_disabled_since_it_was_read(stale):
    db, held = stale
    before, rev = _fingerprint(db), revision(db)
    calls = _writes(db, held)
    assert len(calls) >= 18
    for name, call in calls:
        with pytest.raises(PermissionDenied) as exc:
            call()
            pytest.fail(f"{name} was not refused")
        assert exc.value.key in ("guard.account_inactive", "io.val.account_inactive"), name
        assert revision(db) == rev, name
    assert _fingerprint(db) == before  # no path wrote anything (not even without a revision)


def test_a_deleted_account_is_refused(db, admin):
    ghost = User(id=123456, username="ghost", display_name="Ghost", grants=(Grant("admin"),))
    unit, clause, version = _record(db, 3, year=1405)
    with pytest.raises(PermissionDenied):
        apply_changes(db, ghost, STATUS, [Change(1405, unit, clause, version,
                                                 {"progress": 12.0})])
    with pytest.raises(PermissionDenied):
        programs.close_year(db, ghost, 1405)
    assert db.execute("SELECT closed FROM programs WHERE year = 1405").fetchone()[0] == 0


def test_an_active_user_still_writes(db, admin):
    unit, clause, version = _record(db, 3, year=1405)
    assert apply_changes(db, admin, STATUS, [Change(1405, unit, clause, version,
                                                    {"progress": 12.0})]) == 1
