"""The office's choice of a weekly cadence for one month, on the periods page: pick a
month, see its weekly periods with their Jalali dates, apply. The store
(:mod:`tracker.store.cadence`) checks and refuses; this only collects the choice."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.domain import calendar, fmt
from tracker.domain import periods as P
from tracker.domain.model import User
from tracker.store import cadence
from tracker.ui.context import db, lang, t
from tracker.ui.cycle_actions import act, period_title


def weeks_table(weeks: list[P.Period], lg: str) -> pd.DataFrame:
    """The previewed weeks: number, span and the five dates, Jalali."""
    return pd.DataFrame({
        t("cyc.field.period"): [f"{fmt.digits(w.seq, lg)}. {period_title(w)}" for w in weeks],
        **{t(f"cyc.field.{k}"): [calendar.format_date(getattr(w, k), lg) for w in weeks]
           for k in ("starts", "ends", *P.DATE_FIELDS)},
    })


def weekly_section(user: User, year: int, periods: list[P.Period], today) -> None:
    """Pick a monthly period, preview it as weeks, make it weekly (office only)."""
    if not P.is_office(user):
        return
    st.markdown(f"#### {t('cyc.ui.weekly_heading')}")
    st.caption(t("cyc.ui.weekly_help"))
    monthly = [p for p in periods if p.cadence == "month"]
    if not monthly:
        st.caption(t("cyc.ui.weekly_none"))
        return
    months = [calendar.month_of(p.starts)[1] for p in monthly]
    waiting = [i for i, p in enumerate(monthly) if p.opens > today]
    month = st.selectbox(t("cyc.ui.weekly_month"), months,
                         index=waiting[0] if waiting else len(months) - 1,
                         format_func=lambda m: calendar.month_name(m, lang()),
                         key=f"cyc_weekly_month_{year}")
    weeks = cadence.weekly_preview(db(), year, month)
    st.dataframe(weeks_table(weeks, lang()), hide_index=True, width="stretch")
    if st.button(t("cyc.ui.weekly_apply"), key=f"cyc_weekly_apply_{year}",
                 icon=":material/view_week:"):
        act(lambda: cadence.make_weekly(db(), user, year, month), t("cyc.ui.weekly_done"))
