"""The year-end page through AppTest, checked against direct computations."""

import pytest

from tests.conftest import DATA_YEAR, open_page
from tracker import config
from tracker.db import open_db
from tracker.domain import calendar, fmt, projection
from tracker.domain.i18n import t
from tracker.store.reference import list_programs
from tracker.store.users import get_user_by_username
from tracker.store.yearend import records_as_of, spring_items
from tracker.ui.plan_common import escape

YEAR = DATA_YEAR
ASOF = f"{YEAR}/12/20"


@pytest.fixture
def app_db(app_db):
    """The shared demo copy (see conftest), opened."""
    database = open_db(app_db)
    yield database
    database.conn.close()


def _user(db, username):
    """A demo account (the app re-reads the signed-in user from the store)."""
    return get_user_by_username(db, username)


def _run(user, **params):
    """The year-end page over the test's demo copy (``app_db`` sets TRACKER_DB to it)."""
    return open_page(config.db_path(), "year_end", user.username,
                     **{"year": YEAR, "asof": ASOF, **params})


def _metric(at, key, **params):
    return next(m.value for m in at.metric if m.label == t(key, "fa", **params))


def _projected(db, district=None):
    day = calendar.parse_jalali(ASOF)
    return projection.project(records_as_of(db, YEAR, calendar.end_of_day_utc(day), district),
                              YEAR, day)


def test_city_figures_agree_with_the_projection(app_db):
    admin = _user(app_db, "admin")
    at = _run(admin)
    proj = _projected(app_db)
    left = (30 if YEAR in (1399, 1403, 1408) else 29) - 20 + 1  # 20 Esfand to its end
    assert _metric(at, "ye.days_left") == fmt.number(left, "fa")
    assert _metric(at, "ye.open") == fmt.number(len(proj), "fa")
    assert _metric(at, "ye.at_risk") == fmt.number(int((~proj["on_track"]).sum()), "fa")
    assert _metric(at, "ye.overdue") == fmt.number(int(proj["overdue"].sum()), "fa")
    per_district = at.dataframe[0].value
    assert len(per_district) == proj["district"].nunique()
    assert _metric(at, "ye.spring_items") == fmt.number(len(spring_items(app_db, YEAR)), "fa")


def test_a_districts_unfinished_clauses_in_english(app_db):
    editor3 = _user(app_db, "district3")
    at = _run(editor3, district="3", lang="en")
    proj = _projected(app_db, 3)
    table = at.dataframe[0].value
    assert len(table) == len(proj)
    assert set(table["Outlook"]) <= {"Will finish", "Will not finish"}
    assert (table["Outlook"] == "Will not finish").sum() == int((~proj["on_track"]).sum())
    assert not any(tab.label == "Closing the year" for tab in at.tabs)


def test_the_coordination_office_closes_the_year_from_the_page(app_db):
    admin = _user(app_db, "admin")
    at = _run(admin)
    at.checkbox[0].check()
    next(b for b in at.button if b.label == t("ye.close", "fa")).click()
    at.run()
    assert not at.exception, at.exception
    progs = list_programs(app_db)
    assert progs.loc[progs["year"] == YEAR, "closed"].iloc[0] == 1
    assert any(t("ye.closed", "fa", year=YEAR) == i.value for i in at.info)


def test_closing_needs_the_confirmation(app_db):
    admin = _user(app_db, "admin")
    at = _run(admin)
    next(b for b in at.button if b.label == t("ye.close", "fa")).click()
    at.run()
    assert [e.value for e in at.error] == [t("ye.close_confirm_needed", "fa")]
    assert list_programs(app_db).set_index("year").loc[YEAR, "closed"] == 0


def test_a_closed_year_refuses_a_spring_edit_from_the_page(app_db):
    admin, editor3 = _user(app_db, "admin"), _user(app_db, "district3")
    at = _run(editor3, district="3")
    chooser = at.multiselect[0]
    before = app_db.execute("SELECT count(*) FROM history WHERE kind = 'plan'").fetchone()[0]
    chooser.set_value([*chooser.value, _first_unmarked(app_db)])
    from tracker.store import programs

    programs.close_year(app_db, admin, YEAR)  # closed while the page was open
    next(b for b in at.button if b.label == t("ye.spring_save", "fa")).click()
    at.run()
    assert escape(t("err.year_closed", "fa", year=YEAR)) in [e.value for e in at.error]
    after = app_db.execute("SELECT count(*) FROM history WHERE kind = 'plan'").fetchone()[0]
    assert after == before


def test_marking_spring_work_writes_a_plan_line(app_db):
    editor3 = _user(app_db, "district3")
    at = _run(editor3, district="3")
    chooser = at.multiselect[0]
    added = _first_unmarked(app_db)
    chooser.set_value([*chooser.value, added])
    next(b for b in at.button if b.label == t("ye.spring_save", "fa")).click()
    at.run()
    assert not at.exception
    assert t("ye.spring_saved", "fa", count=1) in [s.value for s in at.success]
    row = app_db.execute("SELECT spring, updated_by_name FROM plans WHERE year = ? "
                         "AND unit_id = 300 AND clause_id = ?", [YEAR, added]).fetchone()
    assert row == (1, editor3.display_name)


def _first_unmarked(db):
    """An unfinished clause of district 3's own work that is not in the campaign yet."""
    proj = _projected(db, 3)
    open_ = proj.loc[proj["unit_id"] == 300, "clause_id"].astype(int).tolist()
    marked = {c for (c,) in db.execute("SELECT clause_id FROM plans WHERE year = ? "
                                       "AND unit_id = 300 AND spring = 1", [YEAR]).fetchall()}
    return next(c for c in open_ if c not in marked)


def test_viewer_cannot_mark_spring_work(app_db):
    at = _run(_user(app_db, "viewer"), district="3")
    assert not at.multiselect
    assert t("ye.spring_read_only", "fa") in [c.value for c in at.caption]


def test_the_city_spring_items_after_a_plan_save_in_district_3(app_db):
    """The city's spring items are read per district (cached on each district's
    revisions): a plan save in district 3 shows at once in the city's count."""
    admin = _user(app_db, "admin")
    _run(admin)  # the city view, its pieces cached
    editor3 = _user(app_db, "district3")
    at = _run(editor3, district="3")
    chooser = at.multiselect[0]
    chooser.set_value([*chooser.value, _first_unmarked(app_db)])
    next(b for b in at.button if b.label == t("ye.spring_save", "fa")).click()
    at.run()
    assert not at.exception
    (count,) = app_db.execute("SELECT COUNT(*) FROM plans WHERE year = ? AND spring = 1",
                              [YEAR]).fetchone()
    at = _run(admin)
    assert _metric(at, "ye.spring_items") == fmt.number(count, "fa")
    (budget,) = app_db.execute("SELECT COALESCE(SUM(budget), 0) FROM plans WHERE year = ? "
                               "AND spring = 1", [YEAR]).fetchone()
    assert _metric(at, "ye.spring_budget") == fmt.number(float(budget), "fa")
