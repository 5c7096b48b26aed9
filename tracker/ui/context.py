"""The session's context: database connection, language, query-string choices,
and cached reads keyed on the store's revision."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from tracker import config
from tracker.db import migrate, thread_db
from tracker.i18n import LANGS
from tracker.i18n import t as _t
from tracker.store.tx import revision


@st.cache_resource(show_spinner=False)
def _migrated(path: str) -> bool:
    migrate(thread_db(path))
    return True


def db_path() -> str:
    return str(config.db_path())


def db():
    """This session thread's own connection, the schema brought up to date once."""
    path = db_path()
    _migrated(path)
    return thread_db(path)


def lang() -> str:
    """'fa' (default) or 'en', from the query string so links keep the language."""
    value = st.query_params.get("lang", "fa")
    return value if value in LANGS else "fa"


def t(key: str, **params: object) -> str:
    """A string in the session's language."""
    return _t(key, lang(), **params)


def read(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(db, *args)`` cached until the next committed write anywhere.

    ``fn`` must be a module-level store function; its result is shared by every
    session that asks for the same read at the same store revision.
    """
    path = db_path()
    return _cached(f"{fn.__module__}:{fn.__qualname__}", path, revision(db()), args)


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(name: str, path: str, rev: int, args: tuple) -> Any:
    module, _, qual = name.partition(":")
    fn = getattr(importlib.import_module(module), qual)
    return fn(thread_db(path), *args)


def derive(fn: Callable[..., Any], data: Any, key: tuple, *args: Any) -> Any:
    """``fn(data, *args)`` cached until the next committed write anywhere.

    ``data`` (e.g. frames from :func:`read`), or a callable without arguments that
    returns it (called only on a miss), is not hashed: ``key`` must name it, i.e. hold
    every choice that decides it (year, day, filters...), so that equal keys at the
    same store revision mean equal data. ``args`` are hashed as usual. ``fn`` must
    be a module-level pure function; use it for derived frames and chart specs that
    cost more than a lookup to rebuild on each rerun.
    """
    return _derived(f"{fn.__module__}:{fn.__qualname__}", db_path(), revision(db()), key,
                    args, data)


@st.cache_data(max_entries=256, show_spinner=False)
def _derived(name: str, path: str, rev: int, key: tuple, args: tuple, _data: Any) -> Any:
    module, _, qual = name.partition(":")
    data = _data() if callable(_data) else _data
    return getattr(importlib.import_module(module), qual)(data, *args)


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
    st.query_params[param] = str(value)
    return value
