"""Year-end projection: pace, projected completion, required pace, leap-year ends."""

import math

import pandas as pd
import pytest

from tracker.domain import calendar, projection
from tracker.domain.calendar import parse_jalali as J


def _records(*rows):
    cols = ["district", "unit_id", "number", "status", "target", "achieved", "progress",
            "due_date"]
    return pd.DataFrame([dict(zip(cols, r, strict=True)) for r in rows], columns=cols)


def test_elapsed_and_left_make_the_whole_year():
    for year, today in ((1405, J("1405/07/01")), (1403, J("1403/12/30")), (1403, J("1403/01/01"))):
        assert projection.elapsed_days(year, today) + calendar.days_left(year, today) \
            == calendar.days_in_year(year)


def test_pace_projection_and_required_pace():
    today = J("1405/07/01")  # 6 × 31 days behind us, 179 left
    df = projection.project(_records((3, 300, 1, "in_progress", 100.0, 40.0, 40.0, None)),
                            1405, today)
    row = df.iloc[0]
    assert projection.elapsed_days(1405, today) == 186
    assert row["pace"] == pytest.approx(40 / 186)
    assert row["projected"] == pytest.approx(40 + 40 / 186 * 179)
    assert not row["on_track"]
    assert row["remaining"] == pytest.approx(60)
    assert row["required"] == pytest.approx(60 / 179)
    assert row["speedup"] == pytest.approx((60 / 179) / (40 / 186))


def test_a_fast_record_is_on_track_and_needs_no_speedup():
    df = projection.project(_records((3, 300, 1, "in_progress", 100.0, 70.0, 70.0, None)),
                            1405, J("1405/07/01"))
    assert bool(df.iloc[0]["on_track"]) and math.isnan(df.iloc[0]["speedup"])


def test_finished_records_are_not_projected():
    df = projection.project(_records(
        (3, 300, 1, "done", 100.0, 100.0, 100.0, None),
        (3, 300, 2, "not_applicable", None, None, 0.0, None),
        (3, 300, 3, "blocked", 50.0, 10.0, 20.0, None),
    ), 1405, J("1405/07/01"))
    assert df["number"].tolist() == [3]


def test_without_a_quantity_target_progress_stands_in():
    df = projection.project(_records((3, 300, 1, "in_progress", None, None, 30.0, None)),
                            1405, J("1405/07/01"))
    row = df.iloc[0]
    assert bool(row["in_percent"]) and row["goal"] == 100 and row["done"] == 30
    assert row["remaining"] == 70


def test_a_record_that_has_not_moved_cannot_finish_at_any_pace():
    df = projection.project(_records((3, 300, 1, "not_started", 80.0, None, 0.0, None)),
                            1405, J("1405/10/01"))
    row = df.iloc[0]
    assert row["pace"] == 0 and not row["on_track"] and math.isnan(row["speedup"])
    assert row["required"] == pytest.approx(80 / calendar.days_left(1405, J("1405/10/01")))


def test_overdue_only_before_today():
    df = projection.project(_records(
        (3, 300, 1, "in_progress", 10.0, 1.0, 10.0, "2026-09-01"),
        (3, 300, 2, "in_progress", 10.0, 1.0, 10.0, "2027-01-01"),
        (3, 300, 3, "in_progress", 10.0, 1.0, 10.0, None),
    ), 1405, J("1405/07/01"))
    assert df["overdue"].tolist() == [True, False, False]


@pytest.mark.parametrize("year,last", [(1403, "1403/12/30"), (1404, "1404/12/29"),
                                       (1408, "1408/12/30")])
def test_on_the_last_day_of_esfand_one_day_is_left(year, last):
    today = J(last)
    assert calendar.days_left(year, today) == 1
    df = projection.project(_records((3, 300, 1, "in_progress", 100.0, 50.0, 50.0, None)),
                            year, today)
    elapsed = calendar.days_in_year(year) - 1
    assert df.iloc[0]["pace"] == pytest.approx(50 / elapsed)
    assert df.iloc[0]["required"] == pytest.approx(50.0)


def test_leap_year_has_one_more_day_to_work():
    # 20 Esfand, counting that day: 11 days in leap 1403, 10 in common 1404
    assert calendar.days_left(1403, J("1403/12/20")) == 11
    assert calendar.days_left(1404, J("1404/12/20")) == 10


def test_on_the_first_day_there_is_no_pace_yet():
    df = projection.project(_records((3, 300, 1, "in_progress", 100.0, 0.0, 0.0, None)),
                            1405, calendar.year_start(1405))
    assert math.isnan(df.iloc[0]["pace"]) and not df.iloc[0]["on_track"]


def test_district_totals():
    df = projection.project(_records(
        (3, 300, 1, "in_progress", 100.0, 10.0, 10.0, "2026-04-01"),
        (3, 301, 1, "in_progress", 100.0, 90.0, 90.0, None),
        (4, 400, 1, "not_started", 100.0, None, 0.0, None),
    ), 1405, J("1405/07/01"))
    totals = projection.district_totals(df).set_index("district")
    assert totals.loc[3].tolist() == [2, 1, 1]
    assert totals.loc[4].tolist() == [1, 1, 0]
