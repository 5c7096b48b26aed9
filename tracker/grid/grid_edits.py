"""Reading what was typed into an editable grid, and turning the grid's edits
into changes (pure; shared by the status grid and the plan grid).

``st.data_editor`` reports its edits as ``edited_rows``: {row position:
{column: value}}. Each cell is read by a grid-specific reader built on the
cell readers below (numbers with Persian digits, Jalali dates, blanks, text);
a cell that cannot be read becomes a :class:`~tracker.domain.errors.RowProblem`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import pandas as pd

from tracker.domain import calendar, limits
from tracker.domain.changes import Change
from tracker.domain.errors import RowProblem
from tracker.domain.fmt import to_ascii_digits
from tracker.domain.validation import blank

Read = tuple[object, RowProblem | None]
CellReader = Callable[[str, object, int], Read]


def read_number(raw: object, row: int, field: str, whole: bool = False) -> Read:
    """A number typed with Persian or ASCII digits (thousands commas allowed);
    blank or NaN is None; ``whole`` gives an int. ``inf``, and a number outside the
    field's range (:mod:`tracker.domain.limits`), is a problem of this cell."""
    if blank(raw):
        return None, None
    try:
        number = float(to_ascii_digits(str(raw)).replace(",", ""))
    except (ValueError, OverflowError):
        return None, RowProblem(row, field, "val.not_a_number", {"value": str(raw)})
    if math.isnan(number) and not isinstance(raw, str):
        return None, None  # an emptied number cell comes back as NaN
    found = limits.problem(field, number)
    if found:
        return None, RowProblem(row, field, found[0], found[1])
    return (int(number) if whole else number), None


def read_jalali(raw: object, row: int, field: str) -> Read:
    """A Jalali date as an ISO Gregorian date; blank is None."""
    if blank(raw):
        return None, None
    try:
        return calendar.parse_jalali(str(raw)).isoformat(), None
    except Exception:  # BadDate: shown as a problem of this row
        return None, RowProblem(row, field, "val.bad_jalali", {"value": str(raw)})


def read_text(raw: object) -> Read:
    """Text as typed; blank is None."""
    return (None if blank(raw) else str(raw)), None


def blank_as_empty(frame: pd.DataFrame, columns: tuple[str, ...]) -> None:
    """Show missing text in ``columns`` as empty cells, not "None" (in place)."""
    for column in columns:
        frame[column] = frame[column].astype(object).where(frame[column].notna(), "")


def merge_edits(*edited: dict) -> dict:
    """Edited rows of several editors over the same rows, merged per row."""
    merged: dict = {}
    for rows in edited:
        for pos, cells in rows.items():
            merged.setdefault(int(pos), {}).update(cells)
    return merged


def edits_to_changes(records: pd.DataFrame, edited_rows: dict, fields: Mapping[str, str],
                     read: CellReader) -> tuple[list[Change], list[RowProblem]]:
    """Turn ``edited_rows`` into one change per edited row of ``records``.

    ``fields`` maps an editable grid column to its record field (other columns
    are ignored); ``read(column, raw, row)`` reads one cell. A row's change is
    checked against the version of the record the grid was opened on.
    """
    changes: list[Change] = []
    problems: list[RowProblem] = []
    for pos, edits in sorted(edited_rows.items(), key=lambda kv: int(kv[0])):
        rec = records.iloc[int(pos)]
        row = int(rec["number"])
        values: dict = {}
        for column, raw in edits.items():
            field = fields.get(column)
            if field is None:
                continue
            value, problem = read(column, raw, row)
            if problem:
                problems.append(problem)
            else:
                values[field] = value
        if values:
            changes.append(Change(year=int(rec["year"]), unit_id=int(rec["unit_id"]),
                                  clause_id=int(rec["clause_id"]),
                                  expected_version=int(rec["version"]), values=values, row=row))
    return changes, problems
