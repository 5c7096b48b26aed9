"""The audit log of accounts: who signed in, who changed which account, and how.

``audit_log`` is append-only (triggers refuse updates and deletes). :func:`record`
writes one entry inside the caller's transaction; :func:`audit_log` reads the newest.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from tracker.domain.model import User

if TYPE_CHECKING:  # the sign-in page imports this module: no pandas until a table is read
    import pandas as pd
    import sqlite_utils


def record(db: sqlite_utils.Database, actor: User | None, action: str,
           target_user_id: int | None, stamp: str, details: dict) -> None:
    """Inside an open transaction: append one entry (``actor`` None: the person signing
    in, or nobody in particular)."""
    db.execute(
        "INSERT INTO audit_log (at, actor_id, actor_name, action, target_user_id, details) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [stamp, actor.id if actor else None, actor.username if actor else None, action,
         target_user_id, json.dumps(details, ensure_ascii=False)])


def audit_log(db: sqlite_utils.Database, limit: int = 500) -> pd.DataFrame:
    """The newest ``limit`` audit entries, newest first.

    Columns: id, at, actor_id, actor_name, action, target_user_id,
    target_username, details (a dict).
    """
    import pandas as pd

    cols = ["id", "at", "actor_id", "actor_name", "action", "target_user_id",
            "target_username", "details"]
    cur = db.execute(
        "SELECT a.id, a.at, a.actor_id, a.actor_name, a.action, a.target_user_id, "
        "u.username AS target_username, a.details FROM audit_log a "
        "LEFT JOIN users u ON u.id = a.target_user_id ORDER BY a.id DESC LIMIT ?",
        [int(limit)],
    )
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    for r in rows:
        r["details"] = json.loads(r["details"] or "{}")
    return pd.DataFrame(rows, columns=cols)
