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


def start_run() -> None:
    """Called first on every rerun of the app (``shell.main``): from here on,
    :func:`lang` reads the query string once per rerun, not at every string."""
    _RUN.in_app = True
    _RUN.lang = None


def lang() -> str:
    """'fa' (default) or 'en', from the query string so links keep the language."""
    if getattr(_RUN, "in_app", False):
        if _RUN.lang is None:
            _RUN.lang = _lang_param()
        return _RUN.lang
    return _lang_param()


def _lang_param() -> str:
    value = st.query_params.get("lang", "fa")
    return value if value in LANGS else "fa"


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
              widget: str = "selectbox", **kwargs: Any) -> Any:
    """A selectbox (or radio) whose choice lives in ``st.query_params[param]``."""
    options = list(options)
    if not options:
        return None
    by_text = {str(o): o for o in options}
    wanted = by_text.get(st.query_params.get(param, ""), default)
    if wanted not in options:
        wanted = options[0]
    key = f"qp_{param}_{lang()}"  # a new widget per language, so labels follow a switch
    if st.session_state.get(key) not in options:
        st.session_state[key] = wanted
    maker = st.radio if widget == "radio" else st.selectbox
    value = maker(label, options, key=key, format_func=format_func, **kwargs)
    set_param(param, str(value))
    return value


def set_param(name: str, value: str) -> None:
    """Keep a choice in the address (so links and reloads keep it); sends nothing to
    the browser when the value is already there."""
    if st.query_params.get(name) != value:
        st.query_params[name] = value
