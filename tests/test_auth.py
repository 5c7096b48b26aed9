"""Pure rules of accounts: hashing, password policy, lockout, idle sessions."""

from datetime import UTC, datetime, timedelta

import pytest

from tracker import auth
from tracker.domain import calendar
from tracker.domain.i18n import t
from tracker.domain.model import Grant

NOW = datetime(2026, 3, 1, 8, 0, 0, tzinfo=UTC)


def test_hash_is_argon2id_salted_and_not_the_password():
    h1 = auth.hash_password("correct horse")
    h2 = auth.hash_password("correct horse")
    assert h1.startswith("$argon2id$")
    assert "correct horse" not in h1
    assert h1 != h2  # salted


def test_verify_password_ok_and_ko():
    h = auth.hash_password("correct horse")
    assert auth.verify_password(h, "correct horse")
    assert not auth.verify_password(h, "Correct horse")
    assert not auth.verify_password(h, "")
    assert not auth.verify_password(None, "correct horse")
    assert not auth.verify_password("not-a-hash", "correct horse")


def test_needs_rehash():
    assert not auth.needs_rehash(auth.hash_password("correct horse"))
    assert auth.needs_rehash("not-a-hash")


@pytest.mark.parametrize("password, key", [
    (None, "auth.password_short"),
    ("", "auth.password_short"),
    ("1234567", "auth.password_short"),
    (" " * 9, "auth.password_blank"),
    ("x" * (auth.MAX_PASSWORD_LENGTH + 1), "auth.password_long"),
])
def test_password_policy_refuses(password, key):
    problem = auth.password_problem(password)
    assert problem is not None and problem[0] == key
    assert t(problem[0], "fa", **problem[1])  # the message exists in both languages
    assert t(problem[0], "en", **problem[1])


def test_password_policy_accepts_eight_characters_and_persian():
    assert auth.MIN_PASSWORD_LENGTH == 8
    assert auth.password_problem("12345678") is None
    assert auth.password_problem("گذرواژهٔ‌خوب") is None


def test_slowed_after_max_failures_with_a_bounded_doubling_back_off():
    count, until = 0, None
    for _ in range(auth.MAX_FAILURES - 1):
        count, until = auth.after_failure(count, NOW)
        assert until is None
    assert count == auth.MAX_FAILURES - 1
    waits = []
    for _ in range(12):
        count, until = auth.after_failure(count, NOW)
        waits.append(calendar.parse_stamp(until) - NOW)
    assert waits[:3] == [timedelta(seconds=30), timedelta(seconds=60), timedelta(seconds=120)]
    assert max(waits) == waits[-1] == timedelta(minutes=auth.LOCK_MINUTES)  # capped
    assert auth.is_locked(until, NOW + timedelta(minutes=auth.LOCK_MINUTES) - timedelta(seconds=1))
    assert not auth.is_locked(until, NOW + timedelta(minutes=auth.LOCK_MINUTES))
    assert not auth.is_locked(None, NOW)
    assert auth.after_failure(10**30, NOW)[0] == 10_000  # the count itself is bounded


def test_back_off_constants_are_configurable_per_call():
    count, until = auth.after_failure(1, NOW, max_failures=2, backoff_seconds=60)
    assert until == calendar.utc_stamp(NOW + timedelta(minutes=1))


def test_a_source_is_locked_after_its_failures_and_forgets_old_ones():
    count, last, locked = 0, None, None
    for i in range(auth.SOURCE_MAX_FAILURES - 1):
        count, locked = auth.source_after_failure(count, last, locked, NOW)
        last = calendar.utc_stamp(NOW)
        assert locked is None and count == i + 1
    assert auth.source_is_guessing(count, last, NOW)
    count, locked = auth.source_after_failure(count, last, locked, NOW)
    assert locked == calendar.utc_stamp(NOW + timedelta(minutes=auth.SOURCE_LOCK_MINUTES))
    later = NOW + timedelta(minutes=auth.SOURCE_WINDOW_MINUTES, seconds=1)
    assert not auth.source_is_guessing(count, last, later)
    assert auth.source_after_failure(count, last, None, later) == (1, None)


def test_idle_timeout():
    assert not auth.check_idle(None, NOW, 30)
    assert not auth.check_idle(NOW - timedelta(minutes=30), NOW, 30)
    assert auth.check_idle(NOW - timedelta(minutes=30, seconds=1), NOW, 30)
    assert not auth.check_idle(NOW - timedelta(days=3), NOW, 0)  # 0 turns it off
    naive = datetime(2026, 3, 1, 7, 0, 0)  # naive datetimes are taken as UTC
    assert auth.check_idle(naive, NOW, 30)


def test_a_lock_stamp_is_read_as_utc():
    assert auth.is_locked("2026-03-01T08:00:01Z", NOW)
    assert not auth.is_locked("2026-03-01T08:00:00Z", NOW)
    assert not auth.is_locked(None, NOW) and not auth.is_locked("", NOW)


def test_uniform_failure_message_says_nothing_about_existence():
    for lang in ("fa", "en"):
        text = t(auth.FAILED_KEY, lang)
        assert text
    assert "locked" in t(auth.FAILED_KEY, "en")
    assert "does not exist" not in t(auth.FAILED_KEY, "en")


def test_grant_labels():
    assert auth.grant_label(Grant("zone_editor", 3, 2), "en") == "Zone editor — district 3, zone 2"
    assert auth.grant_label(Grant("district_editor", 3), "fa") == "ویرایشگر منطقه — منطقه ۳"
    assert auth.grants_label((Grant("viewer"), Grant("inspector")), "en") == "Viewer, Inspector"


def test_production_hashes_are_strong(monkeypatch):
    from argon2 import PasswordHasher

    monkeypatch.delenv(auth.TEST_ENV, raising=False)
    default = PasswordHasher()
    params = auth.hash_parameters()
    # never weaker than argon2-cffi's defaults (RFC 9106 low-memory: 64 MiB, t=3, p=4)
    assert params["memory_cost"] >= max(default.memory_cost, 65536)
    assert params["time_cost"] >= max(default.time_cost, 3)
    assert params["parallelism"] >= 4
    h = auth.hash_password("correct horse")
    assert "$m=65536,t=3,p=4$" in h
    assert auth.verify_password(h, "correct horse")
    # a hash made with the tests' cheap parameters is upgraded at the next sign-in
    monkeypatch.setenv(auth.TEST_ENV, "1")
    cheap = auth.hash_password("correct horse")
    monkeypatch.delenv(auth.TEST_ENV)
    assert auth.needs_rehash(cheap) and not auth.needs_rehash(h)


def test_the_suite_hashes_cheaply():
    # tests/conftest.py sets TRACKER_ARGON2_TEST=1 for the suite (and the servers it starts)
    import os

    assert os.environ.get(auth.TEST_ENV) == "1"
    h = auth.hash_password("correct horse")
    assert "$m=8,t=1,p=1$" in h and auth.verify_password(h, "correct horse")
