"""Next year's plan (pure): plan-line rules, carry-over, totals, checks, plan vs actual.

A plan line belongs to (year, unit, clause). Carry-over turns every unfinished
status record of year Y (not done, not "not applicable") into a draft line of
Y + 1 for the clause with the same number, with the remaining quantity as its
target and the record's blocked reason, contractor and responsible person.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.domain.plaintext import control_problems
from tracker.domain.validation import as_number, blank, length_problems, number_problems, trim_text

PRIORITIES = ("high", "medium", "low")
QUARTERS = ("q1", "q2", "q3", "q4")
TEXT_FIELDS = ("actions", "contractor", "owner", "notes", "blocker")
FLAGS = ("spring", *QUARTERS)
FINISHED = ("done", "not_applicable")
CHECKS = ("no_target", "no_budget", "no_owner")

Problem = tuple[str | None, str, dict]


def normalize_plan(merged: dict, changed: set[str]) -> dict:
    """A plan line after the change: trimmed text, flags as 0/1, priority as a code."""
    rec = dict(merged)
    trim_text(rec, TEXT_FIELDS)
    for name in FLAGS:
        value = rec.get(name)
        rec[name] = 1 if (value is True or (not blank(value) and value not in (0, "0", False))) \
            else 0
    if blank(rec.get("priority")):
        rec["priority"] = None
    return rec


def validate_plan(rec: dict) -> list[Problem]:
    """Every problem of the plan line ``rec`` (after normalisation)."""
    problems: list[Problem] = number_problems(rec, ("target", "budget"))
    priority = rec.get("priority")
    if priority is not None and priority not in PRIORITIES:
        problems.append(("priority", "plan.val.priority", {"value": str(priority)}))
    problems += length_problems(rec, TEXT_FIELDS)
    problems += control_problems(rec, TEXT_FIELDS)
    return problems


def remaining_quantity(target: object, achieved: object, progress: object) -> float | None:
    """What is left of a record's quantity target; None when it has no target."""
    goal = as_number(target)
    if goal is None or goal <= 0:
        return None
    done = as_number(achieved)
    if done is None:
        done = goal * (as_number(progress) or 0.0) / 100.0
    return max(0.0, goal - done)


def carry_over_lines(records: pd.DataFrame, next_clauses: pd.DataFrame,
                     from_year: int) -> pd.DataFrame:
    """Draft plan lines of ``from_year + 1`` from the records of ``from_year``.

    ``records`` needs unit_id, number, status, target, achieved, progress, blocker,
    contractor, responsible; ``next_clauses`` needs id and number. Returns one row
    per carried record: unit_id, clause_id, number, target (the remaining
    quantity), blocker, contractor, owner, carried_from.
    """
    columns = ["unit_id", "clause_id", "number", "target", "blocker", "contractor", "owner",
               "carried_from"]
    open_ = records[~records["status"].isin(FINISHED)]
    ids = next_clauses[["id", "number"]].rename(columns={"id": "clause_id"})
    df = open_.merge(ids, on="number", how="inner")
    if df.empty:
        return pd.DataFrame(columns=columns)
    remaining = [remaining_quantity(t, a, p)
                 for t, a, p in zip(df["target"], df["achieved"], df["progress"], strict=True)]
    out = pd.DataFrame({
        "unit_id": df["unit_id"].astype(int),
        "clause_id": df["clause_id"].astype(int),
        "number": df["number"].astype(int),
        "target": pd.Series(remaining, index=df.index, dtype=float),
        "blocker": df["blocker"],
        "contractor": df["contractor"],
        "owner": df["responsible"],
        "carried_from": from_year,
    }, columns=columns)
    return out.sort_values(["unit_id", "number"]).reset_index(drop=True)


def check_lines(lines: pd.DataFrame) -> pd.DataFrame:
    """The lines missing a target (blank or 0), a budget or an owner, with a flag per check."""
    target = pd.to_numeric(lines["target"], errors="coerce")
    flags = pd.DataFrame({
        "no_target": target.isna() | (target <= 0),
        "no_budget": pd.to_numeric(lines["budget"], errors="coerce").isna(),
        "no_owner": lines["owner"].map(blank).astype(bool),
    }, index=lines.index)
    out = pd.concat([lines, flags], axis=1)
    return out[flags.any(axis=1)]


def totals(lines: pd.DataFrame, by: list[str] | None = None) -> pd.DataFrame:
    """Lines, budget (rials), spring-campaign lines and lines failing a check,
    per group of ``by`` (e.g. ["district"], ["deputy"], ["number"]) or for all."""
    checked = check_lines(lines)
    df = lines.assign(
        _budget=pd.to_numeric(lines["budget"], errors="coerce").fillna(0),
        _target=pd.to_numeric(lines["target"], errors="coerce").fillna(0),
        _spring=lines["spring"].fillna(0).astype(int),
        _flagged=lines.index.isin(checked.index).astype(int),
    )
    agg = {"lines": ("_budget", "size"), "target": ("_target", "sum"),
           "budget": ("_budget", "sum"), "spring": ("_spring", "sum"),
           "flagged": ("_flagged", "sum")}
    if not by:
        row = {name: df[col].agg(fn) for name, (col, fn) in agg.items()}
        row["lines"] = len(df)
        return pd.DataFrame([row])
    return df.groupby(by, sort=True).agg(**agg).reset_index()


def plan_vs_actual(lines: pd.DataFrame, actual: pd.DataFrame) -> pd.DataFrame:
    """Each plan line with the actual progress of the same (year, unit, clause).

    ``actual`` needs unit_id, clause_id, status, achieved, progress. Adds status,
    achieved, progress and ``ratio`` (achieved / target × 100, None without a target).
    """
    acts = actual[["unit_id", "clause_id", "status", "achieved", "progress"]]
    df = lines.merge(acts, on=["unit_id", "clause_id"], how="left")
    target = pd.to_numeric(df["target"], errors="coerce")
    achieved = pd.to_numeric(df["achieved"], errors="coerce").fillna(0.0)
    df["achieved"] = achieved
    df["ratio"] = (achieved / target * 100).where(target > 0)
    return df


def plan_vs_actual_by(compared: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Plan vs actual summed per group (targets add up only within one clause)."""
    df = compared.assign(_target=pd.to_numeric(compared["target"], errors="coerce").fillna(0))
    out = df.groupby(by, sort=True).agg(lines=("_target", "size"), target=("_target", "sum"),
                                        achieved=("achieved", "sum")).reset_index()
    out["ratio"] = (out["achieved"] / out["target"] * 100).where(out["target"] > 0, np.nan)
    return out
