"""The completion board, on-time rates and My work."""

from datetime import date

import pytest

from tests.store.cycle_fixtures import cycle_users
from tracker.store import cycle_reads as R
from tracker.store import periods as SP
from tracker.store import submissions as SS

YEAR = 1405
# the periods below open and lock by the clock: "today" is the fixed day, 30 Aban 1405
pytestmark = pytest.mark.usefixtures("fixed_day")
TODAY = date(2026, 11, 21)  # 1405/08/30


@pytest.fixture
def cyc(db):
    users = cycle_users(db)
    SP.generate_calendar(db, users["office"], YEAR)
    ids = dict(db.execute("SELECT seq, id FROM periods WHERE year = ?", [YEAR]).fetchall())
    clauses = [r[0] for r in db.execute("SELECT id FROM clauses WHERE year = ?", [YEAR])]
    return users, ids, clauses


def _backdate(db, pid, unit, day):
    stamp = f"{day}T08:00:00Z"
    db.execute("DROP TRIGGER submissions_locked")  # test set-up only
    db.execute("UPDATE submissions SET first_submitted_at = ?, submitted_at = ? "
               "WHERE period_id = ? AND unit_id = ?", [stamp, stamp, pid, unit])


def test_board_states_and_days_late(db, cyc):
    users, ids, clauses = cyc
    mehr = ids[7]  # zones' deadline 3 Aban = 2026-10-25, districts' 5 Aban = 2026-10-27
    SS.submit(db, users["z32"], mehr, 302, no_change=clauses)
    _backdate(db, mehr, 302, "2026-10-27")  # two days after the zones' deadline
    b = R.board(db, mehr, TODAY, district=3).set_index("unit_id")
    assert b.loc[302, "state"] == "submitted"
    assert b.loc[302, "days_late"] == 2
    # zone 1 never submitted: late from 25 Oct to 21 Nov = 27 days
    assert b.loc[301, "state"] == "not_started" and b.loc[301, "days_late"] == 27
    assert b.loc[300, "deadline"] == "2026-10-27" and b.loc[300, "days_late"] == 25
    full = R.board(db, mehr, TODAY)
    assert len(full) == db.execute("SELECT count(*) FROM units").fetchone()[0]


def test_on_time_rate(db, cyc):
    users, ids, clauses = cyc
    mehr = ids[7]
    SS.submit(db, users["z32"], mehr, 302, no_change=clauses)
    _backdate(db, mehr, 302, "2026-10-24")  # on time
    n_units = db.execute("SELECT count(*) FROM units WHERE district = 3").fetchone()[0]
    rates = R.on_time_rates(db, YEAR, TODAY).set_index("district")
    # due by today: Farvardin..Mehr (7 periods) for every unit of district 3
    assert rates.loc[3, "due"] == 7 * n_units
    assert rates.loc[3, "on_time"] == 1
    assert rates.loc[3, "rate"] == pytest.approx(100 / (7 * n_units))
    assert rates.loc[4, "on_time"] == 0


def test_my_work(db, cyc):
    users, ids, clauses = cyc
    aban = ids[8]
    work = R.my_work(db, users["z32"], TODAY)
    # only Aban is open: Mehr and earlier are past their lock day, Azar has not opened
    assert list(work["kind"]) == ["submit"]
    assert list(work["period_id"]) == [aban] and list(work["due"]) == ["2026-11-24"]
    SS.submit(db, users["z32"], aban, 302, no_change=clauses)
    d3 = R.my_work(db, users["d3"], TODAY)
    review = d3[d3["kind"] == "review"]
    assert list(review["unit_id"]) == [302] and list(review["due"]) == ["2026-11-26"]
    assert (d3[d3["kind"] == "submit"]["unit_id"] == 300).all()
    office = R.my_work(db, users["office"], TODAY)
    assert set(office["kind"]) <= {"review"}
    SP.lock_period(db, users["office"], aban)
    assert R.my_work(db, users["z32"], TODAY).empty
