"""Bulk import of a filled template: every refusal, every row problem, letter and
digit variants, and round trips (export then import changes nothing)."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import openpyxl
import pandas as pd
import pytest

from tests.conftest import DATA_YEAR, make_user
from tracker.db import open_db
from tracker.domain import calendar
from tracker.domain.fmt import to_ascii_digits
from tracker.domain.i18n import t
from tracker.exchange import importing, spreadsheet, templates
from tracker.exchange.importing import ImportRefused
from tracker.store import exchange
from tracker.store.status import record_by_key
from tracker.store.users import get_user_by_username

YEAR = DATA_YEAR


@pytest.fixture
def demo(demo_db_copy):
    database = open_db(demo_db_copy)
    # The tests edit district 3's rows: put them in one known state (in progress, 10 %,
    # no evidence), whatever day the demo data was made for (on a year's last day most
    # rows are done, and a done row keeps 100 %).
    with database.conn:
        database.execute(
            "UPDATE status SET status = 'in_progress', progress = 10, evidence = NULL, "
            "blocker = NULL, notes = NULL WHERE year = ? AND unit_id IN "
            "(SELECT id FROM units WHERE district = 3)", [YEAR])
    yield database
    database.conn.close()


@pytest.fixture
def district3(demo):
    return get_user_by_username(demo, "district3")


def _book(demo, lang="fa", district=3) -> openpyxl.Workbook:
    data = templates.template_xlsx(exchange.exchange_records(demo, YEAR, district), lang)
    return openpyxl.load_workbook(io.BytesIO(data))


def _col(ws, key: str, lang="fa") -> int:
    header = [c.value for c in ws[1]]
    return header.index(t(importing.COLUMNS[key], lang)) + 1


def _set(ws, row: int, lang="fa", **values) -> None:
    for key, value in values.items():
        ws.cell(row=row, column=_col(ws, key, lang), value=value)


def _bytes(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _history_count(db) -> int:
    return db.execute("SELECT count(*) FROM history").fetchone()[0]


def _record(db, ws, row: int) -> dict:
    unit = 300 + int(ws.cell(row=row, column=_col(ws, "zone")).value)
    number = int(ws.cell(row=row, column=_col(ws, "clause")).value)
    clause = db.execute("SELECT id FROM clauses WHERE year = ? AND number = ?",
                        [YEAR, number]).fetchone()[0]
    return record_by_key(db, YEAR, unit, clause)


# --- good files -----------------------------------------------------------------------


def test_good_rows_are_written_with_history(demo, district3):
    book = _book(demo)
    ws = book.active
    _set(ws, 2, status="در حال اجرا", progress=47, notes="بارگذاری گروهی")
    _set(ws, 5, progress=12.5, due_date=f"{YEAR}/11/20")
    before = _history_count(demo)
    result = exchange.run_import(demo, district3, _bytes(book))
    assert result.problems == [] and result.written == 2
    assert _history_count(demo) == before + 2
    rec = _record(demo, ws, 2)
    assert rec["progress"] == 47 and rec["notes"] == "بارگذاری گروهی"
    assert rec["updated_by_name"] == district3.display_name
    # 20 Bahman is day 326 of the year: six months of 31 days, four of 30, then 19 more
    # (2027-02-09 in 1405)
    due = calendar.year_start(YEAR) + timedelta(days=6 * 31 + 4 * 30 + 19)
    assert _record(demo, ws, 5)["due_date"] == due.isoformat()


def test_unchanged_export_imports_as_nothing(demo, district3):
    for lang in ("fa", "en"):
        records = exchange.exchange_records(demo, YEAR, 3)
        for data in (templates.template_xlsx(records, lang),
                     templates.template_csv(records, lang)):
            result = exchange.run_import(demo, district3, data)
            assert result.problems == [] and result.changes == [] and result.rows == len(records)


def test_round_trip_export_edit_import_export(demo, district3):
    book = _book(demo, "en")
    ws = book.active
    _set(ws, 3, "en", status="Blocked", blocker="Contractor left", progress=30)
    assert exchange.run_import(demo, district3, _bytes(book)).written == 1
    again = templates.records_frame(exchange.exchange_records(demo, YEAR, 3), "en")
    row = again.iloc[1]
    assert (row["status"], row["blocker"], row["progress"]) == ("Blocked", "Contractor left", 30)
    # the fresh export reads back as no change at all
    data = templates.template_csv(exchange.exchange_records(demo, YEAR, 3), "fa")
    assert exchange.run_import(demo, district3, data).changes == []


def test_persian_and_arabic_letters_and_digits_are_read(demo, district3):
    book = _book(demo)
    ws = book.active
    # Arabic yeh in the status label, Arabic kaf in the note (kept as typed),
    # Persian and Arabic-Indic digits in numbers, keys and dates
    _set(ws, 2, status="موضوعيت ندارد", notes="كار منتقل شد", district="۳")
    _set(ws, 3, progress="٤٥٫٥", due_date="١٤٠٥/٠٩/١٥", clause="۲", zone="٠")
    result = exchange.run_import(demo, district3, _bytes(book))
    assert result.problems == [], importing.problem_table(result.problems, "en")
    assert _record(demo, ws, 2)["status"] == "not_applicable"
    assert _record(demo, ws, 2)["notes"] == "كار منتقل شد"  # free text: as typed
    assert _record(demo, ws, 3)["progress"] == 45.5
    assert _record(demo, ws, 3)["due_date"] == "2026-12-06"


def test_csv_with_english_headers_semicolons_and_windows_encoding(demo, district3):
    frame = templates.headed(
        templates.records_frame(exchange.exchange_records(demo, YEAR, 3), "en"), "en")
    frame.loc[0, t("field.progress", "en")] = 33
    data = frame.to_csv(index=False, sep=";").encode("utf-8")
    assert exchange.run_import(demo, district3, data).written == 1
    fa = templates.headed(
        templates.records_frame(exchange.exchange_records(demo, YEAR, 3), "fa"), "fa")
    fa.loc[1, t("field.progress", "fa")] = 34
    # Windows' Arabic code page has no Persian yeh/keheh: Excel writes Arabic ones
    text = to_ascii_digits(fa.to_csv(index=False)).translate(str.maketrans("یک٪", "يك%"))
    data = text.encode("cp1256")
    result = exchange.run_import(demo, district3, data)
    assert result.written == 1, importing.problem_table(result.problems, "en")


# --- row problems: everything reported, nothing written ------------------------------


def test_one_bad_row_among_many_writes_nothing_and_names_it(demo, district3):
    book = _book(demo)
    ws = book.active
    for row in range(2, 40):
        _set(ws, row, progress=50)
    _set(ws, 17, progress=150)
    before = _history_count(demo)
    result = exchange.run_import(demo, district3, _bytes(book))
    assert result.written == 0 and result.changes == []
    assert [(p.row, p.field, p.key) for p in result.problems] == [
        (17, "progress", "val.progress_range")]
    assert _history_count(demo) == before
    assert _record(demo, ws, 2)["progress"] != 50 or _record(demo, ws, 2)["version"] > 0
    table = importing.problem_table(result.problems, "fa")
    assert list(table.iloc[0]) == ["۱۷", t("field.progress", "fa"),
                                   t("val.progress_range", "fa", value="۱۵۰")]


def test_every_kind_of_bad_row_is_named_with_row_and_column(demo, district3):
    book = _book(demo)
    ws = book.active
    _set(ws, 2, district=99)
    _set(ws, 3, zone=42)
    _set(ws, 4, clause=77)
    _set(ws, 5, district=4)  # outside district3's scope
    _set(ws, 6, progress=-5)
    _set(ws, 7, due_date=f"{YEAR}/13/01")
    _set(ws, 8, status="تمام")
    _set(ws, 9, status="انجام شده", notes=None, evidence=None)
    _set(ws, 10, progress=44, version=1)  # stale
    _set(ws, 11, year="abc")
    _set(ws, 12, target="بسیار")
    _set(ws, 13, evidence="ftp://x", notes="n")
    ws.append([c.value for c in ws[14]])  # row 142 repeats row 14
    result = exchange.run_import(demo, district3, _bytes(book))
    got = {(p.row, p.field, p.key) for p in result.problems}
    expected = {
        (2, "district", "io.val.unknown_district"), (3, "zone", "io.val.unknown_zone"),
        (4, "clause", "io.val.unknown_clause"), (5, "district", "io.val.out_of_scope"),
        (6, "progress", "val.progress_range"), (7, "due_date", "val.bad_jalali"),
        (8, "status", "val.status_unknown"), (9, "evidence", "val.done_needs_evidence"),
        (10, "version", "io.val.stale"), (11, "year", "io.val.not_whole"),
        (12, "target", "val.not_a_number"), (13, "evidence", "val.evidence_url"),
        (142, "clause", "io.val.duplicate"),
    }
    assert expected <= got, got
    assert result.written == 0
    for lang in ("fa", "en"):  # every message reads in both languages
        assert all(importing.problem_table(result.problems, lang).iloc[:, 2])


def test_zone_editor_may_import_only_its_zone(demo):
    user = make_user("zone_editor", 3, 2)
    book = _book(demo)
    ws = book.active
    zones = [ws.cell(row=r, column=_col(ws, "zone")).value for r in range(2, ws.max_row + 1)]
    own, other = zones.index(2) + 2, zones.index(1) + 2
    _set(ws, own, progress=21)
    _set(ws, other, progress=22)
    result = exchange.run_import(demo, user, _bytes(book))
    assert [(p.row, p.key) for p in result.problems] == [(other, "io.val.out_of_scope")]


def test_a_viewer_can_write_nothing(demo):
    book = _book(demo)
    _set(book.active, 2, progress=21)
    result = exchange.run_import(demo, make_user("viewer"), _bytes(book))
    assert result.problems and result.written == 0


# --- whole-file refusals --------------------------------------------------------------


def _refused(data: bytes) -> ImportRefused:
    with pytest.raises(ImportRefused) as info:
        importing.read_table(data)
    for lang in ("fa", "en"):
        assert info.value.message(lang)
    return info.value


def test_empty_files_are_refused():
    assert _refused(b"").key == "io.refuse.empty"
    assert _refused(b"  \n\r\n").key == "io.refuse.empty"
    assert _refused(b",,,\n,,\n").key == "io.refuse.empty"


def test_header_without_rows_is_refused(demo):
    frame = templates.headed(templates.records_frame(
        exchange.exchange_records(demo, YEAR, 3), "fa"), "fa").head(0)
    assert _refused(frame.to_csv(index=False).encode()).key == "io.refuse.no_rows"


def test_files_that_are_not_spreadsheets_are_refused():
    assert _refused(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR").key == "io.refuse.not_spreadsheet"
    assert _refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64).key == \
        "io.refuse.old_excel"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("readme.txt", "not a workbook")
    assert _refused(buffer.getvalue()).key == "io.refuse.not_spreadsheet"
    assert _refused(b"PK\x03\x04garbage").key == "io.refuse.not_spreadsheet"
    # plain text is read as CSV, and then its "columns" are not the template's
    assert _refused("سلام دنیا\nخط دوم".encode()).key == "io.refuse.extra_columns"


def test_huge_files_are_refused(monkeypatch):
    assert _refused(b"a,b\n" * (spreadsheet.MAX_BYTES // 4 + 1)).key == "io.refuse.too_big"
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 5)
    header = ",".join(importing.REQUIRED)
    assert _refused((header + "\n" + "1,2\n" * 6).encode()).key == "io.refuse.too_many_rows"


def test_extra_missing_and_doubled_columns_are_refused(demo):
    frame = templates.headed(templates.records_frame(
        exchange.exchange_records(demo, YEAR, 3), "fa"), "fa")
    extra = frame.assign(**{"ستون اضافه": 1})
    err = _refused(extra.to_csv(index=False).encode())
    assert err.key == "io.refuse.extra_columns" and "ستون اضافه" in err.message("en")
    missing = frame.drop(columns=[t("field.status", "fa"), t("field.version", "fa")])
    err = _refused(missing.to_csv(index=False).encode())
    assert err.key == "io.refuse.missing_columns"
    assert t("field.status", "en") in err.message("en")
    assert t("field.version", "fa") in err.message("fa")
    doubled = pd.concat([frame, frame[[t("field.notes", "fa")]]], axis=1)
    assert _refused(doubled.to_csv(index=False).encode()).key == "io.refuse.double_columns"


def test_info_columns_may_be_dropped(demo, district3):
    frame = templates.headed(templates.records_frame(
        exchange.exchange_records(demo, YEAR, 3), "en"), "en")
    frame = frame.drop(columns=[t("field.title", "en"), t("field.unit", "en")])
    frame.loc[0, t("field.progress", "en")] = 61
    assert exchange.run_import(demo, district3, frame.to_csv(index=False).encode()).written == 1


def test_header_spellings_are_forgiving():
    mapping = importing.header_map()
    assert mapping[importing.header_key("انجام شده کمی")] == "achieved"  # space for ZWNJ
    assert mapping[importing.header_key("  Progress %  ")] == "progress"
    assert mapping[importing.header_key("version")] == "version"


def test_formula_without_saved_result_is_refused_naming_the_cell(demo, district3):
    book = _book(demo, "en")
    ws = book.active
    col = _col(ws, "progress", "en")
    ws.cell(row=5, column=col, value="=50+10")  # openpyxl saves no result
    before = demo.execute("SELECT count(*), max(rowid) FROM history").fetchone()
    with pytest.raises(ImportRefused) as info:
        exchange.run_import(demo, district3, _bytes(book))
    ref = f"{openpyxl.utils.get_column_letter(col)}5"
    assert info.value.key == "io.refuse.formula_no_value"
    assert ref in info.value.message("en") and ref in info.value.message("fa")
    assert ws.title in info.value.message("en") and "=50+10" in info.value.message("en")
    assert demo.execute("SELECT count(*), max(rowid) FROM history").fetchone() == before


def test_text_starting_with_formula_characters_is_kept_through_csv(demo, district3):
    frame = templates.headed(templates.records_frame(
        exchange.exchange_records(demo, YEAR, 3), "en"), "en")
    frame.loc[0, t("field.notes", "en")] = "=1+2 is text"
    frame.loc[1, t("field.responsible", "en")] = "-Ali"
    data = templates.to_csv_bytes(frame)
    assert exchange.run_import(demo, district3, data).written == 2
    assert _record_at(demo, 0)["notes"] == "=1+2 is text"
    assert _record_at(demo, 1)["responsible"] == "-Ali"


def _record_at(db, index: int) -> dict:
    rec = exchange.exchange_records(db, YEAR, 3).iloc[index]
    return record_by_key(db, YEAR, int(rec["unit_id"]), int(rec["clause_id"]))


# --- free text exactly as typed -----------------------------------------------------------

TYPED = {"notes": "ناحیه ۲، خیابان ١٢ — كوچه ي", "responsible": "مهندس ۳۰ ساله",
         "contractor": "شرکت ۱۲۳٫۴ ٪", "blocker": "منتظر ۲ مجوز"}


def test_free_text_keeps_persian_digits_and_letters_as_typed(demo, district3):
    book = _book(demo)
    ws = book.active
    _set(ws, 2, status=t("status.in_progress", "fa"), progress="۴۵٫۵",
         due_date="۱۴۰۵/۱۰/۰۱", **TYPED)
    result = exchange.run_import(demo, district3, _bytes(book))
    assert result.problems == [], importing.problem_table(result.problems, "en")
    rec = _record(demo, ws, 2)
    assert {k: rec[k] for k in TYPED} == TYPED
    assert (rec["status"], rec["progress"], rec["due_date"]) == \
        ("in_progress", 45.5, "2026-12-22")
    # exported and imported again: nothing changes, in either format and language
    for lang in ("fa", "en"):
        records = exchange.exchange_records(demo, YEAR, 3)
        for data in (templates.template_xlsx(records, lang),
                     templates.template_csv(records, lang)):
            assert exchange.run_import(demo, district3, data).changes == []


def test_free_text_in_csv_is_kept_and_numbers_still_read(demo, district3):
    frame = templates.headed(templates.records_frame(
        exchange.exchange_records(demo, YEAR, 3), "fa"), "fa")
    frame = frame.astype(object)
    frame.loc[0, t("field.notes", "fa")] = TYPED["notes"]
    frame.loc[0, t("field.progress", "fa")] = "۳۳"
    frame.loc[0, t("common.district", "fa")] = "۳"
    assert exchange.run_import(demo, district3, frame.to_csv(index=False).encode()).written == 1
    rec = _record_at(demo, 0)
    assert rec["notes"] == TYPED["notes"] and rec["progress"] == 33
