"""Evidence files in the store: permissions on every write, closed years, limits and
content checks with nothing written, history rows, the per-program done rule, removal
kept until the year closes, and reading only for people who may read the record."""

import pytest

from tests import upload_samples as s
from tracker.domain.errors import PermissionDenied, ValidationFailed, YearClosed
from tracker.store import evidence as ev
from tracker.store import programs
from tracker.store.record_refs import record_id_for
from tracker.store.records import STATUS, Change, apply_changes

YEAR = 1405


def clause(db, number):
    return db.execute("SELECT id FROM clauses WHERE year = ? AND number = ?",
                      [YEAR, number]).fetchone()[0]


def rec_id(db, unit=302, number=1):
    return record_id_for(db, "status", YEAR, unit, clause(db, number))


def counts(db):
    return (db.execute("SELECT count(*) FROM evidence_files").fetchone()[0],
            db.execute("SELECT count(*) FROM history WHERE kind LIKE '%_file'").fetchone()[0])


def files_on_disk(root):
    folder = root / "files"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_editor_attaches_to_own_unit_with_history(evidence_db):
    db, u, root = evidence_db
    rid = rec_id(db)
    ids = ev.add_files(db, u["district3"], "status", rid,
                       [ev.NewFile("پیاده‌رو.jpg", s.jpeg(gps=True)), ev.NewFile("صورت‌جلسه.pdf",
                                                                             s.pdf())])
    assert len(ids) == 2
    files = ev.record_files(db, "status", rid)
    assert list(files["original_name"]) == ["پیاده‌رو.jpg", "صورت‌جلسه.pdf"]
    assert list(files["mime"]) == ["image/jpeg", "application/pdf"]
    assert set(files["added_by_name"]) == {u["district3"].display_name}
    hist = db.execute("SELECT kind, record_id, changes, changed_by FROM history WHERE kind ="
                      " 'status_file' ORDER BY id").fetchall()
    assert [(h[0], h[1], h[3]) for h in hist] == [("status_file", rid, u["district3"].id)] * 2
    assert "پیاده‌رو.jpg" in hist[0][2] and "file_added" in hist[0][2]
    assert len(files_on_disk(root)) == 2
    meta, data = ev.read_file(db, u["admin"], ids[0])
    assert meta["mime"] == "image/jpeg" and b"PhoneMaker" not in data


def test_same_content_is_kept_once(evidence_db):
    db, u, root = evidence_db
    ev.add_files(db, u["district3"], "status", rec_id(db), [ev.NewFile("a.pdf", s.pdf())])
    ev.add_files(db, u["district3"], "status", rec_id(db, 300), [ev.NewFile("b.pdf", s.pdf())])
    assert len(files_on_disk(root)) == 1 and counts(db)[0] == 2


@pytest.mark.parametrize("who,unit", [("zone3-2", 301), ("zone5-1", 302), ("viewer", 302),
                                      ("inspector", 302), ("district3", 501)])
def test_attach_refused_outside_own_units(evidence_db, who, unit):
    db, u, root = evidence_db
    with pytest.raises(PermissionDenied):
        ev.add_files(db, u[who], "status", rec_id(db, unit), [ev.NewFile("a.pdf", s.pdf())])
    assert counts(db) == (0, 0) and files_on_disk(root) == []


def test_disabled_account_held_from_before_is_refused(evidence_db):
    from tracker.store.users import set_active

    db, u, root = evidence_db
    set_active(db, u["admin"], u["district3"].id, False)
    with pytest.raises(PermissionDenied):
        ev.add_files(db, u["district3"], "status", rec_id(db), [ev.NewFile("a.pdf", s.pdf())])
    assert counts(db) == (0, 0)


