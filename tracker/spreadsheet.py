"""Reading an uploaded spreadsheet (Excel .xlsx or CSV) into rows of clean text.

Refuses, with a message in the reader's language (:class:`ImportRefused`), what is
not a usable template: not a spreadsheet, empty, too big, too many rows, extra,
missing or doubled columns. Headers are accepted in Persian, in English or as
column keys. Arabic letters (ي, ك) become Persian (ی, ک) and Persian or
Arabic-Indic digits become ASCII in every cell.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from datetime import date, datetime

import pandas as pd

from tracker.errors import TrackerError
from tracker.fmt import to_ascii_digits
from tracker.i18n import t
from tracker.reference import normalise_persian

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000

# Column key -> string key of its header. Headers are accepted in Persian, in
# English, or as the key itself.
COLUMNS: dict[str, str] = {
    "year": "field.year", "district": "common.district", "zone": "common.zone",
    "unit": "field.unit", "clause": "field.number", "title": "field.title",
    "status": "field.status", "progress": "field.progress", "target": "field.target",
    "achieved": "field.achieved", "measure": "field.measure", "due_date": "field.due_date",
    "blocker": "field.blocker", "notes": "field.notes", "evidence": "field.evidence",
    "responsible": "field.responsible", "contractor": "field.contractor",
    "budget": "field.budget", "version": "field.version",
}
KEYS = ("year", "district", "zone", "clause", "version")
INFO = ("unit", "title", "measure")  # shown for people; optional, never read
NUMBERS = ("progress", "target", "achieved", "budget")
TEXTS = ("responsible", "contractor", "notes", "evidence", "blocker")
EDITABLE = ("status", *NUMBERS, "due_date", *TEXTS)
REQUIRED = KEYS + EDITABLE
HEADER_ROW = 1  # the file's row numbers: the header is row 1, data starts at row 2

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"
_SPACES = re.compile(r"\s+")


class ImportRefused(TrackerError):
    """The file as a whole cannot be imported (not a spreadsheet, empty, too big,
    wrong columns); nothing was read or written."""

    def message(self, lang: str = "fa") -> str:
        params = dict(self.params)
        if "names_fa" in params:  # column names in the reader's language
            params = {"names": params["names_fa"] if lang == "fa" else params["names_en"]}
        return t(self.key, lang, **params)


# --- reading the file -----------------------------------------------------------------


def clean_text(value: object) -> str:
    """A cell as text: Persian letters, ASCII digits, no stray invisible marks or spaces."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, datetime | date):
        d = value.date() if isinstance(value, datetime) else value
        return f"{d.year:04d}/{d.month:02d}/{d.day:02d}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = to_ascii_digits(normalise_persian(str(value))).replace("٪", "%")
    return text.replace("\ufeff", "").replace("\u200f", "").replace("\u200e", "").strip()


def header_key(text: str) -> str:
    return _SPACES.sub(" ", clean_text(text).replace("\u200c", " ")).casefold()


def header_map() -> dict[str, str]:
    """Every accepted header spelling -> column key."""
    out: dict[str, str] = {}
    for key, label in COLUMNS.items():
        for spelling in (key, t(label, "fa"), t(label, "en")):
            out[header_key(spelling)] = key
    return out


def read_table(data: bytes) -> pd.DataFrame:
    """The uploaded bytes as a frame of text cells, columns named by key.

    The frame's index is the file's row number. Raises :class:`ImportRefused`.
    """
    if not data or not data.strip():
        raise ImportRefused("io.refuse.empty")
    if len(data) > MAX_BYTES:
        raise ImportRefused("io.refuse.too_big", mb=MAX_BYTES // (1024 * 1024))
    if data.startswith(_OLE):
        raise ImportRefused("io.refuse.old_excel")
    rows = _xlsx_rows(data) if data.startswith(_ZIP) else _csv_rows(data)
    rows = [(n, r) for n, r in rows if any(clean_text(v) for v in r)]
    if not rows:
        raise ImportRefused("io.refuse.empty")
    (_, header), body = rows[0], rows[1:]
    keys = _columns(header)
    if not body:
        raise ImportRefused("io.refuse.no_rows")
    if len(body) > MAX_ROWS:
        raise ImportRefused("io.refuse.too_many_rows", max=MAX_ROWS)
    width = len(header)
    cells = {}
    for number, values in body:
        padded = list(values)[:width] + [None] * (width - len(values))
        extra = [v for v in list(values)[width:] if clean_text(v)]
        if extra:
            raise ImportRefused("io.refuse.cells_outside", row=number)
        cells[number] = [clean_text(v) for v, k in zip(padded, keys, strict=True) if k]
    table = pd.DataFrame.from_dict(cells, orient="index", columns=[k for k in keys if k],
                                   dtype=object)
    table.index.name = "row"
    return table


def _columns(header: list) -> list[str | None]:
    """Column keys of the header row; INFO columns are kept as None (ignored)."""
    known = header_map()
    keys: list[str | None] = []
    extra: list[str] = []
    for cell in header:
        text = clean_text(cell)
        key = known.get(header_key(text)) if text else None
        if key is None:
            if text:
                extra.append(text)
            keys.append(None)
        else:
            keys.append(None if key in INFO else key)
    if extra:
        raise ImportRefused("io.refuse.extra_columns", names="، ".join(extra))
    present = [k for k in keys if k]
    doubled = sorted({k for k in present if present.count(k) > 1})
    if doubled:
        raise ImportRefused("io.refuse.double_columns", names=", ".join(doubled))
    missing = [k for k in REQUIRED if k not in present]
    if missing:
        raise ImportRefused("io.refuse.missing_columns",
                            names_fa="، ".join(t(COLUMNS[k], "fa") for k in missing),
                            names_en=", ".join(t(COLUMNS[k], "en") for k in missing))
    return keys


def _xlsx_rows(data: bytes) -> list[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImportRefused("io.refuse.not_spreadsheet") from None
    try:
        sheet = book.worksheets[0]
        out = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 50:
                raise ImportRefused("io.refuse.too_many_rows", max=MAX_ROWS)
            out.append((number, list(row)))
        return out
    finally:
        book.close()


def _csv_rows(data: bytes) -> list[tuple[int, list]]:
    if b"\x00" in data[:4096]:
        raise ImportRefused("io.refuse.not_spreadsheet")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1256")  # Excel's "CSV" on Persian Windows
        except UnicodeDecodeError:
            raise ImportRefused("io.refuse.not_spreadsheet") from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(enumerate(csv.reader(io.StringIO(text), dialect), start=1))
    except csv.Error:
        raise ImportRefused("io.refuse.not_spreadsheet") from None
