"""The visits page and the corrective actions on the status page, through AppTest,
signed in as stored demo accounts over a copy of the demo database (which has visits)."""

from datetime import timedelta

import pytest

from tests.conftest import DATA_DAY, DATA_YEAR, run_app
from tracker.db import connect
from tracker.domain import calendar, fmt
from tracker.store import visit_reads as reads

YEAR = DATA_YEAR


@pytest.fixture
def app_db(app_db, monkeypatch, tmp_path):
    """The shared demo copy, with evidence uploads kept in this test's folder."""
    monkeypatch.setenv("TRACKER_UPLOADS", str(tmp_path / "uploads"))
    return app_db


def run(db_file, username, page="tracker/pages/visits.py", **params):
    at = run_app(db_file, username, page=page, **params)
    assert not at.exception, at.exception
    return at


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_city_view_shows_the_gap(app_db):
    at = run(app_db, "inspector", year=YEAR)
    city = reads.city_gap(connect(app_db), YEAR)
    assert city["checked"] > 0 and city["mismatches"] > 0
    assert metric(at, "امتیاز راستی‌آزمایی‌شده") == fmt.percent(city["verified"], "fa")
    assert metric(at, "فاصله (واحد درصد)") == fmt.digits(f"{city['gap']:+.0f}", "fa")
    assert metric(at, "ادعاهای ردشده") == fmt.number(city["mismatches"], "fa")
    assert [r.label for r in at.radio][0] == "نما"
    assert "ثبت بازدید" in at.radio[0].options


def test_district_view_in_english(app_db):
    at = run(app_db, "inspector", year=YEAR, district=3, lang="en")
    gap = reads.verified_gap(connect(app_db), YEAR).set_index("district").loc[3]
    assert metric(at, "Verified score") == fmt.percent(gap["verified"], "en")
    assert metric(at, "Self-reported (same clauses)") == fmt.percent(gap["reported"], "en")
    assert "District 3" in at.subheader[0].value


def test_district_editor_sees_only_its_district_and_cannot_record(app_db):
    at = run(app_db, "district3", year=YEAR, view="record")
    district = next(s for s in at.selectbox if s.label == "منطقه")
    assert district.options == ["منطقه ۳"]
    assert "ثبت بازدید" not in at.radio[0].options
    assert at.radio[0].value == "gap"


def test_inspector_records_a_visit_through_the_form(app_db):
    at = run(app_db, "inspector", year=YEAR, district=3, view="record", zone=2)
    at.multiselect(key="vf_clauses_0").set_value([_clause_id(app_db, 5)]).run()
    cid = _clause_id(app_db, 5)
    at.radio(key=f"vf_verdict_{cid}_0").set_value("non_compliant")
    visited = DATA_DAY - timedelta(days=5)  # a day of the year that has passed
    at.text_input(key="vf_date_0").set_value(calendar.format_date(visited, "fa"))
    at.text_area(key=f"vf_find_{cid}_0").set_value("سرویس بسته است")
    at.text_input(key=f"vf_action_{cid}_0").set_value("بازگشایی سرویس")
    due = visited + timedelta(days=30)
    at.text_input(key=f"vf_due_{cid}_0").set_value(calendar.format_date(due, "en"))
    at.button[-1].click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    actions = reads.unit_actions(connect(app_db), YEAR, 302)
    assert "بازگشایی سرویس" in actions["description"].tolist()
    assert any("ثبت شد" in s.value for s in at.success)


def test_form_refuses_a_bad_date_and_writes_nothing(app_db):
    before = len(reads.list_visits(connect(app_db), YEAR))
    at = run(app_db, "inspector", year=YEAR, district=3, view="record", zone=2)
    cid = _clause_id(app_db, 5)
    at.multiselect(key="vf_clauses_0").set_value([cid]).run()
    at.radio(key=f"vf_verdict_{cid}_0").set_value("compliant")
    at.text_input(key="vf_date_0").set_value(f"{YEAR}/13/01")
    at.button[-1].click().run()
    assert at.error and f"{YEAR}/13/01" in at.error[0].value.replace("\\", "")  # md-escaped
    assert len(reads.list_visits(connect(app_db), YEAR)) == before


def test_status_page_shows_the_units_corrective_actions_and_resolves(app_db):
    db = connect(app_db)
    actions = reads.unit_actions(db, YEAR, 301)
    assert not actions.empty
    at = run(app_db, "district3", page="tracker/pages/status.py", year=YEAR, district=3, zone=1)
    texts = [t.value for t in at.text]
    assert actions.iloc[0]["description"] in texts
    assert any(actions.iloc[0]["findings"] == t for t in texts)
    aid = int(actions.iloc[0]["id"])
    at.button(key=f"ca_resolve_{aid}").click().run()
    assert not at.exception
    row = reads.unit_actions(connect(app_db), YEAR, 301).set_index("id").loc[aid]
    assert row["status"] == "resolved"
    # the inspector confirms it on the visits page; it then leaves the list
    at = run(app_db, "inspector", year=YEAR, district=3, view="record", zone=1)
    at.button(key=f"ca_confirm_{aid}").click().run()
    assert aid not in reads.unit_actions(connect(app_db), YEAR, 301)["id"].tolist()


def test_a_closed_years_actions_are_shown_without_buttons(app_db):
    db = connect(app_db)
    actions = reads.unit_actions(db, YEAR, 301)
    aid = int(actions.iloc[0]["id"])
    db.execute("UPDATE programs SET closed = 1 WHERE year = ?", [YEAR])
    at = run(app_db, "district3", page="tracker/pages/status.py", year=YEAR, district=3, zone=1)
    assert actions.iloc[0]["description"] in [t.value for t in at.text]
    keys = [b.key for b in at.button]
    assert f"ca_resolve_{aid}" not in keys and not any(k.startswith("ca_") for k in keys if k)


def test_viewer_sees_visits_without_forms(app_db):
    at = run(app_db, "viewer", year=YEAR, district=3, view="visits")
    assert "ثبت بازدید" not in at.radio[0].options
    assert not [f for f in at.get("form")]
    assert at.dataframe


def _clause_id(db_file, number):
    row = connect(db_file).execute("SELECT id FROM clauses WHERE year = ? AND number = ?",
                                   [YEAR, number]).fetchone()
    return int(row[0])


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_gap_chart_colours_a_claim_above_the_finding_red_in_either_language(app_db, lang):
    """The colours followed the labels' alphabetical order: over red and under blue in
    English, the other way round in Persian."""
    import json

    from tracker.domain.i18n import t

    at = run(app_db, "inspector", year=YEAR, lang=lang)
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    colours = [s["encoding"]["color"]["scale"] for s in specs
               if s.get("encoding", {}).get("color", {}).get("field") == "sign"]
    assert colours, "the gap chart"
    assert colours[0]["domain"] == [t("vis.gap.over", lang), t("vis.gap.under", lang)]
    assert colours[0]["range"] == ["#c0392b", "#2e86c1"]
