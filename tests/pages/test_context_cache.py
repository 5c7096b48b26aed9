"""Cached reads and derived figures (tracker.ui.context.read / derive) are shared
between reruns, and a save is seen by the very next rerun."""

from streamlit.testing.v1 import AppTest

from tracker.store.records import STATUS, Change, apply_changes
from tracker.store.reference import list_clauses
from tracker.store.status import record_by_key

YEAR = 1405
UNIT = 301


def district_progress(records, district):
    """A derived figure (module level, as derive requires), counting its computations."""
    import streamlit as st

    calls = st.session_state.setdefault("derive_calls", [0])
    calls[0] += 1
    return float(records.loc[records["district"] == district, "progress"].sum())


def _script():
    import streamlit as st

    from tests.pages.test_context_cache import district_progress
    from tracker.store.compare import records_as_of
    from tracker.ui.context import derive, read
    from tracker.ui.registry import page_modules

    records = read(records_as_of, 1405)
    st.text(f"read={records['progress'].sum():.1f}")
    total = derive(district_progress, lambda: read(records_as_of, 1405), (1405, None), 3)
    st.text(f"derived={total:.1f}")
    st.text(f"pages={len(page_modules())}")


def _texts(at):
    return {t.value.split("=")[0]: t.value.split("=")[1] for t in at.text}


def test_a_save_is_seen_by_the_next_rerun(db, db_path, admin, monkeypatch):
    from tracker.ui.context import clear_caches

    monkeypatch.setenv("TRACKER_DB", str(db_path))
    clear_caches()
    at = AppTest.from_function(_script, default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    first = _texts(at)
    assert first["read"] == first["derived"] == "0.0"
    at.run()
    assert at.session_state["derive_calls"] == [1]  # the rerun used the cached figure

    clauses = list_clauses(db, YEAR)
    clause = int(clauses.loc[clauses["number"] == 1, "id"].iloc[0])
    rec = record_by_key(db, YEAR, UNIT, clause)
    version = int(rec["version"]) if rec is not None else 0
    apply_changes(db, admin, STATUS, [Change(YEAR, UNIT, clause, version,
                                             {"status": "in_progress", "progress": 40.0})])
    at.run()
    after = _texts(at)
    assert after["read"] == "40.0" and after["derived"] == "40.0"
    assert at.session_state["derive_calls"] == [2]


def test_the_registry_lists_pages_without_importing_them():
    # in a fresh interpreter, listing the pages imports none of their modules
    import subprocess
    import sys

    from tracker.ui.registry import page_modules

    code = ("import sys; from tracker.ui.registry import page_modules; page_modules(); "
            "print(sorted(m for m in sys.modules if m.startswith('tracker.pages.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
    pages = page_modules()
    assert [p.PAGE["path"] for p in pages][:3] == ["status", "summary", "overview"]
    admin = next(p for p in pages if p.PAGE["path"] == "admin")
    assert admin.PAGE["roles"] == {"admin"}
    assert admin.render.__name__ == "render_admin"
    module = admin.module()
    assert module.__name__ in sys.modules and module.PAGE == admin.PAGE
