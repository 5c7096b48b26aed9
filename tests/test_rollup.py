import pandas as pd
import pytest

from tracker.rollup import (
    city_summary,
    district_summary,
    progress_by,
    status_counts,
    unit_summary,
    weighted_progress,
)


def frame(rows):
    return pd.DataFrame(rows, columns=["unit_id", "district", "zone", "weight", "status",
                                       "progress"])


RECORDS = frame([
    (300, 3, 0, 1.0, "done", 100.0),
    (300, 3, 0, 3.0, "in_progress", 20.0),
    (301, 3, 1, 2.0, "in_progress", 50.0),
    (301, 3, 1, 5.0, "not_applicable", 0.0),
    (400, 4, 0, 1.0, "not_started", 0.0),
    (401, 4, 1, 1.0, "blocked", 30.0),
])


def test_weighted_progress_excludes_not_applicable():
    # (1*100 + 3*20 + 2*50) / (1+3+2)
    assert district_summary(RECORDS, 3).progress == pytest.approx(260 / 6)


def test_zone_summary_is_its_own_records():
    assert unit_summary(RECORDS, 301).progress == pytest.approx(50.0)
    assert unit_summary(RECORDS, 301).applicable == 1


def test_city_rolls_up_every_record():
    assert city_summary(RECORDS).progress == pytest.approx((100 + 60 + 100 + 0 + 30) / 8)
    assert city_summary(RECORDS).counts == {"not_started": 1, "in_progress": 2, "done": 1,
                                            "blocked": 1, "not_applicable": 1}


def test_nothing_applicable_has_no_score():
    only_na = frame([(301, 3, 1, 5.0, "not_applicable", 0.0)])
    assert weighted_progress(only_na) is None
    assert weighted_progress(frame([])) is None


def test_status_counts_lists_every_status():
    assert set(status_counts(frame([]))) == {"not_started", "in_progress", "done", "blocked",
                                             "not_applicable"}


def test_progress_by_district_agrees_with_summary():
    table = progress_by(RECORDS, "district").set_index("district")
    assert table.loc[3, "progress"] == pytest.approx(district_summary(RECORDS, 3).progress)
    assert table.loc[4, "blocked"] == 1
    assert table.loc[3, "records"] == 4
