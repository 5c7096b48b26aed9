"""The documented range of every number a person (or a file, a link, a command) can
give the app: one place, used by validation, the grid readers, the importer, the
store's guards and the command line (pure).

A value outside its range, and ``inf`` or ``nan``, is refused with a message for
that cell or field; nothing is written. Every range stays far inside SQLite's
64-bit integers and inside the doubles that hold whole numbers exactly (2**53),
so no number reaches the database or ``int()`` that could overflow.
"""

from __future__ import annotations

import argparse
import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Range:
    """``low <= value <= high``; ``whole``: an integer; ``above_low``: strictly above ``low``."""

    low: float
    high: float
    whole: bool = False
    above_low: bool = False


MAX_QUANTITY = 10**12  # target / achieved quantity (m², metres, counts): Tehran is ~7.3e8 m²
MAX_BUDGET = 10**15  # rials, whole: under 2**53, so stored and summed exactly

RANGES: dict[str, Range] = {
    # a status record
    "target": Range(0, MAX_QUANTITY),
    "achieved": Range(0, MAX_QUANTITY),
    "progress": Range(0, 100),
    "budget": Range(0, MAX_BUDGET),
    # a clause of a program
    "weight": Range(0, 100, above_low=True),
    # keys: years, units, clauses, versions, checklist items
    "year": Range(1300, 1499, whole=True),  # Jalali program years
    "district": Range(1, 99, whole=True),
    "zone": Range(0, 99, whole=True),  # 0 = district level; unit id = district * 100 + zone
    "clause": Range(1, 999, whole=True),
    "item": Range(1, 999, whole=True),  # checklist item number
    "version": Range(0, 2**31 - 1, whole=True),
    # settings
    "stale_days": Range(1, 365, whole=True),
    "runs": Range(1, 1000, whole=True),
    "seed": Range(0, 2**31 - 1, whole=True),
}
DEFAULT = Range(0, MAX_BUDGET)  # any other number field: not negative, not absurd
# plan lines share the status record's target and budget; their quarters and the spring
# flag are 0/1 flags and their priority a code (tracker.domain.planning), not numbers.

SQL_INT = (-(2**63), 2**63 - 1)


def problem(name: str, value: float) -> tuple[str, dict] | None:
    """``None`` if ``value`` (a number already read) is within ``name``'s range, else
    ``(message key, params)``. A name without a range of its own gets :data:`DEFAULT`."""
    if isinstance(value, float) and not math.isfinite(value):
        return "val.not_a_number", {"value": str(value)}
    rng = RANGES.get(name, DEFAULT)
    if rng.whole and float(value) != int(value):
        return "guard.not_whole", {"value": show(value)}
    if name == "progress" and not rng.low <= value <= rng.high:
        return "val.progress_range", {"value": show(value)}
    if value < rng.low or (rng.above_low and value <= rng.low):
        if rng.low == 0 and not rng.above_low:
            return "val.negative", {}
        return "guard.out_of_range", {"value": show(value), "low": show(rng.low),
                                      "high": show(rng.high)}
    if value > rng.high:
        if rng.low == 0:
            return "guard.too_large", {"value": show(value), "high": show(rng.high)}
        return "guard.out_of_range", {"value": show(value), "low": show(rng.low),
                                      "high": show(rng.high)}
    return None


def within(name: str, value: object) -> bool:
    """Is ``value`` a finite number inside ``name``'s range?"""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return problem(name, value) is None


def sql_int(value: object) -> bool:
    """Can ``value`` be bound as an SQLite integer parameter without OverflowError?"""
    return isinstance(value, int) and SQL_INT[0] <= value <= SQL_INT[1]


def show(value: float) -> int | str:
    """A number for a message: whole numbers as ints (the catalogue shows them in the
    language's digits), others and huge ones as short text."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if float(value).is_integer() and abs(value) < 10**16:
        return int(value)
    return f"{float(value):g}"


def cli_int(name: str):
    """An ``argparse`` type: a whole number within ``name``'s range, or a clear error
    (never a stack trace, never an overflow later in the store)."""

    def parse(text: str) -> int:
        try:
            number = float(str(text).strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        found = problem(name, number) or (
            None if number == int(number) else ("guard.not_whole", {}))
        if found:
            rng = RANGES[name]
            raise argparse.ArgumentTypeError(
                f"{text!r}: {name} must be a whole number from {show(rng.low)} "
                f"to {show(rng.high)}")
        return int(number)

    parse.__name__ = name  # argparse names the type in its message
    return parse
