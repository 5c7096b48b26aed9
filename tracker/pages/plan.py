"""The plan page: next year's plan lines per unit and clause, edited in a grid;
totals, checks, plan against actual, carry-over and the Excel export."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker import calendar, fmt, plan_grid, planning
from tracker.errors import TrackerError
from tracker.exports import to_xlsx_bytes
from tracker.model import unit_id
from tracker.permissions import can_edit_unit, can_manage, editable_districts
from tracker.store import programs as store_programs
from tracker.store.plans import PLAN, plan_actuals, unit_plan, year_plans
from tracker.store.records import apply_changes
from tracker.store.reference import list_deputies
from tracker.ui import auth
from tracker.ui.context import db, lang, qp_choice, read, t
from tracker.ui.grid import GridState, GridTab, pinned_grid, reset
from tracker.ui.pickers import district_picker, is_closed, unit_name, zone_picker
from tracker.ui.plan_common import num, program_years, show_write_error, unit_names
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
    st.subheader(t("plan.heading", year=year, unit=name))
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
    lines = read(year_plans, year)
    with tabs[1]:
        _totals(lines, year, district)
    with tabs[2]:
        _checks(lines, district)
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
        "number": col.NumberColumn(t("field.number"), width=48),
        "title": col.TextColumn(t("field.title"), width=240),
        "target": col.NumberColumn(t("field.target"), min_value=0, format="localized"),
        "measure": col.TextColumn(t("field.measure"), width="small"),
        "budget": col.NumberColumn(t("field.budget"), min_value=0, format="localized"),
        "owner": col.TextColumn(t("field.owner")),
        "priority": col.SelectboxColumn(t("field.priority"), width="small",
                                        options=[t(f"plan.priority.{p}")
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
    if problems:
        from tracker.errors import ValidationFailed

        show_write_error(ValidationFailed(problems))
        return
    if not changes:
        st.info(t("st.nothing"))
        return
    try:
        n = apply_changes(db(), auth.current_user(), PLAN, changes)
    except TrackerError as exc:
        show_write_error(exc)
    else:
        reset(GRID)
        st.session_state[GRID.flash] = t("st.saved", count=n)
        st.rerun()


def _totals(lines: pd.DataFrame, year: int, district: int) -> None:
    if lines.empty:
        st.info(t("plan.no_lines", year=year))
        return
    city = planning.totals(lines).iloc[0]
    c = st.columns(4)
    c[0].metric(t("plan.city_lines"), fmt.number(int(city["lines"]), lang()))
    c[1].metric(t("plan.city_budget"), fmt.number(float(city["budget"]), lang()))
    c[2].metric(t("plan.city_spring"), fmt.number(int(city["spring"]), lang()))
    c[3].metric(t("plan.city_flagged"), fmt.number(int(city["flagged"]), lang()))
    per_district = planning.totals(lines, ["district"]).assign(zone=0)
    per_deputy = planning.totals(lines, ["deputy"])
    mine = lines[lines["district"] == district]
    per_clause = planning.totals(mine, ["number", "title_fa", "title_en", "measure_fa",
                                        "measure_en"]) if not mine.empty else None
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
    sheets = {t("plan.sheet_lines"): _export_lines(lines), **sheets}
    st.download_button(t("plan.export"), to_xlsx_bytes(sheets, lang() == "fa"),
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


def _export_lines(lines: pd.DataFrame) -> pd.DataFrame:
    """Every plan line of the year, one row each, labelled for people."""
    title = "title_fa" if lang() == "fa" else "title_en"
    measure = "measure_fa" if lang() == "fa" else "measure_en"
    quarters = [", ".join(fmt.digits(q[1], lang()) for q in planning.QUARTERS if r[q])
                for _, r in lines[list(planning.QUARTERS)].fillna(0).iterrows()]
    return pd.DataFrame({
        t("field.unit"): unit_names(lines),
        t("field.number"): lines["number"].astype(int),
        t("field.title"): lines[title],
        t("field.actions"): lines["actions"],
        t("field.target"): lines["target"],
        t("field.measure"): lines[measure],
        t("field.budget"): lines["budget"],
        t("plan.schedule"): quarters,
        t("field.contractor"): lines["contractor"],
        t("field.priority"): [plan_grid.priority_label(p, lang()) for p in lines["priority"]],
        t("field.spring"): [t("ye.yes") if s else "" for s in lines["spring"]],
        t("field.owner"): lines["owner"],
        t("field.blocker"): lines["blocker"],
        t("field.notes"): lines["notes"],
    })


def _checks(lines: pd.DataFrame, district: int) -> None:
    mine = lines[lines["district"] == district]
    flagged = planning.check_lines(mine) if not mine.empty else mine
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
    compared = planning.plan_vs_actual(lines, read(plan_actuals, year, district))
    st.caption(t("plan.actual_help"))
    by_clause = planning.plan_vs_actual_by(compared, ["number", "title_fa", "title_en",
                                                      "measure_fa", "measure_en"])
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
