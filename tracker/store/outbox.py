"""The e-mail outbox: messages queued in the recipient's language, sent by
:mod:`tracker.notify.mailer`, kept (with ``sent_at``) once sent, retried while they fail.

Nothing is queued for a person without an e-mail address, nor when the mail server is
not configured (``TRACKER_SMTP_HOST`` unset): then only the inbox is used.
"""

from __future__ import annotations

import html
import os
from datetime import timedelta

import pandas as pd
import sqlite_utils

from tracker.domain import calendar
from tracker.notify.notices import render
from tracker.store.tx import frame, write_tx

#: minutes to wait after the n-th failed attempt (the last value repeats): the first
#: retry is on the next run
BACKOFF_MINUTES = (0, 5, 15, 60)


def mail_enabled() -> bool:
    return bool(os.environ.get("TRACKER_SMTP_HOST", "").strip())


def _html(subject: str, body: str, lang: str) -> str:
    direction = "rtl" if lang == "fa" else "ltr"
    paras = "".join(f"<p>{html.escape(line)}</p>" for line in body.split("\n"))
    return (f'<html lang="{lang}" dir="{direction}"><body style="font-family: Vazirmatn, '
            f'Tahoma, sans-serif; direction: {direction}"><h3>{html.escape(subject)}</h3>'
            f"{paras}</body></html>")


def enqueue(db: sqlite_utils.Database, recipient_id: int | None, to_addr: str, subject: str,
            body_text: str, body_html: str | None, dedupe_key: str | None,
            stamp: str | None = None, attachment: tuple[str, bytes] | None = None) -> bool:
    """Queue one e-mail (inside the caller's transaction if there is one); False when
    ``dedupe_key`` was already queued."""
    stamp = stamp or calendar.utc_stamp()
    name, data = attachment if attachment else (None, None)
    sql = ("INSERT OR IGNORE INTO outbox (recipient_id, to_addr, subject, body_text, body_html,"
           " attachment_name, attachment, created_at, next_try_at, dedupe_key)"
           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    args = [recipient_id, to_addr, subject, body_text, body_html, name, data, stamp, stamp,
            dedupe_key]
    if db.conn.in_transaction:
        return db.execute(sql, args).rowcount > 0
    with write_tx(db):
        return db.execute(sql, args).rowcount > 0


def enqueue_message(db: sqlite_utils.Database, recipient_id: int, kind: str, params: dict,
                    dedupe_key: str, stamp: str | None = None) -> bool:
    """Queue a cycle message for a person, in their language, if mail is on and they
    have an e-mail address."""
    if not mail_enabled():
        return False
    row = db.execute("SELECT email, lang FROM users WHERE id = ? AND active = 1",
                     [recipient_id]).fetchone()
    if row is None or not row[0]:
        return False
    lang = row[1] if row[1] in ("fa", "en") else "fa"
    subject, body = render(kind, params, lang)
    return enqueue(db, recipient_id, row[0], subject, body, _html(subject, body, lang),
                   f"mail:{dedupe_key}", stamp)


def pending(db: sqlite_utils.Database, now: str | None = None, limit: int = 500) -> pd.DataFrame:
    """Messages not sent yet whose next try is due."""
    now = now or calendar.utc_stamp()
    return frame(db, "SELECT id, to_addr, subject, body_text, body_html, attachment_name,"
                     " attachment, attempts FROM outbox WHERE sent_at IS NULL AND"
                     " (next_try_at IS NULL OR next_try_at <= ?) ORDER BY id LIMIT ?",
                 [now, limit])


def mark_sent(db: sqlite_utils.Database, outbox_id: int, now: str | None = None) -> None:
    with write_tx(db):
        db.execute("UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL"
                   " WHERE id = ?", [now or calendar.utc_stamp(), outbox_id])


def mark_failed(db: sqlite_utils.Database, outbox_id: int, error: str,
                now: str | None = None) -> None:
    """Keep the message queued; the next try waits longer after each failure."""
    stamp = now or calendar.utc_stamp()
    with write_tx(db):
        row = db.execute("SELECT attempts FROM outbox WHERE id = ?", [outbox_id]).fetchone()
        attempts = int(row[0]) + 1 if row else 1
        wait = BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1]
        nxt = calendar.utc_stamp(calendar.parse_stamp(stamp) + timedelta(minutes=wait))
        db.execute("UPDATE outbox SET attempts = ?, last_error = ?, next_try_at = ? "
                   "WHERE id = ?", [attempts, error[:500], nxt, outbox_id])


def counts(db: sqlite_utils.Database) -> dict:
    row = db.execute("SELECT count(*) FILTER (WHERE sent_at IS NOT NULL), count(*) FILTER"
                     " (WHERE sent_at IS NULL) FROM outbox").fetchone()
    return {"sent": int(row[0]), "queued": int(row[1])}


def queued(db: sqlite_utils.Database, dedupe_key: str) -> bool:
    return db.execute("SELECT 1 FROM outbox WHERE dedupe_key = ?", [dedupe_key]).fetchone() \
        is not None


def address_of(db: sqlite_utils.Database, user_id: int) -> tuple[str | None, str]:
    """A person's e-mail address (None if none) and language."""
    row = db.execute("SELECT email, lang FROM users WHERE id = ? AND active = 1",
                     [user_id]).fetchone()
    if row is None:
        return None, "fa"
    return (row[0] or None), (row[1] if row[1] in ("fa", "en") else "fa")
