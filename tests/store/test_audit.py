"""The audit log of accounts: one entry written inside the caller's transaction,
read newest first with the target's user name; entries are never changed."""

import sqlite3

import pandas as pd
import pytest

from tests.store.account_fixtures import first_admin
from tracker.store import audit
from tracker.store.tx import write_tx


def test_record_and_read_back_newest_first(udb):
    db = udb
    boss = first_admin(db)  # writes "user.create" as the system account
    with write_tx(db, bump_revision=False):
        audit.record(db, boss, "user.profile", boss.id, "2026-11-21T08:00:00Z",
                     {"new": {"display_name": "رئیس تازه"}})
        audit.record(db, None, "auth.source_locked", None, "2026-11-21T08:01:00Z",
                     {"source": "203.0.113.66"})
    stored = db.execute("SELECT details FROM audit_log WHERE action = 'user.profile'"
                        ).fetchone()[0]
    assert stored == '{"new": {"display_name": "رئیس تازه"}}'  # readable, not \\u escapes
    log = audit.audit_log(db)
    assert list(log.columns) == ["id", "at", "actor_id", "actor_name", "action",
                                 "target_user_id", "target_username", "details"]
    assert list(log["action"]) == ["auth.source_locked", "user.profile", "user.create"]
    newest, profile = log.iloc[0], log.iloc[1]
    assert pd.isna(newest["actor_name"]) and pd.isna(newest["target_username"])
    assert newest["details"] == {"source": "203.0.113.66"}
    assert (profile["actor_id"], profile["actor_name"]) == (boss.id, "boss")
    assert profile["target_username"] == "boss"
    assert list(audit.audit_log(db, limit=1)["action"]) == ["auth.source_locked"]


def test_an_empty_log_has_the_columns(udb):
    log = audit.audit_log(udb)
    assert log.empty and "details" in log.columns


def test_entries_cannot_be_changed_or_deleted(udb):
    db = udb
    first_admin(db)
    with pytest.raises(sqlite3.DatabaseError):
        db.execute("UPDATE audit_log SET action = 'x'")
    with pytest.raises(sqlite3.DatabaseError):
        db.execute("DELETE FROM audit_log")
