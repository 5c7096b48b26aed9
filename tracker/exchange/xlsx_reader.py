"""The first sheet of an .xlsx workbook, streamed with limits (pure).

Nothing is unpacked before the archive's directory has passed the size checks of
:mod:`tracker.exchange.sheet_limits`. Each XML part is then fed to expat in small chunks
(the parts around the sheet: :mod:`tracker.exchange.xlsx_parts`),
so memory stays small whatever the file holds: a cell longer than the limit, a
value past the last allowed column or one row too many stops the reading at
once. Only what a template needs is read: cell values (shared and inline text,
numbers, dates by their number format, booleans) and, for a formula, its saved
result; a formula saved without a result is refused, naming the cell.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime

from tracker.exchange.exports import ooxml_unescape
from tracker.exchange.sheet_limits import ImportRefused, Limits, megabytes
from tracker.exchange.xlsx_parts import (
    TOO_LONG,
    Chunked,
    date_styles,
    first_sheet,
    relations,
    shared_strings,
    target,
)

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_PATH = "xl/workbook.xml"


def check_archive(zf: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse an archive whose directory announces too much (before unpacking)."""
    parts = zf.infolist()
    if len(parts) > limits.max_parts:
        raise ImportRefused("io.refuse.too_many_parts", count=len(parts), max=limits.max_parts)
    total = 0
    for info in parts:
        if info.flag_bits & 0x1:
            raise ImportRefused("io.refuse.protected")
        size = info.file_size
        if size > limits.max_part_bytes:
            raise ImportRefused("io.refuse.part_too_big", part=info.filename,
                                size=megabytes(size), max=megabytes(limits.max_part_bytes))
        if size > limits.ratio_floor_bytes:
            ratio = size / max(1, info.compress_size)
            if ratio > limits.max_ratio:
                raise ImportRefused("io.refuse.ratio", part=info.filename, ratio=round(ratio),
                                    max=limits.max_ratio)
        total += size
        if total > limits.max_total_bytes:
            raise ImportRefused("io.refuse.total_too_big", size=megabytes(total),
                                max=megabytes(limits.max_total_bytes))


def xlsx_rows(zf: zipfile.ZipFile, limits: Limits) -> Iterator[tuple[int, list]]:
    """(row number, values) of each row of the first sheet that holds a value.

    ``zf`` must have passed :func:`check_archive`. Raises :class:`ImportRefused`.
    """
    names = set(zf.namelist())
    book = target(zf, names, "_rels/.rels", "", "/officeDocument") or _PATH
    if book not in names:
        raise ImportRefused("io.refuse.not_spreadsheet")
    rels = posixpath.join(posixpath.dirname(book), "_rels", posixpath.basename(book) + ".rels")
    targets = relations(zf, names, rels, posixpath.dirname(book))
    sheet_name, sheet_path, epoch_1904 = first_sheet(zf, book, targets)
    if sheet_path not in names:
        raise ImportRefused("io.refuse.not_spreadsheet")
    shared_path = next((p for kind, p in targets.values() if kind == "sharedStrings"), None)
    styles_path = next((p for kind, p in targets.values() if kind == "styles"), None)
    shared = shared_strings(zf, shared_path, limits) if shared_path in names else []
    dates = date_styles(zf, styles_path) if styles_path in names else set()
    yield from _SheetReader(sheet_name, shared, dates, epoch_1904, limits).rows(zf, sheet_path)


