"""The one upload store: checked evidence files kept beside the database.

Files live in ``<TRACKER_UPLOADS>/files/<sha256>.<ext>`` (content-addressed: the same
content is kept once however many records or visits refer to it). Only bytes that
passed :func:`tracker.exchange.uploads.check_upload` are put here; a name is accepted back only
when it has exactly that shape, so no caller can reach outside the folder.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from tracker import config

_NAME = re.compile(r"^[0-9a-f]{64}\.(jpg|png|pdf|docx|xlsx|pptx)$")


def root_dir(uploads_root: Path | str | None = None) -> Path:
    """The uploads folder: ``uploads_root`` or ``TRACKER_UPLOADS`` (beside the database)."""
    return Path(uploads_root or config.uploads_dir())


def files_dir(uploads_root: Path | str | None = None) -> Path:
    """Where the content-addressed files are: ``<uploads>/files``."""
    return root_dir(uploads_root) / "files"


def blob_name(sha256: str, ext: str) -> str:
    """The stored name of content with this SHA-256 and type."""
    return f"{sha256}.{ext}"


def valid_name(name: str) -> bool:
    return bool(_NAME.match(str(name or "")))


def put(data: bytes, sha256: str, ext: str,
        uploads_root: Path | str | None = None) -> tuple[str, bool]:
    """Keep ``data``; returns its stored name and whether this call created the file
    (so a rolled-back write removes only what it added). Written to a temporary file
    and renamed, so a reader never sees half a file."""
    name = blob_name(sha256, ext)
    folder = files_dir(uploads_root)
    path = folder / name
    if path.is_file():
        return name, False
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".put.", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return name, True


def get(name: str, uploads_root: Path | str | None = None) -> bytes | None:
    """The bytes of a stored file, or ``None`` (unknown shape or missing)."""
    if not valid_name(name):
        return None
    path = files_dir(uploads_root) / name
    return path.read_bytes() if path.is_file() else None


def remove(name: str, uploads_root: Path | str | None = None) -> None:
    """Delete a stored file (callers make sure nothing refers to it any more)."""
    if valid_name(name):
        (files_dir(uploads_root) / name).unlink(missing_ok=True)
