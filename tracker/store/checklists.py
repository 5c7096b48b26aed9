"""The checklists in the database: read them, and let an admin replace them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import sqlite_utils

from tracker.domain.errors import PermissionDenied
from tracker.domain.model import User
from tracker.domain.permissions import can_manage
from tracker.exchange.checklists import check_checklists, load_checklists
from tracker.store.tx import frame, write_tx

_COLS = "clause_number, item, text_fa, text_en, source, confidence"


def checklist_items(db: sqlite_utils.Database, clause_number: int | None = None) -> pd.DataFrame:
    """Every checklist item (or one clause number's), in order."""
    if clause_number is None:
        return frame(db, f"SELECT {_COLS} FROM checklist_items ORDER BY clause_number, item")
    return frame(db, f"SELECT {_COLS} FROM checklist_items WHERE clause_number = ? "
                     "ORDER BY item", [clause_number])


def replace_checklists(db: sqlite_utils.Database, actor: User, items: pd.DataFrame,
                       first_row: int = 1) -> int:
    """Replace every checklist item (admins only); checked first, all or nothing.

    Raises PermissionDenied or ChecklistError. Visits keep the answers they were
    given (stored with the visit by item number).
    """
    if not can_manage(actor):
        raise PermissionDenied("vis.err.not_admin")
    clean = check_checklists(items, first_row=first_row)
    with write_tx(db, actor):
        db.execute("DELETE FROM checklist_items")
        db.conn.executemany(
            f"INSERT INTO checklist_items ({_COLS}) VALUES (?, ?, ?, ?, ?, ?)",
            [(int(r.clause_number), int(r.item), r.text_fa, r.text_en, r.source or None,
              r.confidence or None) for r in clean.itertuples(index=False)])
    return len(clean)


def load_checklists_file(db: sqlite_utils.Database, actor: User,
                         data_dir: Path | None = None) -> int:
    """Replace the checklists with ``data/checklists.csv`` (admins only)."""
    return replace_checklists(db, actor, load_checklists(data_dir), first_row=2)
