"""City overview: the city's score for a year, records per status, and the score's
trend day by day, week by week or month by month (from the history)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.domain import calendar, fmt, league, rollup, stale, trend
from tracker.domain.i18n import t as tr
from tracker.domain.model import STATUSES
from tracker.store.compare import trend_deltas
from tracker.store.totals import city_totals
from tracker.ui import charts, city_parts
from tracker.ui.compare_controls import (
    day_label,
    deputy_picker,
    stale_days_picker,
    year_and_day,
)
from tracker.ui.context import derive, lang, qp_choice, read, t
from tracker.ui.tables import show_table

PAGE = {"path": "overview", "title": "page.overview", "icon": ":material/monitoring:",
        "order": 20, "roles": None}


def render() -> None:
    st.subheader(t("page.overview"))
    top = st.columns([2, 2, 3, 2])
    chosen = year_and_day(top[0], top[1])
    if chosen is None:
        return
    year, as_of = chosen
    deputy = deputy_picker(top[2])
    days = stale_days_picker(top[3])
    st.caption(t("compare.as_of_caption", date=day_label(as_of.day)))

    _figures(year, as_of, days, deputy)
    _trend(year, as_of.day)


def _inputs(year: int, query, deputy: str) -> tuple:
    """(the records as of the day, or today's totals summed in SQLite; last updates)."""
    # the last updates and records joined from each district's (cached on its revision)
    last = city_parts.city_last_updates(year, query)
    if query is None:  # today: the store sums the status table, no record is loaded
        return read(city_totals, year, deputy or None), last
    records = city_parts.city_records(year, query)
    if deputy:
        records = records[records["deputy"] == deputy]
    return records, last


def city_figures(inputs: tuple, year: int, day, days: int) -> dict:
    """The city's score, status counts and stale districts (cached per store revision
    by :func:`derive`)."""
    records, last = inputs
    s = records if isinstance(records, rollup.Summary) else rollup.summarize(records)
    units = stale.unit_staleness(last, day, days, calendar.year_start(year))
    return {"progress": s.progress, "counts": dict(s.counts),
            "stale": int(stale.district_staleness(units, days)["stale"].sum())}


def _figures(year: int, as_of, days: int, deputy: str) -> None:
    fig = derive(city_figures, lambda: _inputs(year, as_of.query, deputy),
                 (year, as_of.query, deputy), year, as_of.day, days,
                 depends=("status",), year=year)
    grade = league.grade(fig["progress"])
    c = st.columns(3 + len(STATUSES))
    c[0].metric(t("compare.city_score"), fmt.percent(fig["progress"], lang(), 1))
    c[1].metric(t("compare.city_grade"), t(f"grade.{grade}") if grade else "—")
    c[2].metric(t("compare.stale_districts"), fmt.number(fig["stale"], lang()))
    for col, status in zip(c[3:], STATUSES, strict=True):
        col.metric(t(f"status.{status}"), fmt.number(fig["counts"][status], lang()))


def _trend(year: int, day) -> None:
    st.markdown(f"#### {t('compare.trend')}")
    freqs = {"day": t("compare.freq_day"), "week": t("compare.freq_week"),
             "month": t("compare.freq_month")}
    freq = qp_choice(t("compare.freq"), list(freqs), "freq", default="week", widget="radio",
                     format_func=freqs.get, horizontal=True)
    start = calendar.year_start(year)
    if day < start:
        st.info(t("compare.no_data"))
        return
    fig = derive(trend_figures, lambda: read(trend_deltas, year), (year,), start, day, freq,
                 lang(), depends=("status",), year=year)
    charts.draw_spec(fig["spec"], fig["height"], extra=50, width="stretch")
    with st.expander(t("compare.table_view"), icon=":material/table:"):
        show_table(fig["table"], f"trend-{year}-{freq}", key="trend_table")


def trend_figures(deltas: tuple, start, day, freq: str, lg: str) -> dict:
    """The score line from the year's start to ``day`` (chart spec and table); cached
    per store revision by :func:`derive`."""
    base, changes = deltas
    points = trend.resample(trend.daily_scores(base, changes, start, day), freq)
    labels = [calendar.format_date(d, lg) for d in points["day"]]
    shown = pd.DataFrame({
        "label": labels,
        "score": points["score"],
        "score_text": [fmt.percent(v, lg, 1) for v in points["score"]],
    })
    spec, height = charts.line_spec(shown, x="label", y="score", order=labels,
                                    y_title=tr("compare.score", lg),
                                    tooltip=[("label", tr("compare.date", lg)),
                                             ("score_text", tr("compare.score", lg))],
                                    lang=lg)
    table = pd.DataFrame({tr("compare.date", lg): labels,
                          tr("compare.score", lg): [round(v, 1) if v is not None else None
                                                    for v in points["score"]]})
    return {"spec": spec, "height": height, "table": table}
