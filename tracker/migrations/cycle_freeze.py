"""The locked month's clause catalogue: when a period locks, the year's clauses (deputy,
weight) as they stood are kept with it, so that a later change to a clause (a weight, a
new clause) cannot change that month's official figures."""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

ORDER = 65  # after cycle (periods)
migrations = Migrations("cycle_freeze")


@migrations()
def m001_frozen_clauses(db):
    db.executescript(
        """
        CREATE TABLE frozen_clauses (
            period_id INTEGER NOT NULL REFERENCES periods(id),
            clause_id INTEGER NOT NULL REFERENCES clauses(id),
            deputy TEXT,
            weight REAL NOT NULL,
            PRIMARY KEY (period_id, clause_id)
        );
        """
    )
