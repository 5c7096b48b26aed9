"""Notifications of comments: who was mentioned or took part in a thread, and what
they have not read yet.

Kept in ``comment_notifications`` (the record page's unread marks) and posted to the
person's inbox (and e-mail, when mail is on) as ``comment_mention`` / ``comment_reply``;
:func:`notify` is the one place that writes them.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import sqlite_utils

from tracker.domain import calendar
from tracker.domain.model import User
from tracker.store import inbox, outbox
from tracker.store.record_refs import acting_user
from tracker.store.tx import frame, write_tx


def notify(db: sqlite_utils.Database, user_ids: Iterable[int], comment_id: int, reason: str,
           stamp: str) -> None:
    """Tell ``user_ids`` about a comment (``reason``: mention or reply); called inside
    the comment's write transaction."""
    users = [int(u) for u in user_ids]
    db.conn.executemany(
        "INSERT OR IGNORE INTO comment_notifications (user_id, comment_id, reason, created_at)"
        " VALUES (?, ?, ?, ?)", [(u, comment_id, reason, stamp) for u in users])
    if not users:
        return
    params = _message_params(db, comment_id)
    for uid in users:
        key = f"comment:{comment_id}:{uid}"
        inbox.post(db, uid, f"comment_{reason}", params, key, stamp)
        outbox.enqueue_message(db, uid, f"comment_{reason}", params, key, stamp)


def _message_params(db: sqlite_utils.Database, comment_id: int) -> dict:
    """What a comment's message says in both languages: the unit, the clause, who wrote
    it and the start of the text, and the record page it leads to."""
    row = db.execute(
        "SELECT c.author_name, c.body, c.year, c.unit_id, c.clause_id, k.number, u.name_fa,"
        " u.name_en, c.kind FROM comments c JOIN clauses k ON k.id = c.clause_id"
        " JOIN units u ON u.id = c.unit_id WHERE c.id = ?", [comment_id]).fetchone()
    author, body, year, unit, clause, number, name_fa, name_en, kind = row
    text = str(body or "")
    return {"by": author or "", "comment": text[:200] + ("…" if len(text) > 200 else ""),
            "unit_fa": name_fa, "unit_en": name_en, "clause": int(number),
            "link": f"record?year={year}&unit={unit}&clause={clause}"
                    + ("&kind=plan" if kind == "plan" else "")}


def unread_count(db: sqlite_utils.Database, user_id: int) -> int:
    """How many comment notifications ``user_id`` has not read."""
    return int(db.execute("SELECT count(*) FROM comment_notifications WHERE user_id = ? AND"
                          " read_at IS NULL", [user_id]).fetchone()[0])


def unread(db: sqlite_utils.Database, user_id: int, limit: int = 50) -> pd.DataFrame:
    """The unread notifications of ``user_id``, newest first, with where they lead."""
    return frame(
        db,
        "SELECT n.id, n.reason, n.created_at, c.id AS comment_id, c.kind, c.record_id, c.year,"
        " c.unit_id, c.clause_id, k.number, c.author_name, c.body FROM comment_notifications n"
        " JOIN comments c ON c.id = n.comment_id JOIN clauses k ON k.id = c.clause_id"
        " WHERE n.user_id = ? AND n.read_at IS NULL ORDER BY n.id DESC LIMIT ?",
        [user_id, limit])


def mark_read(db: sqlite_utils.Database, user: User, kind: str, record_id: int,
              now: str | None = None) -> int:
    """The signed-in person has seen a record's thread: its notifications to them are
    read. Returns how many were unread."""
    stamp = now or calendar.utc_stamp()
    if not db.execute("SELECT 1 FROM comment_notifications n JOIN comments c ON c.id ="
                      " n.comment_id WHERE n.user_id = ? AND n.read_at IS NULL AND c.kind = ?"
                      " AND c.record_id = ? LIMIT 1", [user.id, kind, record_id]).fetchone():
        return 0  # nothing to write (no transaction, no revision bump)
    with write_tx(db):
        actor = acting_user(db, user)
        return db.execute(
            "UPDATE comment_notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL"
            " AND comment_id IN (SELECT id FROM comments WHERE kind = ? AND record_id = ?)",
            [stamp, actor.id, kind, record_id]).rowcount
