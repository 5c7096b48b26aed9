"""A weekly cadence for one month, chosen by the office (store called directly): the
weeks and their Jalali dates, the later periods numbered on, the act logged; refused,
with nothing written, for anyone else, once the month has opened or has submissions,
when it is weekly already, or when the weeks would overlap another period."""

from datetime import date, timedelta

import jdatetime
import pytest

from tests.store.cycle_fixtures import cycle_users
from tracker.domain import periods as P
from tracker.domain.errors import PermissionDenied, ValidationFailed, YearClosed
from tracker.store import cadence
from tracker.store import periods as SP
from tracker.store import submissions as SS

# a scenario dated by hand (Aban 1405 and its deadlines): "today" is the day it was
# worked out for, whatever day the suite runs on (tests/conftest.py FIXED_TODAY)
pytestmark = pytest.mark.usefixtures("fixed_day")

YEAR = 1405  # "today" is 1405/08/30: Aban has opened, Azar to Esfand have not


@pytest.fixture
def cal(db):
    users = cycle_users(db)
    SP.generate_calendar(db, users["office"], YEAR)
    return users


def _rows(db):
    return db.execute("SELECT id, seq, cadence, starts, ends, opens, zone_deadline, "
                      "district_deadline, accept_by, locks FROM periods ORDER BY year, seq"
                      ).fetchall()


def _events(db):
    return db.execute("SELECT count(*) FROM submission_events").fetchone()[0]


def test_esfand_made_weekly(db, cal):
    first = jdatetime.date(YEAR, 12, 1).togregorian()
    last = jdatetime.date(YEAR + 1, 1, 1).togregorian() - timedelta(days=1)
    days = (last - first).days + 1
    assert days in (29, 30)
    expected = []  # (starts, ends) by hand: 7-day slices, the last one shorter
    day = first
    while day <= last:
        expected.append((day, min(day + timedelta(days=6), last)))
        day += timedelta(days=7)
    preview = cadence.weekly_preview(db, YEAR, 12)
    assert [(w.starts, w.ends) for w in preview] == expected
    before = _rows(db)
    esfand_id = db.execute("SELECT id FROM periods WHERE year = ? AND seq = 12", [YEAR]
                           ).fetchone()[0]
    weeks = cadence.make_weekly(db, cal["office"], YEAR, 12)
    assert [(w.starts, w.ends) for w in weeks] == expected
    rows = db.execute("SELECT id, seq, cadence, starts, ends, zone_deadline, locks FROM periods"
                      " WHERE year = ? AND seq >= 12 ORDER BY seq", [YEAR]).fetchall()
    assert [r[1] for r in rows] == list(range(12, 12 + len(expected)))
    assert rows[0][0] == esfand_id  # the month's row is the first week (its history stays)
    for (_id, _seq, cad, starts, ends, zone_dl, locks), (s, e) in zip(rows, expected,
                                                                       strict=True):
        assert (cad, starts, ends) == ("week", s.isoformat(), e.isoformat())
        assert zone_dl == (e + timedelta(days=1)).isoformat()
        assert locks == (e + timedelta(days=4)).isoformat()
    assert _rows(db)[:11] == before[:11]  # Farvardin to Bahman untouched
    log = db.execute("SELECT act, by_name, comment FROM submission_events WHERE period_id = ?",
                     [esfand_id]).fetchall()
    assert log == [("cadence", "User office", f"Esfand {YEAR}: {len(expected)} weeks")]
    # weekly already: refused
    with pytest.raises(SP.CycleRefused) as e:
        cadence.make_weekly(db, cal["office"], YEAR, 12)
    assert e.value.key == "cyc.err.cadence_not_monthly"
    assert "Esfand has no monthly period" in e.value.message("en")


def test_a_middle_month_numbers_the_later_periods_on(db, cal):
    ids = dict(db.execute("SELECT seq, id FROM periods WHERE year = ?", [YEAR]).fetchall())
    weeks = cadence.make_weekly(db, cal["office"], YEAR, 10)  # Dey
    n = len(weeks)
    after = dict(db.execute("SELECT id, seq FROM periods WHERE year = ?", [YEAR]).fetchall())
    assert after[ids[11]] == 10 + n and after[ids[12]] == 11 + n
    assert after[ids[9]] == 9
    starts = [r[0] for r in db.execute("SELECT starts FROM periods WHERE year = ? ORDER BY seq",
                                       [YEAR])]
    assert starts == sorted(starts)  # numbering still follows the calendar


@pytest.mark.parametrize("who", ["d3", "z32"])
def test_only_the_office(db, cal, who):
    before = _rows(db)
    with pytest.raises(PermissionDenied):
        cadence.make_weekly(db, cal[who], YEAR, 12)
    assert _rows(db) == before


def test_refused_once_the_month_has_opened(db, cal):
    before, events = _rows(db), _events(db)
    with pytest.raises(SP.CycleRefused) as e:
        cadence.make_weekly(db, cal["office"], YEAR, 8)  # Aban opened on 1405/08/01
    assert e.value.key == "cyc.err.cadence_opened"
    assert "has opened" in e.value.message("en") and "گشوده" in e.value.message("fa")
    # and a month not opened yet, on a "today" inside it
    with pytest.raises(SP.CycleRefused):
        cadence.make_weekly(db, cal["office"], YEAR, 12,
                            today=jdatetime.date(YEAR, 12, 3).togregorian())
    assert (_rows(db), _events(db)) == (before, events)


def test_refused_when_the_month_has_submissions(db, cal):
    dey = db.execute("SELECT id FROM periods WHERE year = ? AND seq = 10", [YEAR]).fetchone()[0]
    SS.save_draft(db, cal["z32"], dey, 302, [])
    before, events = _rows(db), _events(db)
    with pytest.raises(SP.CycleRefused) as e:
        cadence.make_weekly(db, cal["office"], YEAR, 10)
    assert e.value.key == "cyc.err.cadence_submissions"
    assert (_rows(db), _events(db)) == (before, events)


def test_refused_when_the_weeks_would_overlap_another_period(db, cal):
    # an inconsistent calendar (Bahman's end reaching into Esfand), arranged by hand
    esfand_3 = jdatetime.date(YEAR, 12, 3).togregorian().isoformat()
    db.execute("UPDATE periods SET ends = ? WHERE year = ? AND seq = 11", [esfand_3, YEAR])
    before, events = _rows(db), _events(db)
    with pytest.raises(ValidationFailed) as e:
        cadence.make_weekly(db, cal["office"], YEAR, 12)
    assert e.value.problems[0].key == "cyc.val.overlap"
    assert (_rows(db), _events(db)) == (before, events)


def test_refused_in_a_closed_year(db, cal):
    db.execute("UPDATE programs SET closed = 1 WHERE year = ?", [YEAR])
    before = _rows(db)
    with pytest.raises(YearClosed):
        cadence.make_weekly(db, cal["office"], YEAR, 12)
    assert _rows(db) == before


def test_weeks_of_a_leap_esfand():
    # 1403 is a leap year: Esfand has 30 days, so four weeks and two days
    esfand = P.month_periods(1403)[11]
    weeks = P.weeks_of(esfand)
    assert [(w.ends - w.starts).days + 1 for w in weeks] == [7, 7, 7, 7, 2]
    assert weeks[0].starts == date(2025, 2, 19) and weeks[-1].ends == date(2025, 3, 20)
    assert [w.seq for w in weeks] == [12, 13, 14, 15, 16]
