"""A sign-in, built-in or single sign-on, starts a stored session whose hand-over code
the page sends to the server; a stored session that ends signs the tab out, saying why."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tracker.domain.i18n import t
from tracker.store import sessions, users

PASSWORD = "a good password"


@pytest.fixture
def app_db(db, db_path, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", str(db_path))
    return db


@pytest.fixture
def boss(app_db):
    return users.get_user(app_db, users.bootstrap_admin(app_db, "boss", "رئیس", PASSWORD))


def _sso_sign_in():
    import streamlit as st

    from tracker.store import users
    from tracker.ui import auth
    from tracker.ui.context import db

    if auth.current_user() is None and st.button("sso", key="go"):
        auth._sign_in(users.get_user_by_username(db(), "boss"), "oidc")  # as _render_sso
        st.rerun()
    user = auth.current_user()
    st.text(user.username if user else "out")
    auth.sync_cookie(user)


def test_single_sign_on_starts_a_stored_session_and_hands_its_code_over(app_db, boss,
                                                                        monkeypatch):
    from tracker.ui import auth

    # the browser's own secret cookie, as the middleware gives it (AppTest has no cookies)
    monkeypatch.setattr(auth, "browser_secret", lambda: "this-browsers-secret")
    at = AppTest.from_function(_sso_sign_in, default_timeout=30)
    at.run()
    next(b for b in at.button if b.key == "go").click().run()
    assert not at.exception, at.exception
    assert at.text[0].value == "boss"
    sid, code = at.session_state["auth_session"], at.session_state["auth_claim"]
    row = app_db["sessions"].get(sid)
    assert row["method"] == "oidc" and row["user_id"] == boss.id
    assert row["claim_hash"] == sessions.digest(code)
    scripts = [h.proto.body for h in at.get("html")]
    assert any("/_tracker/session" in body and code in body for body in scripts)
    # the browser trades the code; the next run stops sending it
    assert sessions.claim(app_db, code, browser="this-browsers-secret")
    at.run()
    assert "auth_claim" not in at.session_state
    assert not any(code in h.proto.body for h in at.get("html"))


def test_a_session_ended_elsewhere_signs_this_tab_out(app_db, boss):
    at = AppTest.from_function(_sso_sign_in, default_timeout=30)
    at.run()
    next(b for b in at.button if b.key == "go").click().run()
    sessions.sign_out_everywhere(app_db, boss, boss.id)
    at.run()
    assert at.text[0].value == "out"
    assert at.session_state["auth_notice"] == ("sess.ended_everywhere", {})
    assert t("sess.ended_everywhere", "en")


def test_a_code_not_traded_in_time_is_replaced_by_a_fresh_one(app_db, boss, monkeypatch):
    from datetime import timedelta

    from tracker.domain import calendar
    from tracker.ui import auth

    monkeypatch.setattr(auth, "browser_secret", lambda: "this-browsers-secret")
    at = AppTest.from_function(_sso_sign_in, default_timeout=30)
    at.run()
    next(b for b in at.button if b.key == "go").click().run()
    first = at.session_state["auth_claim"]
    # someone else tried it (it is used up), and a few seconds have passed
    assert sessions.claim(app_db, first, browser="someone-else") is None
    at.session_state["auth_claim_at"] = calendar.now_utc() - timedelta(seconds=10)
    at.run()
    fresh = at.session_state["auth_claim"]
    assert fresh != first
    assert any(fresh in h.proto.body for h in at.get("html"))
    assert sessions.claim(app_db, fresh, browser="this-browsers-secret")
