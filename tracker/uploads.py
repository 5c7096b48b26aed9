"""Evidence files of field visits, pure: what is accepted, and under which name it is kept.

The type is read from the file's first bytes, never from its name or from what the
browser says, so a renamed program is refused. Files are stored under a generated name
(``<random hex>.<ext>``); the uploader's file name is only ever shown, never a path.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

MAX_BYTES = 5 * 1024 * 1024  # 5 MB per file
MAX_FILES = 10  # per visit
ACCEPTED = ("png", "jpg", "jpeg", "pdf")  # for the uploader's file picker
MAX_NAME = 120

_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"%PDF-", "application/pdf", "pdf"),
)


@dataclass(frozen=True)
class Checked:
    """An accepted file: its real type, the extension it is stored with, a shown name."""

    mime: str
    ext: str
    shown_name: str
    size: int


def sniff(data: bytes) -> tuple[str, str] | None:
    """``(mime, ext)`` of a PNG, JPEG or PDF by its first bytes; ``None`` otherwise."""
    for magic, mime, ext in _SIGNATURES:
        if data.startswith(magic):
            return mime, ext
    return None


def check_upload(name: str, data: bytes) -> tuple[Checked | None, str | None, dict]:
    """Check one file: ``(Checked, None, {})`` or ``(None, problem key, params)``."""
    shown = shown_name(name)
    if not data:
        return None, "vis.val.file_empty", {"name": shown}
    if len(data) > MAX_BYTES:
        return None, "vis.val.file_too_big", {"name": shown, "max": MAX_BYTES // (1024 * 1024)}
    kind = sniff(data)
    if kind is None:
        return None, "vis.val.file_type", {"name": shown}
    return Checked(kind[0], kind[1], shown, len(data)), None, {}


def shown_name(name: str) -> str:
    """The uploader's file name, reduced to its last part and cut to a sane length."""
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    base = "".join(ch for ch in base if ch.isprintable()) or "file"
    return base[:MAX_NAME]


def stored_name(ext: str) -> str:
    """A fresh, unguessable file name: 32 hex digits and the extension."""
    return f"{secrets.token_hex(16)}.{ext}"
