"""Backups that hold the evidence files too: one ``.tar`` with the database and the
upload store.

The archive holds ``tracker.db`` (a consistent online copy, :func:`backup.backup`) and
``uploads/files/<sha256>.<ext>`` (and ``uploads/visits/<name>`` of visits recorded
before the shared store). Files are content-addressed and never change, so copying
them after the database snapshot is safe. A restore checks every member first (regular
files with expected names only: no absolute paths, ``..`` or links), restores the
database through :func:`backup.restore` and puts back the files that are missing.
"""

from __future__ import annotations

import os
import re
import tarfile
import tempfile
from pathlib import Path

from tracker import config
from tracker.store import backup
from tracker.store.backup import BackupError

DB_MEMBER = "tracker.db"
_FILE = re.compile(r"^uploads/(files/[0-9a-f]{64}\.(jpg|png|pdf|docx|xlsx|pptx)"
                   r"|visits/[0-9a-f]{32}\.(jpg|png|pdf))$")


def is_archive(path: str | Path) -> bool:
    """Is ``path`` a tar archive (rather than a bare database file)?"""
    path = Path(path)
    return path.is_file() and tarfile.is_tarfile(path)


def backup_archive(source: str | Path, target: str | Path,
                   uploads_root: str | Path | None = None) -> Path:
    """Write the database ``source`` and the upload store to the tar ``target``."""
    root = Path(uploads_root or config.uploads_dir())
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with tempfile.TemporaryDirectory() as folder:
            db_copy = backup.backup(source, Path(folder) / DB_MEMBER)
            with tarfile.open(tmp, "w") as tar:
                tar.add(db_copy, arcname=DB_MEMBER)
                for sub in ("files", "visits"):
                    folder_path = root / sub
                    if not folder_path.is_dir():
                        continue
                    for path in sorted(folder_path.iterdir()):
                        name = f"uploads/{sub}/{path.name}"
                        if path.is_file() and _FILE.match(name):
                            tar.add(path, arcname=name)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def restore_archive(source: str | Path, target: str | Path,
                    uploads_root: str | Path | None = None) -> tuple[Path, int]:
    """Restore the database ``target`` and the upload store from the archive ``source``;
    returns the database path and how many files were put back."""
    source = Path(source)
    root = Path(uploads_root or config.uploads_dir())
    try:
        tar = tarfile.open(source, "r")
    except (tarfile.TarError, OSError) as exc:
        raise BackupError("ev.backup.bad_archive", path=str(source), detail=str(exc)) from None
    with tar, tempfile.TemporaryDirectory() as folder:
        members = tar.getmembers()
        names = [m.name for m in members]
        bad = [m.name for m in members if not m.isfile()
               or (m.name != DB_MEMBER and not _FILE.match(m.name))]
        if bad or names.count(DB_MEMBER) != 1:
            raise BackupError("ev.backup.bad_archive", path=str(source),
                              detail=", ".join(bad[:3]) or DB_MEMBER)
        db_file = Path(folder) / DB_MEMBER
        _extract(tar, tar.getmember(DB_MEMBER), db_file)
        backup.check(db_file)
        restored = 0
        for m in members:
            if m.name == DB_MEMBER:
                continue
            dest = root / m.name.removeprefix("uploads/")
            if dest.is_file() and dest.stat().st_size == m.size:
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            _extract(tar, m, dest)
            restored += 1
        return backup.restore(db_file, target), restored


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, dest: Path) -> None:
    """Copy one checked member's bytes to ``dest`` (via a temporary file, renamed)."""
    src = tar.extractfile(member)
    if src is None:
        raise BackupError("ev.backup.bad_archive", path=member.name, detail="not a file")
    fd, tmp_name = tempfile.mkstemp(prefix=".restore.", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as out, src:
            while chunk := src.read(1024 * 1024):
                out.write(chunk)
        os.replace(tmp_name, dest)
    finally:
        Path(tmp_name).unlink(missing_ok=True)
