"""Grades, ranking with ties and stale districts, rank change, the league table."""

from datetime import date

import pandas as pd
import pytest

from tracker.domain import league


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
    from tracker.domain import calendar

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
    assert by.loc[1, "score"] == 83.3                   # (2×100 + 50) / 3, one decimal
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


def test_month_before_in_ordibehesht_is_farvardin_of_the_same_year():
    from tracker.domain import calendar

    # the second month compares with the first month, not with last year's Esfand
    assert league.month_before(calendar.parse_jalali("1405/02/15")) == \
        calendar.parse_jalali("1405/01/15")
    assert league.month_before(calendar.parse_jalali("1405/02/31")) == \
        calendar.parse_jalali("1405/01/31")


def test_grade_below_every_threshold_is_the_lowest():
    assert league.grade(-5.0) == "weak"


def test_rank_of_nothing_and_its_type():
    assert league.rank(pd.Series(dtype=float)).empty
    assert str(league.rank(pd.Series(dtype=float)).dtype) == "Int64"
    assert str(league.rank(pd.Series([50.0, None])).dtype) == "Int64"
    # a missing score ranks last whatever the others (even a stale 0)
    assert league.rank(pd.Series([None, 0.0]), pd.Series([False, True])).tolist() == [2, 1]


def test_clause_counts_blocked_and_overdue_boundaries():
    as_of = date(2026, 6, 30)
    records = _records([
        # district 1, clause 1: one blocked record among others -> 1 blocked clause
        (100, 1, 0, 1, 1, "x", 1.0, "blocked", 10.0, None, None),
        (101, 1, 1, 1, 1, "x", 1.0, "in_progress", 10.0, None, None),
        # district 1, clause 2: nothing blocked; due today is not overdue yet
        (100, 1, 0, 2, 2, "x", 1.0, "in_progress", 10.0, "2026-06-30", None),
        (101, 1, 1, 2, 2, "x", 1.0, "not_started", 0.0, None, None),
        # district 2: no due date is never overdue; due yesterday is
        (200, 2, 0, 1, 1, "x", 1.0, "in_progress", 10.0, None, None),
        (200, 2, 0, 2, 2, "x", 1.0, "not_started", 0.0, "2026-06-29", None),
        # done and not applicable are never overdue
        (200, 2, 0, 3, 3, "x", 1.0, "done", 100.0, "2026-01-01", None),
        (200, 2, 0, 4, 4, "x", 1.0, "not_applicable", 0.0, "2026-01-01", None),
    ])
    counts = league.clause_counts(records, as_of).set_index("district")
    assert counts.loc[1, "blocked"] == 1 and counts.loc[1, "overdue"] == 0
    assert counts.loc[2, "blocked"] == 0 and counts.loc[2, "overdue"] == 1
    assert pd.api.types.is_integer_dtype(counts["blocked"])
    assert pd.api.types.is_integer_dtype(counts["overdue"])
    empty = league.clause_counts(_records([]), as_of)
    assert empty.empty and list(empty.columns) == ["district", "blocked", "overdue"]


COLUMNS = ["rank", "district", "score", "grade", "rank_before", "rank_change", "blocked",
           "overdue", "last_update", "days_silent", "stale", "stale_units", "units",
           "records"]


def test_league_table_columns_types_and_rounding():
    records = _records([
        (100, 1, 0, 1, 1, "x", 3.0, "in_progress", 100.0, None, None),
        (100, 1, 0, 2, 2, "x", 3.0, "in_progress", 0.0, None, None),
        (100, 1, 0, 3, 3, "x", 3.0, "in_progress", 0.0, None, None),
    ])
    last = _last([(100, 1, 0, "2026-06-30T08:00:00Z")])
    table = league.league_table(records, last, DAY, 30, START)
    assert list(table.columns) == COLUMNS
    assert table.loc[0, "score"] == 33.3                # 100/3 shown to one decimal
    assert str(table["rank_before"].dtype) == "Int64"
    assert str(table["rank_change"].dtype) == "Int64"
    assert table["rank_before"].isna().all()


