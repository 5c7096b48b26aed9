"""Controls of the reporting cycle shared by My work and the periods page: a unit's
submission (confirm "no change", save, submit), a review (accept, send back with a
comment), the inbox, and labels. Every act goes through the store, which checks it."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from tracker.domain import calendar, fmt
from tracker.domain import periods as P
from tracker.domain.errors import TrackerError
from tracker.notify.notices import render as render_message
from tracker.store import cycle_reads, inbox
from tracker.store import periods as SP
from tracker.store import submissions as SS
from tracker.store.zones_first import blocking_zones, zone_list
from tracker.ui import auth
from tracker.ui.context import db, lang, read, t
from tracker.ui.plan_common import show_write_error

FLASH = "cyc_flash"


def unit_titles() -> dict[int, str]:
    """Every unit's label in the person's language (one cached read)."""
    key = "unit_fa" if lang() == "fa" else "unit_en"
    return {u: n[key] for u, n in read(cycle_reads.unit_titles).items()}


def unit_title(unit_id: int) -> str:
    return unit_titles().get(int(unit_id)) or str(unit_id)


def period_title(period: P.Period) -> str:
    return P.period_label(period, lang())


def act(fn: Callable[[], object], message: str) -> None:
    """Run a store write; show a refusal in the person's language, or rerun with a
    success message."""
    try:
        fn()
    except TrackerError as exc:
        show_write_error(exc)
    else:
        st.session_state[FLASH] = message
        st.rerun()


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message)


def state_label(state: str) -> str:
    return t(f"cyc.state.{state}")


def submission_panel(period_id: int, unit_id: int, key: str) -> None:
    """A unit's submission for a period: its state, the reviewer's comment, the clauses
    still needing an update or a "no change" confirmation, save and submit."""
    user = auth.current_user()
    cur = SP.get_period(db(), period_id)
    period: P.Period = cur["period"]
    sub = SS.get_submission(db(), period_id, unit_id)
    state = sub["state"] if sub else "not_started"
    st.markdown(f"**{auth.md_escape(unit_title(unit_id))} — {period_title(period)}**")
    st.caption(t("cyc.ui.state_line", state=state_label(state),
                 deadline=calendar.format_long(period.deadline_for(unit_id % 100), lang())))
    if sub and sub["comment"] and state == "changes_requested":
        st.warning(t("cyc.ui.reviewer_said", who=sub["reviewed_by_name"] or "—"))
        st.text(sub["comment"])
    if cur["locked_at"]:
        st.info(t("cyc.err.locked"))
        return
    if state in ("submitted", "accepted"):
        st.info(t(f"cyc.ui.already_{state}"))
        return
    district, zone = divmod(unit_id, 100)
    waiting = [] if zone else blocking_zones(db(), period_id, district)
    if waiting:  # zones first: say which zones still block the district, before it tries
        st.warning(auth.md_escape(t("cyc.ui.zones_block", zones=zone_list(waiting, lang()))))
    checklist = SS.clause_checklist(db(), period, unit_id)
    changed = [c for c in checklist if c["changed"]]
    todo = [c for c in checklist if not c["changed"]]
    title = "title_fa" if lang() == "fa" else "title_en"
    st.caption(t("cyc.ui.changed_count", changed=len(changed), total=len(checklist)))
    saved = set(sub["no_change"]) if sub else set()
    options = [c["clause_id"] for c in todo]
    labels = {c["clause_id"]: f"{fmt.digits(c['number'], lang())}. {c[title]}" for c in todo}
    chosen = st.multiselect(t("cyc.ui.no_change"), options,
                            default=[o for o in options if o in saved],
                            format_func=lambda c: labels[c], key=f"{key}_nc",
                            placeholder=t("widgets.choose"))
    if todo and st.checkbox(t("cyc.ui.all_no_change"), key=f"{key}_all"):
        chosen = options
    a, b = st.columns(2)
    if a.button(t("cyc.ui.save_draft"), key=f"{key}_save", icon=":material/save:"):
        act(lambda: SS.save_draft(db(), user, period_id, unit_id, chosen),
            t("cyc.ui.saved"))
    if b.button(t("cyc.ui.submit"), key=f"{key}_submit", type="primary",
                icon=":material/send:", disabled=bool(waiting)):
        act(lambda: SS.submit(db(), user, period_id, unit_id, chosen), t("cyc.ui.submitted"))


def review_panel(period_id: int, unit_id: int, key: str) -> None:
    """Accept a submission, or send it back with a comment (required by the store)."""
    user = auth.current_user()
    period: P.Period = SP.get_period(db(), period_id)["period"]
    sub = SS.get_submission(db(), period_id, unit_id) or {}
    st.markdown(f"**{auth.md_escape(unit_title(unit_id))} — {period_title(period)}**")
    st.caption(t("cyc.ui.submitted_by", who=sub.get("submitted_by_name") or "—",
                 at=calendar.format_stamp(sub.get("submitted_at"), lang())))
    comment = st.text_area(t("cyc.field.comment"), key=f"{key}_comment", height=80)
    a, b = st.columns(2)
    if a.button(t("cyc.ui.accept"), key=f"{key}_accept", type="primary",
                icon=":material/check_circle:"):
        act(lambda: SS.review(db(), user, period_id, unit_id, True, comment),
            t("cyc.ui.accepted"))
    if b.button(t("cyc.ui.send_back"), key=f"{key}_back", icon=":material/undo:"):
        act(lambda: SS.review(db(), user, period_id, unit_id, False, comment),
            t("cyc.ui.sent_back"))


def inbox_view(user) -> None:
    """The person's messages, newest first (user text drawn as plain text)."""
    msgs = inbox.messages(db(), user.id)
    unread = int(msgs["read_at"].isna().sum()) if not msgs.empty else 0
    st.markdown(f"#### {t('cyc.ui.inbox', count=unread)}")
    if msgs.empty:
        st.caption(t("cyc.ui.inbox_empty"))
        return
    for row in msgs.head(30).itertuples(index=False):
        subject, body = render_message(row.kind, row.params, lang())
        mark = "● " if pd.isna(row.read_at) else ""
        with st.container(border=True):
            st.text(f"{mark}{subject}")
            st.caption(calendar.format_stamp(row.created_at, lang()))
            st.text(body)
    if unread and st.button(t("cyc.ui.mark_read"), key="cyc_mark_read",
                            icon=":material/done_all:"):
        act(lambda: inbox.mark_read(db(), user), t("cyc.ui.marked_read"))
