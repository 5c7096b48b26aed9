"""The data-entry template and the records export (pure: frames in, bytes out).

Both are the same table: one row per (unit, clause) with the current values and
the record's version, headed in the reader's language. A filled template, or an
export edited in Excel, reads back through :mod:`tracker.exchange.importing`; a file
exported and imported unchanged changes nothing.
"""

from __future__ import annotations

import io

import pandas as pd

from tracker.domain import calendar
from tracker.domain.fmt import digits
from tracker.domain.i18n import t
from tracker.domain.model import STATUSES
from tracker.exchange.exports import put, sheet_name, to_csv_bytes
from tracker.exchange.importing import COLUMNS, EDITABLE, INFO, KEYS

ORDER = ("year", "district", "zone", "unit", "clause", "title", "status", "progress",
         "target", "achieved", "measure", "due_date", "blocker", "notes", "evidence",
         "responsible", "contractor", "budget", "version")
_READ_ONLY_COLOR, _HEADER_COLOR = "EEEEEE", "D9E7F5"
_WIDTHS = {"title": 44, "unit": 16, "notes": 30, "evidence": 28, "blocker": 24,
           "status": 16, "responsible": 18, "contractor": 18, "due_date": 13, "budget": 16}


def records_frame(records: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Records (``tracker.store.exchange.exchange_records``) as template rows,
    columns named by key in :data:`ORDER`."""
    fa = lang == "fa"
    unit = [
        t("common.district_level", lang) if int(z) == 0 else (nf if fa else ne)
        for z, nf, ne in zip(records["zone"], records["unit_fa"], records["unit_en"],
                             strict=True)
    ]
    frame = pd.DataFrame({
        "year": records["year"].astype(int),
        "district": records["district"].astype(int),
        "zone": records["zone"].astype(int),
        "unit": unit,
        "clause": records["number"].astype(int),
        "title": records["title_fa" if fa else "title_en"],
        "status": [t(f"status.{s}", lang) for s in records["status"]],
        "progress": records["progress"].astype(float),
        "target": records["target"].astype(float),
        "achieved": records["achieved"].astype(float),
        "measure": records["measure_fa" if fa else "measure_en"],
        "due_date": [calendar.format_date(d, lang) for d in records["due_date"]],
        "blocker": records["blocker"],
        "notes": records["notes"],
        "evidence": records["evidence"],
        "responsible": records["responsible"],
        "contractor": records["contractor"],
        "budget": pd.array(records["budget"], dtype="Int64"),
        "version": records["version"].astype(int),
    }, columns=list(ORDER))
    return frame


def headed(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` with its headers in ``lang``."""
    return frame.rename(columns={k: t(COLUMNS[k], lang) for k in frame.columns})


def template_csv(records: pd.DataFrame, lang: str) -> bytes:
    """The template (or export) as CSV, UTF-8 with a byte-order mark."""
    # typed already: a note that looks like a number must stay the text it is
    return to_csv_bytes(headed(records_frame(records, lang), lang), numbers=False)


def template_xlsx(records: pd.DataFrame, lang: str, title: str | None = None) -> bytes:
    """The template (or export) as an Excel workbook.

    Right to left in Persian; the status column offers the allowed statuses as a
    drop-down list, progress accepts 0–100 only; the columns that identify a
    record (and the version) are shaded as not for editing.
    """
    from openpyxl import Workbook  # imported here: openpyxl is slow to import

    frame = records_frame(records, lang)
    book = Workbook()
    ws = book.active
    ws.title = sheet_name(title or t("io.template.sheet", lang))
    ws.sheet_view.rightToLeft = lang == "fa"
    lists = book.create_sheet(sheet_name(t("io.template.lists", lang)))
    lists.sheet_state = "hidden"
    for i, code in enumerate(STATUSES, start=1):
        lists.cell(row=i, column=1, value=t(f"status.{code}", lang))
    for c, key in enumerate(ORDER, start=1):
        put(ws, 1, c, t(COLUMNS[key], lang))
    for r, values in enumerate(frame.astype(object).itertuples(index=False, name=None), start=2):
        for c, value in enumerate(values, start=1):
            put(ws, r, c, value)  # text always as text: "=..." is never a formula
    last = max(2, len(frame) + 1)
    _style(ws, last)
    _validations(ws, lists.title, last, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _style(ws, last: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    read_only = PatternFill("solid", fgColor=_READ_ONLY_COLOR)
    ws.freeze_panes = "A2"
    for i, key in enumerate(ORDER, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = _WIDTHS.get(key, 10)
        head = ws.cell(row=1, column=i)
        head.font = Font(bold=True, name="Vazirmatn")
        head.fill = PatternFill("solid", fgColor=_HEADER_COLOR)
        head.alignment = Alignment(wrap_text=True, vertical="center")
        if key in KEYS or key in INFO:
            for (cell,) in ws.iter_rows(min_row=2, max_row=last, min_col=i, max_col=i):
                cell.fill = read_only
        if key == "due_date":
            for (cell,) in ws.iter_rows(min_row=2, max_row=last, min_col=i, max_col=i):
                cell.number_format = "@"  # typed Jalali dates stay text


def _validations(ws, lists_title: str, last: int, lang: str) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    col = {k: get_column_letter(ORDER.index(k) + 1) for k in EDITABLE}
    status = DataValidation(type="list", formula1=f"'{lists_title}'!$A$1:$A${len(STATUSES)}",
                            allow_blank=False, showDropDown=False, showErrorMessage=True,
                            promptTitle=t("field.status", lang),
                            prompt=t("io.template.status_prompt", lang),
                            errorTitle=t("field.status", lang),
                            error=t("io.template.status_prompt", lang))
    status.add(f"{col['status']}2:{col['status']}{last}")
    progress = DataValidation(type="decimal", operator="between", formula1="0",
                              formula2="100", allow_blank=True, showErrorMessage=True,
                              errorTitle=t("field.progress", lang),
                              error=t("io.template.progress_prompt", lang),
                              promptTitle=t("field.progress", lang),
                              prompt=t("io.template.progress_prompt", lang))
    progress.add(f"{col['progress']}2:{col['progress']}{last}")
    dates = DataValidation(type=None, allow_blank=True, showInputMessage=True,
                           promptTitle=t("field.due_date", lang),
                           prompt=t("io.template.date_prompt", lang))
    dates.add(f"{col['due_date']}2:{col['due_date']}{last}")
    for v in (status, progress, dates):
        ws.add_data_validation(v)


def template_name(district: int | None, year: int, lang: str) -> str:
    """The download's file name (without extension)."""
    if district is None:
        return t("io.export.name", lang, year=digits(year, "en"))
    return t("io.template.name", lang, district=digits(district, "en"), year=digits(year, "en"))
