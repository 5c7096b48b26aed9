"""City-wide reads and figures joined from per-district pieces.

A status save bumps its district's revision (``status:<year>:<district>``) besides the
year's. The city's records and last updates are read district by district
(:func:`tracker.ui.context.read_parts`), and what the league and the heat map show of
a district is computed from that district's records alone and cached on its revision;
so after a save in district 3 only district 3's rows are read and its figures computed
again, and the city's are joined from the pieces (a rank, a concatenation).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd

from tracker.domain import calendar, league
from tracker.domain.comparison import filter_records, grid_cells
from tracker.domain.rollup import progress_by
from tracker.store.compare import (
    LAST_UPDATE_COLUMNS,
    RECORD_COLUMNS,
    last_updates_rows,
    records_as_of_rows,
)
from tracker.ui.compare_heat import staleness
from tracker.ui.context import derive, district_ids, read_part, read_parts

STATUS = ("status",)


def city_records(year: int, query: date | None) -> pd.DataFrame:
    """:func:`tracker.store.compare.records_as_of` of the whole city, from its districts'."""
    return read_parts(records_as_of_rows, RECORD_COLUMNS, year, query)


def city_last_updates(year: int, query: date | None) -> pd.DataFrame:
    """:func:`tracker.store.compare.last_updates` of every unit, from its districts'."""
    return read_parts(last_updates_rows, LAST_UPDATE_COLUMNS, year, query)


def district_records(year: int, query: date | None, district: int) -> pd.DataFrame:
    return read_part(records_as_of_rows, year, query, district=district)


def district_last_updates(year: int, query: date | None, district: int) -> pd.DataFrame:
    return read_part(last_updates_rows, year, query, district=district)


def joined(pieces: list[pd.DataFrame], empty: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """The pieces one after another (a district without rows adds none; ``empty()``
    when none has any). ``pd.concat`` of frames of the same columns: a tenth of the
    cost of joining them column by column, which at 10x scale (220 districts) was
    tens of milliseconds per join."""
    kept = [p for p in pieces if not p.empty]
    if not kept:
        return empty()
    return pd.concat(kept, ignore_index=True)


# -- the league ---------------------------------------------------------------------

def _league_piece(inputs: tuple[pd.DataFrame, pd.DataFrame], day: date, days: int,
                  year_start: date, counts: bool) -> tuple[tuple, ...] | None:
    records, last = inputs
    return league.district_row_tuples(records, last, day, days, year_start, counts=counts)


def league_rows(year: int, day: date, query: date | None, deputy: str,
                clauses: list[int] | tuple[int, ...], days: int,
                counts: bool = True) -> pd.DataFrame:
    """Every district's :func:`tracker.domain.league.district_rows` on ``day`` (records
    as of ``query``, of ``deputy`` and ``clauses``), each cached on its district's
    revision (as plain tuples: a frame per piece costs more to join than to make)."""
    start = calendar.year_start(year)
    key = ("league-rows", year, query, deputy, tuple(clauses))

    def inputs(d: int) -> tuple[pd.DataFrame, pd.DataFrame]:
        records = filter_records(district_records(year, query, d), deputy, list(clauses))
        return records, district_last_updates(year, query, d)

    rows = [row for d in district_ids()
            for row in derive(_league_piece, lambda d=d: inputs(d), key, day, days, start,
                              counts, depends=STATUS, year=year, district=d) or ()]
    if rows:
        return league.rows_frame(rows, counts)
    return league.district_rows(filter_records(city_records(year, query), deputy,
                                               list(clauses)),
                                city_last_updates(year, query), day, days, start, counts=counts)


def league_table(year: int, day: date, query: date | None, deputy: str,
                 clauses: list[int] | tuple[int, ...], days: int) -> pd.DataFrame:
    """:func:`tracker.domain.league.league_table` of the city's records as of ``query``
    (and a month before ``day``, for the rank change), joined from its districts'."""
    now = league_rows(year, day, query, deputy, clauses, days)
    before_day = league.month_before(day)
    before = None
    if before_day >= calendar.year_start(year):
        before = league_rows(year, before_day, before_day, deputy, clauses, days, counts=False)
    return league.from_rows(now, before)


# -- the heat map -------------------------------------------------------------------

def _heat_piece(records: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    return grid_cells(records, "district"), progress_by(records, "district")


def district_heat(year: int, query: date | None, deputy: str, clauses: tuple[int, ...],
                  status: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The heat map's district × clause cells and its district totals
    (:func:`tracker.domain.comparison.grid_cells` and ``progress_by(records, "district")``
    of the chosen records), joined from each district's, cached on its revision."""
    key = ("heat-rows", year, query, deputy, tuple(clauses), status)

    def records(d: int) -> pd.DataFrame:
        return filter_records(district_records(year, query, d), deputy, list(clauses), status)

    pieces = [derive(_heat_piece, lambda d=d: records(d), key, depends=STATUS, year=year,
                     district=d) for d in district_ids()]
    def empty() -> tuple[pd.DataFrame, pd.DataFrame]:
        return _heat_piece(filter_records(city_records(year, query), deputy, list(clauses),
                                          status))

    return (joined([p[0] for p in pieces], lambda: empty()[0]),
            joined([p[1] for p in pieces], lambda: empty()[1]))


# -- who is stale -------------------------------------------------------------------

def _stale_piece(last: pd.DataFrame, day: date, days: int, year_start: date) -> dict:
    return staleness(last, day, days, year_start)


def _stale_join(year: int, query: date | None, day: date, days: int) -> dict:
    start = calendar.year_start(year)
    districts: set[int] = set()
    units: dict[int, frozenset[int]] = {}
    for d in district_ids():
        piece = derive(_stale_piece, lambda d=d: district_last_updates(year, query, d),
                       ("stale-keys", year, query), day, days, start, depends=STATUS,
                       year=year, district=d)
        districts |= piece["districts"]
        units.update(piece["units"])
    return {"districts": frozenset(districts), "units": units}


def _as_is(value: dict) -> dict:
    return value


def stale_keys(year: int, query: date | None, day: date, days: int) -> dict:
    """:func:`tracker.ui.compare_heat.staleness` of every unit's last update as of
    ``query``: each district's cached on its revision, the whole on the year's."""
    return derive(_as_is, lambda: _stale_join(year, query, day, days),
                  ("stale-keys-city", year, query, day, days), depends=STATUS, year=year)
