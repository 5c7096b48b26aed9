"""Sign-in sessions kept in the store, so that a reload or a second tab stays signed in.

A session is one row of ``sessions``. Its secrets are random (``secrets.token_urlsafe``)
and only their SHA-256 is stored:

* the **hand-over code** (``claim_hash``), made at sign-in inside the Streamlit session,
  good once, for :data:`CLAIM_SECONDS`, and only to the browser that signed in: it is
  bound to that browser's own random cookie (:data:`BROWSER_COOKIE`, HttpOnly; its hash
  in ``claim_browser``), so a code read from the page by anyone else is worthless. The
  browser trades it for
* the **token** (``token_hash``), made by :func:`claim` and sent to the browser only in
  an HttpOnly cookie (:data:`COOKIE`), never in the address.

A session ends (and stays ended) when it is revoked (sign-out, a password reset, a
disabled account, an admin's "sign out everywhere"), when its user is no longer active,
after :func:`tracker.config.session_days`, or when it has not been used for the idle
timeout. Every check says why a session ended (:data:`REASONS`), so the sign-in page
can tell the person.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from tracker import auth, config
from tracker.domain import calendar
from tracker.domain.errors import PermissionDenied
from tracker.domain.model import User
from tracker.domain.permissions import can_manage
from tracker.store import audit
from tracker.store.tx import write_tx

if TYPE_CHECKING:
    import sqlite_utils

COOKIE = "tracker_session"
BROWSER_COOKIE = "tracker_browser"  # the browser's own random secret, binding its codes
CLAIM_SECONDS = 20  # how long a hand-over code is good for (the page sends it at once)
TOUCH_SECONDS = 30  # last use is written at most this often (the idle rule's precision)
MAX_SECRET = 200  # longer input is not one of our secrets
REASONS = ("sign_out", "password", "disabled", "everywhere", "expired", "idle", "unknown")


def _secret_like(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_SECRET


def digest(secret: str) -> str:
    """The SHA-256 (hex) kept in place of a token or hand-over code."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _tx(db: sqlite_utils.Database, actor: User | None = None):
    """A write transaction that leaves the cache revisions alone (sessions are not data
    that page caches hold); with ``actor``, an inactive acting account is refused."""
    return write_tx(db, actor, bump_revision=False)


def _now(now: datetime | None) -> datetime:
    return now or calendar.now_utc()


def _browser_hash(browser: str | None) -> str | None:
    return digest(browser) if _secret_like(browser) else None


def start(db: sqlite_utils.Database, user: User, method: str,
          now: datetime | None = None, *, browser: str | None = None) -> tuple[int, str]:
    """A new session for ``user`` (signed in by ``method``: "password" or "oidc");
    returns its id and the one-time hand-over code (kept by the caller, never stored).
    ``browser`` is the signing-in browser's :data:`BROWSER_COOKIE`: only a request
    carrying it can claim the code (without one, the code can never be claimed)."""
    now = _now(now)
    code = secrets.token_urlsafe(32)
    stamp = calendar.utc_stamp(now)
    with _tx(db):
        cur = db.execute(
            "INSERT INTO sessions (user_id, method, claim_hash, claim_until, claim_browser, "
            "created_at, expires_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [user.id, method, digest(code),
             calendar.utc_stamp(now + timedelta(seconds=CLAIM_SECONDS)),
             _browser_hash(browser), stamp,
             calendar.utc_stamp(now + timedelta(days=config.session_days())), stamp])
    return int(cur.lastrowid), code


def new_code(db: sqlite_utils.Database, session_id: int,
             now: datetime | None = None) -> str | None:
    """A fresh hand-over code for a session whose browser has not traded the last one
    in time (the old one stops working); ``None`` once claimed or ended."""
    now = _now(now)
    code = secrets.token_urlsafe(32)
    with _tx(db):
        cur = db.execute(
            "UPDATE sessions SET claim_hash = ?, claim_until = ? WHERE id = ? "
            "AND token_hash IS NULL AND revoked_at IS NULL",
            [digest(code), calendar.utc_stamp(now + timedelta(seconds=CLAIM_SECONDS)),
             session_id])
    return code if cur.rowcount else None


def claim(db: sqlite_utils.Database, code: str | None, now: datetime | None = None, *,
          browser: str | None = None) -> str | None:
    """Trade a hand-over code for the session's token (once); ``None`` when the code is
    unknown, used, too old, its session has ended, or ``browser`` (the request's
    :data:`BROWSER_COOKIE`) is not the browser that signed in."""
    if not _secret_like(code):
        return None
    now = _now(now)
    token = secrets.token_urlsafe(32)
    with _tx(db):
        row = db.execute(
            "SELECT s.id, s.claim_until, s.expires_at, s.revoked_at, u.active, "
            "s.claim_browser FROM sessions s JOIN users u ON u.id = s.user_id "
            "WHERE s.claim_hash = ?", [digest(code)]).fetchone()
        if row is None:
            return None
        # a code is good once: any attempt, right or wrong, uses it up
        db.execute("UPDATE sessions SET claim_hash = NULL, claim_until = NULL WHERE id = ?",
                   [row[0]])
        bound = _browser_hash(browser)
        if (row[3] is not None or not row[4] or row[5] is None or bound is None
                or not secrets.compare_digest(row[5], bound)
                or calendar.parse_stamp(row[1]) < now or calendar.parse_stamp(row[2]) <= now):
            return None
        db.execute("UPDATE sessions SET token_hash = ? WHERE id = ?", [digest(token), row[0]])
    return token


