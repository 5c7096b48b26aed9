"""Bulk import in a real browser: download the district's template from the status
page, fill it with openpyxl, upload it; then the same file with bad rows."""

from __future__ import annotations

import shutil
import sqlite3

import openpyxl
import pytest

from tests.browser.helpers import sign_in_if_asked
from tests.conftest import DEMO_YEAR, start_app, stop_app
from tracker.domain.i18n import t
from tracker.exchange.importing import COLUMNS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app(tmp_path_factory, demo_db_file):
    path = tmp_path_factory.mktemp("import_app") / "demo.db"
    shutil.copy(demo_db_file, path)
    proc, url = start_app(path)
    yield url, path, proc
    stop_app(proc)


def _sign_in_to_status(page, url):
    page.goto(f"{url}/status?year={DEMO_YEAR}&district=3&zone=0")  # the current year
    sign_in_if_asked(page, "district3", "demo-district3-1405")
    page.get_by_text(t("io.upload.title", "fa")).click()


def _upload(page, path):
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.get_by_role("button", name=t("io.upload.check", "fa")).click()


def _col(ws, key):
    return [c.value for c in ws[1]].index(t(COLUMNS[key], "fa")) + 1


def _state(db_path):
    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT s.progress, s.notes, s.version FROM status s JOIN clauses c "
                        "ON c.id = s.clause_id WHERE s.year = ? AND s.unit_id = 300 "
                        "ORDER BY c.number", [DEMO_YEAR]).fetchall()
    history = conn.execute("SELECT count(*) FROM history").fetchone()[0]
    conn.close()
    return rows, history


def test_template_round_trip_in_the_browser(page, app, tmp_path):
    url, db_path, _ = app
    _sign_in_to_status(page, url)
    with page.expect_download() as info:
        page.get_by_role("button", name=t("io.page.template_xlsx", "fa")).click()
    template = tmp_path / "template.xlsx"
    info.value.save_as(template)

    # good rows: the district level's first three clauses
    book = openpyxl.load_workbook(template)
    ws = book.worksheets[0]
    assert ws.sheet_view.rightToLeft
    for row, value in ((2, 31), (3, 32), (4, 33)):
        ws.cell(row=row, column=_col(ws, "progress"), value=value)
        ws.cell(row=row, column=_col(ws, "status"), value=t("status.in_progress", "fa"))
        ws.cell(row=row, column=_col(ws, "notes"), value="از فایل")
    good = tmp_path / "good.xlsx"
    book.save(good)
    before_rows, before_history = _state(db_path)
    _upload(page, good)
    page.get_by_text(t("io.upload.saved", "fa", count=3, rows=ws.max_row - 1)).wait_for()
    rows, history = _state(db_path)
    assert [r[0] for r in rows[:3]] == [31, 32, 33] and rows[0][1] == "از فایل"
    assert history == before_history + 3
    assert [r[2] for r in rows[:3]] == [r[2] + 1 for r in before_rows[:3]]

    # the same template with bad rows among many good ones: nothing written
    for row in range(5, 40):
        ws.cell(row=row, column=_col(ws, "progress"), value=44)
    ws.cell(row=9, column=_col(ws, "progress"), value=140)
    ws.cell(row=12, column=_col(ws, "status"), value="نامعلوم")
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    page.reload()  # a new Streamlit session, still signed in (the session cookie)
    page.get_by_text(t("io.upload.title", "fa")).click()
    _upload(page, bad)
    page.get_by_text(t("io.upload.problems", "fa", count=2)).wait_for()
    table = page.locator('[data-testid="stTable"]')
    # every bad row named, with its column and the problem
    for row, column, message in (
            ("۹", "field.progress", t("val.progress_range", "fa", value="۱۴۰")),
            ("۱۲", "field.status", t("val.status_unknown", "fa", value="نامعلوم"))):
        line = table.locator("tr", has_text=message)
        line.wait_for()
        cells = [c.strip() for c in line.locator("td, th").all_inner_texts()]
        assert row in cells and t(column, "fa") in cells
    assert _state(db_path) == (rows, history)


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        line = next(x for x in status if x.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def test_a_hostile_file_is_refused_with_memory_flat_and_nothing_written(page, app, tmp_path):
    from tests.xlsx_files import SHEET_HEAD, SHEET_TAIL, row, xlsx
    from tracker.exchange.importing import REQUIRED

    url, db_path, proc = app

    def huge():  # 300 MB of text in one cell, packed into well under 1 MB
        yield SHEET_HEAD + row(1, list(REQUIRED)) + '<row r="2"><c r="A2" t="inlineStr"><is><t>'
        for _ in range(300):
            yield "A" * (1024 * 1024)
        yield "</t></is></c></row>" + SHEET_TAIL
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(xlsx(huge()))
    formula = tmp_path / "formula.xlsx"
    formula.write_bytes(xlsx([SHEET_HEAD, row(1, list(REQUIRED)),
                              '<row r="5"><c r="C5"><f>50+10</f><v/></c></row>', SHEET_TAIL]))
    _sign_in_to_status(page, url)
    before, rss = _state(db_path), _rss_mb(proc.pid)
    _upload(page, bomb)
    page.get_by_text(t("io.refuse.part_too_big", "fa", part="xl/worksheets/sheet1.xml",
                       size=300, max=50)).wait_for()
    assert _rss_mb(proc.pid) - rss < 100  # the server's memory stays where it was
    page.reload()
    _sign_in_to_status(page, url)
    _upload(page, formula)
    page.get_by_text(t("io.refuse.formula_no_value", "fa", cell="C5", sheet="Sheet1",
                       formula="=50+10")).wait_for()
    assert _state(db_path) == before
