"""The plan page: next year's plan lines per unit and clause, edited in a grid;
totals, checks, plan against actual, carry-over and the Excel export."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.domain import calendar, fmt, planning
from tracker.domain.errors import TrackerError
from tracker.domain.i18n import t as tr
from tracker.domain.model import unit_id
from tracker.domain.permissions import can_edit_unit, can_manage, editable_districts
from tracker.domain.plaintext import md_escape
from tracker.exchange.exports import to_xlsx_bytes
from tracker.grid import plan_grid
from tracker.store import programs as store_programs
from tracker.store.plans import PLAN, plan_actuals, unit_plan, year_plans
from tracker.store.records import apply_changes
from tracker.store.reference import list_deputies
from tracker.ui import auth
from tracker.ui.context import db, derive, lang, qp_choice, read, t
from tracker.ui.grid import GridState, GridTab, every_problem, pinned_grid, reset, saved
from tracker.ui.pickers import district_picker, is_closed, unit_name, zone_picker
from tracker.ui.plan_common import num, program_years, show_write_error, unit_names
from tracker.ui.record_links import render_plan_record_link
from tracker.ui.tables import rtl_order, show_table

PAGE = {"path": "plan", "title": "page.plan", "icon": ":material/event_note:",
        "order": 60, "roles": None}
GRID = GridState(prefix="plan_grid", nonce="plan_nonce", flash="plan_flash", newer="plan.newer",
                 help="plan.grid_help")
TABS = (GridTab("plan.tab_main", plan_grid.MAIN_COLUMNS, "m"),
        GridTab("plan.tab_detail", plan_grid.DETAIL_COLUMNS, "d"))
READONLY = ["number", "title", "measure", "check", "blocker", "carried_from"]


def render() -> None:
    user = auth.current_user()
    years = program_years()
    if not years:
        st.warning(t("app.no_program"))
        return
    cols = st.columns([1, 2, 2])
    now = calendar.current_year()
    default = now + 1 if now + 1 in years else years[0]
    with cols[0]:
        year = qp_choice(t("common.year"), years, "year", default=default, hold="plan_year",
                         format_func=lambda y: fmt.digits(y, lang()))
    district = district_picker(user, cols[1])
    zone = zone_picker(district, cols[2])
    uid = unit_id(district, zone)
    name = unit_name(district, zone)
    st.subheader(t("plan.heading", year=year, unit=md_escape(name)))
    closed = is_closed(year)
    _tools(user, year, district, years, closed)
    tabs = st.tabs([t("plan.tab_lines"), t("plan.tab_totals"), t("plan.tab_checks"),
                    t("plan.tab_actual")])
    with tabs[0]:
        editable = can_edit_unit(user, district, zone) and not closed
        if closed:
            st.info(t("ye.closed", year=year))
        elif not editable:
            st.info(t("plan.read_only"))
        _grid(year, uid, read(unit_plan, year, uid), editable)
        render_plan_record_link(year, uid, read(unit_plan, year, uid))
    lines = read(year_plans, year)
    with tabs[1]:
        _totals(lines, year, district)
    with tabs[2]:
        _checks(lines, year, district)
    with tabs[3]:
        _actual(year, district)


def _tools(user, year: int, district: int, years: list[int], closed: bool) -> None:
    """Creating next year's program (admins) and carrying over the year before."""
    manager = can_manage(user)
    own = editable_districts(user)
    may_carry = manager or (own is not None and district in own)
    latest = max(years)
    if not (manager or may_carry):
        return
    with st.expander(t("plan.tools"), icon=":material/build:"):
        flash = st.session_state.pop("plan_tools_flash", None)
        if flash:
            st.success(flash)
        if manager and year == latest:
            st.caption(t("plan.new_program_help", year=latest + 1))
            if st.button(t("plan.new_program", year=latest + 1), key="plan_new_program",
                         icon=":material/content_copy:"):
                _act(lambda: store_programs.create_next_program(db(), user, latest),
                     lambda n: t("plan.cli.new_program", year=latest + 1, count=n))
        if may_carry and year - 1 in years and not closed:
            st.caption(t("plan.carry_help", year=year - 1))
            a, b = st.columns(2)
            if a.button(t("plan.carry_district", year=year - 1), key="plan_carry_district",
                        icon=":material/move_down:"):
                _act(lambda: store_programs.carry_over(db(), user, year - 1, district),
                     lambda n: t("plan.cli.carried", year=year, count=n))
            if manager and b.button(t("plan.carry_city", year=year - 1), key="plan_carry_city",
                                    icon=":material/move_down:"):
                _act(lambda: store_programs.carry_over(db(), user, year - 1),
                     lambda n: t("plan.cli.carried", year=year, count=n))


