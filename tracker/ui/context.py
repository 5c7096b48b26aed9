"""The session's context: database connection, language, query-string choices,
and cached reads keyed on the revisions of the store areas they read.

Each store write bumps the revision of the areas it changes (``tracker.store.tx``:
``status`` and ``status:<year>`` for a status save, ``plans``…, ``visits``, or ``*``
for any other write). A cached read is keyed on the revisions of the areas its store
module reads (:data:`READ_AREAS`; a module not listed there depends on every write),
so a plan save leaves the status figures cached, and a save of 1405 leaves 1404's.
The revisions are read from SQLite once per rerun (one indexed query), so a save in
another process is seen by the next rerun here too. An entry is dropped as soon as
the same read is cached under newer revisions.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any

import streamlit as st

from tracker import config
from tracker.db import migrate, thread_db
from tracker.domain.i18n import LANGS
from tracker.domain.i18n import t as _t
from tracker.memo import Memo
from tracker.store.tx import ANY_AREA, Rows, area_revisions

if TYPE_CHECKING:
    import pandas as pd

_MIGRATED: set[str] = set()
_MIGRATE_LOCK = threading.Lock()
# room for every district's piece of the city's reads and figures (read_parts)
_READS = Memo(max_entries=2048)
_DERIVED = Memo(max_entries=1024)


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
    :func:`lang` reads the query string once per rerun, not at every string, and the
    store's revisions and :func:`per_run` values are read once per rerun."""
    _RUN.in_app = True
    _RUN.lang = None
    _RUN.revs = None
    _RUN.values = {}
    _RUN.page = ""


def per_run(name: str, make: Callable[[], Any]) -> Any:
    """``make()`` once per rerun of the app (every call outside the app)."""
    if not getattr(_RUN, "in_app", False):
        return make()
    values = _RUN.values
    if name not in values:
        values[name] = make()
    return values[name]


def forget_per_run(name: str) -> None:
    """Drop a :func:`per_run` value (it changed during this run)."""
    getattr(_RUN, "values", {}).pop(name, None)


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


#: the store areas each store module reads (see tracker.store.tx.write_tx); a module
#: or function missing here depends on every write
READ_AREAS: dict[str, tuple[str, ...]] = {
    "tracker.store.status": ("status",),
    "tracker.store.status.record_history": ("status", "plans"),
    "tracker.store.compare": ("status",),
    "tracker.store.report": ("status",),
    "tracker.store.totals": ("status",),
    "tracker.store.yearend": ("status", "plans"),
    "tracker.store.plans": ("plans", "status"),
    "tracker.store.visit_reads": ("visits", "status"),
    "tracker.store.checklists": ("visits",),
    "tracker.store.summary": ("status",),
    "tracker.store.reference": (),
    "tracker.store.programs": (),
    # periods, units and submissions: written only by writes that name no area ("*")
    "tracker.store.cycle_reads.on_time_rates": (),
    # the reads of plan lines that read no status record: a status save leaves them cached
    **{f"tracker.store.plans.{name}": ("plans",) for name in (
        "unit_plan", "year_plans", "plan_history")},
    # the reads of visits that read no status record: a status save leaves them cached
    **{f"tracker.store.visit_reads.{name}": ("visits",) for name in (
        "latest_verdicts", "list_visits", "visit_items", "visit_files", "visit_corrections",
        "unit_actions", "visit_actions", "action_events")},
}
#: areas whose writes also bump a per-year revision ("status:1405") and a per-year and
#: district one ("status:1405:3")
YEARLY_AREAS = frozenset({"status", "plans"})
_ALL = None  # "depends on every write": keyed on the global revision


def _revisions() -> dict[str, int]:
    """The areas' revisions, read once per rerun (again after this thread wrote)."""
    conn = db()
    changes = conn.conn.total_changes
    if getattr(_RUN, "in_app", False):
        cached = getattr(_RUN, "revs", None)
        if cached is not None and cached[0] == changes:
            return cached[1]
    revs = area_revisions(conn)
    if getattr(_RUN, "in_app", False):
        _RUN.revs = (conn.conn.total_changes, revs)
    return revs


