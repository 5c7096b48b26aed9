"""The status grid: records → grid rows, and the grid's edits → changes (pure).

``st.data_editor`` only collects edits; these functions turn its
``edited_rows`` into validated :class:`~tracker.domain.changes.Change` objects.
"""

from __future__ import annotations

import pandas as pd

from tracker.domain import calendar, fmt
from tracker.domain.changes import Change
from tracker.domain.errors import RowProblem
from tracker.domain.i18n import t
from tracker.domain.model import STATUSES
from tracker.grid.grid_edits import (
    Read,
    blank_as_empty,
    edits_to_changes,
    read_jalali,
    read_number,
    read_text,
)

# Grid column -> record field. Columns not listed here are read-only.
EDITABLE = {
    "status": "status", "progress": "progress", "target": "target", "achieved": "achieved",
    "due": "due_date", "responsible": "responsible", "contractor": "contractor",
    "budget": "budget", "notes": "notes", "evidence": "evidence", "blocker": "blocker",
}
NUMERIC = {"progress", "target", "achieved", "budget"}
COLUMNS = ("number", "title", "status", "progress", "target", "achieved", "measure", "due",
           "blocker", "notes", "evidence", "responsible", "contractor", "budget", "updated")
TEXT = ("responsible", "contractor", "blocker", "notes", "evidence")
# The grid is shown as two tabs that fit a 1366-pixel screen without scrolling.
PROGRESS_COLUMNS = ("number", "title", "status", "progress", "target", "achieved", "measure",
                    "due", "blocker", "notes", "evidence")
DETAIL_COLUMNS = ("number", "title", "responsible", "contractor", "budget", "updated")


def status_label(code: str, lang: str) -> str:
    return t(f"status.{code}", lang)


def status_code(label: object) -> str | None:
    """The status code for a label in either language (or a code itself)."""
    text = str(label or "").strip()
    for code in STATUSES:
        if text in (code, t(f"status.{code}", "fa"), t(f"status.{code}", "en")):
            return code
    return None


def grid_frame(records: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What the grid shows for a unit's records, one row per clause.

    Numbers are text in the language's digits and separators (``fmt.cell``): the
    canvas grid draws a number column in the browser's locale and a missing number
    as "None"; the cells are read back with :func:`tracker.grid.grid_edits.read_number`."""
    title = "title_fa" if lang == "fa" else "title_en"
    measure = "measure_fa" if lang == "fa" else "measure_en"
    updated = [
        f"{calendar.format_stamp(at, lang)} — {who}" if at else ""
        for at, who in zip(records["updated_at"], records["updated_by_name"], strict=True)
    ]
    frame = pd.DataFrame({
        "number": [fmt.digits(int(n), lang) for n in records["number"]],
        "title": records[title],
        "status": [status_label(s, lang) for s in records["status"]],
        "progress": [fmt.cell(v, lang, 1) for v in records["progress"]],
        "target": [fmt.cell(v, lang) for v in records["target"]],
        "achieved": [fmt.cell(v, lang) for v in records["achieved"]],
        "measure": records[measure],
        "due": [calendar.format_date(d, lang) for d in records["due_date"]],
        "responsible": records["responsible"],
        "contractor": records["contractor"],
        "budget": [fmt.cell(v, lang) for v in records["budget"]],
        "blocker": records["blocker"],
        "notes": records["notes"],
        "evidence": records["evidence"],
        "updated": updated,
    }, columns=list(COLUMNS))
    blank_as_empty(frame, TEXT)
    return frame


def grid_changes(records: pd.DataFrame, edited_rows: dict,
                 lang: str) -> tuple[list[Change], list[RowProblem]]:
    """Turn ``edited_rows`` ({row position: {column: value}}) into changes.

    Values that cannot even be read (an unknown status label, a date that is
    not Jalali, text in a number column) are returned as problems.
    """
    return edits_to_changes(records, edited_rows, EDITABLE, _read)


def _read(column: str, raw: object, row: int) -> Read:
    if column == "status":
        code = status_code(raw)
        if code is None:
            return None, RowProblem(row, "status", "val.status_unknown", {"value": str(raw)})
        return code, None
    if column == "due":
        return read_jalali(raw, row, "due_date")
    if column in NUMERIC:
        return read_number(raw, row, EDITABLE[column], whole=column == "budget")
    return read_text(raw)
