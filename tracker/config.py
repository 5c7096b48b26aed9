"""Configuration: environment variables with embedded defaults."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
FONT_DIR = Path(__file__).resolve().parent / "fonts"


def db_path() -> Path:
    """The database file: ``TRACKER_DB`` or ``data/tracker.db``."""
    return Path(os.environ.get("TRACKER_DB") or DATA_DIR / "tracker.db")


def stale_days() -> int:
    """Days without an update after which a unit's data counts as stale."""
    return int(os.environ.get("TRACKER_STALE_DAYS", "30"))


def idle_minutes() -> int:
    """Minutes of inactivity after which a signed-in session is signed out."""
    return int(os.environ.get("TRACKER_IDLE_MINUTES", "30"))


def uploads_dir() -> Path:
    """Where uploaded evidence files are kept: beside the database."""
    return Path(os.environ.get("TRACKER_UPLOADS") or db_path().parent / "uploads")


def session_days() -> int:
    """Days a sign-in lasts at most (the idle timeout ends it sooner)."""
    return int(os.environ.get("TRACKER_SESSION_DAYS", "14"))


def trusted_proxies() -> int:
    """How many reverse proxies in front of the app append to ``X-Forwarded-For``
    (``TRACKER_TRUSTED_PROXIES``, 0 to 10; anything else counts as 0)."""
    try:
        return max(0, min(int(os.environ.get("TRACKER_TRUSTED_PROXIES", "0")), 10))
    except ValueError:
        return 0
