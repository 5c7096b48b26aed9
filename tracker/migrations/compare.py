"""Indexes for the comparison pages (as-of reads and the score trend)."""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

ORDER = 30
migrations = Migrations("compare")


@migrations()
def m001_history_by_record(db):
    # The trend walks each record's history in order (LAG over record_id, changed_at).
    db.execute("CREATE INDEX IF NOT EXISTS history_year_record "
               "ON history (kind, year, record_id, changed_at, version)")
