"""Who may do what: pure functions over the acting user's grants.

The store calls these inside every write; pages may call them to decide what
to show, but hiding a button is never the protection.
"""

from __future__ import annotations

from tracker.domain.model import User


def is_admin(user: User) -> bool:
    return user.has_role("admin")


def can_edit_unit(user: User, district: int, zone: int) -> bool:
    """May ``user`` change a status or plan record of this unit?

    admin: every unit. district_editor: every unit of its district (district
    level and zones). zone_editor: its one zone. inspector, viewer: none.
    """
    for g in user.grants:
        if g.role == "admin":
            return True
        if g.role == "district_editor" and g.district == district:
            return True
        if g.role == "zone_editor" and g.district == district and g.zone == zone:
            return True
    return False


def can_verify(user: User) -> bool:
    """May ``user`` record field verifications (visits)?"""
    return any(g.role in ("admin", "inspector") for g in user.grants)


def can_manage(user: User) -> bool:
    """May ``user`` manage users, programs and close or reopen years?"""
    return is_admin(user)


def editable_districts(user: User) -> set[int] | None:
    """Districts where the user can edit something; ``None`` means all."""
    if is_admin(user):
        return None
    return {g.district for g in user.grants
            if g.role in ("district_editor", "zone_editor") and g.district is not None}
