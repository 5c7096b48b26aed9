"""The heat map and the league table in a real browser, Persian, right to left, 1366×768."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser.waits import next_frame
from tracker.domain.i18n import t

pytestmark = pytest.mark.browser


def _sign_in(page, url):
    page.goto(url)
    page.get_by_label(t("auth.username", "fa")).fill("admin")
    page.get_by_role("textbox", name=t("auth.password", "fa")).fill("demo-admin-1405")
    page.get_by_role("button", name=t("auth.sign_in", "fa")).click()


def test_heat_map_and_league_table_render_right_to_left(page, app_server, tmp_path):
    page.set_viewport_size({"width": 1366, "height": 768})
    _sign_in(page, f"{app_server}/compare?view=grid")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.locator("canvas, svg").first.wait_for()
    page.get_by_text(t("compare.grid_title", "fa")).wait_for()
    box = chart.bounding_box()
    assert box and 800 < box["width"] <= 1366 and box["height"] > 500
    main = page.locator('[data-testid="stMain"]')
    assert main.evaluate("e => getComputedStyle(e).direction") == "rtl"
    page.screenshot(path=str(tmp_path / "compare-fa.png"))

    page.locator('[data-testid="stTopNav"], [data-testid="stSidebarNav"]').get_by_text(
        t("page.league", "fa")).first.click()
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for()
    headers = grid.locator('[role="columnheader"]')
    headers.first.wait_for(state="attached")
    texts = [h.strip() for h in headers.all_inner_texts() if h.strip()]
    if not texts:
        texts = [h.get_attribute("aria-label") or h.text_content() or ""
                 for h in headers.all()]
    texts = [x.strip() for x in texts if x and x.strip()]
    # the grid reads right to left: the rank is the last (rightmost) column
    assert texts[-1] == t("compare.rank", "fa"), texts
    assert t("common.district", "fa") in texts[-3:]
    assert grid.bounding_box()["width"] <= 1366
    page.screenshot(path=str(tmp_path / "league-fa.png"))


def test_a_click_on_a_district_row_of_the_heat_map_opens_its_zones(page, app_server):
    """The heat map's spec is written by hand (tracker.ui.charts.heatmap): its ``pick``
    selection must still reach the page and drill down."""
    page.set_viewport_size({"width": 1366, "height": 900})
    _sign_in(page, f"{app_server}/compare?view=grid")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    # Vega draws the chart as SVG and names every mark by its fields (aria-label): the
    # figure in district 1's cell of clause 1, where a pointer aimed at the middle of
    # that cell lands (the figure is drawn over the cell's rectangle)
    figure = chart.locator('[aria-roledescription="text mark"]'
                           '[aria-label^="col: ۱; row: منطقه ۱;"]')
    expect(figure).to_have_count(1)
    # clear of the fixed top bar, which would take the click
    figure.evaluate("e => e.scrollIntoView({block: 'center'})")
    next_frame(page)
    # until Vega has bound its click handler a click does nothing: await the
    # drill-down's url, and click again if it does not come
    for attempt in range(3):
        figure.click()
        try:
            page.wait_for_url("**view=district**", timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    assert "view=district" in page.url and "district=1" in page.url, page.url
    zones = page.get_by_text(re.compile("ناحیه ۱"))
    zones.first.wait_for()
