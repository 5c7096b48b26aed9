import pandas as pd

from tracker.grid.editing import grid_changes, grid_frame, status_code


def records():
    return pd.DataFrame({
        "id": [11, 12], "year": [1405, 1405], "unit_id": [300, 300], "clause_id": [1, 2],
        "number": [1, 2], "title_fa": ["آسفالت", "جداول"], "title_en": ["Asphalt", "Kerbs"],
        "measure_fa": ["مترمربع", "متر"], "measure_en": ["m²", "m"],
        "status": ["not_started", "in_progress"], "progress": [0.0, 40.0],
        "target": [100.0, None], "achieved": [None, None], "due_date": [None, "2026-12-21"],
        "responsible": [None, "علی"], "contractor": [None, None], "budget": [None, 5e6],
        "notes": [None, None], "evidence": [None, None], "blocker": [None, None],
        "updated_by_name": [None, "x"], "updated_at": [None, "2026-11-01T08:00:00Z"],
        "version": [0, 3],
    })


def test_grid_shows_labels_jalali_dates_and_persian_digits():
    g = grid_frame(records(), "fa")
    assert g.loc[0, "status"] == "شروع نشده"
    assert g.loc[1, "due"] == "۱۴۰۵/۰۹/۳۰"
    assert g.loc[1, "updated"].startswith("۱۴۰۵/۰۸/۱۰ ۱۱:۳۰")
    assert grid_frame(records(), "en").loc[1, "status"] == "In progress"


def test_edited_rows_become_changes_with_the_loaded_version():
    edits = {1: {"status": "انجام شده", "progress": 100, "notes": "تمام شد"}}
    changes, problems = grid_changes(records(), edits, "fa")
    assert problems == []
    (c,) = changes
    assert (c.clause_id, c.expected_version, c.row) == (2, 3, 2)
    assert c.values == {"status": "done", "progress": 100.0, "notes": "تمام شد"}


def test_jalali_due_date_is_stored_iso():
    changes, _ = grid_changes(records(), {0: {"due": "۱۴۰۵/۱۲/۲۹"}}, "fa")
    assert changes[0].values == {"due_date": "2027-03-20"}


def test_unreadable_cells_are_problems_of_their_row():
    changes, problems = grid_changes(records(), {0: {"due": "1405/13/01", "budget": "ده"}}, "en")
    assert changes == []
    assert {(p.row, p.field) for p in problems} == {(1, "due_date"), (1, "budget")}
    assert "Jalali" in problems[0].message("en") or "Jalali" in problems[1].message("en")


def test_persian_digits_in_number_cells():
    changes, _ = grid_changes(records(), {0: {"achieved": "۱۲٬۵۰۰"}}, "fa")
    assert changes[0].values == {"achieved": 12500.0}


def test_read_only_columns_are_ignored():
    changes, _ = grid_changes(records(), {0: {"title": "hacked", "updated": "x"}}, "fa")
    assert changes == []


def test_status_code_reads_both_languages():
    assert status_code("Blocked") == "blocked"
    assert status_code("متوقف") == "blocked"
    assert status_code("whatever") is None


def test_grid_shows_no_none_and_numbers_in_the_apps_digits():
    fa, en = grid_frame(records(), "fa"), grid_frame(records(), "en")
    for frame in (fa, en):
        assert not frame.isna().any().any()
        assert "None" not in frame.astype(str).to_numpy().ravel().tolist()
    assert fa.loc[0, "achieved"] == "" and fa.loc[1, "target"] == ""
    assert fa.loc[1, "budget"] == "۵٬۰۰۰٬۰۰۰" and en.loc[1, "budget"] == "5,000,000"
    assert fa.loc[1, "progress"] == "۴۰" and fa.loc[1, "number"] == "۲"


def test_persian_grid_numbers_read_back():
    edits = {0: {"target": "۱٬۲۰۰", "progress": "۴۲٫۵"}}
    changes, problems = grid_changes(records(), edits, "fa")
    assert not problems
    assert changes[0].values == {"target": 1200.0, "progress": 42.5}
