"""Verdict scores, the verified-vs-reported gap, mismatches, the action life cycle."""

from datetime import date

import pandas as pd
import pytest

from tracker.domain import verification as v


def latest(rows):
    return pd.DataFrame(rows, columns=["district", "unit_id", "clause_id", "weight", "verdict"])


def records(rows):
    return pd.DataFrame(rows, columns=["unit_id", "clause_id", "status", "progress"])


def test_verdict_scores():
    assert v.verdict_score("compliant") == 100
    assert v.verdict_score("partly") == 50
    assert v.verdict_score("non_compliant") == 0
    assert v.verdict_score("not_applicable") is None
    assert v.verdict_score(None) is None


def test_verified_score_is_weighted_and_skips_not_applicable():
    df = pd.DataFrame({"verdict": ["compliant", "non_compliant", "not_applicable"],
                       "weight": [3.0, 1.0, 10.0]})
    assert v.verified_score(df) == pytest.approx(75.0)
    assert v.verified_score(df.iloc[[2]]) is None
    assert v.verified_score(df.iloc[0:0]) is None


def test_gap_compares_the_same_records():
    lat = latest([(3, 301, 1, 2.0, "compliant"), (3, 301, 2, 2.0, "non_compliant"),
                  (3, 302, 1, 1.0, "not_applicable"), (6, 601, 1, 1.0, "partly")])
    rec = records([(301, 1, "done", 100.0), (301, 2, "done", 100.0), (302, 1, "done", 100.0),
                   (301, 3, "in_progress", 10.0),  # not verified: not in the comparison
                   (601, 1, "in_progress", 30.0)])
    gaps = v.gap_by_district(lat, rec).set_index("district")
    assert gaps.loc[3, "verified"] == pytest.approx(50.0)
    assert gaps.loc[3, "reported"] == pytest.approx(100.0)
    assert gaps.loc[3, "gap"] == pytest.approx(50.0)
    assert gaps.loc[3, "checked"] == 2
    assert gaps.loc[3, "mismatches"] == 1
    assert gaps.loc[6, "gap"] == pytest.approx(-20.0)
    assert gaps.loc[6, "mismatches"] == 0
    city = v.city_gap(lat, rec)
    # weights 2, 2, 1: verified (200 + 0 + 50) / 5, reported (200 + 200 + 30) / 5
    assert city["verified"] == pytest.approx(50.0)
    assert city["reported"] == pytest.approx(86.0)
    assert city["gap"] == pytest.approx(36.0)
    assert city["mismatches"] == 1


def test_no_verdicts_no_gap():
    empty = latest([])
    assert v.gap_by_district(empty, records([])).empty
    assert v.city_gap(empty, records([]))["gap"] is None


def test_mismatch_needs_a_high_claim_and_a_contradicting_verdict():
    lat = latest([(1, 101, c, 1.0, verdict) for c, verdict in
                  [(1, "partly"), (2, "non_compliant"), (3, "non_compliant"), (4, "compliant"),
                   (5, "partly")]])
    rec = records([(101, 1, "done", 100.0), (101, 2, "in_progress", 80.0),
                   (101, 3, "in_progress", 79.0), (101, 4, "done", 100.0),
                   (101, 5, "not_started", 0.0)])
    found = v.mismatches(lat, rec)
    assert sorted(found["clause_id"]) == [1, 2]


def test_action_life_cycle():
    assert v.next_state("open", "resolve") == "resolved"
    assert v.next_state("resolved", "confirm") == "confirmed"
    assert v.next_state("resolved", "reopen") == "open"
    for state, event in [("open", "confirm"), ("open", "reopen"), ("confirmed", "resolve"),
                         ("confirmed", "reopen"), ("resolved", "resolve")]:
        with pytest.raises(v.BadTransition) as exc:
            v.next_state(state, event)
        assert "«" in exc.value.message("fa") and "“" in exc.value.message("en")


def test_overdue_only_while_open():
    today = date(2026, 11, 21)
    assert v.is_overdue("open", "2026-11-20", today)
    assert not v.is_overdue("open", "2026-11-21", today)
    assert not v.is_overdue("resolved", "2026-01-01", today)
    assert not v.is_overdue("open", None, today)
