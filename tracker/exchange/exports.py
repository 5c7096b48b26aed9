"""Tables as downloadable files: CSV (UTF-8 with BOM, so Excel reads Persian)
and Excel (one sheet per table, right to left in Persian).

Numbers are numbers (:func:`computable`): a column a page shows as formatted
text (``۱۲٬۳۴۵``, ``۴۵٫۵٪``, ``—`` for none) is written as numbers a spreadsheet
sorts and sums (percentages as percent-formatted fractions in Excel).

Text is never taken for a formula (OWASP's advice on CSV injection): in CSV a text
cell starting with ``= + - @``, a tab or a carriage return gets a leading ``'``
(:func:`csv_text`; :func:`csv_unescape` removes exactly that when a file is read
back); in Excel every text is written as a text cell (shown with Excel's quote
prefix when it starts so), never as a formula.
"""

from __future__ import annotations

import io
import math
import re

import pandas as pd

from tracker.domain.fmt import to_ascii_digits

_BAD_SHEET = re.compile(r"[\[\]\*\?/\\:]")
_OOXML_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED = (*FORMULA_START, "'")
_SHOWN_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|0|[1-9]\d*)(\.\d+)?(%?)$")
_NONE_SHOWN = ("", "—", "–")


class Percent(float):
    """A percentage read from shown text: ``45.5`` for ``۴۵٫۵٪`` (``decimals`` shown)."""

    decimals: int = 0


def shown_number(text: str) -> int | float | Percent | None:
    """The number a formatted cell shows (Persian or ASCII digits, ٬ or , between
    thousands, ٫ or . before decimals, − or - for minus, a trailing ٪ or %), or None
    when ``text`` is not just a number (a leading 0 as in ``0912`` keeps it text)."""
    plain = to_ascii_digits(text.strip()).replace("\u2212", "-").replace("٪", "%")
    match = _SHOWN_NUMBER.match(plain)
    if not match:
        return None
    number = float(plain.rstrip("%").replace(",", ""))
    if match.group(2):
        percent = Percent(number)
        percent.decimals = len(match.group(1) or ".") - 1
        return percent
    return int(number) if number.is_integer() and abs(number) < 2 ** 53 else number


def computable(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each column of shown numbers (and ``—`` for none) turned into
    numbers; columns holding any other text are left as they are."""
    out = frame.copy()
    for i in range(frame.shape[1]):
        series = frame.iloc[:, i]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            continue
        values: list = []
        for value in series:
            if isinstance(value, str):
                number = None if value.strip() in _NONE_SHOWN else shown_number(value)
                if number is None and value.strip() not in _NONE_SHOWN:
                    break
                values.append(number)
            elif cell_value(value) is None or isinstance(value, int | float):
                values.append(cell_value(value))
            else:
                break
        else:
            if any(isinstance(v, str) for v in series):
                out.isetitem(i, pd.Series(values, index=frame.index, dtype=object))
    return out



def csv_text(text: str) -> str:
    """``text`` safe in a CSV cell: a ``'`` before a formula's first character (and
    before a ``'`` that would otherwise be read back as such an escape)."""
    if text[:1] in FORMULA_START or (text[:1] == "'" and text[1:2] in _ESCAPED and text[1:2]):
        return "'" + text
    return text


def csv_unescape(text: str) -> str:
    """The text :func:`csv_text` escaped, as it was."""
    if text[:1] == "'" and text[1:2] and text[1:2] in _ESCAPED:
        return text[1:]
    return text


def to_csv_bytes(frame: pd.DataFrame, numbers: bool = True) -> bytes:
    """CSV in UTF-8 with a byte-order mark (Excel then shows Persian correctly).

    With ``numbers``, shown numbers are written as plain numbers (ASCII digits,
    percentages as ``45%``, which spreadsheets read as numbers too).
    """
    safe = computable(frame) if numbers else frame.copy()
    safe.columns = [csv_text(str(c)) for c in frame.columns]
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(_csv_cell)
    # CR LF ends rows (RFC 4180), so a cell holding a line break or a CR is quoted
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _csv_cell(value: object) -> object:
    """A cell of a text column as CSV text (numbers in ASCII, nothing for none)."""
    value = cell_value(value)
    if isinstance(value, Percent):
        return f"{float(value):.{value.decimals}f}%"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, bool | int):
        return str(value)
    return csv_text(value) if isinstance(value, str) else value


def cell_value(value: object) -> object:
    """A frame's value as openpyxl takes it (None for anything missing)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def put(ws, row: int, column: int, value: object):
    """Write ``value`` into a cell of ``ws``; text always as text, never a formula."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell = ws.cell(row=row, column=column)
    value = cell_value(value)
    if isinstance(value, str):
        cell.value = ooxml_escape(ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"  # "=..." would otherwise become a live formula
        if value[:1] in FORMULA_START:
            cell.quotePrefix = True  # Excel shows it as typed text, also when edited
    elif isinstance(value, Percent):
        cell.value = float(value) / 100
        cell.number_format = "0%" if not value.decimals else "0." + "0" * value.decimals + "%"
    else:
        cell.value = value
    return cell


def ooxml_escape(text: str) -> str:
    """``text`` as Excel stores it: a carriage return (which XML would turn into a
    line feed) as ``_x000D_``, and a literal ``_xHHHH_`` as ``_x005F_xHHHH_``."""
    if "_x" in text:
        text = _OOXML_ESCAPE.sub(lambda m: "_x005F" + m.group(0), text)
    return text.replace("\r", "_x000D_")


def ooxml_unescape(text: str) -> str:
    """The text of an Excel string cell (``_xHHHH_`` is the character HHHH)."""
    if "_x" not in text:
        return text
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(0)[2:6], 16)), text)


def to_xlsx_bytes(sheets: dict[str, pd.DataFrame], rtl: bool = True) -> bytes:
    """An .xlsx workbook with one sheet per table; right-to-left sheets when ``rtl``."""
    from openpyxl import Workbook  # imported here: openpyxl is slow to import
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    if sheets:
        book.remove(book.active)
    used: set[str] = set()
    bold = Font(bold=True, name="Vazirmatn")
    for name, shown in sheets.items():
        frame = computable(shown)
        ws = book.create_sheet(sheet_name(name, used))
        ws.sheet_view.rightToLeft = rtl
        ws.freeze_panes = "A2"
        for c, column in enumerate(frame.columns, start=1):
            put(ws, 1, c, str(column)).font = bold
        for r, values in enumerate(frame.itertuples(index=False, name=None), start=2):
            for c, value in enumerate(values, start=1):
                put(ws, r, c, value)
        for i, column in enumerate(frame.columns, start=1):
            values = [str(column)] + [str(v) for v in shown[column].head(200)]
            width = min(60, max(8, max(len(v) for v in values) + 2))
            ws.column_dimensions[get_column_letter(i)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_name(name: str, used: set[str] | None = None) -> str:
    """A valid, unique Excel sheet name (≤ 31 characters, no []*?/\\:)."""
    base = _BAD_SHEET.sub(" ", str(name)).strip()[:31] or "Sheet"
    title, n = base, 2
    while used is not None and title in used:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    if used is not None:
        used.add(title)
    return title
