"""The parts of an .xlsx workbook around its sheet, each streamed to expat in chunks
(pure): relationships, the workbook (its first sheet, the 1904 date flag), the shared
strings and the cell styles that show dates. A document type declaration or broken XML
is refused. The sheet itself is streamed by :mod:`tracker.exchange.xlsx_reader`.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable, Iterator
from xml.parsers import expat

from tracker.exchange.exports import ooxml_unescape
from tracker.exchange.sheet_limits import ImportRefused, Limits

_CHUNK = 64 * 1024


class _TooLong:
    """A shared string past the cell limit (refused only if a cell uses it)."""


TOO_LONG = _TooLong()


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _refuse_dtd(*_args) -> None:
    raise ImportRefused("io.refuse.not_spreadsheet")


def _stream(zf: zipfile.ZipFile, path: str, start: Callable | None = None,
            end: Callable | None = None, text: Callable | None = None) -> None:
    """Feed the part ``path`` to expat in chunks; handlers get local names."""
    for _ in Chunked(zf, path, start or _ignore, end or _ignore, text or _ignore):
        pass


def _ignore(*_args) -> None:
    return None


def _attr(attrs: dict, local: str) -> str | None:
    for key, value in attrs.items():
        if _local(key) == local:
            return value
    return None


def relations(zf: zipfile.ZipFile, names: set[str], path: str,
               base: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (kind, part path) of a .rels part."""
    found: dict[str, tuple[str, str]] = {}
    if path not in names:
        return found

    def start(name: str, attrs: dict) -> None:
        if name == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            full = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(base, target))
            found[attrs.get("Id", "")] = (attrs.get("Type", "").rsplit("/", 1)[-1], full)
    _stream(zf, path, start=start)
    return found


def target(zf: zipfile.ZipFile, names: set[str], path: str, base: str,
            kind: str) -> str | None:
    for k, p in relations(zf, names, path, base).values():
        if "/" + k == kind:
            return p
    return None


def first_sheet(zf: zipfile.ZipFile, book: str,
                 targets: dict[str, tuple[str, str]]) -> tuple[str, str, bool]:
    """The first worksheet's name and part, and whether dates count from 1904."""
    sheets: list[tuple[str, str]] = []
    flags = {"1904": False}

    def start(name: str, attrs: dict) -> None:
        if name == "workbookPr":
            flags["1904"] = attrs.get("date1904", "").lower() in ("1", "true")
        elif name == "sheet":
            kind, path = targets.get(_attr(attrs, "id") or "", ("", ""))
            if kind == "worksheet":
                sheets.append((attrs.get("name", ""), path))
    _stream(zf, book, start=start)
    if not sheets:
        raise ImportRefused("io.refuse.not_spreadsheet")
    return sheets[0][0], sheets[0][1], flags["1904"]


def shared_strings(zf: zipfile.ZipFile, path: str, limits: Limits) -> list:
    """The shared strings; one past the cell limit is kept as :data:`TOO_LONG`."""
    strings: list = []
    state = {"in_t": False, "phonetic": 0, "size": 0}
    parts: list[str] = []

    def start(name: str, _attrs: dict) -> None:
        if name == "si":
            parts.clear()
            state["size"] = 0
        elif name == "rPh":
            state["phonetic"] += 1
        elif name == "t" and not state["phonetic"]:
            state["in_t"] = True

    def end(name: str) -> None:
        if name == "si":
            strings.append(TOO_LONG if state["size"] > limits.max_cell_chars
                           else ooxml_unescape("".join(parts)))
            parts.clear()
        elif name == "rPh":
            state["phonetic"] -= 1
        elif name == "t":
            state["in_t"] = False

    def text(data: str) -> None:
        if state["in_t"]:
            state["size"] += len(data)
            if state["size"] <= limits.max_cell_chars:
                parts.append(data)
            else:
                parts.clear()
    _stream(zf, path, start=start, end=end, text=text)
    return strings


def date_styles(zf: zipfile.ZipFile, path: str) -> set[int]:
    """Indexes of the cell styles whose number format shows a date."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    custom: dict[int, str] = {}
    formats: list[int] = []
    depth = {"xfs": 0}

    def start(name: str, attrs: dict) -> None:
        if name == "numFmt":
            try:
                custom[int(attrs.get("numFmtId", "-1"))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif name == "cellXfs":
            depth["xfs"] += 1
        elif name == "xf" and depth["xfs"]:
            try:
                formats.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                formats.append(0)

    def end(name: str) -> None:
        if name == "cellXfs":
            depth["xfs"] -= 1
    _stream(zf, path, start=start, end=end)
    return {i for i, fid in enumerate(formats)
            if is_date_format(custom.get(fid) or BUILTIN_FORMATS.get(fid) or "")}


class Chunked:
    """Iterating feeds the part to expat one chunk per step (so rows can be handed
    out while reading, and a refusal comes as soon as its cell is read)."""

    def __init__(self, zf: zipfile.ZipFile, path: str, start: Callable, end: Callable,
                 text: Callable) -> None:
        self.zf, self.path = zf, path
        self.parser = expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.StartDoctypeDeclHandler = _refuse_dtd
        self.parser.EntityDeclHandler = _refuse_dtd
        self.parser.StartElementHandler = lambda n, a: start(_local(n), a)
        self.parser.EndElementHandler = lambda n: end(_local(n))
        self.parser.CharacterDataHandler = text

    def __iter__(self) -> Iterator[None]:
        try:
            with self.zf.open(self.path) as part:
                while chunk := part.read(_CHUNK):
                    self.parser.Parse(chunk, False)
                    yield None
                self.parser.Parse(b"", True)
        except (expat.ExpatError, zipfile.BadZipFile, EOFError, OSError, ValueError,
                NotImplementedError):
            raise ImportRefused("io.refuse.not_spreadsheet") from None
