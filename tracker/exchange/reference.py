"""Load and check the reference data shipped in ``data/*.csv``.

Four files: deputies, units (districts and their zones), programs (one per Jalali
year) and clauses (the catalogue per program year). :func:`load_reference` reads them,
cleans the text (whitespace, Arabic ي/ك → Persian ی/ک) and checks them; if anything is
wrong it raises one :class:`ReferenceDataError` listing every problem of every file,
each with its file and spreadsheet row (the header is row 1).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tracker import config
from tracker.domain import fmt, limits
from tracker.domain.errors import TrackerError
from tracker.domain.i18n import t
from tracker.domain.model import unit_id
from tracker.domain.plaintext import control_problem

# (file name, row number or None for the whole file, (string key, params))
Problem = tuple[str, int | None, tuple[str, dict[str, object]]]

_ARABIC_TO_PERSIAN = str.maketrans({"ي": "ی", "ك": "ک"})
_WHOLE = re.compile(r"\d{1,18}")  # longer is no key of ours (and int() of 4300+ digits raises)


@dataclass(frozen=True)
class _Spec:
    """What one reference file must look like."""

    file: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    duplicate: str  # string key of the duplicate-key problem
    integers: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()


SPECS: dict[str, _Spec] = {
    "deputies": _Spec(
        "deputies.csv", ("code", "name_fa", "name_en", "source"), ("code",),
        "ref.duplicate_deputy",
    ),
    "units": _Spec(
        "units.csv",
        ("district", "zone", "name_fa", "name_en", "confidence", "source", "note"),
        ("district", "zone"), "ref.duplicate_unit",
        integers=("district", "zone"), optional=("note",),
    ),
    "programs": _Spec(
        "programs.csv", ("year", "code", "title_fa", "title_en", "note"), ("year",),
        "ref.duplicate_year", integers=("year",), optional=("note",),
    ),
    "clauses": _Spec(
        "clauses.csv",
        ("year", "number", "title_fa", "title_en", "deputy", "measure_fa", "measure_en",
         "weight", "source", "confidence"),
        ("year", "number"), "ref.duplicate_clause", integers=("year", "number"),
    ),
}


@dataclass(frozen=True)
class Reference:
    """The checked reference data, one DataFrame per file (units with an ``id``)."""

    deputies: pd.DataFrame
    units: pd.DataFrame
    programs: pd.DataFrame
    clauses: pd.DataFrame


class ReferenceDataError(TrackerError):
    """The reference files have problems; ``.problems`` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("ref.invalid", count=len(self.problems), details=self.details("en"))

    def details(self, lang: str = "fa") -> str:
        """One line per problem: file, row and what is wrong, in ``lang``."""
        return "\n".join(describe(p, lang) for p in self.problems)

    def message(self, lang: str = "fa") -> str:
        return t(self.key, lang, count=len(self.problems), details=self.details(lang))


def describe(problem: Problem, lang: str = "fa") -> str:
    """``units.csv, row 7: duplicate district/zone (3, 2)`` in ``lang``."""
    file, row, (key, params) = problem
    shown = {k: _show(v, lang) for k, v in params.items()}
    text = t(key, lang, **shown)
    if row is None:
        return t("ref.line_file", lang, file=file, problem=text)
    return t("ref.line", lang, file=file, row=row, problem=text)


def _show(value: object, lang: str) -> object:
    if isinstance(value, list | tuple):
        sep = "، " if lang == "fa" else ", "
        return sep.join(fmt.digits(v, lang) for v in value)
    return value


def normalise_persian(text: str) -> str:
    """Arabic ي and ك turned into Persian ی and ک."""
    return text.translate(_ARABIC_TO_PERSIAN)


def load_reference(data_dir: Path | None = None) -> Reference:
    """Read and check the four reference files in ``data_dir`` (default ``data/``)."""
    data_dir = Path(data_dir) if data_dir is not None else config.DATA_DIR
    frames: dict[str, pd.DataFrame | None] = {}
    problems: list[Problem] = []
    for name, spec in SPECS.items():
        frames[name], found = _read_file(data_dir / spec.file, spec)
        problems += found
    problems += _cross_problems(frames)
    if problems:
        files = [spec.file for spec in SPECS.values()]
        problems.sort(key=lambda p: (files.index(p[0]), p[1] or 0))
        raise ReferenceDataError(problems)
    units = frames["units"].astype({"district": "int64", "zone": "int64"})
    units.insert(0, "id", unit_id(units["district"], units["zone"]))
    return Reference(
        deputies=frames["deputies"],
        units=units,
        programs=frames["programs"].astype({"year": "int64"}),
        clauses=frames["clauses"].astype({"year": "int64", "number": "int64"}).assign(
            weight=lambda f: f["weight"].map(_as_weight).astype(float)
        ),
    )


