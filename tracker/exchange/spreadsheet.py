"""Reading an uploaded spreadsheet (Excel .xlsx or CSV) into rows of clean text.

Refuses, with a message in the reader's language (:class:`ImportRefused`), what is
not a usable template: not a spreadsheet, protected, empty, past a limit of
:mod:`tracker.exchange.sheet_limits` (checked before and while reading, never after), extra,
missing or doubled columns. Headers are accepted in Persian, in English or as
column keys.

Free text (:data:`TEXTS`: notes, names, links) is kept exactly as typed (only the
spaces around it go, as when it is saved). In every other cell, where the text is
a number, a date or something matched against a name (status, headers, keys),
Arabic letters (ي, ك) become Persian (ی, ک) and Persian or Arabic-Indic digits
become ASCII.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime

import pandas as pd

from tracker.domain.fmt import to_ascii_digits
from tracker.domain.i18n import t
from tracker.exchange import sheet_limits
from tracker.exchange.exports import csv_unescape
from tracker.exchange.reference import normalise_persian
from tracker.exchange.sheet_limits import ImportRefused, Limits
from tracker.exchange.xlsx_reader import check_archive, xlsx_rows

# re-exported (and read at each call, so a test may lower them)
MAX_BYTES = sheet_limits.MAX_BYTES
MAX_ROWS = sheet_limits.MAX_ROWS
MAX_COLUMNS = sheet_limits.MAX_COLUMNS
MAX_CELL_CHARS = sheet_limits.MAX_CELL_CHARS

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

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"
_SPACES = re.compile(r"\s+")
_ENCRYPTED = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))


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


def as_text(value: object) -> str:
    """A free-text cell exactly as typed: no letter or digit is changed (a number or
    date the spreadsheet stored as such is written out as text)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return str(value).upper()
    return clean_text(value)


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
    if len(data) > MAX_BYTES:
        raise ImportRefused("io.refuse.too_big", mb=MAX_BYTES // (1024 * 1024))
    if not data or not data.strip():
        raise ImportRefused("io.refuse.empty")
    if data.startswith(_OLE):
        if any(mark in data for mark in _ENCRYPTED):  # an encrypted .xlsx
            raise ImportRefused("io.refuse.protected")
        raise ImportRefused("io.refuse.old_excel")
    limits = Limits(max_rows=MAX_ROWS, max_columns=MAX_COLUMNS, max_cell_chars=MAX_CELL_CHARS)
    stream = _xlsx_rows(data, limits) if data.startswith(_ZIP) else _csv_rows(data, limits)
    rows = [(n, r) for n, r in stream if any(clean_text(v) for v in r)]
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
        cells[number] = [as_text(v) if k in TEXTS else clean_text(v)
                         for v, k in zip(padded, keys, strict=True) if k]
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


def _xlsx_rows(data: bytes, limits: Limits) -> Iterator[tuple[int, list]]:
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportRefused("io.refuse.not_spreadsheet") from None
    with book:
        check_archive(book, limits)  # before anything is unpacked
        yield from xlsx_rows(book, limits)


def _decode(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode
    text", with a BOM or recognised by its zero bytes) or Windows Arabic (cp1256,
    whose Arabic ي and ك stand for the Persian letters it cannot hold)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        head = data[:4096]
        odd, even = head[1::2].count(0), head[0::2].count(0)  # ASCII in UTF-16: a zero byte
        if odd and not even:
            encodings = ["utf-16-le"]
        elif even and not odd:
            encodings = ["utf-16-be"]
        elif b"\x00" in head:
            raise ImportRefused("io.refuse.not_spreadsheet")
        else:
            encodings = ["utf-8-sig", "cp1256"]  # cp1256: Excel's "CSV" on Persian Windows
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp1256":  # it has no Persian ی, ک: Excel wrote Arabic ي, ك for them
            text = normalise_persian(text)
        if "\x00" in text:
            break
        return text.removeprefix("\ufeff")
    raise ImportRefused("io.refuse.not_spreadsheet")


def _csv_rows(data: bytes, limits: Limits) -> Iterator[tuple[int, list]]:
    """The rows of a CSV file, read one at a time with the same limits as a sheet.

    Line ends may be CR LF, LF or CR alone; the separator is guessed (, ; or tab).
    """
    text = _decode(data)
    try:  # only the separator is guessed: a ' is never a quote (it escapes formulas)
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    number, with_values = 0, 0
    try:
        for number, row in enumerate(reader, start=1):
            for col, cell in enumerate(row, start=1):
                if len(cell) > limits.max_cell_chars:
                    raise ImportRefused("io.refuse.cell_too_long_csv", row=number,
                                        column=col, max=limits.max_cell_chars)
                if col > limits.max_columns and cell.strip():
                    raise ImportRefused("io.refuse.too_many_columns_csv", row=number,
                                        column=col, max=limits.max_columns)
            if any(cell.strip() for cell in row):
                with_values += 1
                if with_values > limits.max_rows + 1:  # + the header row
                    raise ImportRefused("io.refuse.too_many_rows", max=limits.max_rows)
            yield number, [csv_unescape(cell) for cell in row[:limits.max_columns]]
    except csv.Error as exc:
        if "field limit" in str(exc):  # longer than csv's own limit, past ours too
            raise ImportRefused("io.refuse.cell_too_long_row", row=number + 1,
                                max=limits.max_cell_chars) from None
        raise ImportRefused("io.refuse.not_spreadsheet") from None
