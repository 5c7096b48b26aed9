"""The demo database's accounts: one per role, with documented passwords.

Only ``tracker demo`` (and the benchmark) create them; a real deployment starts with
``tracker create-admin``, which has no default password.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.domain.model import Grant
from tracker.store.users import create_user, system_user, username_taken

if TYPE_CHECKING:
    import sqlite_utils

DEMO_ACCOUNTS = (
    # username, display name, grant
    ("admin", "مدیر نمونه (اداره کل هماهنگی)", Grant("admin")),
    ("district3", "ویرایشگر نمونهٔ منطقه ۳", Grant("district_editor", 3)),
    ("zone3-2", "ویرایشگر نمونهٔ ناحیه ۲ منطقه ۳", Grant("zone_editor", 3, 2)),
    ("inspector", "بازرس نمونه", Grant("inspector")),
    ("viewer", "بیننده نمونه (دفتر شهردار)", Grant("viewer")),
)


def demo_password(username: str) -> str:
    """The documented password of a demo account (demo databases only)."""
    return f"demo-{username}-1405"


def create_demo_accounts(db: sqlite_utils.Database) -> list[dict]:
    """One account per role for the demo database; existing ones are left alone.

    Returns ``[{"username", "password", "role", "district", "zone"}, ...]`` for
    the README. Call this only when building the demo database.
    """
    actor = system_user(db)
    out = []
    for username, display_name, grant in DEMO_ACCOUNTS:
        password = demo_password(username)
        if not username_taken(db, username):
            create_user(db, actor, username, display_name, password, (grant,))
        out.append({"username": username, "password": password, "role": grant.role,
                    "district": grant.district, "zone": grant.zone})
    return out
