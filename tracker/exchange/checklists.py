"""The field-visit checklists: a few items per clause number, read from ``data/checklists.csv``.

The file is a *working* checklist (its ``source`` / ``confidence`` columns say so) that the
coordination office replaces with its own; the admin edits the copy in the database.
:func:`load_checklists` reads and checks the file; :func:`check_checklists` checks any frame
of items (the file, or what the admin typed). Problems are collected, never the first only.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tracker import config
from tracker.domain.errors import TrackerError
from tracker.domain.i18n import t
from tracker.domain.plaintext import control_problem
from tracker.exchange.reference import normalise_persian

FILE = "checklists.csv"
COLUMNS = ("clause_number", "item", "text_fa", "text_en", "source", "confidence")
REQUIRED_TEXT = ("text_fa", "text_en")
MAX_TEXT = 300

# (row number as a person counts it, or None for the whole file; string key; params)
Problem = tuple[int | None, str, dict[str, object]]


class ChecklistError(TrackerError):
    """The checklist has problems; ``.problems`` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("vis.cl_invalid", count=len(self.problems))

    def details(self, lang: str = "fa") -> str:
        return "\n".join(describe(p, lang) for p in self.problems)

    def message(self, lang: str = "fa") -> str:
        return t(self.key, lang, count=len(self.problems)) + "\n" + self.details(lang)


def describe(problem: Problem, lang: str = "fa") -> str:
    """``row 7: the item number must be a whole number ≥ 1`` in ``lang``."""
    row, key, params = problem
    text = t(key, lang, **params)
    return text if row is None else t("vis.cl_row", lang, row=row, problem=text)


def load_checklists(data_dir: Path | None = None) -> pd.DataFrame:
    """Read and check ``data/checklists.csv``; raises :class:`ChecklistError`."""
    path = Path(data_dir or config.DATA_DIR) / FILE
    if not path.exists():
        raise ChecklistError([(None, "vis.cl_missing_file", {"file": FILE})])
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return check_checklists(raw, first_row=2)


def check_checklists(raw: pd.DataFrame, first_row: int = 1) -> pd.DataFrame:
    """Clean and check a frame of checklist items; returns it sorted and typed.

    ``first_row`` is the number a person sees for the frame's first row (2 in a CSV
    file under its header row, 1 in an on-screen table).
    """
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        raise ChecklistError([(None, "vis.cl_missing_columns", {"columns": ", ".join(missing)})])
    df = raw.loc[:, list(COLUMNS)].copy().astype(object).where(raw.notna(), "")
    for col in ("text_fa", "text_en", "source", "confidence"):
        df[col] = [normalise_persian(" ".join(str(v).split())) for v in df[col]]
    problems: list[Problem] = []
    seen: dict[tuple[int, int], int] = {}
    numbers: list[int] = []
    items: list[int] = []
    for i, r in enumerate(df.itertuples(index=False)):
        row = first_row + i
        n = _whole(r.clause_number)
        k = _whole(r.item)
        if n is None:
            problems.append((row, "vis.cl_bad_number", {"value": str(r.clause_number)}))
        if k is None:
            problems.append((row, "vis.cl_bad_item", {"value": str(r.item)}))
        for col in REQUIRED_TEXT:
            text = getattr(r, col)
            if not text:
                problems.append((row, "vis.cl_empty_text", {"column": col}))
            elif len(text) > MAX_TEXT:
                problems.append((row, "vis.cl_long_text", {"column": col, "max": MAX_TEXT}))
        for col in ("text_fa", "text_en", "source", "confidence"):
            found = control_problem(getattr(r, col))
            if found:
                problems.append((row, found[0], found[1]))
        if n is not None and k is not None:
            if (n, k) in seen:
                problems.append((row, "vis.cl_duplicate",
                                 {"number": n, "item": k, "other": seen[(n, k)]}))
            seen.setdefault((n, k), row)
        numbers.append(n or 0)
        items.append(k or 0)
    if problems:
        raise ChecklistError(problems)
    df["clause_number"] = numbers
    df["item"] = items
    return df.sort_values(["clause_number", "item"]).reset_index(drop=True)


def _whole(value: object) -> int | None:
    text = str(value).strip()
    if not text.isdecimal() or len(text) > 3:  # 1–999 (tracker.domain.limits: clause, item)
        return None
    n = int(text)
    return n if n >= 1 else None
