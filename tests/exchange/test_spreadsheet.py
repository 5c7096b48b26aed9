"""Reading an uploaded spreadsheet with limits: hostile files (a huge cell packed small,
far too many rows or columns) are refused at once, quickly, in little memory, with a
message naming the limit; nothing is written."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

import pytest

from tests.xlsx_files import SHEET_HEAD, SHEET_TAIL, row, xlsx
from tracker.db import open_db
from tracker.exchange import sheet_limits, spreadsheet
from tracker.exchange.sheet_limits import ImportRefused
from tracker.store import exchange
from tracker.store.users import get_user_by_username

HEADER = list(spreadsheet.REQUIRED)
MB = 1024 * 1024


def _refusal(data: bytes, max_seconds: float = 2.0, max_peak_mb: float = 4.0) -> ImportRefused:
    """The refusal of ``data``, checking that it came quickly and in little memory."""
    tracemalloc.start()
    began = time.process_time()
    try:
        with pytest.raises(ImportRefused) as info:
            spreadsheet.read_table(data)
        elapsed = time.process_time() - began
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < max_seconds, f"refused after {elapsed:.1f} s"
    assert peak < max_peak_mb * MB, f"peak memory {peak / MB:.1f} MB"
    for lang in ("fa", "en"):
        assert info.value.message(lang)
    return info.value


def _huge_cell_sheet(chars: int, piece: int = MB):
    yield SHEET_HEAD + row(1, HEADER) + '<row r="2"><c r="A2" t="inlineStr"><is><t>'
    for _ in range(chars // piece):
        yield "A" * piece
    yield "</t></is></c></row>" + SHEET_TAIL


def test_one_huge_text_cell_is_refused_before_unpacking():
    data = xlsx(_huge_cell_sheet(200 * MB))  # 200 MB of text packed in well under 1 MB
    assert len(data) < MB
    err = _refusal(data)
    assert err.key == "io.refuse.part_too_big"
    assert "xl/worksheets/sheet1.xml" in err.message("en")
    assert "50 MB" in err.message("en") and "۵۰" in err.message("fa")


def test_a_part_packed_too_tightly_is_refused():
    err = _refusal(xlsx(_huge_cell_sheet(20 * MB)))  # under the size limit, ratio ~1000
    assert err.key == "io.refuse.ratio"
    assert "at most 100 times" in err.message("en")


def test_a_huge_shared_string_is_refused_naming_its_cell():
    shared = ['<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
              "<si><t>" + "ب" * 40_000 + "</t></si>", "</sst>"]
    sheet = [SHEET_HEAD, row(1, HEADER), '<row r="2"><c r="C2" t="s"><v>0</v></c></row>',
             SHEET_TAIL]
    err = _refusal(xlsx(sheet, shared))
    assert err.key == "io.refuse.cell_too_long"
    assert err.message("en") == ("Cell C2 of sheet “Sheet1” holds more than 32,767 characters."
                                 .replace("32,767", "32767"))
    assert "۳۲۷۶۷" in err.message("fa")


def test_a_long_inline_cell_is_refused_naming_its_cell():
    sheet = [SHEET_HEAD, row(1, HEADER), row(2, ["x" * (spreadsheet.MAX_CELL_CHARS + 1)]),
             SHEET_TAIL]
    err = _refusal(xlsx(sheet))
    assert err.key == "io.refuse.cell_too_long" and "A2" in err.message("en")


def _wide_rows(rows: int, columns: int):
    yield SHEET_HEAD
    cells = "<c><v>1</v></c>" * columns
    for r in range(1, rows + 1):
        yield f'<row r="{r}">{cells}</row>'
    yield SHEET_TAIL


def test_very_many_rows_by_columns_is_refused_before_unpacking():
    # the shape of the file that kept the server busy for ten minutes
    data = xlsx(_wide_rows(10_040, 1_600))
    assert len(data) < spreadsheet.MAX_BYTES
    assert _refusal(data).key in ("io.refuse.part_too_big", "io.refuse.ratio")


def test_a_value_past_the_last_column_stops_the_reading():
    data = xlsx(_wide_rows(3, 16_000))
    err = _refusal(data)
    assert err.key == "io.refuse.too_many_columns"
    assert err.message("en") == ("Cell AY1 of sheet “Sheet1” is past column 50; the file may "
                                 "have at most 50 columns.")


def test_too_many_rows_is_refused_while_reading():
    sheet = [SHEET_HEAD, row(1, HEADER)] + [row(r, ["1"]) for r in range(2, 10_100)] + \
        [SHEET_TAIL]
    err = _refusal(xlsx(sheet), max_peak_mb=8)
    assert err.key == "io.refuse.too_many_rows"
    assert "10000" in err.message("en")


def test_blank_styled_cells_far_right_are_ignored():
    sheet = [SHEET_HEAD, row(1, ["a"]), '<row r="2"><c r="XFD2" s="0"/></row>',
             '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>b</t></is></c></row>',
             SHEET_TAIL]
    rows = list(spreadsheet._xlsx_rows(xlsx(sheet), sheet_limits.Limits()))
    assert rows == [(1, ["a"]), (1048576, ["b"])]


def test_formula_without_saved_result_is_refused_naming_the_cell():
    sheet = [SHEET_HEAD, row(1, HEADER), '<row r="5"><c r="C5"><f>50+10</f><v/></c></row>',
             SHEET_TAIL]
    err = _refusal(xlsx(sheet))
    assert err.key == "io.refuse.formula_no_value"
    assert "C5" in err.message("en") and "Sheet1" in err.message("en")
    assert "=50+10" in err.message("fa")


def test_formula_with_saved_result_gives_the_result():
    sheet = [SHEET_HEAD, row(1, ["a", "b"]),
             '<row r="2"><c r="A2"><f>50+10</f><v>60</v></c>'
             '<c r="B2" t="str"><f>"x"&amp;"y"</f><v>xy</v></c></row>', SHEET_TAIL]
    assert list(spreadsheet._xlsx_rows(xlsx(sheet), sheet_limits.Limits())) == \
        [(1, ["a", "b"]), (2, [60, "xy"])]


# --- CSV: the same limits ---------------------------------------------------------------


def _csv(lines: list[list[str]]) -> bytes:
    return "\n".join(",".join(cells) for cells in lines).encode("utf-8")


def test_csv_cell_over_the_limit_says_so():
    long_cell = "ن" * (spreadsheet.MAX_CELL_CHARS + 1)
    err = _refusal(_csv([HEADER, [long_cell]]))
    assert err.key == "io.refuse.cell_too_long_csv"
    assert err.message("en") == "Row 2, column 1 holds more than 32767 characters."
    # past csv's own limit (131,072) too: still the real problem, not "not a CSV file"
    err = _refusal(_csv([HEADER, ["1", "x" * 140_000]]))
    assert err.key in ("io.refuse.cell_too_long_csv", "io.refuse.cell_too_long_row")
    assert "2" in err.message("en")


def test_csv_with_too_many_columns_or_rows_is_refused():
    err = _refusal(_csv([HEADER, ["1"] * 16_000]))
    assert err.key == "io.refuse.too_many_columns_csv"
    assert err.message("en") == ("Row 2 has a value in column 51; the file may have at most "
                                 "50 columns.")
    err = _refusal(_csv([HEADER] + [["1"]] * 10_040), max_peak_mb=8)
    assert err.key == "io.refuse.too_many_rows"


# --- nothing written --------------------------------------------------------------------


@pytest.mark.parametrize("make", [
    lambda: xlsx(_huge_cell_sheet(200 * MB)),
    lambda: xlsx(_wide_rows(200, 1_600)),
    lambda: _csv([HEADER, ["x" * 40_000]]),
])
def test_a_refused_file_writes_nothing(demo_db_copy, make: Callable[[], bytes]):
    db = open_db(demo_db_copy)
    try:
        user = get_user_by_username(db, "district3")
        counts = [db.execute(f"SELECT count(*), max(rowid) FROM {table}").fetchone()
                  for table in ("status", "history")]
        with pytest.raises(ImportRefused):
            exchange.run_import(db, user, make())
        assert counts == [db.execute(f"SELECT count(*), max(rowid) FROM {table}").fetchone()
                          for table in ("status", "history")]
    finally:
        db.conn.close()


def test_dates_booleans_and_numbers_keep_their_kind():
    import io
    from datetime import datetime

    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["a", "b", "c", "d"])
    ws.append([datetime(1405, 9, 1), True, 12.5, 7])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = list(spreadsheet._xlsx_rows(buffer.getvalue(), sheet_limits.Limits()))
    assert rows[1] == (2, [datetime(1405, 9, 1), True, 12.5, 7])
    assert spreadsheet.clean_text(rows[1][1][0]) == "1405/09/01"


# --- files we can read, or could: clear messages ----------------------------------------


@pytest.fixture
def template_frame(demo_db_copy):
    from tracker.exchange import templates

    db = open_db(demo_db_copy)
    frame = templates.headed(templates.records_frame(
        exchange.exchange_records(db, 1405, 3), "en"), "en")
    frame.loc[0, "Progress %"] = 61
    yield db, get_user_by_username(db, "district3"), frame
    db.conn.close()


def _progress(db) -> float:
    return db.execute("SELECT progress FROM status s JOIN clauses c ON c.id = s.clause_id "
                      "WHERE s.year = 1405 AND s.unit_id = 300 AND c.number = 1").fetchone()[0]


def test_excel_unicode_text_utf16_tab_separated_is_read(template_frame):
    db, user, frame = template_frame
    text = frame.to_csv(index=False, sep="\t", lineterminator="\r\n")
    data = "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")  # Excel's "Unicode text"
    assert exchange.run_import(db, user, data).written == 1
    assert _progress(db) == 61


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_csv_with_or_without_bom_is_read(encoding):
    header = ",".join(HEADER)
    data = (header + "\r\n1405,3,0,1,1\r\n").encode(encoding)
    table = spreadsheet.read_table(data)
    assert list(table.loc[2, ["year", "district", "clause"]]) == ["1405", "3", "1"]


def test_persian_utf16_csv_without_bom_is_read():
    from tracker.domain.i18n import t

    header = ",".join(t(spreadsheet.COLUMNS[k], "fa") for k in HEADER)
    data = (header + "\r\n۱۴۰۵,۳,۰,۱,۱,,,,,,,,,یادداشت ۲\r\n").encode("utf-16-le")
    table = spreadsheet.read_table(data)
    assert table.loc[2, "year"] == "1405" and table.loc[2, "notes"] == "یادداشت ۲"


def test_cr_only_line_endings_are_read(template_frame):
    db, user, frame = template_frame
    frame.loc[1, "Notes"] = "first line\rsecond line"  # a CR inside a quoted cell stays
    data = frame.to_csv(index=False, lineterminator="\r").encode("utf-8")
    assert b"\n" not in data
    result = exchange.run_import(db, user, data)
    assert result.problems == [] and result.written == 2
    assert _progress(db) == 61


def _ole(*streams: str) -> bytes:
    """An OLE compound file's start with directory entries named ``streams``."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entries = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
                       for name in ("Root Entry", *streams))
    return header + entries