def _areas_of(fn: Callable[..., Any]) -> tuple[str, ...] | None:
    areas = READ_AREAS.get(f"{fn.__module__}.{fn.__qualname__}")
    return READ_AREAS.get(fn.__module__, _ALL) if areas is None else areas


_SCOPE_ARGS: dict[Callable[..., Any], tuple[bool, int | None]] = {}


def _scope_args(fn: Callable[..., Any]) -> tuple[bool, int | None]:
    """(is the read's first argument after the connection its year?, the position among
    its arguments of a ``district`` parameter that comes after that year, or None)."""
    known = _SCOPE_ARGS.get(fn)
    if known is None:
        params = list(inspect.signature(fn).parameters)
        year_first = len(params) > 1 and params[1] == "year"
        district = params.index("district") - 1 if year_first and "district" in params else None
        known = _SCOPE_ARGS[fn] = (year_first, district)
    return known


def _scope(fn: Callable[..., Any], args: tuple) -> tuple[Any, Any]:
    """The (year, district) a read's arguments confine it to (None: all of them).

    A read of one year *and one district* (``records(db, year, ..., district=3)``
    called with ``3`` in that place) is keyed on that district's revisions: every
    store read that takes a ``district`` after its ``year`` reads only that district's
    rows of the yearly areas (status, plans, their history) when it is given one, and
    the one write path (:func:`tracker.store.records.apply_changes`) bumps the
    revision of every district whose rows it changes (writes that name no area bump
    :data:`ANY_AREA`, part of every key). So a save in district 3 leaves district 5's
    reads cached."""
    year_first, at = _scope_args(fn)
    if not (args and year_first):
        return None, None
    district = args[at] if at is not None and at < len(args) else None
    return args[0], district


def revision_key(areas: tuple[str, ...] | None, year: Any = None,
                 district: Any = None) -> tuple:
    """The revisions a cache entry depends on: those of ``areas`` (per year where
    ``year`` is given and the area keeps one, per year and district where ``district``
    is given too) and of any-area writes; every write's (the global revision) when
    ``areas`` is None."""
    revs = _revisions()
    if areas is None:
        return (revs.get("", 0),)
    scope = "" if year is None else f":{year}" if district is None else f":{year}:{district}"
    tokens = [a + scope if a in YEARLY_AREAS else a for a in areas]
    return tuple(revs.get(tok, 0) for tok in (*tokens, ANY_AREA))


