"""On the status page: the unit's open questions, the signed-in person's unread
comments, and a link to one clause's record page (status, history, files, thread)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.domain import fmt
from tracker.domain.evidence_rules import can_read_record
from tracker.domain.model import User, unit_id
from tracker.store.comment_notify import unread, unread_count
from tracker.store.comments import open_question_records
from tracker.ui.auth import md_escape
from tracker.ui.context import lang, read, t


def _record_page() -> None:  # the page itself is tracker/pages/record.py
    """Stands for the record page in links (Streamlit knows a page by its url path)."""


def record_link(label: str, year: int, uid: int, number: int, key: str | None = None,
                kind: str = "status") -> None:
    """A link that opens the record page of (year, unit, clause number) in this tab; with
    ``kind="plan"`` the plan line's page (its files and thread)."""
    page = st.Page(_record_page, title=t("page.record"), url_path="record")
    params = {"year": str(year), "unit": str(uid), "clause": str(number), "lang": lang()}
    if kind == "plan":
        params["kind"] = "plan"
    st.page_link(page, label=label, icon=":material/forum:", query_params=params)


def render_plan_record_link(year: int, uid: int, lines: pd.DataFrame) -> None:
    """On the plan page: a chooser of the unit's plan lines (clauses that have one) and a
    link to the line's record page."""
    lines = lines[lines["id"].notna()] if "id" in lines else lines.iloc[0:0]
    if lines.empty:
        return
    title = "title_fa" if lang() == "fa" else "title_en"
    labels = {int(n): f"{fmt.digits(int(n), lang())}. {name}"
              for n, name in zip(lines["number"], lines[title], strict=True)}
    c = st.columns([2, 1], vertical_alignment="bottom")
    with c[0]:
        number = st.selectbox(t("cm.plan.pick"), list(labels), format_func=lambda n: labels[n],
                              key="plan_rec_clause")
    with c[1]:
        record_link(t("cm.status.open_record"), year, uid, int(number), kind="plan")


def render_record_links(user: User, year: int, district: int, zone: int,
                        current: pd.DataFrame) -> None:
    """Counts and links; a clause chooser opens its record page."""
    uid = unit_id(district, zone)
    readable = can_read_record(user, district, zone)
    opened = read(open_question_records, year, uid) if readable else pd.DataFrame()
    mine = read(unread_count, user.id)
    with st.container(border=True):
        c = st.columns([1, 1, 3], vertical_alignment="center")
        c[0].metric(t("cm.status.open"), fmt.number(len(opened), lang()))
        c[1].metric(t("cm.status.unread"), fmt.number(mine, lang()))
        with c[2]:
            if readable and not current.empty:
                title = "title_fa" if lang() == "fa" else "title_en"
                labels = {int(n): f"{fmt.digits(int(n), lang())}. {name}"
                          for n, name in zip(current["number"], current[title], strict=True)}
                number = st.selectbox(t("cm.status.pick"), list(labels),
                                      format_func=lambda n: labels[n], key="rec_clause")
                record_link(t("cm.status.open_record"), year, uid, int(number))
        if not opened.empty:
            st.caption(t("cm.status.open_list"))
            cols = st.columns(min(len(opened), 6))
            for i, n in enumerate(opened["number"].astype(int).tolist()):
                with cols[i % len(cols)]:
                    record_link(fmt.digits(n, lang()), year, uid, n)
        if mine:
            with st.expander(t("cm.status.unread_list")):
                for r in read(unread, user.id).itertuples(index=False):
                    record_link(t("cm.status.unread_item", who=md_escape(r.author_name),
                                  clause=int(r.number)),
                                int(r.year), int(r.unit_id), int(r.number))
