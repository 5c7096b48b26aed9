"""Every number field has a range (tracker.domain.limits): out of range, inf, nan, 1e30, 2**63
and a 23-digit year get a per-cell/per-field message, write nothing and never raise
OverflowError (issue 13, item 4)."""

from __future__ import annotations

import pytest

from tests.conftest import make_user
from tracker.cli import main
from tracker.domain import limits
from tracker.domain.errors import ValidationFailed
from tracker.domain.i18n import t
from tracker.domain.model import Grant
from tracker.domain.validation import validate_status
from tracker.grid.editing import edits_to_changes as status_edits  # noqa: F401
from tracker.grid.grid_edits import read_number
from tracker.store import programs, users
from tracker.store.plans import PLAN
from tracker.store.records import STATUS, Change, apply_changes
from tracker.store.tx import revision

HOSTILE = ["inf", "-inf", "nan", "1e30", str(2**63), "99999999999999999999999", "1e400",
           float("inf"), 1e30, 2**63, 10**23]
# a float NaN is how a grid or a DataFrame says "empty": it clears a field, it is no number


@pytest.mark.parametrize("field", ["target", "achieved", "progress", "budget"])
@pytest.mark.parametrize("raw", HOSTILE[:7])
def test_grid_cells_get_a_message_not_an_exception(field, raw):
    value, problem = read_number(raw, 4, field, whole=field == "budget")
    assert value is None and problem is not None
    assert (problem.row, problem.field) == (4, field)
    for lang in ("fa", "en"):
        assert problem.message(lang)


def test_ranges_in_the_grid_reader():
    assert read_number("100", 1, "progress") == (100.0, None)
    assert read_number("100.5", 1, "progress")[1].key == "val.progress_range"
    assert read_number("1,000,000,000,000,000", 1, "budget", whole=True) == (10**15, None)
    assert read_number("1,000,000,000,000,001", 1, "budget", whole=True)[1].key == \
        "guard.too_large"
    assert read_number("۲۵", 1, "target") == (25.0, None)


@pytest.mark.parametrize("raw", HOSTILE)
@pytest.mark.parametrize("field", ["target", "achieved", "budget"])
def test_validation_refuses_every_hostile_number(field, raw):
    rec = {"status": "in_progress", "progress": 10.0, field: raw}
    problems = [p for p in validate_status(rec) if p[0] == field]
    assert len(problems) == 1, problems
    key, params = problems[0][1], problems[0][2]
    assert key in ("val.not_a_number", "guard.too_large", "val.negative")
    assert t(key, "fa", **params) and t(key, "en", **params)


def _first(db, year=1405, unit=300):
    return db.execute("SELECT clause_id, version FROM status WHERE year = ? AND unit_id = ? "
                      "ORDER BY clause_id LIMIT 1", [year, unit]).fetchone()


@pytest.mark.parametrize("raw", HOSTILE)
def test_the_store_refuses_hostile_numbers_and_writes_nothing(db, admin, raw):
    clause, version = _first(db)
    before = revision(db)
    for field in ("target", "achieved", "progress", "budget"):
        with pytest.raises(ValidationFailed) as exc:
            apply_changes(db, admin, STATUS, [Change(1405, 300, clause, version, {field: raw},
                                                     row=1)])
        assert [(p.row, p.field) for p in exc.value.problems] == [(1, field)]
    for field in ("target", "budget"):
        with pytest.raises(ValidationFailed):
            apply_changes(db, admin, PLAN, [Change(1405, 300, clause, 0, {field: raw})])
    assert revision(db) == before


@pytest.mark.parametrize("key", [10**23, 2**63, -(2**63) - 1])
def test_hostile_keys_are_refused_without_overflow(db, admin, key):
    clause, version = _first(db)
    with pytest.raises(ValidationFailed):
        apply_changes(db, admin, STATUS, [Change(key, 300, clause, version, {"progress": 5})])
    with pytest.raises(ValidationFailed):
        apply_changes(db, admin, STATUS, [Change(1405, key, clause, version, {"progress": 5})])
    with pytest.raises(ValidationFailed):
        programs.close_year(db, admin, key)
    with pytest.raises(ValidationFailed):
        programs.update_clause(db, admin, key, {"title_en": "x"})


@pytest.mark.parametrize("weight", ["inf", "nan", 1e30, 0, -1, 101, "x"])
def test_clause_weight_range(db, admin, weight):
    clause, _ = _first(db)
    with pytest.raises(ValidationFailed) as exc:
        programs.update_clause(db, admin, clause, {"weight": weight})
    assert exc.value.problems[0].field == "weight"


@pytest.mark.parametrize("district", [10**23, float("inf"), "x", 0, 100])
def test_grant_scopes_are_ranged(db, district):
    actor = make_user("admin", uid=950)
    with pytest.raises(ValidationFailed):
        users.create_user(db, actor, "someone", "Some One", "a good password",
                          (Grant("district_editor", district),))


@pytest.mark.parametrize("arg", ["99999999999999999999999", "inf", "nan", "1e30", "1299",
                                 "1405.5", "x"])
def test_cli_year_arguments_are_ranged(tmp_path, capsys, arg):
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(tmp_path / "x.db"), "close-year", arg])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "year" in err


def test_every_range_is_documented_in_the_readme():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in limits.RANGES:
        assert f"`{name}`" in readme, name
