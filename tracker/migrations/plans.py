"""Planning schema: plan lines, program events (close, reopen, copy), year snapshots."""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

ORDER = 40
migrations = Migrations("plans")


@migrations()
def m001_plans(db):
    db.executescript(
        """
        -- One plan line per (year, unit, clause), versioned like status records and
        -- written only through tracker.store.records.apply_changes (history kind 'plan').
        -- A line of the current year with spring = 1 marks that clause's year-end work
        -- as part of the spring campaign.
        CREATE TABLE plans (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL REFERENCES programs(year),
            unit_id INTEGER NOT NULL REFERENCES units(id),
            clause_id INTEGER NOT NULL REFERENCES clauses(id),
            actions TEXT,
            target REAL,
            budget INTEGER,
            q1 INTEGER NOT NULL DEFAULT 0,
            q2 INTEGER NOT NULL DEFAULT 0,
            q3 INTEGER NOT NULL DEFAULT 0,
            q4 INTEGER NOT NULL DEFAULT 0,
            contractor TEXT,
            priority TEXT,
            spring INTEGER NOT NULL DEFAULT 0,
            owner TEXT,
            notes TEXT,
            blocker TEXT,
            carried_from INTEGER,
            updated_by INTEGER,
            updated_by_name TEXT,
            updated_at TEXT,
            version INTEGER NOT NULL DEFAULT 0,
            UNIQUE (year, unit_id, clause_id)
        );
        CREATE INDEX plans_year_unit ON plans (year, unit_id);

        -- Append-only log of the coordination office's acts on a program year.
        CREATE TABLE program_events (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL,
            action TEXT NOT NULL,
            at TEXT NOT NULL,
            actor_id INTEGER,
            actor_name TEXT,
            details TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX program_events_year ON program_events (year, at);
        CREATE TRIGGER program_events_no_update BEFORE UPDATE ON program_events
        BEGIN SELECT RAISE(ABORT, 'program_events is append-only'); END;
        CREATE TRIGGER program_events_no_delete BEFORE DELETE ON program_events
        BEGIN SELECT RAISE(ABORT, 'program_events is append-only'); END;

        -- The final snapshot kept when a year is closed: a header and every status
        -- record as it stood at closing.
        CREATE TABLE year_snapshots (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL,
            event_id INTEGER REFERENCES program_events(id),
            taken_at TEXT NOT NULL,
            taken_by_name TEXT,
            records INTEGER NOT NULL,
            city_progress REAL
        );
        CREATE TABLE year_snapshot_records (
            snapshot_id INTEGER NOT NULL REFERENCES year_snapshots(id),
            unit_id INTEGER NOT NULL,
            clause_id INTEGER NOT NULL,
            status TEXT,
            target REAL,
            achieved REAL,
            progress REAL,
            due_date TEXT,
            budget INTEGER,
            blocker TEXT,
            version INTEGER,
            PRIMARY KEY (snapshot_id, unit_id, clause_id)
        );
        """
    )
