"""Nobody can lock other people out: sign-in throttling by source and by account
(issue 13, item 5)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tracker import auth
from tracker.domain import calendar
from tracker.store import audit, signin, users

NOW = datetime(2026, 11, 21, 8, 0, 0, tzinfo=UTC)
PASSWORD = "the admin's password"
ATTACKER, OFFICE = "203.0.113.66", "198.51.100.7"


@pytest.fixture
def admin_id(db):
    return users.bootstrap_admin(db, "admin", "Admin", PASSWORD)


def _try(db, password, source, at=NOW, username="admin"):
    try:
        return signin.authenticate(db, username, password, now=at, source=source)
    except signin.AuthFailed as exc:
        return exc


def test_fifty_guesses_from_one_source_do_not_lock_the_admin_out(db, admin_id):
    for i in range(50):
        assert isinstance(_try(db, f"guess {i}", ATTACKER, NOW + timedelta(seconds=i)),
                          signin.AuthFailed)
    right_after = NOW + timedelta(seconds=51)
    # the rightful person, from another source, gets in at once
    user = _try(db, PASSWORD, OFFICE, right_after)
    assert not isinstance(user, signin.AuthFailed) and user.id == admin_id
    # the attacker's source is locked: even the right password is refused there
    failed = _try(db, PASSWORD, ATTACKER, right_after)
    assert isinstance(failed, signin.AuthFailed)
    assert failed.message("en") == signin.AuthFailed().message("en")  # the uniform message
    row = db.execute("SELECT failed_count, locked_until FROM sign_in_sources WHERE source = ?",
                     [ATTACKER]).fetchone()
    assert row[0] >= auth.SOURCE_MAX_FAILURES and auth.is_locked(row[1], right_after)
    assert calendar.parse_stamp(row[1]) - right_after <= timedelta(minutes=auth.SOURCE_LOCK_MINUTES)
    assert "auth.source_locked" in set(audit.audit_log(db)["action"])
    # and the office's source was never counted
    assert db.execute("SELECT COUNT(*) FROM sign_in_sources WHERE source = ?",
                      [OFFICE]).fetchone()[0] == 0


def test_the_attacker_is_slowed_on_the_account_and_locked_as_a_source(db, admin_id):
    for i in range(auth.MAX_FAILURES):
        _try(db, f"guess {i}", ATTACKER)
    slowed = db.execute("SELECT locked_until FROM users WHERE id = ?", [admin_id]).fetchone()[0]
    assert calendar.parse_stamp(slowed) - NOW == timedelta(seconds=auth.BACKOFF_SECONDS)
    # while slowed, guesses from the guessing source are refused unchecked (no doubling)
    _try(db, PASSWORD, ATTACKER, NOW + timedelta(seconds=1))
    assert db.execute("SELECT failed_count FROM users WHERE id = ?",
                      [admin_id]).fetchone()[0] == auth.MAX_FAILURES
    # after the back-off the guessing source may try again (bounded back-off)...
    later = NOW + timedelta(seconds=auth.BACKOFF_SECONDS + 1)
    assert not isinstance(_try(db, PASSWORD, ATTACKER, later), signin.AuthFailed)


def test_a_source_guessing_many_accounts_is_locked_for_all_of_them(db, admin_id):
    users.create_user(db, users.get_user(db, admin_id), "viewer1", "V", "viewer password",
                      (users.Grant("viewer"),))
    for i in range(auth.SOURCE_MAX_FAILURES):
        _try(db, "wrong", ATTACKER, username=f"user{i}")
    assert isinstance(_try(db, "viewer password", ATTACKER, username="viewer1"),
                      signin.AuthFailed)
    assert not isinstance(_try(db, "viewer password", OFFICE, username="viewer1"),
                          signin.AuthFailed)
    # the lock ends after its time (and a try during it renewed it once)
    later = NOW + timedelta(minutes=auth.SOURCE_LOCK_MINUTES, seconds=1)
    assert not isinstance(_try(db, "viewer password", ATTACKER, later, "viewer1"),
                          signin.AuthFailed)


def test_a_mistyped_password_from_a_clean_source_counts_but_never_locks_others(db, admin_id):
    for i in range(3):
        _try(db, "typo", f"10.0.0.{i}")
    assert not isinstance(_try(db, PASSWORD, "10.0.0.99"), signin.AuthFailed)
