"""The plan grid in a real browser: edit a plan line, save, and find it again
after a new sign-in."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.grid_cells import select_cell
from tests.browser.waits import settle_after_edit, wait_idle, watch_runs
from tests.conftest import DEMO_YEAR, full_copy, start_app, stop_app
from tracker.db import connect

pytestmark = pytest.mark.browser
YEAR = DEMO_YEAR + 1  # the plan drafts next year (1406 on the default day)
PASSWORD = "demo-{}-1405"


@pytest.fixture(scope="module")
def plan_app(tmp_path_factory, demo_db_file):
    """The app over a full copy of the demo database (with its plan lines)."""
    path = full_copy(demo_db_file, tmp_path_factory.mktemp("plan") / "demo.db")
    proc, url = start_app(path)
    yield url, path
    stop_app(proc)


def sign_in(page: Page, username: str = "district3") -> None:
    page.get_by_label("User name").fill(username)
    page.get_by_role("textbox", name="Password").fill(PASSWORD.format(username))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()


def edit_cell(page: Page, row: int, column: int, text: str) -> None:
    """Type into a cell of the first grid (English: columns left to right)."""
    wait_idle(page)
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    # an editor that takes typing (a read-only cell opens a disabled one: try again)
    editor = page.locator("input.gdg-input:not([disabled]), "
                          "textarea.gdg-input:not([disabled])").first
    for _ in range(3):  # the grid may redraw under the first try while it settles
        # the grid is a canvas: move to the cell through its accessibility table,
        # checked with the grid's own aria-selected (tests.browser.grid_cells)
        select_cell(grid, column, row)
        page.keyboard.press("Enter")  # opens the cell's editor
        try:
            editor.wait_for(timeout=4000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    editor.fill(text)
    watch_runs(page)
    page.keyboard.press("Enter")
    editor.wait_for(state="detached")
    settle_after_edit(page)  # each edit reruns the script


def plan_line(db_file, number: int) -> tuple:
    db = connect(db_file)
    row = db.execute("SELECT p.target, p.owner, p.version FROM plans p JOIN clauses c "
                     "ON c.id = p.clause_id WHERE p.year = ? AND p.unit_id = 300 "
                     "AND c.number = ?", [YEAR, number]).fetchone()
    db.conn.close()
    return row


def test_a_plan_line_edited_in_the_grid_survives_a_new_sign_in(plan_app, page):
    url, db_file = plan_app
    before = plan_line(db_file, 1)
    page.goto(f"{url}/plan?year={YEAR}&district=3&zone=0&lang=en")
    sign_in(page)
    edit_cell(page, row=0, column=2, text="777")  # clause 1, target
    edit_cell(page, row=0, column=5, text="Ms Noori")  # owner
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("1 row(s) saved.")).to_be_visible()
    target, owner, version = plan_line(db_file, 1)
    assert (target, owner) == (777, "Ms Noori")
    assert version == (before[2] if before else 0) + 1
    page.reload()  # a new Streamlit session, still signed in (the session cookie)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    grid = page.locator("[data-testid=stDataFrame]").first
    expect(grid.locator("#glide-cell-2-0")).to_have_text("777")
    expect(grid.locator("#glide-cell-5-0")).to_have_text("Ms Noori")
