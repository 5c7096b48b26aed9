"""Helpers shared by the browser tests that walk across pages in one session:
signing in, moving through the top navigation, reading and setting choices."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser import waits
from tracker.demo.accounts import demo_password
from tracker.domain.i18n import t

BAD_TEXT = re.compile(r"\b(None|nan|NaN|NaT|Traceback)\b")


def sign_in(page: Page, url: str, username: str, lang: str = "fa") -> None:
    """Open ``url`` (the sign-in form is shown there) and sign in; waits for the app."""
    page.goto(url)
    page.get_by_label(t("auth.username", lang), exact=True).fill(username)
    page.get_by_label(t("auth.password", lang), exact=True).fill(demo_password(username))
    page.get_by_role("button", name=t("auth.sign_in", lang)).click()
    sign_out_button(page, lang).wait_for()
    wait_idle(page)


def sign_out_button(page: Page, lang: str = "fa"):
    return page.get_by_role("button", name=t("auth.sign_out", lang), exact=True)


def wait_idle(page: Page) -> None:
    """Wait until the app's script run (and any rerun it asked for) has finished: from
    the server's own messages (tests.browser.waits); every page the ``browser``
    fixture makes is watched."""
    waits.wait_idle(page)


def go_to(page: Page, title: str) -> None:
    """Click the navigation's link to the page titled ``title`` (also when the top bar
    has folded it into its "more" menu) and wait for that page to be drawn."""
    page.get_by_test_id("stTopNavLink").first.wait_for()
    # the top bar keeps the links it folded away in the page, inert: those do not count
    link = page.get_by_test_id("stTopNavLink").filter(has_text=title).locator(
        "visible=true").and_(page.locator(":not([inert] *)"))
    if not link.count():
        page.get_by_test_id("stTopNavSection").locator("visible=true").first.click()
        link = page.get_by_test_id("stTopNavDropdownLink").filter(has_text=title)
    href = link.first.get_attribute("href")
    link.first.click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(href)}(\?|$)"))
    wait_idle(page)


def _combobox(page: Page, label: str):
    return page.get_by_role("combobox", name=label, exact=True).locator("visible=true").first


def choice(page: Page, label: str) -> str:
    """The option shown in the selectbox labelled ``label``."""
    return _combobox(page, label).input_value()


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label``."""
    box = _combobox(page, label)
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
    expect(box).to_have_value(option)
    wait_idle(page)


def bad_text(page: Page) -> list[str]:
    """Words a person should never read ('None', 'nan', 'NaT', 'Traceback') in the main
    area's text, and any exception box."""
    text = page.get_by_test_id("stMain").inner_text()
    found = sorted(set(BAD_TEXT.findall(text)))
    if page.get_by_test_id("stException").count():
        found.append("exception box")
    return found


def sign_in_if_asked(page: Page, username: str, password: str, lang: str = "fa") -> None:
    """After opening a page: sign in if the form is shown. A sign-in the browser keeps
    (the session cookie) shows the page at once, so a reload or a second visit does not
    ask again."""
    form = page.get_by_label(t("auth.username", lang), exact=True)
    signed_in = sign_out_button(page, lang)
    form.or_(signed_in).first.wait_for()
    if form.count():
        form.fill(username)
        page.get_by_label(t("auth.password", lang), exact=True).fill(password)
        page.get_by_role("button", name=t("auth.sign_in", lang)).click()
    signed_in.wait_for()