@pytest.mark.parametrize("name,data,key", [
    ("page.png", b"\x89PNG\r\n\x1a\n<html><script>x</script></html>", "up.val.broken"),
    ("../../x.pdf", s.pdf(), "up.val.name_path"),
    ("evil.pdf", s.pdf(b"/OpenAction << /JS (app.alert(1)) >>"), "up.val.pdf_active"),
    ("m.docx", s.office(macro=True), "up.val.macros"),
    ("x.html", b"<html></html>", "up.val.type"),
])
def test_bad_file_in_a_batch_writes_nothing(evidence_db, name, data, key):
    db, u, root = evidence_db
    with pytest.raises(ValidationFailed) as exc:
        ev.add_files(db, u["district3"], "status", rec_id(db),
                     [ev.NewFile("ok.jpg", s.jpeg()), ev.NewFile(name, data)])
    assert [p.key for p in exc.value.problems] == [key]
    assert exc.value.problems[0].message("fa") and exc.value.problems[0].message("en")
    assert counts(db) == (0, 0) and files_on_disk(root) == []


def test_too_big_and_too_many(evidence_db, monkeypatch):
    db, u, root = evidence_db
    monkeypatch.setenv("TRACKER_UPLOAD_MAX_MB", "1")
    monkeypatch.setenv("TRACKER_UPLOAD_MAX_FILES", "2")
    big = s.pdf() + b"%" + b"0" * (1024 * 1024)
    with pytest.raises(ValidationFailed) as exc:
        ev.add_files(db, u["district3"], "status", rec_id(db), [ev.NewFile("big.pdf", big)])
    assert [p.key for p in exc.value.problems] == ["up.val.too_big"]
    ev.add_files(db, u["district3"], "status", rec_id(db), [ev.NewFile("a.pdf", s.pdf())])
    with pytest.raises(ValidationFailed) as exc:
        ev.add_files(db, u["district3"], "status", rec_id(db),
                     [ev.NewFile("b.png", s.png()), ev.NewFile("c.jpg", s.jpeg())])
    assert [p.key for p in exc.value.problems] == ["ev.val.too_many"]
    assert counts(db) == (1, 1) and len(files_on_disk(root)) == 1


def test_closed_year_refuses_attach_and_remove(evidence_db):
    db, u, root = evidence_db
    fid = ev.add_files(db, u["district3"], "status", rec_id(db), [ev.NewFile("a.pdf", s.pdf())])[0]
    programs.close_year(db, u["admin"], YEAR)
    with pytest.raises(YearClosed):
        ev.add_files(db, u["district3"], "status", rec_id(db), [ev.NewFile("b.png", s.png())])
    for who in ("district3", "admin"):
        with pytest.raises(YearClosed):
            ev.remove_file(db, u[who], fid)
    assert counts(db) == (1, 1)


def test_removed_file_stays_until_the_year_closes(evidence_db):
    db, u, root = evidence_db
    fid, keep = ev.add_files(db, u["district3"], "status", rec_id(db),
                             [ev.NewFile("a.pdf", s.pdf()), ev.NewFile("b.png", s.png())])
    with pytest.raises(PermissionDenied):
        ev.remove_file(db, u["zone5-1"], fid)
    ev.remove_file(db, u["district3"], fid)
    with pytest.raises(ValidationFailed):
        ev.remove_file(db, u["district3"], fid)  # only once
    assert list(ev.record_files(db, "status", rec_id(db))["id"]) == [keep]
    assert len(ev.record_files(db, "status", rec_id(db), include_removed=True)) == 2
    hist = db.execute("SELECT changes FROM history WHERE kind = 'status_file' ORDER BY id"
                      ).fetchall()
    assert "file_removed" in hist[-1][0]
    assert len(files_on_disk(root)) == 2  # still kept
    with pytest.raises(PermissionDenied):
        ev.read_file(db, u["district3"], fid)  # a removed file: the office only
    assert ev.read_file(db, u["admin"], fid)[1] == s.pdf()
    programs.close_year(db, u["admin"], YEAR)
    assert len(files_on_disk(root)) == 1
    assert ev.read_file(db, u["admin"], fid) is None
    assert ev.read_file(db, u["admin"], keep) is not None
    assert db.execute("SELECT count(*) FROM evidence_files WHERE purged_at IS NOT NULL"
                      ).fetchone()[0] == 1


