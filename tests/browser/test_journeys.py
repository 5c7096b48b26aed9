"""Every role's working day in a real browser, one browser session per role, in Persian
then English: every page reached through the navigation (twice: once per language)
shows the current Jalali year (1405 on the fixed day; 1406 on next year's plan), no
'None'/'nan'/'NaT'/'Traceback' and no exception; a reload keeps the person signed in
with their choices; sign-out works. Along the way each role does its main job: the
district editor saves a change in the status grid, the inspector records a visit,
the viewer reads the summary."""

from __future__ import annotations

import re
import sqlite3
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import bad_text, go_to, sign_in, sign_out_button, wait_idle
from tests.browser.test_status_grid import alert, edit_cell, save
from tests.conftest import fixed_day_app
from tracker.demo.accounts import DEMO_ACCOUNTS
from tracker.domain import fmt
from tracker.domain.i18n import t
from tracker.domain.model import Grant, User
from tracker.ui.registry import pages_for

pytestmark = pytest.mark.browser

CURRENT, NEXT = 1405, 1406  # the fixed day, 2026-11-21, is 1405/08/30 (by hand)
ROLE = {username: grant for username, _, grant in DEMO_ACCOUNTS}
NO_YEAR = {"admin", "my-work"}  # pages without a year to choose


# the rows edited below were picked on the fixed day, 30 Aban 1405 (on 29 Esfand 1405 the
# same edit saved nothing, "0 row(s) saved."): the app runs on that day over its own demo
app_db_file, app_server = fixed_day_app()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    pg = ctx.new_page()
    pg.set_default_timeout(45_000)
    yield pg
    ctx.close()


def pages_of(username: str) -> list[tuple[str, str]]:
    """(path, title key) of every page the demo account may open, in navigation order."""
    grant = ROLE[username]
    user = User(0, username, username, (Grant(grant.role, grant.district, grant.zone),))
    return [(m.PAGE["path"], m.PAGE["title"]) for m in pages_for(user)
            if not m.PAGE.get("hidden")]  # a hidden page (a record) has no link in the bar


def year_box(page, lang: str):
    return page.get_by_role("combobox", name=t("common.year", lang), exact=True).first


def walk(page, username: str, lang: str) -> None:
    """Visit every page through the navigation: each shows the year it should (the
    current Jalali year, next year on the plan) and nothing a person should not read."""
    for path, key in pages_of(username):
        go_to(page, t(key, lang))
        if path not in NO_YEAR:
            expected = NEXT if path == "plan" else CURRENT
            expect(year_box(page, lang)).to_have_value(fmt.digits(expected, lang))
            expect(page).to_have_url(re.compile(rf"[?&]year={expected}(&|$)"))
        wait_idle(page)
        assert bad_text(page) == [], (username, lang, path)


def to_english(page) -> None:
    page.get_by_role("radio", name="English").click()
    expect(page).to_have_url(re.compile(r"lang=en"))
    sign_out_button(page, "en").wait_for()
    wait_idle(page)


def reload_keeps_the_session(page, lang: str) -> None:
    """A reload (a new Streamlit session) is still signed in, on the same page with the
    same choices."""
    before = urlsplit(page.url)
    year = year_box(page, lang).input_value()
    page.reload()
    sign_out_button(page, lang).wait_for()
    expect(year_box(page, lang)).to_have_value(year)
    wait_idle(page)
    after = urlsplit(page.url)
    assert after.path == before.path
    assert set(parse_qsl(before.query)) <= set(parse_qsl(after.query))


def sign_out(page, lang: str) -> None:
    sign_out_button(page, lang).click()
    page.get_by_label(t("auth.username", lang), exact=True).wait_for()
    expect(sign_out_button(page, lang)).to_have_count(0)


def day(app_server, page, username: str, job=None) -> None:
    sign_in(page, f"{app_server}/", username, "fa")
    walk(page, username, "fa")
    if job:
        job(page)
    to_english(page)
    walk(page, username, "en")  # each page a second time: the same year
    go_to(page, t("page.status", "en"))
    reload_keeps_the_session(page, "en")
    sign_out(page, "en")


