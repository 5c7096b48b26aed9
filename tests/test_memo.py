"""The shared cache behind context.read / context.derive."""

import sys
import threading
from collections import OrderedDict

import pandas as pd
import pytest

from tracker.memo import Memo, key_of


def test_a_value_is_made_once_per_key():
    memo, calls = Memo(8), []

    def make():
        calls.append(1)
        return 42

    assert memo.get(("a", 1), make) == 42
    assert memo.get(("a", 1), make) == 42
    assert memo.get(("a", 2), make) == 42
    assert len(calls) == 2 and memo.hits == 1 and memo.misses == 2


def test_changing_a_returned_frame_never_changes_the_cached_one():
    memo = Memo(8)
    frame = pd.DataFrame({"x": [1, 2, 3], "name": ["الف", "ب", "ج"]})
    first = memo.get("k", lambda: frame)
    first.loc[0, "x"] = 99
    first["extra"] = 1
    first["name"] = first["name"].str.upper()
    again = memo.get("k", lambda: None)
    assert again["x"].tolist() == [1, 2, 3]
    assert list(again.columns) == ["x", "name"]
    assert again is not first


def test_a_tuple_of_frames_and_a_dict_are_handed_out_as_copies():
    memo = Memo(8)
    a = pd.DataFrame({"x": [1]})
    got = memo.get("t", lambda: (a, 5, "s"))
    got[0].loc[0, "x"] = 7
    assert memo.get("t", lambda: None)[0]["x"].tolist() == [1]
    d = memo.get("d", lambda: {"spec": {"data": [1, 2]}, "n": 1})
    d["spec"]["data"].append(3)
    assert memo.get("d", lambda: None) == {"spec": {"data": [1, 2]}, "n": 1}


def test_the_least_recently_used_entry_goes_first():
    memo = Memo(2)
    memo.get("a", lambda: 1)
    memo.get("b", lambda: 2)
    memo.get("a", lambda: 0)  # a is now the most recent
    memo.get("c", lambda: 3)  # b is dropped
    assert memo.get("a", lambda: "new") == 1
    assert memo.get("b", lambda: "new") == "new"
    assert len(memo) == 2
    memo.clear()
    assert len(memo) == 0


def test_unhashable_key_parts_are_keyed_by_content():
    assert key_of({"a": [1, 2]}) == key_of({"a": [1, 2]})
    assert key_of({"a": [1, 2]}) != key_of({"a": [1, 3]})
    assert key_of([1, 2]) != key_of((1, 2))
    assert key_of(("x", {1, 2})) == key_of(("x", {2, 1}))
    with pytest.raises(TypeError, match="DataFrame"):
        key_of(("x", pd.DataFrame()))


class _GuardedEntries(OrderedDict):
    """The cache's entries, refusing every read or write made without the lock held."""

    def __init__(self, lock):
        super().__init__()
        self.lock, self.unguarded = lock, []

    def _check(self, what):
        if not self.lock.locked():
            self.unguarded.append(what)

    def get(self, key, default=None):
        self._check("get")
        return super().get(key, default)

    def move_to_end(self, key, last=True):
        self._check("move_to_end")
        return super().move_to_end(key, last)

    def __setitem__(self, key, value):
        self._check("set")
        return super().__setitem__(key, value)

    def popitem(self, last=True):
        self._check("popitem")
        return super().popitem(last)


def test_every_entry_access_holds_the_lock():
    # deterministic: the entries (an OrderedDict, not safe across threads) are only
    # touched with the lock held; removing a `with self._lock` fails this test
    memo = Memo(4)
    memo._entries = guarded = _GuardedEntries(memo._lock)
    for i in range(12):
        assert memo.get(i % 6, lambda i=i: i % 6) == i % 6   # misses, hits, evictions
    assert guarded.unguarded == []
    assert len(memo) == 4 and memo.hits + memo.misses == 12


