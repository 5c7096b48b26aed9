"""Field verification, pure: verdict scores, verified vs self-reported score, the gap,
claims the latest finding contradicts, and the corrective-action life cycle.

A verdict scores ``compliant`` 100, ``partly`` 50, ``non_compliant`` 0; ``not_applicable``
is left out. A set of verdicts scores their clause-weighted mean, like progress does in
:mod:`tracker.domain.rollup`. Only the *latest* verdict per (year, unit, clause) counts.

The gap compares like with like: a district's **verified** score is the weighted mean of
the latest verdicts of its units; its **reported** score is the weighted mean of its own
progress (:func:`tracker.domain.rollup.weighted_progress`) over the *same* (unit, clause) records.
``gap = reported − verified``: positive means the district claims more than was found.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from tracker.domain.errors import TrackerError
from tracker.domain.rollup import weighted_progress

VERDICT_SCORES: dict[str, float] = {"compliant": 100.0, "partly": 50.0, "non_compliant": 0.0}
CONTRADICTING = ("partly", "non_compliant")
HIGH_PROGRESS = 80.0

# (state, event) -> next state
_TRANSITIONS = {
    ("open", "resolve"): "resolved",
    ("resolved", "confirm"): "confirmed",
    ("resolved", "reopen"): "open",
}


class BadTransition(TrackerError):
    """A corrective action cannot take this step from its present state."""

    def __init__(self, state: str, event: str) -> None:
        super().__init__(f"vis.err.cannot_{event}", state=state)
        self.state = state
        self.event = event

    def message(self, lang: str = "fa") -> str:
        from tracker.domain.i18n import t

        return t(self.key, lang, state=t(f"vis.action.{self.state}", lang))


def verdict_score(verdict: str | None) -> float | None:
    """100, 50 or 0; ``None`` for not applicable or no verdict."""
    return VERDICT_SCORES.get(verdict or "")


def verified_score(verdicts: pd.DataFrame) -> float | None:
    """Clause-weighted mean score of ``verdicts`` (columns ``verdict``, ``weight``)."""
    if verdicts.empty:
        return None
    scores = verdicts["verdict"].map(VERDICT_SCORES)
    weights = verdicts["weight"].astype(float).where(scores.notna(), 0.0)
    total = float(weights.sum())
    if total <= 0:
        return None
    return float((weights * scores.fillna(0.0)).sum() / total)


def claim_vs_finding(latest: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """The latest verdicts joined to the unit's own records of the same clause.

    ``latest``: year, unit_id, clause_id, verdict, ... (one row per unit and clause);
    ``records``: unit_id, clause_id, status, progress (the status records). Returns
    ``latest`` with ``status``, ``progress``, ``score`` and ``mismatch`` added.
    """
    if latest.empty:
        return latest.assign(status=pd.Series(dtype=object), progress=pd.Series(dtype=float),
                             score=pd.Series(dtype=float), mismatch=pd.Series(dtype=bool))
    joined = latest.merge(records[["unit_id", "clause_id", "status", "progress"]],
                          on=["unit_id", "clause_id"], how="left")
    joined["score"] = joined["verdict"].map(VERDICT_SCORES)
    joined["mismatch"] = is_mismatch(joined)
    return joined


def is_mismatch(frame: pd.DataFrame) -> pd.Series:
    """Claimed done (or progress ≥ 80) while the latest verdict is partly or non-compliant."""
    claimed = (frame["status"] == "done") | (frame["progress"].fillna(0).astype(float)
                                              >= HIGH_PROGRESS)
    return (claimed & frame["verdict"].isin(CONTRADICTING)).astype(bool)


def mismatches(latest: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """Only the claims the latest finding contradicts."""
    joined = claim_vs_finding(latest, records)
    return joined[joined["mismatch"]].reset_index(drop=True)


def gap_by_district(latest: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """One row per district with verdicts: district, verified, reported, gap, checked,
    mismatches. ``latest`` needs district, weight; ``records`` as in claim_vs_finding."""
    return gaps_of(claim_vs_finding(latest, records))


GAP_COLUMNS = ["district", "verified", "reported", "gap", "checked", "mismatches"]


def gaps_of(joined: pd.DataFrame) -> pd.DataFrame:
    """:func:`gap_by_district` of claims already joined (:func:`claim_vs_finding`)."""
    if joined.empty:
        return pd.DataFrame(columns=GAP_COLUMNS)
    rows = []
    for district, part in joined.groupby("district", sort=True):
        applicable = part[part["verdict"] != "not_applicable"]
        verified = verified_score(part)
        reported = weighted_progress(
            applicable.assign(status=applicable["status"].fillna("not_started"))
        ) if not applicable.empty else None
        gap = None if verified is None or reported is None else reported - verified
        rows.append({"district": int(district), "verified": verified, "reported": reported,
                     "gap": gap, "checked": int(len(applicable)),
                     "mismatches": int(part["mismatch"].sum())})
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


def city_gap(latest: pd.DataFrame, records: pd.DataFrame) -> dict[str, float | int | None]:
    """The same figures for the whole city (every verified record)."""
    return city_gap_of(claim_vs_finding(latest, records))


def city_gap_of(joined: pd.DataFrame) -> dict[str, float | int | None]:
    """:func:`city_gap` of claims already joined (:func:`claim_vs_finding`)."""
    applicable = joined[joined["verdict"] != "not_applicable"] if not joined.empty else joined
    verified = verified_score(joined)
    reported = weighted_progress(applicable) if not applicable.empty else None
    gap = None if verified is None or reported is None else reported - verified
    return {"verified": verified, "reported": reported, "gap": gap,
            "checked": int(len(applicable)),
            "mismatches": int(joined["mismatch"].sum()) if not joined.empty else 0}


def next_state(state: str, event: str) -> str:
    """The corrective action's state after ``event`` (resolve, confirm, reopen).

    Raises :class:`BadTransition` for a step the life cycle does not allow.
    """
    nxt = _TRANSITIONS.get((state, event))
    if nxt is None:
        raise BadTransition(state, event)
    return nxt


def is_overdue(status: str, due: str | date | None, today: date) -> bool:
    """An action still open after its due date."""
    if status != "open" or due is None or due == "":
        return False
    due_date = date.fromisoformat(due) if isinstance(due, str) else due
    return due_date < today
