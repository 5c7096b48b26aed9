"""A derived value's ``version`` (rows' versions, the totals shown) replaces the older
version's entry in the cache instead of adding one per save: memory does not grow
with the number of saves (issue 16)."""

import pandas as pd
import pytest

CALLS: list[tuple] = []


def doubled(data, factor):
    """Module level, as derive requires; records each computation."""
    CALLS.append((tuple(data), factor))
    return [x * factor for x in data]


def shown(base: pd.DataFrame, lang: str) -> pd.DataFrame:
    CALLS.append(("shown", tuple(base["version"]), lang))
    return base.assign(shown=base["version"] * 10)


@pytest.fixture
def ctx(db_path, monkeypatch):
    from tracker.ui import context

    monkeypatch.setenv("TRACKER_DB", str(db_path))
    context.clear_caches()
    CALLS.clear()
    yield context
    context.clear_caches()


def test_a_newer_version_takes_the_older_ones_place(ctx):
    assert ctx.derive(doubled, [1, 2], ("k",), 2, depends=(), version=1) == [2, 4]
    assert ctx.derive(doubled, [1, 2], ("k",), 2, depends=(), version=1) == [2, 4]
    assert len(CALLS) == 1  # the same version: cached
    entries = len(ctx._DERIVED)

    assert ctx.derive(doubled, [3, 4], ("k",), 2, depends=(), version=2) == [6, 8]
    assert len(CALLS) == 2
    assert len(ctx._DERIVED) == entries  # replaced, not added

    # the older version was released: asking for it computes it again
    assert ctx.derive(doubled, [1, 2], ("k",), 2, depends=(), version=1) == [2, 4]
    assert len(CALLS) == 3


def test_other_keys_keep_their_own_entries(ctx):
    ctx.derive(doubled, [1], ("a",), 2, depends=(), version=1)
    ctx.derive(doubled, [1], ("b",), 2, depends=(), version=1)
    ctx.derive(doubled, [1], ("a",), 3, depends=(), version=1)  # other arguments
    assert len(ctx._DERIVED) == 3
    ctx.derive(doubled, [1], ("b",), 2, depends=(), version=1)
    assert len(CALLS) == 3  # b is still cached


def test_a_grids_frame_is_cached_once_however_many_saves(ctx, monkeypatch):
    from tracker.ui import grid

    monkeypatch.setattr(grid, "lang", lambda: "fa")
    base = pd.DataFrame({"id": [11, 12, 13], "version": [1, 1, 1]})
    grid.shown_frame(shown, "status:3", base)
    grid.shown_frame(shown, "status:3", base)
    assert len(CALLS) == 1
    entries = len(ctx._DERIVED)
    for save in range(2, 30):  # row 12 saved again and again
        frame = grid.shown_frame(shown, "status:3", base.assign(version=[1, save, 1]))
        assert frame["shown"].tolist() == [10, save * 10, 10]
    assert len(CALLS) == 29
    assert len(ctx._DERIVED) == entries  # one entry for these rows, not 29

    # another district's rows have their own entry
    grid.shown_frame(shown, "status:5", pd.DataFrame({"id": [51], "version": [4]}))
    assert len(ctx._DERIVED) == entries + 1


def test_blank_rows_are_known_by_their_clause_and_cached_per_version(ctx, monkeypatch):
    from tracker.ui import grid

    monkeypatch.setattr(grid, "lang", lambda: "fa")
    base = pd.DataFrame({"clause_id": [1, 2], "id": [None, 7], "version": [None, 3]})
    first = grid.shown_frame(shown, "plan:3", base)
    assert first["shown"].isna().tolist() == [True, False]
    grid.shown_frame(shown, "plan:3", base)
    assert len(CALLS) == 1
    entries = len(ctx._DERIVED)
    grid.shown_frame(shown, "plan:3", base.assign(version=[None, 4]))
    assert len(CALLS) == 2 and len(ctx._DERIVED) == entries
