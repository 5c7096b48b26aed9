"""Uploaded evidence files, pure: what is accepted, checked by content, and what is kept.

One set of checks for every evidence file (visit evidence, files on status records and
plan lines). The type is read from the file's content, never from its name or from what
the browser says, and the content is checked for that type:

- images (JPEG, PNG; HEIC when ``pillow-heif`` is installed) are decoded in full and
  re-encoded, which drops whatever follows the image data (a PNG header followed by
  HTML is refused, a valid image with a script appended loses the script) and strips
  metadata such as GPS positions; HEIC is converted to JPEG so every browser shows it;
- a PDF is refused when it holds active content (``/JavaScript``, ``/JS``,
  ``/OpenAction``, ``/AA``, ``/Launch``, ``/EmbeddedFile``, ``/RichMedia``), also when
  hidden in compressed streams or spelt with ``#xx`` escapes;
- an Office document (.docx, .xlsx, .pptx) must be a sound zip archive whose
  ``[Content_Types].xml`` names the document's main part; macros (``vbaProject.bin``,
  macro-enabled content types) and ActiveX parts are refused.

A file name with path parts or control characters is refused (it is only ever shown,
never used as a path). Limits (environment variables, read on every check):

- ``TRACKER_UPLOAD_MAX_MB``: largest file in MB (default 10);
- ``TRACKER_UPLOAD_MAX_FILES``: files per record or visit (default 10);
- ``TRACKER_UPLOAD_TYPES``: accepted types, comma-separated among
  ``jpg,png,heic,pdf,docx,xlsx,pptx`` (default all).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass

TYPES = ("jpg", "png", "heic", "pdf", "docx", "xlsx", "pptx")
MIMES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
PICKER = {"jpg": ("jpg", "jpeg"), "png": ("png",), "heic": ("heic", "heif"), "pdf": ("pdf",),
          "docx": ("docx",), "xlsx": ("xlsx",), "pptx": ("pptx",)}
DEFAULT_MAX_MB = 10
DEFAULT_MAX_FILES = 10
MAX_NAME = 120
MAX_PIXELS = 50_000_000  # a decoded image larger than this is refused (decompression bomb)
MAX_INFLATE = 64 * 1024 * 1024  # bytes a PDF's or Office file's compressed parts may expand to
MAX_ZIP_PARTS = 5000
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")
_HEIC_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs",
                b"mif1", b"msf1")
_PDF_ACTIVE = re.compile(
    rb"/(JavaScript|JS|OpenAction|AA|Launch|EmbeddedFiles?|RichMedia)(?![A-Za-z0-9#_.-])")
_PDF_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"stream\r?\n")
_OFFICE_MAIN = {
    "wordprocessingml.document.main+xml": "docx",
    "spreadsheetml.sheet.main+xml": "xlsx",
    "presentationml.presentation.main+xml": "pptx",
}


@dataclass(frozen=True)
class Limits:
    """What an upload may be: the largest file, files per record, accepted types."""

    max_bytes: int
    max_files: int
    types: tuple[str, ...]

    @property
    def max_mb(self) -> int:
        return self.max_bytes // (1024 * 1024)


def limits() -> Limits:
    """The limits from ``TRACKER_UPLOAD_MAX_MB``, ``TRACKER_UPLOAD_MAX_FILES`` and
    ``TRACKER_UPLOAD_TYPES`` (defaults 10 MB, 10 files, every type)."""
    mb = _env_int("TRACKER_UPLOAD_MAX_MB", DEFAULT_MAX_MB)
    files = _env_int("TRACKER_UPLOAD_MAX_FILES", DEFAULT_MAX_FILES)
    raw = os.environ.get("TRACKER_UPLOAD_TYPES", "")
    wanted = tuple(x for x in (p.strip().lower() for p in raw.split(",")) if x in TYPES)
    return Limits(mb * 1024 * 1024, files, wanted or TYPES)


def picker_types(lim: Limits | None = None) -> list[str]:
    """File name endings for the uploader's file picker (a convenience, not a check)."""
    lim = lim or limits()
    return [ext for kind in lim.types for ext in PICKER[kind]]


@dataclass(frozen=True)
class Checked:
    """An accepted file: its real type, the bytes to keep (re-encoded for images),
    their size and SHA-256, and the name it is shown with."""

    mime: str
    ext: str
    shown_name: str
    data: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


Result = tuple[Checked | None, str | None, dict]


def check_upload(name: str, data: bytes, lim: Limits | None = None) -> Result:
    """Check one file: ``(Checked, None, {})`` or ``(None, problem key, params)``."""
    lim = lim or limits()
    problem = name_problem(name)
    if problem:
        return None, problem, {"name": _printable(name)}
    shown = name.strip()
    if not data:
        return None, "up.val.empty", {"name": shown}
    if len(data) > lim.max_bytes:
        return None, "up.val.too_big", {"name": shown, "max": lim.max_mb}
    kind = sniff(data)
    if kind is None or kind not in lim.types:
        return None, "up.val.type", {"name": shown, "types": ", ".join(lim.types)}
    if kind in ("jpg", "png", "heic"):
        return _image(shown, data, kind)
    if kind == "pdf":
        return _pdf(shown, data)
    return _office(shown, data, kind)


def name_problem(name: str) -> str | None:
    """The problem key of a file name with path parts, control characters, none or too
    long a name; ``None`` for a good name."""
    if not isinstance(name, str) or not name.strip():
        return "up.val.name_empty"
    if "/" in name or "\\" in name or name.strip() in (".", ".."):
        return "up.val.name_path"
    if any(unicodedata.category(ch) == "Cc" or ch in _BIDI for ch in name):
        return "up.val.name_control"
    if len(name) > MAX_NAME:
        return "up.val.name_long"
    return None


