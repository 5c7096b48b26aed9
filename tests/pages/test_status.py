"""The status page through AppTest, signed in as stored demo accounts."""


from tests.conftest import DATA_YEAR, metric, run_app
from tracker.db import connect
from tracker.domain.rollup import district_summary, unit_summary
from tracker.store.status import year_records

YEAR = DATA_YEAR


def run_status(db_file, username="district3", **params):
    at = run_app(db_file, username, page="tracker/pages/status.py", **params)
    assert not at.exception, at.exception
    return at


def test_status_page_shows_the_units_summary_in_persian(app_db):
    at = run_status(app_db, year=YEAR, district=3, zone=2)
    records = year_records(connect(app_db), YEAR, 3)
    unit = unit_summary(records, 302)
    district = district_summary(records, 3)
    from tracker.domain import fmt

    assert metric(at, "پیشرفت وزنی این واحد") == fmt.percent(unit.progress, "fa")
    assert metric(at, "پیشرفت وزنی کل منطقه") == fmt.percent(district.progress, "fa")
    assert metric(at, "انجام شده") == fmt.number(unit.counts["done"], "fa")
    assert "منطقه ۳ — ناحیه ۲" in at.subheader[0].value


def test_status_page_in_english(app_db):
    at = run_status(app_db, year=YEAR, district=3, zone=0, lang="en")
    assert "District 3" in at.subheader[0].value
    labels = [m.label for m in at.metric]
    assert "Whole district's weighted progress" in labels
    assert any(b.label == "Save changes" for b in at.button)


def test_the_grid_lists_every_clause(app_db):
    at = run_status(app_db, year=YEAR, district=3, zone=0)
    grids = at.dataframe
    assert grids and len(grids[0].value) == 20


def test_a_viewer_sees_the_page_read_only(app_db):
    at = run_status(app_db, "viewer", year=YEAR, district=5, zone=0)
    assert any("فقط می‌توانید" in i.value for i in at.info)
    assert not any(b.label == "ذخیره تغییرات" for b in at.button)


def test_district_editor_sees_other_districts_read_only(app_db):
    at = run_status(app_db, year=YEAR, district=4, zone=0)
    assert any("فقط می‌توانید" in i.value for i in at.info)


def test_the_editors_own_district_is_the_default(app_db):
    at = run_status(app_db, year=YEAR)
    assert "منطقه ۳" in at.subheader[0].value
    assert at.query_params["district"] == ["3"] or at.query_params["district"] == "3"


def test_a_clause_history_is_shown_on_demand(app_db):
    at = run_status(app_db, year=YEAR, district=3, zone=0)
    assert len(at.dataframe) == 2  # the two grid tabs; no history read yet
    at.toggle(key="history_open").set_value(True).run()
    assert not at.exception
    assert len(at.dataframe) == 3  # + the history table of the first clause
    history = at.dataframe[-1].value
    assert len(history) >= 1
    assert "دبیر طرح منطقه ۳" in set(history["کاربر"])


def test_summary_figures_follow_a_save(app_db):
    """The cached figures above the grid change at once after a save."""
    from tests.conftest import demo_user
    from tracker.store.records import STATUS, Change, apply_changes

    at = run_status(app_db, year=YEAR, district=3, zone=0)
    before = metric(at, "انجام شده")
    db = connect(app_db)
    clause = db.execute("SELECT clause_id, version FROM status WHERE year = ? AND unit_id = 300"
                        " AND status = 'in_progress' LIMIT 1", [YEAR]).fetchone()
    apply_changes(db, demo_user(app_db, "district3"), STATUS,
                  [Change(YEAR, 300, clause[0], clause[1], {"status": "done", "notes": "ok"})])
    at.run()
    from tracker.domain import fmt

    assert metric(at, "انجام شده") == fmt.number(int(fmt.to_ascii_digits(before)) + 1, "fa")


def test_a_warm_rerun_builds_the_grids_frame_for_neither_the_grid_nor_the_form(
        app_db, monkeypatch):
    """The one-clause form shows the grid's own frame of the same records: one cached
    frame for both, not built again on every rerun."""
    from tracker.grid import editing

    built = []
    real = editing.grid_frame

    def counting(base, lang):
        built.append(len(base))
        return real(base, lang)

    monkeypatch.setattr(editing, "grid_frame", counting)
    at = run_status(app_db, year=YEAR, district=3, zone=0)
    assert built  # the first run builds it (editor of district 3: the form is there)
    assert any("وضعیت" in s.label for s in at.selectbox)  # the form's status field
    built.clear()
    at.run()
    assert not at.exception
    assert built == []
