"""Every use of Streamlit's private internals, in one place.

A Streamlit upgrade (pinned: 1.67.0) should touch this file only. Each function says
which internal it uses and why the public API does not do. Other parts of the app may
add their own sections below; keep each section self-contained.
"""

from __future__ import annotations

import gc
import sys
import threading
from typing import Any

# -- garbage collection --------------------------------------------------------------

#: collector thresholds while serving: the youngest generation is collected after
#: 10,000 net allocations instead of 700 (a page run allocates hundreds of thousands
#: of small objects; 700 means a young collection every few dozen rows built)
GC_THRESHOLDS = (10_000, 20, 20)
#: a new collect-and-freeze happens when this many modules were imported since the last
_FREEZE_AFTER_NEW_MODULES = 25
_gc_lock = threading.Lock()
_gc_state = {"tuned": False, "frozen_modules": 0, "freezes": 0}


def tune_gc() -> None:
    """Make garbage collection cheap in a serving process without letting memory go.

    Internal used: the hidden config option ``runner.postScriptGC``
    (``streamlit.config.get_option`` / ``set_option``). Streamlit's script runner calls
    ``gc.collect(2)`` after *every* script run when it is on (the default). In a process
    holding this app's modules and cached frames that full collection scans millions of
    objects and costs 75–90 ms of CPU per click, more than a warm page run. There is no
    public switch; ``.streamlit/config.toml`` turns it off too (``[runner]
    postScriptGC = false``), this covers a server started without that file.

    Instead:

    - Python's own generational collector stays on (``gc.isenabled()``), with a larger
      young generation (:data:`GC_THRESHOLDS`), so cyclic garbage is still collected;
      its full collections are amortised by CPython (they run only when the objects
      waiting for one exceed a quarter of the long-lived heap);
    - the long-lived heap (modules, classes, functions, the reference data) is frozen
      with ``gc.freeze()`` after one full collection, so no collection scans it again.
      This happens on the first call and again whenever enough new modules were
      imported since (a page's first visit imports its modules), so it stops after
      the first visits of the pages. Objects frozen are still freed by reference
      counting; only cycles among them would wait (nothing is frozen that is not
      reachable at the moment of the freeze, since a full collection runs first).

    Called at the start of every run (``tracker.ui.shell.main``); costs a length check
    when there is nothing to do.
    """
    modules = len(sys.modules)
    if _gc_state["tuned"] and modules < _gc_state["frozen_modules"] + _FREEZE_AFTER_NEW_MODULES:
        return
    with _gc_lock:
        if not _gc_state["tuned"]:
            _disable_post_script_gc()
            gc.set_threshold(*GC_THRESHOLDS)
            gc.enable()
            _gc_state["tuned"] = True
        if modules >= _gc_state["frozen_modules"] + _FREEZE_AFTER_NEW_MODULES:
            gc.collect()
            gc.freeze()
            _gc_state["frozen_modules"] = modules
            _gc_state["freezes"] += 1


def gc_state() -> dict:
    """What :func:`tune_gc` did in this process (for tests and the benchmark)."""
    from streamlit import config

    return {**_gc_state, "post_script_gc": bool(config.get_option("runner.postScriptGC")),
            "frozen_objects": gc.get_freeze_count(), "thresholds": gc.get_threshold()}


def _disable_post_script_gc() -> None:
    from streamlit import config

    if config.get_option("runner.postScriptGC"):
        config.set_option("runner.postScriptGC", False, "tracker.ui.st_internals")



# -- charts: specs made once and cached ----------------------------------------------


def altair_spec(chart: Any) -> dict:
    """The Vega-Lite spec ``st.altair_chart`` would send for an Altair ``chart``, with its
    data as Arrow datasets.

    Internal used: ``streamlit.elements.vega_charts._convert_altair_to_vega_lite_spec``.
    Why: building the spec once and caching it spares Altair's validation and deep
    copies on every rerun (tens of ms a chart); the public API only draws a chart, it
    never hands out the spec it makes. The spec is drawn with ``st.vega_lite_chart``.
    """
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

    return _convert_altair_to_vega_lite_spec(chart)


def arrow_dataset(frame: Any) -> tuple[str, bytes]:
    """``(name, arrow bytes)`` of a DataFrame as a named Vega-Lite dataset, the way
    Streamlit names the datasets of the specs it sends.

    Internals used: ``streamlit.dataframe_util.convert_anything_to_arrow_bytes`` and
    ``streamlit.util.calc_hash``. Why: a spec written directly (see
    :func:`tracker.ui.charts.heatmap`) must carry its data in the form
    ``st.vega_lite_chart`` passes to the front end untouched (Arrow bytes keyed by
    their hash, so an unchanged dataset is not sent again); there is no public
    function for it.
    """
    from streamlit import dataframe_util
    from streamlit.util import calc_hash

    arrow = dataframe_util.convert_anything_to_arrow_bytes(frame)
    return calc_hash(arrow), arrow


# -- tests: opening a page in AppTest -------------------------------------------------


def select_page(app_test: Any, url_path: str) -> None:
    """Make the next ``app_test.run()`` of a Streamlit ``AppTest`` open the page whose
    url path is ``url_path`` (a page's ``PAGE["path"]``).

    Internals used: ``AppTest._page_hash`` and ``streamlit.util.calc_hash``. Why:
    ``AppTest.switch_page`` takes a file and hashes the file's name, which is not the
    url path ``st.navigation`` registers for pages whose path differs from their file
    name (``year-end`` in ``year_end.py``, ``admin`` in ``admin_users.py``): the default
    page would open instead. Setting the hash of the url path opens the right page.
    """
    from streamlit.util import calc_hash

    app_test._page_hash = calc_hash(url_path)
