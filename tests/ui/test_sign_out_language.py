"""After an idle or disabled-account sign-out the sign-in page keeps the person's
language (issue 13, item 10). A page switch in the browser drops ``?lang=``; the
language then lives only in the switch's state, which signing out used to clear."""

from __future__ import annotations

from datetime import timedelta

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP, demo_user
from tracker.db import open_db
from tracker.domain import calendar
from tracker.domain.i18n import t
from tracker.store import users


def _app(app_db, lang_param: str | None, switch: str | None, user=None):
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_user"] = user or demo_user(app_db, "viewer")
    if switch:
        at.session_state["lang_switch"] = switch
    if lang_param:
        at.query_params["lang"] = lang_param
    return at


def _assert_english_sign_in(at, notice_key, **params):
    assert not at.exception, at.exception
    assert "auth_user" not in at.session_state
    assert [x.value for x in at.title] == [t("auth.title", "en")]
    assert [i.value for i in at.info] == [t(notice_key, "en", **params)]
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"


@pytest.mark.parametrize("lang_param", ["en", None])  # None: after a page switch
def test_idle_sign_out_keeps_english(app_db, monkeypatch, lang_param):
    monkeypatch.setenv("TRACKER_IDLE_MINUTES", "30")
    at = _app(app_db, lang_param, "en")
    at.session_state["auth_last_seen"] = calendar.now_utc() - timedelta(minutes=31)
    at.run()
    _assert_english_sign_in(at, "auth.idle_signed_out", minutes=30)
    at.run()  # the next run (the person's next click) is still in English
    assert [x.value for x in at.title] == [t("auth.title", "en")]


@pytest.mark.parametrize("lang_param", ["en", None])
def test_disabled_account_sign_out_keeps_english(app_db, lang_param):
    viewer = demo_user(app_db, "viewer")
    db = open_db(app_db)
    users.set_active(db, users.system_user(db), viewer.id, False)
    db.conn.close()
    at = _app(app_db, lang_param, "en", viewer)
    at.session_state["auth_last_seen"] = calendar.now_utc()
    at.run()
    _assert_english_sign_in(at, "auth.account_gone")


def test_persian_stays_persian(app_db, monkeypatch):
    monkeypatch.setenv("TRACKER_IDLE_MINUTES", "30")
    at = _app(app_db, None, None)
    at.session_state["auth_last_seen"] = calendar.now_utc() - timedelta(minutes=31)
    at.run()
    assert [x.value for x in at.title] == [t("auth.title", "fa")]
