"""Helpers shared by the account tests (users, sign-in, audit), on the ``udb`` database
of tests/conftest.py: its first administrator, accounts, and sign-in checks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tracker.store import audit, signin, users

NOW = datetime(2026, 3, 1, 8, 0, 0, tzinfo=UTC)
PASSWORD = "a good password"


def first_admin(udb):
    """The bootstrapped administrator ``boss`` (password :data:`PASSWORD`)."""
    uid = users.bootstrap_admin(udb, "boss", "رئیس", PASSWORD)
    return users.get_user(udb, uid)


@pytest.fixture(name="admin")
def stored_admin(udb):
    """In a module that imports it, ``admin`` is the stored first administrator (not
    the global, unstored one)."""
    return first_admin(udb)


def add_account(udb, admin, username, grant, password=PASSWORD):
    uid = users.create_user(udb, admin, username, username.title(), password, (grant,))
    return users.get_user(udb, uid)


def audit_actions(udb):
    return list(audit.audit_log(udb)["action"])


def user_row(udb, user_id):
    return udb["users"].get(user_id)


def refused_sign_in(udb, username, password):
    """Sign-in must fail: its message in Persian and English."""
    with pytest.raises(signin.AuthFailed) as info:
        signin.authenticate(udb, username, password, now=NOW)
    return info.value.message("fa"), info.value.message("en")
