"""One clause at a time: a small form beside the status grid, for a phone.

On a narrow screen (a phone, under 640 px) the form replaces the grid, chosen by CSS
alone (the server cannot know the screen's width); on a wide screen it is shown
when the person turns on "one clause at a time". It saves through the grid's own
save (edited rows of the pinned records → ``apply_changes``), so it has the same
validation and the same check against rows someone else saved meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from tracker.domain import fmt
from tracker.domain.model import STATUSES
from tracker.grid import editing
from tracker.ui.context import lang, t
from tracker.ui.grid import shown_frame

# the form's fields: grid column → string key of its label
FIELDS = ("status", "progress", "achieved", "notes", "evidence", "blocker")
TOGGLE = "clause_form_on"

_NARROW = """
/* a link is written left to right, also in a Persian form ("https://", not "//:https") */
.st-key-clause_form [class*="_evidence"] input { direction: ltr; text-align: left; }
@media (max-width: 640px) {
  .st-key-grid_editor, .st-key-clause_form_switch { display: none; }
}
"""
_WIDE_HIDDEN = """
@media (min-width: 641px) { .st-key-clause_form { display: none; } }
"""


def form_switch(editable: bool) -> None:
    """The switch "one clause at a time" (wide screens; a phone gets the form anyway)
    and the constant CSS that shows the form or the grid."""
    if not editable:
        return
    with st.container(key="clause_form_switch"):
        wide_on = st.toggle(t("st.form_switch"), key=TOGGLE, help=t("st.form_switch_help"))
    st.html("<style>" + _NARROW + ("" if wide_on else _WIDE_HIDDEN) + "</style>")


def render_clause_form(base: pd.DataFrame, scope: str, nonce: int, editable: bool,
                       save: Callable[[pd.DataFrame, dict], None]) -> None:
    """The one-clause form over the pinned records ``base`` (the status grid's)."""
    if not editable or base.empty:
        return
    with st.container(key="clause_form", border=True):
        _form(base, scope, f"grid_form_{scope}_{nonce}", save)


def _form(base: pd.DataFrame, scope: str, key: str,
          save: Callable[[pd.DataFrame, dict], None]) -> None:
    L = lang()
    # the grid's own frame of the same records (one cache entry for both)
    shown = shown_frame(editing.grid_frame, scope, base)
    title = "title_fa" if L == "fa" else "title_en"
    labels = {pos: f"{fmt.digits(int(n), L)}. {name}"
              for pos, (n, name) in enumerate(zip(base["number"], base[title], strict=True))}
    st.markdown("**" + t("st.form_title") + "**")
    pos = st.selectbox(t("st.history_clause"), list(labels), format_func=labels.__getitem__,
                       key=f"{key}_clause")
    if pos is None:
        return
    row = shown.iloc[int(pos)]
    measure = base.iloc[int(pos)]["measure_fa" if L == "fa" else "measure_en"]
    statuses = [t(f"status.{s}") for s in STATUSES]
    k = f"{key}_{pos}"
    with st.form(k, enter_to_submit=False, border=False):
        values = {
            "status": st.selectbox(t("field.status"), statuses,
                                   index=statuses.index(row["status"]), key=f"{k}_status"),
            "progress": st.text_input(t("field.progress"), value=row["progress"],
                                      key=f"{k}_progress"),
            "achieved": st.text_input(f"{t('field.achieved')} ({measure})",
                                      value=row["achieved"], key=f"{k}_achieved"),
            "notes": st.text_area(t("field.notes"), value=row["notes"], key=f"{k}_notes",
                                  height=90),
            "evidence": st.text_input(t("field.evidence"), value=row["evidence"],
                                      key=f"{k}_evidence", placeholder="https://"),
            "blocker": st.text_input(t("field.blocker"), value=row["blocker"],
                                     key=f"{k}_blocker"),
        }
        sent = st.form_submit_button(t("st.form_save"), type="primary", icon=":material/save:")
    if sent:
        edits = form_edits(row, values)
        save(base, {int(pos): edits} if edits else {})


def form_edits(row: pd.Series, values: dict) -> dict:
    """The form's fields that differ from the grid row as shown ({column: typed value})."""
    return {f: v for f, v in values.items() if str(v).strip() != str(row[f]).strip()}
