"""The session's context: database connection, language, query-string choices,
and cached reads keyed on the store's revision."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from tracker import config
from tracker.db import migrate, thread_db
from tracker.i18n import LANGS
from tracker.i18n import t as _t
from tracker.memo import Memo
from tracker.store.tx import revision

_MIGRATED: set[str] = set()
_MIGRATE_LOCK = threading.Lock()
_READS = Memo(max_entries=512)
_DERIVED = Memo(max_entries=256)


def _migrated(path: str) -> None:
    """Bring the schema up to date once per database per process."""
    if path in _MIGRATED:
        return
    with _MIGRATE_LOCK:
        if path not in _MIGRATED:
            migrate(thread_db(path))
            _MIGRATED.add(path)


def db_path() -> str:
    return str(config.db_path())


def db():
    """This session thread's own connection, the schema brought up to date once."""
    path = db_path()
    _migrated(path)
    return thread_db(path)


_RUN = threading.local()
CHOICES_KEY = "choices"
# choices held across page switches under their own name; any other choice is held per page
SHARED_CHOICES = ("year", "district", "zone")


def start_run() -> None:
    """Called first on every rerun of the app (``shell.main``): from here on,
    :func:`lang` reads the query string once per rerun, not at every string."""
    _RUN.in_app = True
    _RUN.lang = None
    _RUN.page = ""


def set_page(path: str) -> None:
    """The url path of the page this run draws (``shell.main``, before the page runs):
    widget keys and per-page choices are named after it."""
    _RUN.page = path


def page() -> str:
    return getattr(_RUN, "page", "") if getattr(_RUN, "in_app", False) else ""


def held_choices() -> dict[str, Any]:
    """This session's choices (year, district, zone, language, and each page's own),
    kept across page switches: Streamlit empties the address on a switch and forgets
    the widgets of the page left, so the address alone cannot hold them."""
    held = st.session_state.get(CHOICES_KEY)
    if not isinstance(held, dict):
        held = st.session_state[CHOICES_KEY] = {}
    return held


def lang() -> str:
    """'fa' (default) or 'en', from the query string so links keep the language."""
    if getattr(_RUN, "in_app", False):
        if _RUN.lang is None:
            _RUN.lang = _lang_param()
            if st.query_params.get("lang") in LANGS:
                held_choices()["lang"] = _RUN.lang
            elif "lang" in held_choices():
                set_param("lang", _RUN.lang)  # back in the address after a page switch
        return _RUN.lang
    return _lang_param()


def _lang_param() -> str:
    value = st.query_params.get("lang")
    if value in LANGS:
        return value
    held = (st.session_state.get(CHOICES_KEY) or {}).get("lang")
    return held if held in LANGS else "fa"


def t(key: str, **params: object) -> str:
    """A string in the session's language."""
    return _t(key, lang(), **params)


def read(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(db, *args)`` cached until the next committed write anywhere.

    ``fn`` must be a module-level store function and ``args`` hashable; its result is
    shared by every session that asks for the same read at the same store revision
    (each caller gets its own copy: see :mod:`tracker.memo`).
    """
    path = db_path()
    conn = db()
    key = (fn.__module__, fn.__qualname__, path, revision(conn), args)
    return _READS.get(key, lambda: fn(thread_db(path), *args))


def derive(fn: Callable[..., Any], data: Any, key: tuple, *args: Any) -> Any:
    """``fn(data, *args)`` cached until the next committed write anywhere.

    ``data`` (e.g. frames from :func:`read`), or a callable without arguments that
    returns it (called only on a miss), is not part of the key: ``key`` must name it,
    i.e. hold every choice that decides it (year, day, filters...), so that equal keys
    at the same store revision mean equal data. ``key`` and ``args`` must be hashable.
    ``fn`` must be a module-level pure function; use it for derived frames and chart
    specs that cost more than a lookup to rebuild on each rerun.
    """
    full = (fn.__module__, fn.__qualname__, db_path(), revision(db()), key, args)

    def make() -> Any:
        return fn(data() if callable(data) else data, *args)

    return _DERIVED.get(full, make)


def clear_caches() -> None:
    """Forget every cached read and derived value (the benchmark's cold runs)."""
    _READS.clear()
    _DERIVED.clear()


def qp_choice(label: str, options: Sequence[Any], param: str, *,
              format_func: Callable[[Any], str] = str, default: Any = None,
              widget: str = "selectbox", hold: str | None = None, **kwargs: Any) -> Any:
    """A selectbox (or radio) whose choice lives in ``st.query_params[param]`` and is
    held for the session (:func:`held_choices`) under ``hold``: by default the
    parameter's name for year, district and zone (one choice for every page), else
    the page's path and the parameter's name.

    The choice shown is the address's (a link, or a page that set it), else the held
    one, else ``default``, else the first option; a choice the person makes goes
    into both (the widget's ``on_change``). The widget's key names the page and the
    language, so a page never inherits another page's widget.
    """
    options = list(options)
    if not options:
        return None
    slot = hold or (param if param in SHARED_CHOICES else f"{page()}:{param}")
    held = held_choices()
    by_text = {str(o): o for o in options}
    address = st.query_params.get(param)
    if address is not None and address in by_text:
        wanted = by_text[address]
    elif slot in held and held[slot] in options:
        wanted = held[slot]
    else:
        wanted = default if default in options else options[0]
    held[slot] = wanted
    key = f"qp_{page()}_{param}_{lang()}"
    if key not in st.session_state or st.session_state[key] != wanted:
        st.session_state[key] = wanted
    maker = st.radio if widget == "radio" else st.selectbox
    value = maker(label, options, key=key, format_func=format_func,
                  on_change=_chosen, args=(key, param, slot), **kwargs)
    set_param(param, str(value))
    return value


def _chosen(key: str, param: str, slot: str) -> None:
    """A person changed a choice: hold it and put it in the address."""
    value = st.session_state.get(key)
    held_choices()[slot] = value
    set_param(param, str(value))


def set_param(name: str, value: str) -> None:
    """Keep a choice in the address (so links and reloads keep it); sends nothing to
    the browser when the value is already there."""
    if st.query_params.get(name) != value:
        st.query_params[name] = value
