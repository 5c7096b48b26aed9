"""The domain's vocabulary: statuses, roles and the acting user."""

from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("not_started", "in_progress", "done", "blocked", "not_applicable")
VERDICTS = ("compliant", "partly", "non_compliant", "not_applicable")
ROLES = ("admin", "district_editor", "zone_editor", "inspector", "viewer")
DISTRICT_LEVEL = 0  # zone number of a district's own district-level unit


def unit_id(district: int, zone: int = DISTRICT_LEVEL) -> int:
    """The id of a unit: ``district * 100 + zone`` (zone 0 = district level)."""
    return district * 100 + zone


def unit_parts(uid: int) -> tuple[int, int]:
    """``(district, zone)`` of a unit id."""
    return divmod(int(uid), 100)


@dataclass(frozen=True)
class Grant:
    """A role held for a scope: a district, a zone of a district, or everything."""

    role: str
    district: int | None = None
    zone: int | None = None


@dataclass(frozen=True)
class User:
    """The acting user, as every write function receives it."""

    id: int
    username: str
    display_name: str
    grants: tuple[Grant, ...] = field(default_factory=tuple)

    def has_role(self, role: str) -> bool:
        return any(g.role == role for g in self.grants)

    @property
    def roles(self) -> set[str]:
        return {g.role for g in self.grants}
