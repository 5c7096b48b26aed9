"""Summary for the mayor's office (the viewer's landing page): the city's score and its
trend, the league table's top and bottom, the lagging clauses and what changed this
week, on one page. Read through the same store reads and domain functions as the
overview, league and compare pages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.config import stale_days
from tracker.domain import calendar, fmt, league, weekly
from tracker.domain.i18n import t as tr
from tracker.domain.model import unit_id
from tracker.pages.league import people_table
from tracker.pages.overview import trend_figures
from tracker.store.compare import trend_deltas
from tracker.store.reference import list_clauses, list_units
from tracker.store.summary import CHANGE_COUNT_COLUMNS, change_counts_rows, latest_changes
from tracker.ui import charts, city_parts, city_sums
from tracker.ui.compare_controls import clause_titles, district_names
from tracker.ui.context import derive, lang, read, read_parts, t
from tracker.ui.pickers import unit_names, year_picker
from tracker.ui.tables import rtl_order

PAGE = {"path": "summary", "title": "page.summary", "icon": ":material/dashboard:",
        "order": 15, "roles": None, "home": ["viewer"]}
SHOWN = 3  # districts at the top and at the bottom of the league


def render() -> None:
    st.subheader(t("page.summary"))
    year = year_picker(st.columns([1, 5])[0])
    if year is None:
        return
    start, end = calendar.year_start(year), calendar.year_end(year)
    today = calendar.today_tehran()
    day = min(max(today, start), end)
    query = None if day == today else day
    st.caption(t("sum.caption", date=calendar.format_date(day, lang())))
    # joined from each district's counts and sums (computed again only where a save
    # was): no page figure is computed from the whole city's records
    moved = city_sums.city_moves(year, query, weekly.week_start(day))
    _city(year, day, query, moved)
    _league(year, day, query)
    _lagging(year, day, query)
    _week(year, day, moved)
    st.caption(t("sum.more", overview=t("page.overview"), league=t("page.league"),
                 compare=t("page.compare")))


def _table(frame: pd.DataFrame) -> None:
    st.dataframe(rtl_order(frame), hide_index=True, width="stretch",
                 height=38 + 35 * len(frame))  # every row, no inner scrolling


def _city(year: int, day, query, moved: dict) -> None:
    lg = lang()
    score, before = moved["score"], moved["score_before"]
    grade = league.grade(score)
    counts = city_sums.city_counts(year, query)["status"]
    c = st.columns(4)
    delta = None
    if score is not None and before is not None:
        change = score - before  # the arrow shows the sign; a leading "-" turns it down
        delta = ("-" if change < 0 else "") + t("sum.score_delta",
                                                points=fmt.number(abs(change), lg, 1))
    c[0].metric(t("compare.city_score"), fmt.percent(score, lg, 1), delta=delta)
    c[1].metric(t("compare.city_grade"), t(f"grade.{grade}") if grade else "—")
    c[2].metric(t("status.done"), fmt.number(counts["done"], lg))
    c[3].metric(t("status.blocked"), fmt.number(counts["blocked"], lg))
    st.markdown(f"#### {t('compare.trend')}")
    start = calendar.year_start(year)
    if day < start:
        st.info(t("compare.no_data"))
        return
    fig = derive(trend_figures, lambda: read(trend_deltas, year), (year,), start, day, "week",
                 lg, depends=("status",), year=year)
    charts.draw_spec(fig["spec"], fig["height"], extra=50, width="stretch")


def _league(year: int, day, query) -> None:
    st.markdown(f"#### {t('sum.league_title')}")
    # joined from each district's rows, cached on its own revision (as the league page)
    days = stale_days()
    table = derive(_league_table, lambda: city_parts.league_table(year, day, query, "", (),
                                                                  days),
                   ("summary-league", year, day, query, days), depends=("status",), year=year)
    if table.empty:
        st.info(t("compare.no_data"))
        return
    people = people_table(table, league.month_before(day), district_names(), lang())
    people = people.iloc[:, :5]  # rank, district, score, grade, rank change
    top, bottom = st.columns(2)
    with top:
        st.markdown(f"**{t('sum.top')}**")
        _table(people.head(SHOWN))
    with bottom:
        st.markdown(f"**{t('sum.bottom')}**")
        _table(people.tail(SHOWN))


def _league_table(table: pd.DataFrame) -> pd.DataFrame:
    return table


def _lagging(year: int, day, query) -> None:
    st.markdown(f"#### {t('sum.lagging_title')}")
    lag = city_sums.city_lagging(year, query)
    if lag.empty:
        st.info(t("compare.no_data"))
        return
    lg = lang()
    titles = clause_titles(read(list_clauses, year))
    names = district_names()
    first = lag.drop_duplicates("number")  # the district that pulls each clause down most
    _table(pd.DataFrame({
        t("compare.clause"): first["number"].map(titles),
        t("compare.city_progress"): [fmt.percent(v, lg, 1) for v in first["city"]],
        t("sum.most_behind"): [
            f"{names.get(int(d), '—')} ({fmt.percent(p, lg, 1)})" if pd.notna(d) else "—"
            for d, p in zip(first["district"], first["district_progress"], strict=True)],
    }))


def _week(year: int, day, moved: dict) -> None:
    st.markdown(f"#### {t('sum.week_title')}")
    lg = lang()
    since = calendar.end_of_day_utc(weekly.week_start(day))
    until = calendar.end_of_day_utc(day)
    # each district's counts cached on its own revision (summed: a save reads one again)
    per = read_parts(change_counts_rows, CHANGE_COUNT_COLUMNS, year, since, until)
    counts = {"changes": int(per["changes"].sum()), "units": int(per["units"].sum())}
    c = st.columns(5)
    c[0].metric(t("sum.changes"), fmt.number(counts["changes"], lg))
    c[1].metric(t("sum.units"), fmt.number(counts["units"], lg))
    c[2].metric(t("sum.became_done"), fmt.number(moved["done"], lg))
    c[3].metric(t("sum.became_blocked"), fmt.number(moved["blocked"], lg))
    c[4].metric(t("sum.unblocked"), fmt.number(moved["unblocked"], lg))
    if not counts["changes"]:
        st.info(t("sum.no_changes"))
        return
    st.markdown(f"**{t('sum.latest')}**")
    _table(latest_table(read(latest_changes, year, since, until), unit_names_all(), lg))


def unit_names_all() -> dict[int, str]:
    return unit_names(read(list_units))


def latest_table(rows: pd.DataFrame, names: dict[int, str], lg: str) -> pd.DataFrame:
    """The latest changes as people read them (empty cells empty, never 'None')."""
    def unit(d: int, z: int) -> str:
        district = names.get(unit_id(d), str(d))
        return f"{district} — {names.get(unit_id(d, z), str(z))}" if z else district

    return pd.DataFrame({
        tr("sum.when", lg): [calendar.format_stamp(s, lg) for s in rows["changed_at"]],
        tr("sum.unit", lg): [unit(int(d), int(z)) for d, z in zip(rows["district"], rows["zone"],
                                                                   strict=True)],
        tr("compare.clause", lg): [f"{fmt.digits(int(n), lg)}. {title}" for n, title in
                                   zip(rows["number"], rows[f"title_{lg}"], strict=True)],
        tr("compare.status", lg): [tr(f"status.{s}", lg) if isinstance(s, str) and s else ""
                                   for s in rows["status"]],
        tr("compare.progress", lg): [fmt.percent(v, lg) if pd.notna(v) else ""
                                     for v in rows["progress"]],
        tr("sum.who", lg): [n if isinstance(n, str) else "" for n in rows["changed_by_name"]],
    })
