"""A record's comment thread on a page: comments as plain text, the office's view of
corrections, a form to add one and to correct one's own."""

from __future__ import annotations

import streamlit as st

from tracker.domain import calendar
from tracker.domain.errors import TrackerError, ValidationFailed
from tracker.domain.evidence_rules import MAX_COMMENT
from tracker.domain.model import User
from tracker.domain.permissions import is_admin
from tracker.store import comment_notify
from tracker.store import comments as cm
from tracker.ui.context import db, lang, read, t


def render_thread(user: User, kind: str, record_id: int, may_comment: bool) -> None:
    """The thread, oldest first; opening it marks its notifications to ``user`` read."""
    flash = st.session_state.pop("cm_flash", None)
    if flash:
        st.success(flash)
    rows = read(cm.thread_rows, kind, record_id)
    if rows.empty:
        st.caption(t("cm.page.empty"))
    for r in rows.itertuples(index=False):
        with st.container(border=True):
            st.caption(t("cm.page.meta", who=r.author_name, side=t(f"cm.side.{r.side}"),
                         when=calendar.format_stamp(r.created_at, lang())))
            st.text(r.body)
            if r.corrections:
                st.caption(t("cm.page.corrected", count=int(r.corrections)))
                if is_admin(user):
                    with st.expander(t("cm.page.earlier")):
                        for old in read(cm.corrections, int(r.id)).itertuples(index=False):
                            st.caption(calendar.format_stamp(old.created_at, lang()))
                            st.text(old.body)
            if may_comment and r.author_id == user.id:
                _correct(user, int(r.id), r.body)
    comment_notify.mark_read(db(), user, kind, record_id)
    if may_comment:
        _new_comment(user, kind, record_id)
    else:
        st.caption(t("cm.page.read_only"))


def _new_comment(user: User, kind: str, record_id: int) -> None:
    nonce = st.session_state.get("cm_nonce", 0)
    with st.form(f"cm_new_{kind}_{record_id}_{nonce}"):
        body = st.text_area(t("cm.page.new"), max_chars=MAX_COMMENT, height=100,
                            help=t("cm.page.mention_help"))
        sent = st.form_submit_button(t("cm.page.send"), type="primary", icon=":material/send:")
    if sent and _write(lambda: cm.add_comment(db(), user, kind, record_id, body)):
        st.session_state["cm_flash"] = t("cm.page.sent")
        st.session_state["cm_nonce"] = nonce + 1
        st.rerun()


def _correct(user: User, comment_id: int, current: str) -> None:
    with st.popover(t("cm.page.correct"), icon=":material/edit:"):
        with st.form(f"cm_fix_{comment_id}"):
            body = st.text_area(t("cm.page.correct"), value=current, max_chars=MAX_COMMENT)
            sent = st.form_submit_button(t("cm.page.save"))
        if sent and _write(lambda: cm.correct_comment(db(), user, comment_id, body)):
            st.session_state["cm_flash"] = t("cm.page.corrected_ok")
            st.rerun()


def _write(action) -> bool:
    try:
        action()
    except ValidationFailed as exc:
        st.error("\n\n".join(p.message(lang()) for p in exc.problems))
        return False
    except TrackerError as exc:
        st.error(exc.message(lang()))
        return False
    return True
