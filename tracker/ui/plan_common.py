"""Pieces shared by the year-end and plan pages: pickers for the city or a
district and for the "as of" day, the closed-year check, error messages."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from tracker.domain import calendar, fmt
from tracker.domain.errors import Conflict, TrackerError, ValidationFailed
from tracker.domain.model import unit_id
from tracker.domain.plaintext import md_escape
from tracker.store.reference import list_programs, list_units
from tracker.ui.context import lang, qp_choice, read, set_param, t
from tracker.ui.pickers import unit_names as unit_names_by_id

CITY = 0  # the "district" choice that means the whole city


def district_or_city(container=st) -> int:
    """A district, or 0 for the whole city."""
    units = read(list_units)
    districts = sorted(int(d) for d in units["district"].unique())
    names = unit_names_by_id(units)

    def label(d: int) -> str:
        return t("common.city") if d == CITY else names[unit_id(d)]

    with container:
        return qp_choice(t("common.district"), [CITY, *districts], "district", default=CITY,
                         format_func=label)


def asof_picker(year: int, container=st) -> date:
    """The day the page looks from (Jalali text, kept in ``?asof=``): default today
    in Tehran; always inside the year."""
    first, last = calendar.year_start(year), calendar.year_end(year)
    chosen = min(max(calendar.today_tehran(), first), last)
    key = "ye_asof"
    if key not in st.session_state:
        try:
            raw = st.query_params.get("asof", "")
            st.session_state[key] = calendar.format_date(
                calendar.parse_jalali(raw) if raw else chosen, lang())
        except TrackerError:
            st.session_state[key] = calendar.format_date(chosen, lang())
    text = container.text_input(t("plan.asof"), key=key, help=t("plan.asof_help"))
    try:
        typed = calendar.parse_jalali(text)
    except TrackerError as exc:
        container.error(md_escape(exc.message(lang())))
        return chosen
    set_param("asof", calendar.format_date(typed, "en"))
    return min(max(typed, first), last)


def program_years() -> list[int]:
    return sorted((int(y) for y in read(list_programs)["year"]), reverse=True)


def unit_names(frame: pd.DataFrame) -> list[str]:
    """"District / zone" names for the rows of ``frame`` (district, zone columns)."""
    units = read(list_units)
    col = "name_fa" if lang() == "fa" else "name_en"
    names = dict(zip(units["id"].astype(int), units[col], strict=True))
    out = []
    for d, z in zip(frame["district"].astype(int), frame["zone"].astype(int), strict=True):
        district = names.get(unit_id(d), str(d))
        out.append(district if z == 0 else f"{district} / {names.get(unit_id(d, z), z)}")
    return out


def show_write_error(exc: TrackerError) -> None:
    """A refused write, in the user's language, with each row's problem."""
    lines = [exc.message(lang())]
    if isinstance(exc, ValidationFailed):
        for p in exc.problems:
            row = fmt.digits(p.row, lang()) if p.row is not None else "—"
            field = t(f"field.{p.field}") if p.field else ""
            lines.append("• " + t("val.row", row=row, field=field, message=p.message(lang())))
    elif isinstance(exc, Conflict):
        for c in exc.conflicts:
            lines.append("• " + t("err.conflict_row", row=fmt.digits(c.row, lang()),
                                  current=c.current_version, who=c.changed_by or "—",
                                  at=calendar.format_stamp(c.changed_at, lang())))
    st.error("\n\n".join(escape(line) for line in lines))


def escape(text: str) -> str:
    """Markdown-escape text that may hold what a user typed."""
    return md_escape(text)


def num(value: object, decimals: int = 0) -> str:
    """A number for a table cell, in the language's digits ("—" when missing)."""
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    return fmt.number(float(value), lang(), decimals)
