"""Every use of Streamlit's private internals, in one place.

A Streamlit upgrade (pinned: 1.67.0) should touch this file only. Each function says
which internal it uses and why the public API does not do. Other parts of the app may
add their own sections below; keep each section self-contained.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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


# -- evidence files: /media served only to the browser that was shown them ----------

_XSRF_COOKIE = "_streamlit_xsrf"
_LOCK = threading.Lock()
_GUARD_INSTALLED = False
_PROTECTED: dict[str, set[bytes]] = {}  # media file id -> browser tokens that may fetch it
_DEFERRED: dict[str, set[bytes]] = {}  # placeholder of a download made on click -> tokens
_MAX_PROTECTED = 20_000
_local = threading.local()


def browser_token() -> bytes | None:
    """The browser's XSRF token of this session (the token bytes inside Streamlit's
    ``_streamlit_xsrf`` cookie, which the browser sends with every request to the app),
    or ``None`` when there is none (XSRF protection off, or no browser: AppTest).

    Internals: the cookie's name and ``decode_xsrf_token_string`` from
    ``streamlit.web.server.starlette.starlette_app_utils`` (the cookie is masked anew
    on every page load; the token inside stays the same for the browser).
    """
    import streamlit as st

    try:
        raw = st.context.cookies.get(_XSRF_COOKIE)
    except Exception:  # noqa: BLE001 - no session context (bare mode)
        return None
    return _decode(raw) if raw else None


def _decode(raw: str | None) -> bytes | None:
    """Token bytes of an XSRF cookie value (internal: Streamlit's decoder)."""
    if not raw:
        return None
    from streamlit.web.server.starlette.starlette_app_utils import decode_xsrf_token_string

    token, _ = decode_xsrf_token_string(raw)
    return token or None


def install_media_guard() -> None:
    """Guard Streamlit's ``/media/<file id>`` route, once per process.

    Streamlit serves what ``st.image`` and ``st.download_button`` hand it from
    ``/media/<file id>`` to any client that asks, with no session. After this, a media
    file created inside :func:`protected_media` is served only to a request carrying
    the XSRF cookie of the browser it was made for (anyone else gets 404), and every
    media response carries ``X-Content-Type-Options: nosniff``.

    Internals:
    - ``starlette.routing.Route.handle`` is wrapped at class level (looked up per
      request, so this works on the running server); the media route is recognised by
      its path ``.../media/{file_id:path}`` (``starlette_routes._ROUTE_MEDIA``);
    - the runtime's media storage (``Runtime.instance().media_file_mgr._storage``, a
      ``MemoryMediaFileStorage``) has its ``load_and_get_id`` wrapped on the instance,
      so file ids made while :func:`protected_media` is active are recorded;
    - a download made on click (``st.download_button(data=callable)``) is registered by
      the media file manager's ``add_deferred`` during the run and made later by its
      ``execute_deferred`` in a worker thread: both are wrapped on the instance, so the
      file made on click is bound to the browsers the run was bound to.
    """
    global _GUARD_INSTALLED
    if _GUARD_INSTALLED:
        return
    with _LOCK:
        if _GUARD_INSTALLED:
            return
        from starlette.routing import Route
        from streamlit.runtime import Runtime

        if not Runtime.exists():
            return
        storage = Runtime.instance().media_file_mgr._storage
        original_load = storage.load_and_get_id

        def load_and_get_id(*args, **kwargs):
            file_id = original_load(*args, **kwargs)
            tokens = getattr(_local, "tokens", None)
            if tokens:
                _protect(file_id, tokens)
            return file_id

        storage.load_and_get_id = load_and_get_id
        manager = Runtime.instance().media_file_mgr
        original_add, original_execute = manager.add_deferred, manager.execute_deferred

        def add_deferred(*args, **kwargs):
            placeholder = original_add(*args, **kwargs)
            tokens = getattr(_local, "tokens", None)
            if tokens:
                _protect_deferred(placeholder, tokens)
            return placeholder

        def execute_deferred(file_id, *args, **kwargs):
            previous = getattr(_local, "tokens", None)
            _local.tokens = _DEFERRED.get(file_id)  # this worker thread, for this call
            try:
                return original_execute(file_id, *args, **kwargs)
            finally:
                _local.tokens = previous

        manager.add_deferred, manager.execute_deferred = add_deferred, execute_deferred
        original_handle = Route.handle

        async def handle(self, scope, receive, send):
            if scope.get("type") != "http" or not self.path.endswith("/media/{file_id:path}"):
                return await original_handle(self, scope, receive, send)
            file_id = scope.get("path", "").rsplit("/", 1)[-1].split(".", 1)[0]
            allowed = _PROTECTED.get(file_id)
            if allowed is not None and _request_token(scope) not in allowed:
                from starlette.responses import PlainTextResponse

                response = PlainTextResponse("Not found", status_code=404,
                                             headers={"X-Content-Type-Options": "nosniff"})
                return await response(scope, receive, send)

            async def send_nosniff(message):
                if message.get("type") == "http.response.start":
                    headers = list(message.get("headers") or [])
                    headers.append((b"x-content-type-options", b"nosniff"))
                    if allowed is not None:
                        headers.append((b"cache-control", b"private, no-store"))
                    message = {**message, "headers": headers}
                await send(message)

            return await original_handle(self, scope, receive, send_nosniff)

        Route.handle = handle
        _GUARD_INSTALLED = True


def _protect(file_id: str, tokens: set[bytes]) -> None:
    with _LOCK:
        if len(_PROTECTED) > _MAX_PROTECTED:  # ids of long-gone files: start afresh
            _PROTECTED.clear()
        _PROTECTED.setdefault(file_id, set()).update(tokens)


def _protect_deferred(placeholder: str, tokens: set[bytes]) -> None:
    with _LOCK:
        if len(_DEFERRED) > _MAX_PROTECTED:
            _DEFERRED.clear()
        _DEFERRED.setdefault(placeholder, set()).update(tokens)


def _request_token(scope: dict) -> bytes | None:
    """The XSRF token in a raw ASGI request's cookies (internal: the cookie's name)."""
    from http.cookies import SimpleCookie

    for name, value in scope.get("headers") or []:
        if name == b"cookie":
            jar = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # noqa: BLE001 - a malformed cookie header: no token
                return None
            morsel = jar.get(_XSRF_COOKIE)
            return _decode(morsel.value) if morsel else None
    return None


@contextmanager
def protected_media(token: bytes) -> Iterator[None]:
    """Media files that ``st.image`` / ``st.download_button`` create inside this block
    (in this thread) are served only to the browser holding ``token``
    (:func:`browser_token`). See :func:`install_media_guard` for the internals."""
    install_media_guard()
    previous = getattr(_local, "tokens", None)
    _local.tokens = {token}
    try:
        yield
    finally:
        _local.tokens = previous


def is_protected(file_id: str) -> bool:
    """Is this media file id bound to a browser (for tests)?"""
    return file_id in _PROTECTED


def make_xsrf_cookie(token: bytes, timestamp: int) -> str:
    """An ``_streamlit_xsrf`` cookie value holding ``token``, masked the way Streamlit's
    server writes it (for tests of :func:`browser_token`, which must read what a browser
    sends). Internal: ``generate_xsrf_token_string`` of Streamlit's Starlette server."""
    from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

    return generate_xsrf_token_string(token, timestamp)
