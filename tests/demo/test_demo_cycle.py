"""The demo's reporting cycle at a year boundary (issue 12): in the first week of a year
last year's Esfand is still being collected (its reports are due on 3 Farvardin and it
locks on 8 Farvardin), so the demo must not lock it early."""

from __future__ import annotations

from datetime import date

import pytest

from tests.store.cycle_fixtures import cycle_users
from tracker.demo.cycle import load_demo_cycle
from tracker.store import cycle_reads
from tracker.store.users import system_user

# by hand: 1 Farvardin 1405 = 2026-03-21, so 3 Farvardin = 2026-03-23 and 8 Farvardin =
# 2026-03-28; Farvardin has 31 days, so 3 Ordibehesht 1405 = 2026-04-23; Esfand 1404
# began on 1 Esfand 1404 = 2026-02-20 and Bahman 1404 locked on 8 Esfand = 2026-02-27.
FIRST_DAY = date(2026, 3, 21)


def _locked(db, year: int, seq: int) -> str | None:
    return db.execute("SELECT locked_at FROM periods WHERE year = ? AND seq = ?",
                      [year, seq]).fetchone()[0]


@pytest.mark.parametrize(("today", "esfand_open"), [
    (FIRST_DAY, True),             # 1 Farvardin 1405
    (date(2026, 3, 27), True),     # 7 Farvardin, the day before Esfand's lock day
    (date(2026, 3, 28), False),    # 8 Farvardin, its lock day
])
def test_last_esfand_is_collected_until_its_lock_day(db, today, esfand_open):
    users = cycle_users(db)
    load_demo_cycle(db, system_user(db), today)
    assert _locked(db, 1404, 11) is not None  # Bahman 1404
    assert (_locked(db, 1404, 12) is None) == esfand_open
    assert _locked(db, 1405, 1) is None  # Farvardin 1405 locks on 8 Ordibehesht
    due = list(cycle_reads.my_work(db, users["z32"], today)["due"])
    # zone 3/2 (the demo's untouched district) owes Esfand 1404 while it is open, and
    # Farvardin 1405
    assert due == (["2026-03-23", "2026-04-23"] if esfand_open else ["2026-04-23"])


def test_no_lock_is_stamped_after_today(db):
    load_demo_cycle(db, system_user(db), FIRST_DAY)
    stamps = [r[0] for r in db.execute("SELECT locked_at FROM periods "
                                       "WHERE locked_at IS NOT NULL")]
    assert stamps and max(stamps) < "2026-03-21"
