"""Official (locked month) or live figures: the choice shown on the league page, and the
on-time column the league table carries."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from tracker.domain import calendar, fmt
from tracker.domain import periods as P
from tracker.store import cycle_reads, frozen
from tracker.ui.context import lang, qp_choice, read, t


def official_month(year: int, day: date, container=None) -> int | None:
    """When ``day`` is the last day of a Jalali month whose period of ``year`` is locked
    (the league "as of that month"), let the person choose official (accepted, locked) or
    live figures; returns the month for official figures, None for live ones (labelled as
    live). A day inside a month shows the history as of that day, as before."""
    y, month = calendar.month_of(day)
    month_end = calendar.month_bounds(y, month)[1]
    cur = read(frozen.locked_period, year, month) if y == year and day == month_end else None
    if cur is None:
        return None
    with container or st.container():
        choice = qp_choice(t("cyc.fig.basis"), ["official", "live"], "figures",
                           default="official", widget="radio", horizontal=True,
                           format_func=lambda c: t(f"cyc.fig.{c}"))
    label = P.period_label(cur["period"], lang())
    if choice == "live":
        st.caption(t("cyc.fig.live_caption", period=label))
        return None
    _records, sources = read(frozen.frozen_records, year, month)
    st.caption(t("cyc.fig.official_caption", period=label,
                 at=calendar.format_stamp(cur["locked_at"], lang())))
    carried = int((sources["source"] == "carried").sum())
    history = int((sources["source"] == "history").sum())
    if carried or history:
        st.caption("⚑ " + t("cyc.fig.carried_caption", carried=carried, history=history))
    return month


def official_records(year: int, month: int) -> pd.DataFrame:
    return read(frozen.frozen_records, year, month)[0]


def carried_districts(year: int, month: int) -> set[int]:
    """Districts with a unit whose official figures are not its own accepted ones."""
    sources = read(frozen.frozen_records, year, month)[1]
    flagged = sources[sources["source"] != "accepted"]
    return {int(u) // 100 for u in flagged["unit_id"]}


def with_on_time(people: pd.DataFrame, districts: pd.Series, year: int, day: date) -> pd.DataFrame:
    """The league's people table with each district's on-time rate over the year."""
    rates = read(cycle_reads.on_time_rates, year, day)
    by = dict(zip(rates["district"].astype(int), rates["rate"], strict=True))
    out = people.copy()
    out[t("cyc.field.on_time")] = [
        fmt.percent(by.get(int(d)), lang(), 0) if by.get(int(d)) is not None
        and by.get(int(d)) == by.get(int(d)) else "—" for d in districts]
    return out
