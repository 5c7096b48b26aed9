"""Expected page figures worked out by SQL straight from the tables, independently of
tracker.domain.rollup, tracker.domain.league and tracker.store (the code under test).

"As of" a Tehran day = every record's latest history row stamped before the next
Tehran midnight (Tehran is UTC+03:30, no daylight saving since 2022); a record without
one is not started at 0 %. A score is Σ weight × progress / Σ weight over the records
that are not "not applicable".
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

TEHRAN_OFFSET = timedelta(hours=3, minutes=30)

# the records of a year as they stand now (the status table) ...
_NOW = """
SELECT s.id, u.id AS unit_id, u.district, u.zone, c.number, c.deputy, c.weight,
       s.status, s.progress
FROM status s JOIN units u ON u.id = s.unit_id JOIN clauses c ON c.id = s.clause_id
WHERE s.year = :year
"""
# ... or as of a moment, from the history (latest row per record by time, then version)
_AS_OF = """
WITH ranked AS (
  SELECT h.record_id, h.status, h.progress,
         ROW_NUMBER() OVER (PARTITION BY h.record_id
                            ORDER BY h.changed_at DESC, h.version DESC) AS n
  FROM history h WHERE h.kind = 'status' AND h.year = :year AND h.changed_at < :before
)
SELECT s.id, u.id AS unit_id, u.district, u.zone, c.number, c.deputy, c.weight,
       COALESCE(r.status, 'not_started') AS status, COALESCE(r.progress, 0) AS progress
FROM status s JOIN units u ON u.id = s.unit_id JOIN clauses c ON c.id = s.clause_id
LEFT JOIN ranked r ON r.record_id = s.id AND r.n = 1
WHERE s.year = :year
"""
_SCORE = ("SUM(CASE WHEN status != 'not_applicable' THEN weight * progress END) "
          "/ SUM(CASE WHEN status != 'not_applicable' THEN weight END)")


def next_midnight_utc(day: date) -> str:
    """The UTC stamp of the Tehran midnight that ends ``day``."""
    moment = datetime.combine(day + timedelta(days=1), datetime.min.time()) - TEHRAN_OFFSET
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _query(db_file: Path, sql: str, year: int, day: date | None, **params) -> list:
    source = _NOW if day is None else _AS_OF
    con = sqlite3.connect(db_file)
    try:
        return con.execute(f"WITH rec AS ({source}) {sql}",
                           {"year": year, "before": next_midnight_utc(day) if day else None,
                            **params}).fetchall()
    finally:
        con.close()


def city_score(db_file: Path, year: int, day: date | None = None) -> float:
    return _query(db_file, f"SELECT {_SCORE} FROM rec", year, day)[0][0]


def status_counts(db_file: Path, year: int, day: date | None = None) -> dict[str, int]:
    return dict(_query(db_file, "SELECT status, COUNT(*) FROM rec GROUP BY status", year, day))


def district_scores(db_file: Path, year: int, day: date | None = None,
                    deputy: str | None = None) -> dict[int, float]:
    where = "WHERE deputy = :deputy" if deputy else ""
    return dict(_query(db_file, f"SELECT district, {_SCORE} FROM rec {where} GROUP BY district",
                       year, day, deputy=deputy))


def clause_scores(db_file: Path, year: int, district: int | None = None) -> dict[int, float]:
    """Per clause number, over the city or one district."""
    where = "WHERE district = :district" if district is not None else ""
    return dict(_query(db_file, f"SELECT number, {_SCORE} FROM rec {where} GROUP BY number",
                       year, None, district=district))


def unit_scores(db_file: Path, year: int, district: int) -> dict[int, float]:
    return dict(_query(db_file, f"SELECT unit_id, {_SCORE} FROM rec WHERE district = :d "
                                "GROUP BY unit_id", year, None, d=district))


def clause_numbers(db_file: Path, year: int, deputy: str | None = None) -> set[int]:
    where = "WHERE deputy = :deputy" if deputy else ""
    return {n for (n,) in _query(db_file, f"SELECT DISTINCT number FROM rec {where}",
                                 year, None, deputy=deputy)}


def stale_districts(db_file: Path, year: int, day: date, year_start: date,
                    days: int = 30) -> set[int]:
    """Districts whose newest status change (any unit, on or before ``day``) is more than
    ``days`` days before ``day``; never changed = silent since the day before the year."""
    con = sqlite3.connect(db_file)
    try:
        rows = con.execute(
            "SELECT u.district, MAX(h.changed_at) FROM units u LEFT JOIN history h "
            "ON h.unit_id = u.id AND h.kind = 'status' AND h.year = ? AND h.changed_at < ? "
            "GROUP BY u.district", [year, next_midnight_utc(day)]).fetchall()
    finally:
        con.close()
    stale = set()
    for district, stamp in rows:
        if stamp is None:
            last = year_start - timedelta(days=1)
        else:
            utc = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")
            last = (utc + TEHRAN_OFFSET).date()
        if (day - last).days > days:
            stale.add(district)
    return stale


GRADES = ((85, "excellent"), (70, "good"), (55, "fair"), (40, "poor"))


def grade(score: float) -> str:
    """The README's five tiers."""
    return next((g for low, g in GRADES if score >= low), "weak")


def competition_ranks(scores: dict[int, float], stale: set[int]) -> list[tuple[int, int]]:
    """``[(district, rank)]`` best first: fresh before stale, then by score to one
    decimal (highest first); equal keys share a rank and the next is skipped."""
    keyed = sorted(scores, key=lambda d: (d in stale, -round(scores[d], 1), d))
    out, previous, rank = [], None, 0
    for i, district in enumerate(keyed, start=1):
        key = (district in stale, round(scores[district], 1))
        if key != previous:
            rank, previous = i, key
        out.append((district, rank))
    return out