def _read_file(path: Path, spec: _Spec) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The cleaned frame (integers parsed, bad ones NA) and the file's own problems."""
    if not path.is_file():
        return None, [(spec.file, None, ("ref.missing_file", {}))]
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        frame = pd.DataFrame()
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        return None, [(spec.file, None, ("ref.unreadable", {"reason": str(exc).strip()}))]
    frame.columns = [str(c).strip() for c in frame.columns]
    column_problems = _column_problems(frame, spec)
    if column_problems:
        return None, column_problems
    frame = _clean(frame[list(spec.columns)])
    problems = _row_problems(frame, spec)
    for column in spec.integers:
        frame[column] = frame[column].map(_as_int).astype("Int64")
    problems += _duplicate_problems(frame, spec)
    return frame, problems


def _column_problems(frame: pd.DataFrame, spec: _Spec) -> list[Problem]:
    missing = [c for c in spec.columns if c not in frame.columns]
    extra = [c for c in frame.columns if c not in spec.columns]
    problems: list[Problem] = []
    if missing:
        problems.append((spec.file, 1, ("ref.missing_columns", {"columns": ", ".join(missing)})))
    if extra:
        problems.append((spec.file, 1, ("ref.extra_columns", {"columns": ", ".join(extra)})))
    return problems


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    """Whitespace stripped; Arabic letter variants fixed in Persian text columns."""
    frame = frame.map(str.strip) if len(frame) else frame
    for column in frame.columns:
        if column.endswith("_fa") or column in ("note", "source"):
            frame[column] = frame[column].map(normalise_persian)
    return frame.reset_index(drop=True)


def _row_problems(frame: pd.DataFrame, spec: _Spec) -> list[Problem]:
    """Empty required values, non-integers and (clauses) bad weights, per row."""
    problems: list[Problem] = []
    for index, row in frame.iterrows():
        number = int(index) + 2
        for column in spec.columns:
            value = row[column]
            if value == "" and column not in spec.optional:
                problems.append((spec.file, number, ("ref.empty", {"column": column})))
            elif value and column in spec.integers and not limits.within(
                    "clause" if column == "number" else column, _as_int(value)):
                params = {"column": column, "value": value}  # not whole, or out of range
                problems.append((spec.file, number, ("ref.not_integer", params)))
            elif value and column == "weight" and not limits.within("weight",
                                                                    _as_weight(value)):
                problems.append((spec.file, number, ("ref.bad_weight", {"value": value})))
            elif control_problem(value):
                problems.append((spec.file, number, control_problem(value)))
    return problems


def _as_int(text: str) -> int | None:
    text = fmt.to_ascii_digits(text)
    return int(text) if _WHOLE.fullmatch(text) else None


def _as_weight(text: str) -> float | None:
    try:
        value = float(fmt.to_ascii_digits(text))
    except ValueError:
        return None
    return value if math.isfinite(value) and value > 0 else None


def _duplicate_problems(frame: pd.DataFrame, spec: _Spec) -> list[Problem]:
    """Second and later rows with a key already seen (rows with bad keys are skipped)."""
    problems: list[Problem] = []
    seen: set[tuple] = set()
    for index, row in frame.iterrows():
        key = tuple(row[c] for c in spec.key)
        if any(pd.isna(k) or k == "" for k in key):
            continue
        if key in seen:
            params = {c: int(row[c]) if c in spec.integers else row[c] for c in spec.key}
            problems.append((spec.file, int(index) + 2, (spec.duplicate, params)))
        seen.add(key)
    return problems


def _cross_problems(frames: dict[str, pd.DataFrame | None]) -> list[Problem]:
    """Checks between files, and of a district's zones; skipped for unreadable files."""
    problems: list[Problem] = []
    clauses = frames["clauses"]
    if clauses is not None and frames["deputies"] is not None:
        known = set(frames["deputies"]["code"])
        for index, deputy in clauses["deputy"].items():
            if deputy and deputy not in known:
                params = {"deputy": deputy}
                problems.append(("clauses.csv", int(index) + 2, ("ref.unknown_deputy", params)))
    if clauses is not None and frames["programs"] is not None:
        years = set(frames["programs"]["year"].dropna())
        for index, year in clauses["year"].items():
            if not pd.isna(year) and year not in years:
                params = {"year": int(year)}
                problems.append(("clauses.csv", int(index) + 2, ("ref.unknown_year", params)))
    if frames["units"] is not None:
        problems += _zone_problems(frames["units"])
    return problems


def _zone_problems(units: pd.DataFrame) -> list[Problem]:
    """Each district needs its zone 0 row and zones numbered 1..n without gaps."""
    problems: list[Problem] = []
    usable = units.dropna(subset=["district", "zone"])
    for district, group in usable.groupby("district", sort=True):
        row = int(group.index[0]) + 2
        zones = sorted({int(z) for z in group["zone"]})
        if 0 not in zones:
            params = {"district": int(district)}
            problems.append(("units.csv", row, ("ref.no_district_row", params)))
        numbered = [z for z in zones if z > 0]
        if numbered != list(range(1, len(numbered) + 1)):
            params = {"district": int(district), "zones": numbered}
            problems.append(("units.csv", row, ("ref.zone_gap", params)))
    return problems
