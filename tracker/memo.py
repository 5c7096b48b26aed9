"""A small shared cache for reads and derived figures, keyed by the caller.

Why not ``st.cache_data``: on every hit it inspects the function's signature and
hashes each argument with its own hasher (about 0.1–0.2 ms a call), and a page makes
ten to twenty such calls per rerun. Our keys are already plain tuples (function name,
database, store revision, arguments), so a dict lookup does.

What a caller gets must be safe to change without touching the cached value or what
another session holds, as with ``st.cache_data``:

- a pandas DataFrame or Series is kept as is and handed out as a shallow copy (pandas
  3 copies on write, so changing the copy never reaches the cached frame);
- a tuple is kept item by item (so a tuple of frames is cheap too);
- ``None``, numbers, strings and bytes are immutable and handed out as they are;
- anything else (dicts, lists, chart specs…) is kept pickled and unpickled per hit.
"""

from __future__ import annotations

import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

_IMMUTABLE = (type(None), bool, int, float, complex, str, bytes)
_FRAME, _TUPLE, _PLAIN, _PICKLED = range(4)


def _freeze(value: Any) -> tuple[int, Any]:
    if _is_pandas(value):
        return _FRAME, value
    if type(value) is tuple:
        return _TUPLE, tuple(_freeze(v) for v in value)
    if isinstance(value, _IMMUTABLE):
        return _PLAIN, value
    return _PICKLED, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


#: a cached frame's blocks keep at most about this many references to dead copies
DEAD_REFS_AT = 16


def _thaw(frozen: tuple[int, Any]) -> Any:
    kind, value = frozen
    if kind == _FRAME:
        copy = value.copy(deep=False)
        _drop_dead_references(value)
        return copy
    if kind == _TUPLE:
        return tuple(_thaw(v) for v in value)
    if kind == _PLAIN:
        return value
    return pickle.loads(value)


def _drop_dead_references(frame: Any) -> None:
    """Forget the copies of a cached frame that are gone.

    pandas (copy on write) records every shallow copy of a frame in its blocks' and
    its index's reference lists (``Block.refs`` and ``Index._references``: weak
    references in ``referenced_blocks``) so that a write to either side copies
    first. A list is cleared of dead references only when it passes 500 (and that
    bound grows), so each cached frame handed out on every rerun came to hold
    hundreds of dead references per block: the server's memory grew by tens of MB
    over ten minutes. ``BlockValuesRefs.has_reference()`` clears them (in one step,
    under the GIL: it is compiled code), so a list is cleared once it passes
    :data:`DEAD_REFS_AT`. Nothing else about the frame changes.
    Internals used: ``DataFrame._mgr.blocks``, ``Block.refs`` and
    ``Index._references`` (pandas 3).
    """
    lists = [getattr(block, "refs", None)
             for block in getattr(getattr(frame, "_mgr", None), "blocks", ())]
    lists += [getattr(getattr(frame, axis, None), "_references", None)
              for axis in ("index", "columns")]
    for refs in lists:
        held = getattr(refs, "referenced_blocks", None)
        if held is not None and len(held) > DEAD_REFS_AT:
            refs.has_reference()


def key_of(value: Any) -> Hashable:
    """``value`` if it is hashable, else an equal-content hashable stand-in (dicts,
    lists and sets, also nested); a pandas object cannot be part of a key."""
    try:
        hash(value)
        return value
    except TypeError:
        pass
    if isinstance(value, dict):
        return ("<dict>", tuple((key_of(k), key_of(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return (f"<{type(value).__name__}>", tuple(key_of(v) for v in value))
    if isinstance(value, set):
        return ("<set>", frozenset(key_of(v) for v in value))
    raise TypeError(f"a cache key cannot hold a {type(value).__name__}")


def _is_pandas(value: Any) -> bool:
    module = type(value).__module__
    if not module.startswith("pandas"):
        return False
    import pandas as pd

    return isinstance(value, pd.DataFrame | pd.Series)


class Memo:
    """At most ``max_entries`` values, the least recently used dropped first.

    Thread-safe, and computes each missing value once: a thread that misses a key
    another thread is already computing waits for that result instead of computing
    it again (after a save, every session that opens the same page at once would
    otherwise recompute the same city-wide figures side by side, at the moment the
    server is busiest). If that computation fails, each waiting thread computes the
    value itself.
    """

    #: how long a thread waits for another's computation before doing it itself
    WAIT_SECONDS = 60.0

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self._slots: dict[Hashable, tuple] = {}  # slot -> the keys cached in it, oldest first
        self._computing: dict[Hashable, _Flight] = {}  # key -> its computation under way
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, make: Callable[[], Any], slot: Hashable = None,
            keep: int = 1) -> Any:
        """The value cached under ``key`` (see :func:`key_of`), or ``make()`` cached
        under it.

        ``slot`` names what the value is regardless of its version (the key without
        the revisions): a slot holds the ``keep`` latest entries, so caching a newer
        version releases the oldest at once instead of leaving it until it is the
        least recently used. (Keep more than one where sessions look at different
        versions at the same time, e.g. a grid pinned before someone else's save: with
        one, each would push the other's out on every rerun.)
        """
        key = key_of(key)
        with self._lock:
            frozen = self._entries.get(key)
            if frozen is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return _thaw(frozen)
            flight = self._computing.get(key)
            leader = flight is None
            if leader:
                flight = self._computing[key] = _Flight()
        if not leader:
            if flight.done.wait(self.WAIT_SECONDS) and flight.frozen is not None:
                with self._lock:
                    self.hits += 1
                return _thaw(flight.frozen)
            return _thaw(_freeze(make()))  # that computation failed or hangs: our own
        try:
            frozen = _freeze(make())
        except BaseException:
            with self._lock:
                self._computing.pop(key, None)
            flight.done.set()  # the waiting threads compute it themselves
            raise
        slot = key_of(slot) if slot is not None else None
        with self._lock:
            self.misses += 1
            if slot is not None:
                held = [k for k in self._slots.get(slot, ()) if k != key and k in self._entries]
                while len(held) >= keep:
                    self._entries.pop(held.pop(0), None)
                self._slots[slot] = (*held, key)
            self._entries[key] = frozen
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
            if len(self._slots) > 2 * self.max_entries:
                live = self._entries.keys()
                self._slots = {s: kept for s, ks in self._slots.items()
                               if (kept := tuple(k for k in ks if k in live))}
            # cached and no longer under way in one step: a thread coming now hits
            self._computing.pop(key, None)
        flight.frozen = frozen
        flight.done.set()
        return _thaw(frozen)

    def clear(self) -> None:  # computations under way finish and are kept
        with self._lock:
            self._entries.clear()
            self._slots.clear()

    def __len__(self) -> int:
        return len(self._entries)


class _Flight:
    """One value being computed: the threads waiting for it wait on ``done``."""

    __slots__ = ("done", "frozen")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.frozen: tuple[int, Any] | None = None
