"""The summary page (the viewer's landing page) against SQL on the demo database."""

from __future__ import annotations

import sqlite3

from tests.conftest import metric, open_page, run_app
from tracker.domain import fmt
from tracker.domain.i18n import t

YEAR = 1405
# the fixed day (conftest FIXED_TODAY) is 2026-11-21 (1405/08/30 in Tehran); "this week"
# is the seven days after 2026-11-14 23:59:59 Tehran (20:29:59 UTC), up to 2026-11-21
# 23:59:59 Tehran
SINCE, UNTIL = "2026-11-14T20:29:59Z", "2026-11-21T20:29:59Z"


def _sql(db_file, sql: str, *params):
    with sqlite3.connect(db_file) as conn:
        return conn.execute(sql, params).fetchone()


def test_the_viewer_lands_on_the_summary(app_db):
    at = run_app(app_db, "viewer")
    assert not at.exception, at.exception
    assert [s.value for s in at.subheader][:1] == [t("page.summary", "fa")]


def test_city_score_and_this_weeks_changes_in_english(fixed_app_db):
    app_db = fixed_app_db  # the demo and "today" of the fixed day (this week's dates above)
    at = open_page(app_db, "summary", username="viewer", lang="en")
    score = _sql(app_db, "SELECT SUM(c.weight * CASE WHEN s.status = 'done' THEN 100 "
                         "ELSE s.progress END) / SUM(c.weight) FROM status s "
                         "JOIN clauses c ON c.id = s.clause_id "
                         "WHERE s.year = ? AND s.status != 'not_applicable'", YEAR)[0]
    assert metric(at, "City score") == fmt.percent(score, "en", 1)
    changes, units = _sql(app_db, "SELECT COUNT(*), COUNT(DISTINCT unit_id) FROM history "
                                  "WHERE kind = 'status' AND year = ? AND changed_at > ? "
                                  "AND changed_at <= ?", YEAR, SINCE, UNTIL)
    assert changes > 0
    assert metric(at, "Changes saved") == fmt.number(changes, "en")
    assert metric(at, "Units that reported") == fmt.number(units, "en")
    blocked = _sql(app_db, "SELECT COUNT(*) FROM status WHERE year = ? AND status = 'blocked'",
                   YEAR)[0]
    assert metric(at, "Blocked") == fmt.number(blocked, "en")
    tables = [d.value for d in at.dataframe]
    top, bottom, lagging, latest = tables[-4:]
    assert len(top) == len(bottom) == 3
    assert list(top["Rank"])[0] == "1"
    assert len(lagging) == 5
    assert len(latest) == min(changes, 12)
    text = " ".join(str(v) for frame in tables for v in frame.to_numpy().ravel())
    for word in ("None", "nan", "NaT"):
        assert word not in text.split()


def test_summary_in_persian_has_persian_digits(app_db):
    at = open_page(app_db, "summary", username="viewer")
    assert metric(at, t("sum.changes", "fa"))[0] in "۰۱۲۳۴۵۶۷۸۹"
