"""The city overview page against a direct computation from the records."""

import pytest

from tests.conftest import DATA_YEAR, metric, open_page
from tracker import calendar, fmt, league, rollup
from tracker.db import connect
from tracker.i18n import t
from tracker.store import compare

YEAR = DATA_YEAR


def _summary(db_file, day=None):
    db = connect(db_file)
    s = rollup.summarize(compare.records_as_of(db, YEAR, day))
    db.conn.close()
    return s


def test_city_score_grade_and_counts_in_persian(app_db):
    at = open_page(app_db, "overview", year=YEAR)
    s = _summary(app_db)
    assert metric(at, t("compare.city_score", "fa")) == fmt.percent(s.progress, "fa", 1)
    assert metric(at, t("compare.city_grade", "fa")) == t(f"grade.{league.grade(s.progress)}",
                                                          "fa")
    for status in ("done", "blocked", "not_started"):
        assert metric(at, t(f"status.{status}", "fa")) == fmt.number(s.counts[status], "fa")
    assert metric(at, t("compare.stale_districts", "fa")) == fmt.number(3, "fa")


def test_as_of_and_monthly_trend_in_english(app_db):
    day = calendar.parse_jalali(f"{YEAR}/05/31")
    at = open_page(app_db, "overview", year=YEAR, asof=f"{YEAR}/05/31", freq="month", lang="en")
    s = _summary(app_db, day)
    assert metric(at, "City score") == fmt.percent(s.progress, "en", 1)
    trend = at.dataframe[0].value
    assert list(trend["Date"]) == [f"{YEAR}/0{m}/31" for m in range(1, 5)] + [
        f"{YEAR}/05/31"]
    assert trend["Score"].iloc[-1] == pytest.approx(round(s.progress, 1))


def test_a_bad_date_is_explained_and_today_is_shown(app_db):
    at = open_page(app_db, "overview", year=YEAR, asof=f"{YEAR}/13/01", lang="en")
    assert any(f"{YEAR}/13/01" in e.value.replace("\\", "") for e in at.error)  # md-escaped
    assert metric(at, "City score") == fmt.percent(_summary(app_db).progress, "en", 1)
