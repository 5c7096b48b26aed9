"""Guards schema: sign-in failures per source (client address), so guessing from one
source slows and then locks that source, not the account for everyone."""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

ORDER = 60
migrations = Migrations("guards")


@migrations()
def m001_sign_in_sources(db):
    db.executescript(
        """
        CREATE TABLE sign_in_sources (
            source TEXT PRIMARY KEY,        -- the client's address ('unknown' if none)
            failed_count INTEGER NOT NULL DEFAULT 0,
            last_failure_at TEXT,
            locked_until TEXT
        );
        """
    )
