"""City totals joined from per-district sums (the summary's and the compare page's).

What the summary's score, status counts and lagging clauses, and the compare page's
per-clause totals and record counts, are made of is summed per district and clause
(:func:`tracker.domain.rollup.progress_sums`) from that district's records alone and
cached on its revision (``status:<year>:<district>``), as the league's pieces are
(:mod:`tracker.ui.city_parts`); so after a save in district 3 only district 3's records
are read and summed again, and the city's figures are joined from 22 small frames
(a few hundred rows) instead of from every record of the city.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from tracker.domain import weekly
from tracker.domain.comparison import LAG_KEYS, filter_records, lagging_of_sums
from tracker.domain.model import STATUSES
from tracker.domain.rollup import progress_sums, score_of_sums
from tracker.ui.city_parts import STATUS, district_records, joined
from tracker.ui.context import derive, district_ids


def _sums_piece(records: pd.DataFrame) -> pd.DataFrame:
    return progress_sums(records, LAG_KEYS)


def _no_sums() -> pd.DataFrame:
    return progress_sums(pd.DataFrame(), LAG_KEYS)


def district_sums(year: int, query: date | None, district: int, deputy: str = "",
                  clauses: tuple[int, ...] = (), status: str = "") -> pd.DataFrame:
    """``progress_sums(records, LAG_KEYS)`` of one district's records as of ``query``
    (of ``deputy``, ``clauses`` and ``status``: empty for all), cached on its revision."""
    key = ("sum-rows", year, query, deputy, tuple(clauses), status)
    return derive(_sums_piece, lambda: filter_records(district_records(year, query, district),
                                                      deputy, list(clauses), status),
                  key, depends=STATUS, year=year, district=district)


def _joined_sums(year: int, query: date | None, deputy: str, clauses: tuple[int, ...],
                 status: str) -> pd.DataFrame:
    return joined([district_sums(year, query, d, deputy, clauses, status)
                   for d in district_ids()], _no_sums)


def _as_is(frame: pd.DataFrame) -> pd.DataFrame:
    return frame


def city_sums(year: int, query: date | None, deputy: str = "", clauses: tuple[int, ...] = (),
              status: str = "") -> pd.DataFrame:
    """``progress_sums(records, LAG_KEYS)`` of the city's records as of ``query`` (the
    districts' one after another), each district's cached on its own revision and the
    whole on the year's: the same frame as the sums of the city's records."""
    key = ("sum-rows-city", year, query, deputy, tuple(clauses), status)
    return derive(_as_is, lambda: _joined_sums(year, query, deputy, tuple(clauses), status),
                  key, depends=STATUS, year=year)


def sum_counts(sums: pd.DataFrame) -> dict:
    """Records chosen (``all``), per district that has any (``by_district``), and per
    status (``status``), from :func:`city_sums`: what counting the records themselves
    would give."""
    by = sums.groupby("district")["records"].sum() if not sums.empty else pd.Series()
    return {"all": int(sums["records"].sum()) if not sums.empty else 0,
            "by_district": {int(d): int(n) for d, n in by.items() if n},
            "status": {s: int(sums[s].sum()) if not sums.empty else 0 for s in STATUSES}}


def city_counts(year: int, query: date | None, deputy: str = "",
                clauses: tuple[int, ...] = (), status: str = "") -> dict:
    """:func:`sum_counts` of :func:`city_sums`, cached on the year's revision."""
    return derive(sum_counts, lambda: city_sums(year, query, deputy, clauses, status),
                  ("sum-counts", year, query, deputy, tuple(clauses), status),
                  depends=STATUS, year=year)


def city_lagging(year: int, query: date | None, deputy: str = "",
                 clauses: tuple[int, ...] = (), status: str = "") -> pd.DataFrame:
    """:func:`tracker.domain.comparison.lagging_clauses` of the chosen records of the
    city, from :func:`city_sums` (cached on the year's revision)."""
    return derive(lagging_of_sums, lambda: city_sums(year, query, deputy, clauses, status),
                  ("sum-lagging", year, query, deputy, tuple(clauses), status),
                  depends=STATUS, year=year)


# -- the week's moves ----------------------------------------------------------------

def _moves_piece(frames: tuple[pd.DataFrame, pd.DataFrame]) -> dict[str, int]:
    return weekly.move_counts(*frames)


def _moves_join(year: int, query: date | None, before: date) -> dict:
    total = {"done": 0, "blocked": 0, "unblocked": 0}
    for d in district_ids():
        piece = derive(_moves_piece, lambda d=d: (district_records(year, query, d),
                                                   district_records(year, before, d)),
                       ("moves-rows", year, query, before), depends=STATUS, year=year,
                       district=d)
        for k in total:
            total[k] += piece[k]
    return {**total, "score": score_of_sums(city_sums(year, query)),
            "score_before": score_of_sums(city_sums(year, before))}


def _as_dict(value: dict) -> dict:
    return value


def city_moves(year: int, query: date | None, before: date) -> dict:
    """:func:`tracker.domain.weekly.moves` of the city's records as of ``query`` and as
    of ``before``: the counts summed from each district's (cached on its revision), the
    scores from :func:`city_sums`; the whole cached on the year's revision."""
    return derive(_as_dict, lambda: _moves_join(year, query, before),
                  ("moves-city", year, query, before), depends=STATUS, year=year)
