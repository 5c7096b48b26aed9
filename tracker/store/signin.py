"""Signing in with a user name and password, throttled by source and by account.

Passwords are only ever hashed (:mod:`tracker.auth`); they are never stored, logged
or put in an error message. A sign-in through single sign-on is only noted
(:func:`record_sign_in`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from tracker import auth
from tracker.domain import calendar
from tracker.domain.accounts import SYSTEM_USERNAME
from tracker.domain.errors import TrackerError
from tracker.domain.model import User
from tracker.store import audit
from tracker.store.users import account_row, accounts_tx, as_user

if TYPE_CHECKING:
    import sqlite_utils


class AuthFailed(TrackerError):
    """A sign-in failed. One message for every reason, so it reveals nothing."""

    def __init__(self) -> None:
        super().__init__(auth.FAILED_KEY)


def authenticate(db: sqlite_utils.Database, username: str, password: str,
                 now: datetime | None = None, source: str | None = None) -> User:
    """The active user whose name and password these are, or :class:`AuthFailed`.

    ``source`` is where the attempt comes from (the client's address). Throttling
    (:mod:`tracker.auth`) is by source and by account: a wrong password counts a
    failure of both; a slowed account refuses, unchecked, only sources that are
    guessing themselves, so the right password from another source gets in; a
    locked source is refused everything. Unknown, disabled, slowed, locked and
    password-less (system) accounts fail the same way, after the same work.
    """
    now = now or calendar.now_utc()
    stamp = calendar.utc_stamp(now)
    username = (username or "").strip()
    password = password or ""
    source = (source or auth.UNKNOWN_SOURCE)[:100]
    ok = False
    with accounts_tx(db):
        src = db.execute("SELECT failed_count, last_failure_at, locked_until FROM "
                         "sign_in_sources WHERE source = ?", [source]).fetchone() or (0, None,
                                                                                      None)
        source_locked = auth.is_locked(src[2], now)
        guessing = source_locked or auth.source_is_guessing(src[0], src[1], now)
        row = account_row(db, username) if username else None
        if source_locked or (row is None or not row["active"] or not row["password_hash"]
                             or row["username"].lower() == SYSTEM_USERNAME):
            auth.dummy_verify(password)
        elif auth.is_locked(row["locked_until"], now) and guessing:
            auth.dummy_verify(password)
        elif not auth.verify_password(row["password_hash"], password):
            count, slowed_until = auth.after_failure(row["failed_count"], now)
            db.execute("UPDATE users SET failed_count = ?, locked_until = ? WHERE id = ?",
                       [count, slowed_until, row["id"]])
            if count == auth.MAX_FAILURES:
                audit.record(db, None, "auth.locked", row["id"], stamp,
                             {"until": slowed_until, "failures": count})
        else:
            ok = True
            sets = {"failed_count": 0, "locked_until": None, "last_login_at": stamp}
            if auth.needs_rehash(row["password_hash"]):
                sets["password_hash"] = auth.hash_password(password)
            assignments = ", ".join(f"{k} = ?" for k in sets)
            db.execute(f"UPDATE users SET {assignments} WHERE id = ?",
                       [*sets.values(), row["id"]])
            audit.record(db, None, "auth.sign_in", row["id"], stamp, {})
        if not ok:
            _source_failed(db, source, src, now, stamp)
    if not ok:
        raise AuthFailed()
    return as_user(db, row)


def _source_failed(db: sqlite_utils.Database, source: str, src: tuple, now: datetime,
                   stamp: str) -> None:
    """Count a failed sign-in against its source; log when the source becomes locked."""
    count, locked_until = auth.source_after_failure(src[0], src[1], src[2], now)
    db.execute("INSERT INTO sign_in_sources (source, failed_count, last_failure_at, "
               "locked_until) VALUES (?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET "
               "failed_count = excluded.failed_count, last_failure_at = excluded."
               "last_failure_at, locked_until = excluded.locked_until",
               [source, count, stamp, locked_until])
    if locked_until and not auth.is_locked(src[2], now):
        audit.record(db, None, "auth.source_locked", None, stamp,
                     {"source": source, "until": locked_until, "failures": count})


def record_sign_in(db: sqlite_utils.Database, user: User, method: str = "oidc") -> None:
    """Note a sign-in that did not go through :func:`authenticate` (single sign-on)."""
    stamp = calendar.utc_stamp()
    with accounts_tx(db):
        db.execute("UPDATE users SET last_login_at = ? WHERE id = ?", [stamp, user.id])
        audit.record(db, None, "auth.sign_in", user.id, stamp, {"method": method})