def test_admin(app_server, page):
    day(app_server, page, "admin")


def test_zone_editor(app_server, page):
    def job(page) -> None:  # lands on their own zone, which they may edit
        go_to(page, t("page.status", "fa"))
        zone = page.get_by_role("combobox", name=t("common.zone", "fa"), exact=True)
        assert zone.input_value() == "ناحیه ۲"
        expect(page.get_by_role("button", name=t("st.save", "fa"))).to_be_enabled()
        assert page.get_by_text(t("st.read_only", "fa")).count() == 0
    day(app_server, page, "zone3-2", job)


def test_district_editor_saves_a_change(app_server, app_db_file, page):
    def job(page) -> None:
        to_english(page)
        go_to(page, t("page.status", "en"))
        edit_cell(page, row=1, column=3, text="57")  # district level, clause 2, progress
        save(page)
        expect(alert(page, "1 row(s) saved.")).to_be_visible()
        with sqlite3.connect(app_db_file) as conn:
            progress = conn.execute(
                "SELECT s.progress FROM status s JOIN clauses c ON c.id = s.clause_id "
                "WHERE s.year = ? AND s.unit_id = 300 AND c.number = 2", [CURRENT]).fetchone()
        assert progress == (57,)
        page.get_by_role("radio", name="فارسی").click()
        sign_out_button(page, "fa").wait_for()
        wait_idle(page)
    day(app_server, page, "district3", job)


def test_inspector_records_a_visit(app_server, app_db_file, page):
    finding = "جدول‌ها شکسته است"

    def visits() -> int:
        with sqlite3.connect(app_db_file) as conn:
            return conn.execute("SELECT COUNT(*) FROM visits WHERE year = ?",
                                [CURRENT]).fetchone()[0]

    def job(page) -> None:
        before = visits()
        go_to(page, t("page.visits", "fa"))
        district = page.get_by_role("combobox", name=t("common.district", "fa"), exact=True)
        district.click()
        page.get_by_role("option", name="منطقه ۳", exact=True).click()
        wait_idle(page)
        page.get_by_text(t("vis.view.record", "fa"), exact=True).click()
        wait_idle(page)
        page.locator('[data-testid="stMultiSelect"]').click()
        page.get_by_role("option").filter(has_text=fmt.digits(2, "fa") + ".").first.click()
        page.keyboard.press("Escape")
        page.get_by_text(t("vis.verdict.partly", "fa"), exact=True).click()
        page.get_by_role("textbox", name=t("vis.form.date", "fa"), exact=True).fill("1405/08/29")
        page.get_by_role("textbox", name=t("vis.form.findings", "fa"), exact=True).fill(finding)
        page.get_by_role("button", name=t("vis.form.submit", "fa")).click()
        expect(page.get_by_text("بازدید ثبت شد", exact=False)).to_be_visible()
        assert visits() == before + 1
        wait_idle(page)
    day(app_server, page, "inspector", job)


def test_viewer_lands_on_the_summary(app_server, page):
    def job(page) -> None:
        page.goto(re.match(r"https?://[^/]+", page.url)[0] + "/")  # a new tab lands on it
        sign_out_button(page, "fa").wait_for()
        wait_idle(page)
        expect(page.get_by_role("heading", name=t("page.summary", "fa"))).to_be_visible()
        for key in ("compare.city_score", "sum.changes"):
            expect(page.get_by_test_id("stMetric").filter(has_text=t(key, "fa"))
                   ).to_be_visible()
        for key in ("sum.top", "sum.bottom", "sum.lagging_title", "sum.latest"):
            expect(page.get_by_text(t(key, "fa"), exact=True)).to_be_visible()
    assert pages_of("viewer")[0][0] == "summary"
    day(app_server, page, "viewer", job)
