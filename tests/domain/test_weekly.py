from datetime import date

import pandas as pd

from tracker.domain import weekly


def frame(rows):
    return pd.DataFrame(rows, columns=["id", "status", "progress", "weight"])


def test_week_start_is_seven_days_back():
    assert weekly.week_start(date(2026, 11, 21)) == date(2026, 11, 14)


def test_moves_count_records_that_reached_or_left_a_status():
    before = frame([(1, "in_progress", 50, 1), (2, "blocked", 10, 1), (3, "done", 100, 2),
                    (4, "in_progress", 20, 1)])
    now = frame([(1, "done", 100, 1), (2, "in_progress", 30, 1), (3, "done", 100, 2),
                 (4, "blocked", 20, 1), (5, "done", 100, 1)])  # 5 had no row before
    got = weekly.moves(now, before)
    assert (got["done"], got["blocked"], got["unblocked"]) == (2, 1, 1)
    # by hand: before (50 + 10 + 200 + 20) / 5 = 56; now (100 + 30 + 200 + 20 + 100) / 6 = 75
    assert got["score_before"] == 56.0
    assert got["score"] == 75.0


def test_moves_without_applicable_records_have_no_score():
    empty = frame([])
    got = weekly.moves(frame([(1, "not_applicable", 0, 1)]), empty)
    assert got["score"] is None and got["score_before"] is None and got["done"] == 0
