"""Signed in until you sign out, in a real browser: the session cookie (HttpOnly, kept
hashed in the store), a reload and a second tab stay signed in with their choices; a
sign-out in one tab, a disabled account, a password reset and an admin's "sign out
everywhere" end the session in every tab at its next click."""

from __future__ import annotations

import hashlib
import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import choice, choose, sign_in, sign_out_button, wait_idle
from tests.conftest import DEMO_YEAR
from tracker.db import connect
from tracker.demo.accounts import demo_password
from tracker.domain.i18n import t
from tracker.store import users

pytestmark = pytest.mark.browser
COOKIE = "tracker_session"


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    ctx.set_default_timeout(45_000)
    yield ctx
    ctx.close()


def session_cookie(ctx) -> dict | None:
    return next((c for c in ctx.cookies() if c["name"] == COOKIE), None)


def wait_for_cookie(ctx, page) -> dict:
    """The session cookie, once the page has traded its hand-over code for it."""
    for _ in range(150):
        cookie = session_cookie(ctx)
        if cookie:
            return cookie
        page.wait_for_timeout(100)
    raise AssertionError("no session cookie")


def signed_out_with(page, key: str, **params) -> None:
    """The next click lands on the sign-in form, which says why."""
    page.get_by_label(t("auth.username", "en"), exact=True).wait_for()
    expect(page.get_by_test_id("stAlert").filter(has_text=t(key, "en", **params)).first
           ).to_be_visible()


def click_something(page) -> None:
    """A person's next action: the language switch (any click reruns the page)."""
    page.bring_to_front()
    page.get_by_role("radio", name="English").click()


def store_user(db_file, username: str):
    db = connect(db_file)
    try:
        return users.get_user_by_username(db, username), db
    except Exception:
        db.conn.close()
        raise


def test_cookie_is_http_only_and_stored_hashed_and_reload_keeps_choices(app_server,
                                                                         app_db_file, context):
    page = context.new_page()
    sign_in(page, f"{app_server}/?lang=en", "district3", "en")
    cookie = wait_for_cookie(context, page)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    # the browser's own secret, to which the hand-over code was bound: HttpOnly as well
    secret = next(c for c in context.cookies() if c["name"] == "tracker_browser")
    assert secret["httpOnly"] and "tracker_browser" not in page.evaluate("document.cookie")
    token = cookie["value"]
    assert token not in page.url and token not in page.content()
    assert page.evaluate("document.cookie").find(COOKIE) == -1  # scripts cannot read it
    db = connect(app_db_file)
    stored = [r[0] for r in db.execute("SELECT token_hash FROM sessions").fetchall()]
    dump = "\n".join(db.iterdump())
    db.conn.close()
    assert hashlib.sha256(token.encode()).hexdigest() in stored
    assert token not in dump

    choose(page, "Zone", "Zone 2")
    page.reload()
    sign_out_button(page, "en").wait_for()
    wait_idle(page)
    assert (choice(page, "Year"), choice(page, "District"), choice(page, "Zone")) == \
        (str(DEMO_YEAR), "District 3", "Zone 2")
    assert re.search(rf"year={DEMO_YEAR}&district=3&zone=2", page.url)


def test_second_tab_is_signed_in_and_sign_out_ends_both(app_server, context):
    first = context.new_page()
    sign_in(first, f"{app_server}/?lang=en", "zone3-2", "en")
    wait_for_cookie(context, first)
    second = context.new_page()
    second.goto(f"{app_server}/league?lang=en")
    sign_out_button(second, "en").wait_for()
    expect(second.get_by_role("heading", name=t("page.league", "en"))).to_be_visible()
    first.bring_to_front()
    sign_out_button(first, "en").click()
    signed_out_with(first, "auth.signed_out")
    click_something(second)
    signed_out_with(second, "sess.ended_elsewhere")
    expect(sign_out_button(second, "en")).to_have_count(0)
    # and a reload after the sign-out asks for the password
    second.reload()
    second.get_by_label(t("auth.username", "en"), exact=True).wait_for()
    expect(sign_out_button(second, "en")).to_have_count(0)


