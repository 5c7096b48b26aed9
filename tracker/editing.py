"""The status grid: records → grid rows, and the grid's edits → changes (pure).

``st.data_editor`` only collects edits; these functions turn its
``edited_rows`` into validated :class:`~tracker.store.records.Change` objects.
"""

from __future__ import annotations

import math

import pandas as pd

from tracker import calendar
from tracker.errors import RowProblem
from tracker.fmt import to_ascii_digits
from tracker.i18n import t
from tracker.model import STATUSES
from tracker.store.records import Change
from tracker.validation import blank

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


def merge_edits(*edited: dict) -> dict:
    """Edited rows of several editors over the same rows, merged per row."""
    merged: dict = {}
    for rows in edited:
        for pos, cells in rows.items():
            merged.setdefault(int(pos), {}).update(cells)
    return merged


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
    """What the grid shows for a unit's records, one row per clause."""
    title = "title_fa" if lang == "fa" else "title_en"
    measure = "measure_fa" if lang == "fa" else "measure_en"
    updated = [
        f"{calendar.format_stamp(at, lang)} — {who}" if at else ""
        for at, who in zip(records["updated_at"], records["updated_by_name"], strict=True)
    ]
    frame = pd.DataFrame({
        "number": records["number"].astype(int),
        "title": records[title],
        "status": [status_label(s, lang) for s in records["status"]],
        "progress": records["progress"].astype(float),
        "target": records["target"].astype(float),
        "achieved": records["achieved"].astype(float),
        "measure": records[measure],
        "due": [calendar.format_date(d, lang) for d in records["due_date"]],
        "responsible": records["responsible"],
        "contractor": records["contractor"],
        "budget": records["budget"].astype(float),
        "blocker": records["blocker"],
        "notes": records["notes"],
        "evidence": records["evidence"],
        "updated": updated,
    }, columns=list(COLUMNS))
    for column in TEXT:  # empty cells, not "None"
        frame[column] = frame[column].astype(object).where(frame[column].notna(), "")
    return frame


def grid_changes(records: pd.DataFrame, edited_rows: dict,
                 lang: str) -> tuple[list[Change], list[RowProblem]]:
    """Turn ``edited_rows`` ({row position: {column: value}}) into changes.

    Values that cannot even be read (an unknown status label, a date that is
    not Jalali, text in a number column) are returned as problems.
    """
    changes: list[Change] = []
    problems: list[RowProblem] = []
    for pos, edits in sorted(edited_rows.items(), key=lambda kv: int(kv[0])):
        rec = records.iloc[int(pos)]
        row = int(rec["number"])
        values: dict = {}
        for column, raw in edits.items():
            field = EDITABLE.get(column)
            if field is None:
                continue
            value, problem = _read(column, raw, row)
            if problem:
                problems.append(problem)
            else:
                values[field] = value
        if values:
            changes.append(Change(year=int(rec["year"]), unit_id=int(rec["unit_id"]),
                                  clause_id=int(rec["clause_id"]),
                                  expected_version=int(rec["version"]), values=values, row=row))
    return changes, problems


def _read(column: str, raw: object, row: int) -> tuple[object, RowProblem | None]:
    if column == "status":
        code = status_code(raw)
        if code is None:
            return None, RowProblem(row, "status", "val.status_unknown", {"value": str(raw)})
        return code, None
    if column == "due":
        if blank(raw):
            return None, None
        try:
            return calendar.parse_jalali(str(raw)).isoformat(), None
        except Exception:  # BadDate: shown as a problem of this row
            return None, RowProblem(row, "due_date", "val.bad_jalali", {"value": str(raw)})
    if column in NUMERIC:
        if blank(raw):
            return None, None
        try:
            number = float(to_ascii_digits(str(raw)).replace(",", ""))
        except ValueError:
            return None, RowProblem(row, EDITABLE[column], "val.not_a_number", {"value": str(raw)})
        if math.isnan(number):
            return None, None
        return (int(number) if column == "budget" else number), None
    return (None if blank(raw) else str(raw)), None
