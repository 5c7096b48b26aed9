"""Reading a filled template (Excel or CSV) into checked changes (pure).

:func:`read_table` (from :mod:`tracker.exchange.spreadsheet`) turns the uploaded bytes into
rows of text, refusing what is not a usable spreadsheet (:class:`ImportRefused`).
:func:`check_rows` checks every row against a :class:`Catalog` (units, programs,
clauses and current records) and the acting user, and returns the changes together
with every problem, each named by the file's row number and column. Nothing here writes:
:func:`tracker.store.exchange.run_import` writes only when there is no problem.

Free text (notes, names, links) is kept exactly as typed. In number and date
cells, and in what is matched against names (status, keys), Arabic letters (ي, ك)
become Persian (ی, ک) and Persian or Arabic-Indic digits become ASCII.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

import pandas as pd

from tracker.domain import calendar, limits
from tracker.domain.changes import STATUS, Change
from tracker.domain.errors import RowProblem
from tracker.domain.fmt import digits
from tracker.domain.i18n import t
from tracker.domain.model import STATUSES, User, unit_id, unit_parts
from tracker.domain.permissions import can_edit_unit
from tracker.domain.validation import blank, normalize_status, validate_status
from tracker.exchange.spreadsheet import (  # noqa: F401  (read_table etc. are part of this API)
    COLUMNS,
    EDITABLE,
    INFO,
    KEYS,
    MAX_BYTES,
    MAX_ROWS,
    NUMBERS,
    REQUIRED,
    TEXTS,
    ImportRefused,
    clean_text,
    header_key,
    header_map,
    read_table,
)


@dataclass
class Catalog:
    """What rows are checked against (frames from ``tracker.store.exchange.catalog``)."""

    units: pd.DataFrame  # id, district, zone
    programs: pd.DataFrame  # year, closed
    clauses: pd.DataFrame  # id, year, number
    records: pd.DataFrame  # year, unit_id, clause_id, the editable fields, version


@dataclass
class ImportResult:
    """The changes of a checked file, its problems, and how many records were written."""

    rows: int
    changes: list[Change] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    written: int = 0

    def with_problems(self, problems: list[RowProblem]) -> ImportResult:
        return replace(self, problems=list(problems), written=0)

    def written_as(self, written: int) -> ImportResult:
        return replace(self, written=written)


# --- checking the rows ----------------------------------------------------------------


def years_in(table: pd.DataFrame) -> set[int]:
    """The readable years the rows name (for loading the catalogue)."""
    return {y for y in (_as_int(v) for v in table["year"]) if limits.within("year", y)}


def check_rows(table: pd.DataFrame, catalog: Catalog, user: User) -> ImportResult:
    """Every row of ``table`` checked; changes only for rows that differ from the
    database. All problems are collected, none stops the checking.

    A row that changes nothing is not checked against the user's scope or a
    closed year, so a zone editor can fill their zone's rows of the district's
    template and leave the others as they are.
    """
    units = {(int(d), int(z)) for d, z in zip(catalog.units["district"], catalog.units["zone"],
                                               strict=True)}
    districts = {d for d, _ in units}
    closed = {int(y): bool(c) for y, c in zip(catalog.programs["year"],
                                              catalog.programs["closed"], strict=True)}
    clauses = {(int(y), int(n)): int(i) for i, y, n in
               catalog.clauses[["id", "year", "number"]].itertuples(index=False)}
    current = {(int(r["year"]), int(r["unit_id"]), int(r["clause_id"])): r
               for r in catalog.records.to_dict("records")}
    result = ImportResult(rows=len(table))
    seen: dict[tuple, int] = {}
    for number, row in table.iterrows():
        problems: list[RowProblem] = []
        key = _row_key(int(number), row, problems, districts, units, closed, clauses)
        values = _row_values(int(number), row, problems)
        if key is not None:
            if key in seen:
                problems.append(RowProblem(number, "clause", "io.val.duplicate",
                                           {"first": seen[key]}))
            seen.setdefault(key, int(number))
            change = _change(int(number), key, row, values, current.get(key), problems,
                             partial(_may_change, int(number), key, user, closed, problems))
            if change is not None and not problems:
                result.changes.append(change)
        result.problems.extend(problems)
    if result.problems:
        result.changes = []
    return result


def _row_key(number: int, row: pd.Series, problems: list[RowProblem], districts: set[int],
             units: set[tuple[int, int]], closed: dict[int, bool],
             clauses: dict) -> tuple[int, int, int] | None:
    ints = {}
    for col in ("year", "district", "zone", "clause"):
        raw = row[col]
        value = _as_int(raw)
        if value is None:
            k = "io.val.required" if not raw else "io.val.not_whole"
            problems.append(RowProblem(number, col, k, {"value": raw}))
        ints[col] = value
    year, district, zone, clause = (ints[c] for c in ("year", "district", "zone", "clause"))
    ok = True
    if year is not None and year not in closed:
        problems.append(RowProblem(number, "year", "val.unknown_year", {"year": year}))
        ok = False
    if district is not None and district not in districts:
        problems.append(RowProblem(number, "district", "io.val.unknown_district",
                                   {"value": district}))
        ok = False
    elif district is not None and zone is not None and (district, zone) not in units:
        problems.append(RowProblem(number, "zone", "io.val.unknown_zone",
                                   {"value": zone, "district": district}))
        ok = False
    if year is not None and clause is not None and (year, clause) not in clauses:
        if year in closed:
            problems.append(RowProblem(number, "clause", "io.val.unknown_clause",
                                       {"value": clause, "year": year}))
        ok = False
    if not ok or None in (year, district, zone, clause):
        return None
    return year, unit_id(district, zone), clauses[(year, clause)]


def _may_change(number: int, key: tuple[int, int, int], user: User, closed: dict[int, bool],
                problems: list[RowProblem]) -> None:
    if closed.get(key[0]):
        problems.append(RowProblem(number, "year", "err.year_closed", {"year": key[0]}))
    district, zone = unit_parts(key[1])
    if not can_edit_unit(user, district, zone):
        problems.append(RowProblem(number, "district", "io.val.out_of_scope", {}))


def _row_values(number: int, row: pd.Series, problems: list[RowProblem]) -> dict:
    values: dict = {}
    raw = row["status"]
    code = status_code(raw)
    if code is None:
        key = "io.val.required" if not raw else "val.status_unknown"
        problems.append(RowProblem(number, "status", key, {"value": raw}))
    values["status"] = code
    for col in NUMBERS:
        raw = row[col]
        if not raw:
            values[col] = None
            continue
        try:
            value = float(raw.replace(",", "").replace("%", "").strip())
        except (ValueError, OverflowError):
            problems.append(RowProblem(number, col, "val.not_a_number", {"value": raw}))
            continue
        found = limits.problem(col, value)  # nan, inf and the field's range
        if found and found[0] in ("val.not_a_number", "val.progress_range"):
            problems.append(RowProblem(number, col, found[0], {"value": raw}))
        elif found:
            problems.append(RowProblem(number, col, found[0], found[1]))
        else:
            values[col] = int(value) if col == "budget" else value
    raw = row["due_date"]
    values["due_date"] = None
    if raw:
        try:
            values["due_date"] = calendar.parse_jalali(raw).isoformat()
        except calendar.BadDate:
            problems.append(RowProblem(number, "due_date", "val.bad_jalali", {"value": raw}))
    for col in TEXTS:
        values[col] = row[col] or None
    return values


def _change(number: int, key: tuple[int, int, int], row: pd.Series, values: dict,
            current: dict | None, problems: list[RowProblem],
            may_change: Callable[[], None]) -> Change | None:
    version = _as_int(row["version"]) if row["version"] else 0
    if version is None:
        problems.append(RowProblem(number, "version", "io.val.not_whole",
                                   {"value": row["version"]}))
        return None
    base = current or {**{f: None for f in STATUS.fields}, **STATUS.defaults, "version": 0}
    diff = {f: v for f, v in values.items()
            if f in STATUS.fields and f not in {p.field for p in problems}
            and not _same(base.get(f), v)}
    if not diff:
        return None
    may_change()
    now = int(base.get("version") or 0)
    if version != now:
        problems.append(RowProblem(number, "version", "io.val.stale",
                                   {"version": now}))
        return None
    merged = {f: base.get(f) for f in STATUS.fields} | diff
    flagged = {p.field for p in problems}
    for fld, k, params in validate_status(normalize_status(merged, set(diff))):
        if fld not in flagged:
            problems.append(RowProblem(number, fld, k, params))
    return Change(year=key[0], unit_id=key[1], clause_id=key[2], expected_version=version,
                  values=diff, row=number)


def status_code(label: object) -> str | None:
    """A status label in either language (any letter variant or spacing) or its code."""
    text = header_key(str(label or ""))
    if not text:
        return None
    for code in STATUSES:
        spellings = (code, t(f"status.{code}", "fa"), t(f"status.{code}", "en"))
        if text in {header_key(s) for s in spellings}:
            return code
    return None


def _as_int(text: object) -> int | None:
    s = clean_text(text)
    if not s:
        return None
    try:
        value = float(s)
    except ValueError:
        return None
    return int(value) if value.is_integer() else None


def _same(a: object, b: object) -> bool:
    if blank(a) and blank(b):
        return True
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-9)
    return a == b


# --- showing problems -----------------------------------------------------------------


def column_label(key: str | None, lang: str) -> str:
    """A column's header as the template shows it in ``lang``."""
    if key in COLUMNS:
        return t(COLUMNS[key], lang)
    if key and f"field.{key}" in _labels():
        return t(f"field.{key}", lang)
    return ""


def _labels() -> set[str]:
    from tracker.domain.i18n import catalogue

    return set(catalogue())


def problem_table(problems: list[RowProblem], lang: str) -> pd.DataFrame:
    """Every problem as a row: the file's row, the column, the message."""
    return pd.DataFrame({
        t("io.col.row", lang): ["" if p.row is None else digits(p.row, lang) for p in problems],
        t("io.col.column", lang): [column_label(p.field, lang) for p in problems],
        t("io.col.problem", lang): [_message(p, lang) for p in problems],
    })


def _message(problem: RowProblem, lang: str) -> str:
    """The problem in ``lang``; a quoted cell is shown in the language's digits."""
    params = {k: digits(v, lang) if isinstance(v, str) else v
              for k, v in problem.params.items()}
    return t(problem.key, lang, **params)
