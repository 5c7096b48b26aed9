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
