"""Core schema: reference data, programs, status records, history, users."""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

ORDER = 10
migrations = Migrations("core")


@migrations()
def m001_core(db):
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta (key, value) VALUES ('revision', '0');

        CREATE TABLE deputies (
            code TEXT PRIMARY KEY,
            name_fa TEXT NOT NULL,
            name_en TEXT NOT NULL,
            source TEXT
        );

        -- A unit is a district (zone = 0: the district's own district-level work)
        -- or one of its zones (zone >= 1). id = district * 100 + zone.
        CREATE TABLE units (
            id INTEGER PRIMARY KEY,
            district INTEGER NOT NULL,
            zone INTEGER NOT NULL,
            name_fa TEXT NOT NULL,
            name_en TEXT NOT NULL,
            confidence TEXT,
            source TEXT,
            note TEXT,
            UNIQUE (district, zone)
        );

        CREATE TABLE programs (
            year INTEGER PRIMARY KEY,
            code TEXT NOT NULL,
            title_fa TEXT NOT NULL,
            title_en TEXT NOT NULL,
            note TEXT,
            closed INTEGER NOT NULL DEFAULT 0,
            closed_at TEXT,
            closed_by TEXT
        );

        CREATE TABLE clauses (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL REFERENCES programs(year),
            number INTEGER NOT NULL,
            title_fa TEXT NOT NULL,
            title_en TEXT NOT NULL,
            deputy TEXT NOT NULL REFERENCES deputies(code),
            measure_fa TEXT NOT NULL,
            measure_en TEXT NOT NULL,
            weight REAL NOT NULL CHECK (weight > 0),
            source TEXT,
            confidence TEXT,
            UNIQUE (year, number)
        );

        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            display_name TEXT NOT NULL,
            email TEXT COLLATE NOCASE,
            password_hash TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            failed_count INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            last_login_at TEXT
        );

        -- role: admin | district_editor | zone_editor | inspector | viewer
        CREATE TABLE grants (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            district INTEGER,
            zone INTEGER
        );
        CREATE INDEX grants_user ON grants (user_id);

        CREATE TABLE status (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL REFERENCES programs(year),
            unit_id INTEGER NOT NULL REFERENCES units(id),
            clause_id INTEGER NOT NULL REFERENCES clauses(id),
            status TEXT NOT NULL DEFAULT 'not_started',
            target REAL,
            achieved REAL,
            progress REAL NOT NULL DEFAULT 0,
            due_date TEXT,
            responsible TEXT,
            contractor TEXT,
            budget INTEGER,
            notes TEXT,
            evidence TEXT,
            blocker TEXT,
            updated_by INTEGER,
            updated_by_name TEXT,
            updated_at TEXT,
            version INTEGER NOT NULL DEFAULT 0,
            UNIQUE (year, unit_id, clause_id)
        );
        CREATE INDEX status_year_unit ON status (year, unit_id);

        -- Append-only: one row per saved change of a record of any kind
        -- (kind = 'status', 'plan', ...). status/progress/achieved are the
        -- record's values after the change, for fast trend and as-of queries;
        -- changes holds {field: [old, new]} as JSON.
        CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            record_id INTEGER NOT NULL,
            year INTEGER NOT NULL,
            unit_id INTEGER NOT NULL,
            clause_id INTEGER NOT NULL,
            version INTEGER NOT NULL,
            changed_at TEXT NOT NULL,
            changed_by INTEGER,
            changed_by_name TEXT,
            status TEXT,
            progress REAL,
            achieved REAL,
            changes TEXT NOT NULL
        );
        CREATE INDEX history_record ON history (kind, record_id, changed_at);
        CREATE INDEX history_year_time ON history (kind, year, changed_at);
        CREATE INDEX history_unit ON history (kind, year, unit_id, changed_at);

        CREATE TRIGGER history_no_update BEFORE UPDATE ON history
        BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
        CREATE TRIGGER history_no_delete BEFORE DELETE ON history
        BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
        """
    )
