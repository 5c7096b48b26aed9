"""The status grid in a real browser: edit, save, reload; refusals; conflicts; RTL."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.grid_cells import select_cell
from tests.browser.waits import next_frame, settle_after_edit, watch_runs
from tests.conftest import fixed_day_app
from tracker.db import connect

pytestmark = pytest.mark.browser
YEAR = 1405


# the rows edited below were picked on the fixed day, 30 Aban 1405 (on 29 Esfand 1405 the
# same edit saved nothing, "0 row(s) saved."): the app runs on that day over its own demo
app_db_file, app_server = fixed_day_app()
PASSWORD = "demo-{}-1405"


def sign_in(page: Page, url: str, username: str = "district3") -> None:
    """Open ``url`` (it asks for sign-in first) and sign in in English."""
    page.goto(url)
    page.get_by_label("User name").fill(username)
    page.get_by_role("textbox", name="Password").fill(PASSWORD.format(username))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()


def status_url(base: str, zone: int, lang: str = "en") -> str:
    return f"{base}/status?year={YEAR}&district=3&zone={zone}&lang={lang}"


def top_of_grid(page: Page):
    """Scroll the first grid to the middle of the window (clear of the fixed header)."""
    page.bring_to_front()  # keyboard input goes to the page in front
    grid = page.get_by_test_id("stDataFrame").first
    grid.evaluate("e => e.scrollIntoView({block: 'center'})")
    next_frame(page)
    return grid


def _retrying(action, check, attempts: int = 3) -> None:
    """Do a keyboard ``action`` on the canvas grid until ``check`` sees its result.

    The grid is drawn on a canvas; on a busy machine a keystroke can land before
    its cell editor is open. Retrying the input (not the assertion about what the
    app saved) keeps the tests about the app, not about timing.
    """
    for attempt in range(attempts):
        try:
            action()
            check(5_000 if attempt < attempts - 1 else 45_000)
            return
        except (AssertionError, PlaywrightTimeout):
            if attempt == attempts - 1:
                raise
            page_escape = getattr(action, "page", None)
            if page_escape is not None:
                page_escape.keyboard.press("Escape")


def _select(page: Page, row: int, column: int) -> None:
    """Move the grid's selection to the cell (the grid is a canvas: through its
    accessibility table, checked with the grid's aria-selected; tests.browser.grid_cells)."""
    select_cell(top_of_grid(page), column, row)


def edit_cell(page: Page, row: int, column: int, text: str) -> None:
    """Type ``text`` into a cell of the first grid (English: columns left to right)."""
    # an editor that takes typing (a read-only cell opens a disabled one: try again)
    editor = page.locator("input.gdg-input:not([disabled]), "
                          "textarea.gdg-input:not([disabled])").first

    def action() -> None:
        watch_runs(page)
        _select(page, row, column)
        page.keyboard.press("Enter")  # open the cell's editor
        editor.wait_for(timeout=5_000)
        page.keyboard.press("Control+a")
        page.keyboard.type(text)
        expect(editor).to_have_value(text, timeout=5_000)
        next_frame(page)  # the editor's state follows its input in the next frame
        page.keyboard.press("Enter")
    action.page = page

    def check(timeout: int) -> None:
        expect(page.locator(f"[data-testid=stDataFrame] #glide-cell-{column}-{row}").first
               ).to_have_text(text, timeout=timeout)

    _retrying(action, check)
    settle_after_edit(page)


def choose_status(page: Page, row: int, label: str) -> None:
    def action() -> None:
        watch_runs(page)
        _select(page, row, 2)
        page.keyboard.press("Enter")  # open the drop-down, its search box focused
        page.wait_for_function(
            "() => document.activeElement && document.activeElement.tagName === 'INPUT'",
            timeout=5_000)
        page.keyboard.type(label)
        page.wait_for_function("label => document.activeElement.value === label", arg=label,
                               timeout=5_000)
        page.keyboard.press("Enter")
    action.page = page

    def check(timeout: int) -> None:
        expect(page.locator(f"[data-testid=stDataFrame] #glide-cell-2-{row}").first
               ).to_have_text(label, timeout=timeout)

    _retrying(action, check)
    settle_after_edit(page)


def alert(page: Page, text) -> object:
    """A message box (success, error, info) holding ``text``."""
    return page.get_by_test_id("stAlert").filter(has_text=text).first


def cell(page: Page, column: int, row: int) -> str:
    return page.locator(f"[data-testid=stDataFrame] #glide-cell-{column}-{row}").first.inner_text()


