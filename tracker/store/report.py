"""Reads for the monthly report beyond those of :mod:`tracker.store.compare`: the
changes made in a span of time (from the append-only history) and names."""

from __future__ import annotations

import pandas as pd
import sqlite_utils

from tracker.store.tx import frame


def changes_between(db: sqlite_utils.Database, year: int, start: str,
                    end: str) -> pd.DataFrame:
    """Per district: how many saves, and how many records became done or blocked,
    between the UTC stamps ``start`` (exclusive) and ``end`` (inclusive)."""
    return frame(
        db,
        "SELECT u.district, COUNT(*) AS updates, "
        "SUM(h.status = 'done' AND h.changes LIKE '%\"status\"%') AS completed, "
        "SUM(h.status = 'blocked' AND h.changes LIKE '%\"status\"%') AS blocked "
        "FROM history h JOIN units u ON u.id = h.unit_id "
        "WHERE h.kind = 'status' AND h.year = ? AND h.changed_at > ? AND h.changed_at <= ? "
        "GROUP BY u.district ORDER BY u.district",
        [year, start, end],
    )


def clause_catalogue(db: sqlite_utils.Database, year: int) -> pd.DataFrame:
    """Clause number, titles and weight of a program year."""
    return frame(db, "SELECT number, title_fa, title_en, weight FROM clauses WHERE year = ? "
                     "ORDER BY number", [year])


def district_names(db: sqlite_utils.Database) -> pd.DataFrame:
    """Each district's number and names."""
    return frame(db, "SELECT district, name_fa, name_en FROM units WHERE zone = 0 "
                     "ORDER BY district")
