"""The visits of a year: the list, one visit's verdicts, evidence, corrective actions and
corrections; inspectors add a logged correction (a visit is never edited in place)."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from tracker.domain import calendar, fmt
from tracker.domain.errors import TrackerError, ValidationFailed
from tracker.domain.model import VERDICTS, User
from tracker.domain.permissions import can_verify
from tracker.domain.plaintext import md_escape
from tracker.store import visits as store
from tracker.store.visit_reads import (
    evidence_file,
    list_visits,
    visit_actions,
    visit_corrections,
    visit_files,
    visit_items,
)
from tracker.ui import st_internals
from tracker.ui.context import db, lang, qp_choice, read, t
from tracker.ui.tables import rtl_order, show_table

_FLASH = "vl_flash"


def visits_view(user: User, year: int, district: int | None) -> None:
    """The list of visits (one district's, or all when ``district`` is None) and one visit."""
    visits = read(list_visits, year, district)
    if visits.empty:
        st.info(t("vis.list.none"))
        return
    show_table(_list_table(visits), t("vis.list.file"), key="vis_list")
    labels = {int(r.id): _label(r) for r in visits.itertuples(index=False)}
    chosen = qp_choice(t("vis.list.open"), list(labels), "visit",
                       format_func=lambda i: labels[i])
    if chosen is not None:
        _detail(user, int(chosen), visits[visits["id"] == chosen].iloc[0])


def _label(row) -> str:
    return (f"{calendar.format_date(row.visit_date, lang())} — {_district_of(row)}"
            f" — {row.inspector_name}")


def _district_of(row) -> str:
    return t("vis.list.unit", district=int(row.district), zone=int(row.zone)) if row.zone \
        else t("vis.list.unit_district", district=int(row.district))


def _list_table(visits: pd.DataFrame) -> pd.DataFrame:
    rows = list(visits.itertuples(index=False))
    return pd.DataFrame({
        t("vis.mm.date"): [calendar.format_date(r.visit_date, lang()) for r in rows],
        t("field.unit"): [_district_of(r) for r in rows],
        t("vis.list.inspector"): [r.inspector_name for r in rows],
        t("vis.list.clauses"): [fmt.number(r.clauses, lang()) for r in rows],
        t("vis.list.findings"): [fmt.number(r.findings, lang()) for r in rows],
        t("vis.list.open_actions"): [fmt.number(r.open_actions, lang()) for r in rows],
        t("vis.list.files"): [fmt.number(r.files, lang()) for r in rows],
    })


def _detail(user: User, visit_id: int, visit: pd.Series) -> None:
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash)
    with st.container(border=True):
        st.markdown("#### " + t("vis.detail.heading", date=calendar.format_long(
            visit["visit_date"], lang()), unit=md_escape(_district_of(visit))))
        st.caption(t("vis.detail.by", who=md_escape(visit["inspector_name"])))
        if visit["summary"]:
            st.text(visit["summary"])
        items = read(visit_items, visit_id)
        for _, it in items.iterrows():
            _item(it)
        _files(visit_id)
        _actions(visit_id)
        _corrections(visit_id)
    if can_verify(user):
        _correction_form(user, visit_id, items)


def _item(it: pd.Series) -> None:
    title = it["title_fa"] if lang() == "fa" else it["title_en"]
    verdict = t(f"vis.verdict.{it['verdict']}")
    corrected = " · " + t("vis.detail.corrected") if it["corrections"] else ""
    st.markdown(f"**{fmt.digits(int(it['number']), lang())}. {md_escape(title)}** — "
                f"{verdict}{corrected}")
    answers = json.loads(it["answers"] or "{}")
    if answers:
        sep = "، " if lang() == "fa" else ", "
        st.caption(t("vis.detail.answers") + " " + sep.join(
            f"{fmt.digits(k, lang())}: {t(f'vis.answer.{v}')}" for k, v in answers.items()))
    if it["findings"]:
        st.text(it["findings"])


