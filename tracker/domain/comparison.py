"""Comparing units clause by clause (pure): grid cells, side by side, lagging clauses.

Every figure is the score of :mod:`tracker.domain.rollup` (clause-weighted mean progress,
not-applicable excluded) over the records of a cell, a row or a column.

A cell of the district × clause grid holds several records (the district level and
every zone); its *status* is: blocked if any record is blocked; otherwise done if
every applicable record is done; not applicable if every record is; not started if no
applicable record has started; otherwise in progress.
"""

from __future__ import annotations

import pandas as pd

from tracker.domain.model import STATUSES
from tracker.domain.rollup import progress_by, progress_of_sums, progress_sums


def filter_records(records: pd.DataFrame, deputy: str | None = None,
                   clauses: list[int] | None = None, status: str | None = None) -> pd.DataFrame:
    """Records of one responsible deputy, some clause numbers, one status (None = all)."""
    keep = pd.Series(True, index=records.index)
    if deputy:
        keep &= records["deputy"] == deputy
    if clauses:
        keep &= records["number"].isin(clauses)
    if status:
        keep &= records["status"] == status
    return records[keep]


def cell_status(records: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """The aggregated status (see module doc) per group of ``by``: columns ``by`` + status."""
    s = records["status"]
    applicable = s != "not_applicable"
    flags = records[by].assign(
        blocked=s == "blocked",
        open_=applicable & (s != "done"),
        any_applicable=applicable,
        started=applicable & (s != "not_started"),
    )
    g = flags.groupby(by, sort=True).agg(
        blocked=("blocked", "any"), open_=("open_", "any"),
        any_applicable=("any_applicable", "any"), started=("started", "any"))
    status = pd.Series("in_progress", index=g.index)
    status[~g["started"]] = "not_started"
    status[~g["any_applicable"]] = "not_applicable"
    status[g["any_applicable"] & ~g["open_"]] = "done"
    status[g["blocked"]] = "blocked"
    return status.rename("status").reset_index()


def grid_cells(records: pd.DataFrame, row: str) -> pd.DataFrame:
    """One row per (``row``, clause number): progress, status, records, blocked."""
    cols = [row, "number", "progress", "status", "records", "blocked"]
    if records.empty:
        return pd.DataFrame(columns=cols)
    counted = progress_by(records, [row, "number"])
    scores = counted[[row, "number", "progress", "records", "blocked"]]
    if (counted[list(STATUSES)].sum(axis=1) == counted["records"]).all():
        # every record's status is a known one: the cell's status follows from the counts
        return scores.assign(status=_status_of_counts(counted))[cols]
    return scores.merge(cell_status(records, [row, "number"]), on=[row, "number"])[cols]


def _status_of_counts(counted: pd.DataFrame) -> list[str]:
    """:func:`cell_status` from the records per status of each group (same rules)."""
    n = counted["records"].to_numpy()
    applicable = n - counted["not_applicable"].to_numpy()
    blocked = counted["blocked"].to_numpy() > 0
    open_ = applicable - counted["done"].to_numpy() > 0
    started = applicable - counted["not_started"].to_numpy() > 0
    return ["blocked" if b else "done" if a > 0 and not o else "not_applicable" if a <= 0
            else "not_started" if not s else "in_progress"
            for b, a, o, s in zip(blocked, applicable, open_, started, strict=True)]


def side_by_side(records: pd.DataFrame, districts: list[int]) -> pd.DataFrame:
    """Per clause number: each district's progress (columns named by district number)
    and ``spread``, the best minus the worst of them (None if fewer than two scored)."""
    chosen = records[records["district"].isin(districts)]
    if chosen.empty:
        return pd.DataFrame(columns=["number", *districts, "spread"])
    wide = progress_by(chosen, ["number", "district"]).pivot(
        index="number", columns="district", values="progress")
    wide = wide.reindex(columns=districts).astype(float)
    spread = wide.max(axis=1) - wide.min(axis=1)
    wide["spread"] = spread.where(wide.notna().sum(axis=1) >= 2)
    wide.columns.name = None
    return wide.reset_index()


def lagging_clauses(records: pd.DataFrame, count: int = 5, per_clause: int = 3) -> pd.DataFrame:
    """The ``count`` clauses with the lowest city progress and, for each, the districts
    that pull it down most.

    A district's *pull* on a clause is how many points of the clause's city progress
    it costs: (city progress − district progress) × the district's share of the
    clause's applicable weight. Only districts below the city figure pull it down.
    Columns: number, city, district, district_progress, pull.
    """
    return lagging_of_sums(progress_sums(records, LAG_KEYS), count, per_clause)


#: the groups whose :func:`tracker.domain.rollup.progress_sums` the lagging clauses
#: are computed from (a district's records give that district's rows)
LAG_KEYS = ["district", "number"]


def lagging_of_sums(sums: pd.DataFrame, count: int = 5, per_clause: int = 3) -> pd.DataFrame:
    """:func:`lagging_clauses` from the records' ``progress_sums(records, LAG_KEYS)``
    (each district's sums, one district after another, are the city's)."""
    cols = ["number", "city", "district", "district_progress", "pull"]
    if sums.empty:
        return pd.DataFrame(columns=cols)
    city = progress_of_sums(sums, "number")[["number", "progress"]].dropna()
    worst = city.nsmallest(count, "progress").rename(columns={"progress": "city"})
    # a district's share of a clause's applicable weight (where it has applicable records)
    applicable = sums[sums["records"] > sums["not_applicable"]]
    share = applicable.set_index(["number", "district"])["_w"].sort_index()
    share = (share / share.groupby(level="number").transform("sum")).rename("share")
    per = progress_of_sums(sums, ["number", "district"])[["number", "district", "progress"]]
    per = per.merge(share.reset_index(), on=["number", "district"]).merge(worst, on="number")
    per["pull"] = (per["city"] - per["progress"]) * per["share"]
    per = per[per["pull"] > 0].rename(columns={"progress": "district_progress"})
    top = per.sort_values(["number", "pull"], ascending=[True, False])
    top = top.groupby("number").head(per_clause)
    out = worst.merge(top[["number", "district", "district_progress", "pull"]], on="number",
                      how="left")
    return out.sort_values(["city", "number", "pull"], ascending=[True, True, False])[
        cols].reset_index(drop=True)
