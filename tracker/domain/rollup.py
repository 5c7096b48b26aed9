"""Roll-ups of status records (pure functions on DataFrames).

The score of any set of records (a zone, a district, the city) is the
clause-weighted mean of their progress:

    score = Σ weight × progress / Σ weight   over records not "not applicable"

A district's records are its own district-level records plus all its zones'
records; the city's are all records. A set with no applicable record has no
score (None), never 0 or 100.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tracker.domain.model import STATUSES


@dataclass(frozen=True)
class Summary:
    """What a roll-up shows: weighted progress and counts per status."""

    progress: float | None
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    applicable: int = 0


def weighted_progress(records: pd.DataFrame) -> float | None:
    """Clause-weighted mean progress, not-applicable records excluded."""
    if records.empty:
        return None
    applicable = records[records["status"] != "not_applicable"]
    weights = applicable["weight"].astype(float)
    total = weights.sum()
    if total <= 0:
        return None
    return float((weights * applicable["progress"].fillna(0).astype(float)).sum() / total)


def status_counts(records: pd.DataFrame) -> dict[str, int]:
    """How many records are in each workflow status (every status present, 0 if none)."""
    counts = records["status"].value_counts() if not records.empty else pd.Series(dtype=int)
    return {s: int(counts.get(s, 0)) for s in STATUSES}


def summarize(records: pd.DataFrame) -> Summary:
    counts = status_counts(records)
    return Summary(
        progress=weighted_progress(records),
        counts=counts,
        total=int(len(records)),
        applicable=int(len(records)) - counts["not_applicable"],
    )


def unit_summary(records: pd.DataFrame, unit_id: int) -> Summary:
    """One unit's own records (a zone, or a district's district-level work)."""
    return summarize(records[records["unit_id"] == unit_id])


def district_summary(records: pd.DataFrame, district: int) -> Summary:
    """A district: its district-level records plus all its zones' records."""
    return summarize(records[records["district"] == district])


def city_summary(records: pd.DataFrame) -> Summary:
    """The whole city: every record of every district."""
    return summarize(records)


def progress_by(records: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    """Weighted progress and status counts grouped by a column (e.g. 'district').

    Returns one row per group: the group key(s), ``progress`` (None if nothing
    applicable), ``records``, and one column per status.
    """
    if records.empty:
        cols = ([by] if isinstance(by, str) else list(by)) + ["progress", "records", *STATUSES]
        return pd.DataFrame(columns=cols)
    return progress_of_sums(progress_sums(records, by), by)


#: the summed columns of :func:`progress_sums` besides the keys and the status counts
SUM_COLUMNS = ("_w", "_wp", "records")


def progress_sums(records: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    """What :func:`progress_by` is made of, per group of ``by`` (sorted): ``_w`` (the
    applicable weight), ``_wp`` (Σ applicable weight × progress), ``records`` and one
    count per status. Sums of disjoint sets of records (a district's each) add up to
    the sums of their union (:func:`progress_of_sums` regroups them)."""
    keys = [by] if isinstance(by, str) else list(by)
    if records.empty:
        return pd.DataFrame({c: pd.Series(dtype=float if c in ("_w", "_wp") else np.int64)
                             for c in (*keys, *SUM_COLUMNS, *STATUSES)})
    status = records["status"].to_numpy(dtype=object)
    weight = records["weight"].astype(float).to_numpy()
    applicable = status != "not_applicable"
    w = np.where(applicable, weight, 0.0)
    # one group-by sum of the weights and a 0/1 column per status (a pivot table per call
    # costs more than the whole sum on a district's records)
    df = pd.DataFrame({k: records[k].to_numpy() for k in keys})
    df["_w"] = w
    df["_wp"] = w * records["progress"].fillna(0).astype(float).to_numpy()
    df["records"] = 1
    for s in STATUSES:
        df[s] = (status == s).astype(np.int64)
    return df.groupby(keys, sort=True).sum().reset_index()


def progress_of_sums(sums: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    """:func:`progress_by` from :func:`progress_sums` (of the same keys, or of finer
    ones, which are summed by ``by`` first)."""
    keys = [by] if isinstance(by, str) else list(by)
    cols = [*SUM_COLUMNS, *STATUSES]
    if sums.empty:
        return pd.DataFrame(columns=[*keys, "progress", "records", *STATUSES])
    extra = [c for c in sums.columns if c not in keys and c not in cols]
    out = (sums.drop(columns=extra).groupby(keys, sort=True).sum() if extra
           else sums.set_index(keys).sort_index())
    out = out[cols]
    out.insert(0, "progress", (out["_wp"] / out["_w"]).where(out["_w"] > 0))
    return out.drop(columns=["_w", "_wp"]).reset_index()


def score_of_sums(sums: pd.DataFrame) -> float | None:
    """:func:`weighted_progress` of the records that :func:`progress_sums` summed."""
    if sums.empty:
        return None
    total = float(sums["_w"].sum())
    if total <= 0:
        return None
    return float(sums["_wp"].sum()) / total