def test_threads_share_one_cache_and_count_every_call():
    memo, errors = Memo(64), []
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible

    def worker():
        try:
            for i in range(300):
                assert memo.get(i % 80, lambda i=i: i % 80) == i % 80
        except Exception as exc:  # pragma: no cover - the failure itself
            errors.append(exc)

    try:
        threads = [threading.Thread(target=worker) for _ in range(8)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    finally:
        sys.setswitchinterval(old)
    assert errors == []
    assert len(memo) == 64
    assert memo.hits + memo.misses == 8 * 300   # no counter update lost


def test_a_newer_version_of_a_slot_releases_the_older_entry_at_once():
    from tracker.memo import Memo

    memo = Memo(max_entries=100)
    memo.get(("read", 1), lambda: "v1", slot="read")
    memo.get(("other", 1), lambda: "o1", slot="other")
    assert memo.get(("read", 2), lambda: "v2", slot="read") == "v2"
    assert len(memo) == 2  # ("read", 1) is gone, ("other", 1) stays
    made = []
    assert memo.get(("read", 1), lambda: made.append(1) or "v1", slot="read") == "v1"
    assert made == [1]  # it was released: computed again
    assert memo.get(("other", 1), lambda: made.append(2) or "x", slot="other") == "o1"


def test_a_slot_keeping_two_versions_releases_the_oldest_and_forgets_evicted_ones():
    from tracker.memo import Memo

    memo = Memo(max_entries=100)
    made: list = []

    def get(v: int) -> str:
        return memo.get(("grid", v), lambda: made.append(v) or f"v{v}", slot="grid", keep=2)

    assert [get(1), get(2), get(1), get(2)] == ["v1", "v2", "v1", "v2"]
    assert made == [1, 2] and len(memo) == 2  # two versions side by side: no recompute
    get(3)
    assert len(memo) == 2  # 3 released the oldest, 1
    assert get(2) == "v2" and made == [1, 2, 3]
    assert get(1) == "v1" and made == [1, 2, 3, 1]  # computed again
    assert len(memo) == 2

    small = Memo(max_entries=2)  # an entry pushed out by others is no longer held
    small.get(("grid", 1), lambda: "a", slot="grid", keep=2)
    small.get("x", lambda: "x")
    small.get("y", lambda: "y")  # ("grid", 1) is the least recently used: evicted
    small.get(("grid", 2), lambda: "b", slot="grid", keep=2)
    assert len(small) == 2 and small._slots["grid"] == (("grid", 2),)


def _in_threads(memo: Memo, makes: list) -> list:
    """Call ``memo.get("k", make)`` for each make, each in its own thread, the first
    one first: the others start once the first one's computation is under way."""
    results: list = [None] * len(makes)
    errors: list = [None] * len(makes)

    def call(i: int) -> None:
        try:
            results[i] = memo.get("k", makes[i])
        except Exception as exc:  # noqa: BLE001 - handed to the test
            errors[i] = exc

    threads = [threading.Thread(target=call, args=(i,)) for i in range(len(makes))]
    threads[0].start()
    assert STARTED.wait(5)
    for th in threads[1:]:
        th.start()
    for th in threads:
        th.join(10)
    return results, errors


STARTED = threading.Event()


def test_threads_missing_the_same_key_at_once_compute_it_once():
    memo = Memo(max_entries=8)
    STARTED.clear()
    calls = []
    second_computes = threading.Event()

    def first():
        calls.append("first")
        STARTED.set()
        # without waiting for each other, the second thread computes now and says so
        second_computes.wait(1.0)
        return pd.DataFrame({"v": [1]})

    def second():
        calls.append("second")
        second_computes.set()
        return pd.DataFrame({"v": [2]})

    results, errors = _in_threads(memo, [first, second, second])
    assert errors == [None, None, None]
    assert calls == ["first"]
    assert [int(r["v"].iloc[0]) for r in results] == [1, 1, 1]
    assert (memo.misses, memo.hits) == (1, 2)
    results[1].loc[0, "v"] = 9  # each thread got its own copy
    assert int(memo.get("k", second)["v"].iloc[0]) == 1


def test_when_the_first_computation_fails_the_waiting_threads_compute_it_themselves():
    memo = Memo(max_entries=8)
    STARTED.clear()
    release = threading.Event()

    def failing():
        STARTED.set()
        release.wait(0.5)
        raise ValueError("the database went away")

    def working():
        release.set()
        return 7

    results, errors = _in_threads(memo, [failing, working])
    assert isinstance(errors[0], ValueError)
    assert results[1] == 7 and errors[1] is None
    assert len(memo) == 0  # nothing half-made was cached
    assert not memo._computing


def test_a_frame_handed_out_again_and_again_holds_no_pile_of_dead_copies():
    """pandas records each shallow copy in the cached frame's blocks; the memo clears
    the records of copies that are gone, so memory stays flat over a long run."""
    from tracker import memo as memo_module

    memo = Memo(max_entries=8)
    memo.get("k", lambda: pd.DataFrame({"a": range(100), "b": [0.5] * 100, "c": ["x"] * 100}))
    kept = [memo.get("k", lambda: None) for _ in range(5)]  # five copies still in use
    for _ in range(450):  # pandas itself clears only past 500
        copy = memo.get("k", lambda: None)
        copy["a"].sum(), copy.set_index("c")
    cached = memo._entries["k"][1]
    held = [len(b.refs.referenced_blocks) for b in cached._mgr.blocks]
    held += [len(cached.index._references.referenced_blocks),
             len(cached.columns._references.referenced_blocks)]
    # the bound, and what the use of the last copies added since: far from 450
    assert all(n <= memo_module.DEAD_REFS_AT + 8 for n in held), held
    # and copy on write still protects the cached frame and the copies in use
    kept[0].loc[0, "a"] = 99
    assert int(cached.loc[0, "a"]) == 0
    assert [int(k.loc[0, "a"]) for k in kept] == [99, 0, 0, 0, 0]
    assert int(memo.get("k", lambda: None).loc[0, "a"]) == 0
