"""After a save, the page is whole again: once the save's rerun has finished, nothing
is left faded out (Streamlit marks the elements of the previous run ``data-stale`` while
a run goes), the save button is there once and enabled, and no button is drawn twice.
Status grid, the one-clause form, the plan grid and a submission of the reporting cycle."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser import test_plan, test_status_grid
from tests.browser.helpers import sign_in_if_asked, wait_idle
from tests.conftest import fixed_day_app
from tracker.domain import fmt
from tracker.domain.i18n import t

pytestmark = pytest.mark.browser


# the rows, clauses and dates below (zone 3's clause 4 in progress, a visit on 1405/08/28,
# next year's plan 1406) were picked on the fixed day, 30 Aban 1405, as in
# test_status_grid and test_plan whose helpers this module uses: the app runs on that day
# over its own demo, whatever the suite's day
app_db_file, app_server = fixed_day_app()

_BUTTONS = """() => Array.from(document.querySelectorAll(
    '[data-testid=stMain] [data-testid=stButton] button, '
    + '[data-testid=stMain] [data-testid=stFormSubmitButton] button'))
  .filter(b => b.offsetParent !== null)
  .map(b => ({name: b.innerText.replace(/\\s+/g, ' ').trim(), disabled: b.disabled,
              key: (b.closest('[class*="st-key-"]') || {className: ''}).className
                     .split(' ').filter(c => c.startsWith('st-key-')).join(' ')}))"""


def page_is_whole(page: Page, save_name: str | None) -> None:
    """No element left stale, the save button once and enabled, no button twice."""
    wait_idle(page)
    expect(page.locator('[data-stale="true"]')).to_have_count(0)
    buttons = page.evaluate(_BUTTONS)
    seen = [(b["name"], b["key"]) for b in buttons]
    assert len(seen) == len(set(seen)), f"a button drawn twice: {seen}"
    if save_name is not None:
        saves = [b for b in buttons if save_name in b["name"]]
        assert len(saves) == 1 and not saves[0]["disabled"], saves


def test_status_grid_save(app_server, page):
    test_status_grid.sign_in(page, test_status_grid.status_url(app_server, zone=3))
    test_status_grid.edit_cell(page, row=1, column=3, text="61")
    page_is_whole(page, "Save changes")
    test_status_grid.save(page)
    expect(test_status_grid.alert(page, "1 row(s) saved.")).to_be_visible()
    page_is_whole(page, "Save changes")
    # and a second save in the same session behaves the same
    test_status_grid.edit_cell(page, row=3, column=3, text="62")  # clause 4, in progress
    test_status_grid.save(page)
    expect(test_status_grid.alert(page, "1 row(s) saved.")).to_be_visible()
    page_is_whole(page, "Save changes")


def test_one_clause_form_save(app_server, page):
    page.goto(f"{app_server}/status?year=1405&district=3&zone=2&lang=en")
    sign_in_if_asked(page, "zone3-2", "demo-zone3-2-1405", "en")
    page.get_by_text(t("st.form_switch", "en")).first.click()
    form = page.locator(".st-key-clause_form")
    expect(form).to_be_visible()
    wait_idle(page)
    form.get_by_label("Progress").fill("47")
    form.get_by_role("button", name="Save this clause").click()
    expect(page.get_by_test_id("stAlert").filter(has_text="1 row(s) saved.")).to_be_visible()
    page_is_whole(page, "Save this clause")


def test_plan_grid_save(app_server, page):
    page.goto(f"{app_server}/plan?year=1406&district=3&zone=0&lang=en")
    test_plan.sign_in(page)
    test_plan.edit_cell(page, row=1, column=2, text="555")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("1 row(s) saved.")).to_be_visible()
    page_is_whole(page, "Save changes")


def test_a_submission_of_the_cycle(app_server, page):
    page.goto(f"{app_server}/my-work?lang=fa")
    sign_in_if_asked(page, "zone3-2", "demo-zone3-2-1405")
    all_same = t("cyc.ui.all_no_change", "fa")
    page.get_by_text(all_same).first.click()
    expect(page.get_by_role("checkbox", name=all_same).first).to_be_checked()
    page_is_whole(page, t("cyc.ui.submit", "fa"))
    page.get_by_role("button", name=t("cyc.ui.submit", "fa")).first.click()
    expect(page.get_by_text(t("cyc.ui.submitted", "fa"))).to_be_visible()
    page_is_whole(page, None)


def test_a_visit_recorded(app_server, page):
    page.goto(f"{app_server}/visits?year=1405&district=3&lang=fa")
    sign_in_if_asked(page, "inspector", "demo-inspector-1405")
    wait_idle(page)
    page.get_by_text(t("vis.view.record", "fa"), exact=True).click()
    wait_idle(page)
    page.locator('[data-testid="stMultiSelect"]').click()
    page.get_by_role("option").filter(has_text=fmt.digits(4, "fa") + ".").first.click()
    page.keyboard.press("Escape")
    page.get_by_text(t("vis.verdict.compliant", "fa"), exact=True).click()
    page.get_by_role("textbox", name=t("vis.form.date", "fa"), exact=True).fill("1405/08/28")
    page_is_whole(page, t("vis.form.submit", "fa"))
    page.get_by_role("button", name=t("vis.form.submit", "fa")).click()
    expect(page.get_by_text("بازدید ثبت شد", exact=False)).to_be_visible()
    page_is_whole(page, None)
