"""A Persian grid (its columns reversed, to read right to left) opens at its right end,
where its first columns are; on a phone the user name and the clause number were off
screen at the right. An English grid opens at its left end."""

from __future__ import annotations

import pytest

from tests.browser.helpers import sign_in, wait_idle

pytestmark = pytest.mark.browser

_SCROLL = """() => Array.from(document.querySelectorAll(
    '.st-key-tools_users [data-testid=stDataFrame] .dvn-scroller'))
  .map(s => ({left: s.scrollLeft, width: s.scrollWidth, box: s.clientWidth}))"""


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_users_table_opens_at_its_first_column_on_a_phone(app_server, browser, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fa-IR",
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(45_000)
    try:
        sign_in(page, f"{app_server}/admin?lang={lang}", "admin", lang)
        page.locator(".st-key-tools_users [data-testid=stDataFrame]").wait_for()
        wait_idle(page)
        page.wait_for_function(f"() => ({_SCROLL})().length === 1")
        if lang == "fa":  # scrolled to its right end, where the user name is
            page.wait_for_function(
                f"() => ({_SCROLL})().every(s => s.width > s.box "
                "&& s.left + s.box >= s.width - 2)")
        else:
            grid = page.evaluate(_SCROLL)[0]
            assert grid["width"] > grid["box"] and grid["left"] == 0
    finally:
        context.close()