def test_a_district_missing_from_the_updates_is_kept_and_not_flagged():
    records = _records([(100, 1, 0, 1, 1, "x", 1.0, "in_progress", 50.0, None, None),
                        (200, 2, 0, 1, 1, "x", 1.0, "in_progress", 70.0, None, None)])
    last = _last([(200, 2, 0, "2026-06-30T08:00:00Z")])
    table = league.league_table(records, last, DAY, 30, START)
    assert table["district"].tolist() == [2, 1]
    assert table["stale"].tolist() == [False, False]
    assert table["stale"].dtype == bool


def test_rank_change_needs_all_of_the_earlier_day():
    now = _records([(100, 1, 0, 1, 1, "x", 1.0, "in_progress", 80.0, None, None)])
    last = _last([(100, 1, 0, "2026-06-30T08:00:00Z")])
    # only a day, or only records, without the rest: no rank change (and no error)
    only_day = league.league_table(now, last, DAY, 30, START, before_day=date(2026, 5, 30))
    assert only_day["rank_change"].isna().all()
    only_records = league.league_table(now, last, DAY, 30, START, before=now)
    assert only_records["rank_change"].isna().all()


def test_rank_change_uses_staleness_on_the_earlier_day():
    # a month earlier district 1 had the higher score but had never reported (silent
    # since the year began: stale), so it ranked below district 2; now both are fresh
    now = _records([(100, 1, 0, 1, 1, "x", 1.0, "in_progress", 80.0, None, None),
                    (200, 2, 0, 1, 1, "x", 1.0, "in_progress", 60.0, None, None)])
    before = _records([(100, 1, 0, 1, 1, "x", 1.0, "in_progress", 90.0, None, None),
                       (200, 2, 0, 1, 1, "x", 1.0, "in_progress", 30.0, None, None)])
    last = _last([(100, 1, 0, "2026-06-30T08:00:00Z"), (200, 2, 0, "2026-06-30T08:00:00Z")])
    last_before = _last([(100, 1, 0, None), (200, 2, 0, "2026-05-29T08:00:00Z")])
    table = league.league_table(now, last, DAY, 30, START, before, last_before,
                                date(2026, 5, 30))
    by = table.set_index("district")
    assert (by.loc[1, "rank_before"], by.loc[1, "rank"], by.loc[1, "rank_change"]) == (2, 1, 1)
    assert (by.loc[2, "rank_before"], by.loc[2, "rank"], by.loc[2, "rank_change"]) == (1, 2, -1)


def test_a_district_without_an_earlier_ranking_has_no_rank_change():
    now = _records([(100, 1, 0, 1, 1, "x", 1.0, "in_progress", 80.0, None, None),
                    (200, 2, 0, 1, 1, "x", 1.0, "in_progress", 60.0, None, None)])
    before = _records([(200, 2, 0, 1, 1, "x", 1.0, "in_progress", 30.0, None, None)])
    last = _last([(100, 1, 0, "2026-06-30T08:00:00Z"), (200, 2, 0, "2026-06-30T08:00:00Z")])
    last_before = _last([(200, 2, 0, "2026-05-29T08:00:00Z")])
    table = league.league_table(now, last, DAY, 30, START, before, last_before,
                                date(2026, 5, 30))
    by = table.set_index("district")
    assert pd.isna(by.loc[1, "rank_change"])
    assert by.loc[2, "rank_before"] == 1 and by.loc[2, "rank_change"] == -1


# --- the per-district rows (district_rows, its tuples and frame), worked out by hand ---
# DAY is 2026-06-30; a stamp at 08:00 UTC is 11:30 the same day in Tehran, so
# 2026-05-31 is 30 days silent (exactly the limit: not stale), 2026-05-30 is 31 (stale),
# and a unit that never reported is silent since 2026-03-20 (the day before START): 102.

QUIET_LAST = [
    # district 1: never / 30 days / 10 days / 20 days -> newest 06-20, 10 silent, 1 stale
    (101, 1, 1, None), (100, 1, 0, "2026-05-31T08:00:00Z"),
    (102, 1, 2, "2026-06-20T08:00:00Z"), (103, 1, 3, "2026-06-10T08:00:00Z"),
    # district 2: one unit silent exactly 30 days: neither it nor the district is stale
    (200, 2, 0, "2026-05-31T08:00:00Z"),
    # district 4: 31 and 60 days -> the district is stale, both units are
    (400, 4, 0, "2026-05-30T08:00:00Z"), (401, 4, 1, "2026-05-01T08:00:00Z"),
    # district 3 has records but no unit here
]


