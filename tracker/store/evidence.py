"""Evidence files on status records and plan lines: attach, remove, read, and the
office's per-program rule for what "done" needs.

Every write takes the acting user, re-reads the account (active, current grants),
checks permission, the open year and every file (:mod:`tracker.exchange.uploads`) in one
``BEGIN IMMEDIATE`` transaction; any refusal writes nothing and keeps no file. Adding
or removing a file is written to the record's history (kind ``status_file`` or
``plan_file``). A removed file stays in the upload store until its year is closed
(:func:`purge_removed`, called when the year closes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlite_utils

from tracker.domain import calendar
from tracker.domain.errors import PermissionDenied, RowProblem, ValidationFailed
from tracker.domain.evidence_rules import DEFAULT_DONE_RULE, DONE_RULES, can_attach, can_read_record
from tracker.domain.model import User, unit_parts
from tracker.domain.permissions import can_manage, is_admin
from tracker.domain.validation import done_problem
from tracker.exchange import uploads
from tracker.store import blobs
from tracker.store.record_refs import (
    acting_user,
    check_open,
    require_record,
    write_history,
)
from tracker.store.tx import frame, write_tx


@dataclass
class NewFile:
    """A file as received: the sender's file name and the bytes."""

    name: str
    data: bytes


# -- writes ------------------------------------------------------------------------

def add_files(db: sqlite_utils.Database, user: User, kind: str, record_id: int,
              files: Sequence[NewFile], now: str | None = None,
              uploads_root: Path | str | None = None) -> list[int]:
    """Attach checked files to a record; returns the new file ids.

    Raises PermissionDenied, YearClosed or ValidationFailed (empty, too big, refused
    type or content, bad name, too many files): then nothing is written or kept.
    """
    stamp = now or calendar.utc_stamp()
    lim = uploads.limits()
    created: list[str] = []
    try:
        with write_tx(db):
            actor = acting_user(db, user)
            rec = require_record(db, kind, record_id)
            if not can_attach(actor, *unit_parts(rec["unit_id"])):
                raise PermissionDenied("ev.err.attach_forbidden")
            check_open(db, int(rec["year"]))
            if not files:
                raise ValidationFailed([RowProblem(None, "files", "ev.val.no_files", {})])
            present = _live_count(db, kind, int(record_id))
            if present + len(files) > lim.max_files:
                raise ValidationFailed([RowProblem(None, "files", "ev.val.too_many",
                                                   {"max": lim.max_files, "present": present})])
            checked, problems = [], []
            for f in files:
                ok, key, params = uploads.check_upload(f.name, f.data, lim)
                if ok is None:
                    problems.append(RowProblem(None, "files", key, params))
                else:
                    checked.append(ok)
            if problems:
                raise ValidationFailed(problems)
            ids = []
            for ok in checked:
                blob, new = blobs.put(ok.data, ok.sha256, ok.ext, uploads_root)
                if new:
                    created.append(blob)
                cur = db.execute(
                    "INSERT INTO evidence_files (kind, record_id, year, unit_id, clause_id, blob,"
                    " original_name, mime, size, sha256, added_at, added_by, added_by_name)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [kind, rec["id"], rec["year"], rec["unit_id"], rec["clause_id"], blob,
                     ok.shown_name, ok.mime, ok.size, ok.sha256, stamp, actor.id,
                     actor.display_name])
                ids.append(int(cur.lastrowid))
                write_history(db, kind, rec, actor, stamp, {"file_added": [None, ok.shown_name]})
            return ids
    except BaseException:
        for blob in created:
            if not _referenced(db, blob):
                blobs.remove(blob, uploads_root)
        raise


def remove_file(db: sqlite_utils.Database, user: User, file_id: int,
                now: str | None = None) -> None:
    """Mark an evidence file removed (it stays in the store until the year closes).

    Refused when it would leave a done record without what the program's rule asks for.
    """
    stamp = now or calendar.utc_stamp()
    with write_tx(db):
        actor = acting_user(db, user)
        row = _file_row(db, file_id)
        if row is None or row["removed_at"]:
            raise ValidationFailed([RowProblem(None, "files", "ev.val.no_file", {})])
        rec = require_record(db, row["kind"], row["record_id"])
        if not can_attach(actor, *unit_parts(rec["unit_id"])):
            raise PermissionDenied("ev.err.attach_forbidden")
        check_open(db, int(rec["year"]))
        if row["kind"] == "status" and rec["status"] == "done":
            left = _live_count(db, "status", int(rec["id"])) - 1
            if done_problem(done_rule(db, int(rec["year"])), left, rec["evidence"],
                            rec["notes"]):
                raise ValidationFailed([RowProblem(None, "files", "ev.val.remove_breaks_done",
                                                   {})])
        db.execute("UPDATE evidence_files SET removed_at = ?, removed_by = ?, removed_by_name = ?"
                   " WHERE id = ?", [stamp, actor.id, actor.display_name, file_id])
        write_history(db, row["kind"], rec, actor, stamp,
                      {"file_removed": [row["original_name"], None]})