def _act(fn, message) -> None:
    try:
        result = fn()
    except TrackerError as exc:
        show_write_error(exc)
    else:
        st.session_state["plan_tools_flash"] = message(result)
        reset(GRID)
        st.rerun()


def _grid(year: int, uid: int, current: pd.DataFrame, editable: bool) -> None:
    pinned_grid(GRID, f"{year}_{uid}", current, editable, newer=_newer_lines,
                frame=plan_grid.grid_frame, tabs=TABS, readonly=READONLY,
                column_config=_column_config(), save=_save)


def _newer_lines(base: pd.DataFrame, current: pd.DataFrame) -> int:
    if len(base) != len(current):
        return len(current)
    return int((base["version"].to_numpy() != current["version"].to_numpy()).sum())


def _column_config() -> dict:
    col = st.column_config
    return {
        "number": col.TextColumn(t("field.number"), width=52, alignment="center"),
        "title": col.TextColumn(t("field.title"), width=250),
        # numbers are text in the app's digits (plan_grid.grid_frame), not the browser's
        "target": col.TextColumn(t("field.target"), width=90, alignment="right"),
        "measure": col.TextColumn(t("field.measure"), width=76),
        "budget": col.TextColumn(t("field.budget"), width=150, alignment="right"),
        "owner": col.TextColumn(t("field.owner"), width=130),
        "priority": col.SelectboxColumn(t("field.priority"), width=90,
                                        options=[plan_grid.NO_PRIORITY]
                                        + [t(f"plan.priority.{p}")
                                           for p in planning.PRIORITIES]),
        "spring": col.CheckboxColumn(t("field.spring"), width="small"),
        "check": col.TextColumn(t("plan.check"), width="medium"),
        "actions": col.TextColumn(t("field.actions"), width="medium"),
        **{q: col.CheckboxColumn(t(f"field.{q}"), width="small") for q in planning.QUARTERS},
        "contractor": col.TextColumn(t("field.contractor")),
        "notes": col.TextColumn(t("field.notes")),
        "blocker": col.TextColumn(t("field.blocker")),
        "carried_from": col.TextColumn(t("field.carried_from"), width="small"),
    }


def _save(base: pd.DataFrame, edited_rows: dict) -> None:
    changes, problems = plan_grid.grid_changes(base, edited_rows)
    if problems:  # cells that could not be read, and every other problem of the save
        from tracker.domain.errors import ValidationFailed

        show_write_error(ValidationFailed(every_problem(PLAN, changes, problems)))
        return
    if not changes:
        st.info(t("st.nothing"))
        return
    try:
        n = apply_changes(db(), auth.current_user(), PLAN, changes)
    except TrackerError as exc:
        show_write_error(exc)
    else:
        saved(GRID, n)
        st.rerun()


def plan_totals(lines: pd.DataFrame, district: int) -> tuple:
    """(city, per district, per deputy, per clause of ``district`` or None): the totals
    tab's figures (cached per plans revision of the year by :func:`derive`)."""
    mine = lines[lines["district"] == district]
    per_clause = planning.totals(mine, ["number", "title_fa", "title_en", "measure_fa",
                                        "measure_en"]) if not mine.empty else None
    return (planning.totals(lines), planning.totals(lines, ["district"]).assign(zone=0),
            planning.totals(lines, ["deputy"]), per_clause)


def flagged_lines(lines: pd.DataFrame, district: int) -> tuple:
    """(the district's lines, those failing a check), cached by :func:`derive`."""
    mine = lines[lines["district"] == district]
    return mine, (planning.check_lines(mine) if not mine.empty else mine)


