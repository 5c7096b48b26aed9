"""Stored users for the reporting-cycle tests (notifications need real recipients)."""

from __future__ import annotations

from tracker.domain.model import Grant
from tracker.store.users import create_user, get_user, system_user


def cycle_users(db) -> dict:
    """office (admin), d3 (district 3 editor), z32 (zone 3/2 editor), z31, d4."""
    sysu = system_user(db)
    specs = {"office": (Grant("admin"),), "d3": (Grant("district_editor", 3),),
             "z32": (Grant("zone_editor", 3, 2),), "z31": (Grant("zone_editor", 3, 1),),
             "d4": (Grant("district_editor", 4),)}
    out = {}
    for name, grants in specs.items():
        uid = create_user(db, sysu, f"c_{name}", f"User {name}", None, grants,
                          email=f"{name}@example.org")
        out[name] = get_user(db, uid)
    return out