def _files(visit_id: int) -> None:
    files = read(visit_files, visit_id)
    if files.empty:
        return
    st.markdown("*" + t("vis.detail.files") + "*")
    cols = st.columns(3)
    for i, f in enumerate(files.itertuples(index=False)):
        found = read(evidence_file, int(f.id))
        with cols[i % 3]:
            st.text(f"{f.original_name} ({fmt.number(f.size / 1024, lang())} KB)")
            if found is None:
                st.warning(t("vis.detail.file_missing"))
                continue
            meta, data = found
            token = st_internals.browser_token()
            if token is None:  # no browser session to bind the file to: names only
                continue
            with st_internals.protected_media(token):  # /media serves only this browser
                if meta["mime"].startswith("image/"):
                    st.image(data, width=280)
                st.download_button(t("vis.detail.download"), data,
                                   file_name=meta["stored_name"], mime=meta["mime"],
                                   key=f"vis_file_{f.id}", on_click="ignore",
                                   icon=":material/download:")


def _actions(visit_id: int) -> None:
    actions = read(visit_actions, visit_id)
    if actions.empty:
        return
    st.markdown("*" + t("vis.detail.actions") + "*")
    rows = list(actions.itertuples(index=False))
    table = pd.DataFrame({
        t("field.clause"): [fmt.digits(int(r.number), lang()) if pd.notna(r.number) else "—"
                            for r in rows],
        t("vis.ca.required"): [r.description for r in rows],
        t("vis.form.due"): [calendar.format_date(r.due_date, lang()) for r in rows],
        t("vis.detail.state"): [t(f"vis.action.{r.status}") for r in rows],
    })
    st.dataframe(rtl_order(table), hide_index=True, width="stretch")


def _corrections(visit_id: int) -> None:
    log = read(visit_corrections, visit_id)
    if log.empty:
        return
    st.markdown("*" + t("vis.detail.corrections") + "*")
    rows = list(log.itertuples(index=False))

    def shown(field: str, value: object) -> str:
        if field == "verdict" and value:
            return t(f"vis.verdict.{value}")
        return str(value or "—")

    table = pd.DataFrame({
        t("field.clause"): [fmt.digits(int(r.number), lang()) for r in rows],
        t("vis.corr.field"): [t(f"vis.corr.{r.field}") for r in rows],
        t("vis.corr.old"): [shown(r.field, r.old_value) for r in rows],
        t("vis.corr.new"): [shown(r.field, r.new_value) for r in rows],
        t("vis.corr.reason"): [r.reason for r in rows],
        t("vis.corr.by"): [r.by_name for r in rows],
        t("vis.corr.at"): [calendar.format_stamp(r.at, lang()) for r in rows],
    })
    st.dataframe(rtl_order(table), hide_index=True, width="stretch")


def _correction_form(user: User, visit_id: int, items: pd.DataFrame) -> None:
    with st.expander(t("vis.corr.add"), icon=":material/edit_note:"):
        st.caption(t("vis.corr.help"))
        title = "title_fa" if lang() == "fa" else "title_en"
        labels = {int(r["clause_id"]): f"{fmt.digits(int(r['number']), lang())}. {r[title]}"
                  for _, r in items.iterrows()}
        with st.form(f"vis_corr_{visit_id}"):
            clause = st.selectbox(t("field.clause"), list(labels), format_func=labels.get)
            field = st.radio(t("vis.corr.field"), ["verdict", "findings"], horizontal=True,
                             format_func=lambda f: t(f"vis.corr.{f}"))
            verdict = st.selectbox(t("vis.form.verdict"), VERDICTS,
                                   format_func=lambda v: t(f"vis.verdict.{v}"))
            findings = st.text_area(t("vis.form.findings"), max_chars=store.MAX_TEXT)
            reason = st.text_input(t("vis.corr.reason"), max_chars=store.MAX_ACTION)
            if st.form_submit_button(t("vis.corr.save"), type="primary"):
                value = verdict if field == "verdict" else findings
                try:
                    store.add_correction(db(), user, visit_id, int(clause), field, value, reason)
                except ValidationFailed as exc:
                    st.error("\n\n".join(md_escape(p.message(lang()))
                                           for p in exc.problems))
                except TrackerError as exc:
                    st.error(md_escape(exc.message(lang())))
                else:
                    st.session_state[_FLASH] = t("vis.corr.saved")
                    st.rerun()
