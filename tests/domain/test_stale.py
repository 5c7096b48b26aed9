"""Stale flags for units and districts."""

from datetime import date

import pandas as pd

from tracker.domain import stale

START = date(2026, 3, 21)


def test_tehran_day_crosses_midnight():
    # 21:00 UTC is 00:30 the next day in Tehran
    assert stale.tehran_day("2026-06-01T21:00:00Z") == date(2026, 6, 2)
    assert stale.tehran_day(None) is None


def test_days_silent_counts_from_last_update_or_year_start():
    assert stale.days_silent("2026-06-01T08:00:00Z", date(2026, 6, 11), START) == 10
    assert stale.days_silent(None, date(2026, 3, 21), START) == 1
    assert stale.days_silent(None, date(2026, 4, 30), START) == 41


def test_stale_is_more_than_n_days():
    assert not stale.is_stale(30, 30)
    assert stale.is_stale(31, 30)


def test_unit_and_district_staleness():
    last = pd.DataFrame({
        "unit_id": [100, 101, 200, 201],
        "district": [1, 1, 2, 2],
        "zone": [0, 1, 0, 1],
        "last_update": ["2026-06-28T08:00:00Z", None, "2026-05-01T08:00:00Z",
                        "2026-05-10T08:00:00Z"],
    })
    units = stale.unit_staleness(last, date(2026, 6, 30), 30, START)
    assert units["stale"].tolist() == [False, True, True, True]
    districts = stale.district_staleness(units, 30).set_index("district")
    assert not districts.loc[1, "stale"] and districts.loc[1, "stale_units"] == 1
    assert districts.loc[1, "days_silent"] == 2
    assert districts.loc[2, "stale"] and districts.loc[2, "stale_units"] == 2
    assert districts.loc[2, "last_update"] == "2026-05-10T08:00:00Z"
    assert districts.loc[2, "units"] == 2