def actual_figures(inputs: tuple) -> tuple:
    """(each line against its actual, the same per clause), cached by :func:`derive`."""
    lines, actual = inputs
    compared = planning.plan_vs_actual(lines, actual)
    return compared, planning.plan_vs_actual_by(compared, ["number", "title_fa", "title_en",
                                                           "measure_fa", "measure_en"])


def _totals(lines: pd.DataFrame, year: int, district: int) -> None:
    if lines.empty:
        st.info(t("plan.no_lines", year=year))
        return
    city, per_district, per_deputy, per_clause = derive(
        plan_totals, lines, ("plan_totals", year), district, depends=("plans",), year=year)
    city = city.iloc[0]
    c = st.columns(4)
    c[0].metric(t("plan.city_lines"), fmt.number(int(city["lines"]), lang()))
    c[1].metric(t("plan.city_budget"), fmt.number(float(city["budget"]), lang()))
    c[2].metric(t("plan.city_spring"), fmt.number(int(city["spring"]), lang()))
    c[3].metric(t("plan.city_flagged"), fmt.number(int(city["flagged"]), lang()))
    deputies = read(list_deputies)
    dep_names = dict(zip(deputies["code"], deputies["name_fa" if lang() == "fa" else "name_en"],
                         strict=True))
    sheets = {
        t("plan.sheet_district"): _totals_table(per_district, unit_names(per_district),
                                                t("common.district")),
        t("plan.sheet_deputy"): _totals_table(per_deputy,
                                              [dep_names.get(d, d) for d in per_deputy["deputy"]],
                                              t("field.deputy")),
    }
    st.markdown(f"**{t('plan.per_district')}**")
    st.dataframe(rtl_order(sheets[t("plan.sheet_district")]), hide_index=True, width="stretch")
    st.markdown(f"**{t('plan.per_deputy')}**")
    st.dataframe(rtl_order(sheets[t("plan.sheet_deputy")]), hide_index=True, width="stretch")
    if per_clause is not None:
        st.markdown(f"**{t('plan.per_clause', district=district)}**")
        title = "title_fa" if lang() == "fa" else "title_en"
        measure = "measure_fa" if lang() == "fa" else "measure_en"
        clause_table = pd.DataFrame({
            t("field.number"): [fmt.digits(int(n), lang()) for n in per_clause["number"]],
            t("field.title"): per_clause[title].tolist(),
            t("plan.lines"): [fmt.number(int(v), lang()) for v in per_clause["lines"]],
            t("field.target"): [num(v) for v in per_clause["target"]],
            t("field.measure"): per_clause[measure].tolist(),
            t("field.budget"): [num(v) for v in per_clause["budget"]],
        })
        st.dataframe(rtl_order(clause_table), hide_index=True, width="stretch")
        sheets[t("plan.sheet_clause")] = clause_table
    lg, names, lines_sheet = lang(), unit_names(lines), t("plan.sheet_lines")

    def workbook() -> bytes:
        """Built when the button is pressed (not on every rerun); uses no Streamlit."""
        return to_xlsx_bytes({lines_sheet: _export_lines(lines, names, lg), **sheets},
                             lg == "fa")

    st.download_button(t("plan.export"), workbook,
                       file_name=f"{t('plan.file', year=year)}.xlsx", key="plan_xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:", on_click="ignore")


def _totals_table(frame: pd.DataFrame, names: list[str], label: str) -> pd.DataFrame:
    return pd.DataFrame({
        label: names,
        t("plan.lines"): [fmt.number(int(v), lang()) for v in frame["lines"]],
        t("field.budget"): [num(v) for v in frame["budget"]],
        t("field.spring"): [fmt.number(int(v), lang()) for v in frame["spring"]],
        t("plan.flagged"): [fmt.number(int(v), lang()) for v in frame["flagged"]],
    })


