"""Periods in the store: calendar generation, editing before opening, lock and reopen."""

from datetime import date

import pytest

from tests.store.cycle_fixtures import cycle_users
from tracker.domain.errors import PermissionDenied, ValidationFailed
from tracker.store import periods as SP


@pytest.fixture
def users(db):
    return cycle_users(db)


def test_generate_calendar_once(db, users):
    assert SP.generate_calendar(db, users["office"], 1405) == 12
    assert SP.generate_calendar(db, users["office"], 1405) == 0
    rows = db.execute("SELECT seq, starts, ends, zone_deadline, locks FROM periods "
                      "WHERE year = 1405 ORDER BY seq").fetchall()
    assert len(rows) == 12
    # Aban 1405: 2026-10-23 .. 2026-11-21; zones by 3 Azar = 2026-11-24; locks 8 Azar
    assert rows[7] == (8, "2026-10-23", "2026-11-21", "2026-11-24", "2026-11-29")


def test_generate_every_year_and_office_only(db, users):
    with pytest.raises(PermissionDenied):
        SP.generate_calendar(db, users["d3"], 1405)
    assert db.execute("SELECT count(*) FROM periods").fetchone()[0] == 0
    assert SP.ensure_calendars(db, users["office"]) == 48  # 1402..1405
    assert SP.ensure_calendars(db, users["office"]) == 0


def test_weekly_esfand_generated(db, users):
    n = SP.generate_calendar(db, users["office"], 1403, weekly_month=12)
    assert n == 16
    weeks = db.execute("SELECT count(*) FROM periods WHERE year = 1403 AND cadence = 'week'"
                       ).fetchone()[0]
    assert weeks == 5


def test_edit_before_opening_only(db, users):
    SP.generate_calendar(db, users["office"], 1405)
    azar = db.execute("SELECT id FROM periods WHERE year = 1405 AND seq = 9").fetchone()[0]
    aban = db.execute("SELECT id FROM periods WHERE year = 1405 AND seq = 8").fetchone()[0]
    today = date(2026, 11, 21)
    SP.edit_period(db, users["office"], azar, {"zone_deadline": date(2026, 12, 23)}, today)
    assert db.execute("SELECT zone_deadline FROM periods WHERE id = ?", [azar]).fetchone()[0] \
        == "2026-12-23"
    with pytest.raises(SP.CycleRefused) as e:
        SP.edit_period(db, users["office"], aban, {"zone_deadline": date(2026, 11, 25)}, today)
    assert e.value.key == "cyc.err.already_open"
    with pytest.raises(PermissionDenied):
        SP.edit_period(db, users["d3"], azar, {"locks": date(2026, 12, 30)}, today)
    # out of order: the districts' deadline before the zones'
    with pytest.raises(ValidationFailed) as e:
        SP.edit_period(db, users["office"], azar, {"district_deadline": date(2026, 12, 20)},
                       today)
    assert [p.key for p in e.value.problems] == ["cyc.val.out_of_order"]
    assert "zone_deadline" in e.value.problems[0].message("en")
    # the opening day before the month starts is fine, but an overlap is not checked on
    # opening days: only the period's own span counts
    before = db.execute("SELECT opens, zone_deadline, district_deadline FROM periods "
                        "WHERE id = ?", [azar]).fetchone()
    assert before == ("2026-11-22", "2026-12-23", "2026-12-26")
    events = db.execute("SELECT act, by_name FROM submission_events WHERE period_id = ?",
                        [azar]).fetchall()
    assert events == [("edit_period", "User office")]


def test_lock_and_reopen(db, users):
    SP.generate_calendar(db, users["office"], 1405)
    pid = db.execute("SELECT id FROM periods WHERE year = 1405 AND seq = 7").fetchone()[0]
    with pytest.raises(PermissionDenied):
        SP.lock_period(db, users["d3"], pid)
    SP.lock_period(db, users["office"], pid)
    assert SP.is_locked(db, pid)
    with pytest.raises(SP.CycleRefused) as e:
        SP.reopen_period(db, users["office"], pid, "  ")
    assert e.value.key == "cyc.err.reason_needed"
    assert "reason" in e.value.message("en")
    SP.reopen_period(db, users["office"], pid, "a figure was mistyped")
    assert not SP.is_locked(db, pid)
    log = db.execute("SELECT act, comment FROM submission_events WHERE period_id = ? "
                     "ORDER BY id", [pid]).fetchall()
    assert log == [("lock", ""), ("reopen_period", "a figure was mistyped")]
