"""Sign-in sessions in the store: hand-over, token, expiry, idle, revocation; only
hashes are stored."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from tracker.db import open_db
from tracker.domain.errors import PermissionDenied
from tracker.domain.model import Grant
from tracker.store import audit, sessions, users

NOW = datetime(2026, 11, 21, 8, 0, 0, tzinfo=UTC)
PASSWORD = "a good password"
IDLE = 30
BROWSER = "the-browser-own-secret-cookie"


@pytest.fixture
def sdb(tmp_path):
    db = open_db(tmp_path / "sessions.db")
    db["units"].insert_all([{"id": 300, "district": 3, "zone": 0, "name_fa": "۳",
                             "name_en": "3"}])
    return db


@pytest.fixture
def admin(sdb):
    return users.get_user(sdb, users.bootstrap_admin(sdb, "boss", "رئیس", PASSWORD))


@pytest.fixture
def editor(sdb, admin):
    uid = users.create_user(sdb, admin, "ed3", "Editor", PASSWORD,
                            (Grant("district_editor", 3),))
    return users.get_user(sdb, uid)


def signed_in(sdb, user, now=NOW) -> tuple[int, str]:
    """A session whose hand-over code the browser has traded: (id, token)."""
    sid, code = sessions.start(sdb, user, "password", now, browser=BROWSER)
    token = sessions.claim(sdb, code, now + timedelta(seconds=1), browser=BROWSER)
    assert token
    return sid, token


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_only_hashes_of_the_code_and_the_token_are_stored(sdb, editor):
    sid, code = sessions.start(sdb, editor, "password", NOW, browser=BROWSER)
    row = sdb["sessions"].get(sid)
    assert row["claim_hash"] == sha256(code) and code not in str(row)
    assert row["claim_browser"] == sha256(BROWSER) and BROWSER not in str(row)
    token = sessions.claim(sdb, code, NOW, browser=BROWSER)
    row = sdb["sessions"].get(sid)
    assert row["token_hash"] == sha256(token) and row["claim_hash"] is None
    dump = "\n".join(sdb.iterdump())
    assert token not in dump and code not in dump
    assert len(token) >= 40 and token != code


def test_a_token_resumes_its_session_in_another_tab(sdb, editor):
    sid, token = signed_in(sdb, editor)
    got = sessions.resume(sdb, token, IDLE, NOW + timedelta(minutes=5))
    assert got == (sid, editor.id, "password")
    assert sessions.check(sdb, sid, IDLE, NOW + timedelta(minutes=6)) is None


def test_a_hand_over_code_works_once_and_not_late(sdb, editor):
    _, code = sessions.start(sdb, editor, "password", NOW, browser=BROWSER)
    assert sessions.claim(sdb, code, NOW + timedelta(seconds=5), browser=BROWSER)
    # reuse refused
    assert sessions.claim(sdb, code, NOW + timedelta(seconds=6), browser=BROWSER) is None
    # expired refused: a code lives 20 seconds (the page sends it at once)
    _, late = sessions.start(sdb, editor, "password", NOW, browser=BROWSER)
    assert sessions.claim(sdb, late, NOW + timedelta(seconds=21), browser=BROWSER) is None
    _, in_time = sessions.start(sdb, editor, "password", NOW, browser=BROWSER)
    assert sessions.claim(sdb, in_time, NOW + timedelta(seconds=19), browser=BROWSER)
    assert sessions.claim(sdb, "not-a-code", NOW, browser=BROWSER) is None
    assert sessions.claim(sdb, "", NOW, browser=BROWSER) is None
    assert sessions.claim(sdb, "x" * 5000, NOW, browser=BROWSER) is None


def test_a_code_works_only_in_the_browser_that_signed_in(sdb, editor):
    sid, code = sessions.start(sdb, editor, "password", NOW, browser=BROWSER)
    # another browser (another cookie, or none) is refused, and the code is used up
    assert sessions.claim(sdb, code, NOW, browser="someone-elses-cookie") is None
    assert sessions.claim(sdb, code, NOW, browser=BROWSER) is None
    assert not sessions.is_claimed(sdb, sid)
    _, code2 = sessions.start(sdb, editor, "password", NOW, browser=BROWSER)
    assert sessions.claim(sdb, code2, NOW) is None  # no browser cookie at all
    # a sign-in without a browser cookie makes a code nobody can claim
    _, unbound = sessions.start(sdb, editor, "password", NOW)
    assert sessions.claim(sdb, unbound, NOW, browser=BROWSER) is None
    assert sessions.claim(sdb, unbound, NOW) is None


def test_a_new_code_replaces_a_missed_one_until_the_session_is_claimed(sdb, editor):
    sid, old = sessions.start(sdb, editor, "password", NOW, browser=BROWSER)
    assert sessions.claim(sdb, old, NOW, browser="someone-elses-cookie") is None
    later = NOW + timedelta(seconds=30)
    new = sessions.new_code(sdb, sid, later)
    assert new and new != old
    assert sessions.claim(sdb, old, later, browser=BROWSER) is None
    # the new code lives 20 seconds from when it was made, bound to the same browser
    assert sessions.claim(sdb, new, later + timedelta(seconds=5), browser="other") is None
    newer = sessions.new_code(sdb, sid, later)
    assert sessions.claim(sdb, newer, later + timedelta(seconds=5), browser=BROWSER)
    assert sessions.new_code(sdb, sid, later) is None  # claimed: no more codes
    assert sessions.is_claimed(sdb, sid)


def test_unknown_and_oversized_tokens_are_refused(sdb, editor):
    signed_in(sdb, editor)
    assert sessions.resume(sdb, "made-up", IDLE, NOW) == "unknown"
    assert sessions.resume(sdb, None, IDLE, NOW) == "unknown"
    assert sessions.resume(sdb, "y" * 5000, IDLE, NOW) == "unknown"


def test_idle_ends_the_session_and_use_keeps_it(sdb, editor):
    sid, token = signed_in(sdb, editor)
    # used every 20 minutes: alive after an hour (idle limit 30 minutes)
    for minutes in (20, 40, 60):
        assert sessions.check(sdb, sid, IDLE, NOW + timedelta(minutes=minutes)) is None
    # then 31 minutes without use
    assert sessions.resume(sdb, token, IDLE, NOW + timedelta(minutes=91)) == "idle"
    assert sessions.check(sdb, sid, IDLE, NOW + timedelta(minutes=92)) == "idle"  # stays
    assert sdb["sessions"].get(sid)["revoked_why"] == "idle"


def test_idle_zero_turns_the_idle_rule_off(sdb, editor):
    sid, _ = signed_in(sdb, editor)
    assert sessions.check(sdb, sid, 0, NOW + timedelta(days=3)) is None


def test_a_session_expires_after_its_days(sdb, editor, monkeypatch):
    monkeypatch.setenv("TRACKER_SESSION_DAYS", "2")
    sid, token = signed_in(sdb, editor)
    later = NOW
    for _ in range(47):  # used every hour: still ends after two days
        later += timedelta(hours=1)
        assert sessions.check(sdb, sid, 120, later) is None
    assert sessions.resume(sdb, token, 120, NOW + timedelta(days=2, seconds=1)) == "expired"


def test_sign_out_revokes_at_once_in_every_tab(sdb, editor):
    sid, token = signed_in(sdb, editor)
    sessions.revoke(sdb, sid, "sign_out", NOW)
    assert sessions.check(sdb, sid, IDLE, NOW) == "sign_out"
    assert sessions.resume(sdb, token, IDLE, NOW) == "sign_out"


def test_a_token_is_live_until_its_session_ends(sdb, editor):
    sid, token = signed_in(sdb, editor)
    assert sessions.token_live(sdb, token, IDLE, NOW)
    assert not sessions.token_live(sdb, token, IDLE, NOW + timedelta(minutes=31))  # idle
    assert not sessions.token_live(sdb, "made-up", IDLE, NOW)
    sessions.revoke(sdb, sid, "sign_out", NOW)
    assert not sessions.token_live(sdb, token, IDLE, NOW)


def test_disabling_the_account_ends_its_sessions(sdb, admin, editor):
    sid, token = signed_in(sdb, editor)
    other, _ = signed_in(sdb, admin)
    users.set_active(sdb, admin, editor.id, False)
    assert sessions.check(sdb, sid, IDLE, NOW) == "disabled"
    assert sessions.resume(sdb, token, IDLE, NOW) == "disabled"
    assert sessions.check(sdb, other, IDLE, NOW) is None  # the admin's own goes on


def test_an_inactive_account_ends_a_session_even_without_revocation(sdb, editor):
    sid, _ = signed_in(sdb, editor)
    sdb.execute("UPDATE users SET active = 0 WHERE id = ?", [editor.id])
    assert sessions.check(sdb, sid, IDLE, NOW) == "disabled"


def test_a_password_reset_ends_every_session_of_the_account(sdb, admin, editor):
    first, _ = signed_in(sdb, editor)
    second, _ = signed_in(sdb, editor)
    users.reset_password(sdb, admin, editor.id, "another good password")
    assert sessions.check(sdb, first, IDLE, NOW) == "password"
    assert sessions.check(sdb, second, IDLE, NOW) == "password"
    # signing in again starts a session that lasts
    again, _ = signed_in(sdb, editor)
    assert sessions.check(sdb, again, IDLE, NOW) is None


def test_sign_out_everywhere_is_for_admins_and_audited(sdb, admin, editor):
    first, _ = signed_in(sdb, editor)
    second, _ = signed_in(sdb, editor)
    with pytest.raises(PermissionDenied):
        sessions.sign_out_everywhere(sdb, editor, editor.id, NOW)
    assert sessions.live_sessions(sdb, editor.id, IDLE, NOW) == 2
    assert sessions.sign_out_everywhere(sdb, admin, editor.id, NOW) == 2
    assert sessions.check(sdb, first, IDLE, NOW) == "everywhere"
    assert sessions.check(sdb, second, IDLE, NOW) == "everywhere"
    assert sessions.live_sessions(sdb, editor.id, IDLE, NOW) == 0
    assert list(audit.audit_log(sdb)["action"])[0] == "user.sign_out_everywhere"


def test_a_revoked_session_cannot_be_claimed(sdb, editor):
    sid, code = sessions.start(sdb, editor, "oidc", NOW, browser=BROWSER)
    sessions.revoke(sdb, sid, "sign_out", NOW)
    assert sessions.claim(sdb, code, NOW, browser=BROWSER) is None
