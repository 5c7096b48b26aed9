"""The city overview page against figures worked out by SQL (tests/pages/sql_figures)."""

from datetime import timedelta

import pytest

from tests.conftest import DATA_YEAR, metric, open_page
from tests.pages import sql_figures as sql
from tracker.domain import calendar, fmt
from tracker.domain.i18n import t

YEAR = DATA_YEAR  # the year whose demo data shows work (tests/conftest.py)
# 31 Mordad: 1 Farvardin + 4 × 31 + 30 days (2026-08-22 in 1405)
DAY_05_31 = calendar.year_start(YEAR) + timedelta(days=4 * 31 + 30)


def test_city_score_grade_and_counts_in_persian(app_db):
    at = open_page(app_db, "overview", year=YEAR)
    score, counts = sql.city_score(app_db, YEAR), sql.status_counts(app_db, YEAR)
    assert metric(at, t("compare.city_score", "fa")) == fmt.percent(score, "fa", 1)
    assert metric(at, t("compare.city_grade", "fa")) == t(f"grade.{sql.grade(score)}", "fa")
    for status in ("done", "blocked", "not_started"):
        assert metric(at, t(f"status.{status}", "fa")) == fmt.number(counts.get(status, 0),
                                                                     "fa")
    assert metric(at, t("compare.stale_districts", "fa")) == fmt.number(3, "fa")


def test_as_of_and_monthly_trend_in_english(app_db):
    at = open_page(app_db, "overview", year=YEAR, asof=f"{YEAR}/05/31", freq="month", lang="en")
    score = sql.city_score(app_db, YEAR, DAY_05_31)
    assert metric(at, "City score") == fmt.percent(score, "en", 1)
    trend = at.dataframe[0].value
    assert list(trend["Date"]) == [f"{YEAR}/0{m}/31" for m in range(1, 6)]
    assert trend["Score"].iloc[-1] == pytest.approx(round(score, 1))


def test_a_bad_date_is_explained_and_today_is_shown(app_db):
    at = open_page(app_db, "overview", year=YEAR, asof=f"{YEAR}/13/01", lang="en")
    assert any(f"{YEAR}/13/01" in e.value.replace("\\", "") for e in at.error)  # md-escaped
    assert metric(at, "City score") == fmt.percent(sql.city_score(app_db, YEAR), "en", 1)
