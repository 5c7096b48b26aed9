"""Visits in the store: permissions, validation, upload limits, immutability with logged
corrections, the corrective-action life cycle, verified scores and the gap."""

import hashlib
import sqlite3
import struct
import zlib
from datetime import date

import pytest

from tests.conftest import make_user
from tracker.domain.errors import PermissionDenied, ValidationFailed, YearClosed
from tracker.domain.verification import BadTransition
from tracker.exchange import uploads
from tracker.store import reference as store_ref
from tracker.store import visit_reads as reads
from tracker.store import visits as store
from tracker.store.records import STATUS, Change, apply_changes

YEAR = 1405
TODAY = date(2026, 11, 21)
VISIT_DAY = date(2026, 11, 10)


def png(width: int = 2, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                              0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture
def inspector():
    return make_user("inspector", uid=910, name="بازرس نمونه")


@pytest.fixture
def clauses(db):
    c = store_ref.list_clauses(db, YEAR)
    return dict(zip(c["number"].astype(int), c["id"].astype(int), strict=True))


@pytest.fixture
def root(tmp_path):
    return tmp_path / "uploads"


def record(db, actor, clauses, root, unit=302, items=None, **kw):
    items = items or [store.VisitItem(clauses[1], "non_compliant", {1: "no", 2: "yes"},
                                      "ترک‌های تازه"),
                      store.VisitItem(clauses[2], "compliant")]
    kw.setdefault("actions", [store.NewAction("ترمیم دوباره", date(2026, 12, 20), clauses[1])])
    return store.record_visit(db, actor, YEAR, unit, VISIT_DAY, items, uploads_root=root,
                              today=TODAY, **kw)


def claim_done(db, editor, clauses, unit, number):
    apply_changes(db, editor, STATUS, [Change(YEAR, unit, clauses[number], 0,
                                              {"status": "done", "notes": "تمام شد"})])


def test_only_inspectors_and_admins_record(db, clauses, root, editor3, viewer, inspector, admin):
    for user in (editor3, viewer):
        with pytest.raises(PermissionDenied):
            record(db, user, clauses, root)
    assert db.execute("SELECT count(*) FROM visits").fetchone()[0] == 0
    assert record(db, inspector, clauses, root) > 0
    assert record(db, admin, clauses, root) > 0


def test_visit_is_stored_with_items_actions_and_files(db, clauses, root, inspector):
    vid = record(db, inspector, clauses, root, files=[store.Upload("x.png", png())])
    items = reads.visit_items(db, vid).set_index("number")
    assert items.loc[1, "verdict"] == "non_compliant"
    assert items.loc[1, "findings"] == "ترک‌های تازه"
    actions = reads.unit_actions(db, YEAR, 302)
    assert list(actions["status"]) == ["open"]
    assert actions.iloc[0]["findings"] == "ترک‌های تازه"
    files = reads.visit_files(db, vid)
    assert list(files["original_name"]) == ["x.png"]
    stored = files.iloc[0]["stored_name"]
    assert "/" not in stored and stored.endswith(".png") and stored != "x.png"
    meta, data = reads.evidence_file(db, int(files.iloc[0]["id"]), root)
    # decoded and re-encoded, kept once by content in the shared upload store
    assert data.startswith(b"\x89PNG") and meta["mime"] == "image/png"
    assert (root / "files" / f"{meta['sha256']}.png").read_bytes() == data
    assert hashlib.sha256(data).hexdigest() == meta["sha256"]


def test_visit_files_go_through_the_shared_content_checks(db, clauses, root, inspector):
    for name, data, key in [("../x.png", png(), "up.val.name_path"),
                            ("x.png", b"\x89PNG\r\n\x1a\n<html>hi</html>", "up.val.broken"),
                            ("x.pdf", b"%PDF-1.4 /OpenAction << /JS (x) >>",
                             "up.val.pdf_active")]:
        with pytest.raises(ValidationFailed) as exc:
            record(db, inspector, clauses, root, files=[store.Upload(name, data)])
        assert [p.key for p in exc.value.problems] == [key]
    assert db.execute("SELECT count(*) FROM visits").fetchone()[0] == 0


def test_legacy_visit_file_is_still_read(db, clauses, root, inspector):
    vid = record(db, inspector, clauses, root, files=[store.Upload("x.png", png())])
    meta = reads.visit_files(db, vid).iloc[0]
    (root / "files" / f"{reads.evidence_file(db, int(meta['id']), root)[0]['sha256']}.png"
     ).unlink()
    (root / "visits").mkdir()
    (root / "visits" / meta["stored_name"]).write_bytes(b"old bytes")
    assert reads.evidence_file(db, int(meta["id"]), root)[1] == b"old bytes"


@pytest.mark.parametrize("name,data,key", [
    ("big.jpg", b"\xff\xd8\xff" + b"0" * uploads.limits().max_bytes, "up.val.too_big"),
    ("evil.png", b"MZ\x90\x00 this is a program", "up.val.type"),
    ("empty.pdf", b"", "up.val.empty"),
])
def test_upload_limits_refuse_and_write_nothing(db, clauses, root, inspector, name, data, key):
    with pytest.raises(ValidationFailed) as exc:
        record(db, inspector, clauses, root, files=[store.Upload("ok.pdf", b"%PDF-1.4 x"),
                                                    store.Upload(name, data)])
    assert key in [p.key for p in exc.value.problems]
    assert db.execute("SELECT count(*) FROM visits").fetchone()[0] == 0
    assert not (root / "files").exists() or not any((root / "files").iterdir())


def test_too_many_files(db, clauses, root, inspector):
    files = [store.Upload(f"{i}.pdf", b"%PDF-1.4") for i in range(uploads.limits().max_files + 1)]
    with pytest.raises(ValidationFailed) as exc:
        record(db, inspector, clauses, root, files=files)
    assert [p.key for p in exc.value.problems] == ["vis.val.too_many_files"]


def test_file_written_then_rolled_back_is_removed(db, clauses, root, inspector, monkeypatch):
    class Broken:
        @staticmethod
        def token_hex(n):
            assert any((root / "files").iterdir())  # the file is on disk at this point
            raise sqlite3.OperationalError("disk full")
    monkeypatch.setattr(store, "secrets", Broken)
    with pytest.raises(sqlite3.OperationalError):
        record(db, inspector, clauses, root, files=[store.Upload("a.png", png())])
    assert db.execute("SELECT count(*) FROM visits").fetchone()[0] == 0
    assert not any((root / "files").iterdir())


def test_validation_collects_every_problem(db, clauses, root, inspector):
    items = [store.VisitItem(clauses[1], "partly", {9: "yes"}, ""),
             store.VisitItem(clauses[1], "maybe"),
             store.VisitItem(99999, "compliant")]
    actions = [store.NewAction("", date(2026, 1, 1), clauses[5])]
    with pytest.raises(ValidationFailed) as exc:
        store.record_visit(db, inspector, YEAR, 302, date(2027, 1, 1), items, actions=actions,
                           uploads_root=root, today=TODAY)
    keys = {p.key for p in exc.value.problems}
    assert {"vis.val.future_date", "vis.val.findings_needed", "vis.val.answer",
            "vis.val.clause_twice", "vis.val.verdict", "val.unknown_clause",
            "vis.val.action_clause", "vis.val.action_empty",
            "vis.val.due_before_visit"} <= keys
    assert db.execute("SELECT count(*) FROM visits").fetchone()[0] == 0


def test_closed_year_is_refused(db, clauses, root, inspector):
    db.execute("UPDATE programs SET closed = 1 WHERE year = ?", [YEAR])
    with pytest.raises(YearClosed):
        record(db, inspector, clauses, root)


def test_submitted_visit_cannot_be_changed_silently(db, clauses, root, inspector):
    vid = record(db, inspector, clauses, root, files=[store.Upload("a.png", png())])
    for sql in ("UPDATE visits SET visit_date = '2026-01-01' WHERE id = ?",
                "DELETE FROM visits WHERE id = ?",
                "UPDATE visit_items SET verdict = 'compliant' WHERE visit_id = ?",
                "DELETE FROM visit_items WHERE visit_id = ?",
                "UPDATE visit_files SET original_name = 'x' WHERE visit_id = ?",
                "DELETE FROM visit_files WHERE visit_id = ?",
                "UPDATE corrective_actions SET due_date = '2030-01-01' WHERE visit_id = ?",
                "DELETE FROM corrective_actions WHERE visit_id = ?"):
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(sql, [vid])
    assert reads.visit_items(db, vid).set_index("number").loc[1, "verdict"] == "non_compliant"


def test_correction_is_logged_and_applied(db, clauses, root, inspector, editor3):
    vid = record(db, inspector, clauses, root)
    with pytest.raises(PermissionDenied):
        store.add_correction(db, editor3, vid, clauses[1], "verdict", "compliant", "اشتباه")
    with pytest.raises(ValidationFailed) as exc:
        store.add_correction(db, inspector, vid, clauses[1], "verdict", "compliant", " ")
    assert exc.value.problems[0].key == "vis.val.reason_needed"
    with pytest.raises(ValidationFailed) as exc:
        store.add_correction(db, inspector, vid, clauses[1], "verdict", "non_compliant", "x")
    assert exc.value.problems[0].key == "vis.val.no_change"
    store.add_correction(db, inspector, vid, clauses[1], "verdict", "partly", "خطای ثبت")
    items = reads.visit_items(db, vid).set_index("number")
    assert items.loc[1, "verdict"] == "partly"
    assert items.loc[1, "original_verdict"] == "non_compliant"
    assert items.loc[1, "corrections"] == 1
    log = reads.visit_corrections(db, vid)
    assert log.iloc[0][["field", "old_value", "new_value", "reason", "by_name"]].tolist() == [
        "verdict", "non_compliant", "partly", "خطای ثبت", "بازرس نمونه"]
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("DELETE FROM visit_corrections")
    assert reads.latest_verdicts(db, YEAR).set_index("number").loc[1, "verdict"] == "partly"


def test_corrective_action_life_cycle(db, clauses, root, inspector, editor3, viewer):
    record(db, inspector, clauses, root)
    aid = int(reads.unit_actions(db, YEAR, 302).iloc[0]["id"])
    other = make_user("district_editor", 4, uid=904)
    for user in (other, viewer, inspector):
        with pytest.raises(PermissionDenied):
            store.resolve_action(db, user, aid)
    with pytest.raises(BadTransition):
        store.confirm_action(db, inspector, aid)
    assert store.resolve_action(db, editor3, aid, "ترمیم شد") == "resolved"
    with pytest.raises(BadTransition):
        store.resolve_action(db, editor3, aid)
    with pytest.raises(PermissionDenied):
        store.confirm_action(db, editor3, aid)
    with pytest.raises(ValidationFailed):  # reopening needs a reason
        store.confirm_action(db, inspector, aid, accept=False)
    assert store.confirm_action(db, inspector, aid, accept=False, note="هنوز ترک دارد") == "open"
    assert store.resolve_action(db, editor3, aid, "دوباره ترمیم شد") == "resolved"
    assert reads.unit_actions(db, YEAR, 302).iloc[0]["status"] == "resolved"
    assert store.confirm_action(db, inspector, aid) == "confirmed"
    assert reads.unit_actions(db, YEAR, 302).empty
    assert len(reads.unit_actions(db, YEAR, 302, include_confirmed=True)) == 1
    events = reads.action_events(db, aid)
    assert list(events["event"]) == ["created", "resolve", "reopen", "resolve", "confirm"]


def test_a_closed_years_actions_can_be_neither_resolved_nor_confirmed(db, clauses, root,
                                                                     inspector, editor3):
    record(db, inspector, clauses, root)
    aid = int(reads.unit_actions(db, YEAR, 302).iloc[0]["id"])
    assert store.resolve_action(db, editor3, aid, "ترمیم شد") == "resolved"
    db.execute("UPDATE programs SET closed = 1 WHERE year = ?", [YEAR])
    with pytest.raises(YearClosed):
        store.confirm_action(db, inspector, aid)
    with pytest.raises(YearClosed):
        store.confirm_action(db, inspector, aid, accept=False, note="هنوز ترک دارد")
    db.execute("UPDATE programs SET closed = 0 WHERE year = ?", [YEAR])
    assert store.confirm_action(db, inspector, aid, accept=False, note="هنوز ترک دارد") == "open"
    db.execute("UPDATE programs SET closed = 1 WHERE year = ?", [YEAR])
    with pytest.raises(YearClosed):
        store.resolve_action(db, editor3, aid, "دوباره")
    assert list(reads.action_events(db, aid)["event"]) == ["created", "resolve", "reopen"]


def test_zone_editor_resolves_only_its_zone(db, clauses, root, inspector):
    record(db, inspector, clauses, root, unit=302)
    aid = int(reads.unit_actions(db, YEAR, 302).iloc[0]["id"])
    with pytest.raises(PermissionDenied):
        store.resolve_action(db, make_user("zone_editor", 3, 1, uid=931), aid)
    assert store.resolve_action(db, make_user("zone_editor", 3, 2, uid=932), aid) == "resolved"


def test_latest_verdict_wins_and_gap_follows(db, clauses, root, inspector, editor3):
    claim_done(db, editor3, clauses, 302, 1)
    claim_done(db, editor3, clauses, 302, 2)
    record(db, inspector, clauses, root)  # clause 1 non-compliant, clause 2 compliant
    gap = reads.verified_gap(db, YEAR).set_index("district")
    weights = store_ref.list_clauses(db, YEAR).set_index("number")["weight"]
    w1, w2 = float(weights[1]), float(weights[2])
    assert gap.loc[3, "verified"] == pytest.approx(100 * w2 / (w1 + w2))
    assert gap.loc[3, "reported"] == pytest.approx(100.0)
    assert gap.loc[3, "gap"] == pytest.approx(100 - 100 * w2 / (w1 + w2))
    assert gap.loc[3, "mismatches"] == 1
    found = reads.claim_vs_finding(db, YEAR, 3)
    assert found[found["mismatch"]]["number"].tolist() == [1]
    # a later visit finds clause 1 compliant: no gap, no mismatch
    store.record_visit(db, inspector, YEAR, 302, date(2026, 11, 20),
                       [store.VisitItem(clauses[1], "compliant")], uploads_root=root,
                       today=TODAY)
    gap = reads.verified_gap(db, YEAR).set_index("district")
    assert gap.loc[3, "gap"] == pytest.approx(0.0)
    assert gap.loc[3, "mismatches"] == 0
    assert reads.city_gap(db, YEAR)["gap"] == pytest.approx(0.0)
