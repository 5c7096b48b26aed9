"""Choices shared by the comparison pages, kept in the query string: year, "as of"
day, responsible deputy, clauses, status, stale-after days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from tracker import config
from tracker.domain import calendar, fmt, limits
from tracker.domain.model import STATUSES
from tracker.domain.plaintext import md_escape
from tracker.store.reference import list_clauses, list_deputies, list_units
from tracker.ui.context import lang, qp_choice, read, set_param, t
from tracker.ui.pickers import year_picker


@dataclass(frozen=True)
class AsOf:
    """The day figures are shown for, and the day to query (None = now)."""

    day: date
    query: date | None


def as_of_picker(year: int, container=st) -> AsOf:
    """A Jalali date box (empty = today), clamped to the program year."""
    today = calendar.today_tehran()
    raw = st.query_params.get("asof", "")
    key = "cmp_asof"
    if key not in st.session_state:
        st.session_state[key] = fmt.digits(raw, lang())
    with container:
        text = st.text_input(t("compare.as_of"), key=key, help=t("compare.as_of_help"),
                             placeholder=calendar.format_date(today, lang()))
    wanted = today
    if text.strip():
        try:
            wanted = calendar.parse_jalali(text)
        except calendar.BadDate as exc:
            st.error(md_escape(exc.message(lang())))
            text = ""
    set_param("asof", calendar.format_date(wanted, "en") if text.strip() else "")
    start, end = calendar.year_start(year), calendar.year_end(year)
    day = min(max(wanted, start), end)
    if text.strip() and day != wanted:
        st.info(t("compare.as_of_outside", date=calendar.format_date(wanted, lang()), year=year,
                  shown=calendar.format_date(day, lang())))
    return AsOf(day, None if day == today else day)

def year_and_day(year_box=st, day_box=st) -> tuple[int, AsOf] | None:
    """The program year and the "as of" day; None when there is no program."""
    year = year_picker(year_box)
    if year is None:
        return None
    return year, as_of_picker(year, day_box)

def deputy_picker(container=st) -> str:
    """A responsible deputy's code, or "" for all."""
    deputies = read(list_deputies)
    names = dict(zip(deputies["code"], deputies[f"name_{lang()}"], strict=True))
    with container:
        return qp_choice(t("compare.deputy"), ["", *names], "deputy", default="",
                         format_func=lambda c: names.get(c, t("common.all")))


def clause_picker(year: int, container=st) -> list[int]:
    """Some clause numbers (empty list = all)."""
    clauses = read(list_clauses, year)
    titles = clause_titles(clauses)
    numbers = [int(n) for n in clauses["number"]]
    key = "cmp_clauses"
    if key not in st.session_state:
        wanted = [int(x) for x in st.query_params.get("clauses", "").split(",")
                  if x.isdecimal() and len(x) < 6]
        st.session_state[key] = [n for n in wanted if n in numbers]
    st.session_state[key] = [n for n in st.session_state[key] if n in numbers]
    with container:
        chosen = st.multiselect(t("compare.clauses"), numbers, key=key,
                                format_func=lambda n: titles[n],
                                placeholder=t("common.all"))
    set_param("clauses", ",".join(str(n) for n in chosen))
    return chosen


def status_picker(container=st) -> str:
    with container:
        return qp_choice(t("compare.status"), ["", *STATUSES], "status", default="",
                         format_func=lambda s: t(f"status.{s}") if s else t("common.all"))


def stale_days_picker(container=st) -> int:
    raw = st.query_params.get("stale", "")
    ok = raw.isdecimal() and len(raw) < 7 and limits.within("stale_days", int(raw))
    default = int(raw) if ok else config.stale_days()
    with container:
        days = st.number_input(t("compare.stale_days"), min_value=1, max_value=365,
                               value=default, step=1, key="cmp_stale")
    set_param("stale", str(int(days)))
    return int(days)


def clause_titles(clauses: pd.DataFrame) -> dict[int, str]:
    """``{number: "3. title"}`` in the page's language and digits."""
    col = f"title_{lang()}"
    return {int(n): f"{fmt.digits(int(n), lang())}. {title}"
            for n, title in zip(clauses["number"], clauses[col], strict=True)}


def district_names() -> dict[int, str]:
    """``{district: name}`` in the page's language."""
    units = read(list_units)
    top = units[units["zone"] == 0]
    return dict(zip(top["district"].astype(int), top[f"name_{lang()}"], strict=True))


def zone_names(district: int) -> dict[int, str]:
    """``{unit id: name}`` of a district's district level and zones."""
    units = read(list_units)
    mine = units[units["district"] == district]
    return {int(uid): (t("common.district_level") if int(z) == 0 else name)
            for uid, z, name in zip(mine["id"], mine["zone"], mine[f"name_{lang()}"],
                                    strict=True)}


def day_label(d: date) -> str:
    return calendar.format_date(d, lang())
