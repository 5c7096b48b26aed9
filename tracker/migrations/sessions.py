"""Sign-in sessions that outlive a browser tab: one row per signed-in browser.

The browser holds a random token in an HttpOnly cookie; the store keeps only its
SHA-256 (``token_hash``). A session starts in the Streamlit session that signed in,
with a one-time hand-over code (``claim_hash``, also only hashed) that the browser
trades for the cookie (tracker/ui/session_routes.py).
"""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

ORDER = 25  # after accounts (users, audit_log)
migrations = Migrations("sessions")


@migrations()
def m001_sessions(db):
    db.executescript(
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            method TEXT NOT NULL,
            token_hash TEXT UNIQUE,
            claim_hash TEXT UNIQUE,
            claim_until TEXT,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            last_used_at TEXT NOT NULL,
            revoked_at TEXT,
            revoked_why TEXT
        );
        CREATE INDEX sessions_user ON sessions (user_id, revoked_at);
        """
    )
