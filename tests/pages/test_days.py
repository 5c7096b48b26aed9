"""Every page on the days that matter to a Jalali calendar, each with its own demo data.

"Today" is set through TRACKER_TODAY (tracker.domain.clock) for the demo and the pages alike.
The expected years are worked out by hand, not by tracker.domain.calendar.
"""

from __future__ import annotations

import pytest

from tests.conftest import run_app
from tracker.domain import clock
from tracker.domain.i18n import t
from tracker.ui.registry import page_modules

# (Gregorian day, what it is, its Jalali year) — by hand: 1 Farvardin 1405 = 2026-03-21;
# 1403 is a leap year, so its Esfand has 30 days and ends on 2025-03-20; 1405 is common,
# its 29 Esfand is 2027-03-20; 2027-11-30 is 9 Azar 1406, a year from this suite's writing.
DAYS = [
    ("2026-03-21", "first day of 1405", 1405),
    ("2025-03-20", "30 Esfand 1403, last day of a leap year", 1403),
    ("2027-03-20", "29 Esfand 1405, last day of a common year", 1405),
    ("2027-11-30", "a year from now", 1406),
]
PAGES = sorted(m.__file__.split("tracker/pages/")[-1][:-3] for m in page_modules())


@pytest.fixture(scope="module", params=DAYS, ids=[d[1] for d in DAYS])
def day_db(request, tmp_path_factory):
    """A demo database made on that day, and the day set for the app."""
    from tracker.cli import main

    day, _, year = request.param
    path = tmp_path_factory.mktemp("day") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(clock.ENV, day)
        assert main(["--db", str(path), "demo"]) == 0
    return path, day, year


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_on_the_days_year(day_db, page, monkeypatch):
    path, day, year = day_db
    monkeypatch.setenv(clock.ENV, day)
    monkeypatch.setenv("TRACKER_DB", str(path))
    at = run_app(path, "admin", page=f"tracker/pages/{page}.py")
    assert not at.exception, at.exception
    years = [s.value for s in at.selectbox if s.label == t("common.year", "fa")]
    want = year + 1 if page == "plan" else year  # the plan page plans next year
    assert years in ([], [want]), (page, years)  # pages without a year have no year box


# The reporting cycle on those days, by hand. A month's period opens on its first day;
# zones report by the 3rd of the next month, districts by the 5th, the office accepts by
# the 7th and the period locks on the 8th. Day counts: 1 Farvardin 1405 = 2026-03-21, so
# 3 Farvardin = 2026-03-23 and (Farvardin has 31 days) 3 Ordibehesht = 2026-04-23;
# 3 Farvardin 1404 = 2025-03-23; 3 Farvardin 1406 = 2027-03-23; 1 Azar 1406 = 2027-11-22
# (1 Farvardin 1406 = 2027-03-21, plus 6 × 31 + 2 × 30 days), so 3 Dey 1406 = 2027-12-24.
# Zone 3/2 (the demo's untouched district) owes every open period; a period whose lock
# day has come is closed (Aban 1406 locked on 8 Azar 1406 = 2027-11-29).
MY_WORK = {  # day: [(deadline, days left, period)] of zone 3/2's "Submit a report" rows
    "2026-03-21": [("1405/01/03", "2", "Esfand 1404"), ("1405/02/03", "33", "Farvardin 1405")],
    "2025-03-20": [("1404/01/03", "3", "Esfand 1403")],
    "2027-03-20": [("1406/01/03", "3", "Esfand 1405")],
    "2027-11-30": [("1406/10/03", "24", "Azar 1406")],
}
PERIODS = {  # day: (the period the board opens on, its seq, its five dates)
    "2026-03-21": ("Farvardin 1405", 1, ["1405/01/01", "1405/02/03", "1405/02/05",
                                         "1405/02/07", "1405/02/08"]),
    "2025-03-20": ("Esfand 1403", 12, ["1403/12/01", "1404/01/03", "1404/01/05",
                                       "1404/01/07", "1404/01/08"]),
    "2027-03-20": ("Esfand 1405", 12, ["1405/12/01", "1406/01/03", "1406/01/05",
                                       "1406/01/07", "1406/01/08"]),
    "2027-11-30": ("Azar 1406", 9, ["1406/09/01", "1406/10/03", "1406/10/05",
                                    "1406/10/07", "1406/10/08"]),
}


def test_my_work_lists_the_open_periods_on_the_day(day_db, monkeypatch):
    path, day, _ = day_db
    monkeypatch.setenv(clock.ENV, day)
    monkeypatch.setenv("TRACKER_DB", str(path))
    at = run_app(path, "zone3-2", page="tracker/pages/my_work.py", lang="en")
    assert not at.exception, at.exception
    work = at.dataframe[0].value
    submit = work[work["Kind"] == "Submit a report"]
    got = list(zip(submit["Deadline"], submit["Days left"], submit["What"], strict=True))
    want = MY_WORK[day]
    assert [(d, n) for d, n, _ in got] == [(d, n) for d, n, _ in want], got
    for (_, _, what), (_, _, period) in zip(got, want, strict=True):
        assert period in what, (what, period)


def test_periods_board_opens_on_the_period_being_collected(day_db, monkeypatch):
    path, day, year = day_db
    monkeypatch.setenv(clock.ENV, day)
    monkeypatch.setenv("TRACKER_DB", str(path))
    at = run_app(path, "admin", page="tracker/pages/periods.py", lang="en")
    assert not at.exception, at.exception
    label, seq, dates = PERIODS[day]
    box = next(s for s in at.selectbox if s.label == "Period")
    assert box.value == seq and box.options[seq - 1] == label  # options: the twelve months
    caption = next(c.value for c in at.caption if c.value.startswith("Opens:"))
    assert [part.split(": ")[1] for part in caption.split(" · ")] == dates
    assert not any("locked" in i.value.lower() for i in at.info)  # still open
