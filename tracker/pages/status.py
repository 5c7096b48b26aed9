"""The status page: a unit's clauses for a year, edited in a grid."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from tracker import calendar, editing, fmt
from tracker.errors import Conflict, TrackerError, ValidationFailed
from tracker.model import unit_id
from tracker.permissions import can_edit_unit
from tracker.rollup import district_summary, summarize
from tracker.store import records as store_records
from tracker.store.status import record_history, unit_records, year_records
from tracker.ui import auth
from tracker.ui.context import db, derive, lang, read, t
from tracker.ui.corrective import render_corrective_actions
from tracker.ui.grid import GridState, GridTab, pinned_grid, reset
from tracker.ui.pickers import (
    district_picker,
    is_closed,
    unit_name,
    year_picker,
    zone_picker,
)
from tracker.ui.record_links import render_record_links
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
    st.subheader(t("st.heading", unit=name))

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
                     ("status", year, uid), district)
    c = st.columns(5)
    c[0].metric(t("st.unit_progress"), fmt.percent(figures["unit"], lang()))
    c[1].metric(t("st.district_progress"), fmt.percent(figures["district"], lang()))
    c[2].metric(t("st.count_done"), fmt.number(figures["done"], lang()))
    c[3].metric(t("st.count_in_progress"), fmt.number(figures["in_progress"], lang()))
    c[4].metric(t("st.count_blocked"), fmt.number(figures["blocked"], lang()))


def _grid(year: int, uid: int, current: pd.DataFrame, editable: bool) -> None:
    pinned_grid(GRID, f"{year}_{uid}", current, editable, newer=_newer_rows,
                frame=editing.grid_frame, tabs=TABS, readonly=_readonly_columns(),
                column_config=_column_config(), save=_save)


def _readonly_columns() -> list[str]:
    return ["number", "title", "measure", "updated"]


def _column_config() -> dict:
    labels = [t(f"status.{s}") for s in ("not_started", "in_progress", "done", "blocked",
                                          "not_applicable")]
    return {
        "number": st.column_config.NumberColumn(t("field.number"), width=48),
        "title": st.column_config.TextColumn(t("field.title"), width=260),
        "status": st.column_config.SelectboxColumn(t("field.status"), options=labels,
                                                   required=True),
        "progress": st.column_config.NumberColumn(t("field.progress"), format="%.0f",
                                                  width="small"),
        "target": st.column_config.NumberColumn(t("field.target")),
        "achieved": st.column_config.NumberColumn(t("field.achieved")),
        "measure": st.column_config.TextColumn(t("field.measure"), width="small"),
        "due": st.column_config.TextColumn(t("field.due_date")),
        "responsible": st.column_config.TextColumn(t("field.responsible")),
        "contractor": st.column_config.TextColumn(t("field.contractor")),
        "budget": st.column_config.NumberColumn(t("field.budget"), format="localized"),
        "blocker": st.column_config.TextColumn(t("field.blocker")),
        "notes": st.column_config.TextColumn(t("field.notes")),
        "evidence": st.column_config.LinkColumn(t("field.evidence")),
        "updated": st.column_config.TextColumn(t("field.updated")),
    }


def _newer_rows(base: pd.DataFrame, current: pd.DataFrame) -> int:
    """How many rows someone saved since the grid opened."""
    now = dict(zip(current["id"].tolist(), current["version"].tolist(), strict=True))
    return sum(now.get(i, v) != v
               for i, v in zip(base["id"].tolist(), base["version"].tolist(), strict=True))


def _save(base: pd.DataFrame, edited_rows: dict) -> None:
    changes, problems = editing.grid_changes(base, edited_rows, lang())
    if problems:
        _show_problems(problems)
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
        st.error(exc.message(lang()))
    else:
        reset(GRID)
        st.session_state[GRID.flash] = t("st.saved", count=n)
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
                                    theirs=_value(field, theirs), yours=_value(field, yours)))
    st.error("\n\n".join(_escape(line) for line in lines))


def _value(field: str, value: object) -> str:
    if value is None or value == "":
        return "—"
    if field == "status":
        return t(f"status.{value}")
    if field == "due_date":
        return calendar.format_date(str(value), lang())
    return fmt.digits(value, lang()) if isinstance(value, int | float) else str(value)


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
        st.dataframe(_history_table(hist), hide_index=True, width="stretch")


def _history_table(hist: pd.DataFrame) -> pd.DataFrame:
    sep = " ؛ " if lang() == "fa" else "; "

    def describe(raw: str) -> str:
        return sep.join(f"{t(f'field.{f}')}: {_value(f, old)} → {_value(f, new)}"
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
    special = "\\`*_{}[]()#+-.!|<>~$"
    return "".join("\\" + ch if ch in special else ch for ch in text)

