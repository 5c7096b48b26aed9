"""The office makes a month weekly from the periods page: it picks the month, sees the
weekly periods with their Jalali dates, applies; a month that has opened is refused with
a clear message and nothing is written. Others do not get the control."""

from tests.conftest import open_page
from tracker.db import connect
from tracker.domain.i18n import t

# 1405 on the demo made on the day these were worked out for (tests/conftest.py
# FIXED_TODAY, 1405/08/30), whatever day the suite runs on
YEAR = 1405


def fa(key: str, **params) -> str:
    return t(key, "fa", **params)


def _periods(path):
    db = connect(path)
    rows = db.execute("SELECT seq, cadence, starts, ends FROM periods WHERE year = ? "
                      "ORDER BY seq", [YEAR]).fetchall()
    db.conn.close()
    return rows


def _preview(at):
    return next(df.value for df in at.dataframe
                if fa("cyc.field.starts") in df.value.columns)


def test_office_previews_and_applies_a_weekly_esfand(fixed_app_db):
    at = open_page(fixed_app_db, "periods", "admin", lang="fa", year=YEAR)
    box = at.selectbox(key=f"cyc_weekly_month_{YEAR}")
    assert box.value == 9  # the first month not opened yet (today is 1405/08/30)
    box.set_value(12).run()
    preview = _preview(at)
    # Esfand 1405 has 29 days: weeks from the 1st, 8th, 15th, 22nd and 29th
    assert list(preview[fa("cyc.field.starts")]) == [
        "۱۴۰۵/۱۲/۰۱", "۱۴۰۵/۱۲/۰۸", "۱۴۰۵/۱۲/۱۵", "۱۴۰۵/۱۲/۲۲", "۱۴۰۵/۱۲/۲۹"]
    assert list(preview[fa("cyc.field.ends")])[-1] == "۱۴۰۵/۱۲/۲۹"
    assert list(preview[fa("cyc.field.zone_deadline")])[0] == "۱۴۰۵/۱۲/۰۸"
    assert len(_periods(fixed_app_db)) == 12  # a preview writes nothing
    next(b for b in at.button if b.key == f"cyc_weekly_apply_{YEAR}").click().run()
    assert not at.exception
    assert any(s.value == fa("cyc.ui.weekly_done") for s in at.success)
    rows = _periods(fixed_app_db)
    assert [r[1] for r in rows] == ["month"] * 11 + ["week"] * 5
    assert [r[2] for r in rows[11:]] == ["2027-02-20", "2027-02-27", "2027-03-06",
                                         "2027-03-13", "2027-03-20"]


def test_a_month_that_has_opened_is_refused_on_the_page(fixed_app_db):
    before = _periods(fixed_app_db)
    at = open_page(fixed_app_db, "periods", "admin", lang="fa", year=YEAR)
    at.selectbox(key=f"cyc_weekly_month_{YEAR}").set_value(8).run()
    next(b for b in at.button if b.key == f"cyc_weekly_apply_{YEAR}").click().run()
    assert not at.exception
    assert any(fa("cyc.err.cadence_opened") in e.value.replace("\\", "") for e in at.error)
    assert _periods(fixed_app_db) == before


def test_editors_do_not_get_the_control(fixed_app_db):
    at = open_page(fixed_app_db, "periods", "district3", lang="fa", year=YEAR)
    assert not [s for s in at.selectbox if s.key == f"cyc_weekly_month_{YEAR}"]
