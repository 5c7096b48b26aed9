"""Field verification: checklists, visits, their verdicts, evidence files, corrective
actions, and the append-only log of corrections.

A visit is submitted as a whole (``tracker.store.visits.record_visit``) and from then on
its rows never change: triggers refuse UPDATE and DELETE of ``visits``, ``visit_items``
and ``visit_files``. A mistake is put right by adding a row to ``visit_corrections``
(itself append-only), which readers apply on top of the original. A corrective action
changes only its life-cycle columns (status, resolved_*, confirmed_*, version); what was
asked and by when is fixed, and every step is kept in ``action_events``.
"""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

ORDER = 50
migrations = Migrations("visits")


@migrations()
def m001_visits(db):
    db.executescript(
        """
        -- The checklist of each clause number (the same for every program year).
        CREATE TABLE checklist_items (
            id INTEGER PRIMARY KEY,
            clause_number INTEGER NOT NULL,
            item INTEGER NOT NULL,
            text_fa TEXT NOT NULL,
            text_en TEXT NOT NULL,
            source TEXT,
            confidence TEXT,
            UNIQUE (clause_number, item)
        );

        CREATE TABLE visits (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL REFERENCES programs(year),
            unit_id INTEGER NOT NULL REFERENCES units(id),
            visit_date TEXT NOT NULL,
            inspector_id INTEGER,
            inspector_name TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            submitted_at TEXT NOT NULL
        );
        CREATE INDEX visits_year_unit ON visits (year, unit_id, visit_date);

        -- answers: JSON {"<checklist item number>": "yes" | "no" | "na"}
        CREATE TABLE visit_items (
            id INTEGER PRIMARY KEY,
            visit_id INTEGER NOT NULL REFERENCES visits(id),
            clause_id INTEGER NOT NULL REFERENCES clauses(id),
            verdict TEXT NOT NULL
                CHECK (verdict IN ('compliant', 'partly', 'non_compliant', 'not_applicable')),
            answers TEXT NOT NULL DEFAULT '{}',
            findings TEXT NOT NULL DEFAULT '',
            UNIQUE (visit_id, clause_id)
        );
        CREATE INDEX visit_items_clause ON visit_items (clause_id);

        -- stored_name is generated (never the uploader's file name); the file lives in
        -- tracker.config.uploads_dir() / 'visits' / stored_name.
        CREATE TABLE visit_files (
            id INTEGER PRIMARY KEY,
            visit_id INTEGER NOT NULL REFERENCES visits(id),
            clause_id INTEGER REFERENCES clauses(id),
            stored_name TEXT NOT NULL UNIQUE,
            original_name TEXT NOT NULL,
            mime TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL
        );
        CREATE INDEX visit_files_visit ON visit_files (visit_id);

        -- status: open -> resolved (by the unit) -> confirmed (by an inspector),
        -- or resolved -> open again (reopened by an inspector).
        CREATE TABLE corrective_actions (
            id INTEGER PRIMARY KEY,
            visit_id INTEGER NOT NULL REFERENCES visits(id),
            year INTEGER NOT NULL,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            clause_id INTEGER REFERENCES clauses(id),
            description TEXT NOT NULL,
            due_date TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'resolved', 'confirmed')),
            resolved_by INTEGER,
            resolved_by_name TEXT,
            resolved_at TEXT,
            resolution_note TEXT,
            confirmed_by INTEGER,
            confirmed_by_name TEXT,
            confirmed_at TEXT,
            version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX corrective_actions_unit ON corrective_actions (year, unit_id, status);

        CREATE TABLE action_events (
            id INTEGER PRIMARY KEY,
            action_id INTEGER NOT NULL REFERENCES corrective_actions(id),
            event TEXT NOT NULL,
            status TEXT NOT NULL,
            at TEXT NOT NULL,
            by_id INTEGER,
            by_name TEXT,
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX action_events_action ON action_events (action_id, id);

        -- field: 'verdict' or 'findings' of one visit item
        CREATE TABLE visit_corrections (
            id INTEGER PRIMARY KEY,
            visit_id INTEGER NOT NULL REFERENCES visits(id),
            visit_item_id INTEGER NOT NULL REFERENCES visit_items(id),
            field TEXT NOT NULL CHECK (field IN ('verdict', 'findings')),
            old_value TEXT,
            new_value TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL,
            by_id INTEGER,
            by_name TEXT
        );
        CREATE INDEX visit_corrections_item ON visit_corrections (visit_item_id, id);

        CREATE TRIGGER visits_no_update BEFORE UPDATE ON visits
        BEGIN SELECT RAISE(ABORT, 'a submitted visit is never changed: add a correction'); END;
        CREATE TRIGGER visits_no_delete BEFORE DELETE ON visits
        BEGIN SELECT RAISE(ABORT, 'a submitted visit is never deleted'); END;
        CREATE TRIGGER visit_items_no_update BEFORE UPDATE ON visit_items
        BEGIN SELECT RAISE(ABORT, 'a submitted visit is never changed: add a correction'); END;
        CREATE TRIGGER visit_items_no_delete BEFORE DELETE ON visit_items
        BEGIN SELECT RAISE(ABORT, 'a submitted visit is never deleted'); END;
        CREATE TRIGGER visit_files_no_update BEFORE UPDATE ON visit_files
        BEGIN SELECT RAISE(ABORT, 'evidence of a submitted visit is never changed'); END;
        CREATE TRIGGER visit_files_no_delete BEFORE DELETE ON visit_files
        BEGIN SELECT RAISE(ABORT, 'evidence of a submitted visit is never deleted'); END;
        CREATE TRIGGER visit_corrections_no_update BEFORE UPDATE ON visit_corrections
        BEGIN SELECT RAISE(ABORT, 'visit_corrections is append-only'); END;
        CREATE TRIGGER visit_corrections_no_delete BEFORE DELETE ON visit_corrections
        BEGIN SELECT RAISE(ABORT, 'visit_corrections is append-only'); END;
        CREATE TRIGGER action_events_no_update BEFORE UPDATE ON action_events
        BEGIN SELECT RAISE(ABORT, 'action_events is append-only'); END;
        CREATE TRIGGER action_events_no_delete BEFORE DELETE ON action_events
        BEGIN SELECT RAISE(ABORT, 'action_events is append-only'); END;
        CREATE TRIGGER corrective_actions_fixed
        BEFORE UPDATE OF visit_id, year, unit_id, clause_id, description, due_date
        ON corrective_actions
        BEGIN SELECT RAISE(ABORT, 'what a corrective action asks is never changed'); END;
        CREATE TRIGGER corrective_actions_no_delete BEFORE DELETE ON corrective_actions
        BEGIN SELECT RAISE(ABORT, 'a corrective action is never deleted'); END;
        """
    )


@migrations()
def m002_seed_checklists(db):
    """The shipped working checklist, so a new database has one to start from."""
    from tracker.exchange.checklists import load_checklists

    items = load_checklists()
    db.conn.executemany(
        "INSERT OR IGNORE INTO checklist_items (clause_number, item, text_fa, text_en, source,"
        " confidence) VALUES (?, ?, ?, ?, ?, ?)",
        [(int(r.clause_number), int(r.item), r.text_fa, r.text_en, r.source, r.confidence)
         for r in items.itertuples(index=False)],
    )
