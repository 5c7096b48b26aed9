"""Grades, ranking with ties and stale districts, rank change, the league table."""

from datetime import date

import pandas as pd
import pytest

from tracker import league


@pytest.mark.parametrize(("score", "expected"), [
    (100.0, "excellent"), (85.0, "excellent"), (84.99, "good"), (70.0, "good"),
    (69.9, "fair"), (55.0, "fair"), (54.9, "poor"), (40.0, "poor"), (39.9, "weak"),
    (0.0, "weak"), (None, None), (float("nan"), None),
])
def test_grade_thresholds(score, expected):
    assert league.grade(score) == expected


def test_rank_ties_share_and_skip():
    r = league.rank(pd.Series([80.0, 90.0, 80.04, 70.0]))
    assert r.tolist() == [2, 1, 2, 4]


def test_rank_puts_stale_after_fresh_and_missing_last():
    scores = pd.Series([95.0, 50.0, None, 60.0])
    stale = pd.Series([True, False, False, False])
    assert league.rank(scores, stale).tolist() == [3, 2, 4, 1]


def test_month_before_clamps_to_month_end():
    # 1405/07/30 (Mehr has 30 days) -> 1405/06/30; 1405/01/15 -> 1404/12/15
    from tracker import calendar

    assert league.month_before(calendar.parse_jalali("1405/08/30")) == \
        calendar.parse_jalali("1405/07/30")
    assert league.month_before(calendar.parse_jalali("1405/07/30")) == \
        calendar.parse_jalali("1405/06/30")
    assert league.month_before(calendar.parse_jalali("1405/01/15")) == \
        calendar.parse_jalali("1404/12/15")
    # Esfand 1404 has 29 days: 1405/01/31 -> 1404/12/29
    assert league.month_before(calendar.parse_jalali("1405/01/31")) == \
        calendar.parse_jalali("1404/12/29")


def _records(rows):
    cols = ["unit_id", "district", "zone", "clause_id", "number", "deputy", "weight",
            "status", "progress", "due_date", "updated_at"]
    return pd.DataFrame(rows, columns=cols)


def _last(rows):
    return pd.DataFrame(rows, columns=["unit_id", "district", "zone", "last_update"])


START = date(2026, 3, 21)
DAY = date(2026, 6, 30)


def test_league_table_scores_grades_counts_and_stale():
    records = _records([
        # district 1: clause 1 done, clause 2 blocked at 50 and overdue
        (100, 1, 0, 1, 1, "x", 2.0, "done", 100.0, "2026-05-01", None),
        (101, 1, 1, 2, 2, "x", 1.0, "blocked", 50.0, "2026-05-01", None),
        # district 2: high score but silent for 60 days
        (200, 2, 0, 1, 1, "x", 2.0, "done", 100.0, "2026-05-01", None),
        (200, 2, 0, 2, 2, "x", 1.0, "done", 100.0, "2026-07-30", None),
        # district 3: one not-applicable record is excluded
        (300, 3, 0, 1, 1, "x", 2.0, "in_progress", 40.0, "2026-07-30", None),
        (300, 3, 0, 2, 2, "x", 1.0, "not_applicable", 0.0, "2026-05-01", None),
    ])
    last = _last([(100, 1, 0, "2026-06-29T08:00:00Z"), (101, 1, 1, None),
                  (200, 2, 0, "2026-05-01T08:00:00Z"), (300, 3, 0, "2026-06-30T08:00:00Z")])
    table = league.league_table(records, last, DAY, 30, START)
    by = table.set_index("district")
    assert by.loc[1, "score"] == pytest.approx(83.3, abs=0.05)
    assert by.loc[1, "grade"] == "good"
    assert by.loc[1, "blocked"] == 1 and by.loc[1, "overdue"] == 1
    assert by.loc[1, "stale_units"] == 1 and not by.loc[1, "stale"]
    assert by.loc[2, "stale"] and by.loc[2, "score"] == 100.0
    assert by.loc[3, "score"] == 40.0 and by.loc[3, "overdue"] == 0
    # silence is not rewarded: the stale 100 % district ranks last
    assert table["district"].tolist() == [1, 3, 2]
    assert table["rank"].tolist() == [1, 2, 3]
    assert table["rank_change"].isna().all()


def test_league_table_rank_change():
    now = _records([(100, 1, 0, 1, 1, "x", 1.0, "in_progress", 80.0, None, None),
                    (200, 2, 0, 1, 1, "x", 1.0, "in_progress", 60.0, None, None)])
    before = _records([(100, 1, 0, 1, 1, "x", 1.0, "in_progress", 10.0, None, None),
                       (200, 2, 0, 1, 1, "x", 1.0, "in_progress", 30.0, None, None)])
    last = _last([(100, 1, 0, "2026-06-30T08:00:00Z"), (200, 2, 0, "2026-06-30T08:00:00Z")])
    last_before = _last([(100, 1, 0, "2026-05-30T08:00:00Z"),
                         (200, 2, 0, "2026-05-30T08:00:00Z")])
    table = league.league_table(now, last, DAY, 30, START, before, last_before,
                                league.month_before(DAY))
    by = table.set_index("district")
    assert by.loc[1, "rank_before"] == 2 and by.loc[1, "rank_change"] == 1
    assert by.loc[2, "rank_change"] == -1
