"""Comment threads on status records and plan lines, and open questions.

Comments are append-only: a correction is a new row (``corrects`` = the comment it
corrects) that the thread shows in place of the old text, which the office can still
read. A comment that mentions ``@username`` notifies that person (if they may read the
record); everyone who wrote in the thread before is notified too.

A record has an open question when the office's latest comment in its thread is newer
than the unit's latest comment.
"""

from __future__ import annotations

import pandas as pd
import sqlite_utils

from tracker.domain import calendar
from tracker.domain.errors import PermissionDenied, RowProblem, ValidationFailed
from tracker.domain.evidence_rules import MAX_COMMENT, can_read_record, comment_side, mentions
from tracker.domain.model import User, unit_parts
from tracker.store.comment_notify import notify
from tracker.store.record_refs import acting_user, require_record
from tracker.store.tx import frame, write_tx
from tracker.store.users import get_user_by_username

_FORBIDDEN_CHARS = set("\x00\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_body(body: object) -> str:
    """The comment's text, or ValidationFailed: empty, too long, control characters."""
    text = str(body or "").strip() if isinstance(body, str | type(None)) else ""
    if not text:
        raise ValidationFailed([RowProblem(None, "comment", "cm.val.empty", {})])
    if len(text) > MAX_COMMENT:
        raise ValidationFailed([RowProblem(None, "comment", "cm.val.too_long",
                                           {"max": MAX_COMMENT, "length": len(text)})])
    if any(ch in _FORBIDDEN_CHARS for ch in text):
        raise ValidationFailed([RowProblem(None, "comment", "cm.val.control", {})])
    return text


def add_comment(db: sqlite_utils.Database, user: User, kind: str, record_id: int, body: str,
                now: str | None = None) -> int:
    """Add a comment to a record's thread; returns its id. Raises PermissionDenied
    (viewers, editors of other units) or ValidationFailed; then nothing is written."""
    text = clean_body(body)
    stamp = now or calendar.utc_stamp()
    with write_tx(db):
        actor = acting_user(db, user)
        rec = require_record(db, kind, record_id)
        district, zone = unit_parts(rec["unit_id"])
        side = comment_side(actor, district, zone)
        if side is None or not can_read_record(actor, district, zone):
            raise PermissionDenied("cm.err.forbidden")
        before = {int(r[0]) for r in db.execute(
            "SELECT DISTINCT author_id FROM comments WHERE kind = ? AND record_id = ? AND"
            " author_id IS NOT NULL", [kind, rec["id"]])}
        cur = db.execute(
            "INSERT INTO comments (kind, record_id, year, unit_id, clause_id, body, side,"
            " author_id, author_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [kind, rec["id"], rec["year"], rec["unit_id"], rec["clause_id"], text, side,
             actor.id, actor.display_name, stamp])
        comment_id = int(cur.lastrowid)
        named = set()
        for name in mentions(text):
            person = get_user_by_username(db, name)
            if person and person.id != actor.id and can_read_record(person, district, zone):
                named.add(person.id)
        notify(db, sorted(named), comment_id, "mention", stamp)
        notify(db, sorted(before - named - {actor.id}), comment_id, "reply", stamp)
        return comment_id


def correct_comment(db: sqlite_utils.Database, user: User, comment_id: int, body: str,
                    now: str | None = None) -> int:
    """Correct one's own comment: a new logged row; the old text stays. Returns its id."""
    text = clean_body(body)
    stamp = now or calendar.utc_stamp()
    with write_tx(db):
        actor = acting_user(db, user)
        row = db.execute("SELECT id, kind, record_id, year, unit_id, clause_id, side, author_id,"
                         " corrects FROM comments WHERE id = ?", [int(comment_id)]).fetchone()
        if row is None:
            raise ValidationFailed([RowProblem(None, "comment", "cm.val.no_comment", {})])
        root = int(row[8] or row[0])
        if row[7] != actor.id:
            raise PermissionDenied("cm.err.not_author")
        district, zone = unit_parts(row[4])
        if comment_side(actor, district, zone) is None:
            raise PermissionDenied("cm.err.forbidden")
        current = _current_text(db, root)
        if current == text:
            raise ValidationFailed([RowProblem(None, "comment", "cm.val.unchanged", {})])
        cur = db.execute(
            "INSERT INTO comments (kind, record_id, year, unit_id, clause_id, body, side,"
            " author_id, author_name, created_at, corrects) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?)", [row[1], row[2], row[3], row[4], row[5], text, row[6], actor.id,
                       actor.display_name, stamp, root])
        return int(cur.lastrowid)


