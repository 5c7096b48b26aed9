"""Online backups while another process writes, and checked restores."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from tracker.db import open_db
from tracker.store import backup
from tracker.store.backup import BackupError

# Each transaction adds a history row and bumps a status record's version, so a
# consistent copy has exactly one history row per version step.
_WRITER = textwrap.dedent("""
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 30000")
    rid = conn.execute("SELECT id FROM status ORDER BY id LIMIT 1").fetchone()[0]
    print("ready", flush=True)
    for i in range(int(sys.argv[2])):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE status SET version = version + 1 WHERE id = ?", [rid])
        v = conn.execute("SELECT version, year, unit_id, clause_id FROM status WHERE id = ?",
                         [rid]).fetchone()
        conn.execute("INSERT INTO history (kind, record_id, year, unit_id, clause_id, version,"
                     " changed_at, changes) VALUES ('status', ?, ?, ?, ?, ?, '2026-01-01', '{}')",
                     [rid, v[1], v[2], v[3], v[0]])
        conn.execute("COMMIT")
""")


def _consistent(path) -> tuple[int, int]:
    conn = sqlite3.connect(str(path))
    rid = conn.execute("SELECT id FROM status ORDER BY id LIMIT 1").fetchone()[0]
    version = conn.execute("SELECT version FROM status WHERE id = ?", [rid]).fetchone()[0]
    rows = conn.execute("SELECT count(*) FROM history WHERE record_id = ?", [rid]).fetchone()[0]
    conn.close()
    return version, rows


def test_backup_while_another_process_writes_is_consistent(db_path, tmp_path):
    open_db(db_path).conn.close()
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(db_path), "3000"],
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "ready"
    copies = []
    try:
        for i in range(5):
            copies.append(backup.backup(db_path, tmp_path / f"b{i}.db"))
    finally:
        writer.wait(timeout=120)
    assert writer.returncode == 0
    seen = set()
    for copy in copies:
        backup.check(copy)
        version, rows = _consistent(copy)
        assert version == rows  # never half a transaction
        seen.add(version)
    assert any(0 < v < 3000 for v in seen), seen  # taken while the writer ran
    assert _consistent(db_path) == (3000, 3000)
    restored = backup.restore(copies[-1], tmp_path / "restored.db")
    assert _consistent(restored) == _consistent(copies[-1])


def test_restore_over_a_live_database_swaps_the_data_and_bumps_the_revision(db_path, tmp_path):
    saved = backup.backup(db_path, tmp_path / "saved.db")
    live = open_db(db_path)
    live.execute("UPDATE meta SET value = '500' WHERE key = 'revision'")
    live.execute("DELETE FROM status")
    assert live.execute("SELECT count(*) FROM status").fetchone()[0] == 0
    backup.restore(saved, db_path)
    # the app's open connection sees the restored data, and a new revision
    assert live.execute("SELECT count(*) FROM status").fetchone()[0] > 0
    assert int(live.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0]) > 500
    assert live.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    live.conn.close()
    assert not list(tmp_path.glob(".*.tmp")) and not list(db_path.parent.glob(".*.tmp"))


def test_backup_bytes_is_a_sound_database(db_path, tmp_path):
    data = backup.backup_bytes(db_path)
    assert data.startswith(b"SQLite format 3\x00")
    (tmp_path / "x.db").write_bytes(data)
    backup.check(tmp_path / "x.db")


def test_restore_refuses_what_is_not_a_sound_tracker_database(db_path, tmp_path):
    before = db_path.read_bytes()
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    damaged = tmp_path / "damaged.db"
    good = backup.backup(db_path, tmp_path / "good.db").read_bytes()
    damaged.write_bytes(good[:4096] + b"\x13" * (len(good) - 4096))
    for path, key in ((text, "io.backup.not_db"), (other, "io.backup.not_tracker"),
                      (damaged, "io.backup.corrupt"), (tmp_path / "none.db", "io.backup.missing")):
        with pytest.raises(BackupError) as info:
            backup.restore(path, db_path)
        assert info.value.key == key, path
        assert info.value.message("fa") and info.value.message("en")
    assert db_path.read_bytes() == before
