"""My work and the periods page (AppTest over a private demo database)."""

from tests.conftest import DEMO_YEAR, open_page


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [x.value for x in at.text] + [i.value for i in at.info]
    return "\n".join(str(p) for p in parts)


def test_my_work_zone_editor_submits(fixed_app_db):
    # the suite's fixed day, 30 Aban 1405 (dates below by hand)
    at = open_page(fixed_app_db, "my_work", "zone3-2", lang="en")
    frames = [df.value for df in at.dataframe]
    work = frames[0]
    assert "Submit a report" in set(work["Kind"])
    # the open period is Aban 1405; zone 2's deadline is 3 Azar 1405
    assert "1405/09/03" in set(work["Deadline"])
    submit = next(b for b in at.button if b.label == "Submit")
    submit.click().run()
    assert any("neither updated in this period" in e.value for e in at.error)
    box = next(c for c in at.checkbox if c.label == "All remaining clauses have no change")
    box.check().run()
    next(b for b in at.button if b.label == "Submit").click().run()
    assert not at.exception
    assert any(s.value == "Report submitted." for s in at.success)


def test_my_work_district_reviews(app_db):
    at = open_page(app_db, "my_work", "zone3-2", lang="en")
    next(c for c in at.checkbox if c.label == "All remaining clauses have no change"
         ).check().run()
    next(b for b in at.button if b.label == "Submit").click().run()
    at = open_page(app_db, "my_work", "district3", lang="en")
    assert "Review a report" in set(at.dataframe[0].value["Kind"])
    next(b for b in at.button if b.label == "Send back").click().run()
    assert any("needs a comment" in e.value for e in at.error)
    next(a for a in at.text_area if a.label == "Comment").input("Clause 4 figures?").run()
    next(b for b in at.button if b.label == "Send back").click().run()
    assert any(s.value == "Report sent back." for s in at.success)
    at = open_page(app_db, "my_work", "zone3-2", lang="en")
    texts = _texts(at)
    assert "Inbox (1 unread)" in texts
    assert "Clause 4 figures?" in texts


def test_periods_board_admin(app_db):
    at = open_page(app_db, "periods", "admin", lang="en")
    board = at.dataframe[0].value
    assert "Days late" in board.columns
    assert len(board) == 145
    assert any("on-time rate" in m.value for m in at.markdown)


def test_periods_viewer_reads_only(app_db):
    at = open_page(app_db, "periods", "viewer", lang="fa")
    assert not any(b.label == "قفل دوره" for b in at.button)


def test_league_of_a_locked_month(fixed_app_db):
    # on 30 Aban 1405 (the fixed day) Mehr 1405 is past its lock day
    at = open_page(fixed_app_db, "league", "viewer", lang="en", year=1405, asof="1405/07/30")
    assert any("Official figures of Mehr 1405" in c.value for c in at.caption)
    table = at.dataframe[0].value
    assert "On time %" in table.columns
    at = open_page(fixed_app_db, "league", "viewer", lang="en", year=1405, asof="1405/07/30",
                   figures="live")
    assert any("Live figures" in c.value for c in at.caption)


def test_the_board_counts_open_questions(app_db):
    from tracker.db import connect
    from tracker.store import comments
    from tracker.store.record_refs import record_id_for
    from tracker.store.users import get_user_by_username

    db = connect(app_db)
    year = DEMO_YEAR  # the year the periods page opens on
    clause = db.execute("SELECT id FROM clauses WHERE year = ? AND number = 4",
                        [year]).fetchone()[0]
    admin = get_user_by_username(db, "admin")
    comments.add_comment(db, admin, "status", record_id_for(db, "status", year, 302, clause),
                         "Where is the rest of the street?")
    db.conn.close()
    board = open_page(app_db, "periods", "admin", lang="en").dataframe[0].value
    # one question, not answered: counted on zone 2 of district 3 (by hand: unit 302)
    assert list(board["Open questions"]).count("1") == 1
    assert set(board["Open questions"]) == {"0", "1"}
