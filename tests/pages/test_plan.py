"""The plan page through AppTest, checked against direct computations."""

import pytest

from tests.conftest import DATA_YEAR, open_page
from tracker import config
from tracker.db import open_db
from tracker.domain import fmt, planning
from tracker.domain.i18n import t
from tracker.store import programs
from tracker.store.plans import plan_actuals, year_plans
from tracker.store.reference import list_programs
from tracker.store.users import get_user_by_username

NEXT = DATA_YEAR + 1


@pytest.fixture
def app_db(app_db):
    """The shared demo copy (see conftest), opened."""
    database = open_db(app_db)
    yield database
    database.conn.close()


def _run(username, **params):
    """The plan page over the test's demo copy (``app_db`` sets TRACKER_DB to it)."""
    return open_page(config.db_path(), "plan", username, **params)


def _metric(at, key):
    return next(m.value for m in at.metric if m.label == t(key, "fa"))


def _button(at, key, **params):
    return next(b for b in at.button if b.label == t(key, "fa", **params))


def test_totals_agree_with_the_lines(app_db):
    at = _run("admin", year=NEXT)
    lines = year_plans(app_db, NEXT)
    city = planning.totals(lines).iloc[0]
    assert _metric(at, "plan.city_lines") == fmt.number(len(lines), "fa")
    assert _metric(at, "plan.city_budget") == fmt.number(float(lines["budget"].sum()), "fa")
    assert _metric(at, "plan.city_flagged") == fmt.number(int(city["flagged"]), "fa")
    per_district = next(d.value for d in at.dataframe if len(d.value) == 22)
    budgets = per_district[t("field.budget", "fa")].tolist()
    by = planning.totals(lines, ["district"])
    assert budgets == [fmt.number(float(v), "fa") for v in by["budget"]]


def test_the_grid_shows_every_clause_of_the_unit(app_db):
    at = _run("district3", year=NEXT)
    grid = next(d for d in at.dataframe if "carried_from" in d.value.columns)
    assert len(grid.value) == 20
    lines = year_plans(app_db, NEXT, 3)
    own = lines[lines["unit_id"] == 300]
    carried = grid.value[grid.value["carried_from"] != ""]
    assert len(carried) == len(own)


def test_checks_count_the_incomplete_lines(app_db):
    at = _run("district3", year=NEXT)
    lines = year_plans(app_db, NEXT, 3)
    flagged = planning.check_lines(lines)
    assert t("plan.checks_count", "fa", count=len(flagged), total=len(lines)) in \
        [w.value for w in at.warning]


def test_plan_against_actual_per_clause(app_db):
    at = _run("district3", year=DATA_YEAR, lang="en")
    lines = year_plans(app_db, DATA_YEAR, 3)
    compared = planning.plan_vs_actual(lines, plan_actuals(app_db, DATA_YEAR, 3))
    per = planning.plan_vs_actual_by(compared, ["number"])
    table = next(d.value for d in at.dataframe if "Achieved %" in d.value.columns
                 and len(d.value) == len(per))
    assert table["Achieved"].tolist() == [fmt.number(float(v), "en") for v in per["achieved"]]
    assert table["Achieved %"].tolist() == [fmt.percent(v, "en") for v in per["ratio"]]


def test_new_program_and_carry_over_from_the_page(app_db):
    latest = int(max(list_programs(app_db)["year"]))  # no work recorded in it yet
    at = _run("admin", year=latest, district=3)
    _button(at, "plan.new_program", year=latest + 1).click()
    at.run()
    assert not at.exception
    assert latest + 1 in set(list_programs(app_db)["year"])
    at = _run("district3", year=latest + 1, district=3)
    _button(at, "plan.carry_district", year=latest).click()
    at.run()
    assert not at.exception
    units = app_db.execute("SELECT count(*) FROM units WHERE district = 3").fetchone()[0]
    assert len(year_plans(app_db, latest + 1)) == units * 20  # nothing of it is finished
    assert t("plan.cli.carried", "fa", year=latest + 1, count=units * 20) in \
        [s.value for s in at.success]


def test_a_viewer_reads_but_cannot_edit(app_db):
    at = _run("viewer", year=NEXT, district=3)
    assert t("plan.read_only", "fa") in [i.value for i in at.info]
    assert not [b for b in at.button if b.label == t("st.save", "fa")]


def test_a_closed_year_is_read_only_on_the_page(app_db):
    programs.close_year(app_db, get_user_by_username(app_db, "admin"), NEXT)
    at = _run("district3", year=NEXT)
    assert t("ye.closed", "fa", year=NEXT) in [i.value for i in at.info]
    assert not [b for b in at.button if b.label == t("st.save", "fa")]


def test_a_plan_lines_record_page_is_one_choice_away(app_db):
    at = _run("district3", year=NEXT, lang="en")
    chooser = next(s for s in at.selectbox if s.label == "A plan line's record (files and thread)")
    lines = year_plans(app_db, NEXT, 3)
    own = sorted(int(n) for n in lines.loc[lines["unit_id"] == 300, "number"])
    assert own and sorted(int(str(o).split(".")[0]) for o in chooser.options) == own