def thread(db: sqlite_utils.Database, user: User, kind: str, record_id: int) -> pd.DataFrame:
    """A record's thread, oldest first: each comment with its current text (``body``),
    the first text (``original``) and how many corrections it had. PermissionDenied for
    someone who may not read the record."""
    actor = acting_user(db, user)
    rec = require_record(db, kind, record_id)
    if not can_read_record(actor, *unit_parts(rec["unit_id"])):
        raise PermissionDenied("ev.err.read_forbidden")
    return thread_rows(db, kind, int(record_id))


def thread_rows(db: sqlite_utils.Database, kind: str, record_id: int) -> pd.DataFrame:
    """The thread without a permission check (callers check)."""
    return frame(
        db,
        "SELECT c.id, c.side, c.author_id, c.author_name, c.created_at, c.body AS original,"
        " COALESCE((SELECT k.body FROM comments k WHERE k.corrects = c.id ORDER BY k.id DESC"
        " LIMIT 1), c.body) AS body, (SELECT count(*) FROM comments k WHERE k.corrects = c.id)"
        " AS corrections FROM comments c WHERE c.kind = ? AND c.record_id = ? AND c.corrects"
        " IS NULL ORDER BY c.id", [kind, record_id])


def corrections(db: sqlite_utils.Database, comment_id: int) -> pd.DataFrame:
    """Every text a comment had, oldest first (for the office)."""
    return frame(db, "SELECT id, body, created_at, author_name FROM comments WHERE id = ? OR"
                     " corrects = ? ORDER BY id", [comment_id, comment_id])


_OPEN = (
    "SELECT kind, record_id, unit_id, clause_id, MAX(CASE WHEN side = 'office' THEN id END) AS q,"
    " MAX(CASE WHEN side = 'unit' THEN id END) AS a FROM comments WHERE year = ? AND corrects"
    " IS NULL{where} GROUP BY kind, record_id"
)


def open_questions(db: sqlite_utils.Database, year: int,
                   district: int | None = None) -> pd.DataFrame:
    """Records with an open question per unit: ``unit_id``, ``open`` (for the status page
    and the completion board)."""
    where, params = "", [year]
    if district is not None:
        where, params = " AND unit_id BETWEEN ? AND ?", [year, district * 100,
                                                           district * 100 + 99]
    return frame(db, "SELECT unit_id, count(*) AS open FROM (" + _OPEN.format(where=where)
                 + ") WHERE q IS NOT NULL AND (a IS NULL OR a < q) GROUP BY unit_id"
                 " ORDER BY unit_id", params)


def open_question_records(db: sqlite_utils.Database, year: int, unit_id: int) -> pd.DataFrame:
    """A unit's records with an open question: kind, record_id, clause number."""
    return frame(db, "SELECT o.kind, o.record_id, o.clause_id, k.number FROM (" +
                 _OPEN.format(where=" AND unit_id = ?") + ") o JOIN clauses k ON k.id ="
                 " o.clause_id WHERE o.q IS NOT NULL AND (o.a IS NULL OR o.a < o.q)"
                 " ORDER BY k.number, o.kind", [year, unit_id])


def _current_text(db: sqlite_utils.Database, root: int) -> str:
    row = db.execute("SELECT body FROM comments WHERE id = ? OR corrects = ? ORDER BY id DESC"
                     " LIMIT 1", [root, root]).fetchone()
    return row[0]
