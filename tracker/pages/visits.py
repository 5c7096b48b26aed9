"""Field verification: claim against finding, the visits, recording a visit, checklists."""

from __future__ import annotations

import streamlit as st

from tracker.domain.model import User, unit_id
from tracker.domain.permissions import can_manage, can_verify, editable_districts, is_admin
from tracker.domain.plaintext import md_escape
from tracker.store.reference import list_units
from tracker.ui import auth
from tracker.ui.checklist_editor import checklist_editor
from tracker.ui.context import qp_choice, read, t
from tracker.ui.corrective import render_corrective_actions
from tracker.ui.pickers import unit_label, unit_names, year_picker, zone_picker
from tracker.ui.visit_form import record_form
from tracker.ui.visit_gap import city_view, district_view
from tracker.ui.visit_list import visits_view

PAGE = {"path": "visits", "title": "page.visits", "icon": ":material/fact_check:",
        "order": 70, "roles": None}

CITY = 0


def visible_districts(user: User) -> set[int] | None:
    """Districts whose visits the user sees: all (None) for the coordination office,
    inspectors and viewers; a district's or zone's editors see their own."""
    if is_admin(user) or user.roles & {"inspector", "viewer"}:
        return None
    return editable_districts(user) or set()


def render() -> None:
    user = auth.current_user()
    views = ["gap", "visits"] + (["record"] if can_verify(user) else []) \
        + (["checklists"] if can_manage(user) else [])
    cols = st.columns([1, 2, 4])
    year = year_picker(cols[0])
    if year is None:
        return
    seen = visible_districts(user)
    units = read(list_units)
    districts = sorted(int(d) for d in units["district"].unique()
                       if seen is None or int(d) in seen)
    if not districts:
        st.info(t("vis.no_district"))
        return
    options = ([CITY] if seen is None else []) + districts
    names = unit_names(units)
    with cols[1]:
        district = qp_choice(t("common.district"), options, "district",
                             format_func=lambda d: t("common.city") if d == CITY
                             else names[unit_id(d)])
    with cols[2]:
        view = qp_choice(t("vis.view"), views, "view", widget="radio", horizontal=True,
                         format_func=lambda v: t(f"vis.view.{v}"))
    st.subheader(t(f"vis.view.{view}") + " — " + (t("common.city") if district == CITY
                                                  else md_escape(unit_label(units,
                                                                            unit_id(district)))))
    if view == "gap":
        if district == CITY:
            city_view(year, seen)
        else:
            district_view(year, district)
    elif view == "visits":
        visits_view(user, year, None if district == CITY else district)
    elif view == "record":
        _record(user, year, district, units)
    else:
        checklist_editor(user)


def _record(user: User, year: int, district: int, units) -> None:
    if district == CITY:
        st.info(t("vis.form.pick_district"))
        return
    zone = zone_picker(district, st.columns([1, 3])[0])
    uid = unit_id(district, zone)
    name = unit_label(units, unit_id(district))
    if zone:
        name = f"{name} — {unit_label(units, uid)}"
    render_corrective_actions(user, year, uid)
    record_form(user, year, uid, name)
