"""The year-end city totals summed in SQLite (open_totals_rows) against the records
worked out by SQL and the projection's rules by hand, and against the projection."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import DATA_YEAR, full_copy
from tests.pages.sql_figures import next_midnight_utc
from tracker.db import open_db
from tracker.domain import calendar, projection
from tracker.store.tx import frame_of
from tracker.store.yearend import OPEN_TOTAL_COLUMNS, open_totals_rows, records_as_of

YEAR = DATA_YEAR
START = calendar.year_start(YEAR)
DAYS = [START, START + timedelta(days=100), calendar.parse_jalali(f"{YEAR}/12/20")]

# each record of the year as of a moment: its latest history row by time then version
_AS_OF = """
WITH ranked AS (
  SELECT h.record_id, h.status, h.progress, h.achieved,
         ROW_NUMBER() OVER (PARTITION BY h.record_id
                            ORDER BY h.changed_at DESC, h.version DESC) AS n
  FROM history h WHERE h.kind = 'status' AND h.year = :year AND h.changed_at < :before
)
SELECT u.district, COALESCE(r.status, 'not_started'), s.target, r.achieved,
       COALESCE(r.progress, 0), s.due_date
FROM status s JOIN units u ON u.id = s.unit_id
LEFT JOIN ranked r ON r.record_id = s.id AND r.n = 1
WHERE s.year = :year
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_db_file):
    database = open_db(full_copy(demo_db_file, tmp_path_factory.mktemp("ye") / "demo.db"))
    yield database
    database.conn.close()


def _by_hand(db, day: date) -> dict[int, tuple[int, int, int]]:
    """Per district (open, at risk, overdue), the rules of tracker.domain.projection
    written out: a record without a positive target counts its progress out of 100;
    it is on track when nothing is left or its pace so far reaches the goal by the
    year's last day."""
    left = (calendar.year_end(YEAR) - day).days + 1 if day <= calendar.year_end(YEAR) else 0
    elapsed = (day - START).days
    out: dict[int, list[int]] = {}
    rows = db.execute(_AS_OF.replace(":before", "?").replace(":year", "?"),
                      [YEAR, next_midnight_utc(day), YEAR]).fetchall()
    for district, status, target, achieved, progress, due in rows:
        if status in ("done", "not_applicable"):
            continue
        if target and target > 0:
            goal = float(target)
            done = float(achieved) if achieved is not None else goal * progress / 100.0
        else:
            goal, done = 100.0, float(progress)
        remaining = max(goal - done, 0.0)
        on_track = remaining <= 1e-9 or (elapsed > 0
                                         and done + done / elapsed * left >= goal - 1e-9)
        late = bool(due) and due < day.isoformat()
        counts = out.setdefault(district, [0, 0, 0])
        counts[0] += 1
        counts[1] += not on_track
        counts[2] += late
    return {d: tuple(c) for d, c in out.items()}


def _totals(db, day: date, district: int | None = None):
    return frame_of(open_totals_rows(
        db, YEAR, calendar.end_of_day_utc(day), day.isoformat(),
        projection.elapsed_days(YEAR, day), calendar.days_left(YEAR, day), projection.EPS,
        projection.FINISHED, district))


@pytest.mark.parametrize("day", DAYS, ids=["first-day", "day-100", "esfand-20"])
def test_city_totals_match_the_records_worked_out_by_sql(demo, day):
    totals = _totals(demo, day)
    assert tuple(totals.columns) == OPEN_TOTAL_COLUMNS
    got = {int(r.district): (int(r.open), int(r.at_risk), int(r.overdue))
           for r in totals.itertuples(index=False)}
    expected = _by_hand(demo, day)
    assert got == expected
    assert sum(c[0] for c in expected.values()) > 0  # the data has open work


@pytest.mark.parametrize("day", DAYS, ids=["first-day", "day-100", "esfand-20"])
def test_city_totals_agree_with_the_projection_of_every_record(demo, day):
    proj = projection.project(records_as_of(demo, YEAR, calendar.end_of_day_utc(day)),
                              YEAR, day)
    want = projection.district_totals(proj)
    got = _totals(demo, day)
    assert [tuple(int(v) for v in r) for r in got.itertuples(index=False)] == \
        [tuple(int(v) for v in r) for r in want.itertuples(index=False)]


def test_one_districts_totals_are_its_row_of_the_citys(demo):
    day = DAYS[-1]
    city = _totals(demo, day).set_index("district")
    for district in (1, 3, 22):
        one = _totals(demo, day, district)
        assert len(one) == 1
        assert tuple(one.iloc[0]) == (district, *city.loc[district])
