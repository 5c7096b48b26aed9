"""Zones first: a district's submission is refused while any of its zones' submissions
for the period is not accepted; the refusal names those zones (store called directly)."""

import pytest

from tests.store.cycle_fixtures import cycle_users
from tracker.store import periods as SP
from tracker.store import submissions as SS
from tracker.store.zones_first import ZonesFirst, blocking_zones

# a scenario dated by hand (Aban 1405 and its deadlines): "today" is the day it was
# worked out for, whatever day the suite runs on (tests/conftest.py FIXED_TODAY)
pytestmark = pytest.mark.usefixtures("fixed_day")

YEAR = 1405


@pytest.fixture
def cyc(db):
    users = cycle_users(db)
    SP.generate_calendar(db, users["office"], YEAR)
    aban = db.execute("SELECT id FROM periods WHERE year = ? AND seq = 8", [YEAR]).fetchone()[0]
    clauses = [r[0] for r in db.execute("SELECT id FROM clauses WHERE year = ? ORDER BY number",
                                        [YEAR])]
    zones = [r[0] for r in db.execute("SELECT zone FROM units WHERE district = 3 AND zone > 0"
                                      " ORDER BY zone")]
    return users, aban, clauses, zones


def _accept_zone(db, users, pid, clauses, zone):
    # the office may submit a zone's update on its behalf; the district's editor reviews it
    SS.submit(db, users["office"], pid, 300 + zone, no_change=clauses)
    SS.review(db, users["d3"], pid, 300 + zone, accept=True)


def _count(db, sql="SELECT count(*) FROM submissions WHERE unit_id = 300"):
    return db.execute(sql).fetchone()[0]


def test_district_refused_until_every_zone_is_accepted(db, cyc):
    users, pid, clauses, zones = cyc
    assert len(zones) >= 3
    d = users["d3"]
    events_before = _count(db, "SELECT count(*) FROM submission_events")
    with pytest.raises(ZonesFirst) as e:
        SS.submit(db, d, pid, 300, no_change=clauses)
    assert [z["zone"] for z in e.value.zones] == zones
    assert _count(db) == 0 and _count(db, "SELECT count(*) FROM submission_events") == \
        events_before
    # every zone but the last two accepted; one of those two only submitted
    for z in zones[:-2]:
        _accept_zone(db, users, pid, clauses, z)
    SS.submit(db, users["office"], pid, 300 + zones[-2], no_change=clauses)
    with pytest.raises(ZonesFirst) as e:
        SS.submit(db, d, pid, 300, no_change=clauses)
    left = zones[-2:]
    assert [(z["zone"], z["state"]) for z in e.value.zones] == [(left[0], "submitted"),
                                                                (left[1], "not_started")]
    names = dict(db.execute("SELECT zone, name_fa FROM units WHERE district = 3 AND zone IN "
                            "(?, ?)", left).fetchall())
    fa = e.value.message("fa")
    # Persian names with Persian digits, both zones named, none of the accepted ones
    assert names[left[0]] in fa and names[left[1]] in fa
    assert not any(ch in fa for ch in "0123456789")
    assert f"Zone {left[0]}, Zone {left[1]}" in e.value.message("en")
    assert "2 zone(s)" in e.value.message("en")
    assert _count(db) == 0


def test_the_office_gets_the_same_refusal(db, cyc):
    users, pid, clauses, zones = cyc
    with pytest.raises(ZonesFirst):
        SS.submit(db, users["office"], pid, 300, no_change=clauses)
    assert _count(db) == 0


def test_district_submits_once_all_zones_are_accepted(db, cyc):
    users, pid, clauses, zones = cyc
    for z in zones:
        _accept_zone(db, users, pid, clauses, z)
    assert blocking_zones(db, pid, 3) == []
    assert SS.submit(db, users["d3"], pid, 300, no_change=clauses) == "submitted"
    # a draft was never blocked, and another district's zones do not matter
    assert SS.save_draft(db, users["d4"], pid, 400, clauses) == "draft"


def test_a_reopened_zone_blocks_again(db, cyc):
    users, pid, clauses, zones = cyc
    for z in zones:
        _accept_zone(db, users, pid, clauses, z)
    SS.reopen_submission(db, users["office"], pid, 300 + zones[0], "a figure to fix")
    with pytest.raises(ZonesFirst) as e:
        SS.submit(db, users["d3"], pid, 300, no_change=clauses)
    assert [z["unit_id"] for z in e.value.zones] == [300 + zones[0]]
    assert blocking_zones(db, pid, 3)[0]["state"] == "changes_requested"
