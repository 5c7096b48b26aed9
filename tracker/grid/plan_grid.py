"""The plan grid: plan lines → grid rows, and the grid's edits → changes (pure).

Like the status grid (``tracker.grid.editing``), ``st.data_editor`` only collects
edits; :func:`grid_changes` turns its ``edited_rows`` into
:class:`~tracker.domain.changes.Change` objects for the plan record kind.
"""

from __future__ import annotations

import pandas as pd

from tracker.domain import fmt
from tracker.domain.changes import Change
from tracker.domain.errors import RowProblem
from tracker.domain.i18n import t
from tracker.domain.planning import CHECKS, PRIORITIES, QUARTERS, check_lines
from tracker.domain.validation import blank
from tracker.grid.grid_edits import Read, blank_as_empty, edits_to_changes, read_number, read_text

EDITABLE = ("actions", "target", "budget", "q1", "q2", "q3", "q4", "contractor", "priority",
            "spring", "owner", "notes")
NUMERIC = {"target", "budget"}
FLAGS = {"spring", *QUARTERS}
TEXT = ("actions", "contractor", "owner", "notes", "blocker")
MAIN_COLUMNS = ("number", "title", "target", "measure", "budget", "owner", "priority", "spring",
                "check")
DETAIL_COLUMNS = ("number", "title", "actions", "q1", "q2", "q3", "q4", "contractor", "notes",
                  "blocker", "carried_from")
COLUMNS = tuple(dict.fromkeys(MAIN_COLUMNS + DETAIL_COLUMNS))
_FIELDS = {column: column for column in EDITABLE}  # grid column = plan-line field


NO_PRIORITY = "—"  # the grid's drop-down draws an empty choice as "None"


def priority_label(code: object, lang: str) -> str:
    return t(f"plan.priority.{code}", lang) if code in PRIORITIES else NO_PRIORITY


def priority_code(label: object) -> str | None | bool:
    """The code for a label in either language (None when blank, False when unknown)."""
    text = str(label or "").strip()
    if not text or text == NO_PRIORITY:
        return None
    for code in PRIORITIES:
        if text in (code, t(f"plan.priority.{code}", "fa"), t(f"plan.priority.{code}", "en")):
            return code
    return False


def check_text(lines: pd.DataFrame, lang: str) -> list[str]:
    """What each line misses ("" when it passes), for lines that exist (version > 0)."""
    flagged = check_lines(lines[lines["version"] > 0])
    sep = "، " if lang == "fa" else ", "
    out = []
    for idx in lines.index:
        if idx in flagged.index:
            row = flagged.loc[idx]
            out.append(sep.join(t(f"plan.check.{c}", lang) for c in CHECKS if row[c]))
        else:
            out.append("")
    return out


def grid_frame(lines: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What the grid shows for a unit's plan (one row per clause)."""
    title = "title_fa" if lang == "fa" else "title_en"
    measure = "measure_fa" if lang == "fa" else "measure_en"
    frame = pd.DataFrame({
        "number": [fmt.digits(int(n), lang) for n in lines["number"]],
        "title": lines[title],
        "target": [fmt.cell(v, lang) for v in pd.to_numeric(lines["target"], errors="coerce")],
        "measure": lines[measure],
        "budget": [fmt.cell(v, lang) for v in pd.to_numeric(lines["budget"], errors="coerce")],
        "owner": lines["owner"],
        "priority": [priority_label(p, lang) for p in lines["priority"]],
        "spring": lines["spring"].fillna(0).astype(bool),
        "check": check_text(lines, lang),
        "actions": lines["actions"],
        **{q: lines[q].fillna(0).astype(bool) for q in QUARTERS},
        "contractor": lines["contractor"],
        "notes": lines["notes"],
        "blocker": lines["blocker"],
        "carried_from": [fmt.digits(int(y), lang) if not blank(y) else ""
                         for y in lines["carried_from"]],
    }, columns=list(COLUMNS))
    blank_as_empty(frame, TEXT)
    return frame


def grid_changes(lines: pd.DataFrame, edited_rows: dict) -> tuple[list[Change], list[RowProblem]]:
    """Turn ``edited_rows`` ({row position: {column: value}}) into plan changes."""
    return edits_to_changes(lines, edited_rows, _FIELDS, _read)


def _read(column: str, raw: object, row: int) -> Read:
    if column in FLAGS:
        return (1 if raw is True or str(raw).lower() in ("1", "true") else 0), None
    if column == "priority":
        code = priority_code(raw)
        if code is False:
            return None, RowProblem(row, "priority", "plan.val.priority", {"value": str(raw)})
        return code, None
    if column in NUMERIC:
        return read_number(raw, row, column, whole=column == "budget")
    return read_text(raw)
