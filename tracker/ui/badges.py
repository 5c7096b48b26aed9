"""Counts shown beside a page's title in the navigation (``PAGE["badge"]``)."""

from __future__ import annotations

from tracker.domain.model import User
from tracker.store import inbox
from tracker.ui.context import read


def count(name: str, user: User) -> int:
    """``unread``: the person's unread inbox messages."""
    if name == "unread":
        return int(read(inbox.unread_count, user.id))
    return 0
