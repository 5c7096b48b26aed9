"""Reminders: the board's one-click reminder and the schedule (idempotent, fast)."""

import time
from datetime import date

import pytest

from tests.store.cycle_fixtures import cycle_users
from tracker.domain.errors import PermissionDenied
from tracker.domain.model import Grant
from tracker.store import inbox, reminders
from tracker.store import periods as SP
from tracker.store.users import create_user, system_user

YEAR = 1405


@pytest.fixture
def cyc(db):
    users = cycle_users(db)
    SP.generate_calendar(db, users["office"], YEAR)
    ids = dict(db.execute("SELECT seq, id FROM periods WHERE year = ?", [YEAR]).fetchall())
    return users, ids


def test_one_click_reminders(db, cyc):
    users, ids = cyc
    aban, day = ids[8], date(2026, 11, 25)  # a day after the zones' deadline
    r = reminders.remind_units(db, users["office"], aban, [302], day)
    assert r.posted == 1 and r.kinds == {"late": 1}
    assert list(inbox.messages(db, users["z32"].id)["kind"]) == ["late"]
    # twice on one day: nothing new
    assert reminders.remind_units(db, users["office"], aban, [302], day).posted == 0
    # a district editor reminds its own zones only
    assert reminders.remind_units(db, users["d3"], aban, [301], day).posted == 1
    with pytest.raises(PermissionDenied):
        reminders.remind_units(db, users["d4"], aban, [301], day)
    with pytest.raises(PermissionDenied):
        reminders.remind_units(db, users["z32"], aban, [302], day)
    # every late unit: the zones are late on the 25th, the districts not yet
    everyone = reminders.remind_units(db, users["office"], aban, None, date(2026, 11, 26))
    assert everyone.kinds == {"late": 2}  # zones 3/1 and 3/2 have editors
    events = db.execute("SELECT count(*) FROM submission_events WHERE act = 'remind'"
                        ).fetchone()[0]
    assert events == 3 + db.execute("SELECT count(*) FROM units WHERE zone > 0").fetchone()[0]


def test_schedule_kinds_and_idempotence(db, cyc):
    users, _ids = cyc
    # 1 Azar (2026-11-22): 2 days before the zones' Aban deadline, 4 before the districts'
    r = reminders.run_schedule(db, date(2026, 11, 22), days_before=2)
    assert r.kinds == {"due_soon": 2}
    assert reminders.run_schedule(db, date(2026, 11, 22), days_before=2).posted == 0
    r = reminders.run_schedule(db, date(2026, 11, 24), days_before=2)
    assert r.kinds == {"due_today": 2, "due_soon": 2}  # zones today, districts (3, 4) in 2
    r = reminders.run_schedule(db, date(2026, 11, 25), days_before=2)
    assert r.kinds == {"late": 2}
    r = reminders.run_schedule(db, date(2026, 11, 26), days_before=2)
    assert r.kinds == {"late": 2, "due_today": 2}


def test_whole_city_late_takes_seconds(db):
    actor = system_user(db)
    SP.generate_calendar(db, actor, YEAR)
    units = db.execute("SELECT district, zone FROM units").fetchall()
    for d, z in units:
        grant = Grant("zone_editor", d, z) if z else Grant("district_editor", d)
        create_user(db, actor, f"u{d}_{z}", f"U {d} {z}", None, (grant,))
    began = time.perf_counter()
    r = reminders.run_schedule(db, date(2026, 11, 28), days_before=2)
    took = time.perf_counter() - began
    # every zone is late and every district too; the district editors' zone rows add none
    assert r.kinds == {"late": len(units)}
    assert took < 10, took
