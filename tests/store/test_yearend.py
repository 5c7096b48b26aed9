"""Year-end reads on the demo data: the projection agrees with a direct
computation from the history, near the end of Esfand."""

import pytest

from tests.conftest import DATA_YEAR, full_copy
from tracker.db import open_db
from tracker.domain import calendar, projection
from tracker.store.yearend import records_as_of, spring_items

YEAR = DATA_YEAR
NEAR_END = calendar.parse_jalali(f"{YEAR}/12/20")
# Esfand has 30 days in a leap year (1399, 1403 and 1408 near here), else 29; the 20th
# through the last day leaves 11 or 10 days
LEFT = (30 if YEAR in (1399, 1403, 1408) else 29) - 20 + 1


@pytest.fixture
def demo(tmp_path, demo_db_file):
    database = open_db(full_copy(demo_db_file, tmp_path / "demo.db"))
    yield database
    database.conn.close()


def _direct(db, record_id, until):
    """The record's achieved, progress and status from its last history row by ``until``."""
    row = db.execute("SELECT achieved, progress, status FROM history WHERE kind = 'status' "
                     "AND record_id = ? AND changed_at <= ? ORDER BY version DESC LIMIT 1",
                     [record_id, until]).fetchone()
    return row or (None, 0.0, "not_started")


def test_projection_agrees_with_the_history(demo):
    until = calendar.end_of_day_utc(NEAR_END)
    records = records_as_of(demo, YEAR, until, 3)
    proj = projection.project(records, YEAR, NEAR_END).set_index("id")
    left = calendar.days_left(YEAR, NEAR_END)
    elapsed = calendar.days_in_year(YEAR) - left
    assert left == LEFT
    checked = 0
    for record_id, target in demo.execute(
            "SELECT s.id, s.target FROM status s JOIN units u ON u.id = s.unit_id "
            "WHERE s.year = ? AND u.district = 3", [YEAR]).fetchall():
        achieved, progress, status = _direct(demo, record_id, until)
        if status in ("done", "not_applicable"):
            assert record_id not in proj.index
            continue
        done = achieved if achieved is not None else target * progress / 100
        row = proj.loc[record_id]
        assert row["done"] == pytest.approx(done)
        assert row["pace"] == pytest.approx(done / elapsed)
        assert row["projected"] == pytest.approx(done + done / elapsed * left)
        assert row["required"] == pytest.approx(max(0, target - done) / left)
        assert bool(row["on_track"]) == (done + done / elapsed * left >= target - 1e-9)
        checked += 1
    assert checked > 50


def test_as_of_an_earlier_day_uses_only_the_history_until_then(demo):
    early = calendar.parse_jalali(f"{YEAR}/03/01")
    until = calendar.end_of_day_utc(early)
    records = records_as_of(demo, YEAR, until, 5).set_index("id")
    for record_id in records.index[:40]:
        achieved, progress, status = _direct(demo, int(record_id), until)
        assert records.loc[record_id, "status"] == status
        assert records.loc[record_id, "progress"] == pytest.approx(progress)


def test_spring_items_are_the_current_years_lines_marked_for_spring(demo):
    items = spring_items(demo, YEAR)
    n = demo.execute("SELECT count(*) FROM plans WHERE year = ? AND spring = 1",
                     [YEAR]).fetchone()[0]
    assert len(items) == n > 0
    assert not items["status"].isin(["done", "not_applicable"]).any()
