"""League table: districts ranked by score, with grade, rank change since a month
earlier, blocked and overdue clauses, last update and stale flags."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.domain import calendar, fmt, league
from tracker.domain.comparison import filter_records
from tracker.domain.i18n import t as tr
from tracker.store.compare import last_updates, records_as_of
from tracker.ui import charts, city_parts
from tracker.ui.compare_controls import (
    clause_picker,
    day_label,
    deputy_picker,
    district_names,
    stale_days_picker,
    year_and_day,
)
from tracker.ui.context import derive, lang, read, t
from tracker.ui.figures_basis import official_month, official_records, with_on_time
from tracker.ui.tables import file_date, show_table

PAGE = {"path": "league", "title": "page.league", "icon": ":material/leaderboard:",
        "order": 40, "roles": None}


def _inputs(year: int, day, query, deputy: str, clauses: list[int] | None,
            official: int | None = None) -> tuple:
    """The records and last updates now and a month before (cached reads); ``official``:
    a locked month whose accepted snapshots stand in for the records."""
    before_day = league.month_before(day)
    now = filter_records(official_records(year, official) if official else
                         read(records_as_of, year, query), deputy, clauses)
    before = before_last = None
    if before_day >= calendar.year_start(year):
        before = filter_records(read(records_as_of, year, before_day), deputy, clauses)
        before_last = read(last_updates, year, before_day)
    return now, read(last_updates, year, query), before, before_last


def league_table(inputs: tuple, year: int, day, days: int) -> pd.DataFrame:
    now, last, before, before_last = inputs
    before_day = league.month_before(day)
    return league.league_table(now, last, day, days, calendar.year_start(year), before,
                               before_last, before_day if before is not None else None)


def league_view(inputs: tuple, year: int, day, days: int, names: dict[int, str],
                lang: str) -> dict:
    """What the page shows (cached per store revision by :func:`derive`): the ranking
    ``table``, the ``people`` table and the chart ``spec`` with its ``height``."""
    return table_view(league_table(inputs, year, day, days), day, names, lang)


def table_view(table: pd.DataFrame, day, names: dict[int, str], lang: str) -> dict:
    """:func:`league_view` of a league table already made."""
    if table.empty:
        return {"table": table}
    spec, height = _chart(table, names, lang)
    return {"table": table, "people": people_table(table, league.month_before(day), names, lang),
            "spec": spec, "height": height}


def render() -> None:
    st.subheader(t("page.league"))
    top = st.columns([1, 2, 2, 3, 2])
    chosen = year_and_day(top[0], top[1])
    if chosen is None:
        return
    year, as_of = chosen
    deputy = deputy_picker(top[2])
    clauses = clause_picker(year, top[3])
    days = stale_days_picker(top[4])
    st.caption(t("compare.as_of_caption", date=day_label(as_of.day)))
    st.caption(t("compare.league_help", days=days))
    official = official_month(year, as_of.day)
    key = (year, as_of.day, as_of.query, deputy, tuple(clauses), official)
    if official:
        view = derive(league_view,
                      lambda: _inputs(year, as_of.day, as_of.query, deputy, clauses, official),
                      key,
                      year, as_of.day, days, district_names(), lang(),
                      depends=("status",), year=year)
    else:  # joined from each district's rows, cached on its own revision
        view = derive(table_view,
                      lambda: city_parts.league_table(year, as_of.day, as_of.query, deputy,
                                                      clauses, days),
                      (*key, days), as_of.day, district_names(), lang(),
                      depends=("status",), year=year)
    if view["table"].empty:
        st.info(t("compare.no_data"))
        return
    people = with_on_time(view["people"], view["table"]["district"], year, as_of.day)
    show_table(people, f"league-{year}-{file_date(as_of.day)}", key="league_table",
               height=38 + 35 * len(people))
    st.markdown(f"#### {t('compare.scores_chart')}")
    charts.draw_spec(view["spec"], view["height"], extra=110, width="stretch")


def people_table(table: pd.DataFrame, before_day, names: dict[int, str],
                 lg: str) -> pd.DataFrame:
    """The league table with headings and values as people read them."""
    def t(key: str, **params) -> str:
        return tr(key, lg, **params)

    stale_mark = ["⚠ " if s else "" for s in table["stale"]]
    return pd.DataFrame({
        t("compare.rank"): [fmt.digits(int(r), lg) for r in table["rank"]],
        t("common.district"): [m + names.get(int(d), str(d))
                               for m, d in zip(stale_mark, table["district"], strict=True)],
        t("compare.score"): [fmt.number(v, lg, 1) for v in table["score"]],
        t("compare.grade"): [t(f"grade.{g}") if g else "—" for g in table["grade"]],
        t("compare.rank_change", date=calendar.format_date(before_day, lg)):
            [_change(v, lg) for v in table["rank_change"]],
        t("compare.blocked_clauses"): [fmt.number(v, lg) for v in table["blocked"]],
        t("compare.overdue_clauses"): [fmt.number(v, lg) for v in table["overdue"]],
        t("compare.last_update"): [calendar.format_stamp(s, lg) or t("compare.never")
                                   for s in table["last_update"]],
        t("compare.days_silent"): [fmt.number(v, lg) for v in table["days_silent"]],
        t("compare.stale_units"): [f"{fmt.number(s, lg)} / {fmt.number(u, lg)}"
                                   for s, u in zip(table["stale_units"], table["units"],
                                                   strict=True)],
    })


def _change(value, lg: str) -> str:
    if value is None or pd.isna(value):
        return "—"
    v = int(value)
    if v == 0:
        return "="
    return ("▲ " if v > 0 else "▼ ") + fmt.digits(abs(v), lg)


def _chart(table: pd.DataFrame, names: dict[int, str], lg: str) -> tuple[dict, int]:
    def t(key: str) -> str:
        return tr(key, lg)

    data = pd.DataFrame({
        "label": [("⚠ " if s else "") + names.get(int(d), str(d))
                  for s, d in zip(table["stale"], table["district"], strict=True)],
        "score": table["score"].fillna(0.0),
        "score_text": [fmt.percent(v, lg, 1) for v in table["score"]],
        "grade": [t(f"grade.{g}") if g else "—" for g in table["grade"]],
    })
    return charts.bars_spec(
        data, label="label", value="score", value_title=t("compare.score"),
        order=list(data["label"]), color_field="grade",
        color_domain=[t(f"grade.{g}") for g in league.GRADE_KEYS],
        color_range=[charts.GRADE_COLORS[g] for g in league.GRADE_KEYS],
        color_title=t("compare.grade"),
        tooltip=[("label", t("common.district")), ("score_text", t("compare.score")),
                 ("grade", t("compare.grade"))], lang=lg)