def _quiet_records():
    return _records([(100, 1, 0, 1, 1, "x", 1.0, "in_progress", 50.0, None, None),
                     (200, 2, 0, 1, 1, "x", 1.0, "in_progress", 60.0, None, None),
                     (300, 3, 0, 1, 1, "x", 1.0, "in_progress", 70.0, None, None),
                     (400, 4, 0, 1, 1, "x", 1.0, "in_progress", 80.0, None, None)])


def test_district_rows_newest_update_silence_and_stale_boundaries():
    rows = league.district_rows(_quiet_records(), _last(QUIET_LAST), DAY, 30, START)
    assert list(rows.columns) == list(league.ROW_COLUMNS + league.COUNT_COLUMNS)
    by = rows.set_index("district")
    assert by.loc[1, "last_update"] == "2026-06-20T08:00:00Z"
    assert (by.loc[1, "days_silent"], by.loc[1, "stale_units"], by.loc[1, "units"]) == (10, 1, 4)
    assert not by.loc[1, "stale"]
    assert by.loc[2, "last_update"] == "2026-05-31T08:00:00Z"
    assert (by.loc[2, "days_silent"], by.loc[2, "stale_units"], by.loc[2, "units"]) == (30, 0, 1)
    assert not by.loc[2, "stale"]
    assert by.loc[4, "last_update"] == "2026-05-30T08:00:00Z"
    assert (by.loc[4, "days_silent"], by.loc[4, "stale_units"], by.loc[4, "units"]) == (31, 2, 2)
    assert by.loc[4, "stale"]
    # no unit in `last`: nothing known, not flagged
    assert by.loc[3, "last_update"] is None
    assert pd.isna(by.loc[3, "days_silent"]) and pd.isna(by.loc[3, "stale_units"])
    assert pd.isna(by.loc[3, "units"]) and not by.loc[3, "stale"]
    assert by["score"].tolist() == [50.0, 60.0, 70.0, 80.0]
    assert by["records"].tolist() == [1, 1, 1, 1]
    # column types (a missing unit count makes the numbers float)
    assert rows["last_update"].dtype == object
    assert rows["stale"].dtype == bool
    assert str(rows["days_silent"].dtype) == "float64"
    assert str(rows["units"].dtype) == "float64"
    assert str(rows["district"].dtype) == "int64"
    assert str(rows["blocked"].dtype) == "int64"


def test_district_rows_last_update_stays_object_with_every_stamp_known():
    records = _records([(200, 2, 0, 1, 1, "x", 1.0, "in_progress", 60.0, None, None)])
    rows = league.district_rows(records, _last([(200, 2, 0, "2026-06-29T08:00:00Z")]),
                                DAY, 30, START, counts=False)
    assert list(rows.columns) == list(league.ROW_COLUMNS)
    assert rows["last_update"].dtype == object          # not pandas' string type
    assert rows["last_update"].tolist() == ["2026-06-29T08:00:00Z"]
    assert str(rows["days_silent"].dtype) == "int64" and rows["days_silent"].tolist() == [1]
    assert str(rows["units"].dtype) == "int64" and rows["units"].tolist() == [1]


def test_district_row_tuples_and_rows_frame_count_by_default():
    records = _records([(200, 2, 0, 1, 1, "x", 2.0, "blocked", 25.0, "2026-06-01", None)])
    last = _last([(200, 2, 0, "2026-06-29T08:00:00Z")])
    rows = league.district_row_tuples(records, last, DAY, 30, START)
    assert rows == ((2, 25.0, 1, 1, "2026-06-29T08:00:00Z", 1, 0, 1, False, 1, 1),)
    frame = league.rows_frame(rows)
    assert list(frame.columns) == list(league.ROW_COLUMNS + league.COUNT_COLUMNS)
    assert frame.loc[0, "blocked"] == 1 and frame.loc[0, "overdue"] == 1
    assert league.district_row_tuples(_records([]), last, DAY, 30, START) is None


