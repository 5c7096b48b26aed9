"""The reporting cycle: periods, submissions and their history, the inbox and the
e-mail outbox.

``submission_events`` is append-only (triggers); an accepted submission's snapshot never
changes (a trigger refuses it), and nothing of a locked period's submissions changes.
"""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

ORDER = 60
migrations = Migrations("cycle")


@migrations()
def m001_cycle(db):
    db.executescript(
        """
        -- Dates are ISO Gregorian days (shown as Jalali). cadence: 'month' | 'week'.
        CREATE TABLE periods (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL REFERENCES programs(year),
            seq INTEGER NOT NULL,
            cadence TEXT NOT NULL DEFAULT 'month' CHECK (cadence IN ('month', 'week')),
            starts TEXT NOT NULL,
            ends TEXT NOT NULL,
            opens TEXT NOT NULL,
            zone_deadline TEXT NOT NULL,
            district_deadline TEXT NOT NULL,
            accept_by TEXT NOT NULL,
            locks TEXT NOT NULL,
            locked_at TEXT,
            locked_by_name TEXT,
            UNIQUE (year, seq)
        );
        CREATE INDEX periods_year_starts ON periods (year, starts);

        -- no_change: JSON list of clause ids confirmed "no change" in the period;
        -- snapshot: JSON list of the unit's status records as submitted.
        CREATE TABLE submissions (
            id INTEGER PRIMARY KEY,
            period_id INTEGER NOT NULL REFERENCES periods(id),
            unit_id INTEGER NOT NULL REFERENCES units(id),
            state TEXT NOT NULL CHECK (state IN
                ('draft', 'submitted', 'changes_requested', 'accepted')),
            no_change TEXT NOT NULL DEFAULT '[]',
            snapshot TEXT,
            first_submitted_at TEXT,
            submitted_at TEXT,
            submitted_by INTEGER,
            submitted_by_name TEXT,
            reviewed_at TEXT,
            reviewed_by INTEGER,
            reviewed_by_name TEXT,
            comment TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            UNIQUE (period_id, unit_id)
        );
        CREATE INDEX submissions_unit ON submissions (unit_id, period_id);

        -- act: save | submit | accept | send_back | reopen | lock | reopen_period |
        --      edit_period | remind
        CREATE TABLE submission_events (
            id INTEGER PRIMARY KEY,
            period_id INTEGER NOT NULL REFERENCES periods(id),
            unit_id INTEGER,
            submission_id INTEGER REFERENCES submissions(id),
            act TEXT NOT NULL,
            state TEXT,
            at TEXT NOT NULL,
            by_id INTEGER,
            by_name TEXT,
            comment TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX submission_events_period ON submission_events (period_id, unit_id, id);

        CREATE TRIGGER submission_events_no_update BEFORE UPDATE ON submission_events
        BEGIN SELECT RAISE(ABORT, 'submission_events is append-only'); END;
        CREATE TRIGGER submission_events_no_delete BEFORE DELETE ON submission_events
        BEGIN SELECT RAISE(ABORT, 'submission_events is append-only'); END;
        CREATE TRIGGER submissions_accepted_snapshot
        BEFORE UPDATE OF snapshot ON submissions
        WHEN OLD.state = 'accepted' AND NEW.snapshot IS NOT OLD.snapshot
        BEGIN SELECT RAISE(ABORT, 'an accepted snapshot never changes'); END;
        CREATE TRIGGER submissions_locked
        BEFORE UPDATE ON submissions
        WHEN (SELECT locked_at FROM periods WHERE id = OLD.period_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'the period is locked'); END;
        CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions
        BEGIN SELECT RAISE(ABORT, 'a submission is never deleted'); END;

        -- The in-app inbox: kind names the message (strings cyc.msg.<kind>.*), params
        -- fill it in; dedupe_key makes a reminder idempotent.
        CREATE TABLE notifications (
            id INTEGER PRIMARY KEY,
            recipient_id INTEGER NOT NULL REFERENCES users(id),
            kind TEXT NOT NULL,
            params TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            read_at TEXT,
            dedupe_key TEXT UNIQUE
        );
        CREATE INDEX notifications_recipient ON notifications (recipient_id, read_at);

        -- E-mail waiting to go out (and what went): retried until sent.
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            recipient_id INTEGER REFERENCES users(id),
            to_addr TEXT NOT NULL,
            subject TEXT NOT NULL,
            body_text TEXT NOT NULL,
            body_html TEXT,
            attachment_name TEXT,
            attachment BLOB,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            next_try_at TEXT,
            dedupe_key TEXT UNIQUE
        );
        CREATE INDEX outbox_pending ON outbox (sent_at, next_try_at);

        -- The language a person reads messages in (e-mail); fa by default.
        ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'fa';
        """
    )