def read(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(db, *args)`` cached until the next committed write to what it reads.

    ``fn`` must be a module-level store function and ``args`` hashable; its result is
    shared by every session that asks for the same read at the same revisions of the
    areas it reads (each caller gets its own copy: see :mod:`tracker.memo`).
    """
    path = db_path()
    year, district = _scope(fn, args)
    slot = (fn.__module__, fn.__qualname__, path, args)
    key = (*slot, revision_key(_areas_of(fn), year, district))
    return _READS.get(key, lambda: fn(db(), *args), slot=slot)


def read_parts(fn: Callable[..., Rows], columns: Sequence[str], year: int,
               *args: Any) -> pd.DataFrame:
    """The frame of ``fn(db, year, *args, district=d)`` for every district ``d``, one
    after another: each district's rows are cached on that district's revisions
    (``status:<year>:<d>``: see :data:`READ_AREAS`), and the frame on the year's
    (which every save in it bumps), so after a save in one district only its rows are
    read again.

    ``fn`` is a store function returning :data:`tracker.store.tx.Rows` whose city
    read (``district=None``) is its districts' rows in district order, with ``columns``.
    """
    from tracker.store.tx import frame_of_pieces

    slot = (fn.__module__, fn.__qualname__, db_path(), year, args)
    areas = _areas_of(fn)

    def make() -> pd.DataFrame:
        return frame_of_pieces([_piece(fn, slot, year, args, d, revision_key(areas, year, d))
                                for d in district_ids()], columns)

    # the whole on the year's revisions (every save bumps its year's with its district's):
    # a warm rerun looks up one key, not one per district (220 at 10x scale)
    return _READS.get((*slot, "city", revision_key(areas, year)), make, slot=(*slot, "city"))


def read_part(fn: Callable[..., Rows], year: int, *args: Any, district: int) -> pd.DataFrame:
    """One district's piece of :func:`read_parts` as a frame (the same cache entry)."""
    from tracker.store.tx import frame_of

    slot = (fn.__module__, fn.__qualname__, db_path(), year, args)
    key = revision_key(_areas_of(fn), year, district)
    return frame_of(_piece(fn, slot, year, args, district, key))


def _piece(fn: Callable[..., Rows], slot: tuple, year: int, args: tuple, district: int,
           key: tuple) -> Rows:
    return _READS.get((*slot, district, key), lambda: fn(db(), year, *args, district=district),
                      slot=(*slot, district))


#: room per district in the caches for the city's per-district pieces (each page keeps
#: several per district: records now and before, league rows, heat cells, sums...); with
#: too little room a page's pieces push each other out and every one is computed again
PER_DISTRICT_READS, PER_DISTRICT_DERIVED = 32, 24


def district_ids() -> tuple[int, ...]:
    """Every district's number, in order (cached until a write to the reference data);
    the caches are grown to hold every district's pieces."""
    from tracker.store.reference import list_units

    ids = derive(_district_ids, lambda: read(list_units), ("district-ids",), depends=())
    if len(ids) * PER_DISTRICT_DERIVED > _DERIVED.max_entries:
        _DERIVED.max_entries = len(ids) * PER_DISTRICT_DERIVED
        _READS.max_entries = max(_READS.max_entries, len(ids) * PER_DISTRICT_READS)
    return ids


def _district_ids(units: pd.DataFrame) -> tuple[int, ...]:
    return tuple(sorted({int(d) for d in units["district"]}))


#: versions of one ``derive(..., version=)`` value kept at once: sessions pinned to rows
#: before a save and sessions after it rerun side by side (two editors of a district)
VERSIONS_KEPT = 4


def derive(fn: Callable[..., Any], data: Any, key: tuple, *args: Any,
           depends: tuple[str, ...] | None = None, year: Any = None,
           district: Any = None, version: Hashable = None) -> Any:
    """``fn(data, *args)`` cached until the next committed write to what it depends on.

    ``data`` (e.g. frames from :func:`read`), or a callable without arguments that
    returns it (called only on a miss), is not part of the key: ``key`` must name it,
    i.e. hold every choice that decides it (year, day, filters...), so that equal keys
    at the same revisions mean equal data. ``key`` and ``args`` must be hashable.
    ``depends`` names the store areas the data comes from (``("status",)`` with
    ``year`` for one year's status records, and ``district`` for one district's of
    that year; ``()`` when ``key`` alone decides it, such as rows' ids and versions);
    None (the default) means every write.
    ``fn`` must be a module-level pure function; use it for derived frames and chart
    specs that cost more than a lookup to rebuild on each rerun.

    ``version`` is the part of the key that changes when the data does but does not
    say which data it is (rows' versions, the totals shown): the
    :data:`VERSIONS_KEPT` latest versions are kept, and a newer one releases the
    oldest at once. Put it in ``key`` instead and every
    version stays cached until pushed out by the least recently used: a grid's frame
    is cached anew after every save, and memory grows with the saves.
    """
    slot = (fn.__module__, fn.__qualname__, db_path(), key, args)
    if district is not None:
        slot = (*slot, district)
    full = (*slot, revision_key(depends, year, district), version)

    def make() -> Any:
        return fn(data() if callable(data) else data, *args)

    return _DERIVED.get(full, make, slot=slot, keep=1 if version is None else VERSIONS_KEPT)


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