def test_district_rows_blocked_once_per_clause_and_overdue_boundaries():
    records = _records([
        # clause 1 blocked twice (two units) counts once; clause 2 blocked too -> 2
        (100, 1, 0, 1, 1, "x", 1.0, "blocked", 10.0, None, None),
        (101, 1, 1, 1, 1, "x", 1.0, "blocked", 20.0, None, None),
        (100, 1, 0, 2, 2, "x", 1.0, "blocked", 10.0, None, None),
        # overdue: due yesterday (clause 3) and a month ago (clause 4) -> 2
        (100, 1, 0, 3, 3, "x", 1.0, "in_progress", 10.0, "2026-06-29", None),
        (100, 1, 0, 4, 4, "x", 1.0, "not_started", 0.0, "2026-06-01", None),
        # not overdue: due today, done, not applicable, empty or no due date
        (100, 1, 0, 5, 5, "x", 1.0, "in_progress", 10.0, "2026-06-30", None),
        (100, 1, 0, 6, 6, "x", 1.0, "done", 100.0, "2026-01-01", None),
        (100, 1, 0, 7, 7, "x", 1.0, "not_applicable", 0.0, "2026-01-01", None),
        (100, 1, 0, 8, 8, "x", 1.0, "in_progress", 10.0, "", None),
        (100, 1, 0, 9, 9, "x", 1.0, "in_progress", 10.0, None, None),
        # district 2: nothing blocked, nothing overdue
        (200, 2, 0, 1, 1, "x", 1.0, "done", 100.0, "2026-06-01", None),
    ])
    last = _last([(100, 1, 0, "2026-06-29T08:00:00Z"), (200, 2, 0, "2026-06-29T08:00:00Z")])
    by = league.district_rows(records, last, DAY, 30, START).set_index("district")
    assert (by.loc[1, "blocked"], by.loc[1, "overdue"]) == (2, 2)
    assert (by.loc[2, "blocked"], by.loc[2, "overdue"]) == (0, 0)
    assert by.loc[1, "blocked_records"] == 3 and by.loc[1, "records"] == 10
    table = league.league_table(records, last, DAY, 30, START).set_index("district")
    assert (table.loc[1, "blocked"], table.loc[1, "overdue"]) == (2, 2)


# what pandas makes of no records: an empty table with these columns and types
EMPTY_TYPES = {"rank": "Int64", "district": "object", "score": "float64", "grade": "float64",
               "rank_before": "Int64", "rank_change": "Int64", "blocked": "object",
               "overdue": "object", "last_update": "object", "days_silent": "int64",
               "stale": "bool", "stale_units": "int64", "units": "int64",
               "records": "object"}


def test_league_table_of_no_records_has_the_columns_and_types():
    last = _last([(100, 1, 0, "2026-06-29T08:00:00Z"), (101, 1, 1, None),
                  (200, 2, 0, "2026-05-01T08:00:00Z")])
    table = league.league_table(_records([]), last, DAY, 30, START,
                                _records([]), last, date(2026, 5, 30))
    assert table.empty
    assert {c: str(t) for c, t in table.dtypes.items()} == EMPTY_TYPES
    assert list(table.columns) == COLUMNS


def test_district_rows_of_no_records():
    last = _last([(100, 1, 0, "2026-06-29T08:00:00Z"), (101, 1, 1, None)])
    rows = league.district_rows(_records([]), last, DAY, 30, START)
    assert rows.empty
    assert list(rows.columns) == list(league.ROW_COLUMNS + league.COUNT_COLUMNS)
    assert rows["stale"].dtype == bool
    assert str(rows["days_silent"].dtype) == "int64"
    plain = league.district_rows(_records([]), last, DAY, 30, START, counts=False)
    assert plain.empty and list(plain.columns) == list(league.ROW_COLUMNS)
    # no units either: still the columns (the stale flag a bool)
    neither = league.district_rows(_records([]), _last([]), DAY, 30, START)
    assert neither.empty
    assert sorted(neither.columns) == sorted(league.ROW_COLUMNS + league.COUNT_COLUMNS)
    assert neither["stale"].dtype == bool
