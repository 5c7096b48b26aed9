"""The status page: a unit's clauses for a year, edited in a grid."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from tracker.domain import calendar, fmt
from tracker.domain.errors import Conflict, TrackerError, ValidationFailed
from tracker.domain.model import unit_id
from tracker.domain.permissions import can_edit_unit
from tracker.domain.plaintext import md_escape
from tracker.domain.rollup import district_summary, summarize
from tracker.grid import editing
from tracker.store import records as store_records
from tracker.store.status import record_history, unit_records, year_records
from tracker.ui import auth
from tracker.ui.clause_form import form_switch, render_clause_form
from tracker.ui.context import db, derive, lang, read, t
from tracker.ui.corrective import render_corrective_actions
from tracker.ui.grid import GridState, GridTab, every_problem, pinned_grid, saved
from tracker.ui.pickers import (
    district_picker,
    is_closed,
    unit_name,
    year_picker,
    zone_picker,
)
from tracker.ui.record_links import render_record_links
from tracker.ui.tables import field_value, with_tools
from tracker.ui.upload import render_upload

PAGE = {"path": "status", "title": "page.status", "icon": ":material/edit_note:",
        "order": 10, "roles": None}
# the session keys "grid_nonce" and "grid_*" (tracker.ui.upload bumps the nonce after an import)
GRID = GridState(prefix="grid", nonce="grid_nonce", flash="grid_flash", newer="st.newer",
                 help="st.grid_help")
TABS = (GridTab("st.tab_progress", editing.PROGRESS_COLUMNS, "p"),
        GridTab("st.tab_details", editing.DETAIL_COLUMNS, "d"))


def render() -> None:
    user = auth.current_user()
    cols = st.columns([1, 2, 2, 3])
    year = year_picker(cols[0])
    if year is None:
        return
    district = district_picker(user, cols[1])
    zone = zone_picker(district, cols[2])
    uid = unit_id(district, zone)
    name = unit_name(district, zone)
    st.subheader(t("st.heading", unit=md_escape(name)))

    current = read(unit_records, year, uid)
    _summary(year, uid, district)
    render_corrective_actions(user, year, uid)
    render_record_links(user, year, district, zone, current)  # files and comments
    closed = is_closed(year)
    editable = can_edit_unit(user, district, zone) and not closed
    if closed:
        st.info(t("st.year_closed", year=year))
    elif not editable:
        st.info(t("st.read_only"))
    _grid(year, uid, current, editable)
    _history(current)
    with st.expander(t("io.upload.title"), icon=":material/upload_file:"):
        render_upload(user, year, district)


def summary_figures(frames: tuple[pd.DataFrame, pd.DataFrame], district: int) -> dict:
    """The figures above the grid: the unit's and the whole district's roll-ups."""
    unit, whole = summarize(frames[0]), district_summary(frames[1], district)
    return {"unit": unit.progress, "district": whole.progress, **unit.counts}


def _summary(year: int, uid: int, district: int) -> None:
    figures = derive(summary_figures, lambda: (read(unit_records, year, uid),
                                               read(year_records, year, district)),
                     ("status", year, uid), district, depends=("status",), year=year,
                     district=district)
    c = st.columns(5)
    c[0].metric(t("st.unit_progress"), fmt.percent(figures["unit"], lang()))
    c[1].metric(t("st.district_progress"), fmt.percent(figures["district"], lang()))
    c[2].metric(t("st.count_done"), fmt.number(figures["done"], lang()))
    c[3].metric(t("st.count_in_progress"), fmt.number(figures["in_progress"], lang()))
    c[4].metric(t("st.count_blocked"), fmt.number(figures["blocked"], lang()))


def _grid(year: int, uid: int, current: pd.DataFrame, editable: bool) -> None:
    """The grid, and the one-clause form over the same pinned records (a phone's way)."""
    form_switch(editable)
    scope = f"{year}_{uid}"
    base = pinned_grid(GRID, scope, current, editable, newer=_newer_rows,
                       frame=editing.grid_frame, tabs=TABS, readonly=_readonly_columns(),
                       column_config=_column_config(), save=_save)
    render_clause_form(base, scope, st.session_state.get(GRID.nonce, 0), editable, _save)


def _readonly_columns() -> list[str]:
    return ["number", "title", "measure", "updated"]


def _column_config() -> dict:
    labels = [t(f"status.{s}") for s in ("not_started", "in_progress", "done", "blocked",
                                          "not_applicable")]
    col = st.column_config
    # widths add up to less than the grid's width at 1366 px (about 1200 px), so the
    # clause number and title are in view in both languages; numbers are text in the
    # app's digits (tracker.grid.editing.grid_frame), aligned like numbers
    return {
        "number": col.TextColumn(t("field.number"), width=52, alignment="center"),
        "title": col.TextColumn(t("field.title"), width=250),
        "status": col.SelectboxColumn(t("field.status"), options=labels, required=True,
                                      width=100),
        "progress": col.TextColumn(t("field.progress"), width=88, alignment="right"),
        "target": col.TextColumn(t("field.target"), width=84, alignment="right"),
        "achieved": col.TextColumn(t("field.achieved"), width=90, alignment="right"),
        "measure": col.TextColumn(t("field.measure"), width=76),
        "due": col.TextColumn(t("field.due_date"), width=92),
        "responsible": col.TextColumn(t("field.responsible"), width=220),
        "contractor": col.TextColumn(t("field.contractor"), width=220),
        "budget": col.TextColumn(t("field.budget"), width=160, alignment="right"),
        "blocker": col.TextColumn(t("field.blocker"), width=120),
        "notes": col.TextColumn(t("field.notes"), width=120),
        "evidence": col.LinkColumn(t("field.evidence"), width=120),
        "updated": col.TextColumn(t("field.updated"), width=260),
    }


def _newer_rows(base: pd.DataFrame, current: pd.DataFrame) -> int:
    """How many rows someone saved since the grid opened."""
    now = dict(zip(current["id"].tolist(), current["version"].tolist(), strict=True))
    return sum(now.get(i, v) != v
               for i, v in zip(base["id"].tolist(), base["version"].tolist(), strict=True))


def _save(base: pd.DataFrame, edited_rows: dict) -> None:
    changes, problems = editing.grid_changes(base, edited_rows, lang())
    if problems:  # cells that could not be read, and every other problem of the save
        _show_problems(every_problem(store_records.STATUS, changes, problems))
        return
    if not changes:
        st.info(t("st.nothing"))
        return
    try:
        n = store_records.apply_changes(db(), auth.current_user(), store_records.STATUS, changes)
    except ValidationFailed as exc:
        _show_problems(exc.problems)
    except Conflict as exc:
        _show_conflicts(exc)
    except TrackerError as exc:
        st.error(md_escape(exc.message(lang())))
    else:
        saved(GRID, n)
        st.rerun()


def _show_problems(problems) -> None:
    lines = [t("err.validation", count=len(problems))]
    for p in problems:
        row = fmt.digits(p.row, lang())
        if p.field:
            lines.append("• " + t("val.row", row=row, field=t(f"field.{p.field}"),
                                  message=p.message(lang())))
        else:
            lines.append("• " + t("val.row_nofield", row=row, message=p.message(lang())))
    st.error("\n\n".join(_escape(line) for line in lines))


def _show_conflicts(exc: Conflict) -> None:
    lines = [exc.message(lang())]
    for c in exc.conflicts:
        lines.append("• " + t("err.conflict_row", row=fmt.digits(c.row, lang()),
                              current=c.current_version, who=c.changed_by or "—",
                              at=calendar.format_stamp(c.changed_at, lang())))
        for field, (theirs, yours) in c.changes.items():
            lines.append("  ◦ " + t("err.conflict_field", field=t(f"field.{field}"),
                                    theirs=field_value(field, theirs),
                                    yours=field_value(field, yours)))
    st.error("\n\n".join(_escape(line) for line in lines))


def _history(current: pd.DataFrame) -> None:
    """A clause's history, read and drawn only when the person asks for it."""
    if not st.toggle(t("st.history"), key="history_open"):
        return
    with st.container(border=True):
        options = current["id"].tolist()
        title = "title_fa" if lang() == "fa" else "title_en"
        labels = {int(i): f"{fmt.digits(int(n), lang())}. {name}"
                  for i, n, name in zip(current["id"], current["number"], current[title],
                                        strict=True)}
        chosen = st.selectbox(t("st.history_clause"), options, format_func=lambda i: labels[i],
                              key="history_clause")
        if chosen is None:
            return
        hist = read(record_history, "status", int(chosen))
        if hist.empty:
            st.caption(t("st.history_empty"))
            return
        with with_tools("history"):
            st.dataframe(_history_table(hist), hide_index=True, width="stretch")


def _history_table(hist: pd.DataFrame) -> pd.DataFrame:
    sep = " ؛ " if lang() == "fa" else "; "

    arrow = " ← " if lang() == "fa" else " → "  # from the old value to the new one

    def describe(raw: str) -> str:
        return sep.join(f"{t(f'field.{f}')}: {fmt.isolate(field_value(f, old))}{arrow}"
                        f"{fmt.isolate(field_value(f, new))}"
                        for f, (old, new) in json.loads(raw).items())

    table = pd.DataFrame({
        t("field.version"): [fmt.digits(v, lang()) for v in hist["version"]],
        t("st.history_when"): [calendar.format_stamp(s, lang()) for s in hist["changed_at"]],
        t("st.history_who"): hist["changed_by_name"],
        t("st.history_what"): [describe(c) for c in hist["changes"]],
    })
    return table[table.columns[::-1]] if lang() == "fa" else table


def _escape(text: str) -> str:
    """Markdown-escape text that may hold what a user typed."""
    return md_escape(text)

