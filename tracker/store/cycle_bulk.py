"""Bulk loading of generated reporting-cycle data (demo and benchmark databases only):
submissions with back-dated stamps, their events, locks; users' e-mail language."""

from __future__ import annotations

import sqlite_utils

from tracker.domain.errors import PermissionDenied
from tracker.domain.model import User
from tracker.store.tx import write_tx

_SUB_COLS = ("period_id", "unit_id", "state", "no_change", "snapshot", "first_submitted_at",
             "submitted_at", "submitted_by", "submitted_by_name", "reviewed_at", "reviewed_by",
             "reviewed_by_name", "comment")
_EV_COLS = ("period_id", "unit_id", "act", "state", "at", "by_id", "by_name", "comment")


def load_generated_cycle(db: sqlite_utils.Database, submissions: list[dict],
                         events: list[dict], locks: list[tuple[int, str]]) -> int:
    """Insert generated submissions and events, then lock periods ``(id, stamp)``.
    Refuses a period that already has submissions (generated data never mixes with
    real acts)."""
    with write_tx(db):
        ids = sorted({s["period_id"] for s in submissions})
        for pid in ids:
            if db.execute("SELECT 1 FROM submissions WHERE period_id = ?", [pid]).fetchone():
                raise PermissionDenied("demo.refused")
        db.conn.executemany(
            f"INSERT INTO submissions ({', '.join(_SUB_COLS)}) VALUES "
            f"({', '.join('?' for _ in _SUB_COLS)})",
            [tuple(s.get(c) for c in _SUB_COLS) for s in submissions])
        db.conn.executemany(
            "INSERT INTO submission_events (submission_id, " + ", ".join(_EV_COLS) + ") "
            "VALUES ((SELECT id FROM submissions WHERE period_id = ? AND unit_id = ?), "
            + ", ".join("?" for _ in _EV_COLS) + ")",
            [(e["period_id"], e["unit_id"], *[e.get(c, "" if c == "comment" else None)
                                               for c in _EV_COLS]) for e in events])
        db.conn.executemany(
            "UPDATE periods SET locked_at = ?, locked_by_name = 'system' WHERE id = ? "
            "AND locked_at IS NULL", [(stamp, pid) for pid, stamp in locks])
        for pid, stamp in locks:
            db.execute("INSERT INTO submission_events (period_id, act, at, by_name) "
                       "VALUES (?, 'lock', ?, 'system')", [pid, stamp])
    return len(submissions)


def set_language(db: sqlite_utils.Database, actor: User, user_id: int, lang: str) -> None:
    """The language a person's e-mails are written in (themselves, or an admin)."""
    if lang not in ("fa", "en"):
        raise ValueError(lang)
    if actor.id != user_id and not actor.has_role("admin"):
        raise PermissionDenied("cyc.err.office_only")
    with write_tx(db):
        db.execute("UPDATE users SET lang = ? WHERE id = ?", [lang, user_id])
