"""Passwords, lockout and idle sessions: pure rules, no SQL and no Streamlit.

The store (:mod:`tracker.store.signin`, :mod:`tracker.store.users`) applies these
rules inside its transactions; the UI (:mod:`tracker.ui.auth`) applies the idle rule to a session.

* Passwords are hashed with argon2id (``argon2-cffi``'s defaults, which follow
  the current RFC 9106 recommendation); only hashes are stored.
* Throttling is by source (the client's address) as well as by account, so that
  nobody can lock other people out:

  - after :data:`MAX_FAILURES` consecutive failures an account is *slowed*: a back-off
    of :data:`BACKOFF_SECONDS`, doubling with every further failure, capped at
    :data:`LOCK_MINUTES`. While slowed, a source that is itself guessing (it failed
    within :data:`SOURCE_WINDOW_MINUTES`) is refused without a check; a source that
    is not guessing is checked as usual, so the right password gets in;
  - a source with :data:`SOURCE_MAX_FAILURES` failures (any accounts) within
    :data:`SOURCE_WINDOW_MINUTES` is locked for :data:`SOURCE_LOCK_MINUTES`, even
    for the right password; further tries while locked renew its lock.
* Every failed sign-in shows the same message, :data:`FAILED_KEY`, whether the
  account is unknown, the password wrong, the account locked or disabled.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from tracker.domain import calendar
from tracker.domain.i18n import t
from tracker.domain.model import Grant

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256  # argon2 takes any length; this only bounds the work
MAX_FAILURES = 5  # consecutive failed sign-ins before the account is slowed
BACKOFF_SECONDS = 30  # the first back-off of a slowed account; doubles per failure
LOCK_MINUTES = 15  # the longest back-off of an account
SOURCE_MAX_FAILURES = 10  # failures from one source (within the window) that lock it
SOURCE_WINDOW_MINUTES = 15  # failures older than this are forgotten
SOURCE_LOCK_MINUTES = 15  # how long a guessing source stays locked
UNKNOWN_SOURCE = "unknown"

FAILED_KEY = "auth.failed"  # the one message for every failed sign-in

#: The argon2id parameters of every new hash: argon2-cffi's defaults (RFC 9106's
#: low-memory recommendation: 64 MiB, 3 passes, 4 lanes).
STRONG = {"time_cost": 3, "memory_cost": 65536, "parallelism": 4}
#: Cheap parameters for the test suite only (tests/conftest.py sets TEST_ENV=1): a
#: hash in a few microseconds instead of ~50 ms. Never set it in production.
TEST_ENV = "TRACKER_ARGON2_TEST"
_TEST = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}


def hash_parameters() -> dict:
    """The parameters new hashes get: :data:`STRONG` unless ``TRACKER_ARGON2_TEST=1``."""
    return dict(_TEST if os.environ.get(TEST_ENV) == "1" else STRONG)


@cache
def _hasher_for(time_cost: int, memory_cost: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost,
                          parallelism=parallelism)


def _hasher() -> PasswordHasher:
    return _hasher_for(**hash_parameters())


@cache
def _dummy_hash_for(hasher: PasswordHasher) -> str:
    return hasher.hash("not a password: timing equaliser")


def _dummy_hash() -> str:
    """Verified when the account does not exist (or cannot sign in), so that a
    failed sign-in costs the same time either way. Made on first use, not at
    import, so the app starts faster."""
    return _dummy_hash_for(_hasher())


# -- passwords ---------------------------------------------------------------

def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (``$argon2id$...``), salted."""
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Does ``password`` match ``password_hash``? ``False`` for a missing hash."""
    if not password_hash:
        dummy_verify(password)
        return False
    try:
        return _hasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def dummy_verify(password: str) -> None:
    """Spend the time of one verification, for accounts that do not exist."""
    try:
        _hasher().verify(_dummy_hash(), password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        pass


def needs_rehash(password_hash: str) -> bool:
    """Was this hash made with weaker parameters than the current ones?"""
    try:
        return _hasher().check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return True


def password_problem(password: str | None) -> tuple[str, dict] | None:
    """``None`` if ``password`` meets the policy, else ``(message key, params)``."""
    if password is None or len(password) < MIN_PASSWORD_LENGTH:
        return "auth.password_short", {"min": MIN_PASSWORD_LENGTH}
    if len(password) > MAX_PASSWORD_LENGTH:
        return "auth.password_long", {"max": MAX_PASSWORD_LENGTH}
    if not password.strip():
        return "auth.password_blank", {}
    return None


# -- time stamps: tracker.domain.calendar (now_utc, utc_stamp, parse_stamp) --------------

def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


# -- lockout -----------------------------------------------------------------

def is_locked(locked_until: str | None, now: datetime) -> bool:
    """Is an account with this ``locked_until`` stamp locked at ``now``?"""
    return bool(locked_until) and _aware(now) < calendar.parse_stamp(locked_until)


def after_failure(failed_count: int, now: datetime,
                  max_failures: int = MAX_FAILURES,
                  backoff_seconds: int = BACKOFF_SECONDS,
                  cap_minutes: int = LOCK_MINUTES) -> tuple[int, str | None]:
    """``(failed_count, slowed_until)`` to store after one more failed sign-in.

    From the ``max_failures``-th consecutive failure on, the account is slowed for
    ``backoff_seconds`` doubling with each further failure, never longer than
    ``cap_minutes`` (a bounded back-off); a success clears it.
    """
    count = min(int(failed_count or 0) + 1, 10_000)
    if count < max_failures:
        return count, None
    return count, calendar.utc_stamp(_aware(now) + backoff(count, max_failures, backoff_seconds,
                                                  cap_minutes))


def backoff(count: int, max_failures: int = MAX_FAILURES,
            backoff_seconds: int = BACKOFF_SECONDS, cap_minutes: int = LOCK_MINUTES
            ) -> timedelta:
    """The back-off after ``count`` consecutive failures (``count >= max_failures``)."""
    steps = min(max(count - max_failures, 0), 20)
    return min(timedelta(seconds=backoff_seconds * 2 ** steps), timedelta(minutes=cap_minutes))


def source_is_guessing(failed_count: int | None, last_failure_at: str | None,
                       now: datetime) -> bool:
    """Did this source fail a sign-in within the window?"""
    last = calendar.parse_stamp(last_failure_at) if last_failure_at else None
    return bool(failed_count) and last is not None and \
        _aware(now) - last <= timedelta(minutes=SOURCE_WINDOW_MINUTES)


def source_after_failure(failed_count: int | None, last_failure_at: str | None,
                         locked_until: str | None, now: datetime) -> tuple[int, str | None]:
    """``(failed_count, locked_until)`` of a source after one more failure: failures
    outside the window are forgotten; the :data:`SOURCE_MAX_FAILURES`-th locks the
    source for :data:`SOURCE_LOCK_MINUTES`, and a try while locked renews the lock."""
    count = int(failed_count or 0) if source_is_guessing(failed_count, last_failure_at,
                                                         now) else 0
    count = min(count + 1, 1_000_000)
    if count >= SOURCE_MAX_FAILURES or is_locked(locked_until, now):
        return count, calendar.utc_stamp(_aware(now) + timedelta(minutes=SOURCE_LOCK_MINUTES))
    return count, None


# -- sessions ----------------------------------------------------------------

def check_idle(last_seen: datetime | None, now: datetime, idle_minutes: int) -> bool:
    """Has a session last seen at ``last_seen`` been idle too long at ``now``?

    ``True`` means: sign it out. A session never seen (``None``) is not idle;
    ``idle_minutes <= 0`` turns the timeout off.
    """
    if last_seen is None or idle_minutes <= 0:
        return False
    return _aware(now) - _aware(last_seen) > timedelta(minutes=idle_minutes)


# -- showing grants ----------------------------------------------------------

def grant_label(grant: Grant, lang: str = "fa") -> str:
    """``Zone editor — district 3, zone 2`` in ``lang``."""
    role = t(f"role.{grant.role}", lang)
    if grant.role == "zone_editor" and grant.district is not None and grant.zone is not None:
        return t("auth.scope_zone", lang, role=role, district=grant.district, zone=grant.zone)
    if grant.role == "district_editor" and grant.district is not None:
        return t("auth.scope_district", lang, role=role, district=grant.district)
    return role


def grants_label(grants: tuple[Grant, ...] | list[Grant], lang: str = "fa") -> str:
    sep = "، " if lang == "fa" else ", "
    return sep.join(grant_label(g, lang) for g in grants)
