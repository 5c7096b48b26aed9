"""The shipped working checklist and its checks."""

import pandas as pd
import pytest

from tracker.exchange.checklists import COLUMNS, ChecklistError, check_checklists, load_checklists
from tracker.exchange.reference import load_reference


def test_shipped_checklist_is_valid_and_covers_every_clause_number():
    items = load_checklists()
    clauses = load_reference().clauses
    assert set(items["clause_number"]) == set(clauses["number"].astype(int))
    assert items.groupby("clause_number").size().between(2, 6).all()
    assert (items["confidence"] == "working checklist").all()
    assert items["source"].str.len().gt(0).all()


def frame(rows):
    return pd.DataFrame(rows, columns=list(COLUMNS))


def test_every_problem_is_reported_with_its_row():
    bad = frame([["1", "1", "متن", "text", "", ""],
                 ["1", "1", "متن", "text", "", ""],
                 ["x", "0", "", "text", "", ""]])
    with pytest.raises(ChecklistError) as exc:
        check_checklists(bad, first_row=2)
    keys = [(row, key) for row, key, _ in exc.value.problems]
    assert (3, "vis.cl_duplicate") in keys
    assert (4, "vis.cl_bad_number") in keys
    assert (4, "vis.cl_bad_item") in keys
    assert (4, "vis.cl_empty_text") in keys
    assert "ردیف ۳" in exc.value.message("fa")
    assert "Row 3" in exc.value.message("en")


def test_missing_columns_and_missing_file(tmp_path):
    with pytest.raises(ChecklistError) as exc:
        check_checklists(pd.DataFrame({"clause_number": ["1"]}))
    assert "text_fa" in exc.value.message("en")
    with pytest.raises(ChecklistError):
        load_checklists(tmp_path)


def test_text_is_cleaned():
    clean = check_checklists(frame([[" 2 ", "1", "  كار  ي ", "x", "", ""]]))
    assert clean.loc[0, "text_fa"] == "کار ی"
    assert clean.loc[0, "clause_number"] == 2


def test_database_starts_with_the_shipped_checklist(db):
    from tracker.store.checklists import checklist_items

    assert len(checklist_items(db)) == len(load_checklists())
    assert list(checklist_items(db, 1)["item"]) == [1, 2, 3]


def test_only_an_admin_replaces_checklists_and_bad_input_changes_nothing(db, admin, editor3):
    from tests.conftest import make_user
    from tracker.domain.errors import PermissionDenied
    from tracker.store.checklists import checklist_items, replace_checklists

    before = checklist_items(db)
    for user in (editor3, make_user("inspector", uid=910)):
        with pytest.raises(PermissionDenied):
            replace_checklists(db, user, before)
    with pytest.raises(ChecklistError):
        replace_checklists(db, admin, frame([["1", "1", "", "x", "", ""]]))
    assert len(checklist_items(db)) == len(before)
    assert replace_checklists(db, admin, frame([["1", "1", "الف", "a", "", ""],
                                                 ["1", "2", "ب", "b", "", ""]])) == 2
    assert checklist_items(db)["text_en"].tolist() == ["a", "b"]


def test_cli_reloads_the_file(db_path):
    from tracker.cli import main
    from tracker.db import connect
    from tracker.store.checklists import checklist_items

    assert main(["--db", str(db_path), "load-checklists"]) == 0
    assert len(checklist_items(connect(db_path))) == len(load_checklists())
