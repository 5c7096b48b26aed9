"""Timing one page with AppTest, and its floor: the same widgets with no data work.

:func:`measure_page` runs in a process of its own (``python -m tracker.bench page``),
so that the peak memory it reports is that page's. It

1. runs the app (``streamlit_app.py``) on the page, signed in, once to warm up;
2. clears the cached reads (``context.clear_caches``) and runs it again while
   recording every SQL statement the page sends (with its parameters): the page's raw queries;
3. times ``runs`` warm reruns (the median is what a click costs);
4. records what the page showed, element by element, and times a bare page that
   calls the same Streamlit functions with the same, ready-made values
   (:func:`replay`): no database, no pandas work, no formatting;
5. times the raw queries alone on a fresh connection.
"""

from __future__ import annotations

import pickle
import resource
import statistics
import time
from pathlib import Path
from typing import Any

from streamlit.proto.Element_pb2 import Element
from streamlit.testing.v1.element_tree import Block as TreeBlock
from streamlit.util import calc_hash

from tracker import config
from tracker.bench import load as benchload
from tracker.db import connect
from tracker.store.users import get_user_by_username
from tracker.ui.registry import page_path

APP = config.ROOT / "streamlit_app.py"
_DELTA = {f.message_type.full_name: f.name for f in Element.DESCRIPTOR.fields
          if f.message_type is not None}
_TEXT = {"markdown", "caption", "title", "header", "subheader", "text", "info", "warning",
         "error", "success", "code", "html", "latex"}


def measure_page(db_path: str, page_file: str, runs: int, spec_path: str,
                 username: str = "admin", query: dict[str, str] | None = None
                 ) -> dict[str, Any]:
    """Median warm rerun of the app on ``page_file`` signed in as ``username`` with the
    query-string parameters ``query``, its bare floor and raw queries."""
    import os

    from streamlit.testing.v1 import AppTest

    os.environ["TRACKER_DB"] = str(db_path)
    statements: list[str] = []
    recording = {"on": False}
    _trace_new_connections(statements, recording)
    probe = connect(db_path)
    user = get_user_by_username(probe, username)
    probe.conn.close()

    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state["auth_user"] = user
    for key, value in (query or {}).items():
        at.query_params[key] = value
    # pages are registered by url path (st.Page(render, url_path=...)): AppTest's
    # switch_page would hash the file name, which opens the default page instead
    wanted = calc_hash(page_path(page_file))
    at._page_hash = wanted
    began = time.perf_counter()
    at.run()
    first_ms = (time.perf_counter() - began) * 1000
    error = _error(at)
    if at._finished_page_script_hash != wanted:
        error = f"the app did not open {page_file}"

    from tracker.ui.context import clear_caches

    clear_caches()
    recording["on"] = True
    at.run()
    recording["on"] = False
    page_ms = _median_run(at, runs)
    spec = tree_spec(at._tree.children[0])
    saved_ms = _after_save(at, db_path, user)
    Path(spec_path).write_bytes(pickle.dumps(spec))

    bare = AppTest.from_function(bare_page, args=(spec_path,), default_timeout=120)
    bare.run()
    bare_error = _error(bare)
    bare_ms = _median_run(bare, runs)
    queries = benchload.reads_only(statements)
    raw = connect(db_path)
    raw_ms = statistics.median(benchload.time_statements(raw, queries) for _ in range(runs))
    raw.conn.close()
    return {"first_ms": first_ms, "median_ms": page_ms, "bare_ms": bare_ms, "raw_ms": raw_ms,
            "after_save_ms": saved_ms,
            "queries": len(queries), "statements": len(statements),
            "peak_mb": peak_mb(),
            "error": error or bare_error}


