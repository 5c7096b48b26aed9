"""Backups with the evidence files: a .tar with the database and the upload store, and
a restore that puts both back; bad archives are refused and nothing is touched."""

import io
import sqlite3
import tarfile

import pytest

from tests import upload_samples as s
from tests.conftest import demo_user
from tracker.cli import main
from tracker.db import connect
from tracker.store import backup_archive as arc
from tracker.store import evidence as ev
from tracker.store.backup import BackupError
from tracker.store.record_refs import record_id_for


def _attach(db_file):
    db = connect(db_file)
    cid = db.execute("SELECT id FROM clauses WHERE year = 1405 AND number = 4").fetchone()[0]
    rid = record_id_for(db, "status", 1405, 302, cid)
    ids = ev.add_files(db, demo_user(db_file, "district3"), "status", rid,
                       [ev.NewFile("a.jpg", s.jpeg()), ev.NewFile("b.pdf", s.pdf())])
    return db, ids


def test_backup_and_restore_bring_the_files_back(demo_db_copy, tmp_path, monkeypatch):
    uploads = tmp_path / "uploads"
    monkeypatch.setenv("TRACKER_UPLOADS", str(uploads))
    db, ids = _attach(demo_db_copy)
    before = {p.name: p.read_bytes() for p in (uploads / "files").iterdir()}
    assert len(before) == 2
    out = tmp_path / "full.tar"
    assert main(["--db", str(demo_db_copy), "backup", "--out", str(out)]) == 0
    with tarfile.open(out) as tar:
        assert sorted(tar.getnames()) == sorted(
            ["tracker.db"] + [f"uploads/files/{n}" for n in before])

    # a new machine: no database, no uploads
    new_uploads = tmp_path / "new-uploads"
    monkeypatch.setenv("TRACKER_UPLOADS", str(new_uploads))
    new_db = tmp_path / "new.db"
    assert main(["--db", str(new_db), "restore", "--from", str(out)]) == 0
    assert {p.name: p.read_bytes() for p in (new_uploads / "files").iterdir()} == before
    restored = connect(new_db)
    meta, data = ev.read_file(restored, demo_user(new_db, "admin"), ids[1])
    assert data == s.pdf() and meta["original_name"] == "b.pdf"


def test_restore_over_a_live_database_puts_missing_files_back(demo_db_copy, tmp_path,
                                                              monkeypatch):
    uploads = tmp_path / "uploads"
    monkeypatch.setenv("TRACKER_UPLOADS", str(uploads))
    db, ids = _attach(demo_db_copy)
    out = arc.backup_archive(demo_db_copy, tmp_path / "b.tar")
    lost = sorted((uploads / "files").iterdir())[0]
    lost.unlink()
    db.execute("DELETE FROM comments")  # anything: the restore replaces the database
    _, files = arc.restore_archive(out, demo_db_copy)
    assert files == 1 and lost.is_file()


def _tar(members: dict) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


@pytest.mark.parametrize("members", [
    {"tracker.db": b"x", "../../etc/passwd": b"root"},
    {"tracker.db": b"x", "uploads/files/evil.html": b"<html>"},
    {"uploads/files/" + "a" * 64 + ".png": b"x"},  # no database
])
def test_bad_archives_are_refused_and_nothing_is_written(demo_db_copy, tmp_path, members):
    path = tmp_path / "bad.tar"
    path.write_bytes(_tar(members))
    before = sqlite3.connect(demo_db_copy).execute("SELECT count(*) FROM history").fetchone()
    with pytest.raises(BackupError) as exc:
        arc.restore_archive(path, demo_db_copy, tmp_path / "uploads")
    assert exc.value.message("fa") and exc.value.message("en")
    assert not (tmp_path / "uploads").exists()
    assert not (tmp_path.parent / "etc").exists()
    after = sqlite3.connect(demo_db_copy).execute("SELECT count(*) FROM history").fetchone()
    assert before == after


def test_db_only_backup_says_files_are_not_included(demo_db_copy, tmp_path, capsys):
    assert main(["--lang", "en", "--db", str(demo_db_copy), "backup", "--out",
                 str(tmp_path / "b.db")]) == 0
    assert "not the evidence files" in capsys.readouterr().err
