"""Helpers shared by the account tests (users, sign-in, audit): a small database with
units of districts 1 and 3, its first administrator, and sign-in checks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tracker.db import open_db
from tracker.store import audit, signin, users

NOW = datetime(2026, 3, 1, 8, 0, 0, tzinfo=UTC)
PASSWORD = "a good password"


def accounts_db(tmp_path):
    """A fresh database with units 1/0-1/3 and 3/0-3/3 (for grant scopes)."""
    db = open_db(tmp_path / "users.db")
    db["units"].insert_all(
        [{"id": d * 100 + z, "district": d, "zone": z, "name_fa": f"{d}/{z}",
          "name_en": f"{d}/{z}"} for d in (1, 3) for z in range(0, 4)])
    return db


def first_admin(udb):
    """The bootstrapped administrator ``boss`` (password :data:`PASSWORD`)."""
    uid = users.bootstrap_admin(udb, "boss", "رئیس", PASSWORD)
    return users.get_user(udb, uid)


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