def sniff(data: bytes) -> str | None:
    """The type a file's first bytes claim (``jpg``, ``png``, ``heic``, ``pdf``, or
    ``zip`` for a possible Office document); ``None`` otherwise."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIC_BRANDS:
        return "heic"
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    return None


def heic_supported() -> bool:
    """Can HEIC photos be read (``pillow-heif`` installed)?"""
    try:
        import pillow_heif  # noqa: F401
    except ImportError:
        return False
    return True


# -- images ------------------------------------------------------------------------

def _image(shown: str, data: bytes, kind: str) -> Result:
    from PIL import Image, ImageOps

    if kind == "heic":
        if not heic_supported():
            return None, "up.val.heic", {"name": shown}
        import pillow_heif

        pillow_heif.register_heif_opener()
    expected = {"jpg": "JPEG", "png": "PNG", "heic": "HEIF"}[kind]
    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.format != expected:
                return None, "up.val.broken", {"name": shown}
            width, height = im.size
            if width * height > MAX_PIXELS:
                return None, "up.val.pixels", {"name": shown}
            im.load()
            clean = ImageOps.exif_transpose(im)
            out_kind = "png" if kind == "png" else "jpg"
            if out_kind == "jpg" and clean.mode not in ("RGB", "L"):
                clean = clean.convert("RGB")
            clean.info = {}  # no EXIF, GPS, comments or text chunks are written back
            buf = io.BytesIO()
            if out_kind == "png":
                clean.save(buf, "PNG")
            else:
                clean.save(buf, "JPEG", quality=88)
    except Exception:  # noqa: BLE001 - any decoder error means: not a sound image
        return None, "up.val.broken", {"name": shown}
    if kind == "heic":
        shown = shown.rsplit(".", 1)[0] + ".jpg"
    return _checked(shown, buf.getvalue(), out_kind), None, {}


# -- PDF ---------------------------------------------------------------------------

def pdf_active_content(data: bytes) -> str | None:
    """The first active-content name found in a PDF (also inside compressed streams and
    behind ``#xx`` escapes), ``"too_complex"`` when its streams inflate past the limit,
    ``None`` for a passive PDF."""
    found = _active_name(data)
    if found:
        return found
    import zlib

    budget = MAX_INFLATE
    for m in _STREAM.finditer(data):
        start = m.end()
        end = data.find(b"endstream", start)
        if end < 0:
            break
        try:
            inflated = zlib.decompressobj().decompress(data[start:end], budget + 1)
        except zlib.error:
            continue
        budget -= len(inflated)
        if budget < 0:
            return "too_complex"
        found = _active_name(inflated)
        if found:
            return found
    return None


def _active_name(chunk: bytes) -> str | None:
    plain = _PDF_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), chunk)
    m = _PDF_ACTIVE.search(plain)
    return m.group(1).decode() if m else None


def _pdf(shown: str, data: bytes) -> Result:
    active = pdf_active_content(data)
    if active == "too_complex":
        return None, "up.val.broken", {"name": shown}
    if active:
        return None, "up.val.pdf_active", {"name": shown, "what": active}
    return _checked(shown, data, "pdf"), None, {}


# -- Office documents --------------------------------------------------------------

def _office_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo("[Content_Types].xml")
            if info.file_size > 1024 * 1024:
                return None
            types = zf.read(info).decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError, EOFError):
        return None
    for marker, kind in _OFFICE_MAIN.items():
        if marker in types:
            return kind
    if "macroEnabled" in types:  # .docm/.xlsm/.pptm: shown as a macro refusal
        return "docx" if "wordprocessingml" in types else (
            "xlsx" if "spreadsheetml" in types else "pptx")
    return None


def _office(shown: str, data: bytes, kind: str) -> Result:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_PARTS or sum(i.file_size for i in infos) > MAX_INFLATE:
                return None, "up.val.broken", {"name": shown}
            names = [i.filename.lower() for i in infos]
            types = zf.read("[Content_Types].xml").decode("utf-8", "replace").lower()
            if zf.testzip() is not None:
                return None, "up.val.broken", {"name": shown}
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError, EOFError):
        return None, "up.val.broken", {"name": shown}
    if ("macroenabled" in types or "vbaproject" in types
            or any(n.endswith(("vbaproject.bin", "vbadata.xml")) or "/activex/" in n
                   for n in names)):
        return None, "up.val.macros", {"name": shown}
    return _checked(shown, data, kind), None, {}


# -- helpers -----------------------------------------------------------------------

def _checked(shown: str, data: bytes, ext: str) -> Checked:
    return Checked(MIMES[ext], ext, shown, data, hashlib.sha256(data).hexdigest())


def _printable(name: object) -> str:
    text = str(name or "")
    return "".join(ch if ch.isprintable() and ch not in _BIDI else "?" for ch in text)[:MAX_NAME]


def _env_int(name: str, default: int) -> int:
    try:
        value = int(os.environ.get(name, "") or default)
    except ValueError:
        return default
    return value if value > 0 else default


def thumbnail(data: bytes, size: int = 240) -> bytes:
    """A small JPEG of an accepted image (for the list of files); the image itself
    when it cannot be made smaller."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        im.thumbnail((size, size))
        if im.mode not in ("RGB", "L"):
            im = im.convert("RGB")
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=80)
    return buf.getvalue()
