"""Shared choosers: program year and unit (district, district level or zone)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.domain import calendar, fmt
from tracker.domain.model import User, unit_id
from tracker.domain.permissions import editable_districts
from tracker.store.reference import list_programs, list_units
from tracker.ui.auth import USER_KEY
from tracker.ui.context import lang, qp_choice, read, t


def year_picker(container=st) -> int | None:
    """The program year, defaulting to the current Jalali year (or the latest)."""
    years = [int(y) for y in read(list_programs)["year"]]
    if not years:
        st.warning(t("app.no_program"))
        return None
    today = calendar.current_year()
    default = today if today in years else years[-1]
    with container:
        return qp_choice(t("common.year"), sorted(years, reverse=True), "year", default=default,
                         format_func=lambda y: fmt.digits(y, lang()))


def is_closed(year: int) -> bool:
    """Is the program year closed (its records, plans and actions read-only)?"""
    programs = read(list_programs)
    row = programs.loc[programs["year"] == year]
    return bool(not row.empty and row.iloc[0]["closed"])


def unit_label(units: pd.DataFrame, uid: int) -> str:
    row = units.loc[units["id"] == uid].iloc[0]
    return row["name_fa"] if lang() == "fa" else row["name_en"]


def unit_names(units: pd.DataFrame) -> dict[int, str]:
    """Unit id -> name in the session's language (one pass, for a picker's labels)."""
    col = "name_fa" if lang() == "fa" else "name_en"
    return dict(zip(units["id"].astype(int).tolist(), units[col].tolist(), strict=True))


def district_picker(user: User, container=st) -> int:
    """A district; an editor's own district comes first."""
    units = read(list_units)
    districts = sorted(int(d) for d in units["district"].unique())
    own = editable_districts(user)
    default = min(own) if own else districts[0]
    names = unit_names(units)
    with container:
        return qp_choice(t("common.district"), districts, "district", default=default,
                         format_func=lambda d: names[unit_id(d)])


def zone_picker(district: int, container=st) -> int:
    """0 for the district's own district-level work, else a zone number."""
    units = read(list_units)
    zones = sorted(int(z) for z in units.loc[units["district"] == district, "zone"])
    names = unit_names(units)

    def label(z: int) -> str:
        return t("common.district_level") if z == 0 else names[unit_id(district, z)]

    with container:
        return qp_choice(t("common.zone"), zones, "zone", default=own_zone(district),
                         format_func=label)


def own_zone(district: int) -> int:
    """The zone a zone editor of ``district`` edits (where they land), else 0 (the
    district's own level)."""
    user = st.session_state.get(USER_KEY)
    zones = [g.zone for g in getattr(user, "grants", ())
             if g.role == "zone_editor" and g.district == district and g.zone is not None]
    return min(zones) if zones else 0


def unit_name(district: int, zone: int) -> str:
    """«منطقه ۳ — ناحیه ۲» (or the district alone for its district-level work)."""
    units = read(list_units)
    name = unit_label(units, unit_id(district))
    return f"{name} — {unit_label(units, unit_id(district, zone))}" if zone else name
