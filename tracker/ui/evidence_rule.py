"""The office's choice, per program, of what a "done" record needs."""

from __future__ import annotations

import streamlit as st

from tracker.domain.errors import TrackerError
from tracker.domain.evidence_rules import DONE_RULES
from tracker.domain.model import User
from tracker.store import evidence as ev
from tracker.ui.context import db, lang, read, t


def render_done_rule(user: User, year: int, closed: bool) -> None:
    """A chooser and a save button (read-only once the year is closed)."""
    current = read(ev.done_rule, year)
    with st.expander(t("ev.rule.heading"), icon=":material/task_alt:"):
        choice = st.radio(t("ev.page.rule"), DONE_RULES, index=DONE_RULES.index(current),
                          format_func=lambda r: t(f"ev.rule.{r}"), key=f"done_rule_{year}",
                          disabled=closed, horizontal=True)
        if closed or choice == current:
            return
        if st.button(t("ev.rule.save"), key=f"done_rule_save_{year}", type="primary"):
            try:
                ev.set_done_rule(db(), user, year, choice)
            except TrackerError as exc:
                st.error(exc.message(lang()))
                return
            st.session_state["progpage_flash"] = t("ev.rule.saved")
            st.rerun()
