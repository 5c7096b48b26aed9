"""A zone editor on a phone (390×844): one clause updated through the one-clause form,
saved through the same write path, without sideways scrolling."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import fixed_day_app
from tracker.db import connect

pytestmark = pytest.mark.browser
YEAR = 1405


# the rows edited below were picked on the fixed day, 30 Aban 1405 (on 29 Esfand 1405 the
# same edit saved nothing, "0 row(s) saved."): the app runs on that day over its own demo
app_db_file, app_server = fixed_day_app()


def stored(db_file, unit: int, number: int) -> tuple:
    db = connect(db_file)
    row = db.execute(
        "SELECT s.status, s.progress, s.achieved, s.notes, s.evidence, s.version FROM status s"
        " JOIN clauses c ON c.id = s.clause_id WHERE s.year = ? AND s.unit_id = ?"
        " AND c.number = ?", [YEAR, unit, number]).fetchone()
    db.conn.close()
    return tuple(row)


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    assert page.evaluate(
        "document.querySelector('[data-testid=stMain]').scrollWidth") <= 390


def test_a_zone_editor_updates_one_clause_on_a_phone(app_server, app_db_file, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fa-IR",
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(45_000)
    try:
        page.goto(f"{app_server}/status?year={YEAR}&district=3&zone=2&lang=en")
        page.get_by_label("User name").fill("zone3-2")
        page.get_by_role("textbox", name="Password").fill("demo-zone3-2-1405")
        page.get_by_role("button", name="Sign in").click()
        form = page.locator(".st-key-clause_form")
        expect(form).to_be_visible()
        expect(page.locator(".st-key-grid_editor")).to_be_hidden()  # the grid gives way
        no_sideways_scroll(page)
        before = stored(app_db_file, 302, 2)
        expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
        form.get_by_label("Clause").click()
        page.keyboard.type("Kerbs")  # the choice list filters as one types
        expect(page.get_by_role("option").filter(has_text="2. Kerbs")).to_have_count(1)
        page.keyboard.press("Enter")
        # clause 2's form has replaced clause 1's
        expect(form.get_by_label("Progress").last).to_have_value(f"{before[1]:g}")
        expect(form.get_by_label("Progress")).to_have_count(1)
        expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
        form.get_by_label("Progress").fill("64")
        form.get_by_label("Notes").fill("Checked on site")
        form.get_by_label("Evidence link").fill("https://evidence.example/3-2/2")
        form.get_by_role("button", name="Save this clause").click()
        expect(page.get_by_test_id("stAlert").filter(has_text="1 row(s) saved.")).to_be_visible()
        after = stored(app_db_file, 302, 2)
        assert after[1] == 64 and after[3] == "Checked on site"
        assert after[4] == "https://evidence.example/3-2/2" and after[5] == before[5] + 1
        no_sideways_scroll(page)
        # the same validation as the grid: progress 140 is refused, nothing written
        form.get_by_label("Progress").fill("140")
        form.get_by_role("button", name="Save this clause").click()
        expect(page.get_by_test_id("stAlert").filter(has_text="between 0 and 100")).to_be_visible()
        assert stored(app_db_file, 302, 2) == after
    finally:
        context.close()