def test_password_protected_xlsx_says_so():
    err = _refusal(_ole("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"))
    assert err.key == "io.refuse.protected"
    assert "password" in err.message("en") and "گذرواژه" in err.message("fa")
    assert _refusal(_ole("Workbook", "\x05SummaryInformation")).key == "io.refuse.old_excel"


def test_an_encrypted_zip_part_says_protected():
    import io
    import zipfile

    data = bytearray(xlsx([SHEET_HEAD, row(1, HEADER), SHEET_TAIL]))
    # set the "encrypted" flag of every part in the central directory
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    assert zf.infolist()
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        data[at + 8] |= 0x1
        at += 4
    assert _refusal(bytes(data)).key == "io.refuse.protected"


@pytest.mark.parametrize("make", [
    lambda: _ole("EncryptionInfo", "EncryptedPackage"),
    lambda: xlsx([SHEET_HEAD, row(1, HEADER), '<row r="2"><c r="G2"><f>50+10</f></c></row>',
                  SHEET_TAIL]),
    lambda: _csv([HEADER] + [["1"]] * 10_005),
])
def test_other_refusals_write_nothing(demo_db_copy, make: Callable[[], bytes]):
    test_a_refused_file_writes_nothing(demo_db_copy, make)


def test_a_sheet_of_empty_formatted_rows_is_stopped_early():
    def rows():
        yield SHEET_HEAD
        for start in range(1, 1_000_000, 10_000):
            yield "".join(f'<row r="{i}"><c r="A{i}" s="1"/></row>'
                          for i in range(start, start + 10_000))
        yield SHEET_TAIL
    err = _refusal(xlsx(rows()))
    assert err.key == "io.refuse.sheet_rows"
    assert err.message("en") == "Sheet “Sheet1” has more than 100000 rows, counting empty ones."
