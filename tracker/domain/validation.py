"""Validation of a status record as it would be after a change (pure).

``normalize_status`` fills in what follows from the change (a done clause is
100 %; progress follows achieved / target when only quantities changed), and
``validate_status`` lists every problem as ``(field, string_key, params)``.
"""

from __future__ import annotations

import math
from datetime import date
from urllib.parse import urlparse

from tracker.domain import limits
from tracker.domain.model import STATUSES
from tracker.domain.plaintext import control_problems

MAX_TEXT = 2000
TEXT_FIELDS = ("responsible", "contractor", "notes", "evidence", "blocker")
NUMBER_FIELDS = ("target", "achieved", "progress", "budget")

Problem = tuple[str | None, str, dict]


def blank(value: object) -> bool:
    """None, NaN or an empty / whitespace-only string."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def is_http_url(text: str) -> bool:
    """Is ``text`` an absolute http(s) link?"""
    parsed = urlparse(text.strip())
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def normalize_status(merged: dict, changed: set[str]) -> dict:
    """The record after the change, with derived values filled in."""
    rec = dict(merged)
    trim_text(rec, TEXT_FIELDS)
    if blank(rec.get("progress")):
        rec["progress"] = 0.0
    if (
        "progress" not in changed
        and changed & {"achieved", "target"}
        and as_number(rec.get("target")) not in (None, 0.0)
        and as_number(rec.get("achieved")) is not None
    ):
        ratio = as_number(rec["achieved"]) / as_number(rec["target"]) * 100
        if not math.isnan(ratio):
            rec["progress"] = round(min(100.0, max(0.0, ratio)), 1)
    if rec.get("status") == "done" and as_number(rec.get("progress")) is not None:
        rec["progress"] = 100.0
    return rec


def validate_status(rec: dict) -> list[Problem]:
    """Every problem of the record ``rec`` (after normalisation)."""
    problems: list[Problem] = []
    status = rec.get("status")
    if status not in STATUSES:
        problems.append(("status", "val.status_unknown", {"value": str(status)}))
    problems += number_problems(rec, NUMBER_FIELDS)  # progress 0–100: tracker.domain.limits
    if status == "done":
        # "evidence_files" and "done_rule" are context the store adds (files attached,
        # the program's rule); without them a link or a note is enough, as before
        key = done_problem(str(rec.get("done_rule") or "any"),
                           int(rec.get("evidence_files") or 0), rec.get("evidence"),
                           rec.get("notes"))
        if key:
            problems.append(("evidence", key, {}))
    if status == "blocked" and blank(rec.get("blocker")):
        problems.append(("blocker", "val.blocked_needs_reason", {}))
    evidence = rec.get("evidence")
    if not blank(evidence) and not is_http_url(str(evidence)):
        problems.append(("evidence", "val.evidence_url", {}))
    due = rec.get("due_date")
    if not blank(due):
        try:
            date.fromisoformat(str(due))
        except ValueError:
            problems.append(("due_date", "val.bad_date", {"value": str(due)}))
    problems += length_problems(rec, TEXT_FIELDS)
    problems += control_problems(rec, TEXT_FIELDS)
    return problems


def done_problem(rule: str, files: int, link: object, note: object) -> str | None:
    """The problem key when a done record lacks what the program's rule asks for:
    ``any`` = a file, a link or a note; ``file_or_link``; ``file`` (an evidence file)."""
    has_file, has_link, has_note = files > 0, not blank(link), not blank(note)
    if rule == "file":
        return None if has_file else "val.done_needs_file"
    if rule == "file_or_link":
        return None if has_file or has_link else "val.done_needs_file_or_link"
    return None if has_file or has_link or has_note else "val.done_needs_evidence"


def number_problems(rec: dict, names: tuple[str, ...]) -> list[Problem]:
    """Problems of the number fields ``names`` of ``rec``: not a number (``inf`` and
    ``nan`` included), or outside the field's range in :mod:`tracker.domain.limits`
    (blank fields are fine)."""
    problems: list[Problem] = []
    for name in names:
        value = rec.get(name)
        if blank(value):
            continue
        number = as_number(value)
        if number is None:
            problems.append((name, "val.not_a_number", {"value": str(value)}))
            continue
        found = limits.problem(name, number)
        if found:
            problems.append((name, *found))
    return problems


def trim_text(rec: dict, names: tuple[str, ...]) -> None:
    """Strip the text fields ``names`` of ``rec`` in place; empty text becomes None."""
    for name in names:
        if isinstance(rec.get(name), str):
            rec[name] = rec[name].strip() or None


def length_problems(rec: dict, names: tuple[str, ...]) -> list[Problem]:
    """Problems of the text fields ``names`` of ``rec`` longer than MAX_TEXT."""
    return [(name, "val.too_long", {"max": MAX_TEXT}) for name in names
            if isinstance(rec.get(name), str) and len(rec[name]) > MAX_TEXT]


def as_number(value: object) -> float | None:
    """``value`` as a float; None when blank, not a number, NaN or infinite."""
    if blank(value) or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None

