"""What a change to a versioned record is, and the kinds of record (pure).

A :class:`Change` is what an editor asks for; a :class:`RecordKind` says which fields a
kind of record has and how it is normalised and validated. The store's one write path
(:func:`tracker.store.records.apply_changes`) takes both; grids and imports build
changes without importing the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tracker.domain.validation import normalize_status, validate_status

Validator = Callable[[dict], list]
Normalizer = Callable[[dict, set], dict]


@dataclass(frozen=True)
class RecordKind:
    """How one kind of versioned record is stored and checked."""

    name: str  # history.kind
    table: str
    fields: tuple[str, ...]  # the editable fields
    normalize: Normalizer
    validate: Validator
    defaults: dict = field(default_factory=dict)


STATUS = RecordKind(
    name="status",
    table="status",
    fields=("status", "target", "achieved", "progress", "due_date", "responsible",
            "contractor", "budget", "notes", "evidence", "blocker"),
    normalize=normalize_status,
    validate=validate_status,
    defaults={"status": "not_started", "progress": 0.0},
)


@dataclass
class Change:
    """A change to one record, as an editor asks for it.

    ``expected_version`` is the version the editor loaded (0 for a record that
    did not exist yet); ``values`` holds only the fields the editor changed.
    ``row`` is how the person identifies the row in messages.
    """

    year: int
    unit_id: int
    clause_id: int
    expected_version: int
    values: dict
    row: object = None