def test_reading_follows_who_may_read_the_record(evidence_db):
    db, u, root = evidence_db
    fid = ev.add_files(db, u["district3"], "status", rec_id(db), [ev.NewFile("a.pdf", s.pdf())])[0]
    for who in ("admin", "inspector", "viewer", "district3", "zone3-2"):
        assert ev.read_file(db, u[who], fid)[1] == s.pdf()
    with pytest.raises(PermissionDenied):
        ev.read_file(db, u["zone5-1"], fid)


def test_done_needs_what_the_program_rule_asks(evidence_db):
    db, u, root = evidence_db
    cid = clause(db, 7)
    rid = record_id_for(db, "status", YEAR, 302, cid)
    version = db.execute("SELECT version FROM status WHERE id = ?", [rid]).fetchone()[0]

    def mark_done(values):
        v = db.execute("SELECT version FROM status WHERE id = ?", [rid]).fetchone()[0]
        return apply_changes(db, u["district3"], STATUS,
                             [Change(YEAR, 302, cid, v, {"status": "done", **values}, row=7)])

    db.execute("UPDATE status SET evidence = NULL, notes = NULL, status = 'in_progress' "
               "WHERE id = ?", [rid])
    with pytest.raises(PermissionDenied):
        ev.set_done_rule(db, u["district3"], YEAR, "file")
    ev.set_done_rule(db, u["admin"], YEAR, "file")
    assert ev.done_rule(db, YEAR) == "file"
    with pytest.raises(ValidationFailed) as exc:
        mark_done({"notes": "تمام شد", "evidence": "https://example.ir/x"})
    assert [p.key for p in exc.value.problems] == ["val.done_needs_file"]
    ev.add_files(db, u["district3"], "status", rid, [ev.NewFile("a.jpg", s.jpeg())])
    assert mark_done({}) == 1
    fid = int(ev.record_files(db, "status", rid).iloc[0]["id"])
    with pytest.raises(ValidationFailed) as exc:
        ev.remove_file(db, u["district3"], fid)  # would leave done without its file
    assert [p.key for p in exc.value.problems] == ["ev.val.remove_breaks_done"]
    assert version >= 0
    events = programs.program_events(db, YEAR)
    assert "done_rule" in set(events["action"])


def test_default_rule_accepts_a_file_alone(evidence_db):
    db, u, root = evidence_db
    cid = clause(db, 8)
    rid = record_id_for(db, "status", YEAR, 302, cid)
    db.execute("UPDATE status SET evidence = NULL, notes = NULL, status = 'in_progress' "
               "WHERE id = ?", [rid])
    v = db.execute("SELECT version FROM status WHERE id = ?", [rid]).fetchone()[0]
    with pytest.raises(ValidationFailed) as exc:
        apply_changes(db, u["district3"], STATUS, [Change(YEAR, 302, cid, v, {"status": "done"})])
    assert [p.key for p in exc.value.problems] == ["val.done_needs_evidence"]
    ev.add_files(db, u["district3"], "status", rid, [ev.NewFile("a.png", s.png())])
    assert apply_changes(db, u["district3"], STATUS,
                         [Change(YEAR, 302, cid, v, {"status": "done"})]) == 1


def test_plan_lines_take_files_too(evidence_db):
    from tracker.store.plans import PLAN

    db, u, root = evidence_db
    cid = clause(db, 2)
    pid = record_id_for(db, "plan", YEAR, 302, cid)
    if pid is None:
        apply_changes(db, u["district3"], PLAN, [Change(YEAR, 302, cid, 0, {"actions": "x"})])
        pid = record_id_for(db, "plan", YEAR, 302, cid)
    ev.add_files(db, u["zone3-2"], "plan", pid, [ev.NewFile("plan.docx", s.office())])
    assert list(ev.record_files(db, "plan", pid)["mime"]) == [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]
    assert db.execute("SELECT count(*) FROM history WHERE kind = 'plan_file' AND record_id = ?",
                      [pid]).fetchone()[0] == 1


def test_rows_are_never_deleted_or_rewritten(evidence_db):
    import sqlite3

    db, u, root = evidence_db
    ev.add_files(db, u["district3"], "status", rec_id(db), [ev.NewFile("a.pdf", s.pdf())])
    for sql in ("DELETE FROM evidence_files", "UPDATE evidence_files SET original_name = 'x'"):
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(sql)
