"""One save, every problem: a bad date in the grid does not hide the other problems."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_status_grid import alert, edit_cell, record, save, sign_in, status_url
from tests.conftest import fixed_day_app

pytestmark = pytest.mark.browser


# the rows edited below (through test_status_grid's helpers, YEAR 1405) were picked on the
# fixed day, 30 Aban 1405: the app runs on that day over its own demo, whatever the suite's
app_db_file, app_server = fixed_day_app()


def test_a_save_with_several_bad_cells_reports_them_all(app_server, app_db_file, page):
    before = [record(app_db_file, 5, n) for n in (1, 2, 3)]
    sign_in(page, status_url(app_server, zone=5))
    edit_cell(page, row=0, column=7, text="1405/13/45")  # clause 1, due date: not a date
    edit_cell(page, row=1, column=3, text="140")  # clause 2, progress
    edit_cell(page, row=2, column=5, text="-3")  # clause 3, achieved
    save(page)
    box = alert(page, re.compile("3 problem"))
    expect(box).to_be_visible()
    expect(box).to_contain_text("is not a valid Jalali date")
    expect(box).to_contain_text("between 0 and 100")
    expect(box).to_contain_text("A negative value is not allowed")
    assert [record(app_db_file, 5, n) for n in (1, 2, 3)] == before