def _export_lines(lines: pd.DataFrame, names: list[str], lg: str) -> pd.DataFrame:
    """Every plan line of the year, one row each, labelled for people (in ``lg``)."""
    title = "title_fa" if lg == "fa" else "title_en"
    measure = "measure_fa" if lg == "fa" else "measure_en"
    quarters = [", ".join(fmt.digits(q[1], lg) for q in planning.QUARTERS if r[q])
                for _, r in lines[list(planning.QUARTERS)].fillna(0).iterrows()]
    return pd.DataFrame({
        tr("field.unit", lg): names,
        tr("field.number", lg): lines["number"].astype(int),
        tr("field.title", lg): lines[title],
        tr("field.actions", lg): lines["actions"],
        tr("field.target", lg): lines["target"],
        tr("field.measure", lg): lines[measure],
        tr("field.budget", lg): lines["budget"],
        tr("plan.schedule", lg): quarters,
        tr("field.contractor", lg): lines["contractor"],
        tr("field.priority", lg): [plan_grid.priority_label(p, lg) for p in lines["priority"]],
        tr("field.spring", lg): [tr("ye.yes", lg) if s else "" for s in lines["spring"]],
        tr("field.owner", lg): lines["owner"],
        tr("field.blocker", lg): lines["blocker"],
        tr("field.notes", lg): lines["notes"],
    })


def _checks(lines: pd.DataFrame, year: int, district: int) -> None:
    mine, flagged = derive(flagged_lines, lines, ("plan_checks", year), district,
                           depends=("plans",), year=year)
    if flagged.empty:
        st.success(t("plan.checks_ok"))
        return
    st.warning(t("plan.checks_count", count=len(flagged), total=len(mine)))
    title = "title_fa" if lang() == "fa" else "title_en"
    table = pd.DataFrame({
        t("field.unit"): unit_names(flagged),
        t("field.number"): [fmt.digits(int(n), lang()) for n in flagged["number"]],
        t("field.title"): flagged[title].tolist(),
        **{t(f"plan.check.{c}"): [t("ye.yes") if v else "" for v in flagged[c]]
           for c in planning.CHECKS},
    })
    show_table(table, t("plan.file_checks", district=district), key="plan_checks",
               height=min(38 + 35 * len(table), 500))


def _actual(year: int, district: int) -> None:
    lines = read(year_plans, year, district)
    if lines.empty:
        st.info(t("plan.no_lines", year=year))
        return
    compared, by_clause = derive(actual_figures,
                                 lambda: (lines, read(plan_actuals, year, district)),
                                 ("plan_actual", year, district),
                                 depends=("plans", "status"), year=year, district=district)
    st.caption(t("plan.actual_help"))
    title = "title_fa" if lang() == "fa" else "title_en"
    measure = "measure_fa" if lang() == "fa" else "measure_en"
    st.markdown(f"**{t('plan.actual_per_clause')}**")
    st.dataframe(rtl_order(pd.DataFrame({
        t("field.number"): [fmt.digits(int(n), lang()) for n in by_clause["number"]],
        t("field.title"): by_clause[title].tolist(),
        t("field.target"): [num(v) for v in by_clause["target"]],
        t("field.achieved"): [num(v) for v in by_clause["achieved"]],
        t("field.measure"): by_clause[measure].tolist(),
        t("plan.ratio"): [fmt.percent(v, lang()) for v in by_clause["ratio"]],
    })), hide_index=True, width="stretch",
        column_config={t("plan.ratio"): st.column_config.TextColumn(width="small")})
    st.markdown(f"**{t('plan.actual_per_line')}**")
    table = pd.DataFrame({
        t("field.unit"): unit_names(compared),
        t("field.number"): [fmt.digits(int(n), lang()) for n in compared["number"]],
        t("field.title"): compared[title].tolist(),
        t("field.target"): [num(v) for v in compared["target"]],
        t("field.achieved"): [num(v) for v in compared["achieved"]],
        t("plan.ratio"): [fmt.percent(v, lang()) for v in compared["ratio"]],
        t("field.status"): [t(f"status.{s}") if isinstance(s, str) else ""
                            for s in compared["status"]],
    })
    show_table(table, t("plan.file_actual", year=year, district=district), key="plan_actual",
               height=min(38 + 35 * len(table), 500))
