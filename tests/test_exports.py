import io

import openpyxl
import pandas as pd

from tracker.exports import sheet_name, to_csv_bytes, to_xlsx_bytes

FRAME = pd.DataFrame({"منطقه": ["منطقه ۳", "منطقه ۴"], "پیشرفت": [40.5, 71.0]})


def test_csv_has_a_bom_and_persian_text():
    data = to_csv_bytes(FRAME)
    assert data.startswith(b"\xef\xbb\xbf")
    assert "منطقه ۳" in data.decode("utf-8-sig")


def test_excel_sheets_are_right_to_left_in_persian():
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"جدول رده‌بندی": FRAME})))
    ws = book["جدول رده‌بندی"]
    assert ws.sheet_view.rightToLeft
    assert ws["A1"].value == "منطقه" and ws["B3"].value == 71.0


def test_excel_in_english_is_left_to_right():
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"league": FRAME}, rtl=False)))
    assert not book["league"].sheet_view.rightToLeft


def test_sheet_names_are_valid_and_unique():
    used: set[str] = set()
    assert sheet_name("a/b:c" + "x" * 40, used) == ("a b c" + "x" * 40)[:31]
    assert sheet_name("a/b:c" + "x" * 40, used).endswith("(2)")
