"""One save, every problem: cells the grid cannot read do not hide the others."""

import pandas as pd

from tracker.grid.editing import grid_changes
from tracker.store.records import STATUS, check_changes
from tracker.store.status import unit_records

YEAR = 1405


def history_count(db):
    return db.execute("SELECT count(*) FROM history").fetchone()[0]


def test_a_bad_date_does_not_hide_the_other_problems(db):
    records: pd.DataFrame = unit_records(db, YEAR, 302)
    rows = {int(n): pos for pos, n in enumerate(records["number"])}
    edits = {
        rows[1]: {"due": "1405/13/45"},  # not a Jalali date: the grid cannot read it
        rows[2]: {"progress": "140"},
        rows[3]: {"status": "Done"},  # no evidence link and no note
        rows[4]: {"evidence": "ftp://files.example/x"},
        rows[5]: {"achieved": "-3"},
    }
    changes, unreadable = grid_changes(records, edits, "en")
    before = history_count(db)
    found = {(p.row, p.field, p.key) for p in unreadable}  # cells the grid could not take
    found |= {(p.row, p.field, p.key) for p in check_changes(db, STATUS, changes)}
    # every problem of the save at once, whichever step finds it
    assert found == {(1, "due_date", "val.bad_jalali"),
                     (2, "progress", "val.progress_range"),
                     (3, "evidence", "val.done_needs_evidence"),
                     (4, "evidence", "val.evidence_url"),
                     (5, "achieved", "val.negative")}
    assert history_count(db) == before  # checking writes nothing
