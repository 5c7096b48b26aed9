"""The city overview page against figures worked out by SQL (tests/pages/sql_figures)."""

from datetime import date

import pytest

from tests.conftest import metric, open_page
from tests.pages import sql_figures as sql
from tracker import fmt
from tracker.i18n import t

YEAR = 1405
DAY_1405_05_31 = date(2026, 8, 22)  # 1405/01/01 = 2026-03-21, + 4 × 31 + 30 days


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
    at = open_page(app_db, "overview", year=YEAR, asof="1405/05/31", freq="month", lang="en")
    score = sql.city_score(app_db, YEAR, DAY_1405_05_31)
    assert metric(at, "City score") == fmt.percent(score, "en", 1)
    trend = at.dataframe[0].value
    assert list(trend["Date"]) == ["1405/01/31", "1405/02/31", "1405/03/31", "1405/04/31",
                                   "1405/05/31"]
    assert trend["Score"].iloc[-1] == pytest.approx(round(score, 1))


def test_a_bad_date_is_explained_and_today_is_shown(app_db):
    at = open_page(app_db, "overview", year=YEAR, asof="1405/13/01", lang="en")
    assert any("1405/13/01" in e.value for e in at.error)
    assert metric(at, "City score") == fmt.percent(sql.city_score(app_db, YEAR), "en", 1)
