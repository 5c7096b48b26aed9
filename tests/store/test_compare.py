"""As-of reads from history, last updates and the score trend."""

from datetime import date

import pandas as pd
import pytest

from tests.conftest import DEMO_DAY, DEMO_YEAR
from tracker.domain import calendar, rollup, trend
from tracker.store import compare
from tracker.store.records import STATUS, Change, apply_changes
from tracker.store.reference import list_clauses

YEAR = 1405


def _clause(db, number):
    clauses = list_clauses(db, YEAR)
    return int(clauses.loc[clauses["number"] == number, "id"].iloc[0])


def _set(db, user, unit, clause, version, stamp, **values):
    apply_changes(db, user, STATUS, [Change(YEAR, unit, clause, version, values)], now=stamp)


@pytest.fixture
def history_db(db, admin):
    c1, c2 = _clause(db, 1), _clause(db, 2)
    _set(db, admin, 301, c1, 0, "2026-05-01T08:00:00Z", status="in_progress", progress=20)
    _set(db, admin, 301, c1, 1, "2026-06-01T08:00:00Z", progress=60)
    # 21:00 UTC on 06-10 is already 06-11 in Tehran
    _set(db, admin, 301, c2, 0, "2026-06-10T21:00:00Z", status="not_applicable")
    _set(db, admin, 501, c1, 0, "2026-06-05T08:00:00Z", status="in_progress", progress=90)
    return db


def _one(frame, unit, clause):
    return frame[(frame["unit_id"] == unit) & (frame["clause_id"] == clause)].iloc[0]


def test_records_as_of_a_past_day(history_db):
    db = history_db
    c1, c2 = _clause(db, 1), _clause(db, 2)
    may = compare.records_as_of(db, YEAR, date(2026, 5, 15))
    assert len(may) == len(compare.records_as_of(db, YEAR))
    assert _one(may, 301, c1)["progress"] == 20
    assert _one(may, 301, c1)["status"] == "in_progress"
    assert _one(may, 501, c1)["status"] == "not_started"
    assert _one(may, 501, c1)["progress"] == 0
    june10 = compare.records_as_of(db, YEAR, "2026-06-10")
    assert _one(june10, 301, c1)["progress"] == 60
    assert _one(june10, 301, c2)["status"] == "not_started"
    june11 = compare.records_as_of(db, YEAR, date(2026, 6, 11))
    assert _one(june11, 301, c2)["status"] == "not_applicable"


def test_as_of_today_equals_the_status_table(history_db):
    now = compare.records_as_of(history_db, YEAR)
    today = compare.records_as_of(history_db, YEAR, date(2026, 12, 1))
    cols = ["id", "status", "progress"]
    assert now[cols].reset_index(drop=True).equals(today[cols].reset_index(drop=True))


def test_last_updates_per_unit_as_of(history_db):
    last = compare.last_updates(history_db, YEAR).set_index("unit_id")["last_update"]
    assert last[301] == "2026-06-10T21:00:00Z"
    assert last[501] == "2026-06-05T08:00:00Z"
    assert pd.isna(last[300])
    may = compare.last_updates(history_db, YEAR, date(2026, 5, 31)).set_index("unit_id")
    assert may.loc[301, "last_update"] == "2026-05-01T08:00:00Z"
    assert pd.isna(may.loc[501, "last_update"])


@pytest.mark.parametrize("day", [date(2026, 4, 1), date(2026, 5, 15), date(2026, 6, 5),
                                 date(2026, 6, 10), date(2026, 6, 11), date(2026, 7, 1)])
def test_trend_matches_the_as_of_score(history_db, day):
    base, deltas = compare.trend_deltas(history_db, YEAR)
    daily = trend.daily_scores(base, deltas, calendar.year_start(YEAR), date(2026, 7, 1))
    got = daily.set_index("day").loc[day, "score"]
    want = rollup.weighted_progress(compare.records_as_of(history_db, YEAR, day))
    assert got == pytest.approx(want)


def test_district_trend(history_db):
    base, deltas = compare.trend_deltas(history_db, YEAR, district=5)
    daily = trend.daily_scores(base, deltas, date(2026, 6, 1), date(2026, 6, 6))
    records = compare.records_as_of(history_db, YEAR, date(2026, 6, 6))
    want = rollup.weighted_progress(records[records["district"] == 5])
    assert daily["score"].iloc[-1] == pytest.approx(want)
    assert daily["score"].iloc[0] == 0


def test_resample_takes_each_periods_last_day():
    daily = pd.DataFrame({"day": [date(2026, 6, d) for d in range(1, 11)],
                          "score": [float(d) for d in range(1, 11)]})
    weeks = trend.resample(daily, "week")  # weeks end on Friday: 06-05, 06-12
    assert weeks["period_end"].tolist() == [date(2026, 6, 5), date(2026, 6, 12)]
    assert weeks["score"].tolist() == [5.0, 10.0]
    months = trend.resample(daily, "month")  # Khordad ends 06-21
    assert months["score"].tolist() == [10.0]


def test_demo_as_of_today_matches_current(demo_db_file):
    from tracker.db import open_db

    db = open_db(demo_db_file)
    now = compare.records_as_of(db, DEMO_YEAR)
    hist = compare.records_as_of(db, DEMO_YEAR, DEMO_DAY)
    assert (now["status"].values == hist["status"].values).all()
    assert (now["progress"].values == hist["progress"].values).all()
    db.conn.close()
