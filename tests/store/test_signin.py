"""Signing in through the store: the uniform failure, lockout and its lifting
(throttling by source: test_sign_in_throttle.py)."""

from datetime import timedelta

import pytest

from tests.store.account_fixtures import (
    NOW,
    PASSWORD,
    add_account,
    audit_actions,
    refused_sign_in,
    stored_admin,  # noqa: F401 (the fixture "admin" of this module)
    user_row,
)
from tracker import auth
from tracker.domain import calendar
from tracker.domain.model import Grant
from tracker.store import audit, signin, users


def test_authenticate_ok_records_login_and_is_case_insensitive(udb, admin):
    user = signin.authenticate(udb, "BOSS", PASSWORD, now=NOW)
    assert user == admin
    assert user_row(udb, admin.id)["last_login_at"] == "2026-03-01T08:00:00Z"
    assert audit_actions(udb)[0] == "auth.sign_in"


# -- uniform failure ---------------------------------------------------------

def test_failure_message_is_the_same_for_every_reason(udb, admin):
    disabled = add_account(udb, admin, "gone", Grant("viewer"))
    users.set_active(udb, admin, disabled.id, False)
    locked = add_account(udb, admin, "locked", Grant("viewer"))
    for _ in range(auth.MAX_FAILURES):
        refused_sign_in(udb, "locked", "wrong password")
    messages = {
        "unknown": refused_sign_in(udb, "nobody", PASSWORD),
        "wrong": refused_sign_in(udb, "boss", "wrong password"),
        "locked": refused_sign_in(udb, "locked", PASSWORD),
        "disabled": refused_sign_in(udb, "gone", PASSWORD),
        "system": refused_sign_in(udb, "system", ""),
        "empty": refused_sign_in(udb, "", ""),
    }
    assert len(set(messages.values())) == 1
    fa, en = messages["unknown"]
    assert fa == signin.AuthFailed().message("fa") and "locked" in en
    assert locked.id


def test_unknown_user_attempts_are_not_logged_by_name(udb, admin):
    refused_sign_in(udb, "my-secret-password-typed-as-name", "x")
    assert "my-secret-password" not in str(audit.audit_log(udb).to_dict())


# -- lockout -----------------------------------------------------------------

def test_lockout_after_repeated_failures_then_unlock(udb, admin):
    viewer = add_account(udb, admin, "viewer1", Grant("viewer"))
    for i in range(auth.MAX_FAILURES - 1):
        refused_sign_in(udb, "viewer1", "wrong password")
        assert user_row(udb, viewer.id)["failed_count"] == i + 1
    refused_sign_in(udb, "viewer1", "wrong password")
    row = user_row(udb, viewer.id)
    assert row["locked_until"] == calendar.utc_stamp(NOW + timedelta(seconds=auth.BACKOFF_SECONDS))
    assert "auth.locked" in audit_actions(udb)
    # slowed: from the guessing source even the right password is refused
    with pytest.raises(signin.AuthFailed):
        signin.authenticate(udb, "viewer1", PASSWORD, now=NOW + timedelta(seconds=5))
    # after the back-off it works, and the counters are cleared
    later = NOW + timedelta(seconds=auth.BACKOFF_SECONDS + 1)
    assert signin.authenticate(udb, "viewer1", PASSWORD, now=later).id == viewer.id
    row = user_row(udb, viewer.id)
    assert row["failed_count"] == 0 and row["locked_until"] is None


def test_success_resets_the_failure_count(udb, admin):
    for _ in range(auth.MAX_FAILURES - 1):
        refused_sign_in(udb, "boss", "wrong password")
    signin.authenticate(udb, "boss", PASSWORD, now=NOW)
    refused_sign_in(udb, "boss", "wrong password")
    assert user_row(udb, admin.id)["failed_count"] == 1


def test_admin_unlocks_by_reset_or_reenable(udb, admin):
    viewer = add_account(udb, admin, "viewer1", Grant("viewer"))
    for _ in range(auth.MAX_FAILURES):
        refused_sign_in(udb, "viewer1", "wrong password")
    users.reset_password(udb, admin, viewer.id, "another password")
    assert signin.authenticate(udb, "viewer1", "another password", now=NOW)
    with pytest.raises(signin.AuthFailed):
        signin.authenticate(udb, "viewer1", PASSWORD, now=NOW)
