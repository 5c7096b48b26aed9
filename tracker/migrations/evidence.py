"""Evidence files and comment threads on status records and plan lines, the office's
per-program rule for what "done" needs, and comment notifications.

``evidence_files`` rows are never deleted: removing a file stamps ``removed_*`` (once);
the file itself stays in the upload store until the year is closed (``purged_at``).
``comments`` are append-only: a correction is a new row pointing at the one it corrects.
"""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

ORDER = 60
migrations = Migrations("evidence")


@migrations()
def m001_evidence(db):
    db.executescript(
        """
        -- kind: 'status' (record_id = status.id) or 'plan' (record_id = plans.id).
        -- blob: the file in the upload store, tracker.store.blobs (<sha256>.<ext>).
        CREATE TABLE evidence_files (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('status', 'plan')),
            record_id INTEGER NOT NULL,
            year INTEGER NOT NULL REFERENCES programs(year),
            unit_id INTEGER NOT NULL REFERENCES units(id),
            clause_id INTEGER NOT NULL REFERENCES clauses(id),
            blob TEXT NOT NULL,
            original_name TEXT NOT NULL,
            mime TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            added_at TEXT NOT NULL,
            added_by INTEGER,
            added_by_name TEXT NOT NULL,
            removed_at TEXT,
            removed_by INTEGER,
            removed_by_name TEXT,
            purged_at TEXT
        );
        CREATE INDEX evidence_files_record ON evidence_files (kind, record_id);
        CREATE INDEX evidence_files_year ON evidence_files (year, unit_id);
        CREATE INDEX evidence_files_blob ON evidence_files (blob);

        CREATE TRIGGER evidence_files_no_delete BEFORE DELETE ON evidence_files
        BEGIN SELECT RAISE(ABORT, 'evidence files are never deleted: mark them removed'); END;
        CREATE TRIGGER evidence_files_fixed
        BEFORE UPDATE OF id, kind, record_id, year, unit_id, clause_id, blob, original_name,
            mime, size, sha256, added_at, added_by, added_by_name ON evidence_files
        BEGIN SELECT RAISE(ABORT, 'what an evidence file is never changes'); END;
        CREATE TRIGGER evidence_files_removed_once
        BEFORE UPDATE OF removed_at, removed_by, removed_by_name ON evidence_files
        WHEN OLD.removed_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'an evidence file is removed only once'); END;

        -- done_rule: any (a file, a link or a note) | file_or_link | file
        CREATE TABLE evidence_settings (
            year INTEGER PRIMARY KEY REFERENCES programs(year),
            done_rule TEXT NOT NULL DEFAULT 'any'
                CHECK (done_rule IN ('any', 'file_or_link', 'file')),
            updated_at TEXT NOT NULL,
            updated_by INTEGER,
            updated_by_name TEXT NOT NULL
        );

        -- side: who the author spoke for: office (admin), inspector, unit (its editors).
        -- corrects: the comment this row corrects (its text replaces that one's; the
        -- old text stays in its own row).
        CREATE TABLE comments (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('status', 'plan')),
            record_id INTEGER NOT NULL,
            year INTEGER NOT NULL REFERENCES programs(year),
            unit_id INTEGER NOT NULL REFERENCES units(id),
            clause_id INTEGER NOT NULL REFERENCES clauses(id),
            body TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('office', 'unit', 'inspector')),
            author_id INTEGER,
            author_name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            corrects INTEGER REFERENCES comments(id)
        );
        CREATE INDEX comments_record ON comments (kind, record_id, id);
        CREATE INDEX comments_unit ON comments (year, unit_id);
        CREATE TRIGGER comments_no_update BEFORE UPDATE ON comments
        BEGIN SELECT RAISE(ABORT, 'comments are append-only: add a correction'); END;
        CREATE TRIGGER comments_no_delete BEFORE DELETE ON comments
        BEGIN SELECT RAISE(ABORT, 'comments are append-only'); END;

        -- reason: mention (named as @username) or reply (took part in the thread)
        CREATE TABLE comment_notifications (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            comment_id INTEGER NOT NULL REFERENCES comments(id),
            reason TEXT NOT NULL CHECK (reason IN ('mention', 'reply')),
            created_at TEXT NOT NULL,
            read_at TEXT,
            UNIQUE (user_id, comment_id)
        );
        CREATE INDEX comment_notifications_user ON comment_notifications (user_id, read_at);
        """
    )
