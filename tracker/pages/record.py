"""One record on one page: its status, history, evidence files and comment thread.

Opened from the status page (``/record?year=1405&unit=302&clause=4``; ``kind=plan``
for a plan line). The files and the thread are shown only to people who may read the
record (the office, inspectors, viewers; editors within their own district).
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from tracker.domain import calendar, fmt
from tracker.domain.errors import TrackerError, ValidationFailed
from tracker.domain.evidence_rules import can_attach, can_read_record, comment_side
from tracker.domain.model import unit_id
from tracker.store.evidence import done_rule
from tracker.store.record_refs import record_id_for
from tracker.store.records import STATUS, Change, apply_changes
from tracker.store.reference import list_clauses
from tracker.store.status import record_by_key, record_history
from tracker.ui import auth
from tracker.ui.auth import md_escape
from tracker.ui.context import db, lang, qp_choice, read, t
from tracker.ui.evidence_view import render_files
from tracker.ui.pickers import district_picker, is_closed, unit_name, year_picker, zone_picker
from tracker.ui.tables import field_value, with_tools
from tracker.ui.thread_view import render_thread

# hidden: not in the navigation bar; opened from the status page's links
PAGE = {"path": "record", "title": "page.record", "icon": ":material/forum:",
        "order": 75, "roles": None, "hidden": True}


def render() -> None:
    user = auth.current_user()
    _unit_param()
    cols = st.columns([1, 2, 2, 3])
    year = year_picker(cols[0])
    if year is None:
        return
    district = district_picker(user, cols[1])
    zone = zone_picker(district, cols[2])
    clauses = read(list_clauses, year)
    if clauses.empty:
        return
    title = "title_fa" if lang() == "fa" else "title_en"
    labels = {int(n): f"{fmt.digits(int(n), lang())}. {name}"
              for n, name in zip(clauses["number"], clauses[title], strict=True)}
    with cols[3]:
        number = qp_choice(t("field.clause"), list(labels), "clause",
                           format_func=lambda n: labels[n])
    kind = "plan" if st.query_params.get("kind") == "plan" else "status"
    clause_id = int(clauses.loc[clauses["number"] == number, "id"].iloc[0])
    uid = unit_id(district, zone)
    st.subheader(md_escape(f"{unit_name(district, zone)} — {labels[number]}"))
    if not can_read_record(user, district, zone):
        st.info(t("ev.err.read_forbidden"))
        return
    record_id = read(record_id_for, kind, year, uid, clause_id)
    if record_id is None:
        st.info(t("ev.val.no_record"))
        return
    closed = is_closed(year)
    if kind == "status":
        _status(year, uid, clause_id, record_id)
        if can_attach(user, district, zone) and not closed:
            _mark_done(user, year, uid, clause_id, number)
    left, right = st.columns([3, 2])
    with left:
        st.markdown("#### " + t("ev.page.files"))
        render_files(user, kind, record_id, can_attach(user, district, zone) and not closed)
    with right:
        st.markdown("#### " + t("cm.page.thread"))
        render_thread(user, kind, record_id, comment_side(user, district, zone) is not None)


def _unit_param() -> None:
    """``unit=302`` in a link: the district and zone choosers start there."""
    raw = st.query_params.get("unit")
    if raw is None:
        return
    del st.query_params["unit"]
    if raw.isdigit():
        district, zone = divmod(int(raw), 100)
        st.query_params["district"], st.query_params["zone"] = str(district), str(zone)
    for name in ("year", "district", "zone", "clause"):  # the link's choices win
        st.session_state.pop(f"qp_{name}_{lang()}", None)


def _mark_done(user, year: int, uid: int, clause_id: int, number: int) -> None:
    """«Done» in one click, through the one write path (the program's rule decides
    whether the files, link or note attached are enough)."""
    flash = st.session_state.pop("rec_flash", None)
    if flash:
        st.success(flash)
    rec = read(record_by_key, year, uid, clause_id) or {}
    if rec.get("status") == "done":
        return
    if not st.button(t("ev.page.mark_done"), icon=":material/task_alt:", key="rec_done"):
        return
    change = Change(year, uid, clause_id, int(rec.get("version") or 0), {"status": "done"},
                    row=number)
    try:
        apply_changes(db(), user, STATUS, [change])
    except ValidationFailed as exc:
        st.error("\n\n".join(p.message(lang()) for p in exc.problems))
    except TrackerError as exc:
        st.error(exc.message(lang()))
    else:
        st.session_state["rec_flash"] = t("ev.page.marked_done")
        st.rerun()


def _status(year: int, uid: int, clause_id: int, record_id: int) -> None:
    rec = read(record_by_key, year, uid, clause_id) or {}
    c = st.columns(4)
    c[0].metric(t("field.status"), t(f"status.{rec.get('status', 'not_started')}"))
    c[1].metric(t("field.progress"), fmt.percent(rec.get("progress") or 0, lang()))
    c[2].metric(t("field.version"), fmt.digits(int(rec.get("version") or 0), lang()))
    c[3].metric(t("ev.page.rule"), t(f"ev.rule.{read(done_rule, year)}"))
    for name in ("notes", "evidence", "blocker"):
        value = rec.get(name)
        if isinstance(value, str) and value.strip():
            st.caption(t(f"field.{name}"))
            st.text(value)
    with st.expander(t("st.history"), icon=":material/history:"):
        hist = pd.concat([read(record_history, "status", record_id),
                          read(record_history, "status_file", record_id)])
        if hist.empty:
            st.caption(t("st.history_empty"))
        else:
            with with_tools("record_history"):
                st.dataframe(_history_table(hist), hide_index=True, width="stretch")


def _history_table(hist: pd.DataFrame) -> pd.DataFrame:
    hist = hist.sort_values("changed_at", ascending=False)
    sep = " ؛ " if lang() == "fa" else "; "

    def describe(raw: str) -> str:
        parts = []
        for f, (old, new) in json.loads(raw).items():
            if f in ("file_added", "file_removed"):
                parts.append(t(f"ev.hist.{f}", name=new if f == "file_added" else old))
            else:
                parts.append(f"{t(f'field.{f}')}: {field_value(f, old)} → {field_value(f, new)}")
        return sep.join(parts)

    table = pd.DataFrame({
        t("st.history_when"): [calendar.format_stamp(s, lang()) for s in hist["changed_at"]],
        t("st.history_who"): hist["changed_by_name"].tolist(),
        t("st.history_what"): [describe(c) for c in hist["changes"]],
    })
    return table[table.columns[::-1]] if lang() == "fa" else table


