"""The cell readers and the edits-to-changes step shared by the status and plan grids."""

import math

import pandas as pd
import pytest

from tracker.domain.validation import as_number, length_problems, number_problems, trim_text
from tracker.grid.grid_edits import (
    blank_as_empty,
    edits_to_changes,
    read_jalali,
    read_number,
    read_text,
)


@pytest.mark.parametrize("raw, whole, want", [
    ("۱۲۵", False, 125.0), ("1,250.5", False, 1250.5), ("۲,۰۰۰,۰۰۰", True, 2_000_000),
    (7.9, True, 7), (None, False, None), ("  ", False, None), (math.nan, False, None),
])
def test_numbers_with_persian_digits_and_blanks(raw, whole, want):
    assert read_number(raw, 4, "budget", whole=whole) == (want, None)
    if want is not None:
        assert type(read_number(raw, 4, "budget", whole=whole)[0]) is (int if whole else float)


def test_text_in_a_number_cell_is_a_problem_of_its_row():
    value, problem = read_number("دو", 4, "budget")
    assert value is None
    assert (problem.row, problem.field, problem.key) == (4, "budget", "val.not_a_number")


def test_jalali_dates_and_blanks():
    assert read_jalali("۱۴۰۵/۱۲/۲۹", 1, "due_date") == ("2027-03-20", None)
    assert read_jalali("", 1, "due_date") == (None, None)
    value, problem = read_jalali("1405/13/01", 2, "due_date")
    assert value is None and (problem.row, problem.field, problem.key) == (2, "due_date",
                                                                          "val.bad_jalali")


def test_text_and_empty_cells():
    assert read_text("  ") == (None, None)
    assert read_text("x") == ("x", None)
    frame = pd.DataFrame({"a": [None, "t"], "b": [None, None]})
    blank_as_empty(frame, ("a",))
    assert frame["a"].tolist() == ["", "t"] and frame["b"].isna().all()


def test_edits_become_one_change_per_row_with_the_pinned_version():
    records = pd.DataFrame({"year": [1405, 1405], "unit_id": [300, 300], "clause_id": [5, 6],
                            "number": [5, 6], "version": [2, 0]})
    edits = {"1": {"x": "۳", "ignored": 1}, 0: {"x": "bad"}}
    changes, problems = edits_to_changes(
        records, edits, {"x": "field_x"},
        lambda column, raw, row: read_number(raw, row, "field_x"))
    assert [(p.row, p.key) for p in problems] == [(5, "val.not_a_number")]
    (change,) = changes
    assert (change.clause_id, change.expected_version, change.row) == (6, 0, 6)
    assert change.values == {"field_x": 3.0}


def test_shared_number_and_text_checks():
    assert as_number("nan") is None and as_number(" ") is None and as_number("2") == 2.0
    rec = {"a": "x", "b": -1, "c": None, "d": "nan", "t": "  ", "u": "y" * 2001}
    assert number_problems(rec, ("a", "b", "c", "d")) == [
        ("a", "val.not_a_number", {"value": "x"}), ("b", "val.negative", {}),
        ("d", "val.not_a_number", {"value": "nan"})]
    trim_text(rec, ("t",))
    assert rec["t"] is None
    assert length_problems(rec, ("t", "u")) == [("u", "val.too_long", {"max": 2000})]
