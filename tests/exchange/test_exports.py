import io

import openpyxl
import pandas as pd

from tracker.exchange.exports import ooxml_unescape, sheet_name, to_csv_bytes, to_xlsx_bytes

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


# --- text is never a formula (OWASP CSV injection) ---------------------------------------

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+cmd|' /C calc'!A0", "-2+3",
           "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "'=already quoted", "''x",
           "'plain", "ok = fine"]


def test_csv_text_escapes_formula_starts_and_reads_back_the_same():
    from tracker.exchange.exports import csv_text, csv_unescape

    assert csv_text("=1+1") == "'=1+1" and csv_text("-5 متر") == "'-5 متر"
    assert csv_text("@x") == "'@x" and csv_text("+x") == "'+x" and csv_text("\tx") == "'\tx"
    assert csv_text("'plain") == "'plain" and csv_text("متن") == "متن"
    for text in HOSTILE:
        assert csv_unescape(csv_text(text)) == text


def test_csv_export_writes_no_live_formula():
    frame = pd.DataFrame({"=head": HOSTILE, "n": range(len(HOSTILE))})
    text = to_csv_bytes(frame).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text, newline=""), dtype=str, keep_default_na=False)
    assert len(back) == len(HOSTILE)
    for column in back.columns:
        for value in back[column]:
            assert value[:1] not in ("=", "+", "-", "@", "\t", "\r"), value
    assert list(back.columns)[0] == "'=head"


def test_excel_export_writes_text_cells_not_formulas():
    frame = pd.DataFrame({"متن": HOSTILE, "عدد": [-1.5] * len(HOSTILE)})
    data = to_xlsx_bytes({"sheet": frame})
    ws = openpyxl.load_workbook(io.BytesIO(data))["sheet"]  # formulas load as "f" cells
    for r, text in enumerate(HOSTILE, start=2):
        cell = ws.cell(row=r, column=1)
        assert (ooxml_unescape(cell.value), cell.data_type) == (text, "s")
        assert cell.quotePrefix == (text[:1] in ("=", "+", "-", "@", "\t", "\r"))
        assert ws.cell(row=r, column=2).value == -1.5


def test_excel_escapes_carriage_returns_and_literal_escapes():
    from tracker.exchange.exports import ooxml_escape

    for text in ("a\r\nb", "_x000D_ literal", "_x005F_x", "plain"):
        assert ooxml_unescape(ooxml_escape(text)) == text


# --- numbers people can compute with ------------------------------------------------------


def _shown() -> pd.DataFrame:
    """A table as a Persian page shows it (the plan's totals, the league table)."""
    from tracker.domain import fmt

    return pd.DataFrame({
        "منطقه": ["منطقه ۱", "منطقه ۲", "منطقه ۳"],
        "ردیف": [fmt.number(v, "fa") for v in (12, 3, 0)],
        "بودجه": [fmt.number(1_234_567, "fa"), "—", fmt.number(-5, "fa")],
        "پیشرفت": [fmt.percent(45.5, "fa", 1), fmt.percent(100, "fa", 1), "—"],
        "تاریخ": ["۱۴۰۵/۰۸/۳۰", "۱۴۰۵/۰۹/۰۱", ""],
        "تلفن": ["۰۹۱۲۱۲۳۴۵۶۷", "۰۲۱۸۸", "۰"],
        "یادداشت": ["۱۲", "متن", "۳"],
    })


def test_excel_export_writes_shown_numbers_as_numbers():
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"جمع": _shown()})))["جمع"]
    assert ws.sheet_view.rightToLeft
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert [r[1] for r in rows] == [12, 3, 0]
    assert [r[2] for r in rows] == [1234567, None, -5]
    assert [r[3] for r in rows] == [0.455, 1.0, None]
    assert ws["D2"].number_format == "0.0%"
    assert all(isinstance(r[1], int) for r in rows)
    # dates, numbers with a leading zero and columns with any other text stay text
    assert [r[4] for r in rows] == ["۱۴۰۵/۰۸/۳۰", "۱۴۰۵/۰۹/۰۱", None]
    assert [r[5] for r in rows] == ["۰۹۱۲۱۲۳۴۵۶۷", "۰۲۱۸۸", "۰"]
    assert [r[6] for r in rows] == ["۱۲", "متن", "۳"]


def test_csv_export_writes_shown_numbers_in_ascii():
    back = pd.read_csv(io.BytesIO(to_csv_bytes(_shown())), encoding="utf-8-sig", dtype=str,
                       keep_default_na=False)
    assert list(back["ردیف"]) == ["12", "3", "0"]
    assert list(back["بودجه"]) == ["1234567", "", "-5"]
    assert list(back["پیشرفت"]) == ["45.5%", "100.0%", ""]
    assert list(back["یادداشت"]) == ["۱۲", "متن", "۳"]
