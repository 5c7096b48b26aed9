"""The per-district template: its units and clauses, current values, RTL in Persian,
drop-down lists of statuses, and the same table as CSV."""

from __future__ import annotations

import io

import openpyxl
import pytest

from tests.conftest import DATA_YEAR
from tracker import templates
from tracker.db import open_db
from tracker.i18n import t
from tracker.model import STATUSES
from tracker.store import exchange

YEAR = DATA_YEAR


@pytest.fixture(scope="module")
def records(demo_db_file):
    db = open_db(demo_db_file)
    try:
        yield exchange.exchange_records(db, YEAR, 3)
    finally:
        db.conn.close()


def test_lists_every_unit_and_clause_of_the_district(records, demo_db_file):
    db = open_db(demo_db_file)
    units = db.execute("SELECT count(*) FROM units WHERE district = 3").fetchone()[0]
    clauses = db.execute("SELECT count(*) FROM clauses WHERE year = ?", [YEAR]).fetchone()[0]
    db.conn.close()
    frame = templates.records_frame(records, "fa")
    assert len(frame) == units * clauses
    assert set(frame["district"]) == {3}
    assert list(frame.columns) == list(templates.ORDER)


def test_excel_template_is_rtl_with_status_dropdown(records):
    book = openpyxl.load_workbook(io.BytesIO(templates.template_xlsx(records, "fa")))
    ws = book.worksheets[0]
    assert ws.sheet_view.rightToLeft
    assert ws.cell(row=1, column=1).value == t("field.year", "fa")
    lists = book.worksheets[1]
    assert lists.sheet_state == "hidden"
    assert [lists.cell(row=i + 1, column=1).value for i in range(len(STATUSES))] == \
        [t(f"status.{s}", "fa") for s in STATUSES]
    kinds = {dv.type: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    status_col = openpyxl.utils.get_column_letter(templates.ORDER.index("status") + 1)
    assert kinds["list"].startswith(f"{status_col}2:")
    assert "decimal" in kinds
    # current values and versions are filled in
    first = records.iloc[0]
    version_col = templates.ORDER.index("version") + 1
    assert ws.cell(row=2, column=version_col).value == int(first["version"])
    assert ws.max_row == len(records) + 1


def test_english_template_is_left_to_right(records):
    book = openpyxl.load_workbook(io.BytesIO(templates.template_xlsx(records, "en")))
    ws = book.worksheets[0]
    assert not ws.sheet_view.rightToLeft
    assert ws.cell(row=1, column=templates.ORDER.index("status") + 1).value == "Status"


def test_csv_template_has_bom_and_persian_dates(records):
    text = templates.template_csv(records, "fa").decode("utf-8")
    assert text.startswith("\ufeff")
    header = text.splitlines()[0].lstrip("\ufeff").split(",")
    assert header[templates.ORDER.index("due_date")] == t("field.due_date", "fa")
    # due dates are written as Jalali dates in Persian digits (۱۴۰۵/… for 1405)
    assert "".join("۰۱۲۳۴۵۶۷۸۹"[int(c)] for c in str(YEAR)) + "/" in text


def test_file_names_keep_ascii_digits():
    assert templates.template_name(3, 1405, "en") == "template-district-3-1405"
    assert templates.template_name(None, 1405, "fa").endswith("1405")
