"""Comment threads in the store: who may comment, bad input writes nothing, append-only
corrections, mentions and participants notified, unread counts, open questions."""

import sqlite3

import pytest

from tracker.domain.errors import PermissionDenied, ValidationFailed
from tracker.store import comment_notify as notes
from tracker.store import comments as cm
from tracker.store.record_refs import record_id_for

YEAR = 1405


def rid(db, unit=302, number=1, kind="status"):
    cid = db.execute("SELECT id FROM clauses WHERE year = ? AND number = ?",
                     [YEAR, number]).fetchone()[0]
    return record_id_for(db, kind, YEAR, unit, cid)


def n_comments(db):
    return db.execute("SELECT count(*) FROM comments").fetchone()[0]


def test_who_may_comment(evidence_db):
    db, u, _ = evidence_db
    r = rid(db)
    for who in ("admin", "inspector", "district3", "zone3-2"):
        cm.add_comment(db, u[who], "status", r, f"از {who}")
    sides = [x[0] for x in db.execute("SELECT side FROM comments ORDER BY id")]
    assert sides == ["office", "inspector", "unit", "unit"]
    for who, record in (("viewer", r), ("zone5-1", r), ("zone3-2", rid(db, 301))):
        with pytest.raises(PermissionDenied) as exc:
            cm.add_comment(db, u[who], "status", record, "نباید ثبت شود")
        assert exc.value.message("fa") and exc.value.message("en")
    assert n_comments(db) == 4


@pytest.mark.parametrize("body,key", [("", "cm.val.empty"), ("   \n ", "cm.val.empty"),
                                      ("x" * 4001, "cm.val.too_long"),
                                      ("abc\u202edef", "cm.val.control"),
                                      ("a\x00b", "cm.val.control")])
def test_bad_comment_writes_nothing(evidence_db, body, key):
    db, u, _ = evidence_db
    with pytest.raises(ValidationFailed) as exc:
        cm.add_comment(db, u["admin"], "status", rid(db), body)
    assert [p.key for p in exc.value.problems] == [key]
    assert exc.value.problems[0].message("fa") and exc.value.problems[0].message("en")
    assert n_comments(db) == 0


def test_comment_on_unknown_record_is_refused(evidence_db):
    db, u, _ = evidence_db
    with pytest.raises(ValidationFailed):
        cm.add_comment(db, u["admin"], "status", 10**9, "سلام")
    assert n_comments(db) == 0


def test_text_is_kept_as_typed(evidence_db):
    db, u, _ = evidence_db
    body = "**bold** <script>alert(1)</script> [x](javascript:alert(1)) $x$"
    cm.add_comment(db, u["admin"], "status", rid(db), body)
    assert cm.thread(db, u["viewer"], "status", rid(db)).iloc[0]["body"] == body


def test_corrections_are_append_only_and_keep_the_old_text(evidence_db):
    db, u, _ = evidence_db
    c = cm.add_comment(db, u["admin"], "status", rid(db), "عکس نیمی از خیابان است")
    with pytest.raises(PermissionDenied):
        cm.correct_comment(db, u["district3"], c, "تغییر دیگری")
    cm.correct_comment(db, u["admin"], c, "عکس فقط نیمی از خیابان را نشان می‌دهد")
    t = cm.thread(db, u["district3"], "status", rid(db))
    assert len(t) == 1
    assert t.iloc[0]["body"] == "عکس فقط نیمی از خیابان را نشان می‌دهد"
    assert t.iloc[0]["original"] == "عکس نیمی از خیابان است" and t.iloc[0]["corrections"] == 1
    assert list(cm.corrections(db, c)["body"]) == ["عکس نیمی از خیابان است",
                                                   "عکس فقط نیمی از خیابان را نشان می‌دهد"]
    for sql in ("UPDATE comments SET body = 'x'", "DELETE FROM comments"):
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(sql)


