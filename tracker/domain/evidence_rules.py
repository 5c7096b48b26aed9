"""Who may see and add evidence and comments on a record, what "done" needs, and
mentions in a comment (pure; the store applies these inside every write).

Reading a record's files and thread: the coordination office (admin), inspectors and
viewers everywhere; district and zone editors within their own district. Attaching or
removing a file: whoever may edit the unit (editors on their own units, the office).
Commenting: editors on their own units, the office and inspectors everywhere; viewers
read only.
"""

from __future__ import annotations

import re

from tracker.domain.model import User
from tracker.domain.permissions import can_edit_unit, is_admin
from tracker.domain.validation import done_problem  # noqa: F401  (re-exported)

# What a "done" record needs, chosen by the office per program (year):
# any = a file, a link or a note; file_or_link = a file or a link; file = a file.
DONE_RULES = ("any", "file_or_link", "file")
DEFAULT_DONE_RULE = "any"
MAX_COMMENT = 4000
MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9][A-Za-z0-9_.\-]{0,63})")
SIDES = ("office", "unit", "inspector")


def can_read_record(user: User, district: int, zone: int) -> bool:
    """May ``user`` see this unit's evidence files and comment threads?"""
    for g in user.grants:
        if g.role in ("admin", "inspector", "viewer"):
            return True
        if g.role in ("district_editor", "zone_editor") and g.district == district:
            return True
    return False


def can_attach(user: User, district: int, zone: int) -> bool:
    """May ``user`` add or remove evidence files of this unit's records?"""
    return can_edit_unit(user, district, zone)


def comment_side(user: User, district: int, zone: int) -> str | None:
    """Who ``user`` speaks for in this unit's threads (``office``, ``inspector`` or
    ``unit``), or ``None`` when they may not comment there."""
    if is_admin(user):
        return "office"
    if user.has_role("inspector"):
        return "inspector"
    if can_edit_unit(user, district, zone):
        return "unit"
    return None


def mentions(text: str) -> list[str]:
    """The user names mentioned as ``@name`` in ``text``, each once, in order."""
    seen: list[str] = []
    for name in MENTION.findall(text or ""):
        name = name.rstrip(".-")
        if name and name.lower() not in (s.lower() for s in seen):
            seen.append(name)
    return seen
