"""The in-app inbox: post a message to a person (once per ``dedupe_key``), count and
list the unread ones, mark them read. Who should hear of a unit's submission.

A message is stored as a ``kind`` and its ``params``; it is drawn in the reader's
language at reading time (strings ``cyc.msg.<kind>``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import pandas as pd
import sqlite_utils

from tracker.domain import calendar
from tracker.domain.accounts import SYSTEM_USERNAME
from tracker.domain.model import User, unit_parts
from tracker.store.tx import frame, write_tx


def post(db: sqlite_utils.Database, recipient_id: int, kind: str, params: dict | None = None,
         dedupe_key: str | None = None, now: str | None = None) -> bool:
    """Post one message; returns False when ``dedupe_key`` was already posted.

    Inside a caller's write transaction it joins it; otherwise it runs its own.
    """
    stamp = now or calendar.utc_stamp()
    sql = ("INSERT OR IGNORE INTO notifications (recipient_id, kind, params, created_at,"
           " dedupe_key) VALUES (?, ?, ?, ?, ?)")
    args = [recipient_id, kind, json.dumps(params or {}, ensure_ascii=False), stamp,
            dedupe_key]
    if db.conn.in_transaction:
        return db.execute(sql, args).rowcount > 0
    with write_tx(db):
        return db.execute(sql, args).rowcount > 0


def post_many(db: sqlite_utils.Database, recipients: Iterable[int], kind: str,
              params: dict | None = None, dedupe_prefix: str | None = None,
              now: str | None = None) -> int:
    """Post the same message to several people; returns how many were new."""
    return sum(post(db, r, kind, params,
                    f"{dedupe_prefix}:{r}" if dedupe_prefix else None, now)
               for r in set(recipients))


def unread_count(db: sqlite_utils.Database, user_id: int) -> int:
    row = db.execute("SELECT count(*) FROM notifications WHERE recipient_id = ? "
                     "AND read_at IS NULL", [user_id]).fetchone()
    return int(row[0])


def messages(db: sqlite_utils.Database, user_id: int, limit: int = 100) -> pd.DataFrame:
    """A person's messages, newest first: id, kind, params (dict), created_at, read_at."""
    df = frame(db, "SELECT id, kind, params, created_at, read_at FROM notifications "
                   "WHERE recipient_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
               [user_id, limit])
    df["params"] = [json.loads(p) for p in df["params"]]
    return df


def mark_read(db: sqlite_utils.Database, user: User, ids: Iterable[int] | None = None,
              now: str | None = None) -> int:
    """Mark the user's own messages read (all unread when ``ids`` is None)."""
    stamp = now or calendar.utc_stamp()
    with write_tx(db):
        if ids is None:
            cur = db.execute("UPDATE notifications SET read_at = ? WHERE recipient_id = ? "
                             "AND read_at IS NULL", [stamp, user.id])
            return cur.rowcount
        n = 0
        for i in ids:
            n += db.execute("UPDATE notifications SET read_at = ? WHERE id = ? AND "
                            "recipient_id = ? AND read_at IS NULL",
                            [stamp, int(i), user.id]).rowcount
        return n


def _users_with(db: sqlite_utils.Database, where: str, params: list) -> list[int]:
    rows = db.execute(
        "SELECT DISTINCT u.id FROM users u JOIN grants g ON g.user_id = u.id "
        f"WHERE u.active = 1 AND u.username != ? AND ({where}) ORDER BY u.id",
        [SYSTEM_USERNAME, *params]).fetchall()
    return [int(r[0]) for r in rows]


def unit_editors(db: sqlite_utils.Database, unit_id: int) -> list[int]:
    """Who submits for a unit: a zone's zone editors, a district's district editors."""
    district, zone = unit_parts(unit_id)
    if zone:
        return _users_with(db, "g.role = 'zone_editor' AND g.district = ? AND g.zone = ?",
                           [district, zone])
    return _users_with(db, "g.role = 'district_editor' AND g.district = ?", [district])


def unit_reviewers(db: sqlite_utils.Database, unit_id: int) -> list[int]:
    """Who reviews a unit: a zone's district editors; a district's office (admins)."""
    district, zone = unit_parts(unit_id)
    if zone:
        return _users_with(db, "g.role = 'district_editor' AND g.district = ?", [district])
    return _users_with(db, "g.role = 'admin'", [])


def report_readers(db: sqlite_utils.Database) -> list[int]:
    """The mayor's office: the viewers, who receive each locked month's report."""
    return _users_with(db, "g.role = 'viewer'", [])