def test_mentions_and_participants_are_notified(evidence_db):
    db, u, _ = evidence_db
    r = rid(db)
    cm.add_comment(db, u["admin"], "status", r,
                   "@district3 بقیه خیابان کجاست؟ @viewer @zone5-1 @nobody")
    # mentioned and allowed to read: district3 and viewer; zone5-1 may not read district 3
    assert notes.unread_count(db, u["district3"].id) == 1
    assert notes.unread_count(db, u["viewer"].id) == 1
    assert notes.unread_count(db, u["zone5-1"].id) == 0
    assert notes.unread_count(db, u["admin"].id) == 0
    cm.add_comment(db, u["district3"], "status", r, "عکس بخش دوم پیوست شد.")
    row = notes.unread(db, u["admin"].id).iloc[0]
    assert (row["reason"], row["body"], int(row["record_id"])) == (
        "reply", "عکس بخش دوم پیوست شد.", r)
    assert notes.unread_count(db, u["district3"].id) == 1  # not told of their own comment
    assert notes.mark_read(db, u["district3"], "status", r) == 1
    assert notes.unread_count(db, u["district3"].id) == 0
    assert notes.mark_read(db, u["district3"], "status", r) == 0


def test_open_questions_per_unit(evidence_db):
    db, u, _ = evidence_db
    a, b, c = rid(db, 302, 1), rid(db, 302, 2), rid(db, 300, 3)
    cm.add_comment(db, u["admin"], "status", a, "پرسش ۱")
    cm.add_comment(db, u["admin"], "status", b, "پرسش ۲")
    cm.add_comment(db, u["admin"], "status", c, "پرسش ۳")
    cm.add_comment(db, u["inspector"], "status", c, "بازرس هم می‌پرسد")
    expected = {300: 1, 302: 2}
    got = cm.open_questions(db, YEAR, district=3)
    assert dict(zip(got["unit_id"], got["open"], strict=True)) == expected
    cm.add_comment(db, u["zone3-2"], "status", a, "پاسخ")  # answered
    got = cm.open_questions(db, YEAR)
    assert dict(zip(got["unit_id"], got["open"], strict=True)) == {300: 1, 302: 1}
    assert list(cm.open_question_records(db, YEAR, 302)["number"]) == [2]
    cm.add_comment(db, u["admin"], "status", a, "پرسش دوباره")  # asked again
    assert list(cm.open_question_records(db, YEAR, 302)["number"]) == [1, 2]


def test_thread_read_permission(evidence_db):
    db, u, _ = evidence_db
    cm.add_comment(db, u["admin"], "status", rid(db), "سلام")
    with pytest.raises(PermissionDenied):
        cm.thread(db, u["zone5-1"], "status", rid(db))
    assert len(cm.thread(db, u["viewer"], "status", rid(db))) == 1


def test_mentions_and_replies_reach_the_inbox_in_the_readers_language(evidence_db):
    from tracker.notify import notices
    from tracker.store import inbox

    db, u, _ = evidence_db
    r = rid(db, 302, 4)
    cm.add_comment(db, u["admin"], "status", r, "@district3 عکس نیمهٔ دوم خیابان کجاست؟")
    got = inbox.messages(db, u["district3"].id)
    assert list(got["kind"]) == ["comment_mention"]
    params = got.iloc[0]["params"]
    assert params["clause"] == 4 and params["link"].startswith("record?")
    subject, body = notices.render("comment_mention", params, "en")
    assert "clause 4" in subject and "عکس نیمهٔ دوم" in body  # the text as typed
    subject_fa, _ = notices.render("comment_mention", params, "fa")
    assert "بند ۴" in subject_fa
    cm.add_comment(db, u["district3"], "status", r, "پیوست شد.")
    assert list(inbox.messages(db, u["admin"].id)["kind"]) == ["comment_reply"]
    # the same comment never posts twice
    assert inbox.unread_count(db, u["admin"].id) == 1
