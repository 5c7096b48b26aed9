"""Tables as downloadable files: CSV (UTF-8 with BOM, so Excel reads Persian)
and Excel (one sheet per table, right to left in Persian)."""

from __future__ import annotations

import io
import re

import pandas as pd

_BAD_SHEET = re.compile(r"[\[\]\*\?/\\:]")


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark (Excel then shows Persian correctly)."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(sheets: dict[str, pd.DataFrame], rtl: bool = True) -> bytes:
    """An .xlsx workbook with one sheet per table; right-to-left sheets when ``rtl``."""
    from openpyxl.styles import Font  # imported here: openpyxl is slow to import
    from openpyxl.utils import get_column_letter

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        used: set[str] = set()
        for name, frame in sheets.items():
            title = sheet_name(name, used)
            frame.to_excel(writer, sheet_name=title, index=False)
            ws = writer.sheets[title]
            ws.sheet_view.rightToLeft = rtl
            ws.freeze_panes = "A2"
            for cell in ws[1]:
                cell.font = Font(bold=True, name="Vazirmatn")
            for i, column in enumerate(frame.columns, start=1):
                values = [str(column)] + [str(v) for v in frame[column].head(200)]
                width = min(60, max(8, max(len(v) for v in values) + 2))
                ws.column_dimensions[get_column_letter(i)].width = width
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
