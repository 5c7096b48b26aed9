"""Editing a program's clause catalogue: batch edits all or nothing, new clauses."""

import pytest

from tracker.domain.errors import PermissionDenied, TrackerError, ValidationFailed
from tracker.store import programs
from tracker.store.reference import list_clauses

YEAR = 1405


def clause(db, number):
    df = list_clauses(db, YEAR)
    return df.loc[df["number"] == number].iloc[0]


def events(db, action):
    return [e for e in programs.program_events(db, YEAR)["action"] if e == action]


def test_a_batch_of_clause_edits_is_written_and_logged(db, admin):
    a, b = clause(db, 1), clause(db, 2)
    n = programs.update_clauses(db, admin, {int(a["id"]): {"weight": 4.0},
                                            int(b["id"]): {"title_en": "Kerbs"}})
    assert n == 2
    assert clause(db, 1)["weight"] == 4.0 and clause(db, 2)["title_en"] == "Kerbs"
    assert len(events(db, "clause")) == 2


def test_one_bad_clause_refuses_the_whole_batch(db, admin):
    a, b = clause(db, 1), clause(db, 2)
    with pytest.raises(ValidationFailed) as err:
        programs.update_clauses(db, admin, {int(a["id"]): {"weight": 4.0},
                                            int(b["id"]): {"weight": 0, "deputy": "nobody"}})
    assert {(p.row, p.field) for p in err.value.problems} == {(2, "weight"), (2, "deputy")}
    assert clause(db, 1)["weight"] == a["weight"]
    assert events(db, "clause") == []


def test_only_the_coordination_office_edits_the_catalogue(db, editor3):
    with pytest.raises(PermissionDenied):
        programs.update_clauses(db, editor3, {int(clause(db, 1)["id"]): {"weight": 2.0}})


def test_a_closed_year_refuses_catalogue_edits(db, admin):
    db.execute("UPDATE programs SET closed = 1 WHERE year = ?", [YEAR])
    with pytest.raises(TrackerError):
        programs.update_clauses(db, admin, {int(clause(db, 1)["id"]): {"weight": 2.0}})


def test_a_new_clause_gets_the_next_number_and_a_record_per_unit(db, admin):
    values = {"title_fa": "بند تازه", "title_en": "New clause", "deputy": "technical",
              "measure_fa": "عدد", "measure_en": "count", "weight": 1.5}
    number = programs.add_clause(db, admin, YEAR, values)
    assert number == 21
    new = clause(db, 21)
    units = db.execute("SELECT count(*) FROM units").fetchone()[0]
    records = db.execute("SELECT count(*) FROM status WHERE clause_id = ?",
                         [int(new["id"])]).fetchone()[0]
    assert records == units
    assert events(db, "clause_added")


def test_a_new_clause_needs_titles_and_a_positive_weight(db, admin, editor3):
    values = {"title_fa": "", "title_en": "x", "deputy": "technical", "measure_fa": "عدد",
              "measure_en": "count", "weight": 0}
    with pytest.raises(ValidationFailed):
        programs.add_clause(db, admin, YEAR, values)
    with pytest.raises(PermissionDenied):
        programs.add_clause(db, editor3, YEAR, values | {"title_fa": "x", "weight": 1})
    assert len(list_clauses(db, YEAR)) == 20
