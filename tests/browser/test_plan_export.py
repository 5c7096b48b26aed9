"""The plan's Excel export is built when its button is pressed (not on every rerun)
and downloads a workbook with every plan line."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import DATA_YEAR, full_copy, start_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def plan_app(tmp_path_factory, demo_db_file):
    path = full_copy(demo_db_file, tmp_path_factory.mktemp("plan-export") / "demo.db")
    proc, url = start_app(path)
    yield url, path
    proc.terminate()
    proc.wait(timeout=10)


def test_the_plan_export_downloads_every_line(plan_app, page: Page):
    from openpyxl import load_workbook

    from tracker.db import connect

    url, path = plan_app
    page.goto(f"{url}/plan?lang=en&year={DATA_YEAR}")  # the year the demo has plan lines
    page.get_by_label("User name").fill("admin")
    page.get_by_role("textbox", name="Password").fill("demo-admin-1405")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("tab", name="Totals and export").click()
    button = page.get_by_role("button", name="Download the plan (Excel)")
    expect(button).to_be_visible()
    with page.expect_download(timeout=60_000) as info:
        button.click()
    data = open(info.value.path(), "rb").read()
    book = load_workbook(io.BytesIO(data), read_only=True)
    first = book[book.sheetnames[0]]
    rows = sum(1 for _ in first.iter_rows(min_row=2))
    db = connect(path)
    expected = db.execute("SELECT count(*) FROM plans WHERE year = ?", [DATA_YEAR]).fetchone()[0]
    db.conn.close()
    assert rows == expected > 0
