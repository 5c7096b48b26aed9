"""Programs page (admin): a year's clause catalogue, edited in a grid; new
clauses; the next year's program copied from this one; the program's log."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.domain import calendar, fmt
from tracker.domain.errors import TrackerError, ValidationFailed
from tracker.domain.plaintext import md_escape
from tracker.store import programs as store_programs
from tracker.store.reference import list_clauses, list_deputies, list_programs
from tracker.ui import auth
from tracker.ui.context import db, lang, read, t
from tracker.ui.evidence_rule import render_done_rule
from tracker.ui.pickers import year_picker
from tracker.ui.tables import readable, rtl_order

PAGE = {"path": "programs", "title": "page.programs", "icon": ":material/list_alt:",
        "order": 95, "roles": {"admin"}}

EDITABLE = store_programs.CLAUSE_FIELDS


def render() -> None:
    user = auth.current_user()
    year = year_picker(st.columns([1, 4])[0])
    if year is None:
        return
    programs = read(list_programs)
    program = programs.loc[programs["year"] == year].iloc[0]
    title = program["title_fa"] if lang() == "fa" else program["title_en"]
    st.subheader(t("progpage.heading", year=fmt.digits(year, lang()), title=md_escape(title)))
    flash = st.session_state.pop("progpage_flash", None)
    if flash:
        st.success(flash)
    closed = bool(program["closed"])
    if closed:
        st.info(t("progpage.closed"))
    clauses = read(list_clauses, year)
    deputies = read(list_deputies)
    _catalogue(user, year, clauses, deputies, closed)
    render_done_rule(user, year, closed)  # what "done" needs (evidence files)
    if not closed:
        _add_clause(user, year, deputies)
    _next_program(user, year, programs)
    _events(year)


def field_label(name: str) -> str:
    """A clause field as a person reads it: «عنوان بند (فارسی)», "Weight"."""
    base, _, suffix = name.partition("_")
    label = t(f"field.{base}") if base in ("title", "measure", "deputy", "weight") else name
    return f"{label} ({'فارسی' if suffix == 'fa' else 'English'})" if suffix else label


def _deputy_labels(deputies: pd.DataFrame) -> dict[str, str]:
    name = "name_fa" if lang() == "fa" else "name_en"
    return dict(zip(deputies["code"], deputies[name], strict=True))


def _catalogue(user, year: int, clauses: pd.DataFrame, deputies: pd.DataFrame,
               closed: bool) -> None:
    labels = _deputy_labels(deputies)
    shown = clauses[["number", *EDITABLE, "source", "confidence"]].copy()
    shown["deputy"] = shown["deputy"].map(labels)
    shown = readable(shown, lang())  # no "None" in the source and confidence columns
    nonce = st.session_state.setdefault("progpage_nonce", 0)
    key = f"progpage_grid_{year}_{nonce}"
    if not closed:
        st.caption(t("progpage.help"))
    order = list(shown.columns)
    st.data_editor(
        shown, key=key, hide_index=True, width="stretch", disabled=closed or [
            "number", "source", "confidence"],
        column_order=order[::-1] if lang() == "fa" else order,
        column_config={
            # widths fit a 1366-pixel screen: number and titles in view in both languages
            "number": st.column_config.NumberColumn(t("field.number"), width=52, format="%d"),
            "title_fa": st.column_config.TextColumn(field_label("title_fa"), width=250),
            "title_en": st.column_config.TextColumn(field_label("title_en"), width=250),
            "deputy": st.column_config.SelectboxColumn(
                field_label("deputy"), options=list(labels.values()), required=True,
                width=150),
            "measure_fa": st.column_config.TextColumn(field_label("measure_fa"), width=90),
            "measure_en": st.column_config.TextColumn(field_label("measure_en"), width=90),
            "weight": st.column_config.NumberColumn(field_label("weight"), width=70),
            "source": st.column_config.TextColumn(t("progpage.source"), width=140),
            "confidence": st.column_config.TextColumn(t("progpage.confidence"), width=80),
        },
    )
    if closed or not st.button(t("progpage.save"), type="primary", key=f"save_{key}",
                               icon=":material/save:"):
        return
    edited = st.session_state[key].get("edited_rows", {})
    changes = clause_changes(clauses, edited, labels)
    if not changes:
        st.info(t("progpage.nothing"))
        return
    try:
        n = store_programs.update_clauses(db(), user, changes)
    except ValidationFailed as exc:
        _problems(exc)
    except TrackerError as exc:
        st.error(md_escape(exc.message(lang())))
    else:
        st.session_state["progpage_nonce"] = nonce + 1
        st.session_state["progpage_flash"] = t("progpage.saved", count=n)
        st.rerun()


def clause_changes(clauses: pd.DataFrame, edited_rows: dict,
                   deputy_labels: dict[str, str]) -> dict[int, dict]:
    """The grid's edited rows as ``{clause_id: {field: value}}`` (deputy labels back
    to codes; blank text stays blank so the store can refuse it)."""
    by_label = {label: code for code, label in deputy_labels.items()}
    changes: dict[int, dict] = {}
    for pos, cells in edited_rows.items():
        clause_id = int(clauses.iloc[int(pos)]["id"])
        values = {}
        for column, value in cells.items():
            if column not in EDITABLE:
                continue
            if column == "deputy":
                value = by_label.get(value, value)
            elif column == "weight":
                value = None if value is None else float(value)
            else:
                value = "" if value is None else str(value).strip()
            values[column] = value
        if values:
            changes[clause_id] = values
    return changes


def _problems(exc: ValidationFailed) -> None:
    lines = [exc.message(lang())]
    for p in exc.problems:
        lines.append("• " + t("progpage.row", row=fmt.digits(p.row, lang()),
                              field=field_label(str(p.field)), message=p.message(lang())))
    st.error("\n\n".join(md_escape(line) for line in lines))


def _add_clause(user, year: int, deputies: pd.DataFrame) -> None:
    labels = _deputy_labels(deputies)
    with st.expander(t("progpage.add"), icon=":material/add:"):
        with st.form(f"progpage_add_{year}", clear_on_submit=False):
            a, b = st.columns(2)
            title_fa = a.text_input(field_label("title_fa"))
            title_en = b.text_input(field_label("title_en"))
            measure_fa = a.text_input(field_label("measure_fa"))
            measure_en = b.text_input(field_label("measure_en"))
            deputy = a.selectbox(field_label("deputy"), list(labels), format_func=labels.get)
            weight = b.number_input(field_label("weight"), min_value=0.0, value=1.0, step=0.5)
            if not st.form_submit_button(t("progpage.add_button"), type="primary"):
                return
        values = {"title_fa": title_fa.strip(), "title_en": title_en.strip(),
                  "deputy": deputy, "measure_fa": measure_fa.strip(),
                  "measure_en": measure_en.strip(), "weight": weight}
        try:
            number = store_programs.add_clause(db(), user, year, values)
        except ValidationFailed as exc:
            _problems(exc)
        except TrackerError as exc:
            st.error(md_escape(exc.message(lang())))
        else:
            st.session_state["progpage_flash"] = t("progpage.added",
                                                   number=fmt.digits(number, lang()))
            st.rerun()


def _next_program(user, year: int, programs: pd.DataFrame) -> None:
    following = year + 1
    if following in set(programs["year"]):
        return
    if st.button(t("progpage.next", year=fmt.digits(following, lang())),
                 key=f"progpage_next_{year}", icon=":material/content_copy:"):
        try:
            count = store_programs.create_next_program(db(), user, year)
        except TrackerError as exc:
            st.error(md_escape(exc.message(lang())))
        else:
            st.session_state["progpage_flash"] = t(
                "progpage.next_done", year=fmt.digits(following, lang()), count=count)
            st.rerun()


def _events(year: int) -> None:
    events = read(store_programs.program_events, year)
    if events.empty:
        return
    with st.expander(t("progpage.events"), icon=":material/history:"):
        table = pd.DataFrame({
            t("progpage.when"): [calendar.format_stamp(s, lang()) for s in events["at"]],
            t("progpage.who"): events["actor_name"],
            t("progpage.what"): [t(f"prog.action.{a}") for a in events["action"]],
        })
        st.dataframe(rtl_order(table), hide_index=True, width="stretch")
