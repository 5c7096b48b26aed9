"""Plan-line rules, carry-over, totals, checks and plan vs actual (pure)."""

import pandas as pd
import pytest

from tracker.domain import planning
from tracker.grid import plan_grid


def _records():
    return pd.DataFrame([
        # unit, number, status, target, achieved, progress, blocker, contractor, responsible
        (300, 1, "in_progress", 100.0, 40.0, 40.0, None, "شرکت الف", "مهندس رضایی"),
        (300, 2, "done", 50.0, 50.0, 100.0, None, None, "خانم احمدی"),
        (300, 3, "not_applicable", None, None, 0.0, None, None, None),
        (300, 4, "blocked", 20.0, 5.0, 25.0, "معارض ملکی", None, "آقای موسوی"),
        (301, 1, "not_started", 80.0, None, 0.0, None, None, None),
        (301, 2, "in_progress", None, None, 30.0, None, None, None),
        (301, 9, "in_progress", 10.0, 1.0, 10.0, None, None, None),  # no clause 9 next year
    ], columns=["unit_id", "number", "status", "target", "achieved", "progress", "blocker",
                "contractor", "responsible"])


def _next_clauses():
    return pd.DataFrame({"id": [101, 102, 103, 104], "number": [1, 2, 3, 4]})


def test_carry_over_takes_exactly_the_unfinished_with_remaining_quantities():
    lines = planning.carry_over_lines(_records(), _next_clauses(), 1405)
    got = {(r.unit_id, r.clause_id): r.target for r in lines.itertuples()}
    assert set(got) == {(300, 101), (300, 104), (301, 101), (301, 102)}
    assert got[(300, 101)] == 60 and got[(300, 104)] == 15 and got[(301, 101)] == 80
    assert pd.isna(got[(301, 102)])  # no quantity target: nothing to carry as a quantity
    blocked = lines[(lines["unit_id"] == 300) & (lines["clause_id"] == 104)].iloc[0]
    assert blocked["blocker"] == "معارض ملکی" and blocked["owner"] == "آقای موسوی"
    assert set(lines["carried_from"]) == {1405}


def test_carry_over_of_nothing_unfinished_is_empty():
    done = _records().assign(status="done")
    assert planning.carry_over_lines(done, _next_clauses(), 1405).empty


@pytest.mark.parametrize("target,achieved,progress,expected", [
    (100, 40, 40, 60), (100, None, 25, 75), (100, 120, 100, 0), (None, None, 50, None),
    (0, 0, 0, None),
])
def test_remaining_quantity(target, achieved, progress, expected):
    assert planning.remaining_quantity(target, achieved, progress) == expected


def _lines():
    return pd.DataFrame({
        "district": [3, 3, 4, 4],
        "deputy": ["technical", "urban", "technical", "technical"],
        "number": [1, 2, 1, 1],
        "target": [60.0, None, 0.0, 10.0],
        "budget": [1_000_000, 2_000_000, None, 500],
        "owner": ["مهندس رضایی", "خانم احمدی", "  ", None],
        "spring": [1, 0, 0, 1],
    })


def test_check_flags_lines_without_target_budget_or_owner():
    flagged = planning.check_lines(_lines())
    assert flagged.index.tolist() == [1, 2, 3]
    assert flagged.loc[1, ["no_target", "no_budget", "no_owner"]].tolist() == [True, False,
                                                                              False]
    assert flagged.loc[2, ["no_target", "no_budget", "no_owner"]].tolist() == [True, True, True]
    assert flagged.loc[3, ["no_target", "no_budget", "no_owner"]].tolist() == [False, False,
                                                                              True]


def test_totals_agree_with_the_lines():
    lines = _lines()
    city = planning.totals(lines).iloc[0]
    assert city["lines"] == 4 and city["budget"] == 3_000_500 and city["spring"] == 2
    assert city["flagged"] == 3 and city["target"] == 70
    by_district = planning.totals(lines, ["district"]).set_index("district")
    assert by_district.loc[3, "budget"] == 3_000_000 and by_district.loc[4, "budget"] == 500
    assert by_district["lines"].sum() == city["lines"]
    assert by_district["budget"].sum() == city["budget"]
    by_deputy = planning.totals(lines, ["deputy"]).set_index("deputy")
    assert by_deputy.loc["technical", "lines"] == 3
    assert by_deputy["budget"].sum() == city["budget"]
    by_clause = planning.totals(lines, ["number"]).set_index("number")
    assert by_clause.loc[1, "target"] == 70


def test_plan_vs_actual():
    lines = pd.DataFrame({"unit_id": [300, 300, 301], "clause_id": [1, 2, 1],
                          "district": [3, 3, 3], "number": [1, 2, 1],
                          "target": [100.0, None, 50.0]})
    actual = pd.DataFrame({"unit_id": [300, 300, 301], "clause_id": [1, 2, 1],
                           "status": ["in_progress", "done", "not_started"],
                           "achieved": [40.0, 7.0, None], "progress": [40.0, 100.0, 0.0]})
    compared = planning.plan_vs_actual(lines, actual)
    assert compared["ratio"].iloc[0] == 40 and pd.isna(compared["ratio"].iloc[1])
    assert compared["achieved"].iloc[2] == 0
    per = planning.plan_vs_actual_by(compared, ["number"]).set_index("number")
    assert per.loc[1, "target"] == 150 and per.loc[1, "achieved"] == 40
    assert per.loc[1, "ratio"] == pytest.approx(40 / 150 * 100)


def test_normalize_and_validate_a_plan_line():
    rec = planning.normalize_plan({"actions": "  ", "spring": True, "q1": "1", "q2": None,
                                   "q3": 0, "q4": False, "priority": "", "target": 5,
                                   "budget": -1}, {"spring"})
    assert rec["actions"] is None and rec["spring"] == 1 and rec["q1"] == 1
    assert rec["q2"] == rec["q3"] == rec["q4"] == 0 and rec["priority"] is None
    assert planning.validate_plan(rec) == [("budget", "val.negative", {})]
    assert planning.validate_plan({"priority": "urgent"})[0][1] == "plan.val.priority"
    assert planning.validate_plan({"target": "abc"})[0][1] == "val.not_a_number"


def test_grid_changes_read_persian_input():
    base = pd.DataFrame({"year": [1406], "unit_id": [300], "clause_id": [101], "number": [1],
                         "version": [2]})
    changes, problems = plan_grid.grid_changes(base, {0: {
        "target": "۱۲۰", "budget": "۵۰۰٬۰۰۰", "priority": "بالا", "spring": True,
        "q3": True, "owner": "خانم نوری", "check": "ignored"}})
    assert not problems
    c = changes[0]
    assert c.expected_version == 2 and (c.year, c.unit_id, c.clause_id) == (1406, 300, 101)
    assert c.values == {"target": 120.0, "budget": 500000, "priority": "high", "spring": 1,
                        "q3": 1, "owner": "خانم نوری"}
    _, problems = plan_grid.grid_changes(base, {0: {"target": "ده", "priority": "فوری"}})
    assert [p.key for p in problems] == ["val.not_a_number", "plan.val.priority"]
