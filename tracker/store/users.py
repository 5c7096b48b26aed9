"""Accounts: users and their grants, the system account and the first administrator.

Every user-management function takes the acting :class:`~tracker.domain.model.User`,
checks :func:`tracker.domain.permissions.can_manage` itself, and writes its change and
an ``audit_log`` row (:mod:`tracker.store.audit`) in one ``BEGIN IMMEDIATE``
transaction. The field rules are :mod:`tracker.domain.accounts`; signing in is
:mod:`tracker.store.signin`. Passwords are only ever hashed (:mod:`tracker.auth`);
they are never stored, logged or put in an error message.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from tracker import auth
from tracker.domain import calendar, limits
from tracker.domain.accounts import (
    SYSTEM_DISPLAY_NAME,
    SYSTEM_USERNAME,
    check_display_name,
    check_email,
    check_lang,
    check_username,
    grants_json,
    scoped_grant,
)
from tracker.domain.errors import PermissionDenied, RowProblem, TrackerError, ValidationFailed
from tracker.domain.model import Grant, User
from tracker.domain.permissions import can_manage
from tracker.store import sessions
from tracker.store.audit import record as _audit
from tracker.store.tx import write_tx

if TYPE_CHECKING:  # the sign-in page imports this module: no pandas until a table is read
    import pandas as pd
    import sqlite_utils


class BootstrapRefused(TrackerError):
    """``create-admin`` was asked for, but an administrator already exists."""


def accounts_tx(db: sqlite_utils.Database, actor: User | None = None):
    """A write transaction that leaves ``meta.revision`` alone (accounts are not part of
    the data that page caches hold); with ``actor``, it first refuses an acting account
    that is no longer active (:func:`tracker.store.tx.check_active`)."""
    return write_tx(db, actor, bump_revision=False)


# -- reading -----------------------------------------------------------------

_USER_COLS = ("id, username, display_name, email, password_hash, active, failed_count, "
              "locked_until, lang")


def _grants(db: sqlite_utils.Database, user_id: int) -> tuple[Grant, ...]:
    rows = db.execute(
        "SELECT role, district, zone FROM grants WHERE user_id = ? ORDER BY id", [user_id]
    ).fetchall()
    return tuple(Grant(role, district, zone) for role, district, zone in rows)


def _row(db: sqlite_utils.Database, where: str, params: Sequence) -> dict | None:
    cur = db.execute(f"SELECT {_USER_COLS} FROM users WHERE {where}", list(params))
    names = [d[0] for d in cur.description]
    row = cur.fetchone()
    return dict(zip(names, row, strict=True)) if row else None


def account_row(db: sqlite_utils.Database, username: str) -> dict | None:
    """The whole ``users`` row named ``username`` (any letter case, active or not, the
    password hash included: for signing in only); ``None`` if there is none."""
    return _row(db, "username = ?", [username])


def as_user(db: sqlite_utils.Database, row: dict) -> User:
    """A ``users`` row as a :class:`User` with its grants."""
    return User(id=row["id"], username=row["username"], display_name=row["display_name"],
                grants=_grants(db, row["id"]))


def get_user(db: sqlite_utils.Database, user_id: int) -> User | None:
    """The active user ``user_id`` with its grants; ``None`` if absent or disabled."""
    row = _row(db, "id = ? AND active = 1", [user_id])
    return as_user(db, row) if row else None


def get_user_by_username(db: sqlite_utils.Database, username: str) -> User | None:
    """The active user named ``username`` (any letter case); ``None`` otherwise."""
    row = _row(db, "username = ? AND active = 1", [(username or "").strip()])
    return as_user(db, row) if row else None


def username_taken(db: sqlite_utils.Database, username: str) -> bool:
    """Is there an account (active or not) with this user name?"""
    return _row(db, "username = ?", [(username or "").strip()]) is not None


def get_user_by_email(db: sqlite_utils.Database, email: str | None) -> User | None:
    """The one active user with this e-mail (any letter case), for single sign-on.

    ``None`` when there is none, or more than one (an ambiguous e-mail must
    not pick an account).
    """
    email = (email or "").strip()
    if not email:
        return None
    cur = db.execute(
        f"SELECT {_USER_COLS} FROM users WHERE email = ? AND active = 1 AND username != ?",
        [email, SYSTEM_USERNAME],
    )
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    if len(rows) != 1:
        return None
    return as_user(db, dict(zip(names, rows[0], strict=True)))


def list_users(db: sqlite_utils.Database) -> pd.DataFrame:
    """Every account except the system one, without password hashes.

    Columns: id, username, display_name, email, active (bool), grants (a tuple
    of :class:`Grant`), created_at, last_login_at, failed_count, locked_until, lang
    (the language of the person's e-mails).
    """
    cols = ["id", "username", "display_name", "email", "active", "grants", "created_at",
            "last_login_at", "failed_count", "locked_until", "lang"]
    cur = db.execute(
        "SELECT id, username, display_name, email, active, created_at, last_login_at, "
        "failed_count, locked_until, lang FROM users WHERE username != ? ORDER BY username",
        [SYSTEM_USERNAME],
    )
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    for r in rows:
        r["active"] = bool(r["active"])
        r["grants"] = _grants(db, r["id"])
    return _table(rows, cols)


def _table(rows: list, columns: list[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


def count_admins(db: sqlite_utils.Database) -> int:
    """Active people holding the admin role (the system account not counted)."""
    return _count_admins(db)


# -- user management ---------------------------------------------------------

def create_user(db: sqlite_utils.Database, actor: User, username: str, display_name: str,
                password: str | None, grants: Iterable[Grant], email: str | None = None,
                now: datetime | None = None, lang: str = "fa") -> int:
    """Add an account; returns its id. ``password=None`` makes a single-sign-on-only
    account (it can sign in only through the identity provider, by e-mail). ``lang``
    (``fa`` or ``en``) is the language of the person's e-mails."""
    _require_manager(actor)
    stamp = calendar.utc_stamp(now)
    lang = check_lang(lang)
    with accounts_tx(db, actor):
        return _insert_user(db, actor, username, display_name, password, grants, email, stamp,
                            lang)


def set_active(db: sqlite_utils.Database, actor: User, user_id: int, active: bool,
               now: datetime | None = None) -> None:
    """Disable or re-enable an account. Re-enabling also lifts a lock.

    Refuses to disable oneself or the last active administrator.
    """
    _require_manager(actor)
    stamp = calendar.utc_stamp(now)
    with accounts_tx(db, actor):
        target = _target(db, user_id)
        if not active:
            if target["id"] == actor.id:
                raise ValidationFailed([RowProblem(None, "active", "admin.cannot_disable_self")])
            if _holds_admin(db, target["id"]) and _count_admins(db) <= 1:
                raise ValidationFailed([RowProblem(None, "active", "admin.last_admin")])
            db.execute("UPDATE users SET active = 0 WHERE id = ?", [user_id])
            sessions.end_user_sessions(db, user_id, "disabled", stamp)
        else:
            db.execute("UPDATE users SET active = 1, failed_count = 0, locked_until = NULL "
                       "WHERE id = ?", [user_id])
        _audit(db, actor, "user.enable" if active else "user.disable", user_id, stamp,
               {"username": target["username"]})


def reset_password(db: sqlite_utils.Database, actor: User, user_id: int, new_password: str,
                   now: datetime | None = None) -> None:
    """Set a new password for an account and lift any lock on it."""
    _require_manager(actor)
    problem = auth.password_problem(new_password)
    if problem:
        raise ValidationFailed([RowProblem(None, "password", problem[0], problem[1])])
    stamp = calendar.utc_stamp(now)
    password_hash = auth.hash_password(new_password)
    with accounts_tx(db, actor):
        target = _target(db, user_id)
        db.execute("UPDATE users SET password_hash = ?, failed_count = 0, locked_until = NULL "
                   "WHERE id = ?", [password_hash, user_id])
        sessions.end_user_sessions(db, user_id, "password", stamp)
        _audit(db, actor, "user.reset_password", user_id, stamp,
               {"username": target["username"]})


def set_grants(db: sqlite_utils.Database, actor: User, user_id: int, grants: Iterable[Grant],
               now: datetime | None = None) -> None:
    """Replace all of an account's roles and scopes with ``grants``.

    Refuses to take the admin role from the last active administrator.
    """
    _require_manager(actor)
    stamp = calendar.utc_stamp(now)
    with accounts_tx(db, actor):
        target = _target(db, user_id)
        new = _check_grants(db, grants)
        old = _grants(db, user_id)
        if (_holds_admin(db, user_id) and target["active"]
                and not any(g.role == "admin" for g in new) and _count_admins(db) <= 1):
            raise ValidationFailed([RowProblem(None, "grants", "admin.last_admin")])
        db.execute("DELETE FROM grants WHERE user_id = ?", [user_id])
        _insert_grants(db, user_id, new)
        _audit(db, actor, "user.grants", user_id, stamp,
               {"username": target["username"], "old": grants_json(old),
                "new": grants_json(new)})


def set_profile(db: sqlite_utils.Database, actor: User, user_id: int, display_name: str,
                email: str | None, now: datetime | None = None,
                lang: str | None = None) -> None:
    """Change an account's display name, e-mail and (unless ``lang`` is None) the
    language of its e-mails."""
    _require_manager(actor)
    stamp = calendar.utc_stamp(now)
    display_name = check_display_name(display_name)
    email = check_email(email)
    lang = None if lang is None else check_lang(lang)
    with accounts_tx(db, actor):
        target = _target(db, user_id)
        lang = lang or target["lang"]
        db.execute("UPDATE users SET display_name = ?, email = ?, lang = ? WHERE id = ?",
                   [display_name, email, lang, user_id])
        _audit(db, actor, "user.profile", user_id, stamp,
               {"username": target["username"],
                "old": {"display_name": target["display_name"], "email": target["email"],
                        "lang": target["lang"]},
                "new": {"display_name": display_name, "email": email, "lang": lang}})


# -- the first admin, the system account, demo accounts ----------------------

def system_user(db: sqlite_utils.Database) -> User:
    """The ``system`` account that the command line and demo loader act as.

    It has no password and no e-mail, so nobody can sign in as it; it holds the
    admin grant so its acts pass the same permission checks. Created on first use.
    """
    row = _row(db, "username = ?", [SYSTEM_USERNAME])
    if row is None:
        with accounts_tx(db):
            row = _row(db, "username = ?", [SYSTEM_USERNAME])
            if row is None:
                stamp = calendar.utc_stamp()
                cur = db.execute(
                    "INSERT INTO users (username, display_name, email, password_hash, active, "
                    "created_at) VALUES (?, ?, NULL, NULL, 1, ?)",
                    [SYSTEM_USERNAME, SYSTEM_DISPLAY_NAME, stamp])
                _insert_grants(db, cur.lastrowid, (Grant("admin"),))
                row = _row(db, "id = ?", [cur.lastrowid])
    return as_user(db, row)


def bootstrap_admin(db: sqlite_utils.Database, username: str, display_name: str,
                    password: str, email: str | None = None) -> int:
    """Create the first administrator, acting as the system account.

    Raises :class:`BootstrapRefused` if an active administrator already exists
    (the others are then added by that administrator).
    """
    actor = system_user(db)
    stamp = calendar.utc_stamp()
    with accounts_tx(db, actor):
        if _count_admins(db) > 0:
            raise BootstrapRefused("admin.bootstrap_refused")
        return _insert_user(db, actor, username, display_name, password, (Grant("admin"),),
                            email, stamp)


# -- helpers -----------------------------------------------------------------

def _require_manager(actor: User) -> None:
    if actor is None or not can_manage(actor):
        raise PermissionDenied("admin.denied")


def _target(db: sqlite_utils.Database, user_id: int) -> dict:
    row = _row(db, "id = ?", [user_id]) if limits.sql_int(user_id) else None
    if row is None:
        raise ValidationFailed([RowProblem(None, "user", "admin.no_such_user")])
    if row["username"].lower() == SYSTEM_USERNAME:
        raise PermissionDenied("admin.system_untouchable")
    return row


def _holds_admin(db: sqlite_utils.Database, user_id: int) -> bool:
    return db.execute("SELECT 1 FROM grants WHERE user_id = ? AND role = 'admin'",
                      [user_id]).fetchone() is not None


def _count_admins(db: sqlite_utils.Database) -> int:
    return db.execute(
        "SELECT COUNT(DISTINCT u.id) FROM users u JOIN grants g ON g.user_id = u.id "
        "WHERE g.role = 'admin' AND u.active = 1 AND u.username != ?", [SYSTEM_USERNAME]
    ).fetchone()[0]


def _check_grants(db: sqlite_utils.Database, grants: Iterable[Grant]) -> tuple[Grant, ...]:
    """Grants with scopes checked against the units table, duplicates dropped."""
    out: list[Grant] = []
    has_units = db.execute("SELECT 1 FROM units LIMIT 1").fetchone() is not None
    for g in grants:
        grant = scoped_grant(g)
        district, zone = grant.district, grant.zone
        if has_units and district is not None:
            found = db.execute("SELECT 1 FROM units WHERE district = ? AND zone = ?",
                               [district, zone or 0]).fetchone()
            if not found:
                raise ValidationFailed([RowProblem(None, "zone", "admin.no_such_unit",
                                                   {"district": district, "zone": zone or 0})])
        if grant not in out:
            out.append(grant)
    if not out:
        raise ValidationFailed([RowProblem(None, "role", "admin.role_required")])
    return tuple(out)


def _insert_grants(db: sqlite_utils.Database, user_id: int, grants: Iterable[Grant]) -> None:
    for g in grants:
        db.execute("INSERT INTO grants (user_id, role, district, zone) VALUES (?, ?, ?, ?)",
                   [user_id, g.role, g.district, g.zone])


def _insert_user(db: sqlite_utils.Database, actor: User, username: str, display_name: str,
                 password: str | None, grants: Iterable[Grant], email: str | None,
                 stamp: str, lang: str = "fa") -> int:
    """Inside an open transaction: validate and insert an account and its grants."""
    username = check_username(username)
    display_name = check_display_name(display_name)
    email = check_email(email)
    if password is not None:
        problem = auth.password_problem(password)
        if problem:
            raise ValidationFailed([RowProblem(None, "password", problem[0], problem[1])])
    new_grants = _check_grants(db, grants)
    if _row(db, "username = ?", [username]) is not None:
        raise ValidationFailed([RowProblem(None, "username", "admin.username_taken",
                                           {"username": username})])
    password_hash = auth.hash_password(password) if password is not None else None
    cur = db.execute(
        "INSERT INTO users (username, display_name, email, password_hash, active, created_at, "
        "lang) VALUES (?, ?, ?, ?, 1, ?, ?)",
        [username, display_name, email, password_hash, stamp, lang])
    user_id = cur.lastrowid
    _insert_grants(db, user_id, new_grants)
    _audit(db, actor, "user.create", user_id, stamp,
           {"username": username, "display_name": display_name, "email": email, "lang": lang,
            "grants": grants_json(new_grants), "password_set": password is not None})
    return user_id
