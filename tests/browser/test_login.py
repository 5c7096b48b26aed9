"""Signing in as each demo role in a real browser (Debian's chromium).

The demo database (``app_server``) holds one demo account per role, with the
passwords documented in the README (``tracker.demo.accounts.demo_password``).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.waits import wait_idle
from tracker import auth
from tracker.demo.accounts import DEMO_ACCOUNTS, demo_password
from tracker.domain.i18n import t

pytestmark = pytest.mark.browser

ROLE_OF = {username: grant.role for username, _, grant in DEMO_ACCOUNTS}


NAV_LINKS = '[data-testid="stTopNavLink"], [data-testid="stSidebarNav"] a'


def _nav_titles(page) -> list[str]:
    """The navigation's link texts, in the sidebar or the top bar (also the ones
    folded into the top bar's overflow menu)."""
    page.locator(NAV_LINKS).first.wait_for(state="attached")
    texts = page.locator(NAV_LINKS).evaluate_all("els => els.map(e => e.textContent)")
    return [re.sub(r"\s+", " ", text).strip() for text in texts]


def _sign_in(page, base_url, username, password):
    page.goto(base_url)
    page.get_by_label(t("auth.username", "fa"), exact=True).fill(username)
    page.get_by_label(t("auth.password", "fa"), exact=True).fill(password)
    page.get_by_role("button", name=t("auth.sign_in", "fa")).click()


def _sign_out_button(page):
    return page.get_by_role("button", name=t("auth.sign_out", "fa"))


@pytest.mark.parametrize("username", list(ROLE_OF))
def test_each_role_sees_its_pages_and_signs_out(page, app_server, username):
    from tracker.domain.model import Grant, User
    from tracker.ui.registry import pages_for

    _sign_in(page, app_server, username, demo_password(username))
    _sign_out_button(page).wait_for()
    role = ROLE_OF[username]
    expected = {t(m.PAGE["title"], "fa")
                for m in pages_for(User(0, username, username, (Grant(role),)))
                if not m.PAGE.get("hidden")}  # reached by links, not the bar
    # Streamlit draws no navigation for a single page
    links = _nav_titles(page) if len(expected) > 1 else list(expected)
    # a link's text is its icon's ligature name, then its title
    shown = {title for title in expected if any(link.endswith(title) for link in links)}
    assert shown == expected and len(links) == len(expected)
    assert (t("page.admin", "fa") in shown) is (role == "admin")
    _sign_out_button(page).click()
    page.get_by_label(t("auth.username", "fa"), exact=True).wait_for()
    page.get_by_text(t("auth.signed_out", "fa")).wait_for()
    _sign_out_button(page).wait_for(state="detached")


def test_wrong_password_shows_the_uniform_message(page, app_server):
    failed = t(auth.FAILED_KEY, "fa")
    _sign_in(page, app_server, "viewer", "not the password")
    page.get_by_text(failed).wait_for()
    _sign_in(page, app_server, "no-such-user", "not the password")
    page.get_by_text(failed).wait_for()
    assert _sign_out_button(page).count() == 0


def _add_user_on_admin_page(page, base_url, username, display_name, password):
    _sign_in(page, base_url.rstrip("/") + "/admin", "admin", demo_password("admin"))
    page.get_by_role("heading", name=t("admin.title", "fa")).wait_for()
    page.get_by_role("tab", name=t("admin.add", "fa")).click()

    def field(key):  # the add tab's own field (hidden tabs hold fields of the same name)
        return page.get_by_label(t(key, "fa")).locator("visible=true")

    field("auth.username").fill(username)
    field("admin.display_name").fill(display_name)
    field("admin.initial_password").fill(password)
    page.get_by_role("button", name=t("admin.create", "fa")).click()
    page.get_by_text(t("admin.created", "fa", username=username)).wait_for()


def test_admin_page_shows_script_like_text_as_text(page, app_server):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _add_user_on_admin_page(page, app_server, "xss-test", "<img src=x onerror=alert(1)>",
                            "a good password")
    manage = page.get_by_role("tab", name=t("admin.manage", "fa"))
    manage.click()
    expect(manage).to_have_attribute("aria-selected", "true")
    wait_idle(page)  # the tab's content is drawn (a script alert would have fired)
    assert dialogs == []
    assert page.locator('img[src="x"]').count() == 0


def test_repeated_failures_lock_the_account(page, app_server):
    _add_user_on_admin_page(page, app_server, "lock-me", "قفل‌شونده", "the right password")
    _sign_out_button(page).click()
    _sign_out_button(page).wait_for(state="detached")
    failed = t(auth.FAILED_KEY, "fa")
    for _ in range(auth.MAX_FAILURES):
        _sign_in(page, app_server, "lock-me", "a wrong password")
        page.get_by_text(failed).wait_for()
    _sign_in(page, app_server, "lock-me", "the right password")
    page.get_by_text(failed).wait_for()  # locked: the same message, no way in
    assert _sign_out_button(page).count() == 0