def record(db_file, zone: int, number: int) -> dict:
    db = connect(db_file)
    cur = db.execute(
        "SELECT s.progress, s.status, s.version FROM status s JOIN clauses c ON c.id = s.clause_id"
        " WHERE s.year = ? AND s.unit_id = ? AND c.number = ?", [YEAR, 300 + zone, number])
    progress, status, version = cur.fetchone()
    db.conn.close()
    return {"progress": progress, "status": status, "version": version}


def save(page: Page) -> None:
    page.get_by_role("button", name="Save changes").click()


def test_an_edit_saved_in_the_grid_survives_a_reload(app_server, app_db_file, page):
    sign_in(page, status_url(app_server, zone=1))
    edit_cell(page, row=1, column=3, text="57")  # clause 2, progress
    save(page)
    expect(alert(page, "1 row(s) saved.")).to_be_visible()
    assert record(app_db_file, 1, 2)["progress"] == 57
    page.reload()  # a new Streamlit session, still signed in (the session cookie)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    expect(page.locator("[data-testid=stDataFrame] #glide-cell-3-1").first).to_have_text("57")


def test_progress_140_is_refused_and_nothing_is_written(app_server, app_db_file, page):
    before = record(app_db_file, 2, 3)
    sign_in(page, status_url(app_server, zone=2))
    edit_cell(page, row=2, column=3, text="140")
    save(page)
    expect(alert(page, re.compile("between 0 and 100"))).to_be_visible()
    expect(alert(page, re.compile("nothing was saved"))).to_be_visible()
    assert record(app_db_file, 2, 3) == before


def test_done_without_evidence_or_note_is_refused(app_server, app_db_file, page):
    sign_in(page, status_url(app_server, zone=3))
    row = next(r for r in range(20) if cell(page, 2, r) == "In progress")
    number = int(cell(page, 0, row))
    db = connect(app_db_file)
    db.execute("UPDATE status SET evidence = NULL, notes = NULL WHERE year = ? AND unit_id = 303"
               " AND clause_id = (SELECT id FROM clauses WHERE year = ? AND number = ?)",
               [YEAR, YEAR, number])
    db.conn.close()
    before = record(app_db_file, 3, number)
    choose_status(page, row, "Done")
    save(page)
    expect(alert(page, re.compile("needs an evidence link or a note"))).to_be_visible()
    assert record(app_db_file, 3, number) == before


def test_a_second_editor_gets_a_conflict_and_the_first_value_stands(app_server, app_db_file,
                                                                     browser):
    first = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    second = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    try:
        sign_in(first, status_url(app_server, zone=4))
        sign_in(second, status_url(app_server, zone=4))
        edit_cell(first, row=0, column=3, text="61")
        save(first)
        expect(alert(first, "1 row(s) saved.")).to_be_visible()
        edit_cell(second, row=0, column=3, text="12")
        save(second)
        expect(alert(second, re.compile("changed by someone else"))).to_be_visible()
        expect(alert(second, re.compile("now “61"))).to_be_visible()
        assert record(app_db_file, 4, 1)["progress"] == 61
    finally:
        first.context.close()
        second.context.close()


def test_persian_is_right_to_left_with_vazirmatn_and_english_switches(app_server, page):
    page.goto(status_url(app_server, zone=0, lang="fa"))
    page.get_by_label("نام کاربری").fill("district3")
    page.get_by_role("textbox", name="گذرواژه").fill(PASSWORD.format("district3"))
    page.get_by_role("button", name="ورود").click()
    heading = page.get_by_text("وضعیت بندهای طرح — منطقه ۳")
    expect(heading).to_be_visible()
    main = page.get_by_test_id("stMain")
    assert main.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert "Vazirmatn" in heading.evaluate("e => getComputedStyle(e).fontFamily")
    assert page.evaluate("document.fonts.check('16px Vazirmatn')")
    expect(page.get_by_text(re.compile("[۰-۹]+٪")).first).to_be_visible()  # Persian digits
    # Jalali dates with Persian digits in the grid's due-date column
    assert re.fullmatch(r"۱۴۰۵/[۰-۹]{2}/[۰-۹]{2}", cell(page, 3, 0))  # reversed columns
    # the language switch reads right to left: «فارسی» first, at the right
    fa_box = page.get_by_role("radio", name="فارسی").bounding_box()
    en_box = page.get_by_role("radio", name="English").bounding_box()
    assert fa_box["x"] > en_box["x"]
    page.get_by_role("radio", name="English").click()
    expect(page.get_by_text("Clause status — District 3")).to_be_visible()
    assert main.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert "lang=en" in page.url
