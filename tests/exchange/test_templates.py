"""The per-district template: its units and clauses, current values, RTL in Persian,
drop-down lists of statuses, and the same table as CSV."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from tests.conftest import DATA_YEAR
from tracker.db import open_db
from tracker.domain.i18n import t
from tracker.domain.model import STATUSES
from tracker.exchange import templates
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


# --- text that looks like a formula: written as text, read back the same ----------------


@pytest.fixture
def filled(demo_db_copy):
    """District 3's first two records with every field filled, text fields starting
    with formula characters."""
    from tracker.store.records import STATUS, Change, apply_changes
    from tracker.store.users import get_user_by_username

    db = open_db(demo_db_copy)
    user = get_user_by_username(db, "district3")
    recs = exchange.exchange_records(db, YEAR, 3)
    values = [
        dict(status="blocked", target=120.0, achieved=30.0, progress=25.0,
             due_date="2027-01-15", responsible="-Ali Rezaei", budget=12_345_678,
             contractor='=HYPERLINK("http://evil.example","x")', notes="+1+cmd|' /C calc'!A0",
             evidence="https://example.com/report?a=1&b=2", blocker="@SUM(1+1)"),
        dict(status="in_progress", target=3.5, achieved=1.25, progress=35.7,
             due_date="2026-12-31", responsible="'=quoted", contractor="-",
             budget=1, notes="= حساب\r\nسطر دوم", evidence="http://example.com/x", blocker="-2+3"),
    ]
    changes = [Change(YEAR, int(r.unit_id), int(r.clause_id), int(r.version), v)
               for r, v in zip(recs.itertuples(), values, strict=False)]
    apply_changes(db, user, STATUS, changes)
    yield db, user
    db.conn.close()


def test_template_round_trip_changes_nothing_with_every_field_filled(filled):
    from tracker.exchange import importing

    db, user = filled
    before = exchange.exchange_records(db, YEAR, 3)
    for lang in ("fa", "en"):
        for make in (templates.template_xlsx, templates.template_csv):
            data = make(before, lang)
            result = exchange.run_import(db, user, data)
            assert result.problems == [], importing.problem_table(result.problems, "en")
            assert [c.values for c in result.changes] == [], (lang, make.__name__)
            assert result.written == 0
    after = exchange.exchange_records(db, YEAR, 3)
    pd.testing.assert_frame_equal(before, after)
    assert after.iloc[0]["contractor"] == '=HYPERLINK("http://evil.example","x")'


def test_template_cells_are_text_not_formulas(filled):
    db, _ = filled
    records = exchange.exchange_records(db, YEAR, 3)
    ws = openpyxl.load_workbook(io.BytesIO(templates.template_xlsx(records, "fa"))).worksheets[0]
    col = templates.ORDER.index("contractor") + 1
    cell = ws.cell(row=2, column=col)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    text = templates.template_csv(records, "en").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\"'+1+cmd" in text or "'+1+cmd" in text


def test_template_numbers_are_numeric_cells(records):
    ws = openpyxl.load_workbook(io.BytesIO(templates.template_xlsx(records, "fa"))).worksheets[0]
    col = {k: templates.ORDER.index(k) + 1 for k in templates.ORDER}
    first = records.iloc[0]
    for key in ("year", "district", "zone", "clause", "version"):
        assert isinstance(ws.cell(row=2, column=col[key]).value, int), key
    assert ws.cell(row=2, column=col["progress"]).value == float(first["progress"])
    budgets = [ws.cell(row=r, column=col["budget"]).value for r in range(2, ws.max_row + 1)]
    assert any(isinstance(b, int) for b in budgets)
    assert all(b is None or isinstance(b, int) for b in budgets)
    assert ws.sheet_view.rightToLeft
