"""The one as-of read (compare.records_at) against the per-record definition: for each
record, its latest history row by (changed_at, version) up to the moment."""

import pytest

from tests.conftest import DATA_YEAR
from tracker.db import connect
from tracker.domain import calendar
from tracker.store import compare, yearend

YEAR = DATA_YEAR
MOMENTS = [f"{YEAR}/01/01", f"{YEAR}/03/01", f"{YEAR}/06/15", f"{YEAR}/08/30", f"{YEAR + 1}/01/01"]


@pytest.fixture(scope="module")
def demo(demo_db_file):
    db = connect(demo_db_file)
    yield db
    db.conn.close()


def _per_record(db, stamp):
    """record id -> (status, progress, achieved, changed_at) by one query per record."""
    out = {}
    for (rid,) in db.execute("SELECT id FROM status WHERE year = ?", [YEAR]).fetchall():
        row = db.execute(
            "SELECT status, progress, achieved, changed_at FROM history WHERE kind = 'status' "
            "AND record_id = ? AND changed_at <= ? ORDER BY changed_at DESC, version DESC "
            "LIMIT 1", [rid, stamp]).fetchone()
        out[rid] = row or ("not_started", 0.0, None, None)
    return out


def _none(value):
    """pandas' missing value (NaN/None) as None."""
    return None if value is None or value != value else value


@pytest.mark.parametrize("day", MOMENTS)
def test_records_at_equals_the_per_record_definition(demo, day):
    stamp = calendar.end_of_day_utc(calendar.parse_jalali(day))
    want = _per_record(demo, stamp)
    got = compare.records_at(demo, YEAR, stamp, detail=True)
    assert len(got) == len(want)
    assert got["id"].is_unique
    for rec in got.itertuples():
        status, progress, achieved, changed_at = want[rec.id]
        assert (rec.status, _none(rec.updated_at)) == (status, changed_at)
        assert rec.progress == pytest.approx(progress)
        assert _none(rec.achieved) == pytest.approx(achieved)


def test_both_as_of_reads_are_the_same_read(demo):
    day = calendar.parse_jalali(f"{YEAR}/06/15")
    stamp = calendar.end_of_day_utc(day)
    by_day = compare.records_as_of(demo, YEAR, day)
    year_end = yearend.records_as_of(demo, YEAR, stamp)
    cols = list(by_day.columns)
    assert by_day.equals(year_end[cols])
    one = yearend.records_as_of(demo, YEAR, stamp, 3)
    assert set(one["district"]) == {3}
    assert one.reset_index(drop=True).equals(
        year_end[year_end["district"] == 3].reset_index(drop=True))


def test_the_as_of_read_uses_the_covering_index(demo):
    plan = demo.execute("EXPLAIN QUERY PLAN " + compare._LATEST.replace("s.id", "1"),
                        ["9999"]).fetchall()
    assert any("history_asof" in str(row) for row in plan)
