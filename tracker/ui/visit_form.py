"""The inspector's form: record one field visit of one unit.

The clauses checked are chosen first (outside the form, so the form grows with them);
the form then asks, per clause, the verdict, the checklist answers, the findings and an
optional corrective action with a Jalali due date, and takes evidence files.
"""

from __future__ import annotations

import streamlit as st

from tracker.domain import calendar, fmt
from tracker.domain.errors import TrackerError, ValidationFailed
from tracker.domain.model import VERDICTS, User
from tracker.domain.plaintext import md_escape
from tracker.exchange import uploads
from tracker.store import visits as store
from tracker.store.checklists import checklist_items
from tracker.store.reference import list_clauses
from tracker.ui.context import db, lang, read, t

_FLASH = "vf_flash"
_NONCE = "vf_nonce"


def record_form(user: User, year: int, unit_id: int, unit_name: str) -> None:
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash)
    n = st.session_state.setdefault(_NONCE, 0)
    st.markdown("#### " + t("vis.form.heading", unit=md_escape(unit_name)))
    clauses = read(list_clauses, year)
    title = "title_fa" if lang() == "fa" else "title_en"
    labels = {int(r["id"]): f"{fmt.digits(int(r['number']), lang())}. {r[title]}"
              for _, r in clauses.iterrows()}
    numbers = dict(zip(clauses["id"].astype(int), clauses["number"].astype(int), strict=True))
    chosen = st.multiselect(t("vis.form.clauses"), list(labels), format_func=labels.get,
                            key=f"vf_clauses_{n}", placeholder=t("vis.form.clauses_hint"))
    if not chosen:
        st.caption(t("vis.form.pick_clauses"))
        return
    checklists = read(checklist_items)
    with st.form(f"vf_{n}"):
        date_text = st.text_input(t("vis.form.date"), key=f"vf_date_{n}",
                                  value=calendar.format_date(calendar.today_tehran(), lang()),
                                  help=t("vis.form.date_help"))
        summary = st.text_area(t("vis.form.summary"), key=f"vf_summary_{n}",
                               max_chars=store.MAX_TEXT, height=80)
        entries = [_clause_block(cid, labels[cid], numbers[cid], checklists, n)
                   for cid in chosen]
        files = st.file_uploader(t("vis.form.files", max=uploads.limits().max_mb),
                                 type=uploads.picker_types(), accept_multiple_files=True,
                                 key=f"vf_files_{n}")
        submitted = st.form_submit_button(t("vis.form.submit"), type="primary",
                                          icon=":material/send:")
    if submitted:
        _submit(user, year, unit_id, date_text, summary, entries, files or [])


def _clause_block(cid: int, label: str, number: int, checklists, n: int) -> dict:
    st.markdown(f"**{md_escape(label)}**")
    verdict = st.radio(t("vis.form.verdict"), VERDICTS, index=None, horizontal=True,
                       key=f"vf_verdict_{cid}_{n}", format_func=lambda v: t(f"vis.verdict.{v}"))
    answers = {}
    items = checklists[checklists["clause_number"] == number]
    text = "text_fa" if lang() == "fa" else "text_en"
    for _, item in items.iterrows():
        k = int(item["item"])
        answers[k] = st.radio(md_escape(item[text]), ("yes", "no", "na"), index=None,
                              horizontal=True, key=f"vf_ans_{cid}_{k}_{n}",
                              format_func=lambda a: t(f"vis.answer.{a}"))
    findings = st.text_area(t("vis.form.findings"), key=f"vf_find_{cid}_{n}",
                            max_chars=store.MAX_TEXT, height=80)
    a, b = st.columns([3, 1])
    action = a.text_input(t("vis.form.action"), key=f"vf_action_{cid}_{n}",
                          max_chars=store.MAX_ACTION)
    due = b.text_input(t("vis.form.due"), key=f"vf_due_{cid}_{n}",
                       placeholder=fmt.digits("1405/10/15", lang()))
    st.divider()
    return {"clause_id": cid, "number": number, "verdict": verdict, "answers": answers,
            "findings": findings, "action": action, "due": due}


def _submit(user: User, year: int, unit_id: int, date_text: str, summary: str,
            entries: list[dict], files: list) -> None:
    problems: list[str] = []
    visit_date = _date(date_text, t("vis.form.date"), problems)
    items, actions = [], []
    for e in entries:
        clause = fmt.digits(e["number"], lang())
        if e["verdict"] is None:
            problems.append(t("vis.form.no_verdict", clause=clause))
            continue
        items.append(store.VisitItem(e["clause_id"], e["verdict"], e["answers"], e["findings"]))
        if e["action"].strip() or e["due"].strip():
            due = _date(e["due"], t("vis.form.due_of", clause=clause), problems)
            actions.append(store.NewAction(e["action"], due, e["clause_id"]))
    if problems:
        st.error("\n\n".join(md_escape(p) for p in problems))
        return
    ups = [store.Upload(f.name, f.getvalue()) for f in files]
    try:
        store.record_visit(db(), user, year, unit_id, visit_date, items, summary=summary,
                           actions=actions, files=ups)
    except ValidationFailed as exc:
        st.error("\n\n".join(md_escape(m) for m in
                               [exc.message(lang())] + [_problem(p) for p in exc.problems]))
    except TrackerError as exc:
        st.error(md_escape(exc.message(lang())))
    else:
        st.session_state[_FLASH] = t("vis.form.saved", count=len(items), actions=len(actions),
                                     files=len(ups))
        st.session_state[_NONCE] = st.session_state.get(_NONCE, 0) + 1
        st.rerun()


def _date(text: str, label: str, problems: list[str]):
    try:
        return calendar.parse_jalali(text)
    except calendar.BadDate as exc:
        problems.append(f"{label}: {exc.message(lang())}")
        return None


def _problem(p) -> str:
    if p.row is None:
        return "• " + p.message(lang())
    return "• " + t("vis.form.problem_row", clause=fmt.digits(p.row, lang()),
                    message=p.message(lang()))