_ROW = ("SELECT s.id, s.user_id, s.expires_at, s.last_used_at, s.revoked_at, s.revoked_why, "
        "u.active, s.method FROM sessions s JOIN users u ON u.id = s.user_id")


def _ended(row, now: datetime, idle_minutes: int) -> str | None:
    _, _, expires, last_used, revoked_at, why, active, _ = row
    if revoked_at is not None:
        return why if why in REASONS else "sign_out"
    if not active:
        return "disabled"
    if calendar.parse_stamp(expires) <= now:
        return "expired"
    if auth.check_idle(calendar.parse_stamp(last_used), now, idle_minutes):
        return "idle"
    return None


def _use(db: sqlite_utils.Database, row, now: datetime, idle_minutes: int) -> str | None:
    """Why the session ``row`` has ended (marking it ended), or None after noting its use."""
    reason = _ended(row, now, idle_minutes)
    if reason is not None:
        if row[4] is None:
            revoke(db, row[0], reason, now)
        return reason
    if now - calendar.parse_stamp(row[3]) >= timedelta(seconds=TOUCH_SECONDS):
        with _tx(db):
            db.execute("UPDATE sessions SET last_used_at = ? WHERE id = ? AND revoked_at IS NULL",
                       [calendar.utc_stamp(now), row[0]])
    return None


def resume(db: sqlite_utils.Database, token: str | None, idle_minutes: int,
           now: datetime | None = None) -> tuple[int, int, str] | str:
    """The session of a browser's token: ``(session id, user id, method)`` while it
    lasts, else
    why it ended (one of :data:`REASONS`; "unknown" for a token the store never gave)."""
    if not _secret_like(token):
        return "unknown"
    row = db.execute(f"{_ROW} WHERE s.token_hash = ?", [digest(token)]).fetchone()
    if row is None:
        return "unknown"
    reason = _use(db, row, _now(now), idle_minutes)
    return reason if reason else (int(row[0]), int(row[1]), str(row[7]))


def check(db: sqlite_utils.Database, session_id: int, idle_minutes: int,
          now: datetime | None = None) -> str | None:
    """``None`` while session ``session_id`` lasts (its use is noted), else why it ended."""
    row = db.execute(f"{_ROW} WHERE s.id = ?", [session_id]).fetchone()
    if row is None:
        return "unknown"
    return _use(db, row, _now(now), idle_minutes)


def is_claimed(db: sqlite_utils.Database, session_id: int) -> bool:
    """Has the browser traded the session's hand-over code for its cookie?"""
    row = db.execute("SELECT token_hash IS NOT NULL FROM sessions WHERE id = ?",
                     [session_id]).fetchone()
    return bool(row and row[0])


def revoke(db: sqlite_utils.Database, session_id: int, why: str,
           now: datetime | None = None) -> None:
    """End one session (``why`` is one of :data:`REASONS`)."""
    with _tx(db):
        db.execute("UPDATE sessions SET revoked_at = ?, revoked_why = ? "
                   "WHERE id = ? AND revoked_at IS NULL",
                   [calendar.utc_stamp(_now(now)), why, session_id])


def token_live(db: sqlite_utils.Database, token: str | None, idle_minutes: int,
               now: datetime | None = None) -> bool:
    """Does a browser's token belong to a session that lasts? (Read only.)"""
    if not _secret_like(token):
        return False
    row = db.execute(f"{_ROW} WHERE s.token_hash = ?", [digest(token)]).fetchone()
    return row is not None and _ended(row, _now(now), idle_minutes) is None


def end_user_sessions(db: sqlite_utils.Database, user_id: int, why: str, stamp: str) -> int:
    """End every session of ``user_id``, inside the caller's transaction (the account
    writes of :mod:`tracker.store.users`); returns how many were live."""
    cur = db.execute("UPDATE sessions SET revoked_at = ?, revoked_why = ? "
                     "WHERE user_id = ? AND revoked_at IS NULL", [stamp, why, user_id])
    return int(cur.rowcount or 0)


def sign_out_everywhere(db: sqlite_utils.Database, actor: User, user_id: int,
                        now: datetime | None = None) -> int:
    """An admin ends every session of ``user_id`` (their own included, if they ask);
    noted in the audit log. Returns how many sessions were live."""
    if actor is None or not can_manage(actor):
        raise PermissionDenied("admin.denied")
    stamp = calendar.utc_stamp(_now(now))
    with _tx(db, actor):
        count = end_user_sessions(db, user_id, "everywhere", stamp)
        audit.record(db, actor, "user.sign_out_everywhere", user_id, stamp,
                     {"sessions": count})
    return count


def live_sessions(db: sqlite_utils.Database, user_id: int, idle_minutes: int,
                  now: datetime | None = None) -> int:
    """How many of ``user_id``'s sessions last at ``now`` (for the admin page)."""
    now = _now(now)
    rows = db.execute(f"{_ROW} WHERE s.user_id = ? AND s.revoked_at IS NULL",
                      [user_id]).fetchall()
    return sum(1 for row in rows if _ended(row, now, idle_minutes) is None)
