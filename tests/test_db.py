from tracker.db import connect, migrate, migration_sets, open_db


def test_pragmas(tmp_path):
    db = connect(tmp_path / "x.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 10000


def test_migrations_are_idempotent(tmp_path):
    db = open_db(tmp_path / "x.db")
    assert migrate(db) == []
    names = {m.name for m in migration_sets()}
    assert "core" in names
    assert db["status"].exists() and db["history"].exists()


def test_foreign_keys_are_enforced(db):
    import sqlite3

    import pytest

    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO status (year, unit_id, clause_id) VALUES (1405, 99999, 1)")
