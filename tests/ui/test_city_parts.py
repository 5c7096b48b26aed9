"""City figures joined from per-district pieces (tracker.ui.city_parts): after a save in
district 3 they equal a fresh computation from the whole city's records, and only
district 3's pieces are read and computed again."""

from __future__ import annotations

import functools

import pandas as pd
import pytest

from tests.conftest import DATA_DAY, DATA_YEAR
from tests.pages import sql_figures as sql
from tracker.db import connect
from tracker.domain import calendar, league
from tracker.domain.comparison import filter_records, grid_cells
from tracker.domain.rollup import progress_by
from tracker.store import compare
from tracker.store.records import STATUS, Change, apply_changes
from tracker.store.users import get_user_by_username
from tracker.ui.compare_heat import staleness

YEAR = DATA_YEAR
DAY = DATA_DAY
DAYS = 30


@pytest.fixture
def parts(app_db):
    """tracker.ui.city_parts over a private demo database, its caches empty."""
    from tracker.ui import city_parts, context

    context.clear_caches()
    yield city_parts
    context.clear_caches()


def _query(day):
    return None if day == calendar.today_tehran() else day


def _save(db_file, district: int, progress: float) -> tuple[int, int]:
    """A status save in one district (its first record of the year), as an admin."""
    db = connect(db_file)
    try:
        unit, clause, version = db.execute(
            "SELECT unit_id, clause_id, version FROM status WHERE year = ? AND unit_id / 100 = ?"
            " ORDER BY unit_id, clause_id LIMIT 1", [YEAR, district]).fetchone()
        admin = get_user_by_username(db, "admin")
        apply_changes(db, admin, STATUS, [Change(YEAR, unit, clause, version,
                                                 {"status": "in_progress",
                                                  "progress": progress})])
        return unit, clause
    finally:
        db.conn.close()


def _fresh(db_file, query, deputy="", clauses=(), status=""):
    """The city's frames straight from the store (no cache, no pieces)."""
    db = connect(db_file)
    try:
        records = compare.records_as_of(db, YEAR, query)
        last = compare.last_updates(db, YEAR, query)
        before_day = league.month_before(DAY)
        before = compare.records_as_of(db, YEAR, before_day)
        before_last = compare.last_updates(db, YEAR, before_day)
    finally:
        db.conn.close()
    chosen = filter_records(records, deputy, list(clauses), status)
    table = league.league_table(filter_records(records, deputy, list(clauses)), last, DAY, DAYS,
                                calendar.year_start(YEAR),
                                filter_records(before, deputy, list(clauses)), before_last,
                                before_day)
    return records, last, table, grid_cells(chosen, "district"), progress_by(chosen, "district")


def _check(parts, db_file, deputy="", clauses=(), status=""):
    query = _query(DAY)
    records, last, table, cells, totals = _fresh(db_file, query, deputy, clauses, status)
    pd.testing.assert_frame_equal(parts.city_records(YEAR, query), records, check_exact=True)
    pd.testing.assert_frame_equal(parts.city_last_updates(YEAR, query), last, check_exact=True)
    pd.testing.assert_frame_equal(parts.league_table(YEAR, DAY, query, deputy, clauses, DAYS),
                                  table, check_exact=True)
    assert parts.stale_keys(YEAR, query, DAY, DAYS) == staleness(last, DAY, DAYS,
                                                                 calendar.year_start(YEAR))
    got_cells, got_totals = parts.district_heat(YEAR, query, deputy, tuple(clauses), status)
    pd.testing.assert_frame_equal(got_cells, cells, check_exact=True)
    pd.testing.assert_frame_equal(got_totals, totals, check_exact=True)


def test_after_a_save_in_district_3_the_city_figures_equal_a_fresh_computation(parts, app_db):
    _check(parts, app_db)
    _check(parts, app_db, deputy="social")
    unit, _ = _save(app_db, 3, 61.5)
    _check(parts, app_db)
    _check(parts, app_db, deputy="social")
    _check(parts, app_db, status="in_progress")
    # and against SQL, independently of the domain and the store: district 3's score now
    scores = sql.district_scores(app_db, YEAR, None if _query(DAY) is None else DAY)
    table = parts.league_table(YEAR, DAY, _query(DAY), "", (), DAYS).set_index("district")
    assert table.loc[3, "score"] == round(scores[3], 1)
    assert set(table.index) == set(scores)


def test_the_overview_figures_after_a_save_equal_a_fresh_computation(parts, app_db):
    from tracker.pages.overview import _inputs, city_figures
    from tracker.store.totals import city_totals

    query = _query(DAY)
    city_figures(_inputs(YEAR, query, ""), YEAR, DAY, DAYS)  # warm the pieces
    _save(app_db, 3, 12.5)
    got = city_figures(_inputs(YEAR, query, ""), YEAR, DAY, DAYS)
    db = connect(app_db)
    try:
        fresh = (city_totals(db, YEAR) if query is None else
                 compare.records_as_of(db, YEAR, query), compare.last_updates(db, YEAR, query))
    finally:
        db.conn.close()
    assert got == city_figures(fresh, YEAR, DAY, DAYS)
    assert got["counts"] == sql.status_counts(app_db, YEAR, None if query is None else DAY)


def test_a_save_in_district_3_reads_and_computes_only_district_3_again(parts, app_db,
                                                                       monkeypatch):
    read_districts: list[int] = []
    computed: list[int] = []

    def counting(fn):
        @functools.wraps(fn)
        def wrapper(db, year, *args, district=None):
            read_districts.append(district)
            return fn(db, year, *args, district=district)
        return wrapper

    monkeypatch.setattr(parts, "records_as_of_rows", counting(compare.records_as_of_rows))
    monkeypatch.setattr(parts, "last_updates_rows", counting(compare.last_updates_rows))
    real_rows, real_cells = league.district_row_tuples, parts.grid_cells

    def rows(records, *args, **kwargs):
        computed.extend(sorted({int(d) for d in records["district"]}))
        return real_rows(records, *args, **kwargs)

    def cells(records, row):
        computed.extend(sorted({int(d) for d in records["district"]}))
        return real_cells(records, row)

    monkeypatch.setattr(league, "district_row_tuples", rows)
    monkeypatch.setattr(parts, "grid_cells", cells)

    query = _query(DAY)

    def everything():
        parts.league_table(YEAR, DAY, query, "", (), DAYS)
        parts.district_heat(YEAR, query, "", (), "")
        parts.stale_keys(YEAR, query, DAY, DAYS)

    everything()
    districts = set(parts.district_ids())
    assert len(districts) == 22
    assert set(read_districts) == districts and set(computed) == districts  # cold: all
    read_districts.clear()
    computed.clear()
    everything()
    assert read_districts == [] and computed == []  # warm: nothing

    _save(app_db, 3, 44.0)
    everything()
    assert set(read_districts) == {3}  # now, a month before, last updates: district 3's
    assert set(computed) == {3}        # its league rows (now and before) and heat cells
    read_districts.clear()
    computed.clear()

    _save(app_db, 7, 45.0)
    _save(app_db, 7, 46.0)
    everything()
    assert set(read_districts) == {7} and set(computed) == {7}
