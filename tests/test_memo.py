"""The shared cache behind context.read / context.derive."""

import threading

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


def test_threads_share_one_cache_safely():
    memo, errors = Memo(64), []

    def worker(n):
        try:
            for i in range(200):
                assert memo.get(i % 80, lambda i=i: i % 80) == i % 80
        except AssertionError as exc:  # pragma: no cover - the failure itself
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors and len(memo) <= 64


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
