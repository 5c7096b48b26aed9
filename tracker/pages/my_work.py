"""My work: what the signed-in person owes and by when, soonest first (submissions due,
reviews waiting, corrective actions due, plan lines missing a target, budget or owner),
the controls to submit and review, and the inbox."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.domain import calendar, fmt
from tracker.store import cycle_reads
from tracker.store import periods as SP
from tracker.store.zones_first import blocking_zones, zone_list
from tracker.ui import auth
from tracker.ui.context import lang, read, t
from tracker.ui.cycle_actions import (
    inbox_view,
    period_title,
    review_panel,
    show_flash,
    state_label,
    submission_panel,
    unit_title,
)

PAGE = {"path": "my-work", "title": "page.my_work", "icon": ":material/task_alt:",
        "order": 25, "roles": None, "badge": "unread"}


def _what(row) -> str:
    if row.kind in ("submit", "review"):
        period = read(SP.get_period, int(row.period_id))["period"]
        text = t(f"cyc.work.{row.kind}", unit=unit_title(int(row.unit_id)),
                 period=period_title(period), state=state_label(row.state))
        district, zone = divmod(int(row.unit_id), 100)
        if row.kind == "submit" and not zone:  # zones first: say who the district waits for
            waiting = read(blocking_zones, int(row.period_id), district)
            if waiting:
                text += " — " + t("cyc.work.zones_waiting", zones=zone_list(waiting, lang()))
        return text
    if row.kind == "action":
        return t("cyc.work.action", unit=unit_title(int(row.unit_id)), what=row.detail)
    return t("cyc.work.plan", unit=unit_title(int(row.unit_id)), count=int(row.count))


def work_table(work: pd.DataFrame) -> pd.DataFrame:
    today = calendar.today_tehran()
    lg = lang()
    days = [(pd.Timestamp(d).date() - today).days for d in work["due"]]
    return pd.DataFrame({
        t("cyc.field.deadline"): [calendar.format_date(d, lg) for d in work["due"]],
        t("cyc.ui.days_left"): [fmt.number(n, lg) if n >= 0 else t("cyc.ui.overdue_by",
                                                                  days=-n) for n in days],
        t("cyc.ui.kind"): [t(f"cyc.kind.{k}") for k in work["kind"]],
        t("cyc.ui.what"): [_what(r) for r in work.itertuples(index=False)],
    })


def render() -> None:
    user = auth.current_user()
    st.subheader(t("page.my_work"))
    show_flash()
    work = read(cycle_reads.my_work, user, calendar.today_tehran())
    if work.empty:
        st.success(t("cyc.ui.nothing_owed"))
    else:
        st.dataframe(work_table(work), hide_index=True, width="stretch")
        first = True
        for row in work.itertuples(index=False):
            if row.kind not in ("submit", "review"):
                continue
            with st.expander(_what(row), expanded=first):
                first = False
                key = f"mw_{row.kind}_{int(row.period_id)}_{int(row.unit_id)}"
                if row.kind == "submit":
                    submission_panel(int(row.period_id), int(row.unit_id), key)
                else:
                    review_panel(int(row.period_id), int(row.unit_id), key)
    st.divider()
    inbox_view(user)
