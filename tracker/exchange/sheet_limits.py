"""Limits on an uploaded spreadsheet, and the refusal of a file past one (pure).

An editor's upload must not be able to exhaust the server, so every limit is
checked before or while the file is read, never after it has been held whole:

- the upload itself: at most :data:`MAX_BYTES` bytes;
- an .xlsx archive, before anything is unpacked (from its directory): at most
  :data:`MAX_PARTS` parts, each part at most :data:`MAX_PART_BYTES` once unpacked,
  all parts together at most :data:`MAX_TOTAL_BYTES`, and no part larger than
  :data:`RATIO_FLOOR_BYTES` unpacking to more than :data:`MAX_RATIO` times its
  packed size (ordinary workbooks pack 2 to 15 times; a "zip bomb" thousands);
- the sheet, streamed cell by cell (CSV the same): at most :data:`MAX_ROWS` data
  rows, values in at most :data:`MAX_COLUMNS` columns, and no cell longer than
  :data:`MAX_CELL_CHARS` characters (Excel's own limit for one cell); an .xlsx sheet
  may also hold at most :data:`MAX_SHEET_ROWS` rows and :data:`MAX_SHEET_CELLS` cells
  counting empty (formatted) ones, which bounds the time spent reading.

The first limit passed stops the reading at once with an :class:`ImportRefused`
that names the limit and the value found.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.domain.errors import TrackerError
from tracker.domain.i18n import t

MAX_BYTES = 5 * 1024 * 1024  # the uploaded file
MAX_PARTS = 1_000  # parts of an .xlsx archive
MAX_PART_BYTES = 50 * 1024 * 1024  # one part, unpacked (a full-city year is ~3 MB)
MAX_TOTAL_BYTES = 100 * 1024 * 1024  # all parts, unpacked
MAX_RATIO = 100  # unpacked / packed size of one part ...
RATIO_FLOOR_BYTES = 1024 * 1024  # ... checked for parts larger than this, unpacked
MAX_ROWS = 10_000  # data rows (the header row not counted)
MAX_COLUMNS = 50  # columns holding a value (the template has 19)
MAX_CELL_CHARS = 32_767  # characters in one cell
MAX_SHEET_ROWS = 100_000  # rows of an .xlsx sheet, empty ones included
MAX_SHEET_CELLS = 1_000_000  # cells of an .xlsx sheet, empty (formatted) ones included


@dataclass(frozen=True)
class Limits:
    """The limits one reading applies (the module's constants by default)."""

    max_rows: int = MAX_ROWS
    max_columns: int = MAX_COLUMNS
    max_cell_chars: int = MAX_CELL_CHARS
    max_sheet_rows: int = MAX_SHEET_ROWS
    max_sheet_cells: int = MAX_SHEET_CELLS
    max_parts: int = MAX_PARTS
    max_part_bytes: int = MAX_PART_BYTES
    max_total_bytes: int = MAX_TOTAL_BYTES
    max_ratio: int = MAX_RATIO
    ratio_floor_bytes: int = RATIO_FLOOR_BYTES


class ImportRefused(TrackerError):
    """The file as a whole cannot be imported (not a spreadsheet, empty, too big,
    past a limit, wrong columns); nothing was written."""

    def message(self, lang: str = "fa") -> str:
        params = dict(self.params)
        if "names_fa" in params:  # column names in the reader's language
            params = {"names": params["names_fa"] if lang == "fa" else params["names_en"]}
        return t(self.key, lang, **params)


def megabytes(size: int) -> float | int:
    """``size`` bytes in MB, for messages: whole above 10, else one decimal."""
    mb = size / (1024 * 1024)
    return round(mb) if mb >= 10 else round(mb, 1)
