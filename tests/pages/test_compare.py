"""The comparison page: heat-map figures, drill-down, side by side, lagging clauses."""

from datetime import timedelta

import pytest

from tests.conftest import DATA_YEAR, open_page
from tests.pages import sql_figures as sql
from tracker.db import connect
from tracker.domain import calendar, comparison
from tracker.store import compare

YEAR = DATA_YEAR


def _records(db_file, day=None):
    db = connect(db_file)
    records = compare.records_as_of(db, YEAR, day)
    db.conn.close()
    return records


def test_grid_table_agrees_with_the_records(app_db):
    at = open_page(app_db, "compare", year=YEAR, view="grid", lang="en")
    table = at.dataframe[0].value.set_index("District / zone")
    totals = sql.district_scores(app_db, YEAR)
    row = next(i for i in table.index if i.endswith("District 3"))
    assert table.loc[row, "Total"] == pytest.approx(round(totals[3], 1))
    assert table.loc[row, "7"] == pytest.approx(round(sql.clause_scores(app_db, YEAR, 3)[7], 1))
    assert table.loc["City", "12"] == pytest.approx(round(sql.clause_scores(app_db, YEAR)[12], 1))
    stale_rows = [i for i in table.index if i.startswith("⚠")]
    assert len(stale_rows) == 3


def test_grid_in_persian_reads_right_to_left(app_db):
    at = open_page(app_db, "compare", year=YEAR, view="grid")
    columns = list(at.dataframe[0].value.columns)
    assert columns[-1] == "منطقه / ناحیه" and columns[0] == "کل"


def test_filters_and_as_of(app_db):
    day = calendar.year_start(YEAR) + timedelta(days=3 * 31 + 9)  # 10 Tir (2026-07-01 in 1405)
    at = open_page(app_db, "compare", year=YEAR, view="grid", lang="en", deputy="technical",
                   asof=f"{YEAR}/04/10")
    table = at.dataframe[0].value.set_index("District / zone")
    totals = sql.district_scores(app_db, YEAR, day, deputy="technical")
    row = next(i for i in table.index if i.endswith("District 14"))
    assert table.loc[row, "Total"] == pytest.approx(round(totals[14], 1))
    shown = {c for c in table.columns if c.isdigit()}
    assert shown == {str(n) for n in sql.clause_numbers(app_db, YEAR, "technical")}


def test_drill_down_to_a_districts_zones(app_db):
    at = open_page(app_db, "compare", year=YEAR, view="district", district=3, lang="en")
    table = at.dataframe[0].value.set_index("District / zone")
    zones = sql.unit_scores(app_db, YEAR, 3)
    assert table.loc["Zone 2", "Total"] == pytest.approx(round(zones[302], 1))
    assert table.loc["District level", "Total"] == pytest.approx(round(zones[300], 1))
    assert table.loc["District total", "Total"] == pytest.approx(
        round(sql.district_scores(app_db, YEAR)[3], 1))


def test_side_by_side_differences(app_db):
    at = open_page(app_db, "compare", year=YEAR, view="side", districts="3,8", lang="en")
    table = at.dataframe[0].value
    three, eight = (sql.clause_scores(app_db, YEAR, d) for d in (3, 8))
    numbers = sorted(three)
    assert list(table["District 8"]) == pytest.approx([round(eight[n], 1) for n in numbers])
    assert list(table["Best minus worst"]) == pytest.approx(
        [round(abs(three[n] - eight[n]), 1) for n in numbers])


def test_lagging_clauses(app_db):
    at = open_page(app_db, "compare", year=YEAR, view="lagging", lang="en")
    table = at.dataframe[0].value
    lag = comparison.lagging_clauses(_records(app_db))
    assert list(table["District"]) == [f"District {int(d)}" for d in lag["district"]]
    assert list(table["Pull (points)"]) == pytest.approx(list(lag["pull"].round(2)))
