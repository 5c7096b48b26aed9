"""The record page and the status page's counts, run with AppTest."""

import pytest

from tests import upload_samples as s
from tests.conftest import demo_user, open_page
from tracker.db import connect
from tracker.domain.i18n import t
from tracker.store import comments as cm
from tracker.store import evidence as ev
from tracker.store.record_refs import record_id_for

YEAR = 1405


@pytest.fixture
def db_file(app_db, tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_UPLOADS", str(tmp_path / "uploads"))
    return app_db


def _record(db_file, number=4, unit=302):
    db = connect(db_file)
    cid = db.execute("SELECT id FROM clauses WHERE year = ? AND number = ?",
                     [YEAR, number]).fetchone()[0]
    return db, record_id_for(db, "status", YEAR, unit, cid)


def test_record_page_shows_status_files_and_thread(db_file):
    db, rid = _record(db_file)
    ev.add_files(db, demo_user(db_file, "district3"), "status", rid,
                 [ev.NewFile("**photo** <i>.jpg", s.jpeg())])
    cm.add_comment(db, demo_user(db_file, "admin"), "status", rid,
                   "@district3 **bold** <script>alert(1)</script>")
    at = open_page(db_file, "record", "district3", year=YEAR, unit=302, clause=4, lang="en")
    texts = [x.value for x in at.text]
    assert "@district3 **bold** <script>alert(1)</script>" in texts  # drawn as text
    assert any("**photo** <i>.jpg" in x for x in texts)
    assert [m.label for m in at.metric][:2] == [t("field.status", "en"), t("field.progress", "en")]
    # no browser in AppTest: no media handed out
    assert any(t("ev.page.no_browser", "en") in c.value for c in at.caption)
    # opening the thread marks the mention read
    from tracker.store.comment_notify import unread_count
    assert unread_count(db, demo_user(db_file, "district3").id) == 0


def test_other_district_editor_sees_neither_files_nor_thread(db_file):
    from tracker.domain.model import Grant
    from tracker.store.users import create_user

    db, rid = _record(db_file)
    create_user(db, demo_user(db_file, "admin"), "zone5-1", "Zone 5-1", None,
                [Grant("zone_editor", 5, 1)])
    cm.add_comment(db, demo_user(db_file, "admin"), "status", rid, "secret question")
    at = open_page(db_file, "record", "zone5-1", year=YEAR, unit=302, clause=4, lang="en")
    assert "secret question" not in [x.value for x in at.text]
    assert any(t("ev.err.read_forbidden", "en") in i.value for i in at.info)


def test_comment_from_the_page_and_bad_input(db_file):
    db, rid = _record(db_file)
    at = open_page(db_file, "record", "district3", year=YEAR, unit=302, clause=4)
    send = t("cm.page.send", "fa")
    at.text_area[0].input("")
    next(b for b in at.button if b.label == send).click().run()
    assert any(t("cm.val.empty", "fa") in e.value for e in at.error)
    at.text_area[0].input("کار تمام شد، عکس‌ها را ببینید.")
    next(b for b in at.button if b.label == send).click().run()
    assert not at.exception
    assert "کار تمام شد، عکس‌ها را ببینید." in [x.value for x in at.text]
    assert len(cm.thread_rows(db, "status", rid)) == 1


def test_status_page_counts_open_questions_and_unread(db_file):
    db, rid = _record(db_file)
    cm.add_comment(db, demo_user(db_file, "admin"), "status", rid, "@district3 where?")
    at = open_page(db_file, "status", "district3", year=YEAR, district=3, zone=2, lang="en")
    values = {m.label: m.value for m in at.metric}
    assert values[t("cm.status.open", "en")] == "1"
    assert values[t("cm.status.unread", "en")] == "1"


def test_office_sets_the_done_rule_on_the_programs_page(db_file):
    at = open_page(db_file, "programs", "admin", year=YEAR)
    radio = next(r for r in at.radio if r.key == f"done_rule_{YEAR}")
    radio.set_value("file").run()
    next(b for b in at.button if b.key == f"done_rule_save_{YEAR}").click().run()
    assert not at.exception
    assert ev.done_rule(connect(db_file), YEAR) == "file"
