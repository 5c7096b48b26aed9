"""The admin's editor of the visit checklists (the copy in the database)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.domain.errors import TrackerError
from tracker.domain.model import User
from tracker.domain.plaintext import md_escape
from tracker.exchange.checklists import COLUMNS, ChecklistError
from tracker.store.checklists import checklist_items as read_items
from tracker.store.checklists import replace_checklists
from tracker.ui.context import db, lang, read, t

_FLASH = "cl_flash"
_NONCE = "cl_nonce"


def checklist_editor(user: User) -> None:
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash)
    st.caption(t("vis.cl.help"))
    n = st.session_state.setdefault(_NONCE, 0)
    items = read(read_items)
    order = list(COLUMNS)
    config = {
        "clause_number": st.column_config.NumberColumn(t("field.clause"), min_value=1, step=1,
                                                       required=True, width=60),
        "item": st.column_config.NumberColumn(t("vis.cl.item"), min_value=1, step=1,
                                              required=True, width=60),
        "text_fa": st.column_config.TextColumn(t("vis.cl.text_fa"), width="large"),
        "text_en": st.column_config.TextColumn(t("vis.cl.text_en"), width="large"),
        "source": st.column_config.TextColumn(t("vis.cl.source")),
        "confidence": st.column_config.TextColumn(t("vis.cl.confidence")),
    }
    edited = st.data_editor(items, key=f"cl_editor_{n}", num_rows="dynamic", hide_index=True,
                            column_order=order[::-1] if lang() == "fa" else order,
                            column_config=config, width="stretch", height=520)
    if st.button(t("vis.cl.save"), type="primary", icon=":material/save:", key=f"cl_save_{n}"):
        frame = pd.DataFrame(edited).astype(object)
        frame = frame.where(frame.notna(), "")
        for col in ("clause_number", "item"):
            frame[col] = [_whole_text(v) for v in frame[col]]
        try:
            count = replace_checklists(db(), user, frame)
        except ChecklistError as exc:
            st.error(md_escape(exc.message(lang())))
        except TrackerError as exc:
            st.error(md_escape(exc.message(lang())))
        else:
            st.session_state[_FLASH] = t("vis.cl.saved", count=count)
            st.session_state[_NONCE] = n + 1
            st.rerun()


def _whole_text(value: object) -> str:
    """A number the grid gives as 3.0 back as "3"; anything else as typed."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return str(int(number)) if number.is_integer() else str(value)
