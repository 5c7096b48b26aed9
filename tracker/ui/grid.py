"""The pinned-base grid editor shared by the status page and the plan page.

The editor works on the records as they were when it opened: they are pinned in
``st.session_state`` under a key that holds a nonce, so a save is checked against
the versions the person actually saw. Saving or reloading drops every session
key of the grid and bumps the nonce, so the next run pins the records afresh
(``tracker.ui.upload`` bumps the status grid's nonce after an import, too).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from tracker.domain.errors import RowProblem
from tracker.grid.grid_edits import merge_edits
from tracker.store.records import Change, RecordKind, check_changes
from tracker.ui.context import db, derive, lang, t


@dataclass(frozen=True)
class GridState:
    """Where one page keeps its grid in the session, and the strings it shows."""

    prefix: str  # every session key of the grid starts with f"{prefix}_"
    nonce: str  # session key of the nonce
    flash: str  # session key of the message shown once after a save
    newer: str  # string key: "{count} rows changed since you opened the grid"
    help: str  # string key: the caption above an editable grid


@dataclass(frozen=True)
class GridTab:
    """One tab of the grid: its label (string key), columns and editor-key suffix."""

    label: str
    columns: Sequence[str]
    suffix: str


def pinned_grid(state: GridState, scope: str, current: pd.DataFrame, editable: bool, *,
                newer: Callable[[pd.DataFrame, pd.DataFrame], int],
                frame: Callable[[pd.DataFrame, str], pd.DataFrame],
                tabs: Sequence[GridTab], readonly: list[str], column_config: dict,
                save: Callable[[pd.DataFrame, dict], None]) -> pd.DataFrame:
    """Show the records ``current`` of ``scope`` (e.g. "1405_300") as pinned when the
    grid opened, in one ``st.data_editor`` per tab, with save and reload buttons when
    ``editable``.

    ``newer(base, current)`` counts the rows changed since; ``frame(base, lang)``
    is what the grid shows; ``save(base, edited_rows)`` gets the edits of every tab
    merged per row (it calls :func:`reset` and reruns after a successful write).
    The grid itself (caption, buttons, tabs) sits in a container keyed
    ``f"{prefix}_editor"`` (CSS class ``st-key-<prefix>_editor``). Returns the pinned
    records, for another editor of the same records (the status page's one-clause form).
    """
    nonce = st.session_state.setdefault(state.nonce, 0)
    key = f"{state.prefix}_{scope}_{nonce}"
    base_key = f"{key}_base"
    if base_key not in st.session_state:
        st.session_state[base_key] = current
    base: pd.DataFrame = st.session_state[base_key]
    count = newer(base, current)
    if count:
        st.warning(t(state.newer, count=count))
    show_flash(state)
    keys = [f"{key}_{tab.suffix}" for tab in tabs]
    with st.container(key=f"{state.prefix}_editor"):
        _editor(state, key, keys, base, scope, editable, frame=frame, tabs=tabs,
                readonly=readonly, column_config=column_config, save=save)
    return base


def _editor(state: GridState, key: str, keys: list[str], base: pd.DataFrame, scope: str,
            editable: bool, *, frame: Callable[[pd.DataFrame, str], pd.DataFrame],
            tabs: Sequence[GridTab], readonly: list[str], column_config: dict,
            save: Callable[[pd.DataFrame, dict], None]) -> None:
    if editable:
        st.caption(t(state.help))
        save_col, reload_col, _ = st.columns([1, 1, 4])
        if save_col.button(t("st.save"), type="primary", key=f"{key}_save",
                           icon=":material/save:"):
            save(base, merge_edits(*(st.session_state.get(k, {}).get("edited_rows", {})
                                     for k in keys)))
        if reload_col.button(t("st.reload"), key=f"{key}_reload", icon=":material/refresh:"):
            reset(state)
            st.rerun()
    shown = shown_frame(frame, scope, base)
    for tab, spec, k in zip(st.tabs([t(tab.label) for tab in tabs]), tabs, keys, strict=True):
        order = list(spec.columns)
        with tab:
            st.data_editor(
                shown, key=k, hide_index=True,
                disabled=not editable or readonly,
                column_order=order[::-1] if lang() == "fa" else order,
                column_config=column_config, width="stretch",
                height=min(38 + 35 * len(shown), 740),
            )


def shown_frame(frame: Callable[[pd.DataFrame, str], pd.DataFrame], scope: str,
                base: pd.DataFrame) -> pd.DataFrame:
    """``frame(base, lang)``, cached: the rows' ids and versions decide their content,
    so two sessions pinned to the same versions share it, and others never do; a save
    (new versions) replaces the rows' older frame in the cache. A blank
    row (a plan line not written yet: no id) is known by its clause; its content comes
    from the reference data, which only writes to any area change."""
    ids, versions = base.get("id"), base.get("version")
    if ids is None or versions is None:
        return frame(base, lang())
    if ids.isna().any() or versions.isna().any():
        clauses = base.get("clause_id")
        if clauses is None or clauses.isna().any():
            return frame(base, lang())
        rows = tuple(zip(clauses.astype(int).tolist(), ids.fillna(0).astype(int).tolist(),
                         strict=True))
        return derive(frame, base, (scope, lang(), rows), lang(), depends=(),
                      version=tuple(versions.fillna(0).astype(int).tolist()))
    return derive(frame, base, (scope, lang(), tuple(int(i) for i in ids)), lang(),
                  depends=(), version=tuple(int(v) for v in versions))


def saved(state: GridState, count: int) -> None:
    """After a save of ``count`` rows: drop the grid's edits and say on the next run
    what was saved (or that the values entered were the ones already saved)."""
    reset(state)
    st.session_state[state.flash] = ((True, t("st.saved", count=count)) if count
                                     else (False, t("st.unchanged")))


def show_flash(state: GridState) -> None:
    """The message :func:`saved` left for this run, once."""
    flash = st.session_state.pop(state.flash, None)
    if flash:
        written, text = flash
        (st.success if written else st.info)(text)


def reset(state: GridState) -> None:
    """Drop the grid's pinned records and edits; the next run pins them afresh."""
    for k in [k for k in st.session_state
              if str(k).startswith(f"{state.prefix}_") and k != state.nonce]:
        del st.session_state[k]
    st.session_state[state.nonce] = st.session_state.get(state.nonce, 0) + 1


def every_problem(kind: RecordKind, changes: list[Change],
                  unreadable: list[RowProblem]) -> list[RowProblem]:
    """The cells that could not be read plus every validation problem of the cells
    that could (nothing is written), in row order: one save reports all of them."""
    found = unreadable + check_changes(db(), kind, changes)
    return sorted(found, key=lambda p: (_row_key(p.row), p.field or ""))


def _row_key(row: object) -> tuple[int, str]:
    return (int(row), "") if isinstance(row, int) else (1 << 30, str(row))