def test_disabling_the_account_ends_its_session(app_server, app_db_file, context):
    page = context.new_page()
    sign_in(page, f"{app_server}/?lang=en", "inspector", "en")
    wait_for_cookie(context, page)
    admin, db = store_user(app_db_file, "admin")
    inspector = users.get_user_by_username(db, "inspector")
    try:
        users.set_active(db, admin, inspector.id, False)
        click_something(page)
        signed_out_with(page, "auth.account_gone")
        page.reload()
        page.get_by_label(t("auth.username", "en"), exact=True).wait_for()
        expect(sign_out_button(page, "en")).to_have_count(0)
    finally:
        users.set_active(db, admin, inspector.id, True)
        db.conn.close()


def test_a_password_reset_ends_the_session_in_every_tab(app_server, app_db_file, context):
    page = context.new_page()
    sign_in(page, f"{app_server}/?lang=en", "viewer", "en")
    wait_for_cookie(context, page)
    other = context.new_page()
    other.goto(f"{app_server}/?lang=en")
    sign_out_button(other, "en").wait_for()
    admin, db = store_user(app_db_file, "admin")
    try:
        viewer = users.get_user_by_username(db, "viewer")
        users.reset_password(db, admin, viewer.id, demo_password("viewer"))
    finally:
        db.conn.close()
    click_something(page)
    signed_out_with(page, "sess.ended_password")
    click_something(other)
    signed_out_with(other, "sess.ended_password")


def test_an_admin_signs_a_person_out_everywhere(app_server, browser, context):
    person = context.new_page()
    sign_in(person, f"{app_server}/?lang=en", "district3", "en")
    wait_for_cookie(context, person)
    office = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        admin = office.new_page()
        admin.set_default_timeout(45_000)
        sign_in(admin, f"{app_server}/admin?lang=en", "admin", "en")
        admin.get_by_role("combobox", name=t("admin.pick_user", "en")).click()
        admin.get_by_role("option", name=re.compile(r"^district3 — ")).click()
        wait_idle(admin)
        admin.get_by_role("button", name=t("sess.everywhere", "en")).click()
        expect(admin.get_by_text(t("sess.everywhere_done", "en", username="district3"))
               ).to_be_visible()
    finally:
        office.close()
    click_something(person)
    signed_out_with(person, "sess.ended_everywhere")


def test_a_hand_over_code_read_from_the_page_is_worthless_elsewhere(app_server, browser):
    """The code passes through the page's script. Caught on its way (the page's own
    request held back), it is refused to another browser, which gets no session cookie,
    and once tried it is spent: the page's own browser cannot use it after that."""
    codes: list[str] = []

    def hold_back(route) -> None:
        codes.append(route.request.post_data or "")
        route.abort()

    mine = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    other = browser.new_context()
    try:
        page = mine.new_page()
        page.route("**/_tracker/session", lambda route: hold_back(route)
                   if route.request.method == "POST" else route.continue_())
        sign_in(page, f"{app_server}/?lang=en", "district3", "en")
        for _ in range(100):
            if codes:
                break
            page.wait_for_timeout(100)
        assert codes and codes[0]
        thief = other.new_page()
        thief.goto(f"{app_server}/_stcore/health")  # a browser secret of its own
        answer = thief.request.post(f"{app_server}/_tracker/session", data=codes[0],
                                    headers={"Content-Type": "text/plain"})
        assert answer.status == 403
        assert not [c for c in other.cookies() if c["name"] == COOKIE]
        again = page.request.post(f"{app_server}/_tracker/session", data=codes[0],
                                  headers={"Content-Type": "text/plain"})
        assert again.status == 403  # spent by the attempt
        assert session_cookie(mine) is None
    finally:
        mine.close()
        other.close()