def column_index(letters: str) -> int:
    """``"A"`` → 1, ``"AB"`` → 28."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(index: int) -> str:
    """1 → ``"A"``, 28 → ``"AB"``."""
    out = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


class _SheetReader:
    """Expat handlers turning a worksheet part into rows of values."""

    def __init__(self, sheet: str, shared: list, dates: set[int], epoch_1904: bool,
                 limits: Limits) -> None:
        self.sheet, self.shared, self.dates = sheet, shared, dates
        self.epoch_1904, self.limits = epoch_1904, limits
        self.row_number = 0
        self.col = 0
        self.cells: dict[int, object] = {}
        self.done: list[tuple[int, list]] = []
        self.rows_with_values = 0
        self.rows_seen = self.cells_seen = 0
        self._cell: dict = {}
        self._into: list[str] | None = None
        self._size = 0
        self._phonetic = 0

    def rows(self, zf: zipfile.ZipFile, path: str) -> Iterator[tuple[int, list]]:
        # rows are collected per chunk by the handlers and handed out between chunks
        parser = Chunked(zf, path, self.start, self.end, self.text)
        for _ in parser:
            yield from self.done
            self.done.clear()
        yield from self.done

    # -- handlers

    def start(self, name: str, attrs: dict) -> None:
        if name == "row":
            self.rows_seen += 1
            if self.rows_seen > self.limits.max_sheet_rows:
                raise ImportRefused("io.refuse.sheet_rows", sheet=self.sheet,
                                    max=self.limits.max_sheet_rows)
            r = attrs.get("r")
            self.row_number = int(r) if r and r.isdigit() else self.row_number + 1
            self.col = 0
            self.cells = {}
        elif name == "c":
            self.cells_seen += 1
            if self.cells_seen > self.limits.max_sheet_cells:
                raise ImportRefused("io.refuse.sheet_cells", sheet=self.sheet,
                                    max=self.limits.max_sheet_cells)
            ref = attrs.get("r")
            match = _REF.match(ref) if ref else None
            self.col = column_index(match.group(1)) if match else self.col + 1
            self._cell = {"t": attrs.get("t", "n"), "s": attrs.get("s"), "v": None,
                          "f": None, "is": None}
        elif name == "rPh":
            self._phonetic += 1
        elif name in ("v", "f") and self._cell:
            self._cell[name] = []
            self._into, self._size = self._cell[name], 0
        elif name == "is" and self._cell:
            self._cell["is"] = []
        elif name == "t" and self._cell and self._cell["is"] is not None \
                and not self._phonetic:
            self._into = self._cell["is"]

    def end(self, name: str) -> None:
        if name in ("v", "f", "t"):
            self._into = None
        elif name == "rPh":
            self._phonetic -= 1
        elif name == "c":
            self._end_cell()
            self._cell = {}
        elif name == "row":
            self._end_row()

    def text(self, data: str) -> None:
        if self._into is None:
            return
        self._size += len(data)
        if self._size > self.limits.max_cell_chars:
            if self._into is self._cell.get("f"):  # only a few characters are shown
                return
            self._too_long()
        self._into.append(data)

    # -- values

    def _ref(self) -> str:
        return f"{column_letters(self.col)}{self.row_number}"

    def _too_long(self) -> None:
        raise ImportRefused("io.refuse.cell_too_long", cell=self._ref(), sheet=self.sheet,
                            max=self.limits.max_cell_chars)

    def _end_cell(self) -> None:
        cell = self._cell
        value = self._value(cell)
        if value is None or (isinstance(value, str) and not value.strip()):
            return
        if self.col > self.limits.max_columns:
            raise ImportRefused("io.refuse.too_many_columns", cell=self._ref(),
                                sheet=self.sheet, max=self.limits.max_columns)
        self.cells[self.col] = value

    def _value(self, cell: dict) -> object:
        kind = cell["t"]
        raw = "".join(cell["v"]) if cell["v"] is not None else None
        if cell["f"] is not None and not raw and kind != "str":
            formula = "".join(cell["f"])[:40]
            raise ImportRefused("io.refuse.formula_no_value", cell=self._ref(),
                                sheet=self.sheet, formula="=" + formula)
        if kind == "inlineStr":
            return ooxml_unescape("".join(cell["is"] or []))
        if raw is None or raw == "":
            return None
        try:
            if kind == "s":
                value = self.shared[int(raw)]
                if value is TOO_LONG:
                    self._too_long()
                return value
            if kind in ("str", "e"):
                return ooxml_unescape(raw)
            if kind == "b":
                return raw.strip() in ("1", "true")
            if kind == "d":
                return datetime.fromisoformat(raw)
            number = float(raw)
        except (ValueError, IndexError):
            raise ImportRefused("io.refuse.not_spreadsheet") from None
        if cell["s"] is not None and cell["s"].isdigit() and int(cell["s"]) in self.dates:
            return _excel_date(number, self.epoch_1904)
        return int(number) if number.is_integer() and abs(number) < 2 ** 53 else number

    def _end_row(self) -> None:
        if not self.cells:
            return
        self.rows_with_values += 1
        if self.rows_with_values > self.limits.max_rows + 1:  # + the header row
            raise ImportRefused("io.refuse.too_many_rows", max=self.limits.max_rows)
        width = max(self.cells)
        self.done.append((self.row_number, [self.cells.get(i) for i in range(1, width + 1)]))
        self.cells = {}


def _excel_date(number: float, epoch_1904: bool) -> object:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

    try:
        return from_excel(number, CALENDAR_MAC_1904 if epoch_1904 else CALENDAR_WINDOWS_1900)
    except (ValueError, OverflowError):
        return number
