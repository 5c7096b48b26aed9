"""A unit's corrective actions from field visits, with their next step for this user.

Shown on the status page (and the visits page) until an inspector confirms them:
"mark resolved" for the unit's editors, "confirm" / "reopen" for inspectors.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.domain import calendar, verification
from tracker.domain.errors import TrackerError, ValidationFailed
from tracker.domain.model import User, unit_parts
from tracker.domain.permissions import can_edit_unit, can_verify
from tracker.domain.plaintext import md_escape
from tracker.store import visits as store
from tracker.store.visit_reads import unit_actions
from tracker.ui.context import db, lang, read, t
from tracker.ui.pickers import is_closed

_FLASH = "ca_flash"


def render_corrective_actions(user: User, year: int, unit_id: int) -> None:
    """The unit's corrective actions not yet confirmed; nothing at all if there are none.
    A closed year's actions are shown without buttons (the store refuses them too)."""
    actions = read(unit_actions, year, unit_id)
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash)
    if actions.empty:
        return
    today = calendar.today_tehran()
    overdue = sum(verification.is_overdue(s, d, today)
                  for s, d in zip(actions["status"], actions["due_date"], strict=True))
    st.markdown("#### " + t("vis.ca.heading", count=len(actions)))
    if overdue:
        st.warning(t("vis.ca.overdue_count", count=overdue))
    closed = is_closed(year)
    for _, a in actions.iterrows():
        _action(user, a, today, closed)


def _action(user: User, a: pd.Series, today, closed: bool) -> None:
    aid = int(a["id"])
    with st.container(border=True, key=f"ca_{aid}"):
        title = a["title_fa"] if lang() == "fa" else a["title_en"]
        clause = (t("vis.ca.clause", number=int(a["number"]), title=md_escape(title))
                  if pd.notna(a["number"]) else t("vis.ca.general"))
        state = t(f"vis.action.{a['status']}")
        due = calendar.format_date(a["due_date"], lang())
        late = verification.is_overdue(a["status"], a["due_date"], today)
        st.markdown(f"**{clause}** · {state} · " + t("vis.ca.due", date=due)
                    + (" · :red[" + t("vis.ca.overdue") + "]" if late else ""))
        st.caption(t("vis.ca.from_visit", date=calendar.format_date(a["visit_date"], lang()),
                     who=md_escape(a["inspector_name"])))
        if isinstance(a["findings"], str) and a["findings"]:
            st.markdown("*" + t("vis.ca.finding") + "*")
            st.text(a["findings"])
        st.markdown("*" + t("vis.ca.required") + "*")
        st.text(a["description"])
        if a["status"] == "resolved":
            st.caption(t("vis.ca.resolved_by", who=md_escape(a["resolved_by_name"] or "—"),
                         at=calendar.format_stamp(a["resolved_at"], lang())))
            if isinstance(a["resolution_note"], str) and a["resolution_note"]:
                st.text(a["resolution_note"])
        if not closed:
            _buttons(user, a, aid)


def _buttons(user: User, a: pd.Series, aid: int) -> None:
    district, zone = unit_parts(int(a["unit_id"]))
    may_resolve = a["status"] == "open" and can_edit_unit(user, district, zone)
    may_confirm = a["status"] == "resolved" and can_verify(user)
    if not (may_resolve or may_confirm):
        return
    label = t("vis.ca.note") if may_confirm else t("vis.ca.note_resolve")
    note = st.text_input(label, key=f"ca_note_{aid}", max_chars=store.MAX_ACTION)
    cols = st.columns([1, 1, 3])
    if may_resolve and cols[0].button(t("vis.ca.resolve"), key=f"ca_resolve_{aid}",
                                      icon=":material/task_alt:", type="primary"):
        _do(lambda: store.resolve_action(db(), user, aid, note), "vis.ca.resolved_flash")
    if may_confirm and cols[0].button(t("vis.ca.confirm"), key=f"ca_confirm_{aid}",
                                      icon=":material/verified:", type="primary"):
        _do(lambda: store.confirm_action(db(), user, aid, True, note), "vis.ca.confirmed_flash")
    if may_confirm and cols[1].button(t("vis.ca.reopen"), key=f"ca_reopen_{aid}",
                                      icon=":material/undo:"):
        _do(lambda: store.confirm_action(db(), user, aid, False, note), "vis.ca.reopened_flash")


def _do(step, flash_key: str) -> None:
    try:
        step()
    except ValidationFailed as exc:
        st.error("\n\n".join(md_escape(p.message(lang())) for p in exc.problems))
    except TrackerError as exc:
        st.error(md_escape(exc.message(lang())))
    else:
        st.session_state[_FLASH] = t(flash_key)
        st.rerun()
