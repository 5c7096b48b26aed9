"""A derived value's ``version`` (rows' versions, the totals shown) keeps the latest few
versions in the cache, a newer one releasing the oldest, instead of adding an entry
per save: memory does not grow with the number of saves (issue 16)."""

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


def test_the_latest_versions_are_kept_and_a_newer_one_releases_the_oldest(ctx):
    kept = ctx.VERSIONS_KEPT
    assert kept == 4
    assert ctx.derive(doubled, [1, 2], ("k",), 2, depends=(), version=1) == [2, 4]
    assert ctx.derive(doubled, [1, 2], ("k",), 2, depends=(), version=1) == [2, 4]
    assert len(CALLS) == 1  # the same version: cached
    entries = len(ctx._DERIVED)

    for v in range(2, 5):  # versions 2, 3, 4: kept beside 1
        ctx.derive(doubled, [v], ("k",), 2, depends=(), version=v)
    assert len(ctx._DERIVED) == entries + 3
    ctx.derive(doubled, [1, 2], ("k",), 2, depends=(), version=1)  # still cached
    assert len(CALLS) == 4  # (sessions before and after a save rerun side by side)

    assert ctx.derive(doubled, [5], ("k",), 2, depends=(), version=5) == [10]
    assert len(ctx._DERIVED) == entries + 3  # 5 took the place of the oldest, 1
    assert ctx.derive(doubled, [1, 2], ("k",), 2, depends=(), version=1) == [2, 4]
    assert len(CALLS) == 6  # 1 was released: computed again


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
    # these rows hold the latest few versions, not one entry per save
    assert len(ctx._DERIVED) == entries - 1 + ctx.VERSIONS_KEPT

    # another district's rows have their own entry
    grid.shown_frame(shown, "status:5", pd.DataFrame({"id": [51], "version": [4]}))
    assert len(ctx._DERIVED) == entries + ctx.VERSIONS_KEPT


def test_blank_rows_are_known_by_their_clause_and_cached_per_version(ctx, monkeypatch):
    from tracker.ui import grid

    monkeypatch.setattr(grid, "lang", lambda: "fa")
    base = pd.DataFrame({"clause_id": [1, 2], "id": [None, 7], "version": [None, 3]})
    first = grid.shown_frame(shown, "plan:3", base)
    assert first["shown"].isna().tolist() == [True, False]
    grid.shown_frame(shown, "plan:3", base)
    assert len(CALLS) == 1
    entries = len(ctx._DERIVED)
    for v in range(4, 10):
        grid.shown_frame(shown, "plan:3", base.assign(version=[None, v]))
    assert len(CALLS) == 7 and len(ctx._DERIVED) == entries - 1 + ctx.VERSIONS_KEPT
