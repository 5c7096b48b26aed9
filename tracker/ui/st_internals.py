"""Every use of Streamlit's private internals, in one place.

A Streamlit upgrade should touch this file only. Each function says which internal it
uses and why the public API does not do.
"""

from __future__ import annotations

import gc
import sys
import threading

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