def set_done_rule(db: sqlite_utils.Database, user: User, year: int, rule: str,
                  now: str | None = None) -> None:
    """The office chooses what a done record of ``year`` needs (logged in the program's
    log): ``any`` (a file, a link or a note), ``file_or_link`` or ``file``."""
    if not can_manage(user):
        raise PermissionDenied("ev.err.office_only")
    if rule not in DONE_RULES:
        raise ValidationFailed([RowProblem(None, "rule", "ev.val.rule", {"value": str(rule)})])
    stamp = now or calendar.utc_stamp()
    with write_tx(db):
        actor = acting_user(db, user)
        if not can_manage(actor):
            raise PermissionDenied("ev.err.office_only")
        check_open(db, year)
        db.execute(
            "INSERT INTO evidence_settings (year, done_rule, updated_at, updated_by,"
            " updated_by_name) VALUES (?, ?, ?, ?, ?) ON CONFLICT (year) DO UPDATE SET"
            " done_rule = excluded.done_rule, updated_at = excluded.updated_at,"
            " updated_by = excluded.updated_by, updated_by_name = excluded.updated_by_name",
            [year, rule, stamp, actor.id, actor.display_name])
        db.execute("INSERT INTO program_events (year, action, at, actor_id, actor_name, details)"
                   " VALUES (?, 'done_rule', ?, ?, ?, ?)",
                   [year, stamp, actor.id, actor.display_name, f'{{"done_rule": "{rule}"}}'])


def purge_removed(db: sqlite_utils.Database, year: int,
                  uploads_root: Path | str | None = None, now: str | None = None) -> int:
    """Once ``year`` is closed, its removed files leave the upload store (the rows stay,
    stamped ``purged_at``); returns how many rows were purged. Content still used by
    another record or a visit is kept."""
    stamp = now or calendar.utc_stamp()
    with write_tx(db):
        closed = db.execute("SELECT closed FROM programs WHERE year = ?", [year]).fetchone()
        if not closed or not closed[0]:
            return 0
        names = [r[0] for r in db.execute(
            "SELECT DISTINCT blob FROM evidence_files WHERE year = ? AND removed_at IS NOT NULL"
            " AND purged_at IS NULL", [year])]
        n = db.execute("UPDATE evidence_files SET purged_at = ? WHERE year = ? AND removed_at"
                       " IS NOT NULL AND purged_at IS NULL", [stamp, year]).rowcount
    for name in names:
        if not _referenced(db, name):
            blobs.remove(name, uploads_root)
    return n


# -- reads -------------------------------------------------------------------------

def done_rule(db: sqlite_utils.Database, year: int) -> str:
    """What a done record of ``year`` needs (``any`` unless the office chose)."""
    row = db.execute("SELECT done_rule FROM evidence_settings WHERE year = ?", [year]).fetchone()
    return row[0] if row else DEFAULT_DONE_RULE


def done_context(db: sqlite_utils.Database, year: int, kind: str,
                 record_id: int | None) -> dict:
    """What the status validator needs beyond the record: the rule and files attached."""
    files = _live_count(db, kind, int(record_id)) if record_id is not None else 0
    return {"done_rule": done_rule(db, year), "evidence_files": files}


def record_files(db: sqlite_utils.Database, kind: str, record_id: int,
                 include_removed: bool = False) -> pd.DataFrame:
    """A record's files, oldest first (removed ones too when asked, for the office)."""
    extra = "" if include_removed else " AND removed_at IS NULL"
    return frame(db, "SELECT id, original_name, mime, size, added_at, added_by_name, removed_at,"
                     " removed_by_name, purged_at FROM evidence_files WHERE kind = ? AND"
                     f" record_id = ?{extra} ORDER BY id", [kind, record_id])


def read_file(db: sqlite_utils.Database, user: User, file_id: int,
              uploads_root: Path | str | None = None) -> tuple[dict, bytes] | None:
    """A file's record (name, mime, size) and bytes, for someone who may read its record.

    Raises PermissionDenied otherwise (a removed file: the office only); ``None`` when
    the file is unknown or no longer kept.
    """
    actor = acting_user(db, user)
    row = _file_row(db, file_id)
    if row is None:
        return None
    if not can_read_record(actor, *unit_parts(row["unit_id"])):
        raise PermissionDenied("ev.err.read_forbidden")
    if row["removed_at"] and not is_admin(actor):
        raise PermissionDenied("ev.err.read_forbidden")
    data = blobs.get(row["blob"], uploads_root)
    if data is None:
        return None
    return {k: row[k] for k in ("id", "original_name", "mime", "size", "sha256")}, data


def _file_row(db: sqlite_utils.Database, file_id: int) -> dict | None:
    cur = db.execute("SELECT * FROM evidence_files WHERE id = ?", [int(file_id)])
    row = cur.fetchone()
    return None if row is None else dict(zip([d[0] for d in cur.description], row,
                                             strict=True))


def _live_count(db: sqlite_utils.Database, kind: str, record_id: int) -> int:
    return int(db.execute("SELECT count(*) FROM evidence_files WHERE kind = ? AND record_id = ?"
                          " AND removed_at IS NULL", [kind, record_id]).fetchone()[0])


def _referenced(db: sqlite_utils.Database, blob: str) -> bool:
    """Is this stored content still used by a kept evidence file or by a visit?"""
    if db.execute("SELECT 1 FROM evidence_files WHERE blob = ? AND purged_at IS NULL LIMIT 1",
                  [blob]).fetchone():
        return True
    sha, _, ext = blob.partition(".")
    return bool(db.execute("SELECT 1 FROM visit_files WHERE sha256 = ? AND stored_name LIKE ?"
                           " LIMIT 1", [sha, f"%.{ext}"]).fetchone())
