"""Cached reads are keyed on the revisions of the areas they read: a save leaves the
caches of what it did not change, the user is read once per rerun, and a rerun reuses
a pooled connection."""

import threading

from streamlit.testing.v1 import AppTest

from tests.conftest import run_app
from tracker.domain.model import unit_id
from tracker.store.plans import PLAN
from tracker.store.records import STATUS, Change, apply_changes

YEAR = 1405


def _script():
    import streamlit as st

    from tracker.store.plans import unit_plan
    from tracker.store.status import unit_records
    from tracker.ui import context

    context.start_run()
    records = context.read(unit_records, 1405, 300)
    st.text(f"status={float(records['progress'].fillna(0).sum())}")
    st.text(f"plans={len(context.read(unit_plan, 1405, 300))}")


def _clause(db):
    return db.execute("SELECT id FROM clauses WHERE year = ? AND number = 1",
                      [YEAR]).fetchone()[0]


def test_a_plan_save_keeps_the_status_reads_cached_and_a_status_save_does_not(
        db, db_path, editor3, monkeypatch):
    from tracker.ui import context

    monkeypatch.setenv("TRACKER_DB", str(db_path))
    context.clear_caches()
    at = AppTest.from_function(_script, default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    misses = context._READS.misses
    at.run()
    assert context._READS.misses == misses  # warm: both reads cached

    # a plan save, from another connection (as another process would)
    apply_changes(db, editor3, PLAN, [Change(YEAR, unit_id(3), _clause(db), 0, {"target": 5})])
    at.run()
    assert context._READS.misses == misses + 1  # the plan read only

    apply_changes(db, editor3, STATUS, [Change(YEAR, unit_id(3), _clause(db), 0,
                                               {"status": "in_progress", "progress": 30.0})])
    at.run()
    assert at.text[0].value == "status=30.0"  # seen by the very next rerun
    # the status read only: the plan lines read no status record
    assert context._READS.misses == misses + 2
    # the entries of older revisions are released, not left to age out
    assert len(context._READS) == 2


def test_the_signed_in_user_is_read_once_per_rerun(app_db, monkeypatch):
    from tracker.store import users

    calls = []
    real = users.get_user

    def counting(db, user_id):
        calls.append(threading.get_ident())
        return real(db, user_id)

    monkeypatch.setattr(users, "get_user", counting)
    at = run_app(app_db, "district3", page="tracker/pages/status.py")
    assert not at.exception, at.exception
    assert len(calls) == 1
    at.run()
    assert len(calls) == 2


def test_a_thread_returns_its_connection_to_the_pool_when_it_ends(db_path):
    from tracker.db import pooled_connections, thread_db

    seen = []

    def run():
        seen.append(thread_db(db_path))
        assert thread_db(db_path) is seen[-1]  # the same one for the thread's life

    for _ in range(3):
        th = threading.Thread(target=run)
        th.start()
        th.join(timeout=30)
    assert seen[0] is seen[1] is seen[2]
    assert pooled_connections(db_path) == 1


def test_the_plan_grid_with_blank_lines_is_not_rebuilt_on_a_warm_rerun(app_db, monkeypatch):
    from tracker.grid import plan_grid

    calls = []
    real = plan_grid.grid_frame

    def grid_frame(base, lang):
        calls.append(int(base["id"].isna().sum()))
        return real(base, lang)

    monkeypatch.setattr(plan_grid, "grid_frame", grid_frame)
    at = run_app(app_db, "district3", page="tracker/pages/plan.py")
    assert not at.exception, at.exception
    assert calls and calls[0] > 0  # the grid has blank lines (no id)
    at.run()
    at.run()
    assert not at.exception, at.exception
    assert len(calls) == 1