def peak_mb() -> float:
    """This process's peak resident memory in MB.

    ``VmHWM`` belongs to the process image, so a page process started by a big parent
    (the one that built the database) reports its own peak; ``ru_maxrss`` is inherited
    across fork and exec on Linux and would report the parent's.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _trace_new_connections(sink: list[str], recording: dict) -> None:
    import tracker.db as tdb

    original = tdb.connect

    def traced(path=None):
        db = original(path)
        benchload.trace(db, lambda sql: recording["on"] and sink.append(sql))
        return db

    tdb.connect = traced


def _after_save(at, db_path: str, user) -> float | None:
    """One rerun after someone saved an edit (every cached read is then stale):
    what the next click costs after any save anywhere."""
    from tracker.bench.runner import _current_year
    from tracker.store import records as store_records

    db = connect(db_path)
    try:
        year = _current_year(db)
        row = benchload.first_record(db, year)
        if row is None:
            return None
        unit, clause, version, progress = row
        change = store_records.Change(year, unit, clause, int(version),
                                      {"progress": 1.0 + float(progress or 0) % 98,
                                       "status": "in_progress"})
        store_records.apply_changes(db, user, store_records.STATUS, [change])
    finally:
        db.conn.close()
    began = time.perf_counter()
    at.run()
    return (time.perf_counter() - began) * 1000


def _median_run(at, runs: int) -> float:
    times = []
    for _ in range(max(1, runs)):
        began = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def _error(at) -> str | None:
    if len(at.exception):
        exc = at.exception[0]
        trace = [line for line in exc.stack_trace if line.strip()]
        return (f"{exc.value}: {trace[-1].strip()}" if trace else str(exc.value))[:300]
    return None


# -- the bare page -----------------------------------------------------------------

def tree_spec(block) -> list:
    """What a block shows, as a list of replayable nodes (picklable)."""
    out = []
    for node in block.children.values():
        out.append(_node_spec(node))
    return [n for n in out if n is not None]


def _node_spec(node) -> tuple | None:
    kind = getattr(node, "type", "")
    proto = getattr(node, "proto", None)
    if kind == "flex_container" and node.children and all(
            getattr(c, "type", "") == "column" for c in node.children.values()):
        cols = list(node.children.values())
        return ("columns", [c.weight or 1 for c in cols],
                [tree_spec(c) for c in cols])
    if kind == "tab_container":
        tabs = list(node.children.values())
        return ("tabs", [t.label for t in tabs], [tree_spec(t) for t in tabs])
    if kind in ("expander", "expandable"):
        return ("expander", node.label, tree_spec(node))
    if kind == "form":
        return ("form", None, tree_spec(node))
    if isinstance(node, TreeBlock):
        return ("container", None, tree_spec(node))
    if proto is None:
        return None
    if kind == "dataframe":
        return ("dataframe", node.value, bool(proto.editing_mode))
    if kind in _TEXT and hasattr(node, "value"):
        return ("text", kind, str(node.value))
    if kind == "metric":
        return ("call", "metric", (proto.label, proto.body), {})
    if kind == "selectbox":
        return ("call", "selectbox", (proto.label, list(proto.options)),
                {"index": int(proto.default)})
    if kind == "button":
        return ("call", "form_submit_button" if proto.is_form_submitter else "button",
                (proto.label,), {})
    if kind == "button_group":
        return ("call", "segmented_control",
                (proto.label or "-", [o.content for o in proto.options]), {})
    if kind == "text_input":
        return ("call", "text_input", (proto.label,), {"value": proto.default or ""})
    if kind in ("checkbox", "toggle"):
        return ("call", "checkbox", (proto.label,), {})
    if kind == "radio":
        return ("call", "radio", (proto.label, list(proto.options)), {})
    if kind == "multiselect":
        return ("call", "multiselect", (proto.label, list(proto.options)), {})
    if kind == "download_button":
        return ("call", "download_button", (proto.label, b"-"), {})
    if kind in ("number_input", "slider", "date_input", "text_area", "time_input",
                "color_picker"):
        return ("call", kind, (proto.label,), {})
    if "id" in proto.DESCRIPTOR.fields_by_name:  # another widget: not replayable as is
        return None
    name = _DELTA.get(proto.DESCRIPTOR.full_name)
    return ("proto", name, proto) if name else None


def replay(spec: list, counter: list | None = None) -> None:
    """Show ``spec`` (from :func:`tree_spec`) with the same Streamlit calls."""
    import streamlit as st

    counter = counter if counter is not None else [0]
    for node in spec:
        kind = node[0]
        if kind == "columns":
            for col, children in zip(st.columns(node[1]), node[2], strict=True):
                with col:
                    replay(children, counter)
        elif kind == "tabs":
            for tab, children in zip(st.tabs(node[1]), node[2], strict=True):
                with tab:
                    replay(children, counter)
        elif kind in ("expander", "form", "container"):
            counter[0] += 1
            box = (st.expander(node[1]) if kind == "expander"
                   else st.form(f"bare_form_{counter[0]}") if kind == "form" else st.container())
            with box:
                replay(node[2], counter)
        elif kind == "dataframe":
            counter[0] += 1
            if node[2]:
                st.data_editor(node[1], key=f"bare_{counter[0]}", hide_index=True)
            else:
                st.dataframe(node[1], hide_index=True)
        elif kind == "text":
            getattr(st, node[1])(node[2])
        elif kind == "call":
            counter[0] += 1
            kwargs = dict(node[3])
            if node[1] not in ("metric",):
                kwargs["key"] = f"bare_{counter[0]}"
            getattr(st, node[1])(*node[2], **kwargs)
        elif kind == "proto":
            st._main._enqueue(node[1], node[2])


def bare_page(spec_path: str) -> None:
    """The floor: the recorded page replayed (run by ``AppTest.from_function``)."""
    import streamlit as st

    from tracker.bench.page import load_spec, replay

    st.set_page_config(layout="wide")
    replay(load_spec(spec_path))


def load_spec(spec_path: str) -> list:
    import streamlit as st

    @st.cache_resource(show_spinner=False)
    def _load(path: str) -> list:
        return pickle.loads(Path(path).read_bytes())

    return _load(spec_path)
