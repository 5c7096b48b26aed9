"""Streamlit's element toolbar (search, full screen: what a phone needs for a wide
table) on the big read-only tables, drawn in room left above the table so that it
covers nothing; hidden on the editable grids. Its tooltips are Streamlit's own English
(Streamlit has no locale for them)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_in, wait_idle
from tests.browser.waits import next_frame
from tests.conftest import DATA_YEAR, DEMO_YEAR

pytestmark = pytest.mark.browser

# a table of each page that keeps its toolbar (key of its tracker.ui.tables.with_tools),
# in the year whose demo shows work (visits and figures), whatever the suite's day
TABLES = [(f"league?year={DATA_YEAR}", "league_table"), ("admin", "users"),
          (f"visits?year={DATA_YEAR}", "vis_gap"), (f"periods?year={DATA_YEAR}", None)]

_TOOLBAR_BOX = """el => {
  const toolbar = el.querySelector('[data-testid=stElementToolbar]');
  const holder = toolbar.closest('[data-testid=stElementContainer]');
  const tools = holder.closest('[class*="st-key-tools_"]');
  const before = holder.previousElementSibling || tools.previousElementSibling;
  const table = holder.querySelector('[data-testid=stDataFrame]');
  const after = holder.nextElementSibling || tools.nextElementSibling;
  const box = r => { const b = r.getBoundingClientRect();
                     return {top: b.top, bottom: b.bottom, left: b.left, right: b.right}; };
  return {toolbar: box(toolbar), holder: box(holder), table: box(table),
          after: after ? box(after) : null,
          above: before ? box(before) : null,
          shown: getComputedStyle(toolbar).display !== 'none'};
}"""


def signed_in_cookie(page) -> None:
    """Wait until the browser holds its session cookie (the page trades its code)."""
    for _ in range(300):
        if any(c["name"] == "tracker_session" for c in page.context.cookies()):
            return
        page.wait_for_timeout(100)
    raise AssertionError("no session cookie")


def _check_table(page, container) -> None:
    # the table's top well below the top bar (the toolbar follows a table scrolled
    # under the top bar), then the pointer over the table: Playwright aims at the
    # table's middle, and would scroll first if the table were not all in the window
    # (the window is tall enough for the tallest table: checked)
    table = container.get_by_test_id("stDataFrame").first
    table.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollBy(0, -300)")
    next_frame(page)
    top = table.bounding_box()["y"]
    table.hover()
    assert abs(table.bounding_box()["y"] - top) < 1, "the hover scrolled the table"
    toolbar = container.get_by_test_id("stElementToolbar").first
    toolbar.evaluate("el => new Promise(done => { const shown = () => "
                     "getComputedStyle(el).opacity === '1' ? done(true) "
                     ": requestAnimationFrame(shown); shown(); })")
    for name in ("Search", "Fullscreen"):
        expect(container.get_by_role("button", name=name).first).to_be_visible()
    # the toolbar slides in when the pointer comes: measure once it has stopped
    found, last = None, container.evaluate(_TOOLBAR_BOX)
    for _ in range(60):
        next_frame(page)
        found = container.evaluate(_TOOLBAR_BOX)
        if found == last:
            break
        last = found
    assert found["shown"]
    bar, table = found["toolbar"], found["table"]
    assert bar["bottom"] <= table["top"] + 0.5, found  # above the table, not over its header
    if found["above"]:  # over nothing drawn above the table
        assert bar["top"] >= found["above"]["bottom"] - 0.5
    if found["after"]:  # and what follows (the download buttons) is not over the table
        assert found["after"]["top"] >= found["table"]["bottom"] - 0.5


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_read_only_tables_keep_a_toolbar_that_covers_nothing(app_server, page, lang):
    # a window tall enough to show the league's table (808 px) whole, 300 px down
    page.set_viewport_size({"width": 1366, "height": 1200})
    sign_in(page, f"{app_server}/league?year={DATA_YEAR}&lang={lang}", "admin", lang)
    signed_in_cookie(page)  # the pages below are opened by address: the cookie signs in
    for path, key in TABLES:
        page.goto(f"{app_server}/{path}&lang={lang}" if "?" in path
                  else f"{app_server}/{path}?lang={lang}")
        page.get_by_test_id("stDataFrame").first.wait_for()
        wait_idle(page)
        containers = (page.locator(f".st-key-tools_{key}") if key
                      else page.locator("[class*='st-key-tools_']").first)
        expect(containers.first).to_be_visible()
        _check_table(page, containers.first)


def test_the_editable_grid_keeps_no_toolbar(app_server, page):
    sign_in(page, f"{app_server}/status?year={DEMO_YEAR}&district=3&zone=1&lang=en", "district3",
            "en")
    grid = page.locator(".st-key-grid_editor [data-testid=stDataFrame]").first
    grid.wait_for()
    grid.hover()
    toolbar = page.locator(".st-key-grid_editor [data-testid=stElementToolbar]")
    assert toolbar.count() == 0 or not toolbar.first.is_visible()


def test_headings_carry_no_link_icon(app_server, browser):
    # on a phone there is no hover: Streamlit's link icon stood beside every title
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fa-IR",
                                  is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        sign_in(page, f"{app_server}/league?lang=en", "admin", "en")
        heading = page.get_by_test_id("stHeading").first
        expect(heading).to_be_visible()
        heading.hover()
        icons = page.get_by_test_id("stHeaderActionElements")
        assert icons.count() > 0  # Streamlit draws them: the rule has something to hide
        for i in range(icons.count()):
            expect(icons.nth(i)).to_be_hidden()
    finally:
        context.close()
