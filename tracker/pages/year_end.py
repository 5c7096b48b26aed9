"""The year-end page: what is left before the end of Esfand, at what pace, the
spring campaign, and (for the coordination office) closing the year."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from tracker.domain import calendar, fmt, projection
from tracker.domain.errors import TrackerError
from tracker.domain.i18n import t as tr
from tracker.domain.model import unit_id
from tracker.domain.permissions import can_edit_unit, can_manage
from tracker.store import programs as store_programs
from tracker.store.plans import PLAN
from tracker.store.records import Change, apply_changes
from tracker.store.reference import list_programs, list_units
from tracker.store.yearend import (
    OPEN_TOTAL_COLUMNS,
    SPRING_COLUMNS,
    open_totals_rows,
    plan_line_versions,
    records_as_of,
    spring_items_rows,
)
from tracker.ui import auth, charts
from tracker.ui.context import db, derive, lang, read, read_part, read_parts, t
from tracker.ui.pickers import is_closed, year_picker, zone_picker
from tracker.ui.pickers import unit_names as unit_names_by_id
from tracker.ui.plan_common import (
    CITY,
    asof_picker,
    district_or_city,
    num,
    show_write_error,
    unit_names,
)
from tracker.ui.tables import rtl_order, show_table

PAGE = {"path": "year-end", "title": "page.year_end", "icon": ":material/event_upcoming:",
        "order": 50, "roles": None}


def render() -> None:
    user = auth.current_user()
    cols = st.columns([1, 2, 2])
    year = year_picker(cols[0])
    if year is None:
        return
    district = district_or_city(cols[1])
    asof = asof_picker(year, cols[2])
    scope = None if district == CITY else district
    stamp = calendar.end_of_day_utc(asof)
    if scope is None:  # the city: its districts' totals, summed in SQLite (no record loaded)
        proj = None
        totals = open_totals(year, stamp, asof)
        counts = (int(totals["open"].sum()), int(totals["at_risk"].sum()),
                  int(totals["overdue"].sum()))
    else:  # the projection of the records as of the day, computed once per store revision
        proj = derive(projection.project, lambda: read(records_as_of, year, stamp, scope),
                      (year, stamp, scope), year, asof, depends=("status",), year=year)
        counts = (len(proj), int((~proj["on_track"]).sum()), int(proj["overdue"].sum()))
    st.subheader(t("ye.heading", date=calendar.format_long(calendar.year_end(year), lang())))
    closed = is_closed(year)
    if closed:
        st.info(t("ye.closed", year=year))
    _metrics(year, asof, counts)
    names = [t("ye.tab_open"), t("ye.tab_spring")]
    if can_manage(user):
        names.append(t("ye.tab_close"))
    tabs = st.tabs(names)
    with tabs[0]:
        if scope is None:
            _city(totals, year, stamp)
        else:
            _district(proj, year, district)
    with tabs[1]:
        _spring(user, year, scope, proj, closed)
    if can_manage(user):
        with tabs[2]:
            _closing(user, year, closed)


def open_totals(year: int, stamp: str, asof) -> pd.DataFrame:
    """Per district: records not finished as of ``stamp``, at risk, overdue on ``asof``
    (:func:`tracker.store.yearend.open_totals_rows`, each district's cached on its own
    revision, so a save reads one district's again)."""
    return read_parts(open_totals_rows, OPEN_TOTAL_COLUMNS, year, stamp, asof.isoformat(),
                      projection.elapsed_days(year, asof), calendar.days_left(year, asof),
                      projection.EPS, projection.FINISHED)


def _metrics(year: int, asof, counts: tuple[int, int, int]) -> None:
    """Days left, and (open, at risk, overdue) records."""
    c = st.columns(4)
    c[0].metric(t("ye.days_left"), fmt.number(calendar.days_left(year, asof), lang()))
    c[1].metric(t("ye.open"), fmt.number(counts[0], lang()))
    c[2].metric(t("ye.at_risk"), fmt.number(counts[1], lang()))
    c[3].metric(t("ye.overdue"), fmt.number(counts[2], lang()))


def _city(totals: pd.DataFrame, year: int, stamp: str) -> None:
    # the districts' chart spec and table, built again only when a total changed (the
    # key holds them: a save that changes no total keeps them)
    fig = derive(city_figures, totals, (year, stamp), year, lang(),
                 charts.digits_expr(lang=lang()), depends=(),
                 version=tuple(totals.itertuples(index=False)))
    if fig is None:
        st.success(t("ye.nothing_open"))
        return
    st.vega_lite_chart(spec=fig["spec"], width="stretch")
    show_table(fig["table"], t("ye.file_city", year=year), key="ye_city")


def city_figures(totals: pd.DataFrame, year: int, lg: str, digits: str) -> dict | None:
    """Open records, records at risk and overdue per district (:func:`open_totals`):
    the chart (districts by records at risk) and the table; None when nothing is open."""
    import altair as alt

    if totals.empty:
        return None
    totals = totals.copy()
    names = unit_names_by_id(read(list_units))  # in the session's language, lg
    totals["name"] = [names.get(unit_id(int(d)), str(d)) for d in totals["district"]]
    at_risk, district, rtl = tr("ye.at_risk", lg), tr("common.district", lg), lg == "fa"
    chart = alt.Chart(totals[["name", "at_risk"]]).mark_bar().encode(
        x=alt.X("at_risk:Q", title=at_risk, scale=alt.Scale(reverse=rtl),
                axis=alt.Axis(labelExpr=digits, tickMinStep=1, tickCount=6,
                              labelOverlap=True)),  # Persian digits are wider: no crowding
        y=alt.Y("name:N", sort="-x", title=None, axis=alt.Axis(orient="right" if rtl
                                                                else "left")),
        tooltip=[alt.Tooltip("name:N", title=district),
                 alt.Tooltip("at_risk:Q", title=at_risk)],
    ).properties(height=22 * len(totals) + 40)
    table = pd.DataFrame({
        district: totals["name"],
        tr("ye.open", lg): [fmt.number(v, lg) for v in totals["open"]],
        at_risk: [fmt.number(v, lg) for v in totals["at_risk"]],
        tr("ye.overdue", lg): [fmt.number(v, lg) for v in totals["overdue"]],
    })
    return {"spec": charts.spec(chart), "table": table}


def _district(proj: pd.DataFrame, year: int, district: int) -> None:
    if proj.empty:
        st.success(t("ye.nothing_open"))
        return
    only = st.toggle(t("ye.only_at_risk"), key="ye_only")
    rows = proj[~proj["on_track"]] if only else proj
    title = "title_fa" if lang() == "fa" else "title_en"
    measure = "measure_fa" if lang() == "fa" else "measure_en"
    unit = [m if not p else t("ye.percent") for m, p in zip(rows[measure], rows["in_percent"],
                                                            strict=True)]
    clause = [f"{fmt.digits(int(n), lang())}. {name}"
              for n, name in zip(rows["number"], rows[title], strict=True)]
    table = pd.DataFrame({
        t("field.unit"): unit_names(rows),
        t("field.clause"): clause,
        t("field.measure"): unit,
        t("ye.goal"): [num(v) for v in rows["goal"]],
        t("ye.remaining"): [num(v) for v in rows["remaining"]],
        t("ye.pace"): [num(v, 2) for v in rows["pace"]],
        t("ye.projected"): [num(v) for v in rows["projected"]],
        t("ye.verdict"): [t("ye.will_finish") if ok else t("ye.will_not_finish")
                          for ok in rows["on_track"]],
        t("ye.required"): [num(v, 2) for v in rows["required"]],
        t("ye.speedup"): [_speedup(s, ok) for s, ok in zip(rows["speedup"], rows["on_track"],
                                                          strict=True)],
        t("field.due_date"): [calendar.format_date(d, lang()) for d in rows["due_date"]],
        t("ye.overdue_col"): [t("ye.yes") if o else "" for o in rows["overdue"]],
    })
    narrow = st.column_config.TextColumn(width="small")
    config = {name: narrow for name in table.columns
              if name not in (t("field.unit"), t("field.clause"))}
    config[t("field.clause")] = st.column_config.TextColumn(width="medium")
    st.caption(t("ye.help"))
    show_table(table, t("ye.file_district", year=year, district=district), key="ye_district",
               height=min(38 + 35 * len(table), 620), column_config=config)


def _speedup(value: float, on_track: bool) -> str:
    if on_track:
        return ""
    if value != value:  # no pace yet: it has not moved at all
        return t("ye.not_started_yet")
    return t("ye.times", times=fmt.number(float(value), lang(), 1))


def _spring(user, year: int, scope: int | None, proj: pd.DataFrame | None,
            closed: bool) -> None:
    # each district's items cached on its own revisions (a save elsewhere reads none)
    items = (read_parts(spring_items_rows, SPRING_COLUMNS, year) if scope is None
             else read_part(spring_items_rows, year, district=scope))
    st.caption(t("ye.spring_help"))
    if items.empty:
        st.info(t("ye.spring_none"))
    else:
        # the figures and tables built once per revision of what they show (at 10x
        # scale the city has thousands of items: a warm rerun only draws them)
        count, budget, per, table = derive(spring_figures, items, ("spring", year, scope),
                                           lang(), depends=("status", "plans"), year=year,
                                           district=scope)
        c = st.columns(2)
        c[0].metric(t("ye.spring_items"), fmt.number(count, lang()))
        c[1].metric(t("ye.spring_budget"), fmt.number(budget, lang()))
        st.markdown(f"**{t('ye.spring_per_district')}**")
        st.dataframe(rtl_order(per), hide_index=True, width="stretch")
        show_table(table, t("ye.file_spring", year=year), key="ye_spring")
    if scope is not None:
        _spring_editor(user, year, scope, proj, closed)


def spring_figures(items: pd.DataFrame, lg: str) -> tuple[int, float, pd.DataFrame,
                                                          pd.DataFrame]:
    """The spring items' count and budget, items and budget per district, and the
    items' table, in the language ``lg`` (the session's); a tuple, which the cache
    hands out without unpickling the frames."""
    remaining = [_remaining(r) for r in items.itertuples(index=False)]
    items = items.assign(remaining=remaining,
                         budget=pd.to_numeric(items["budget"], errors="coerce"))
    per = items.groupby("district").agg(items=("id", "size"),
                                        budget=("budget", "sum")).reset_index()
    per["zone"] = 0
    title = "title_fa" if lg == "fa" else "title_en"
    measure = "measure_fa" if lg == "fa" else "measure_en"
    return (
        len(items),
        float(items["budget"].sum()),
        pd.DataFrame({
            tr("common.district", lg): unit_names(per),
            tr("ye.spring_items", lg): [fmt.number(v, lg) for v in per["items"]],
            tr("field.budget", lg): [num(v) for v in per["budget"]],
        }),
        pd.DataFrame({
            tr("field.unit", lg): unit_names(items),
            tr("field.number", lg): [fmt.digits(int(n), lg) for n in items["number"]],
            tr("field.title", lg): items[title].tolist(),
            tr("field.status", lg): [tr(f"status.{s}", lg) if s else "" for s in items["status"]],
            tr("ye.remaining", lg): [num(v) for v in items["remaining"]],
            tr("field.measure", lg): items[measure].tolist(),
            tr("field.budget", lg): [num(v) for v in items["budget"]],
            tr("field.owner", lg): items["owner"].fillna("").tolist(),
        }),
    )


def _remaining(r) -> float | None:
    from tracker.domain.planning import remaining_quantity

    return remaining_quantity(r.target, r.achieved, r.progress)


def _spring_editor(user, year: int, district: int, proj: pd.DataFrame, closed: bool) -> None:
    st.markdown(f"**{t('ye.spring_mark')}**")
    refused = st.session_state.pop("ye_spring_refused", None)
    if refused is not None:
        show_write_error(refused)
    flash = st.session_state.pop("ye_spring_flash", None)
    if flash:
        st.success(flash)
    zone = zone_picker(district, st.container())
    uid = unit_id(district, zone)
    if not can_edit_unit(user, district, zone):
        st.caption(t("ye.spring_read_only"))
        return
    if closed:
        st.caption(t("ye.closed", year=year))
        return
    open_ = proj[proj["unit_id"] == uid]
    title = "title_fa" if lang() == "fa" else "title_en"
    labels = {int(r.clause_id): f"{fmt.digits(int(r.number), lang())}. {getattr(r, title)}"
              for r in open_.itertuples(index=False)}
    versions = read(plan_line_versions, year, uid)
    marked = set(versions.loc[versions["spring"] == 1, "clause_id"].astype(int))
    nonce = st.session_state.setdefault("ye_spring_nonce", 0)
    key = f"ye_spring_{year}_{uid}_{nonce}"
    if key + "_base" not in st.session_state:
        st.session_state[key + "_base"] = versions
    st.multiselect(t("ye.spring_clauses"), list(labels), key=key,
                   default=[c for c in labels if c in marked], format_func=lambda c: labels[c],
                   placeholder=t("widgets.choose"))
    st.button(t("ye.spring_save"), key=f"{key}_save", icon=":material/save:",
              on_click=_save_spring,
              args=(year, uid, key, dict(zip(open_["clause_id"].astype(int),
                                             open_["number"].astype(int), strict=True))))


def _save_spring(year: int, uid: int, key: str, open_clauses: dict[int, int]) -> None:
    """Save the campaign marks (a callback: it runs before the page is drawn again,
    so a year closed in the meantime is refused by the store, not by a vanished button)."""
    base = st.session_state[key + "_base"]
    known = dict(zip(base["clause_id"].astype(int), base["version"].astype(int), strict=True))
    was = set(base.loc[base["spring"] == 1, "clause_id"].astype(int))
    want = set(st.session_state.get(key) or [])
    changed = sorted((want - was) | ((was - want) & set(open_clauses)))
    if not changed:
        st.session_state["ye_spring_flash"] = t("ye.nothing_to_save")
        return
    changes = [Change(year, uid, c, known.get(c, 0), {"spring": int(c in want)},
                      row=open_clauses.get(c, c))
               for c in changed]
    try:
        n = apply_changes(db(), auth.current_user(), PLAN, changes)
    except TrackerError as exc:
        st.session_state["ye_spring_refused"] = exc
    else:
        st.session_state["ye_spring_nonce"] = st.session_state.get("ye_spring_nonce", 0) + 1
        st.session_state["ye_spring_flash"] = t("ye.spring_saved", count=n)


def _closing(user, year: int, closed: bool) -> None:
    programs = read(list_programs)
    row = programs.loc[programs["year"] == year].iloc[0]
    if closed:
        st.info(t("ye.closed_by", year=year, who=row["closed_by"] or "—",
                  at=calendar.format_stamp(row["closed_at"], lang())))
        with st.form("ye_reopen"):
            reason = st.text_input(t("ye.reopen_reason"))
            if st.form_submit_button(t("ye.reopen"), icon=":material/lock_open:"):
                _act(lambda: store_programs.reopen_year(db(), user, year, reason),
                     t("ye.reopened", year=year))
    else:
        st.warning(t("ye.close_warning", year=year))
        with st.form("ye_close"):
            sure = st.checkbox(t("ye.close_confirm", year=year))
            if st.form_submit_button(t("ye.close"), type="primary", icon=":material/lock:"):
                if not sure:
                    st.error(t("ye.close_confirm_needed"))
                else:
                    _act(lambda: store_programs.close_year(db(), user, year),
                         t("ye.closed_now", year=year))
    flash = st.session_state.pop("ye_close_flash", None)
    if flash:
        st.success(flash)
    _events(year)


def _act(fn, message: str) -> None:
    try:
        fn()
    except TrackerError as exc:
        show_write_error(exc)
    else:
        st.session_state["ye_close_flash"] = message
        st.rerun()


def _events(year: int) -> None:
    events = read(store_programs.program_events, year)
    snaps = read(store_programs.snapshots, year)
    st.markdown(f"**{t('ye.events')}**")
    if events.empty:
        st.caption(t("ye.events_none"))
    else:
        st.dataframe(rtl_order(pd.DataFrame({
            t("ye.event_when"): [calendar.format_stamp(s, lang()) for s in events["at"]],
            t("ye.event_who"): events["actor_name"].tolist(),
            t("ye.event_what"): [t(f"prog.action.{a}") for a in events["action"]],
            t("ye.event_details"): [_details(d) for d in events["details"]],
        })), hide_index=True, width="stretch")
    if not snaps.empty:
        st.markdown(f"**{t('ye.snapshots')}**")
        st.dataframe(rtl_order(pd.DataFrame({
            t("ye.event_when"): [calendar.format_stamp(s, lang()) for s in snaps["taken_at"]],
            t("ye.event_who"): snaps["taken_by_name"].tolist(),
            t("ye.snapshot_records"): [fmt.number(v, lang()) for v in snaps["records"]],
            t("ye.snapshot_progress"): [fmt.percent(v, lang(), 1) for v in snaps["city_progress"]],
        })), hide_index=True, width="stretch")


def _details(raw: str) -> str:
    data = json.loads(raw or "{}")
    if "reason" in data:
        return str(data["reason"])
    sep = " ؛ " if lang() == "fa" else "; "
    return sep.join(f"{k}: {fmt.digits(v, lang()) if isinstance(v, int) else v}"
                    for k, v in data.items() if k != "changes" and v is not None)

