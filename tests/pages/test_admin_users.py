"""The users page and the sign-in page, driven through Streamlit's AppTest."""

from datetime import timedelta

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tracker import auth as rules
from tracker.domain import calendar
from tracker.domain.i18n import t
from tracker.domain.model import Grant
from tracker.store import signin, users
from tracker.store.audit import audit_log

PASSWORD = "a good password"
XSS = "<script>alert(1)</script>"


def _admin_page():
    from tracker.pages import admin_users

    admin_users.render()


def _login_page():
    from tracker.ui import auth

    user = auth.current_user()
    if user is None:
        auth.render_login()
    else:
        import streamlit as st

        st.text(f"signed in as {user.username}")


@pytest.fixture
def app_db(db, db_path, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", str(db_path))
    return db


@pytest.fixture
def boss(app_db):
    return users.get_user(app_db, users.bootstrap_admin(app_db, "boss", "رئیس", PASSWORD))


def _page(user, fn=_admin_page):
    at = AppTest.from_function(fn, default_timeout=30)
    if user is not None:
        at.session_state["auth_user"] = user
    at.run()
    assert not at.exception, at.exception
    return at


def _button(at, key):
    return next(b for b in at.button if b.key == key)


def _texts(at):
    return [e.value for e in (*at.success, *at.error, *at.warning, *at.info)]


# -- the admin page ----------------------------------------------------------

def test_admin_page_lists_users_and_script_names_as_text(app_db, boss):
    users.create_user(app_db, boss, "xss", XSS, PASSWORD, (Grant("zone_editor", 3, 2),))
    at = _page(boss)
    table = at.dataframe[0].value
    # right to left in Persian: the columns are reversed; text of the other script is
    # a bidi isolate (U+2066..U+2069 around it)
    assert list(table.columns)[-1] == t("admin.col.username", "fa")
    names = [v.strip("\u2066\u2067\u2068\u2069")
             for v in table[t("admin.col.display_name", "fa")]]
    assert XSS in names  # the raw text, in a dataframe cell
    assert "ویرایشگر ناحیه — منطقه ۳، ناحیه ۲" in list(table[t("admin.col.roles", "fa")])
    # never handed to a Markdown/HTML element
    for md in at.markdown:
        assert "<script" not in md.value
    assert not at.get("html")


@pytest.mark.parametrize("grant", [Grant("viewer"), Grant("inspector"),
                                   Grant("district_editor", 3), Grant("zone_editor", 3, 2)],
                         ids=lambda g: g.role)
def test_admin_page_refuses_non_admins(app_db, boss, grant):
    uid = users.create_user(app_db, boss, "someone", "کسی", PASSWORD, (grant,))
    at = _page(users.get_user(app_db, uid))
    assert not at.dataframe
    assert [e.value for e in at.error] == [rules_t("admin.denied")]


def rules_t(key, **params):
    from tracker.domain.i18n import t

    return t(key, "fa", **params)


def shown(key, **params):
    """A message as handed to st.success / st.error: Markdown-escaped."""
    from tracker.ui.auth import md_escape

    return md_escape(rules_t(key, **params))


def test_admin_adds_a_user_through_the_page(app_db, boss):
    at = _page(boss)
    at.text_input(key="add_username").input("zone32")
    at.text_input(key="add_name").input(XSS)
    at.text_input(key="add_password").input(PASSWORD)
    at.selectbox(key="add_role").set_value("zone_editor").run()
    at.selectbox(key="add_district").set_value(3).run()
    at.selectbox(key="add_zone_3").set_value(2).run()
    _button(at, "add_submit").click().run()
    assert not at.exception
    assert shown("admin.created", username="zone32") in _texts(at)
    user = users.get_user_by_username(app_db, "zone32")
    assert user.display_name == XSS
    assert user.grants == (Grant("zone_editor", 3, 2),)
    assert audit_log(app_db)["action"].iloc[0] == "user.create"
    assert at.text_input(key="add_password").value == ""  # cleared


def test_admin_page_shows_validation_problems(app_db, boss):
    at = _page(boss)
    at.text_input(key="add_username").input("x y")
    at.text_input(key="add_name").input("نام")
    at.text_input(key="add_password").input("short")
    _button(at, "add_submit").click().run()
    assert [e.value for e in at.error] == [shown("admin.username_invalid")]
    assert users.get_user_by_username(app_db, "x y") is None


def test_admin_disables_resets_and_changes_roles(app_db, boss):
    uid = users.create_user(app_db, boss, "viewer1", "بیننده", PASSWORD, (Grant("viewer"),))
    at = _page(boss)
    at.selectbox(key="admin_pick").set_value(uid).run()
    _button(at, f"disable_{uid}").click().run()
    assert users.get_user(app_db, uid) is None
    _button(at, f"enable_{uid}").click().run()
    assert users.get_user(app_db, uid) is not None

    at.text_input(key=f"reset_password_{uid}").input("a brand new password")
    _button(at, f"reset_{uid}").click().run()
    assert signin.authenticate(app_db, "viewer1", "a brand new password").id == uid

    at.selectbox(key=f"grant_{uid}_role").set_value("district_editor").run()
    at.selectbox(key=f"grant_{uid}_district").set_value(5).run()
    _button(at, f"grant_{uid}_add").click().run()
    assert users.get_user(app_db, uid).grants == (Grant("viewer"), Grant("district_editor", 5))
    at.multiselect(key=f"grant_{uid}_remove").set_value([0]).run()
    _button(at, f"grant_{uid}_remove_btn").click().run()
    assert users.get_user(app_db, uid).grants == (Grant("district_editor", 5),)

    actions = [a for a in audit_log(app_db)["action"] if a.startswith("user.")]
    assert actions[:5] == ["user.grants", "user.grants", "user.reset_password",
                           "user.enable", "user.disable"]
    audit = at.dataframe[-1].value
    assert len(audit) == len(audit_log(app_db))


def test_admin_cannot_disable_self_on_page(app_db, boss):
    at = _page(boss)
    at.selectbox(key="admin_pick").set_value(boss.id).run()
    assert _button(at, f"disable_{boss.id}").disabled


def test_page_acts_as_the_signed_in_user_rechecked(app_db, boss):
    """An admin demoted while the page is open can no longer act."""
    other = users.get_user(app_db, users.create_user(app_db, boss, "boss2", "دومی", PASSWORD,
                                                      (Grant("admin"),)))
    at = _page(other)
    users.set_grants(app_db, boss, other.id, (Grant("viewer"),))
    at.text_input(key="add_username").input("sneaky")
    at.text_input(key="add_name").input("x")
    at.text_input(key="add_password").input(PASSWORD)
    _button(at, "add_submit").click().run()
    assert users.get_user_by_username(app_db, "sneaky") is None


# -- sign-in -----------------------------------------------------------------

def _sign_in(at, username, password):
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def test_sign_in_and_uniform_failures(app_db, boss):
    at = _page(None, _login_page)
    failed = rules_t(rules.FAILED_KEY)
    assert [e.value for e in _sign_in(at, "nobody", PASSWORD).error] == [failed]
    assert [e.value for e in _sign_in(at, "boss", "wrong password").error] == [failed]
    assert "auth_user" not in at.session_state
    _sign_in(at, "boss", PASSWORD)
    assert at.session_state["auth_user"].id == boss.id
    assert at.text[0].value == "signed in as boss"


def test_sign_in_locks_after_repeated_failures(app_db, boss):
    at = _page(None, _login_page)
    failed = rules_t(rules.FAILED_KEY)
    for _ in range(rules.MAX_FAILURES):
        _sign_in(at, "boss", "wrong password")
    assert [e.value for e in _sign_in(at, "boss", PASSWORD).error] == [failed]
    assert "auth_user" not in at.session_state


def test_idle_session_is_signed_out(app_db, boss, monkeypatch):
    monkeypatch.setenv("TRACKER_IDLE_MINUTES", "30")
    at = AppTest.from_function(_login_page, default_timeout=30)
    at.session_state["auth_user"] = boss
    at.session_state["auth_last_seen"] = calendar.now_utc() - timedelta(minutes=31)
    at.run()
    assert "auth_user" not in at.session_state
    assert [i.value for i in at.info] == [rules_t("auth.idle_signed_out", minutes=30)]


def test_recent_session_stays_and_is_refreshed(app_db, boss):
    at = AppTest.from_function(_login_page, default_timeout=30)
    at.session_state["auth_user"] = boss
    at.session_state["auth_last_seen"] = calendar.now_utc() - timedelta(minutes=5)
    at.run()
    assert at.text[0].value == "signed in as boss"
    assert calendar.now_utc() - at.session_state["auth_last_seen"] < timedelta(minutes=1)


def test_disabled_user_is_signed_out_at_next_click(app_db, boss):
    uid = users.create_user(app_db, boss, "viewer1", "بیننده", PASSWORD, (Grant("viewer"),))
    at = _page(users.get_user(app_db, uid), _login_page)
    assert at.text[0].value == "signed in as viewer1"
    users.set_active(app_db, boss, uid, False)
    at.run()
    assert "auth_user" not in at.session_state
    assert [i.value for i in at.info] == [rules_t("auth.account_gone")]


def test_sso_claims_map_to_store_users(app_db, boss):
    from tracker.ui import auth

    users.create_user(app_db, boss, "sso", "سازمانی", None, (Grant("viewer"),),
                      email="person@tehran.example")

    def script():
        import streamlit as st

        from tracker.ui import auth

        for claims in ({"email": "Person@Tehran.example", "email_verified": True},
                       {"email": "person@tehran.example", "email_verified": False},
                       {"email": "stranger@tehran.example"}, {}):
            found = auth.sso_user(claims)
            st.text(found.username if hasattr(found, "username") else found[0])

    at = _page(None, script)
    assert [x.value for x in at.text] == ["sso", "auth.sso_unverified", "auth.sso_no_user",
                                          "auth.sso_no_user"]
    assert auth.md_escape("[x](javascript:1)") == r"\[x\]\(javascript\:1\)"


def test_without_oidc_settings_the_form_is_used(app_db):
    at = _page(None, _login_page)
    assert at.text_input(key="login_username") is not None
    assert not [b for b in at.button if (b.key or "").startswith("sso_")]


# -- navigation --------------------------------------------------------------

@pytest.mark.parametrize("grant, sees_admin", [
    (Grant("admin"), True), (Grant("district_editor", 3), False),
    (Grant("zone_editor", 3, 2), False), (Grant("inspector"), False), (Grant("viewer"), False),
], ids=lambda v: getattr(v, "role", str(v)))
def test_only_admins_get_the_admin_page(grant, sees_admin):
    from tracker.domain.model import User
    from tracker.ui.registry import pages_for

    paths = [m.PAGE["path"] for m in pages_for(User(1, "u", "u", (grant,)))]
    assert ("admin" in paths) is sees_admin


def test_app_signs_in_and_out(app_db, boss):
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    failed = rules_t(rules.FAILED_KEY)
    _sign_in(at, "boss", "wrong password")
    assert [e.value for e in at.error] == [failed]
    _sign_in(at, "boss", PASSWORD)
    assert at.session_state["auth_user"].id == boss.id
    next(b for b in at.button if b.key == "sign_out").click().run()
    assert "auth_user" not in at.session_state
    assert at.text_input(key="login_username") is not None
