"""Errors a person is shown, carrying a string key so they can be translated."""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.domain.i18n import t


class TrackerError(Exception):
    """Base: ``key`` names a string in the catalogue, ``params`` fill it in."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str = "fa") -> str:
        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")


class PermissionDenied(TrackerError):
    """The acting user may not make this change; nothing was written."""


class YearClosed(TrackerError):
    """The program year is closed: its records are read-only."""


@dataclass
class RowProblem:
    """One problem in one row of a batch (a grid save, an import)."""

    row: object  # what the person sees as the row: a clause number, a file line
    field: str | None
    key: str
    params: dict = field(default_factory=dict)

    def message(self, lang: str = "fa") -> str:
        return t(self.key, lang, **self.params)


class ValidationFailed(TrackerError):
    """Some rows are invalid; nothing of the batch was written."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__("err.validation", count=len(problems))
        self.problems = problems


@dataclass
class ConflictInfo:
    """A record changed by someone else since the editor loaded it."""

    row: object
    record_id: int
    expected_version: int
    current_version: int
    changed_by: str | None
    changed_at: str | None
    changes: dict = field(default_factory=dict)  # field -> [their value, your value]


class Conflict(TrackerError):
    """Stale version: someone saved first; nothing of the batch was written."""

    def __init__(self, conflicts: list[ConflictInfo]) -> None:
        super().__init__("err.conflict", count=len(conflicts))
        self.conflicts = conflicts
