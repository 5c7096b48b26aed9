"""Accounts schema: the audit log of user management and sign-in events."""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

ORDER = 20
migrations = Migrations("accounts")


@migrations()
def m001_audit_log(db):
    db.executescript(
        """
        -- Append-only record of every user-management act (and lockouts,
        -- sign-ins). details is JSON and never holds a password.
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor_id INTEGER,
            actor_name TEXT,
            action TEXT NOT NULL,
            target_user_id INTEGER,
            details TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX audit_log_at ON audit_log (at);
        CREATE INDEX audit_log_target ON audit_log (target_user_id, at);
        CREATE INDEX users_email ON users (email);

        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """
    )
